//! The build cache: a PDF whose inputs have not changed is not typeset
//! again, and a chart's files or a share card not drawn again. Each is
//! keyed by a BLAKE3 hash of everything that reaches it (for a PDF:
//! hromada's version and print code, the layouts, fonts and other files,
//! the layout's name, the PDF's path, its `/data.json`, and the bytes of
//! every PDF it binds in; for a drawing: its SVG, the fonts and how it is
//! drawn); its entry holds the bytes, a count (a PDF's pages) and a
//! checksum of both (XXH3, quick enough to check a whole site's entries as
//! they are read), so that a torn or corrupt entry is made again, never
//! published. Entries are written whole (to a temporary name, then
//! renamed) and those a build did not use are removed after it. Only
//! regular files are read.
//!
//! What the cache trusts: the hash finds damage, not intent. Whoever can
//! write the cache folder can write the site's content beside it, so an
//! entry rewritten on purpose with its hash recomputed is published as the
//! content would be; `--no-cache` builds without it.

use crate::messages::{self, Message};
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The first bytes of an entry: the format, and a version to change when
/// it changes.
const MAGIC: &[u8; 16] = b"hromada-cache-3\n";
/// The largest entry read: larger files in the folder are not ours.
const MAX_ENTRY: u64 = 1 << 30;
/// An entry's file name ends so.
const EXT: &str = "entry";

/// A document's key: the hash of what reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(blake3::Hash);

impl Key {
    fn file_name(self) -> String {
        format!("{}.{EXT}", self.0.to_hex())
    }

    /// The key of something kept beside this key's entry, named `what`
    /// (an oblast set's list of the parts it bound).
    pub fn beside(self, what: &str) -> Key {
        KeyMaker::default()
            .add(self.0.as_bytes())
            .add(what.as_bytes())
            .key()
    }

    /// The key in hex, to keep in a text.
    pub fn to_hex(self) -> String {
        self.0.to_hex().to_string()
    }

    /// A key kept in hex; `None` if it is not one.
    pub fn from_hex(hex: &str) -> Option<Key> {
        blake3::Hash::from_hex(hex).ok().map(Key)
    }

    /// The key as bytes, to keep in an entry.
    pub fn to_bytes(self) -> [u8; 32] {
        *self.0.as_bytes()
    }

    /// A key kept as bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(blake3::Hash::from_bytes(bytes))
    }

    /// The fingerprint of the `index`th file made from what this key
    /// stands for.
    pub fn part(self, index: usize) -> blake3::Hash {
        let mut part = KeyMaker::default();
        part.add(self.0.as_bytes())
            .add(&(index as u64).to_le_bytes());
        part.key().0
    }
}

/// Feeds the pieces of a key into a hash, each with its length first, so
/// that no two different lists of pieces hash alike.
#[derive(Clone, Default)]
pub struct KeyMaker(blake3::Hasher);

impl KeyMaker {
    /// Adds one piece.
    pub fn add(&mut self, piece: &[u8]) -> &mut KeyMaker {
        self.0.update(&(piece.len() as u64).to_le_bytes());
        self.0.update(piece);
        self
    }

    /// Adds a value as its `Debug` text shows it, every field of it: for
    /// the model and the figures, whose text is the same from run to run
    /// (their maps are ordered). The text is hashed as it is written, then
    /// its length.
    pub fn add_debug(&mut self, value: &(impl std::fmt::Debug + ?Sized)) -> &mut KeyMaker {
        let mut text = Blocks::new(&mut self.0);
        // Writing into a hash cannot fail.
        let _ = std::fmt::write(&mut text, format_args!("{value:?}"));
        let written = text.finish();
        self.0.update(&written.to_le_bytes());
        self
    }

