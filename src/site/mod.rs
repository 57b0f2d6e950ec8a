//! The build, stage by stage: configuration, output folder, theme, content
//! (passports and reports), derived figures, rendering into the staging
//! folder, and the swap. `check` runs the same stages up to rendering.

use std::path::{Path, PathBuf};
use std::time::Instant;

mod load;
mod pages;
mod pdfs;

pub use load::{Content, Loader};

use crate::cache::Cache;
use crate::config::Config;
use crate::data;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity};
use crate::figures::{History, Past, SiteFigures};
use crate::i18n;
use crate::messages::{self, Message};
use crate::output::{self, OutputError};

use crate::progress::{Kind, Progress};
use crate::raster::Drawer;
use crate::render::{self, Outcome, Page, Rendered, Site};
use crate::reports::{self, Report};
use rayon::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use crate::failure::Failure;

impl From<OutputError> for Failure {
    fn from(e: OutputError) -> Failure {
        match e {
            OutputError::Refused(m) => Failure::Usage(tr!("error: {m}", m)),
            OutputError::Io(m) => Failure::Io(m),
        }
    }
}

/// What `build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Overrides `output_dir`.
    pub output: Option<PathBuf>,
    /// Builds only these languages.
    pub languages: Option<Vec<String>>,
    /// Skips the PDFs.
    pub no_pdf: bool,
    /// Skips charts' files and pages' share cards.
    pub no_downloads: bool,
    /// The build cache's folder; `None` makes every PDF and drawing anew.
    pub cache: Option<PathBuf>,
    /// How the build shows its progress.
    pub progress: Progress,
}

/// What a successful build made.
#[derive(Debug)]
pub struct Summary {
    pub made: Made,
    pub output: PathBuf,
    pub seconds: f64,
    /// Warnings, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// Checks a site without writing anything; returns its warnings.
pub fn check(site: &Path) -> Result<Vec<Diagnostic>, Failure> {
    let content = Loader::once().load(site, None)?;
    Ok(content.diagnostics.sorted())
}

/// Builds the site into its output folder.
pub fn build(site: &Path, options: &BuildOptions) -> Result<Summary, Failure> {
    let started = Instant::now();
    let config = Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    let target = options
        .output
        .clone()
        .unwrap_or_else(|| site.join(&config.output_dir));
    let mut staging = output::prepare(site, &target)?;
    if options.cache.is_none() {
        // `--no-cache`: nothing from before, not the previous output either.
        staging.forget_previous();
    }
    let result = Loader::once()
        .load(site, options.languages.as_deref())
        .and_then(|content| render(&content, &staging, options).map(|made| (content, made)));

    match result {
        Ok((mut content, (made, rendering))) => {
            let leftover = staging.publish()?;
            content.diagnostics.extend(rendering);
            content.diagnostics.extend(leftover.map(|why| {
                Diagnostic::error(&target, (1, 1), Code::PreviousOutput, why)
                    .hint(tr!(
                        "the next build removes it; check the folder's permissions"
                    ))
                    .warning()
            }));
            let warnings: Vec<Diagnostic> = content
                .diagnostics
                .sorted()
                .into_iter()
                .filter(|d| d.severity == Severity::Warning)
                .collect();
            Ok(Summary {
                made,
                output: target,
                seconds: started.elapsed().as_secs_f64(),
                warnings,
            })
        }
        Err(failure) => {
            staging.discard();
            Err(failure)
        }
    }
}

/// What rendering made.
#[derive(Debug)]
pub struct Made {
    pub pages: usize,
    pub files: usize,
    pub charts: usize,
    pub pdfs: usize,
    /// The seconds typesetting the PDFs took.
    pub pdf_seconds: f64,
}

impl Content {
    /// Today's figures, with how they changed since the closed editions,
    /// and each closed edition's own figures (among its own passports).
    pub fn figures(&self) -> (SiteFigures, Vec<SiteFigures>) {
        let methodology = &self.methodology.0;
        let past: Vec<SiteFigures> = (self.editions.par_iter())
            .map(|e| {
                SiteFigures::of(
                    &e.entries,
                    e.methodology.as_ref().unwrap_or(methodology).clone(),
                )
            })
            .collect();
        let mut today = SiteFigures::of(&self.entries, methodology.clone());
        if let Some(name) = &self.config.edition {
            let editions: Vec<Past> = (self.editions.iter().zip(&past))
                .map(|(e, figures)| Past {
                    name: &e.name,
                    entries: &e.entries,
                    figures,
                })
                .collect();
            today.history = History::of(name, &self.entries, &today, &editions);
        }
        (today, past)
    }

