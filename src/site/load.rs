//! The first stage: configuration, theme and content read and checked into
//! `Content`. A `Loader` remembers what it read, so that `serve` re-reads
//! only the files a change touched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Failure;
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::editions;
use crate::figures::Methodology;
use crate::geo::{self, Boundaries};
use crate::i18n::{self, Catalog};
use crate::messages::Message;
use crate::passport::{self, Entry};
use crate::render;
use crate::reports::{self, Report};
use crate::theme::{Theme, ThemeError};

/// Everything read from a site, checked.
pub struct Content {
    pub config: Config,
    pub theme: Arc<Theme>,
    /// The threat methodology (the site's `methodology.toml` or the
    /// default), and its text, as a closed edition keeps it.
    pub methodology: (Arc<Methodology>, String),
    /// Today's passports, and (on a site with editions) those of
    /// communities not yet updated, from the latest edition that has them.
    pub entries: Vec<Entry>,
    /// The closed editions, oldest first.
    pub editions: Vec<editions::Edition>,
    pub reports: Vec<Report>,
    /// The foundation's own pages (`content/pages`), as reports are.
    pub pages: Vec<Report>,
    pub catalogs: Catalogs,
    /// The logo's bytes, if `site.toml` names one (checked to be an image).
    pub logo: Option<Vec<u8>>,
    /// The communities' boundaries from `content/geo/`, if any.
    pub boundaries: Option<Boundaries>,
    pub diagnostics: Diagnostics,
}

/// Reads sites. A one-off loader (`build`, `check`) reads everything; a
/// kept one (`serve`) holds the passports, theme and translations it read
/// until told that their files changed.
pub struct Loader {
    keep: bool,
    base_url: Option<String>,
    passports: passport::Cache,
    /// The theme and its warnings.
    theme: Option<(Arc<Theme>, Vec<Diagnostic>)>,
    catalogs: Option<(Catalogs, Vec<Diagnostic>)>,
}

/// The translation catalogs by language, shared by the loads that keep them.
pub type Catalogs = Arc<BTreeMap<String, Catalog>>;

impl Loader {
    /// Reads everything, once.
    pub fn once() -> Loader {
        Loader {
            keep: false,
            base_url: None,
            passports: passport::Cache::new(),
            theme: None,
            catalogs: None,
        }
    }

    /// Keeps what it reads between loads, and puts the site at `base_url`
    /// (the preview's own address) whatever site.toml says.
    pub fn kept(base_url: String) -> Loader {
        Loader {
            keep: true,
            base_url: Some(base_url),
            ..Loader::once()
        }
    }

    /// Forgets what the files at `changed` (relative to the site) gave, so
    /// that the next load reads them again; a change to site.toml or a
    /// theme forgets everything.
    pub fn forget(&mut self, changed: &[PathBuf]) {
        for path in changed {
            if path.starts_with("content/passports") {
                self.passports.remove(path);
            } else if path.starts_with("content/i18n") {
                self.catalogs = None;
            } else if !path.starts_with("content") {
                self.passports.clear();
                self.theme = None;
                self.catalogs = None;
            }
        }
    }

