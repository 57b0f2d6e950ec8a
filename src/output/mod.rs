//! The output folder: a build writes into a fresh staging folder beside it
//! and swaps it in only when everything succeeded, so a failed or killed
//! build leaves the previous site as it was. The folders hromada makes carry
//! a marker file; any other non-empty folder is never replaced. A file the
//! previous output holds unchanged is linked from it, not written again
//! (`manifest`).

use crate::messages::{self, Message};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

mod manifest;

use manifest::Manifest;
pub use manifest::{Fingerprint, Kept};

/// The file that marks a folder as made by hromada.
pub const MARKER: &str = ".hromada-output";

/// Why the output folder can't be used.
#[derive(Debug)]
pub enum OutputError {
    /// Replacing the folder would destroy something (exit 2).
    Refused(Message),
    /// A file operation failed (exit 3).
    Io(Message),
}

/// `what` failed, and the system's reason.
fn io_error(what: Message, e: io::Error) -> OutputError {
    OutputError::Io(tr!(
        "{what}: {why}",
        what = what,
        why = messages::io_error(&e)
    ))
}

/// A build's staging folder, holding the lock on the output until it is
/// swapped in or dropped.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    /// Where the previous output is moved aside where the two folders
    /// cannot be exchanged in one step.
    previous: PathBuf,
    /// The previous output's files, and what this build puts here.
    manifest: Manifest,
    _lock: File,
}

/// Checks that `target` may be replaced, takes the lock and makes a staging
/// folder beside it. `site` is the site folder, which is never replaced. A
/// refusal touches nothing: it is decided before the lock is written.
pub fn prepare(site: &Path, target: &Path) -> Result<Staging, OutputError> {
    let target = absolute(target)?;
    let site = absolute(site)?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
    let (Some(parent), Some(name)) = (target.parent(), name) else {
        return Err(OutputError::Refused(tr!(
            "refusing to use {target} as the output folder",
            target = target.display()
        )));
    };
    if site.starts_with(&target) {
        return Err(OutputError::Refused(tr!(
            "refusing to replace {target}: it holds the site itself; set output_dir to a folder of its own, such as \"output\"",
            target = target.display()
        )));
    }
    for protected in ["content", "themes", "site.toml"] {
        if target.starts_with(site.join(protected)) {
            return Err(OutputError::Refused(tr!(
                "refusing to write the site into {target}: it is part of the site's sources",
                target = target.display()
            )));
        }
    }
    refuse_foreign(&target)?;
    fs::create_dir_all(parent)
        .map_err(|e| io_error(tr!("cannot create {path}", path = parent.display()), e))?;
    let lock_path = parent.join(format!(".{name}.hromada-lock"));
    let lock = File::create(&lock_path).map_err(|e| {
        io_error(
            tr!("cannot create the lock {path}", path = &lock_path.display()),
            e,
        )
    })?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            return Err(OutputError::Io(tr!(
                "another hromada build is writing {target} now; wait for it to finish",
                target = target.display()
            )));
        }
        Err(fs::TryLockError::Error(e)) => {
            return Err(io_error(
                tr!("cannot lock {path}", path = &lock_path.display()),
                e,
            ));
        }
    }
    let previous = old_path(parent, &name);
    recover_interrupted_swap(&previous, &target)?;
    // Checked again under the lock: the folder may have changed meanwhile.
    refuse_foreign(&target)?;
    let dir = parent.join(format!(".{name}.hromada-staging"));
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| {
            io_error(
                tr!(
                    "cannot clear the old staging folder {path}",
                    path = &dir.display()
                ),
                e,
            )
        })?;
    }
    fs::create_dir(&dir).map_err(|e| {
        io_error(
            tr!(
                "cannot create the staging folder {path}",
                path = &dir.display()
            ),
            e,
        )
    })?;
    fs::write(
        dir.join(MARKER),
        "This folder is made by hromada and replaced as a whole by every build.\n",
    )
    .map_err(|e| io_error(tr!("cannot write to {path}", path = &dir.display()), e))?;
    let manifest = Manifest::open(
        parent.join(format!(".{name}.hromada-manifest")),
        target.clone(),
    );
    Ok(Staging {
        dir,
        target,
        previous,
        manifest,
        _lock: lock,
    })
}

