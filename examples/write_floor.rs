//! The least time writing a site takes on this machine, two ways: reads
//! every file of a built site into memory, then writes them all into an
//! empty folder on every core (folders first, then the files, each with
//! one `fs::write`), and nothing else; or, with `--copy`, copies each file
//! from the built site (`fs::copy`, the kernel's copy, no memory held).
//! `bench/compare` runs them as the `floor` and `copy` tools on the site
//! with downloads, so that a build's time can be set against what its
//! files alone cost to write. The two differ with the machine's state:
//! writing from memory is the quicker while the kernel has free pages at
//! hand, and slows several times over when holding the site's 1.5 GB
//! leaves it short of them (a virtual machine's memory given back to its
//! host); copying holds nothing.
//!
//! `cargo run --release --example write_floor -- [--copy] BUILT_SITE EMPTY_FOLDER`

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let copy = args.first().is_some_and(|a| a == "--copy");
    if copy {
        args.remove(0);
    }
    let [from, to] = args.as_slice() else {
        eprintln!("usage: write_floor [--copy] BUILT_SITE EMPTY_FOLDER");
        return ExitCode::from(2);
    };
    match rewrite(Path::new(from), Path::new(to), copy) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("write_floor: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A file of the built site: where it goes, and its bytes (held in memory)
/// or where they are (to copy).
enum Source {
    Held(Vec<u8>),
    At(PathBuf),
}

fn rewrite(from: &Path, to: &Path, copy: bool) -> std::io::Result<()> {
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut files: Vec<(PathBuf, Source)> = Vec::new();
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry?;
        let relative = entry.path().strip_prefix(from).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            folders.push(to.join(relative));
        } else if copy {
            files.push((to.join(relative), Source::At(entry.path().to_path_buf())));
        } else {
            files.push((to.join(relative), Source::Held(fs::read(entry.path())?)));
        }
    }
    let started = Instant::now();
    for folder in &folders {
        fs::create_dir_all(folder)?;
    }
    let bytes: u64 = files
        .par_iter()
        .map(|(path, source)| match source {
            Source::Held(bytes) => fs::write(path, bytes).map(|()| bytes.len() as u64),
            Source::At(from) => fs::copy(from, path),
        })
        .sum::<std::io::Result<u64>>()?;
    eprintln!(
        "{} {} files ({} MB) in {} folders in {:.2} s",
        if copy { "copied" } else { "wrote" },
        files.len(),
        bytes / 1_000_000,
        folders.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
