//! The pages of a build: each page's key is computed from its inputs
//! before its view is made (`render::Site::page_key`). A page whose key
//! the page cache holds a record of, and whose files (the page, its charts'
//! files and embed pages, its share card) the previous output holds as that
//! record says, is linked with them: neither its view nor its template is
//! made. The others are rendered, written with their files, and recorded.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{write_failure, write_file};
use crate::cache::{Cache, Key};
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
    /// the page first.
    files: Vec<(String, String)>,
    /// The drawing cache's keys of its drawings (in hex), kept in use.
    drawings: Vec<String>,
}

/// What the page cache knows of a page's key.
enum Known {
    /// The page, linked with its files: what rendering it made and noticed.
    Linked((usize, Noticed)),
    /// A whole record, whose files the previous output does not hold.
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
                Some(key) => self.link(key),
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
            // A key's record is the same whenever it is made: one already
            // kept (its files gone from the output) is not written again.
            if let (Some(cache), Some(key), Known::Not) = (self.cache, key, known) {
                // A record always serialises: strings and numbers.
                if let Ok(bytes) = serde_json::to_vec(&record) {
                    cache.put(key, &bytes, 0);
                }
            }
            Ok(Ok((file.charts, file.noticed)))
        })
    }

    /// Links the page recorded under `key` with all its files, if the
    /// previous output holds every one of them as recorded.
    fn link(&self, key: Key) -> Known {
        let Some(entry) = self.cache.and_then(|cache| cache.get(key)) else {
            return Known::Not;
        };
        let Ok(record) = serde_json::from_slice::<Record>(&entry.bytes) else {
            return Known::Not;
        };
        let files: Option<Vec<(&str, Fingerprint)>> = (record.files.iter())
            .map(|(path, hex)| Some((path.as_str(), Fingerprint::from_hex(hex).ok()?)))
            .collect();
        // The page comes first: its files are made for it.
        let Some(files) = files.filter(|files| !files.is_empty()) else {
            return Known::Not;
        };
        if !self.staging.link_all(&files, files[0].0) {
            return Known::Recorded;
        }
        for hex in &record.drawings {
            if let (Some(cache), Some(key)) = (self.drawings, Key::from_hex(hex)) {
                cache.keep(key);
            }
        }
        self.extras.fetch_add(files.len() - 1, Ordering::Relaxed);
        self.linked.fetch_add(1, Ordering::Relaxed);
        Known::Linked((record.charts, record.noticed))
    }

    /// Writes a rendered page with its files and drawings; returns its
    /// record.
    fn write(&self, file: &Rendered) -> Result<Record, Failure> {
        let mut record = Record {
            charts: file.charts,
            noticed: file.noticed.clone(),
            files: Vec::new(),
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
            record.drawings.push(key.to_hex());
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
