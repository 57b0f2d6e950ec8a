//! The PDFs of a build: each document's key is computed from its inputs
//! before its view is made (`render::Site::inputs`), and a document
//! whose key the previous output holds is linked from it, its view never
//! made; the others are made from their views and typeset (or taken from
//! the print cache), on every core, and written as soon as each is made.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use super::{BuildOptions, Content, write_failure};
use crate::cache::{Cache, Key};
use crate::diagnostic::Diagnostic;
use crate::failure::Failure;
use crate::output::{self, Kept};
use crate::print::{self, Job, PdfFile, Printer};
use crate::progress::Kind;
use crate::render::{self, Outcome, Site};

/// What the print cache keeps beside a document's key (computed before its
/// view): the key of its data (so that a build that links the document
/// keeps its cache entry) and the characters no font had, printed as `?`
/// (so that it warns as the build that made it did).
const MADE: &str = "made";

/// A PDF's key, the passport it prints (none for a set), and whether it
/// was linked.
struct Keyed {
    key: Key,
    source: Option<PathBuf>,
    linked: bool,
}

/// The PDFs one site (today's, or a closed edition's archive) prints:
/// each one's key, those linked from the previous output, and the
/// passports whose views must be made.
struct Plan {
    /// Every PDF by path.
    pdfs: HashMap<String, Keyed>,
    linked: Vec<PdfFile>,
    /// By language and index: passports to print, or to bind into a set.
    views: BTreeSet<(String, usize)>,
    /// The oblast sets to make, by path.
    sets: BTreeSet<String>,
}

impl Plan {
    /// Keys every PDF of `site` and links those the previous output holds
    /// with the same key; `sets`: whether the site binds oblast sets.
    fn of(site: &Site, printer: &Printer, staging: &output::Staging, sets: bool) -> Plan {
        let inputs = site.inputs(printer.fingerprint().key());
        let languages = &site.config.languages;
        let each: Vec<(&String, usize)> = (languages.iter())
            .flat_map(|l| (0..site.entries.len()).map(move |i| (l, i)))
            .collect();
        // Keyed and linked on every core: a national site has thousands.
        let passports: Vec<_> = (each.par_iter())
            .map(|&(lang, i)| {
                let files = site.passport_pdf_keys(&inputs, lang, i);
                let linked = files.map(|(path, key)| {
                    let kept = staging.link(&path, &key.part(0), &path);
                    (path, key, kept)
                });
                ((lang, i), linked)
            })
            .collect();
        let mut plan = Plan {
            pdfs: HashMap::new(),
            linked: Vec::new(),
            views: BTreeSet::new(),
            sets: BTreeSet::new(),
        };
        for ((lang, i), files) in passports {
            let source = &site.entries[i].file;
            for (path, key, kept) in files {
                if !plan.note(path, key, Some(source), kept) {
                    plan.views.insert((lang.clone(), i));
                }
            }
        }
        for lang in languages.iter().filter(|_| sets) {
            for (oblast, path, key) in site.oblast_pdf_keys(&inputs, lang) {
                let kept = staging.link(&path, &key.part(0), &path);
                if !plan.note(path.clone(), key, None, kept) {
                    plan.sets.insert(path);
                    let members = (site.entries.iter().enumerate())
                        .filter(|(_, e)| e.passport.oblast == oblast)
                        .map(|(i, _)| (lang.clone(), i));
                    plan.views.extend(members);
                }
            }
        }
        plan
    }

    /// Notes the PDF at `path` (printing `source`) with its `key`, and
    /// whether it was linked from the previous output (`kept`, as
    /// `Staging::link` returned); returns whether it was.
    fn note(&mut self, path: String, key: Key, source: Option<&Path>, kept: Option<Kept>) -> bool {
        if let Some(kept) = kept {
            self.linked.push(PdfFile {
                path: path.clone(),
                size: kept.size,
                pages: usize::try_from(kept.count).unwrap_or(usize::MAX),
            });
        }
        let keyed = Keyed {
            key,
            source: source.map(Path::to_path_buf),
            linked: kept.is_some(),
        };
        self.pdfs.insert(path, keyed);
        kept.is_some()
    }