    /// Adds a value as serde writes it in JSON, then its length: for a
    /// passport's parts, whose model serialises every field, several times
    /// quicker than their `Debug` text (which tests every letter of a text
    /// to escape it). A value JSON cannot hold (a map whose keys are not
    /// text) is added as its `Debug` text after what JSON wrote of it.
    pub fn add_json(
        &mut self,
        value: &(impl serde::Serialize + std::fmt::Debug + ?Sized),
    ) -> &mut KeyMaker {
        let mut text = Blocks::new(&mut self.0);
        let held = serde_json::to_writer(&mut text, value).is_ok();
        let written = text.finish();
        self.0.update(&written.to_le_bytes());
        if !held {
            self.add_debug(value);
        }
        self
    }

    /// The key of what was added.
    pub fn key(&self) -> Key {
        Key(self.0.finalize())
    }
}

/// Gathers the small pieces a value's text is written in into blocks
/// for the hash: BLAKE3 hashes a long input many chunks at a time, and
/// a few bytes at a time one by one. The bytes hashed are the same.
struct Blocks<'h> {
    hasher: &'h mut blake3::Hasher,
    block: [u8; Blocks::SIZE],
    len: usize,
    written: u64,
}

impl<'h> Blocks<'h> {
    const SIZE: usize = 8 * 1024;

