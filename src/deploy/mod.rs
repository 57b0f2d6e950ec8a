//! `hromada deploy`: publishes the built output to the foundation's
//! website, uploading only the files whose content differs from what the
//! target holds, files before the pages that use them and home pages last,
//! deleting what is gone only at the end. An interrupted deploy leaves the
//! old site serving (every object is replaced whole) and the next one
//! finishes the job.

mod plan;
mod target;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

pub use plan::{Held, Local, Plan, Wave};
use target::{Headers, Target};

use crate::config::Config;
use crate::failure::Failure;
use crate::messages::{self, Message, decimal};
use crate::output::MARKER;

/// What `deploy` was asked.
pub struct Options<'a> {
    /// The target, else `[deploy] to` in site.toml.
    pub to: Option<&'a str>,
    pub dry_run: bool,
    /// Deletes more than `max_deletes` files.
    pub force: bool,
    /// Shows a progress bar at a terminal.
    pub progress: bool,
}

/// What a deploy did (or, dry, would do).
pub struct Report {
    pub target: String,
    pub plan: Plan,
    pub seconds: f64,
}

/// Publishes `site`'s built output.
pub fn deploy(site: &Path, options: &Options) -> Result<Report, Failure> {
    let started = Instant::now();
    if let Some(url) = site.to_str().filter(|s| s.contains("://")) {
        return Err(Failure::Usage(tr!(
            "error: `{url}` is where to publish, not a site folder\n  hint: name it with --to: `hromada deploy --to {url}`",
            url
        )));
    }
    let config = Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    let url = options
        .to
        .map(str::to_string)
        .or_else(|| config.deploy.to.clone())
        .ok_or_else(|| {
            Failure::Usage(tr!(
                "error: no deploy target\n  hint: give --to s3://bucket/prefix or --to file:///path/to/folder, or set [deploy] to = \"…\" in site.toml"
            ))
        })?;
    let output = site.join(&config.output_dir);
    if !output.join(MARKER).is_file() {
        return Err(Failure::Usage(tr!(
            "error: {output} holds no built site\n  hint: run `hromada build` first",
            output = output.display()
        )));
    }
    let built = built_files(&output)?;
    let target = Target::open(&url)?;
    let state = target.state()?;
    let held = match &state {
        Some(record) => record.clone(),
        None => target.held()?,
    };
    let plan = Plan::new(built.clone(), &held, &config.languages);
    let max = config.deploy.max_deletes;
    if plan.deletes.len() > max && !options.force {
        return Err(Failure::Usage(tr!(
            "error: the deploy would delete {count} files from {target}, more than max_deletes ({max})\n  hint: check that the build and the target are the right ones, then run again with --force (or raise [deploy] max_deletes)",
            count = plan.deletes.len(),
            target = url,
            max
        )));
    }
    let done: BTreeMap<String, Held> = built
        .iter()
        .map(|f| {
            let held = Held {
                size: f.size,
                hash: Some(f.hash.clone()),
            };
            (f.rel.clone(), held)
        })
        .collect();
    if !options.dry_run {
        let work = !(plan.uploads.is_empty() && plan.deletes.is_empty());
        if work {
            // What may be written is recorded first, as pending: a deploy
            // cut short leaves a record the next one can trust.
            let mut intent = held.clone();
            for f in &plan.uploads {
                intent.insert(
                    f.rel.clone(),
                    Held {
                        size: f.size,
                        hash: None,
                    },
                );
            }
            target.save_state(&intent)?;
        }
        let bar = progress_bar(options.progress, plan.uploads.len());
        let headers = |rel: &str| Headers {
            content_type: plan::content_type(rel),
            cache_control: plan::cache_control(rel, &config.deploy.cache_control),
        };
        for wave in [Wave::Assets, Wave::Pages, Wave::Entrances] {
            let files: Vec<Local> = plan
                .uploads
                .iter()
                .filter(|f| Wave::of(&f.rel, &config.languages) == wave)
                .cloned()
                .collect();
            target.upload(&output, &files, headers, || bar.inc(1))?;
        }
        bar.finish_and_clear();
        if !plan.deletes.is_empty() {
            let mut deleting = done.clone();
            for rel in &plan.deletes {
                let size = held.get(rel).map_or(0, |h| h.size);
                deleting.insert(rel.clone(), Held { size, hash: None });
            }
            target.save_state(&deleting)?;
            target.delete(&plan.deletes)?;
        }
        if work || state.as_ref() != Some(&done) {
            target.save_state(&done)?;
        }
    }
    Ok(Report {
        target: target.url().to_string(),
        plan,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Every file of the output folder with its size and content hash (its
/// marker aside), hashed on all cores.
fn built_files(output: &Path) -> Result<Vec<Local>, Failure> {
    let paths: Vec<std::path::PathBuf> = walkdir::WalkDir::new(output)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.file_name().is_none_or(|n| n != MARKER))
        .collect();
    paths
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| {
                Failure::Io(tr!(
                    "cannot read {path}: {why}",
                    path = path.display(),
                    why = messages::io_error(&e)
                ))
            })?;
            Ok(Local {
                rel: target::relative(output, path),
                size: bytes.len() as u64,
                hash: blake3::hash(&bytes).to_hex().to_string(),
            })
        })
        .collect()
}

fn progress_bar(shown: bool, total: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    match shown && std::io::stderr().is_terminal() {
        true => indicatif::ProgressBar::new(total as u64),
        false => indicatif::ProgressBar::hidden(),
    }
}

impl Report {
    /// The lines to print: with `list`, each file to upload and delete.
    pub fn lines(&self, dry_run: bool) -> Vec<Message> {
        let mut lines = Vec::new();
        if dry_run {
            for f in &self.plan.uploads {
                lines.push(tr!(
                    "upload {path} ({size} bytes)",
                    path = f.rel,
                    size = f.size
                ));
            }
            for rel in &self.plan.deletes {
                lines.push(tr!("delete {path}", path = rel));
            }
        }
        let (uploaded, size) = (self.plan.uploads.len(), bytes(self.plan.upload_bytes()));
        let (deleted, unchanged) = (self.plan.deletes.len(), self.plan.unchanged);
        lines.push(match dry_run {
            true => tr!(
                "dry run, nothing changed at {target}: {uploaded} files to upload ({size}), {deleted} to delete, {unchanged} unchanged",
                target = self.target,
                uploaded,
                size,
                deleted,
                unchanged
            ),
            false => tr!(
                "deployed to {target} in {seconds} s: {uploaded} files uploaded ({size}), {deleted} deleted, {unchanged} unchanged",
                target = self.target,
                seconds = decimal(self.seconds, 2),
                uploaded,
                size,
                deleted,
                unchanged
            ),
        });
        lines
    }
}

/// A size as people read it: `1.2 MB` (`1,2 МБ`).
fn bytes(n: u64) -> Message {
    match n {
        n if n >= 1 << 20 => tr!(
            "{size} MB",
            size = decimal(n as f64 / f64::from(1 << 20), 1)
        ),
        n if n >= 1 << 10 => tr!("{size} KB", size = decimal(n as f64 / 1024.0, 1)),
        n => tr!("{size} B", size = n),
    }
}
