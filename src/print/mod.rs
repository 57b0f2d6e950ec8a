//! Print layouts: every passport, and each oblast's bound set, typeset to an
//! A4 PDF in process with Typst, from the theme's `.typ` layouts and the same
//! views the web pages show. Nothing outside the binary is needed: the
//! layouts and fonts come from the theme, each document's data is handed to
//! its layout as a virtual `/data.json`.

mod bind;
mod world;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use typst::foundations::{Bytes, Smart};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::cache::{self, Cache, KeyMaker};
use crate::diagnostic::{Code, Diagnostic};
use crate::messages::Message;
use world::{Layouts, PrintWorld};

/// One PDF to make: where it goes, which layout prints it, and its data.
pub struct Job {
    /// Path in the output folder, e.g. `passports/lvivska/lvivska.uk.pdf`.
    pub path: String,
    /// The theme's layout file, e.g. `passport.typ`.
    pub layout: &'static str,
    /// The layout's `/data.json`.
    pub data: Vec<u8>,
    /// The content file the document prints (a passport), where a failure
    /// to make it is reported; `None` for a document of many (a set).
    pub source: Option<PathBuf>,
    /// The documents a set prints page by page, by the path its layout's
    /// `<hromada-bound>` slots name them: each is typeset again with the
    /// set's page numbers (see [`Book`]) and its pages bound into the slots.
    pub parts: Vec<(String, Job)>,
}

impl Job {
    /// This document as a part of a set: the same layout and data.
    pub fn part(&self) -> Job {
        Job {
            path: self.path.clone(),
            layout: self.layout,
            data: self.data.clone(),
            source: self.source.clone(),
            parts: Vec::new(),
        }
    }
}

/// Where a part's pages stand in its set, as a layout reads it from
/// `/book.json` (`none` for a document printed on its own): its first
/// page's number and the set's number of pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Book {
    pub first: usize,
    pub total: usize,
}

/// A finished PDF.
pub struct Printed {
    pub path: String,
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Its cache key (of its data), which [`Printer::keep`] keeps.
    pub key: cache::Key,
    /// For a set, the cache keys of the parts it bound.
    parts: Vec<cache::Key>,
}

/// A PDF written into the output folder: what its page's link says of it.
#[derive(Clone)]
pub struct PdfFile {
    /// Path in the output folder.
    pub path: String,
    pub size: u64,
    pub pages: usize,
}

/// The typesetter with everything documents share: the standard library,
/// the fonts and the theme's layouts, made once per build.
pub struct Printer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    layouts: Layouts,
    /// Other files layouts may read, such as the site's logo, by path.
    files: BTreeMap<String, Bytes>,
    /// What every document's cache key starts with: hromada's version, the
    /// layouts, fonts and files.
    fingerprint: KeyMaker,
    cache: Option<Arc<Cache>>,
    /// How many documents came from the cache.
    cached: AtomicUsize,
    /// Time spent laying out, writing PDFs and binding, summed over the
    /// workers, in microseconds.
    spent: [AtomicU64; 3],
    /// Which characters of the Basic Multilingual Plane some font has, a
    /// bit each.
    printable: Vec<u64>,
}

/// Where typesetting's time went, summed over the workers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spent {
    pub layout: f64,
    pub writing: f64,
    pub binding: f64,
}

/// What a set's list of the parts it bound is kept as, beside its key.
const PARTS: &str = "parts";

/// Keeps the parts a set with `key` bound, as the list beside it names
/// them (a document of no parts has none).
fn keep_parts(cache: &Cache, key: cache::Key) {
    if let Some(list) = cache.get(key.beside(PARTS)) {
        for bytes in list.bytes().chunks_exact(32) {
            cache.keep(cache::Key::from_bytes(bytes.try_into().unwrap_or([0; 32])));
        }
    }
}

/// Typst's memoisation cache grows with every document unless evicted.
/// Each worker evicts what has not been used for this many evictions after
/// every document: on the 56-passport corpus this was as fast as evicting
/// every 16 documents (within this machine's noise) and used a fifth of
/// the memory (140 MB, not 700).
const EVICT_AGE: usize = 1;

