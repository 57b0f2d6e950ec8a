//! What a build shows while it runs (indicatif): a bar per stage on a
//! terminal, a plain line per finished stage when the output goes to a
//! file or a CI log, and nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Bars,
    Lines,
    Quiet,
}

/// The progress of one run.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    mode: Mode,
}

impl Progress {
    /// Bars when stderr is a terminal, else lines; nothing when `quiet`.
    pub fn new(quiet: bool) -> Progress {
        let mode = match (quiet, std::io::stderr().is_terminal()) {
            (true, _) => Mode::Quiet,
            (false, true) => Mode::Bars,
            (false, false) => Mode::Lines,
        };
        Progress { mode }
    }

    /// Starts a stage that makes `total` things (`what`: "pages", "PDFs").
    pub fn stage(&self, what: &'static str, total: usize) -> Stage {
        let bar = match self.mode {
            Mode::Bars => {
                let bar =
                    ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{prefix:>5} {wide_bar} {pos}/{len} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_prefix(what);
                bar
            }
            Mode::Lines | Mode::Quiet => ProgressBar::hidden(),
        };
        Stage {
            bar,
            what,
            lines: self.mode == Mode::Lines,
            started: Instant::now(),
        }
    }
}

/// One stage under way; shared by the threads that do its work.
pub struct Stage {
    bar: ProgressBar,
    what: &'static str,
    lines: bool,
    started: Instant,
}

impl Stage {
    /// One more thing made.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Ends the stage: clears its bar, or prints its line, with a note on
    /// what it made (such as how many came from a cache) if `note` is not
    /// empty.
    pub fn finish(self, note: &str) {
        self.bar.finish_and_clear();
        if self.lines {
            let note = match note {
                "" => String::new(),
                n => format!(" ({n})"),
            };
            say!(
                "made {} {} in {:.2} s{note}",
                self.bar.position(),
                self.what,
                self.started.elapsed().as_secs_f64()
            );
        }
    }
}