    /// The site's pages as rendering sees them, with `figures` derived
    /// from its passports.
    pub fn site<'a>(&'a self, figures: &'a SiteFigures) -> Result<Site<'a>, Failure> {
        Site::new(
            &self.config,
            &self.theme,
            &self.entries,
            figures,
            &self.reports,
            &self.pages,
            &self.catalogs,
        )
        .map(|mut site| {
            site.boundaries = self.boundaries.as_ref();
            site
        })
        .map_err(Failure::Usage)
    }

    /// The archive of the `k`th closed edition, with its `figures`: its
    /// home and passport pages, frozen, under `editions/<name>/`.
    pub fn archive<'a>(&'a self, k: usize, figures: &'a SiteFigures) -> Result<Site<'a>, Failure> {
        let edition = &self.editions[k];
        Site::new(
            &self.config,
            &self.theme,
            &edition.entries,
            figures,
            &[],
            &self.pages,
            &self.catalogs,
        )
        .map(|site| site.archive(&edition.name))
        .map_err(Failure::Usage)
    }
}

/// Makes one open data file's bytes, or says why it cannot.
type MakeFile<'a> = &'a dyn Fn() -> Result<Vec<u8>, String>;

/// Every file of the site that is not a page or a PDF: open data, the
/// theme's static files, the 404 page, the sitemap and the feeds, each
/// handed to `each` as soon as it is made (the open data of ten times the
/// country is 250 MB: one file at a time is held, not all); returns what
/// was made, the errors of files that could not be made, and what the
/// 404 page and the feeds noticed; the sitemap lists the pages of the
/// closed editions' `archives` too. Stops at the first error of `each`.
pub fn other_files<E>(
    content: &Content,
    figures: &SiteFigures,
    site: &Site,
    pages: &[Page],
    archives: (&[Site], &[Vec<Page>]),
    mut each: impl FnMut(Rendered) -> Result<(), E>,
) -> Result<Outcome, E> {
    let entries = &content.entries;
    let mut outcome = Outcome::default();
    let history = figures.history.as_ref();
    let data: [(&str, MakeFile); 6] = [
        ("passports.json", &|| data::passports_json(entries, figures)),
        ("passports.csv", &|| data::passports_csv(entries, figures)),
        ("measures.json", &|| data::measures_json(entries)),
        ("passport.schema.json", &data::passport_schema),
        ("measures.csv", &|| data::measures_csv(entries)),
        ("datapackage.json", &|| {
            let (config, ui) = (&content.config, &content.theme.ui);
            data::datapackage_json(config, ui, entries, history.is_some())
        }),
    ];
    // An open data file, or the error of one that cannot be made.
    let open_data = |name: &str, made: Result<Vec<u8>, String>| {
        let path = render::data_file(name);
        made.map(|bytes| Rendered::new(path.clone(), bytes))
            .map_err(|e| {
                Diagnostic::error(
                    Path::new(&path),
                    (1, 1),
                    Code::DataFile,
                    tr!(
                        "the open data file cannot be made: {why}",
                        why = Message::verbatim(e)
                    ),
                )
                .hint(tr!(
                    "this is a fault in hromada, not in the content: report it with the passports"
                ))
            })
    };
    let mut files: Vec<Result<Rendered, Diagnostic>> = data
        .iter()
        .map(|(name, make)| open_data(name, make()))
        .collect();
    // A site with editions: every community's key figures in each.
    if let Some(h) = history {
        files.push(open_data("editions.csv", data::editions_csv(entries, h)));
        files.push(open_data("editions.json", data::editions_json(entries, h)));
    }
    // Each community's record on its own, after the files of all.
    files.extend(entries.iter().enumerate().map(|(i, e)| {
        open_data(
            &format!("passports/{}.json", e.id),
            data::passport_json(entries, figures, i),
        )
    }));
    // The blank passport form, for working groups to fill in.
    files.push(
        crate::form::blank(&content.theme)
            .map(|bytes| Rendered::new(render::form_file(crate::form::BLANK), bytes))
            .map_err(|e| {
                Diagnostic::error(Path::new(crate::form::BLANK), (1, 1), Code::Template, e).hint(
                    tr!("the form's labels are the theme's UI strings in Ukrainian"),
                )
            }),
    );
    for (name, bytes) in &content.theme.statics {
        files.push(Ok(Rendered::new(render::static_file(name), bytes.clone())));
    }
    files.push(Ok(Rendered::new(
        render::static_file(render::DESIGN_CSS),
        content.theme.design.css().into_bytes(),
    )));
    files.extend([
        site.not_found(),
        site.sitemap(pages, archives.0, archives.1),
        Ok(site.robots()),
    ]);
    files.extend(site.feeds());
    for file in files {
        match file {
            Ok(file) => {
                outcome.add(Ok((0, file.noticed.clone())));
                each(file)?;
            }
            Err(d) => outcome.add(Err(d)),
        }
    }
    Ok(outcome)
}

/// Renders every page and file into the staging folder; returns what it
/// made and the warnings of rendering (untranslated texts). A file that
/// cannot be written stops the build at once: an I/O failure.
fn render(
    content: &Content,
    staging: &output::Staging,
    options: &BuildOptions,
) -> Result<(Made, Vec<Diagnostic>), Failure> {
    let (figures, past) = content.figures();
    let mut site = content.site(&figures)?;
    site.set_downloads(!options.no_downloads);
    // Each closed edition's archive: its home and passports, frozen.
    let mut archives = (0..content.editions.len())
        .map(|k| content.archive(k, &past[k]))
        .collect::<Result<Vec<Site>, Failure>>()?;
    let mut outcome = Outcome::default();
    // A cache for each kind of file this build makes, so that a build
    // without PDFs (or drawings) leaves their entries alone; the pages'
    // records, whose keys differ with both, kept apart for each way.
    let mut caches: Vec<Arc<Cache>> = Vec::new();
    if let Some(dir) = options.cache.as_deref() {
        let pages = match (options.no_pdf, options.no_downloads) {
            (false, false) => "pages",
            (true, false) => "pages-no-pdf",
            (false, true) => "pages-no-downloads",
            (true, true) => "pages-no-pdf-no-downloads",
        };
        let kinds = [
            ("pdf", !options.no_pdf),
            ("drawings", !options.no_downloads),
            (pages, true),
        ];
        let opened: Result<Vec<_>, Message> = kinds
            .iter()
            .filter(|(_, made)| *made)
            .map(|(kind, _)| Cache::open(&dir.join(kind)).map(Arc::new))
            .collect();
        match opened {
            Ok(opened) => caches = opened,
            Err(why) => outcome.diagnostics.push(cache_warning(dir, why)),
        }
    }
    let mut each = caches.iter().cloned();
    let pdf_cache = (!options.no_pdf).then(|| each.next()).flatten();
    let drawing_cache = (!options.no_downloads).then(|| each.next()).flatten();
    let page_cache = each.next();
    let started = Instant::now();
    let pdfs = match options.no_pdf {
        false => pdfs::print(
            content,
            &mut site,
            &mut archives,
            staging,
            options,
            pdf_cache,
            &mut outcome,
        )?,
        true => 0,
    };
    let pdf_seconds = started.elapsed().as_secs_f64();
    let drawer = Drawer::new(&content.theme.font_files(), drawing_cache.clone());
    let pages = site.pages();
    let archived: Vec<Vec<Page>> = archives.iter().map(Site::pages).collect();
    let stage = options.progress.stage(
        Kind::Pages,
        pages.len() + archived.iter().map(Vec::len).sum::<usize>(),
    );
    let maker = pages::Pages {
        staging,
        drawer: &drawer,
        cache: page_cache.as_deref(),
        drawings: drawing_cache.as_deref(),
        stage: &stage,
        extras: AtomicUsize::new(0),
        linked: AtomicUsize::new(0),
    };
    // The open data, sitemap and feeds are made beside the pages.
    let (rendered, others) = rayon::join(
        || {
            let mut outcome = maker.make(&site, &pages)?;
            for (archive, pages) in archives.iter().zip(&archived) {
                outcome.merge(maker.make(archive, pages)?);
            }
            Ok::<Outcome, Failure>(outcome)
        },
        || {
            other_files(
                content,
                &figures,
                &site,
                &pages,
                (&archives, &archived),
                |f| write_file(staging, &f.path, &f.bytes, &f.path).map(drop),
            )
        },
    );
    let drawn = drawer.drawn.load(Ordering::Relaxed);
    let from_cache = drawer.cached.load(Ordering::Relaxed);
    let note = match (drawn, from_cache) {
        (0, 0) => None,
        (drawn, 0) => Some(trn!("{count} drawing", "{count} drawings", count = drawn)),
        (drawn, cached) => Some(trn!(
            "{count} drawing, {cached} from the cache",
            "{count} drawings, {cached} from the cache",
            count = drawn + cached,
            cached
        )),
    };
    let pages::Pages { extras, linked, .. } = maker;
    stage.finish(unchanged(linked.into_inner(), note));
    outcome.merge(rendered?);
    outcome.merge(others?);
    let mut all = Diagnostics::default();
    all.extend(outcome.diagnostics);
    all.extend(site.problems(&outcome.noticed));
    if all.has_errors() {
        return Err(Failure::Content(all.sorted()));
    }
    if let Some(dir) = options.cache.as_deref() {
        // Entries no file of this build used are dropped, but only after a
        // build that made everything it should; one warning at most.
        let failed = caches.iter().find_map(|c| c.failure()).or_else(|| {
            caches
                .iter()
                .find_map(|c| c.prune().err())
                .map(|e| tr!("cannot tidy it: {why}", why = messages::io_error(&e)))
        });
        all.extend(failed.map(|why| cache_warning(dir, why)));
    }
    let made = Made {
        pages: pages.len() + archived.iter().map(Vec::len).sum::<usize>(),
        files: outcome.files + pdfs + extras.into_inner(),
        charts: outcome.charts,
        pdfs,
        pdf_seconds,
    };
    Ok((made, all.sorted()))
}

/// A stage's closing note with how many of its outputs were `linked`
/// unchanged put first, if any were.
fn unchanged(linked: usize, note: Option<Message>) -> Option<Message> {
    match (linked, note) {
        (0, note) => note,
        (linked, Some(note)) => Some(tr!(
            "{linked} unchanged since they were last built; {note}",
            linked,
            note = note
        )),
        (linked, None) => Some(tr!("{linked} unchanged since they were last built", linked)),
    }
}

/// Writes one file, made for `source`, into the staging folder and
/// returns its fingerprint; failing to is an I/O failure.
fn write_file(
    staging: &output::Staging,
    path: &str,
    bytes: &[u8],
    source: &str,
) -> Result<output::Fingerprint, Failure> {
    staging
        .write(path, bytes, source)
        .map_err(|e| write_failure(staging, path, e))
}

fn write_failure(staging: &output::Staging, path: &str, e: std::io::Error) -> Failure {
    Failure::Io(tr!(
        "cannot write {path}: {why}",
        path = staging.dir.join(path).display(),
        why = messages::io_error(&e)
    ))
}

/// The one warning of a build cache that cannot be used: the build goes
/// on, making every PDF and drawing anew.
fn cache_warning(dir: &Path, why: Message) -> Diagnostic {
    Diagnostic::error(
        dir,
        (1, 1),
        Code::CacheUnwritable,
        tr!(
            "the build cache cannot be used ({why}); every PDF and drawing is made anew",
            why = why
        ),
    )
    .warning()
    .hint(tr!("make the folder writable, or build with --no-cache"))
}

/// The languages `i18n` works on: the one asked for, else every language
/// of the site but the passports' own.
fn translation_languages(config: &Config, lang: Option<&str>) -> Result<Vec<String>, Failure> {
    let source = crate::passport::SOURCE_LANG;
    match lang {
        Some(l) if l == source => Err(Failure::Usage(tr!(
            "error: --lang: passports are written in `{source}`; there is nothing to translate into it",
            source
        ))),
        Some(l) if !config.languages.iter().any(|c| c == l) => Err(Failure::Usage(tr!(
            "error: --lang: `{l}` is not one of the site's languages ({languages})",
            l,
            languages = config.languages.join(", ")
        ))),
        Some(l) => Ok(vec![l.to_string()]),
        None => Ok(config
            .languages
            .iter()
            .filter(|l| l.as_str() != source)
            .cloned()
            .collect()),
    }
}

/// The translatable texts of the site's passports.
fn translatable_texts(site: &Path) -> Result<Vec<i18n::Text>, Failure> {
    let (texts, diagnostics) = i18n::collect(site);
    // Warnings (links skipped) are for `build` and `check` to show.
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(Failure::Content(diagnostics))
    } else {
        Ok(texts)
    }
}