impl Printer {
    /// A printer from the theme's layouts (`name → (text, origin)`), its
    /// font files and extra files such as a logo; with a cache, documents
    /// whose inputs are unchanged are taken from it.
    pub fn new(
        layouts: BTreeMap<String, (String, PathBuf)>,
        fonts: &[&[u8]],
        files: BTreeMap<String, Vec<u8>>,
        cache: Option<Arc<Cache>>,
    ) -> Printer {
        let mut fingerprint = KeyMaker::default();
        fingerprint
            .add(env!("CARGO_PKG_VERSION").as_bytes())
            .add(env!("HROMADA_CACHE_CODE").as_bytes());
        for (name, (text, _)) in &layouts {
            fingerprint.add(name.as_bytes()).add(text.as_bytes());
        }
        for font in fonts {
            fingerprint.add(font);
        }
        for (path, bytes) in &files {
            fingerprint.add(path.as_bytes()).add(bytes);
        }
        let fonts: Vec<Font> = fonts
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(data.to_vec())))
            .collect();
        let mut printable = vec![0u64; 0x10000 / 64];
        for c in 0..0x10000u32 {
            if fonts.iter().any(|f| f.info().coverage.contains(c)) {
                printable[c as usize / 64] |= 1 << (c % 64);
            }
        }
        Printer {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            layouts: Layouts::new(layouts),
            files: files
                .into_iter()
                .map(|(path, bytes)| (path, Bytes::new(bytes)))
                .collect(),
            fingerprint,
            cache,
            cached: AtomicUsize::new(0),
            spent: Default::default(),
            printable,
        }
    }

    /// Whether some font has `c` (or it is white space or a control
    /// character, which print as nothing anyway).
    fn can_print(&self, c: char) -> bool {
        let n = c as usize;
        c.is_whitespace()
            || c.is_control()
            || (n < 0x10000 && self.printable[n / 64] & (1 << (n % 64)) != 0)
    }

    /// Replaces in each job's data the characters no font has with `?` (a
    /// PDF/UA document may not show a missing glyph, and a blank would hide
    /// that something is missing); returns, for each document that had
    /// any, its index and those characters (see [`Printer::unprintable`]).
    pub fn make_printable(&self, jobs: &mut [Job]) -> Vec<(usize, String)> {
        use rayon::prelude::*;
        jobs.par_iter_mut()
            .enumerate()
            .filter_map(|(i, job)| {
                let text = std::str::from_utf8(&job.data).ok()?;
                if text.chars().all(|c| self.can_print(c)) {
                    return None;
                }
                let mut missing: Vec<char> = text.chars().filter(|&c| !self.can_print(c)).collect();
                missing.sort_unstable();
                missing.dedup();
                let printable: String = text
                    .chars()
                    .map(|c| if self.can_print(c) { c } else { '?' })
                    .collect();
                job.data = printable.into_bytes();
                Some((i, missing.into_iter().collect()))
            })
            .collect()
    }

    /// The warning that the PDF at `path` (made from `source` by `layout`)
    /// prints `chars` as `?`, at its passport (or its layout).
    pub fn unprintable(
        &self,
        source: Option<&std::path::Path>,
        layout: &str,
        path: &str,
        chars: &str,
    ) -> Diagnostic {
        let file = source.map_or_else(|| self.layouts.origin(layout), PathBuf::from);
        Diagnostic::error(
            &file,
            (1, 1),
            Code::Unprintable,
            tr!("{path} prints `{chars}` as `?`: the theme's fonts cannot print it", path, chars),
        )
        .warning()
        .hint(tr!("write the text without it, or give the theme a font that has it (themes/<theme>/fonts/symbols.ttf)"))
    }

    /// Where typesetting's time went, in seconds summed over the workers.
    pub fn spent(&self) -> Spent {
        let seconds = |i: usize| self.spent[i].load(Ordering::Relaxed) as f64 / 1e6;
        Spent {
            layout: seconds(0),
            writing: seconds(1),
            binding: seconds(2),
        }
    }

    /// Runs `f`, adding its time to `spent[i]`.
    fn timed<T>(&self, i: usize, f: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let out = f();
        let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.spent[i].fetch_add(micros, Ordering::Relaxed);
        out
    }

    /// How many documents were taken from the cache.
    pub fn cached(&self) -> usize {
        self.cached.load(Ordering::Relaxed)
    }

    /// A document's cache key: the printer's fingerprint, the job's layout,
    /// path and data, its place in a set, and its parts'.
    fn key(&self, job: &Job, book: Option<Book>) -> cache::Key {
        let mut key = self.fingerprint.clone();
        key.add(job.layout.as_bytes())
            .add(job.path.as_bytes())
            .add(&job.data)
            .add(&book_json(book));
        for (name, part) in &job.parts {
            key.add(name.as_bytes())
                .add(part.layout.as_bytes())
                .add(&part.data);
        }
        key.key()
    }

    /// A document from the cache if its inputs are unchanged, else typeset
    /// (and stored); `book` places it in a set.
    fn print_cached(&self, job: &Job, book: Option<Book>) -> Result<Printed, Diagnostic> {
        self.print_keyed(job, book, self.key(job, book))
    }

    /// [`Printer::print_cached`] with the document's key already made.
    fn print_keyed(
        &self,
        job: &Job,
        book: Option<Book>,
        key: cache::Key,
    ) -> Result<Printed, Diagnostic> {
        let Some(cache) = self.cache.as_ref() else {
            return self.print_guarded(job, book, key);
        };
        if let Some(entry) = cache.get(key) {
            self.cached.fetch_add(1, Ordering::Relaxed);
            if !job.parts.is_empty() {
                keep_parts(cache, key);
            }
            return Ok(Printed {
                path: job.path.clone(),
                pages: entry.pages,
                bytes: entry.into_bytes(),
                key,
                parts: Vec::new(),
            });
        }
        let printed = self.print_guarded(job, book, key)?;
        // A set keeps beside its entry the keys of the parts it bound, so
        // that a set taken from the cache keeps them too: its next change
        // typesets again only the parts that changed.
        let parts = key.beside(PARTS);
        cache.put(key, &printed.bytes, printed.pages);
        if !printed.parts.is_empty() {
            let list: Vec<u8> = printed.parts.iter().flat_map(|k| k.to_bytes()).collect();
            cache.put(parts, &list, printed.parts.len());
        }
        Ok(printed)
    }

    /// What every document's key starts with: hromada's version, the
    /// layouts, fonts and files.
    pub fn fingerprint(&self) -> &KeyMaker {
        &self.fingerprint
    }

    /// Keeps in the cache the document whose key is `key`, and the parts
    /// it bound, though this build did not read it (its file was linked
    /// from the previous output).
    pub fn keep(&self, key: cache::Key) {
        if let Some(cache) = &self.cache {
            cache.keep(key);
            keep_parts(cache, key);
        }
    }

    /// The family of the first font, which layouts set text in.
    pub fn family(&self) -> &str {
        self.fonts.first().map_or("", |f| f.info().family.as_str())
    }

    /// Typesets one document (a set, with its parts bound in); a broken
    /// layout is reported at its line.
    fn print(&self, job: &Job, book: Option<Book>, key: cache::Key) -> Result<Printed, Diagnostic> {
        let world = PrintWorld::new(self, job, book_json(book))?;
        let warned = self.timed(0, || typst::compile::<PagedDocument>(&world));
        let document = warned
            .output
            .map_err(|errors| world.diagnostic(&errors[..]))?;
        let options = PdfOptions {
            // A stable id from the file's path: no random bytes in the PDF.
            ident: Smart::Custom(job.path.clone()),
            standards: standards(job, book).map_err(|m| world.error(&m))?,
            // A set's part is bound in without its structure tree (see
            // `bind`): untagged, it has no structure elements to write and
            // read back (781 of a passport's 892 objects).
            tagged: book.is_none(),
            ..PdfOptions::default()
        };
        let mut bytes = self
            .timed(1, || typst_pdf::pdf(&document, &options))
            .map_err(|errors| world.diagnostic(&errors[..]))?;
        let slots = bind::slots(&document).map_err(|m| world.error(&m))?;
        let mut keys = Vec::new();
        if !slots.is_empty() {
            let parts = self.print_parts(job, &slots, document.pages().len())?;
            let files: Vec<(String, Vec<u8>)> = parts
                .into_iter()
                .map(|(name, bytes, key)| {
                    keys.push(key);
                    (name, bytes)
                })
                .collect();
            bytes = self
                .timed(2, || bind::bind(&bytes, &slots, &files))
                .map_err(|m| world.error(&m))?;
        }
        Ok(Printed {
            path: job.path.clone(),
            bytes,
            pages: document.pages().len(),
            key,
            parts: keys,
        })
    }

    /// A set's parts, each typeset with its place in the set (the page of
    /// its first slot, and the set's pages): by the path its slots name,
    /// with its bytes and its cache key.
    fn print_parts(
        &self,
        job: &Job,
        slots: &[bind::Slot],
        total: usize,
    ) -> Result<Vec<(String, Vec<u8>, cache::Key)>, Diagnostic> {
        let mut parts = Vec::new();
        for (name, part) in &job.parts {
            let mine: Vec<&bind::Slot> = slots.iter().filter(|s| s.file == *name).collect();
            let Some(first) = mine.iter().map(|s| s.page).min() else {
                continue;
            };
            let book = Some(Book { first, total });
            let key = self.key(part, book);
            let printed = self.print_keyed(part, book, key)?;
            // As after every document: a set's parts are documents too.
            comemo::evict(EVICT_AGE);
            if printed.pages != mine.len() {
                return Err(Diagnostic::error(
                    &self.layouts.origin(job.layout),
                    (1, 1),
                    Code::PrintLayout,
                    tr!("{path} has {pages} pages when numbered for {whole}, where the set leaves {mine}", path = part.path, pages = printed.pages, whole = job.path, mine = mine.len()),
                )
                .hint(tr!("a layout should not change a passport's length by where it stands in a set: build again with --no-cache, and report it if it stays")));
            }
            parts.push((name.clone(), printed.bytes, key));
        }
        Ok(parts)
    }

    /// Typesets one document; a failure inside Typst or the PDF writer (a
    /// panic, which no input should cause) is a diagnostic at the
    /// document's source, naming the layout, not the end of the build.
    fn print_guarded(
        &self,
        job: &Job,
        book: Option<Book>,
        key: cache::Key,
    ) -> Result<Printed, Diagnostic> {
        let failure = match guarded(|| self.print(job, book, key)) {
            Ok(result) => return result,
            Err(failure) => failure,
        };
        let layout = self.layouts.origin(job.layout);
        let what = tr!(
            "the PDF {path} could not be made: Typst failed inside the layout {layout} ({failure})",
            path = job.path,
            layout = layout.display(),
            failure = Message::verbatim(failure)
        );
        let (file, texts) = match &job.source {
            Some(source) => (source.clone(), tr!("this passport")),
            None => (layout, tr!("the passports it prints")),
        };
        Err(Diagnostic::error(&file, (1, 1), Code::PrintFailed, what).hint(tr!("look for an unusual text in {texts} (a very long word, a rare character); if there is none, report it to hromada's maintainers with the file", texts = texts)))
    }

    /// Typesets every job on `threads` worker threads and hands each
    /// result to `each` as soon as it is made (so that a PDF is written and
    /// let go, not held until all are done); returns what `each` returned,
    /// in the jobs' order.
    pub fn print_all<T: Send>(
        &self,
        jobs: &[Job],
        threads: usize,
        each: &(dyn Fn(Result<Printed, Diagnostic>) -> T + Sync),
    ) -> Vec<T> {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<T>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let result = each(self.print_cached(job, None));
                // A slot another worker's panic poisoned is still a slot:
                // no PDF is lost to it.
                results.lock().unwrap_or_else(PoisonError::into_inner)[i] = Some(result);
                comemo::evict(EVICT_AGE);
            }
        };
        // Each worker is a rayon pool of its own with one thread (with a
        // large stack), so that Typst's own parallel iterators run on the
        // worker rather than being handed to rayon's shared pool while the
        // worker waits: that kept a tenth of the cores idle. Nesting the
        // documents in the shared pool cost time and overflowed the stack.
        let worker = || match rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .stack_size(STACK)
            .thread_name(|_| TYPESETTER.into())
            .build()
        {
            Ok(pool) => pool.install(work),
            // No thread to be had: this one does the work.
            Err(_) => work(),
        };
        std::thread::scope(|scope| {
            for _ in 0..threads.max(1) {
                if std::thread::Builder::new()
                    .name(TYPESETTER.into())
                    .spawn_scoped(scope, worker)
                    .is_err()
                {
                    worker();
                }
            }
        });
        comemo::evict(0);
        results
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .into_iter()
            .flatten()
            .collect()
    }
}

