//! The default theme is embedded with `include_dir!`, which cargo does not
//! know reads files: rebuild when any of them changes. And the build cache
//! must not outlive the code that writes PDFs and drawings:
//! `HROMADA_CACHE_CODE` is a hash of that code and of the locked crate
//! versions, part of every cache key.
use std::hash::{DefaultHasher, Hash, Hasher};

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    let mut hasher = DefaultHasher::new();
    let mut files = files_in("src/print");
    files.extend(files_in("src/raster"));
    files.push("Cargo.lock".into());
    files.sort();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=HROMADA_CACHE_CODE={:016x}",
        hasher.finish()
    );
}

/// The files of a folder of the source.
fn files_in(dir: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}
