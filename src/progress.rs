//! What a build shows while it runs (indicatif): a bar per stage on a
//! terminal, a plain line per finished stage when the output goes to a
//! file or a CI log, and nothing with `--quiet`.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::messages::Message;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Bars,
    Lines,
    Quiet,
}

/// What a stage makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pages,
    Pdfs,
}

impl Kind {
    /// The word before a stage's bar.
    fn short(self) -> Message {
        match self {
            Kind::Pages => tr!("pages"),
            Kind::Pdfs => tr!("PDFs"),
        }
    }
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

    /// Starts a stage that makes `total` things of `kind`.
    pub fn stage(&self, kind: Kind, total: usize) -> Running {
        let bar = match self.mode {
            Mode::Bars => {
                let bar =
                    ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
                bar.set_style(
                    ProgressStyle::with_template("{prefix:>5} {wide_bar} {pos}/{len} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
                bar.set_prefix(kind.short().text());
                bar
            }
            Mode::Lines | Mode::Quiet => ProgressBar::hidden(),
        };
        Running {
            bar,
            kind,
            lines: self.mode == Mode::Lines,
            started: Instant::now(),
        }
    }
}

/// One stage under way; shared by the threads that do its work.
pub struct Running {
    bar: ProgressBar,
    kind: Kind,
    lines: bool,
    started: Instant,
}

impl Running {
    /// One more thing made.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Ends the stage: clears its bar, or prints its line, with a note on
    /// what it made (such as how many came from a cache) if `note` is not
    /// empty.
    pub fn finish(self, note: Option<Message>) {
        self.bar.finish_and_clear();
        if self.lines {
            let count = self.bar.position();
            let seconds = crate::messages::decimal(self.started.elapsed().as_secs_f64(), 2);
            let made = match self.kind {
                Kind::Pages => trn!(
                    "made {count} page in {seconds} s",
                    "made {count} pages in {seconds} s",
                    count,
                    seconds
                ),
                Kind::Pdfs => trn!(
                    "made {count} PDF in {seconds} s",
                    "made {count} PDFs in {seconds} s",
                    count,
                    seconds
                ),
            };
            match note {
                Some(note) => say!(
                    "{}",
                    tr!("{made} ({note})", made = made, note = note).text()
                ),
                None => say!("{}", made.text()),
            }
        }
    }
}