/// What `/book.json` holds for a document: its place in a set, or `null`.
fn book_json(book: Option<Book>) -> Vec<u8> {
    serde_json::to_vec(&book).unwrap_or_else(|_| b"null".to_vec())
}

/// The standards a document is checked against as it is written:
/// PDF/UA-1 (accessible: tagged, titled, in a language, every image
/// described), unless it binds other PDFs in, whose copied pages carry no
/// tags, or is such a PDF (a part, placed in a set by `book`). A set
/// Typst refuses is an error, never a PDF quietly written to no standard.
fn standards(job: &Job, book: Option<Book>) -> Result<typst_pdf::PdfStandards, String> {
    let list: &[typst_pdf::PdfStandard] = match job.parts.is_empty() && book.is_none() {
        true => &[typst_pdf::PdfStandard::Ua_1],
        false => &[],
    };
    typst_pdf::PdfStandards::new(list)
        .map_err(|e| format!("the PDF standards are refused: {}", e.message()))
}

/// Why `bytes` cannot be placed as an image of the kind its extension
/// `ext` names (`svg` or `png`), or `None` if it can.
pub fn image_problem(bytes: &[u8], ext: &str) -> Option<String> {
    use typst::diag::LoadedWithin;
    use typst::loading::{LoadSource, Loaded};
    use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
    let data = Bytes::new(bytes.to_vec());
    match ext {
        "svg" if let Some(href) = linked_image(bytes) => Some(format!(
            "it shows `{href}`, a file outside it, which no PDF or page can load"
        )),
        "svg" => {
            let loaded = Loaded::new(
                typst::syntax::Spanned::detached(LoadSource::Bytes),
                data.clone(),
            );
            SvgImage::new(data)
                .err()
                .map(|e| e.within(&loaded).message.to_string())
        }
        _ => RasterImage::plain(data, ExchangeFormat::Png)
            .err()
            .map(|e| e.to_string()),
    }
}

