//! `hromada new DIR`: a ready site to start from. The illustrative passport
//! is the example site's own (one source for both), the English PO file is
//! made by the same merge as `i18n update`, and `hromada build` works on
//! the new folder at once.

use std::path::{Path, PathBuf};

use crate::i18n;
use crate::site::Failure;

/// The files of a new site, by path, except the PO file.
const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("../starter/site.toml")),
    ("README.md", include_str!("../starter/README.md")),
    (
        "content/passports/zrazkova-pryklad.yaml",
        include_str!("../content/passports/zrazkova-pryklad.yaml"),
    ),
    (
        "content/reports/pershyi-zvit.md",
        include_str!("../starter/report.md"),
    ),
    (
        "content/reports/pershyi-zvit.en.md",
        include_str!("../starter/report.en.md"),
    ),
    (".gitignore", "/output/\n"),
];

/// Makes a new site in `dir`, which must be empty or not exist; returns the
/// files written.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let io = |path: &Path, e: std::io::Error| {
        Failure::Io(format!("cannot write {}: {e}", path.display()))
    };
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Failure::Usage(format!(
            "error: {} is not empty: `hromada new` makes a site only in a new or empty folder",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&target, text).map_err(|e| io(&target, e))?;
        written.push(PathBuf::from(path));
    }
    let (texts, diagnostics) = i18n::collect(dir);
    if !diagnostics.is_empty() {
        return Err(Failure::Content(diagnostics));
    }
    let po = PathBuf::from("content/i18n/en.po");
    let merged = i18n::merge(None, &po, &texts, "en").map_err(|d| Failure::Content(vec![d]))?;
    let target = dir.join(&po);
    std::fs::create_dir_all(dir.join("content/i18n")).map_err(|e| io(&target, e))?;
    std::fs::write(&target, merged.text).map_err(|e| io(&target, e))?;
    written.push(po);
    Ok(written)
}