    /// Whether the PDF at `path` was linked.
    fn is_linked(&self, path: &str) -> bool {
        self.pdfs.get(path).is_some_and(|k| k.linked)
    }

    /// Keeps the cache entries of the linked documents, as `cache` notes
    /// what made them; returns the warnings of characters no font has that
    /// they were made with.
    fn keep_linked(&self, printer: &Printer, cache: &Cache) -> Vec<Diagnostic> {
        (self.pdfs.par_iter())
            .filter(|(_, k)| k.linked)
            .filter_map(|(path, k)| {
                let made = cache.get(k.key.beside(MADE))?;
                let (data, chars) = made.bytes().split_first_chunk::<32>()?;
                printer.keep(Key::from_bytes(*data));
                let chars = std::str::from_utf8(chars).ok().filter(|c| !c.is_empty())?;
                Some(printer.unprintable(k.source.as_deref(), "oblast.typ", path, chars))
            })
            .collect()
    }
}

/// Typesets every PDF into the staging folder, on every core, and tells
/// `site` what was made so that pages link them; returns how many were
/// made, and adds to `outcome` the errors of broken layouts and what
/// making their views noticed.
pub(super) fn print(
    content: &Content,
    site: &mut Site,
    archives: &mut [Site],
    staging: &output::Staging,
    options: &BuildOptions,
    cache: Option<Arc<Cache>>,
    outcome: &mut Outcome,
) -> Result<usize, Failure> {
    let config = &content.config;
    let mut files = BTreeMap::new();
    if let (Some(path), Some(bytes)) = (&config.logo, &content.logo) {
        files.insert(render::logo_path(path), bytes.clone());
    }
    let printer = Printer::new(
        content.theme.layouts.clone(),
        &content.theme.font_files(),
        files,
        cache.clone(),
    );
    let today = Plan::of(site, &printer, staging, true);
    let past: Vec<Plan> = (archives.iter())
        .map(|archive| Plan::of(archive, &printer, staging, false))
        .collect();
    let keys: HashMap<&str, Key> = (today.pdfs.iter())
        .chain(past.iter().flat_map(|p| &p.pdfs))
        .map(|(path, k)| (path.as_str(), k.key))
        .collect();
    // Linked documents keep their entries, and warn as they did when made.
    if let Some(cache) = &cache {
        for plan in std::iter::once(&today).chain(&past) {
            outcome
                .diagnostics
                .extend(plan.keep_linked(&printer, cache));
        }
    }
    let unprintable: Mutex<HashMap<String, String>> = Mutex::default();
    // Passports first: the oblast sets print them again with their pages.
    // The views of the passports to print, and of those only bound into
    // a set (their own PDFs were linked).
    let mut views = |site: &Site, plan: &Plan| {
        let (jobs, noticed) = site
            .passport_jobs(printer.family(), |lang, i| {
                plan.views.contains(&(lang.to_string(), i))
            })
            .map_err(|d| Failure::Content(vec![d]))?;
        outcome.noticed.merge(noticed);
        Ok::<_, Failure>(
            (jobs.into_iter()).partition::<Vec<Job>, _>(|job| !plan.is_linked(&job.path)),
        )
    };
    let (mut passports, bound_only) = views(site, &today)?;
    // Each archive's passports, after today's.
    let mut archived = Vec::new();
    for (archive, plan) in archives.iter().zip(&past) {
        archived.push(views(archive, plan)?.0);
    }
    let stage = options.progress.stage(
        Kind::Pdfs,
        passports.len() + today.sets.len() + archived.iter().map(Vec::len).sum::<usize>(),
    );
    // Each PDF is written as soon as it is made, with its key.
    let write = |result: Result<print::Printed, Diagnostic>| -> Result<_, Failure> {
        stage.inc();
        let pdf = match result {
            Ok(pdf) => pdf,
            Err(d) => return Ok(Err(d)),
        };
        let key = keys.get(pdf.path.as_str());
        if let (Some(cache), Some(key)) = (&cache, key) {
            let chars = lock(&unprintable).remove(&pdf.path).unwrap_or_default();
            cache.put(
                key.beside(MADE),
                &[&pdf.key.to_bytes()[..], chars.as_bytes()].concat(),
                0,
            );
        }
        let fingerprint = key.map_or_else(|| blake3::hash(&pdf.bytes), |key| key.part(0));
        staging
            .write_new(
                &pdf.path,
                (fingerprint, pdf.pages as u64),
                &pdf.bytes,
                &pdf.path,
            )
            .map_err(|e| write_failure(staging, &pdf.path, e))?;
        Ok(Ok(PdfFile {
            size: pdf.bytes.len() as u64,
            path: pdf.path,
            pages: pdf.pages,
        }))
    };
    // Characters no font has are printed as `?`, with a warning, noted
    // for the builds that link the document.
    let typeset =
        |jobs: &mut [Job], printed: &mut Vec<PdfFile>, diagnostics: &mut Vec<Diagnostic>| {
            for (i, chars) in printer.make_printable(jobs) {
                let job = &jobs[i];
                diagnostics.push(printer.unprintable(
                    job.source.as_deref(),
                    job.layout,
                    &job.path,
                    &chars,
                ));
                lock(&unprintable).insert(job.path.clone(), chars);
            }
            let threads = std::thread::available_parallelism().map_or(1, usize::from);
            for result in printer.print_all(jobs, threads, &write) {
                match result? {
                    Ok(pdf) => printed.push(pdf),
                    Err(d) => diagnostics.push(d),
                }
            }
            Ok::<(), Failure>(())
        };
    let mut printed = today.linked.clone();
    typeset(&mut passports, &mut printed, &mut outcome.diagnostics)?;
    passports.extend(bound_only);
    let (mut sets, noticed) = site
        .oblast_jobs(printer.family(), &passports, &printed, |path| {
            today.sets.contains(path)
        })
        .map_err(|d| Failure::Content(vec![d]))?;
    drop(passports);
    typeset(&mut sets, &mut printed, &mut outcome.diagnostics)?;
    outcome.noticed.merge(noticed);
    let mut count = printed.len();
    for ((archive, mut jobs), plan) in archives.iter_mut().zip(archived).zip(&past) {
        let mut made = plan.linked.clone();
        typeset(&mut jobs, &mut made, &mut outcome.diagnostics)?;
        archive.set_printed(&made);
        count += made.len();
    }
    let spent = printer.spent();
    let mut note = tr!(
        "CPU: layout {layout} s, PDF writing {writing} s, binding {binding} s",
        layout = crate::messages::decimal(spent.layout, 1),
        writing = crate::messages::decimal(spent.writing, 1),
        binding = crate::messages::decimal(spent.binding, 1)
    );
    if printer.cached() > 0 {
        note = tr!(
            "{cached} from the cache; {note}",
            cached = printer.cached(),
            note = note
        );
    }
    let linked = today.linked.len() + past.iter().map(|p| p.linked.len()).sum::<usize>();
    stage.finish(super::unchanged(linked, Some(note)));
    site.set_printed(&printed);
    // A broken layout fails the same way for every document: report it once.
    outcome.diagnostics.sort_by_key(|d| d.to_string());
    outcome
        .diagnostics
        .dedup_by(|a, b| a.to_string() == b.to_string());
    Ok(count)
}

/// The map under `mutex`, though a worker panicked holding it (an insert
/// or a removal is all any does: the map is whole).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