/// The first image an SVG shows from outside itself (another file, an
/// address), if any: embedded images (`data:` addresses) are its own.
fn linked_image(svg: &[u8]) -> Option<String> {
    use resvg::usvg;
    let found = std::sync::Mutex::new(None::<String>);
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|href: &str, _: &usvg::Options| {
        let mut found = found
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        found.get_or_insert_with(|| href.to_string());
        None
    });
    let _ = usvg::Tree::from_data(svg, &options);
    drop(options);
    found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The name of every thread that typesets: a panic on one is caught and
/// reported as a diagnostic at its document (`guarded`), so the program's
/// panic hook (`main`) keeps quiet about it.
pub const TYPESETTER: &str = "hromada-typesetter";

/// Runs `f`, turning a panic into its message (shortened: a panic may
/// quote a whole text).
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unknown failure".into());
        match message.char_indices().nth(160) {
            Some((end, _)) => format!("{}…", &message[..end]),
            None => message,
        }
    })
}

/// Each worker's stack: Typst recurses deeply into nested content.
const STACK: usize = 32 << 20;

/// The error for a layout Typst cannot typeset.
fn layout_error(
    origin: &std::path::Path,
    line: usize,
    column: usize,
    message: &str,
    hint: Option<&str>,
) -> Diagnostic {
    let d = Diagnostic::error(
        origin,
        (line, column),
        Code::PrintLayout,
        tr!(
            "print layout: {message}",
            message = Message::verbatim(message)
        ),
    );
    match hint {
        Some(h) => d.hint(Message::verbatim(h)),
        None => d.hint(tr!(
            "fix the layout, or remove the site's copy to use the default theme's"
        )),
    }
}