/// Removes the folder `dir` and all it holds, its subfolders on every core
/// (the previous site of a national build holds a hundred thousand files).
/// A link is removed, never followed.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries
        .par_iter()
        .try_for_each(|entry| match entry.file_type()?.is_dir() {
            true => remove_tree(&entry.path()),
            false => fs::remove_file(entry.path()),
        })?;
    fs::remove_dir(dir)
}

/// Refuses a folder that is not empty and was not made by hromada.
fn refuse_foreign(target: &Path) -> Result<(), OutputError> {
    if target.exists() && !is_ours(target)? {
        return Err(OutputError::Refused(tr!(
            "refusing to replace {target}: it is not empty and was not made by hromada (no {MARKER} file in it); choose another output folder or empty it",
            target = target.display(),
            MARKER
        )));
    }
    Ok(())
}

impl Staging {
    /// Puts one file below the staging folder, made for `source` (a page's
    /// or a document's path, named if another file claims the same path):
    /// linked from the previous output if that holds the same bytes, else
    /// written; returns its fingerprint (the hash of its bytes).
    pub fn write(&self, rel: &str, bytes: &[u8], source: &str) -> io::Result<Fingerprint> {
        let fingerprint = blake3::hash(bytes);
        if self.link(rel, &fingerprint, source).is_none() {
            self.write_new(rel, (fingerprint, 0), bytes, source)?;
        }
        Ok(fingerprint)
    }

    /// Links every file of `files` (path and fingerprint), made for
    /// `source`, as [`Staging::link`] does, if the previous output holds
    /// all of them; whether it did. None is linked if one is not held; if
    /// one fails after that (the previous output changed meanwhile), those
    /// before it stay linked, and writing them again fails: an I/O error.
    pub fn link_all(&self, files: &[(&str, Fingerprint)], source: &str) -> bool {
        self.manifest.link_all(&self.dir, files, source)
    }

    /// Takes no file from the previous output (`--no-cache`): every file
    /// is made and written anew.
    pub fn forget_previous(&mut self) {
        self.manifest.forget_previous();
    }

    /// Links `rel`, made for `source`, from the previous output if that
    /// holds the file this `fingerprint` (of whatever made it) stands for,
    /// and returns its size and the count written with it; `None` if it
    /// must be made and written with [`Staging::write_new`].
    pub fn link(&self, rel: &str, fingerprint: &Fingerprint, source: &str) -> Option<Kept> {
        self.manifest.link(&self.dir, rel, fingerprint, source)
    }

    /// Writes one file below the staging folder as a new file, made for
    /// `source`, whose fingerprint and count (a PDF's pages) are recorded
    /// for the next build. A path this build put a file at already is
    /// refused, naming what both files were made for.
    pub fn write_new(
        &self,
        rel: &str,
        kept: (Fingerprint, u64),
        bytes: &[u8],
        source: &str,
    ) -> io::Result<()> {
        let path = self.dir.join(rel);
        let mut file = create_new(&path).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => written_twice(rel, self.manifest.claimant(rel), source),
            _ => e,
        })?;
        file.write_all(bytes)?;
        self.manifest.wrote(rel, kept, &file, source)
    }

    /// Swaps the staging folder in for the output folder: in one step
    /// where the file system can exchange two folders (the previous site
    /// then sits where the staging folder was, and is removed), else by
    /// two renames that the next build completes if a kill parts them.
    ///
    /// Once the new site is in place the build has succeeded: a previous
    /// site that cannot then be removed is returned as a message for a
    /// warning (the next build removes it), not a failure.
    pub fn publish(self) -> Result<Option<Message>, OutputError> {
        let leftover = self.swap()?;
        // Without the record the next build writes every file again: it is
        // slower, not wrong, so failing to keep it does not fail this one.
        let _ = self.manifest.save();
        Ok(leftover)
    }

    fn swap(&self) -> Result<Option<Message>, OutputError> {
        let previous = if self.target.exists() {
            match exchange(&self.dir, &self.target)
                .map_err(|e| io_error(tr!("cannot swap in {path}", path = self.dir.display()), e))?
            {
                true => self.dir.clone(),
                false => {
                    fs::rename(&self.target, self.previous.clone()).map_err(|e| {
                        io_error(
                            tr!("cannot move aside {path}", path = self.target.display()),
                            e,
                        )
                    })?;
                    fs::rename(&self.dir, &self.target).map_err(|e| {
                        io_error(
                            tr!("cannot move into place {path}", path = self.dir.display()),
                            e,
                        )
                    })?;
                    self.previous.clone()
                }
            }
        } else {
            fs::rename(&self.dir, &self.target).map_err(|e| {
                io_error(
                    tr!("cannot move into place {path}", path = self.dir.display()),
                    e,
                )
            })?;
            self.previous.clone()
        };
        Ok(match previous.exists() {
            true => remove_tree(&previous).err().map(|e| {
                tr!(
                    "the new site is published, but the previous one at {path} cannot be removed: {why}",
                    path = previous.display(),
                    why = messages::io_error(&e)
                )
            }),
            false => None,
        })
    }

    /// Removes the staging folder, leaving the output as it was.
    pub fn discard(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// A new file at `path`, its folders made if missing. A file already there
/// is a path the build was given twice, which it refuses: two pages or
/// files would claim one address, and only the last would be published.
fn create_new(path: &Path) -> io::Result<File> {
    let create = || OpenOptions::new().write(true).create_new(true).open(path);
    match create() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            create()
        }
        opened => opened,
    }
}