    /// Reads and checks configuration, theme and content; `languages`
    /// limits the languages built (all are checked).
    pub fn load(&mut self, site: &Path, languages: Option<&[String]>) -> Result<Content, Failure> {
        let mut config = Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
        if let Some(base_url) = &self.base_url {
            config.base_url.clone_from(base_url);
        }
        if let Some(only) = languages
            && let Some(unknown) = only.iter().find(|l| !config.languages.contains(l))
        {
            return Err(Failure::Usage(tr!(
                "error: --lang: `{unknown}` is not one of the site's languages ({languages})",
                unknown,
                languages = config.languages.join(", ")
            )));
        }
        let mut diagnostics = Diagnostics::default();
        let logo = match &config.logo {
            Some(path) => Some(logo(site, path, &mut diagnostics)?),
            None => None,
        };
        let theme = match self.theme.clone() {
            Some(theme) => Some(theme),
            None => match Theme::load(site, &config) {
                Ok((theme, warnings)) => Some((Arc::new(theme), warnings)),
                Err(e @ ThemeError::Config(_)) => return Err(e.into()),
                Err(ThemeError::Content(found)) => {
                    diagnostics.extend(found);
                    None
                }
            },
        };
        if self.keep {
            self.theme.clone_from(&theme);
        }
        let theme = theme.map(|(theme, warnings)| {
            diagnostics.extend(warnings);
            diagnostics.extend(theme_shadows(&config, &theme));
            theme
        });
        let methodology = Methodology::load(site, &config.default_language)
            .map(|(m, text)| (Arc::new(m), text))
            .map_err(|found| diagnostics.extend(found))
            .ok();
        let (mut entries, found) =
            passport::load_all(site, "content/passports", &mut self.passports, self.keep);
        diagnostics.extend(found);
        // Past editions are checked, and their links to today's.
        let (editions, found) = editions::load(site, &config);
        diagnostics.extend(found);
        diagnostics.extend(editions::links(site, &entries, &editions));
        entries.extend(editions::not_updated(&entries, &editions));
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        let (boundaries, found) = geo::load(site, &config.geo, &entries);
        diagnostics.extend(found);
        let (reports, found) = reports::load_all(
            site,
            "content/reports",
            &config.languages,
            &config.default_language,
        );
        diagnostics.extend(found);
        let (pages, found) = reports::load_all(
            site,
            "content/pages",
            &config.languages,
            &config.default_language,
        );
        diagnostics.extend(found);
        diagnostics.extend(reserved_names(&config, &pages));
        let (catalogs, found) = match self.catalogs.take() {
            Some(kept) => kept,
            None => {
                let (catalogs, found) = i18n::load(site, &config.languages);
                (Arc::new(catalogs), found)
            }
        };
        diagnostics.extend(found.iter().cloned());
        if self.keep {
            self.catalogs = Some((catalogs.clone(), found));
        }
        // Everything is checked in every language; only the asked-for ones are built.
        if let Some(only) = languages {
            config.languages.retain(|l| only.contains(l));
        }
        diagnostics.extend(chart_references(&reports, &pages, &entries));
        match (theme, methodology) {
            (Some(theme), Some(methodology)) if !diagnostics.has_errors() => Ok(Content {
                config,
                theme,
                methodology,
                entries,
                editions,
                reports,
                pages,
                catalogs,
                logo,
                boundaries,
                diagnostics,
            }),
            _ => Err(Failure::Content(diagnostics.sorted())),
        }
    }
}

/// The logo `site.toml` names: its bytes, which must be inside the site
/// (else the configuration is wrong) and an image of the kind its name
/// says (else it is an error at the file).
fn logo(site: &Path, path: &Path, diagnostics: &mut Diagnostics) -> Result<Vec<u8>, Failure> {
    let bytes = crate::source::read_site_file(site, path)
        .map_err(|m| Failure::Usage(tr!("error: site.toml: logo: {m}", m)))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if let Some(problem) = crate::print::image_problem(&bytes, ext) {
        diagnostics.extend([Diagnostic::error(
            path,
            (1, 1),
            Code::BadImage,
            tr!(
                "the logo cannot be read as an {kind} image: {problem}",
                kind = ext.to_uppercase(),
                problem = Message::verbatim(problem)
            ),
        )
        .hint(tr!(
            "export it again from the program it was made in, and open it in a browser to check"
        ))]);
    }
    Ok(bytes)
}

/// The theme's static files that would stand where the site writes a file
/// of its own (two sources for one path: only one could be published).
fn theme_shadows(config: &Config, theme: &Theme) -> Vec<Diagnostic> {
    let made = render::static_file(render::DESIGN_CSS);
    let dir = Path::new("themes").join(&config.theme);
    theme
        .statics
        .contains_key(render::DESIGN_CSS)
        .then_some(made)
        .into_iter()
        .map(|file| {
            Diagnostic::error(
                &dir.join(&file),
                (1, 1),
                Code::Design,
                tr!(
                    "the theme's {file} would take the place of the stylesheet hromada makes from design.toml",
                    file
                ),
            )
            .hint(tr!(
                "rename the file, or put its rules in the theme's static/style.css"
            ))
        })
        .collect()
}

/// The foundation's pages whose names the site uses itself.
fn reserved_names(config: &Config, pages: &[Report]) -> Vec<Diagnostic> {
    pages
        .iter()
        .filter_map(|page| Some((page, render::taken(&page.name, &config.languages)?)))
        .map(|(page, place)| {
            let file = &page.versions[&config.default_language].file;
            Diagnostic::error(
                file,
                (1, 1),
                Code::BadId,
                tr!(
                    "a page cannot be called `{name}`: the site publishes {place} itself",
                    name = page.name,
                    place
                ),
            )
            .hint(tr!("rename the file, e.g. about.md or methodology.md"))
        })
        .collect()
}

/// Charts in reports and pages that name no passport or chart.
fn chart_references(reports: &[Report], pages: &[Report], entries: &[Entry]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for version in reports
        .iter()
        .chain(pages)
        .flat_map(|r| r.versions.values())
    {
        for chart in &version.charts {
            if let Some((message, hint)) = render::check_chart_ref(chart, entries) {
                diagnostics.push(
                    Diagnostic::error(&version.file, (chart.line, 1), Code::ReportChart, message)
                        .hint(hint),
                );
            }
        }
    }
    diagnostics
}
