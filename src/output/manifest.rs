//! What the last build wrote into the output folder, kept beside it (in
//! `.<name>.hromada-manifest`): each file's fingerprint (a hash of its
//! bytes, or of everything that made them), which file it went into
//! (inode, size, modification time), and a count the build keeps with it
//! (a PDF's pages, which its links print). A build links a file whose
//! fingerprint has not changed from the previous output into its staging
//! folder instead of writing it again, so a rebuild writes only what
//! changed. A file that is not the one recorded (replaced or edited: another
//! inode, size or time) is written anew, and where links cannot be made
//! (another file system) every file is written, as without a record.

use std::collections::HashMap;
use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// A file's fingerprint: a hash of its bytes or of what made them.
pub type Fingerprint = blake3::Hash;

/// The record's first line: its format, and a version to change with it.
const HEADER: &str = "hromada-manifest 2";

/// Which file a path held: a file changed in place or replaced differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    inode: u64,
    size: u64,
    modified: i128,
}

impl Identity {
    fn of(meta: &Metadata) -> Identity {
        #[cfg(unix)]
        let (inode, modified) = {
            use std::os::unix::fs::MetadataExt;
            let nanos = i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec());
            (meta.ino(), nanos)
        };
        #[cfg(not(unix))]
        let (inode, modified) = (
            0,
            meta.modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128),
        );
        Identity {
            inode,
            size: meta.len(),
            modified,
        }
    }
}

/// A file linked from the previous output: its size, and the count kept
/// with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub size: u64,
    pub count: u64,
}

/// One file: its fingerprint, which file it is, and its count.
#[derive(Debug, Clone, Copy)]
struct Record {
    fingerprint: Fingerprint,
    identity: Identity,
    count: u64,
}

/// The previous output's files, and those this build puts in staging.
pub struct Manifest {
    /// Where the record is kept.
    path: PathBuf,
    /// The output folder the previous record describes.
    previous_dir: PathBuf,
    previous: HashMap<String, Record>,
    /// Each file put in staging: its path, record, and what it was made
    /// for (a page's or a document's path).
    made: Mutex<Vec<(String, Record, String)>>,
    /// Cleared when a link fails for a reason that is not the file's own
    /// (another file system, links not allowed): then every file is written.
    linking: AtomicBool,
}

impl Manifest {
    /// The record kept at `path` of the output folder `previous_dir`; an
    /// empty one if there is none or it cannot be read (every file is then
    /// written).
    pub fn open(path: PathBuf, previous_dir: PathBuf) -> Manifest {
        let previous = fs::read_to_string(&path)
            .ok()
            .and_then(|text| parse(&text))
            .unwrap_or_default();
        Manifest {
            path,
            previous_dir,
            previous,
            made: Mutex::new(Vec::new()),
            linking: AtomicBool::new(true),
        }
    }

    /// Takes nothing from the previous output: every file is written.
    pub fn forget_previous(&mut self) {
        self.previous.clear();
    }

    /// Links `rel` into `staging` from the previous output if that holds
    /// it with this fingerprint, as recorded, and returns its size and
    /// the count kept with it; `None` if it must be written.
    pub fn link(
        &self,
        staging: &Path,
        rel: &str,
        fingerprint: &Fingerprint,
        source: &str,
    ) -> Option<Kept> {
        let record = *self.held(rel, fingerprint)?;
        self.link_held(staging, rel, record, source)
    }

    /// Links every file of `files` (path and fingerprint) as
    /// [`Manifest::link`] does, if the previous output holds all of them;
    /// whether it did. None is linked if one is not held.
    pub fn link_all(&self, staging: &Path, files: &[(&str, Fingerprint)], source: &str) -> bool {
        let held: Option<Vec<Record>> = (files.iter())
            .map(|(rel, fingerprint)| self.held(rel, fingerprint).copied())
            .collect();
        held.is_some_and(|held| {
            (files.iter().zip(held))
                .all(|((rel, _), record)| self.link_held(staging, rel, record, source).is_some())
        })
    }