    fn new(hasher: &'h mut blake3::Hasher) -> Blocks<'h> {
        Blocks {
            hasher,
            block: [0; Blocks::SIZE],
            len: 0,
            written: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > Blocks::SIZE {
            self.hasher.update(&self.block[..self.len]);
            self.len = 0;
        }
        if bytes.len() > Blocks::SIZE {
            self.hasher.update(bytes);
        } else {
            self.block[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
        }
        self.written += bytes.len() as u64;
    }

    /// Hashes what is left; how many bytes were written.
    fn finish(self) -> u64 {
        self.hasher.update(&self.block[..self.len]);
        self.written
    }
}

impl std::fmt::Write for Blocks<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

impl io::Write for Blocks<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.push(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Several files kept as one cache entry (a drawing's files; a page's
/// own files): the entry's bytes, as they were read, each file a range of
/// them.
pub struct Bundle {
    data: Vec<u8>,
    start: usize,
    ranges: Vec<Range<usize>>,
}

impl Bundle {
    /// The files in one buffer: their count and lengths (8 bytes each,
    /// little-endian), then the files.
    pub fn join(files: &[impl AsRef<[u8]>]) -> Bundle {
        let mut bytes = Vec::with_capacity(
            8 * (files.len() + 1) + files.iter().map(|f| f.as_ref().len()).sum::<usize>(),
        );
        bytes.extend_from_slice(&(files.len() as u64).to_le_bytes());
        for file in files {
            bytes.extend_from_slice(&(file.as_ref().len() as u64).to_le_bytes());
        }
        for file in files {
            bytes.extend_from_slice(file.as_ref());
        }
        Bundle::within(bytes, 0, files.len()).expect("joined files split again")
    }

    /// The `count` files in an entry that `join` made, if it holds them.
    pub fn split(entry: Entry, count: usize) -> Option<Bundle> {
        Bundle::within(entry.data, entry.start, count)
    }

    /// The `count` files in `data` from `start` on, if it holds them.
    fn within(data: Vec<u8>, start: usize, count: usize) -> Option<Bundle> {
        let word = |i: usize| {
            let at = start + 8 * i;
            let word = data.get(at..at + 8)?.try_into().ok()?;
            usize::try_from(u64::from_le_bytes(word)).ok()
        };
        if word(0)? != count {
            return None;
        }
        let mut end = start + 8 * (count + 1);
        let mut ranges = Vec::with_capacity(count);
        for i in 1..=count {
            let from = end;
            end = from.checked_add(word(i)?)?;
            ranges.push(from..end);
        }
        (end == data.len()).then_some(Bundle {
            data,
            start,
            ranges,
        })
    }

    /// The buffer, to keep as an entry.
    pub fn bytes(&self) -> &[u8] {
        &self.data[self.start..]
    }

    /// Each file's bytes, in the order they were joined.
    pub fn files(&self) -> impl Iterator<Item = &[u8]> {
        self.ranges.iter().map(|r| &self.data[r.clone()])
    }
}

/// The cache's folder in the site folder.
pub const FOLDER: &str = ".hromada-cache";

/// An entry: its bytes, and a count (a PDF's pages).
pub struct Entry {
    data: Vec<u8>,
    /// Where its bytes start in `data`, after the header.
    start: usize,
    pub pages: usize,
}

impl Entry {
    /// The bytes stored.
    pub fn bytes(&self) -> &[u8] {
        &self.data[self.start..]
    }

    /// The bytes stored, owned.
    pub fn into_bytes(mut self) -> Vec<u8> {
        self.data.drain(..self.start);
        self.data
    }
}

/// The cache folder, and what this build used of it.
pub struct Cache {
    dir: PathBuf,
    used: Mutex<BTreeSet<String>>,
    /// Why an entry could not be written, the first time it happened:
    /// the build goes on without storing more.
    failed: Mutex<Option<Message>>,
}

impl Cache {
    /// The cache in `dir`, made if need be; an error says why it cannot
    /// be written.
    pub fn open(dir: &Path) -> Result<Cache, Message> {
        let why = |e: std::io::Error| messages::io_error(&e);
        fs::create_dir_all(dir).map_err(|e| {
            tr!(
                "cannot create {path}: {why}",
                path = dir.display(),
                why = why(e)
            )
        })?;
        // A folder that cannot be written is found now, not at every PDF.
        let probe = dir.join(".probe");
        fs::write(&probe, b"").map_err(|e| {
            tr!(
                "cannot write in {path}: {why}",
                path = dir.display(),
                why = why(e)
            )
        })?;
        let _ = fs::remove_file(&probe);
        Ok(Cache {
            dir: dir.to_path_buf(),
            used: Mutex::new(BTreeSet::new()),
            failed: Mutex::new(None),
        })
    }

    /// The entry stored under `key`, if there is a whole one; marks it used.
    pub fn get(&self, key: Key) -> Option<Entry> {
        let name = key.file_name();
        self.mark_used(&name);
        decode(read_regular(&self.dir.join(&name))?)
    }

    /// Keeps the entry under `key`, not read this time, from being removed.
    pub fn keep(&self, key: Key) {
        self.mark_used(&key.file_name());
    }

    /// Stores bytes (and their count) under `key`. A failure is remembered (the first one is
    /// what the build warns of) and later entries are not tried.
    pub fn put(&self, key: Key, bytes: &[u8], pages: usize) {
        if self
            .failed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some()
        {
            return;
        }
        let name = key.file_name();
        self.mark_used(&name);
        let path = self.dir.join(&name);
        let temporary = self.dir.join(format!(".{name}.part"));
        let written = fs::write(&temporary, encode(bytes, pages))
            .and_then(|()| fs::rename(&temporary, &path));
        if let Err(e) = written {
            let _ = fs::remove_file(&temporary);
            let mut failed = self.failed.lock().unwrap_or_else(PoisonError::into_inner);
            failed.get_or_insert(tr!(
                "cannot write {path}: {why}",
                path = path.display(),
                why = messages::io_error(&e)
            ));
        }
    }

    /// Why storing failed, if it did.
    pub fn failure(&self) -> Option<Message> {
        self.failed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Removes every entry (and leftover temporary file) this build did not
    /// use; returns how many were removed.
    pub fn prune(&self) -> io::Result<usize> {
        // A set a panicking thread held is still whole (an insert is one
        // step): it is read, never taken for empty, which would remove
        // every entry.
        let used = self
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let mut removed = 0;
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.ends_with(&format!(".{EXT}")) || name.ends_with(".part");
            if ours && !used.contains(&name) && entry.file_type()?.is_file() {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    fn mark_used(&self, name: &str) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        used.insert(name.to_string());
    }
}

/// The bytes of the regular file at `path`, if it is one of a size an entry
/// can have. It is opened without waiting, so a FIFO or a device put in the
/// folder is passed over, never read (which would hang the build).
fn read_regular(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > MAX_ENTRY {
        return None;
    }
    let mut data = Vec::with_capacity(meta.len() as usize);
    file.read_to_end(&mut data).ok()?;
    Some(data)
}

/// The checksum an entry carries: of its bytes, seeded with its count.
fn checksum(pages: &[u8; 8], bytes: &[u8]) -> [u8; 16] {
    xxhash_rust::xxh3::xxh3_128_with_seed(bytes, u64::from_le_bytes(*pages)).to_le_bytes()
}

/// An entry's bytes: the magic, the count, the checksum of both, the
/// bytes.
fn encode(bytes: &[u8], pages: usize) -> Vec<u8> {
    let count = (pages as u64).to_le_bytes();
    let mut data = Vec::with_capacity(bytes.len() + HEADER);
    data.extend_from_slice(MAGIC);
    data.extend_from_slice(&count);
    data.extend_from_slice(&checksum(&count, bytes));
    data.extend_from_slice(bytes);
    data
}

/// The length of an entry's header: magic, count, checksum.
const HEADER: usize = MAGIC.len() + 8 + 16;

/// The entry in `data`, if it is whole and its checksum matches.
fn decode(data: Vec<u8>) -> Option<Entry> {
    let rest = data.strip_prefix(MAGIC)?;
    let (pages, rest) = rest.split_first_chunk::<8>()?;
    let (sum, bytes) = rest.split_first_chunk::<16>()?;
    if checksum(pages, bytes) != *sum {
        return None;
    }
    let pages = usize::try_from(u64::from_le_bytes(*pages)).ok()?;
    Some(Entry {
        data,
        start: HEADER,
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundles_files_come_back_from_one_entry_as_they_were_joined() {
        let files = vec![b"<svg/>".to_vec(), Vec::new(), b"\x89PNG".to_vec()];
        let joined = Bundle::join(&files).bytes().to_vec();
        // As read from an entry, whose bytes follow its header.
        let entry = |bytes: &[u8]| Entry {
            data: [&[0; HEADER][..], bytes].concat(),
            start: HEADER,
            pages: 0,
        };
        let drawn = Bundle::split(entry(&joined), 3).unwrap();
        assert_eq!(drawn.files().collect::<Vec<_>>(), files);
        assert_eq!(drawn.bytes(), joined);
        // An entry holding another number of files, or cut short, or with
        // bytes to spare, is not taken.
        assert!(Bundle::split(entry(&joined), 2).is_none());
        assert!(Bundle::split(entry(&joined[..joined.len() - 1]), 3).is_none());
        assert!(Bundle::split(entry(&[&joined[..], b"!"].concat()), 3).is_none());
        assert!(Bundle::split(entry(&[]), 1).is_none());
    }

    fn key(text: &str) -> Key {
        KeyMaker::default().add(text.as_bytes()).key()
    }

    #[test]
    fn an_entry_comes_back_as_it_was_stored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        cache.put(key("a"), b"%PDF-1.7 a", 3);
        let entry = cache.get(key("a")).unwrap();
        assert_eq!((entry.bytes(), entry.pages), (&b"%PDF-1.7 a"[..], 3));
        assert_eq!(entry.into_bytes(), b"%PDF-1.7 a");
        assert!(cache.get(key("b")).is_none());
    }

    #[test]
    fn a_torn_or_altered_entry_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        cache.put(key("a"), b"%PDF-1.7 the whole text", 1);
        let path = dir.path().join(key("a").file_name());
        let whole = fs::read(&path).unwrap();
        fs::write(&path, &whole[..whole.len() - 4]).unwrap();
        assert!(cache.get(key("a")).is_none());
        let mut altered = whole.clone();
        *altered.last_mut().unwrap() ^= 1;
        fs::write(&path, altered).unwrap();
        assert!(cache.get(key("a")).is_none());
        fs::write(&path, b"").unwrap();
        assert!(cache.get(key("a")).is_none());
        // The count is covered too: a page count set to a trillion is no
        // entry (it would have the build allocate for every page).
        let mut count = whole.clone();
        count[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&1_000_000_000_000u64.to_le_bytes());
        fs::write(&path, count).unwrap();
        assert!(cache.get(key("a")).is_none());
        fs::write(&path, whole).unwrap();
        assert!(cache.get(key("a")).is_some());
    }

    #[test]
    fn a_fifo_in_the_folder_is_passed_over_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let path = dir.path().join(key("a").file_name());
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .unwrap();
        assert!(cache.get(key("a")).is_none());
        // It is not ours to remove either.
        cache.prune().unwrap();
        assert!(path.exists());
    }

    #[test]
    fn a_poisoned_record_of_use_never_empties_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        cache.put(key("a"), b"a", 1);
        let _ = std::thread::scope(|s| {
            s.spawn(|| {
                let _held = cache.used.lock().unwrap();
                panic!("a worker fails while holding the lock");
            })
            .join()
        });
        assert!(cache.used.is_poisoned());
        assert_eq!(cache.prune().unwrap(), 0);
        assert!(cache.get(key("a")).is_some());
    }

    #[test]
    fn pieces_are_keyed_with_their_lengths() {
        let two = |a: &str, b: &str| {
            KeyMaker::default()
                .add(a.as_bytes())
                .add(b.as_bytes())
                .key()
        };
        assert_ne!(two("ab", "c"), two("a", "bc"));
        assert_eq!(two("a", "bc"), two("a", "bc"));
    }

    #[test]
    fn a_value_is_keyed_by_all_its_text_however_long() {
        // Longer than a block of `Blocks`, so that it is hashed in pieces:
        // the key is the one of the same bytes hashed at once.
        let long = "Громада ".repeat(2000);
        let mut at_once = blake3::Hasher::new();
        at_once.update(format!("{long:?}").as_bytes());
        at_once.update(&(format!("{long:?}").len() as u64).to_le_bytes());
        assert_eq!(
            KeyMaker::default().add_debug(&long).key().0,
            at_once.finalize()
        );
        // A change at its end changes the key, in JSON as in Debug.
        let changed = format!("{long}!");
        let json = |v: &String| KeyMaker::default().add_json(v).key();
        assert_ne!(json(&long), json(&changed));
        assert_eq!(json(&long), json(&long.clone()));
    }

    #[test]
    fn a_value_json_cannot_hold_is_keyed_by_its_debug_text() {
        use std::collections::BTreeMap;
        let map = |v: u8| BTreeMap::from([((1, 2), v)]);
        let json = |v: &BTreeMap<(u8, u8), u8>| KeyMaker::default().add_json(v).key();
        assert!(serde_json::to_string(&map(3)).is_err());
        assert_ne!(json(&map(3)), json(&map(4)));
        assert_eq!(json(&map(3)), json(&map(3)));
    }
    #[test]
    fn pruning_removes_what_this_build_did_not_use() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = Cache::open(dir.path()).unwrap();
        earlier.put(key("old"), b"old", 1);
        earlier.put(key("kept"), b"kept", 1);
        let now = Cache::open(dir.path()).unwrap();
        assert!(now.get(key("kept")).is_some());
        fs::write(dir.path().join("notes.txt"), "not ours").unwrap();
        assert_eq!(now.prune().unwrap(), 1);
        assert!(now.get(key("kept")).is_some());
        assert!(!dir.path().join(key("old").file_name()).exists());
        assert!(dir.path().join("notes.txt").exists());
    }
}
