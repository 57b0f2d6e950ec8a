//! The Typst `World` of one document: the theme's layouts as sources, the
//! document's data as `/data.json` and its place in a set as `/book.json`,
//! the printer's fonts, and no clock (the PDF must not depend on the day
//! it was made).

use std::collections::BTreeMap;
use std::path::PathBuf;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};

use super::{Job, Printer, layout_error};
use crate::diagnostic::Diagnostic;

/// The path of every document's data.
const DATA: &str = "/data.json";

/// The path of a document's place in a set (`Book`), `null` if none.
const BOOK: &str = "/book.json";

/// A file id for a path inside the virtual project. Ids are interned for
/// the whole process (at most 65,535), so every document reuses the same
/// few paths.
fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// The theme's layouts, parsed once, with the file each came from (a
/// handful: looked up in a list).
pub struct Layouts {
    sources: Vec<(FileId, Source, PathBuf)>,
}

impl Layouts {
    pub fn new(layouts: BTreeMap<String, (String, PathBuf)>) -> Layouts {
        let sources = layouts
            .into_iter()
            .filter_map(|(name, (text, origin))| {
                let id = file_id(&format!("/{name}"))?;
                Some((id, Source::new(id, text), origin))
            })
            .collect();
        Layouts { sources }
    }

    fn get(&self, id: FileId) -> Option<(&Source, &PathBuf)> {
        self.sources
            .iter()
            .find(|(i, _, _)| *i == id)
            .map(|(_, source, origin)| (source, origin))
    }

    /// The file the layout `name` (e.g. `passport.typ`) came from.
    pub fn origin(&self, name: &str) -> PathBuf {
        file_id(&format!("/{name}"))
            .and_then(|id| self.get(id))
            .map_or_else(
                || PathBuf::from(format!("templates/{name}")),
                |(_, origin)| origin.clone(),
            )
    }
}

/// One document being typeset.
pub struct PrintWorld<'a> {
    printer: &'a Printer,
    layout: &'static str,
    main: FileId,
    data_id: FileId,
    data: Bytes,
    book_id: FileId,
    /// The document's place in a set (`/book.json`), `null` if none.
    book: Bytes,
}

impl<'a> PrintWorld<'a> {
    pub fn new(
        printer: &'a Printer,
        job: &'a Job,
        book: Vec<u8>,
    ) -> Result<PrintWorld<'a>, Diagnostic> {
        let missing = || {
            layout_error(
                &PathBuf::from(format!("templates/{}", job.layout)),
                1,
                1,
                &format!("the theme has no layout `{}`", job.layout),
                Some("restore the file from the default theme"),
            )
        };
        let main = file_id(&format!("/{}", job.layout)).ok_or_else(missing)?;
        if printer.layouts.get(main).is_none() {
            return Err(missing());
        }
        Ok(PrintWorld {
            printer,
            layout: job.layout,
            main,
            data_id: file_id(DATA).ok_or_else(missing)?,
            data: Bytes::new(job.data.clone()),
            book_id: file_id(BOOK).ok_or_else(missing)?,
            book: Bytes::new(book),
        })
    }

    /// An error of the document as a whole, at the top of its layout.
    pub fn error(&self, message: &str) -> Diagnostic {
        layout_error(&self.origin(), 1, 1, message, None)
    }

    /// The file the document's main layout came from.
    fn origin(&self) -> PathBuf {
        self.printer.layouts.origin(self.layout)
    }

    /// Typst's errors as one diagnostic at the first error's place in its
    /// layout file (or at the top of the main layout when it has none).
    pub fn diagnostic(&self, errors: &[SourceDiagnostic]) -> Diagnostic {
        let layouts = &self.printer.layouts;
        let first = errors.first();
        let place = first.and_then(|e| {
            let (source, origin) = layouts.get(e.span.id()?)?;
            let range = self.range(e.span)?;
            let (line, column) = source.lines().byte_to_line_column(range.start)?;
            Some((origin.clone(), line + 1, column + 1))
        });
        let message = first.map_or("Typst failed".to_string(), |e| e.message.to_string());
        let hint = first.and_then(|e| e.hints.first()).map(|h| h.v.to_string());
        let (origin, line, column) = place.unwrap_or_else(|| (self.origin(), 1, 1));
        layout_error(&origin, line, column, &message, hint.as_deref())
    }
}

impl World for PrintWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.printer.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.printer.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        match self.printer.layouts.get(id) {
            Some((source, _)) => Ok(source.clone()),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if id == self.book_id {
            return Ok(self.book.clone());
        }
        if let Some((source, _)) = self.printer.layouts.get(id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        let path = id.vpath().get_without_slash();
        self.printer
            .files
            .get(path)
            .cloned()
            .ok_or_else(|| FileError::NotFound(path.into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.printer.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
