//! One state of the previewed site, in memory: the content as loaded, its
//! figures, and every page rendered when first asked for (then kept), so
//! that a change costs only re-reading what it touched.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::Diagnostic;
use crate::figures::SiteFigures;
use crate::messages::Message;
use crate::raster::{Drawer, Form, Picture};
use crate::render::{self, Page, Rendered};
use crate::site::{self, Content, Failure};

/// The site as it stands after one successful load.
pub struct Preview {
    content: Content,
    figures: SiteFigures,
    /// Each closed edition's own figures, for its archive.
    past: Vec<SiteFigures>,
    /// Every page, in the build's order: today's site's, then each closed
    /// edition's archive's.
    pages: Vec<Vec<Page>>,
    /// Each page's place in `pages` (which site, which page), by the file
    /// it would be written to.
    index: HashMap<String, (usize, usize)>,
    /// Pages rendered so far, by file.
    rendered: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// The other files (open data, statics, feeds, 404), made on first use.
    others: OnceLock<BTreeMap<String, Arc<Vec<u8>>>>,
    /// What rendered pages brought with them (their charts' CSV and embed
    /// pages, and their drawings once drawn), by file.
    extras: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Rendered pages' drawings not drawn yet, by file: the picture (shared
    /// by a chart's files) and how to draw the file.
    drawings: Mutex<HashMap<String, (Arc<Picture>, Form)>>,
    /// Draws them when asked for (no cache: the preview writes nothing).
    drawer: OnceLock<Drawer>,
}

impl Preview {
    /// Indexes the pages of `content`.
    pub fn new(content: Content) -> Result<Preview, Failure> {
        let (figures, past) = content.figures();
        let mut pages = Vec::new();
        let mut index = HashMap::new();
        for s in 0..=past.len() {
            let site = match s {
                0 => content.site(&figures)?,
                k => content.archive(k - 1, &past[k - 1])?,
            };
            let these = site.pages();
            for (i, page) in these.iter().enumerate() {
                index.insert(site.urls.file(&page.route), (s, i));
            }
            pages.push(these);
        }
        Ok(Preview {
            content,
            figures,
            past,
            pages,
            index,
            rendered: Mutex::new(HashMap::new()),
            others: OnceLock::new(),
            extras: Mutex::new(HashMap::new()),
            drawings: Mutex::new(HashMap::new()),
            drawer: OnceLock::new(),
        })
    }

    /// The file at `path` (relative to the output folder): a page, rendered
    /// now unless it was before, or one of the other files; `None` if the
    /// site has no such file.
    pub fn file(&self, path: &str) -> Result<Option<Arc<Vec<u8>>>, Failure> {
        if let Some(&(s, i)) = self.index.get(path) {
            if let Some(done) = held(&self.rendered).get(path).cloned() {
                return Ok(Some(done));
            }
            let page = &self.pages[s][i];
            let site = match s {
                0 => {
                    let mut site = self.content.site(&self.figures)?;
                    site.set_downloads(true);
                    site
                }
                k => self.content.archive(k - 1, &self.past[k - 1])?,
            };
            let page = site.render(page).map_err(|d| Failure::Content(vec![d]))?;
            let bytes = Arc::new(page.bytes);
            self.keep_extras(page.extras);
            held(&self.rendered).insert(path.to_string(), bytes.clone());
            return Ok(Some(bytes));
        }
        if let Some(file) = self.others()?.get(path) {
            return Ok(Some(file.clone()));
        }
        self.extra(path)
    }

    /// Keeps what a rendered page brought with it.
    fn keep_extras(&self, extras: render::Extras) {
        let mut files = held(&self.extras);
        for Rendered { path, bytes, .. } in extras.files {
            files.insert(path, Arc::new(bytes));
        }
        let mut drawings = held(&self.drawings);
        for drawing in extras.drawings {
            let picture = Arc::new(drawing);
            for (path, form) in &picture.files {
                drawings.insert(path.clone(), (picture.clone(), *form));
            }
        }
    }

    /// A chart's file or a share card: made when its page is rendered (so
    /// that page is rendered first if need be), drawn when first asked for.
    fn extra(&self, path: &str) -> Result<Option<Arc<Vec<u8>>>, Failure> {
        let known = |path: &str| held(&self.extras).get(path).cloned();
        if let Some(file) = known(path) {
            return Ok(Some(file));
        }
        let Some(owner) = render::page_of_extra(path) else {
            return Ok(None);
        };
        let pending = |path: &str| held(&self.drawings).get(path).cloned();
        if known(path).is_none() && pending(path).is_none() && self.index.contains_key(&owner) {
            self.file(&owner)?;
        }
        if let Some(file) = known(path) {
            return Ok(Some(file));
        }
        let Some((picture, form)) = pending(path) else {
            return Ok(None);
        };
        let drawer = self
            .drawer
            .get_or_init(|| Drawer::new(&self.content.theme.font_files(), None));
        let bytes = Arc::new(
            drawer
                .draw_file(&picture.drawing, &picture.id, form)
                .map_err(|why| {
                    Failure::Io(tr!(
                        "cannot draw {path}: {why}",
                        path,
                        why = Message::verbatim(why)
                    ))
                })?,
        );
        held(&self.extras).insert(path.to_string(), bytes.clone());
        Ok(Some(bytes))
    }

    /// Renders the pages of the passports with these ids now, in every
    /// language; returns how many.
    pub fn render_passports(&self, ids: &[String]) -> Result<usize, Failure> {
        let files: Vec<String> = self
            .index
            .iter()
            .filter(|&(_, &(s, i))| {
                let route = &self.pages[s][i].route;
                s == 0
                    && ids
                        .iter()
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
        let archives = (0..self.past.len())
            .map(|k| self.content.archive(k, &self.past[k]))
            .collect::<Result<Vec<_>, _>>()?;
        let mut files = BTreeMap::new();
        let keep = |f: render::Rendered| {
            files.insert(f.path, Arc::new(f.bytes));
            Ok::<(), std::convert::Infallible>(())
        };
        let Ok(_) = site::other_files(
            &self.content,
            &self.figures,
            &site,
            &self.pages[0],
            (&archives, &self.pages[1..]),
            keep,
        );
        Ok(self.others.get_or_init(|| files))
    }
}

/// What a lock holds, even if a thread panicked holding it: every map here
/// is changed by one insert at a time, so none is left half-changed.
fn held<T>(lock: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    lock.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
