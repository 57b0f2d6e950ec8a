//! Print layouts: every passport, and each oblast's bound set, typeset to an
//! A4 PDF in process with Typst, from the theme's `.typ` layouts and the same
//! views the web pages show. Nothing outside the binary is needed: the
//! layouts and fonts come from the theme, each document's data is handed to
//! its layout as a virtual `/data.json`.

mod bind;
mod world;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::foundations::{Bytes, Smart};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::diagnostic::{Code, Diagnostic};
use world::{Layouts, PrintWorld};

/// One PDF to make: where it goes, which layout prints it, and its data.
pub struct Job {
    /// Path in the output folder, e.g. `passports/lvivska/lvivska.uk.pdf`.
    pub path: String,
    /// The theme's layout file, e.g. `passport.typ`.
    pub layout: &'static str,
    /// The layout's `/data.json`.
    pub data: Vec<u8>,
    /// Other files by path: the PDFs the layout binds in (its
    /// `<hromada-bound>` slots name them), which it may also read; shared,
    /// not copied, with the documents that made them.
    pub files: Vec<(String, Bytes)>,
}

/// A finished PDF.
pub struct Printed {
    pub path: String,
    /// The PDF, shared with the oblast sets that bind it in.
    pub bytes: Bytes,
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
}

/// Typst's memoisation cache grows with every document unless evicted.
/// Each worker evicts what has not been used for this many evictions after
/// every document: on the 56-passport corpus this was as fast as evicting
/// every 16 documents (within this machine's noise) and used a fifth of
/// the memory (140 MB, not 700).
const EVICT_AGE: usize = 1;

impl Printer {
    /// A printer from the theme's layouts (`name → (text, origin)`), its
    /// font files and extra files such as a logo.
    pub fn new(
        layouts: BTreeMap<String, (String, PathBuf)>,
        fonts: &[&[u8]],
        files: BTreeMap<String, Vec<u8>>,
    ) -> Printer {
        let fonts: Vec<Font> = fonts
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(data.to_vec())))
            .collect();
        Printer {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            layouts: Layouts::new(layouts),
            files: files
                .into_iter()
                .map(|(path, bytes)| (path, Bytes::new(bytes)))
                .collect(),
        }
    }

    /// The family of the first font, which layouts set text in.
    pub fn family(&self) -> &str {
        self.fonts.first().map_or("", |f| f.info().family.as_str())
    }

    /// Typesets one document; a broken layout is reported at its line.
    fn print(&self, job: &Job) -> Result<Printed, Diagnostic> {
        let world = PrintWorld::new(self, job)?;
        let warned = typst::compile::<PagedDocument>(&world);
        let document = warned
            .output
            .map_err(|errors| world.diagnostic(&errors[..]))?;
        let options = PdfOptions {
            // A stable id from the file's path: no random bytes in the PDF.
            ident: Smart::Custom(job.path.clone()),
            ..PdfOptions::default()
        };
        let mut bytes =
            typst_pdf::pdf(&document, &options).map_err(|errors| world.diagnostic(&errors[..]))?;
        let slots = bind::slots(&document).map_err(|m| world.error(&m))?;
        if !slots.is_empty() {
            bytes = bind::bind(&bytes, &slots, &job.files).map_err(|m| world.error(&m))?;
        }
        Ok(Printed {
            path: job.path.clone(),
            bytes: Bytes::new(bytes),
            pages: document.pages().len(),
        })
    }

    /// Typesets every job on `threads` worker threads (plain threads with a
    /// large stack: Typst uses rayon inside, and nesting it in rayon's pool
    /// cost time and overflowed the stack); calls `done` after each job;
    /// results come in the jobs' order.
    pub fn print_all(
        &self,
        jobs: &[Job],
        threads: usize,
        done: &(dyn Fn() + Sync),
    ) -> Vec<Result<Printed, Diagnostic>> {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Result<Printed, Diagnostic>>>> =
            Mutex::new((0..jobs.len()).map(|_| None).collect());
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let result = self.print(job);
                if let Ok(mut all) = results.lock() {
                    all[i] = Some(result);
                }
                comemo::evict(EVICT_AGE);
                done();
            }
        };
        std::thread::scope(|scope| {
            for _ in 0..threads.max(1) {
                let spawned = std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, work);
                if spawned.is_err() {
                    // No thread to be had: this one does the work.
                    work();
                }
            }
        });
        comemo::evict(0);
        results
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .flatten()
            .collect()
    }
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
        format!("print layout: {message}"),
    );
    match hint {
        Some(h) => d.hint(h),
        None => d.hint("fix the layout, or remove the site's copy to use the default theme's"),
    }
}