/// `i18n update`: brings each language's PO file up to date with the
/// passports; returns each file and what changed in it.
pub fn i18n_update(
    site: &Path,
    lang: Option<&str>,
    compendia: &[PathBuf],
    machine: Option<&str>,
) -> Result<Vec<(PathBuf, i18n::Merged)>, Failure> {
    let config = Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    let languages = translation_languages(&config, lang)?;
    let texts = translatable_texts(site)?;
    // Every compendium, read once; each is used for the language its
    // header names (all of them, if it names none).
    let compendia = config
        .i18n
        .compendium
        .iter()
        .chain(compendia)
        .map(|file| {
            let text = std::fs::read_to_string(site.join(file)).map_err(|e| {
                Failure::Usage(tr!(
                    "error: the compendium {file} cannot be read: {why}",
                    file = file.display(),
                    why = messages::io_error(&e)
                ))
            })?;
            let po = i18n::parse_po(&text, file).map_err(|d| Failure::Content(vec![d]))?;
            Ok((file, po))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let mut updated = Vec::new();
    for lang in languages {
        let (rel, existing) = i18n::read_po(site, &lang);
        let existing = existing.map_err(|d| Failure::Content(vec![d]))?;
        let abs = site.join(&rel);
        // The compendia in this language (the merge adds the site's own).
        let mut aids = i18n::Aids {
            similarity: config.i18n.similarity,
            glossary: i18n::Glossary::load(site, &lang).map_err(|d| Failure::Content(vec![d]))?,
            ..i18n::Aids::default()
        };
        for (file, po) in &compendia {
            if po.metadata.get("Language").is_none_or(|l| *l == lang) {
                aids.memory.add(po, &file.display().to_string());
            }
        }
        let mut merged = i18n::merge(existing.as_deref(), &rel, &texts, &lang, &aids)
            .map_err(|d| Failure::Content(vec![d]))?;
        if let Some(command) = machine {
            let timeout = std::time::Duration::from_secs(config.i18n.machine_timeout);
            let (text, suggested) = i18n::fill_by_machine(
                &merged.text,
                &rel,
                command,
                timeout,
                &texts,
                &lang,
            )
            .map_err(|e| {
                Failure::Usage(tr!(
                    "error: the --machine command `{command}` {why}; {rel} is left as it was",
                    command,
                    why = e,
                    rel = rel.display()
                ))
            })?;
            merged.text = text;
            merged.machine = suggested;
        }
        if existing.as_deref() != Some(merged.text.as_str()) {
            let io = |e: std::io::Error| {
                Failure::Io(tr!(
                    "cannot write {path}: {why}",
                    path = abs.display(),
                    why = messages::io_error(&e)
                ))
            };
            std::fs::create_dir_all(abs.parent().unwrap_or(site)).map_err(io)?;
            std::fs::write(&abs, &merged.text).map_err(io)?;
        }
        updated.push((rel, merged));
    }
    Ok(updated)
}

/// Reports and pages, each dir's, loaded as `build` loads them.
fn texts_of_reports(site: &Path, config: &Config) -> (Vec<Report>, Vec<Diagnostic>) {
    let mut all = (Vec::new(), Vec::new());
    for dir in ["content/reports", "content/pages"] {
        let (reports, found) =
            reports::load_all(site, dir, &config.languages, &config.default_language);
        all.0.extend(reports);
        all.1.extend(found);
    }
    all
}

/// Writes `translates: <fingerprint of the original>` into the front
/// matter of each translated report (or page) that does not say yet which
/// original it translates, in `lang` or every language; returns the files
/// written. A translation that says so already is left alone: only its
/// translator knows when it has caught up with a changed original.
pub fn record_originals(site: &Path, lang: Option<&str>) -> Result<Vec<PathBuf>, Failure> {
    let config = Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    let languages = translation_languages(&config, lang)?;
    let (reports, _) = texts_of_reports(site, &config);
    let mut written = Vec::new();
    for report in &reports {
        let original = &report.versions[&config.default_language];
        for lang in &languages {
            let Some(version) = report.versions.get(lang) else {
                continue;
            };
            if version.front.translates.is_some() {
                continue;
            }
            let path = site.join(&version.file);
            let io = |e: std::io::Error| {
                Failure::Io(tr!(
                    "{path}: {why}",
                    path = path.display(),
                    why = messages::io_error(&e)
                ))
            };
            let text = std::fs::read_to_string(&path).map_err(io)?;
            let line = format!("translates: {}", original.fingerprint);
            let Some(text) = reports::with_front_matter_line(&text, &line) else {
                continue;
            };
            std::fs::write(&path, text).map_err(io)?;
            written.push(version.file.clone());
        }
    }
    Ok(written)
}

/// `i18n status`: how far each language's translation has come.
pub fn i18n_status(site: &Path, lang: Option<&str>) -> Result<Vec<i18n::Status>, Failure> {
    let config = Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    let languages = translation_languages(&config, lang)?;
    let texts = translatable_texts(site)?;
    let (catalogs, diagnostics) = i18n::load(site, &languages);
    if !diagnostics.is_empty() {
        return Err(Failure::Content(diagnostics));
    }
    let (reports, _) = texts_of_reports(site, &config);
    catalogs
        .values()
        .map(|c| {
            let glossary =
                i18n::Glossary::load(site, &c.lang).map_err(|d| Failure::Content(vec![d]))?;
            let mut status = i18n::status(c, &texts);
            status.outdated = outdated_reports(&reports, &config.default_language, &c.lang);
            status.glossary = i18n::glossary_misses(c, &glossary, &texts);
            Ok(status)
        })
        .collect()
}

/// The translations into `lang` whose original has changed since.
fn outdated_reports(reports: &[Report], default: &str, lang: &str) -> Vec<i18n::Outdated> {
    reports
        .iter()
        .filter_map(|r| {
            let original = &r.versions[default];
            let version = r.versions.get(lang).filter(|v| v.is_outdated(original))?;
            Some(i18n::Outdated {
                file: version.file.display().to_string(),
                line: version.translates_line.unwrap_or(1),
                original: original.file.display().to_string(),
                recorded: version.front.translates.clone().unwrap_or_default(),
                current: original.fingerprint.clone(),
                code: Code::OutdatedTranslation,
            })
        })
        .collect()
}