/// The error of a path given twice: by what the file there was made for
/// (`first`, if its record is made yet) and by `second`.
fn written_twice(rel: &str, first: Option<String>, second: &str) -> io::Error {
    let why = match first {
        Some(first) => tr!(
            "two files of this build claim {rel}: one made for {first}, one for {second}; only one can be published",
            rel,
            first,
            second
        ),
        None => tr!(
            "two files of this build claim {rel}, one made for {second}; only one can be published",
            rel,
            second
        ),
    };
    io::Error::other(why.text())
}

/// Where the output folder `name` in `parent` is moved aside while the
/// new one takes its place.
fn old_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.hromada-previous"))
}

/// Exchanges two folders atomically (`renameat2` with `RENAME_EXCHANGE`
/// on Linux, `RENAME_SWAP` on macOS); `false` where the file system or
/// the system cannot.
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// A build killed between the two renames of [`Staging::publish`] leaves
/// the previous site aside; put it back.
fn recover_interrupted_swap(old: &Path, target: &Path) -> Result<(), OutputError> {
    if old.exists() {
        if target.exists() {
            fs::remove_dir_all(old)
                .map_err(|e| io_error(tr!("cannot remove {path}", path = &old.display()), e))?;
        } else {
            fs::rename(old, target)
                .map_err(|e| io_error(tr!("cannot restore {path}", path = &old.display()), e))?;
        }
    }
    Ok(())
}

fn is_ours(dir: &Path) -> Result<bool, OutputError> {
    if !dir.is_dir() {
        return Ok(false);
    }
    if dir.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(dir)
        .map_err(|e| io_error(tr!("cannot read {path}", path = dir.display()), e))?;
    Ok(entries.next().is_none())
}