    /// Links `rel`, which the previous output holds as `record` says.
    fn link_held(&self, staging: &Path, rel: &str, record: Record, source: &str) -> Option<Kept> {
        let old = self.previous_dir.join(rel);
        let new = staging.join(rel);
        let linked = fs::hard_link(&old, &new).or_else(|e| match new.parent() {
            Some(parent) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(parent)?;
                fs::hard_link(&old, &new)
            }
            _ => Err(e),
        });
        match linked {
            Ok(()) => {
                self.add(rel, record, source);
                Some(Kept {
                    size: record.identity.size,
                    count: record.count,
                })
            }
            // A path given twice is refused by `write_new`, which the
            // caller goes on to; any other failure is the file system's:
            // stop trying.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => None,
            Err(_) => {
                self.linking.store(false, Ordering::Relaxed);
                None
            }
        }
    }

    /// The record of `rel` if the previous output holds it with this
    /// fingerprint, as recorded (not replaced or edited since), and links
    /// can be made.
    fn held(&self, rel: &str, fingerprint: &Fingerprint) -> Option<&Record> {
        let record = self.previous.get(rel)?;
        if record.fingerprint != *fingerprint || !self.linking.load(Ordering::Relaxed) {
            return None;
        }
        match fs::symlink_metadata(self.previous_dir.join(rel)) {
            Ok(meta) if meta.is_file() && Identity::of(&meta) == record.identity => Some(record),
            _ => None,
        }
    }

    /// Notes a file written into staging for `source`, from its open
    /// handle, with the count to keep with it.
    pub fn wrote(
        &self,
        rel: &str,
        (fingerprint, count): (Fingerprint, u64),
        file: &File,
        source: &str,
    ) -> io::Result<()> {
        let identity = Identity::of(&file.metadata()?);
        let record = Record {
            fingerprint,
            identity,
            count,
        };
        self.add(rel, record, source);
        Ok(())
    }

    /// What the file at `rel` already in staging was made for, if its
    /// record is made yet.
    pub fn claimant(&self, rel: &str) -> Option<String> {
        let made = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        let found = made.iter().find(|(path, ..)| path == rel);
        found.map(|(.., source)| source.clone())
    }

    fn add(&self, rel: &str, record: Record, source: &str) {
        // A worker that panicked holding the lock left the list whole
        // (a push is all it does): the record goes on.
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((rel.to_string(), record, source.to_string()));
    }

    /// Keeps the record of this build's files (now in the output folder)
    /// for the next, written whole: to a temporary name, then renamed.
    pub fn save(self) -> io::Result<()> {
        let mut made = self
            .made
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        made.sort_by(|a, b| a.0.cmp(&b.0));
        let mut temporary = self.path.clone().into_os_string();
        temporary.push(".part");
        let mut out = BufWriter::new(File::create(&temporary)?);
        writeln!(out, "{HEADER}")?;
        for (
            rel,
            Record {
                fingerprint,
                identity,
                count,
            },
            _,
        ) in &made
        {
            let Identity {
                inode,
                size,
                modified,
            } = identity;
            writeln!(
                out,
                "{} {inode} {size} {modified} {count}\t{rel}",
                fingerprint.to_hex()
            )?;
        }
        // Not synced: a record torn by a crash does not parse, and then
        // every file is written.
        out.flush()?;
        drop(out);
        fs::rename(&temporary, &self.path)
    }
}

/// A record's files by path; `None` if it is not one.
fn parse(text: &str) -> Option<HashMap<String, Record>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    lines
        .map(|line| {
            let (fields, rel) = line.split_once('\t')?;
            let mut fields = fields.split(' ');
            let fingerprint = Fingerprint::from_hex(fields.next()?).ok()?;
            let identity = Identity {
                inode: fields.next()?.parse().ok()?,
                size: fields.next()?.parse().ok()?,
                modified: fields.next()?.parse().ok()?,
            };
            let record = Record {
                fingerprint,
                identity,
                count: fields.next()?.parse().ok()?,
            };
            Some((rel.to_string(), record))
        })
        .collect()
}
