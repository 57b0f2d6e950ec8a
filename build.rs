//! The default theme is embedded with `include_dir!`, which cargo does not
//! know reads files: rebuild when any of them changes. And the build cache
//! must not outlive the code that made what it keeps:
//! `HROMADA_CACHE_CODE` is a hash of the code that writes PDFs and
//! drawings and of the locked crate versions, part of every cache key;
//! `HROMADA_CODE` a hash of all of the code, the default theme and the
//! vendored crates, part of every key computed before a view is made (a
//! change anywhere may change a view).
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = files_in("src/print");
    files.extend(files_in("src/raster"));
    files.push("Cargo.lock".into());
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    println!("cargo:rustc-env=HROMADA_CACHE_CODE={:016x}", hash(files));
    let mut all = Vec::new();
    for dir in ["src", "themes/default", "vendor"] {
        println!("cargo:rerun-if-changed={dir}");
        all.extend(files_below(dir.into()));
    }
    all.push("Cargo.lock".into());
    println!("cargo:rustc-env=HROMADA_CODE={:016x}", hash(all));
}

/// A hash of the files' paths and bytes, in the order of their paths.
fn hash(mut files: Vec<PathBuf>) -> u64 {
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in files {
        file.hash(&mut hasher);
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

/// The files of a folder of the source.
fn files_in(dir: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// The files of a folder and of every folder below it.
fn files_below(dir: PathBuf) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for path in files_in(dir.to_str().unwrap_or_default()) {
        if path.is_dir() {
            found.extend(files_below(path));
        } else {
            found.push(path);
        }
    }
    found
}