fn absolute(path: &Path) -> Result<PathBuf, OutputError> {
    let abs = std::path::absolute(path)
        .map_err(|e| io_error(tr!("cannot resolve {path}", path = path.display()), e))?;
    // Resolve `..` and links where the folder exists, so that `x/..` is seen for what it is.
    Ok(abs.canonicalize().unwrap_or_else(|_| {
        let mut out = PathBuf::new();
        for part in abs.components() {
            match part {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        match (
            out.parent().and_then(|p| p.canonicalize().ok()),
            out.file_name(),
        ) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => out,
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("site.toml"), "").unwrap();
        dir
    }

    #[test]
    fn refuses_folders_it_did_not_make() {
        let s = site();
        let foreign = s.path().join("docs");
        fs::create_dir(&foreign).unwrap();
        fs::write(foreign.join("thesis.docx"), "x").unwrap();
        for target in [
            s.path().to_path_buf(),
            s.path().join("content"),
            s.path().join(".."),
            foreign.clone(),
        ] {
            assert!(
                matches!(prepare(s.path(), &target), Err(OutputError::Refused(_))),
                "{}",
                target.display()
            );
        }
        assert!(foreign.join("thesis.docx").exists());
        let written: Vec<_> = fs::read_dir(s.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(written.len(), 3, "a refusal writes no lock: {written:?}");
    }

    #[test]
    fn publishes_by_swapping_and_discards_cleanly() {
        let s = site();
        let out = s.path().join("output");
        let staging = prepare(s.path(), &out).unwrap();
        staging.write("a/index.html", b"one", "test").unwrap();
        staging.publish().unwrap();
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"one");

        let staging = prepare(s.path(), &out).unwrap();
        staging.write("b.html", b"two", "test").unwrap();
        staging.discard();
        assert!(out.join("a/index.html").exists() && !out.join("b.html").exists());

        let staging = prepare(s.path(), &out).unwrap();
        staging.write("b.html", b"two", "test").unwrap();
        staging.publish().unwrap();
        assert!(!out.join("a").exists() && out.join("b.html").exists());
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).unwrap().ino()
    }

    /// Builds `files` into `out` and publishes them.
    fn build(site: &Path, out: &Path, files: &[(&str, &str)]) {
        let staging = prepare(site, out).unwrap();
        for (rel, text) in files {
            staging.write(rel, text.as_bytes(), "test").unwrap();
        }
        staging.publish().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_what_is_unchanged_and_writes_the_rest() {
        let s = site();
        let out = s.path().join("output");
        build(
            s.path(),
            &out,
            &[("a/same.html", "same"), ("b.html", "old")],
        );
        let (same, changed) = (inode(&out.join("a/same.html")), inode(&out.join("b.html")));
        build(
            s.path(),
            &out,
            &[("a/same.html", "same"), ("b.html", "new")],
        );
        assert_eq!(inode(&out.join("a/same.html")), same, "linked, not written");
        assert_ne!(inode(&out.join("b.html")), changed);
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "new");

        // A file edited in the output is not the one recorded: written anew.
        fs::write(out.join("a/same.html"), "edited by hand").unwrap();
        build(s.path(), &out, &[("a/same.html", "same")]);
        assert_eq!(fs::read_to_string(out.join("a/same.html")).unwrap(), "same");

        // Told to forget the previous output, a build writes every file.
        let same = inode(&out.join("a/same.html"));
        let mut staging = prepare(s.path(), &out).unwrap();
        staging.forget_previous();
        staging.write("a/same.html", b"same", "test").unwrap();
        staging.publish().unwrap();
        assert_ne!(inode(&out.join("a/same.html")), same);

        // Without the record every file is written.
        let record = s.path().join(".output.hromada-manifest");
        let same = inode(&out.join("a/same.html"));
        fs::remove_file(&record).unwrap();
        build(s.path(), &out, &[("a/same.html", "same")]);
        assert_ne!(inode(&out.join("a/same.html")), same);
        assert!(record.exists());
    }

    #[test]
    fn a_path_given_twice_is_refused_and_never_changes_the_previous_output() {
        let s = site();
        let out = s.path().join("output");
        build(s.path(), &out, &[("a.html", "published"), ("b.html", "b")]);
        let staging = prepare(s.path(), &out).unwrap();
        staging.write("a.html", b"published", "index.html").unwrap();
        // Given again, linked or written: refused, naming what each was
        // made for, and links go on.
        for bytes in [&b"published"[..], b"something else"] {
            let e = staging.write("a.html", bytes, "a/index.html").unwrap_err();
            assert_eq!(
                e.to_string(),
                "two files of this build claim a.html: one made for index.html, one for a/index.html; only one can be published"
            );
        }
        staging.write("new.html", b"x", "test").unwrap();
        assert!(staging.write("new.html", b"x", "test").is_err());
        staging.write("b.html", b"b", "test").unwrap();
        #[cfg(unix)]
        assert_eq!(
            inode(&staging.dir.join("b.html")),
            inode(&out.join("b.html"))
        );
        staging.discard();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "published");
    }

    #[test]
    fn a_second_build_at_once_is_told_to_wait() {
        let s = site();
        let out = s.path().join("output");
        let first = prepare(s.path(), &out).unwrap();
        assert!(
            matches!(prepare(s.path(), &out), Err(OutputError::Io(m)) if m.contains("another hromada build"))
        );
        first.discard();
    }

    #[test]
    fn an_interrupted_swap_is_undone() {
        let s = site();
        let out = s.path().join("output");
        prepare(s.path(), &out).unwrap().publish().unwrap();
        fs::rename(&out, old_path(s.path(), "output")).unwrap();
        prepare(s.path(), &out).unwrap().discard();
        assert!(out.join(MARKER).exists());
    }
}
