//! The least time writing a site takes on this machine: reads every file
//! of a built site into memory, then writes them all into an empty folder
//! on every core (folders first, then the files, each with one
//! `fs::write`), and nothing else. `bench/compare` runs it as the `floor`
//! tool on the site with downloads, so that a build's time can be set
//! against what its files alone cost to write.
//!
//! `cargo run --release --example write_floor -- BUILT_SITE EMPTY_FOLDER`

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: write_floor BUILT_SITE EMPTY_FOLDER");
        return ExitCode::from(2);
    };
    match rewrite(Path::new(from), Path::new(to)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("write_floor: {e}");
            ExitCode::FAILURE
        }
    }
}

fn rewrite(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry?;
        let relative = entry.path().strip_prefix(from).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            folders.push(to.join(relative));
        } else {
            files.push((to.join(relative), fs::read(entry.path())?));
        }
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let started = Instant::now();
    for folder in &folders {
        fs::create_dir_all(folder)?;
    }
    files
        .par_iter()
        .try_for_each(|(path, bytes)| fs::write(path, bytes))?;
    eprintln!(
        "wrote {} files ({} MB) in {} folders in {:.2} s",
        files.len(),
        bytes / 1_000_000,
        folders.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
