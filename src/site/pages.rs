//! The pages of a build: each page's key is computed from its inputs
//! before its view is made (`render::Site::page_key`). A page whose key
//! the page cache holds a record of, and whose files (the page, its charts'
//! files and embed pages, its share card) the previous output holds as that
//! record says, is linked with them: neither its view nor its template is
//! made. One whose files are not all there (an empty output folder) is
//! written from the caches: its own files kept beside its record, its
//! drawings' from the drawing cache. The others are rendered, written with
//! their files, and recorded.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{write_failure, write_file};
use crate::cache::{Bundle, Cache, Key};
use crate::diagnostic::{Code, Diagnostic};
use crate::failure::Failure;
use crate::messages::Message;
use crate::output::{self, Fingerprint};
use crate::progress::Running;
use crate::raster::{Drawer, Picture};
use crate::render::{Noticed, Outcome, Page, Rendered, Site};

/// What the page cache keeps under a page's key: what rendering it made
/// and noticed, so that linking it warns and counts as rendering did.
#[derive(Serialize, Deserialize)]
struct Record {
    charts: usize,
    noticed: Noticed,
    /// Every file it put in the output, with its fingerprint (in hex):
    /// the page first, then the other files it made itself, then its
    /// drawings' files.
    files: Vec<(String, String)>,
    /// How many of `files` the page made itself: their bytes are kept as
    /// one entry beside the record ([`own_files`]).
    own: usize,
    /// The drawing cache's keys of its drawings (in hex), kept in use,
    /// each with the number of its files.
    drawings: Vec<(String, usize)>,
}

/// The key of the entry that keeps the bytes of the files a page made
/// itself, beside its record under `key`.
fn own_files(key: Key) -> Key {
    key.beside("own files")
}

/// What the page cache knows of a page's key.
enum Known {
    /// The page, linked with its files: what rendering it made and noticed.
    Linked((usize, Noticed)),
    /// A whole record, whose files neither the previous output nor the
    /// caches hold.
    Recorded,
    /// No record, or none that reads.
    Not,
}

/// Makes the pages of a build into its staging folder.
pub(super) struct Pages<'a> {
    pub staging: &'a output::Staging,
    pub drawer: &'a Drawer,
    /// The page cache, if the build has one.
    pub cache: Option<&'a Cache>,
    /// The drawing cache, whose entries a linked page keeps in use.
    pub drawings: Option<&'a Cache>,
    pub stage: &'a Running,
    /// Files made beside the pages: charts' files and share cards.
    pub extras: AtomicUsize,
    /// Pages linked from the previous output.
    pub linked: AtomicUsize,
}

