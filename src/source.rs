//! Reading content files: which files a folder holds (sorted, never
//! following a link out of the site), and each file's text (size-limited,
//! UTF-8, a byte-order mark dropped), with a diagnostic when it can't be had.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic};
use crate::messages::{self, Message};

/// The largest content file read; a passport is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// The largest PO file read. A catalogue lists every place each text is
/// used: a synthetic corpus of the country's 1,469 communities gives
/// 2.3 MB untranslated, ten times the country about 23 MB; translations
/// add their own length.
pub const MAX_PO_BYTES: u64 = 64 << 20;

/// A content file: its path relative to the site (as diagnostics print it)
/// and where it is on disk.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    pub rel: PathBuf,
    pub abs: PathBuf,
}

/// The files under `site/dir` whose names end in one of `extensions`,
/// sorted by path, and a warning for each link that leads out of the site:
/// such a link is never followed (a link to `/` would have the walk read
/// the whole disk), and nothing behind it is read.
pub fn files(site: &Path, dir: &str, extensions: &[&str]) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let root = site.join(dir);
    let site_real = site.canonicalize().unwrap_or_else(|_| site.to_path_buf());
    let mut outside = Vec::new();
    let mut found: Vec<SourceFile> = WalkDir::new(&root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        // Decided before the walk descends: only links are resolved, so
        // an ordinary tree costs no system call more than the walk's own.
        .filter_entry(|e| {
            let through_link = e.path_is_symlink() || (e.depth() == 0 && e.path().is_symlink());
            let inside = !through_link
                || e.path()
                    .canonicalize()
                    .is_ok_and(|real| real.starts_with(&site_real));
            if !inside {
                outside.push(e.path().to_path_buf());
            }
            inside
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            !name.starts_with('.') && extensions.iter().any(|ext| name.ends_with(ext))
        })
        .map(|e| SourceFile {
            rel: relative(site, e.path()),
            abs: e.path().to_path_buf(),
        })
        .collect();
    found.sort();
    let skipped = outside
        .iter()
        .map(|path| {
            let target = std::fs::read_link(path)
                .map_or_else(|_| "?".to_string(), |t| t.display().to_string());
            Diagnostic::error(
                &relative(site, path),
                (1, 1),
                Code::LinkOutside,
                tr!(
                    "skipped: the link leads out of the site (to {target})",
                    target
                ),
            )
            .hint(tr!(
                "copy what it points to into the site, or remove the link"
            ))
            .warning()
        })
        .collect();
    (found, skipped)
}

/// `path` relative to the site, as diagnostics print it.
fn relative(site: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(site).unwrap_or(path).to_path_buf()
}

/// The bytes of a file the configuration names (a logo): it must be
/// inside the site and under the size limit.
pub fn read_site_file(site: &Path, rel: &Path) -> Result<Vec<u8>, Message> {
    let abs = site.join(rel);
    let cannot = |e: std::io::Error| {
        tr!(
            "cannot read {path}: {why}",
            path = rel.display(),
            why = messages::io_error(&e)
        )
    };
    let inside = match (abs.canonicalize(), site.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        (Err(e), _) | (_, Err(e)) => return Err(cannot(e)),
    };
    if !inside {
        return Err(tr!(
            "{path} is outside the site folder",
            path = rel.display()
        ));
    }
    let meta = std::fs::metadata(&abs).map_err(cannot)?;
    // A FIFO or a device would be read without end.
    if !meta.is_file() {
        return Err(tr!("{path} is not a regular file", path = rel.display()));
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(tr!(
            "{path} has {size} bytes, more than the limit of {limit}",
            path = rel.display(),
            size,
            limit = MAX_FILE_BYTES
        ));
    }
    std::fs::read(&abs).map_err(cannot)
}

/// The file's text, or the diagnostic that says why it can't be read.
pub fn read_text(file: &SourceFile) -> Result<String, Diagnostic> {
    read_text_up_to(file, MAX_FILE_BYTES)
}

/// The file's text if it has at most `limit` bytes, or the diagnostic
/// that says why it can't be read.
pub fn read_text_up_to(file: &SourceFile, limit: u64) -> Result<String, Diagnostic> {
    let error = |code, message: Message| Diagnostic::error(&file.rel, (1, 1), code, message);
    let size = std::fs::metadata(&file.abs).map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(error(
            Code::TooLarge,
            tr!(
                "the file has {size} bytes, more than the limit of {limit}",
                size,
                limit
            ),
        )
        .hint(match limit {
            MAX_FILE_BYTES => {
                tr!("a passport or report is a few kilobytes: check that this is the right file")
            }
            _ => tr!("check that this is the right file"),
        }));
    }
    let bytes = std::fs::read(&file.abs).map_err(|e| {
        error(
            Code::Unreadable,
            tr!("cannot read the file: {why}", why = messages::io_error(&e)),
        )
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(Diagnostic::error(
                &file.rel,
                (line, column),
                Code::NotUtf8,
                tr!("the file is not UTF-8 text"),
            )
            .hint(tr!(
                "save it as UTF-8 (in Notepad: Save as → Encoding: UTF-8); Windows-1251 is not read"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(bytes: &[u8]) -> (tempfile::TempDir, SourceFile) {
        let dir = tempfile::tempdir().unwrap();
        let abs = dir.path().join("a.yaml");
        std::fs::write(&abs, bytes).unwrap();
        (
            dir,
            SourceFile {
                rel: "a.yaml".into(),
                abs,
            },
        )
    }

    #[test]
    fn drops_a_byte_order_mark() {
        let (_dir, file) = file_with(b"\xEF\xBB\xBFname: x\n");
        assert_eq!(read_text(&file).unwrap(), "name: x\n");
    }

    #[test]
    fn names_the_line_of_a_non_utf8_byte() {
        // "name: " then Ужгород in Windows-1251.
        let (_dir, file) = file_with(b"a: 1\nname: \xd3\xe6\xe3\xee\xf0\xee\xe4\n");
        let d = read_text(&file).unwrap_err();
        assert_eq!((d.code, d.line, d.column), (Code::NotUtf8, 2, 7));
    }

    #[test]
    fn a_named_file_that_is_a_fifo_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("logo.svg");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .unwrap();
        let refused = read_site_file(dir.path(), Path::new("logo.svg")).unwrap_err();
        assert_eq!(refused, "logo.svg is not a regular file");
    }
}
