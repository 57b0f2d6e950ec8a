//! One state of the previewed site, in memory: the content as loaded, its
//! figures, and every page rendered when first asked for (then kept), so
//! that a change costs only re-reading what it touched.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::Diagnostic;
use crate::figures::SiteFigures;
use crate::render::{self, Page};
use crate::site::{self, Content, Failure};

/// The site as it stands after one successful load.
pub struct Preview {
    content: Content,
    figures: SiteFigures,
    /// Every page, in the build's order.
    pages: Vec<Page>,
    /// Each page's place in `pages`, by the file it would be written to.
    index: HashMap<String, usize>,
    /// Pages rendered so far, by file.
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The other files (open data, statics, feeds, 404), made on first use.
    others: OnceLock<BTreeMap<String, Arc<Vec<u8>>>>,
}

impl Preview {
    /// Indexes the pages of `content`.
    pub fn new(content: Content) -> Result<Preview, Failure> {
        let figures = SiteFigures::of(&content.entries, &content.theme.methodology);
        let site = content.site(&figures)?;
        let pages = site.pages();
        let index = pages
            .iter()
            .enumerate()
            .map(|(i, page)| (site.urls.file(&page.route), i))
            .collect();
        drop(site);
        Ok(Preview {
            content,
            figures,
            pages,
            index,
            rendered: Mutex::new(HashMap::new()),
            others: OnceLock::new(),
        })
    }

    /// The file at `path` (relative to the output folder): a page, rendered
    /// now unless it was before, or one of the other files; `None` if the
    /// site has no such file.
    pub fn file(&self, path: &str) -> Result<Option<Arc<Vec<u8>>>, Failure> {
        if let Some(page) = self.index.get(path).map(|&i| &self.pages[i]) {
            if let Some(done) = self.rendered.lock().ok().and_then(|r| r.get(path).cloned()) {
                return Ok(Some(done));
            }
            let site = self.content.site(&self.figures)?;
            let bytes = Arc::new(
                site.render(page)
                    .map_err(|d| Failure::Content(vec![d]))?
                    .bytes,
            );
            if let Ok(mut rendered) = self.rendered.lock() {
                rendered.insert(path.to_string(), bytes.clone());
            }
            return Ok(Some(bytes));
        }
        Ok(self.others()?.get(path).cloned())
    }

    /// Renders the pages of the passports with these ids now, in every
    /// language; returns how many.
    pub fn render_passports(&self, ids: &[String]) -> Result<usize, Failure> {
        let files: Vec<String> = self
            .index
            .iter()
            .filter(|&(_, &i)| {
                let route = &self.pages[i].route;
                ids.iter()
                    .any(|id| *route == render::passport_route(&route.lang, id))
            })
            .map(|(file, _)| file.clone())
            .collect();
        for file in &files {
            self.file(file)?;
        }
        Ok(files.len())
    }

    /// How many passports this state holds.
    pub fn passports(&self) -> usize {
        self.content.entries.len()
    }

    /// The warnings of the load.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.content.diagnostics.clone().sorted()
    }

    fn others(&self) -> Result<&BTreeMap<String, Arc<Vec<u8>>>, Failure> {
        if let Some(others) = self.others.get() {
            return Ok(others);
        }
        let site = self.content.site(&self.figures)?;
        let mut files = BTreeMap::new();
        let keep = |f: render::Rendered| {
            files.insert(f.path, Arc::new(f.bytes));
            Ok::<(), std::convert::Infallible>(())
        };
        let Ok(_) = site::other_files(&self.content, &self.figures, &site, &self.pages, keep);
        Ok(self.others.get_or_init(|| files))
    }
}