impl Pages<'_> {
    /// Makes every page of `site`: linked from the previous output where
    /// its key is unchanged, else rendered and written.
    pub fn make(&self, site: &Site, pages: &[Page]) -> Result<Outcome, Failure> {
        let inputs = self.cache.map(|_| site.page_inputs());
        site.render_all(pages, |page| {
            let key = inputs.as_ref().map(|inputs| site.page_key(inputs, page));
            let known = match key {
                Some(key) => self.link(key)?,
                None => Known::Not,
            };
            if let Known::Linked(made) = known {
                return Ok(Ok(made));
            }
            let file = match site.render(page) {
                Ok(file) => file,
                Err(d) => return Ok(Err(d)),
            };
            self.stage.inc();
            let record = self.write(&file)?;
            if let (Some(cache), Some(key)) = (self.cache, key) {
                let own =
                    std::iter::once(&file.bytes).chain(file.extras.files.iter().map(|f| &f.bytes));
                cache.put(
                    own_files(key),
                    Bundle::join(&own.collect::<Vec<_>>()).bytes(),
                    0,
                );
                // A key's record is the same whenever it is made: one
                // already kept is not written again.
                // A record always serialises: strings and numbers.
                if let (Known::Not, Ok(bytes)) = (known, serde_json::to_vec(&record)) {
                    cache.put(key, &bytes, 0);
                }
            }
            Ok(Ok((file.charts, file.noticed)))
        })
    }

    /// Links the page recorded under `key` with all its files, if the
    /// previous output holds every one of them as recorded; else writes
    /// them from the caches, if they hold every one.
    fn link(&self, key: Key) -> Result<Known, Failure> {
        let Some(entry) = self.cache.and_then(|cache| cache.get(key)) else {
            return Ok(Known::Not);
        };
        let Ok(record) = serde_json::from_slice::<Record>(entry.bytes()) else {
            return Ok(Known::Not);
        };
        let files: Option<Vec<(&str, Fingerprint)>> = (record.files.iter())
            .map(|(path, hex)| Some((path.as_str(), Fingerprint::from_hex(hex).ok()?)))
            .collect();
        let drawings: Option<Vec<(Key, usize)>> = (record.drawings.iter())
            .map(|(hex, count)| Some((Key::from_hex(hex)?, *count)))
            .collect();
        // The page comes first: its files are made for it.
        let (Some(files), Some(drawings)) = (files, drawings) else {
            return Ok(Known::Not);
        };
        let drawn: usize = drawings.iter().map(|(_, count)| count).sum();
        if record.own == 0 || record.own + drawn != files.len() {
            return Ok(Known::Not);
        }
        if self.staging.link_all(&files, files[0].0) {
            if let Some(cache) = self.drawings {
                drawings.iter().for_each(|(key, _)| cache.keep(*key));
            }
            if let Some(cache) = self.cache {
                cache.keep(own_files(key));
            }
        } else if !self.write_from_caches(key, &record, &files, &drawings)? {
            return Ok(Known::Recorded);
        }
        self.extras.fetch_add(files.len() - 1, Ordering::Relaxed);
        self.linked.fetch_add(1, Ordering::Relaxed);
        Ok(Known::Linked((record.charts, record.noticed)))
    }

    /// Puts the page recorded under `key` (its `files`, and its drawings'
    /// keys and counts) into the staging folder from the caches, each file
    /// linked from the previous output where it holds it; whether the
    /// caches held every file (if not, none is written).
    fn write_from_caches(
        &self,
        key: Key,
        record: &Record,
        files: &[(&str, Fingerprint)],
        drawings: &[(Key, usize)],
    ) -> Result<bool, Failure> {
        let own = (self.cache.and_then(|cache| cache.get(own_files(key))))
            .and_then(|entry| Bundle::split(entry, record.own));
        let Some(own) = own else {
            return Ok(false);
        };
        let drawn: Option<Vec<Bundle>> = (drawings.iter())
            .map(|(key, count)| self.drawer.cached(*key, *count))
            .collect();
        let Some(drawn) = drawn else {
            return Ok(false);
        };
        let bytes = own.files().chain(drawn.iter().flat_map(Bundle::files));
        let source = files[0].0;
        for (&(path, fingerprint), bytes) in files.iter().zip(bytes) {
            self.put(path, fingerprint, bytes, source)?;
        }
        (self.drawer.cached).fetch_add(files.len() - record.own, Ordering::Relaxed);
        Ok(true)
    }

    /// Links the file `path` (made for `source`) from the previous output
    /// if it holds it as `fingerprint` stands for, else writes its `bytes`.
    fn put(
        &self,
        path: &str,
        fingerprint: Fingerprint,
        bytes: &[u8],
        source: &str,
    ) -> Result<(), Failure> {
        let staging = self.staging;
        if staging.link(path, &fingerprint, source).is_none() {
            (staging.write_new(path, (fingerprint, 0), bytes, source))
                .map_err(|e| write_failure(staging, path, e))?;
        }
        Ok(())
    }

    /// Writes a rendered page with its files and drawings; returns its
    /// record.
    fn write(&self, file: &Rendered) -> Result<Record, Failure> {
        let mut record = Record {
            charts: file.charts,
            noticed: file.noticed.clone(),
            files: Vec::new(),
            own: 1 + file.extras.files.len(),
            drawings: Vec::new(),
        };
        for f in std::iter::once(file).chain(&file.extras.files) {
            let fingerprint = write_file(self.staging, &f.path, &f.bytes, &file.path)?;
            record
                .files
                .push((f.path.clone(), fingerprint.to_hex().to_string()));
        }
        for drawing in &file.extras.drawings {
            let key = self.put_drawing(drawing, &file.path)?;
            let files = drawing.files.iter().enumerate();
            record.files.extend(
                files.map(|(i, (path, _))| (path.clone(), key.part(i).to_hex().to_string())),
            );
            record.drawings.push((key.to_hex(), drawing.files.len()));
        }
        self.extras
            .fetch_add(record.files.len() - 1, Ordering::Relaxed);
        Ok(record)
    }

    /// Puts a drawing's files into the staging folder and returns its key.
    /// A file the previous output holds as drawn from the same key is
    /// linked from it, neither drawn nor read from the cache; the others are
    /// drawn (or read from the cache) and written.
    fn put_drawing(&self, drawing: &Picture, source: &str) -> Result<Key, Failure> {
        let (staging, drawer) = (self.staging, self.drawer);
        let key = drawer.key(drawing);
        let linked: Vec<bool> = (drawing.files.iter().enumerate())
            .map(|(i, (path, _))| staging.link(path, &key.part(i), source).is_some())
            .collect();
        if linked.iter().all(|&l| l) {
            drawer.reuse(key, linked.len());
            return Ok(key);
        }
        let drawn = drawer.draw(drawing, key).map_err(|why| {
            let first = drawing.files.first().map_or("", |(path, _)| path);
            Failure::Content(vec![Diagnostic::error(
                Path::new(first),
                (1, 1),
                Code::DataFile,
                tr!(
                    "this drawing cannot be made: {why}",
                    why = Message::verbatim(why)
                ),
            )])
        })?;
        let files = drawing.files.iter().zip(drawn.files()).enumerate();
        for (i, ((path, _), bytes)) in files.filter(|(i, _)| !linked[*i]) {
            staging
                .write_new(path, (key.part(i), 0), bytes, source)
                .map_err(|e| write_failure(staging, path, e))?;
        }
        Ok(key)
    }
}
