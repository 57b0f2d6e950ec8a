//! The default theme is embedded with `include_dir!`, which cargo does not
//! know reads files: rebuild when any of them changes. And the build cache
//! must not outlive the code that writes PDFs and drawings:
//! `HROMADA_CACHE_CODE` is a hash of that code and of the locked crate
//! versions, part of every cache key.
use std::hash::{DefaultHasher, Hash, Hasher};

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    let mut hasher = DefaultHasher::new();
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir("src/print")
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.extend(["src/raster.rs".into(), "Cargo.lock".into()]);
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
