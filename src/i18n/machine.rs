//! Machine suggestions for texts nobody has translated: `i18n update
//! --machine 'COMMAND'` runs the foundation's own command (a local
//! LibreTranslate or Argos client, a paid API's CLI) with one JSON line per
//! text on its standard input and reads one JSON line per text back. The
//! answers become fuzzy entries a person must review; they are never
//! published as translations. A command that fails, takes too long or
//! answers badly leaves the PO file as it was.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;

/// How `i18n update` begins the `#.` comment of a machine's suggestion.
pub const MACHINE_NOTE: &str = "machine translation";

/// One text asked for.
#[derive(Debug, Serialize)]
pub struct Request<'t> {
    pub id: usize,
    pub text: &'t str,
    /// The passport field it is from, e.g. `risks.title`.
    pub context: &'t str,
    pub source: &'t str,
    pub target: &'t str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Answer {
    id: usize,
    text: String,
}

/// Runs `command` (by `sh -c`) on `requests`; returns the translation of
/// each, in their order, or what went wrong.
pub fn translate(
    command: &str,
    requests: &[Request],
    timeout: Duration,
) -> Result<Vec<String>, String> {
    let mut input = Vec::new();
    for r in requests {
        serde_json::to_writer(&mut input, r).map_err(|e| e.to_string())?;
        input.push(b'\n');
    }
    let mut child = Command::new("sh")
        .args(["-c", command])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot be started: {e}"))?;
    // Written and read on threads, so that neither pipe can fill and stall.
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).map(|_| out)
    });
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stderr.read_to_string(&mut out);
        out
    });
    let status = match child.wait_timeout(timeout).map_err(|e| e.to_string())? {
        Some(status) => status,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("did not finish within {} s", timeout.as_secs()));
        }
    };
    let _ = writer.join();
    let out = reader
        .join()
        .map_err(|_| "its output could not be read".to_string())?
        .map_err(|e| format!("its output is not UTF-8 text: {e}"))?;
    let said = errors.join().unwrap_or_default();
    if !status.success() {
        let said = said.trim();
        return Err(match said.is_empty() {
            true => format!("failed ({status})"),
            false => format!("failed ({status}): {said}"),
        });
    }
    let mut answers: Vec<Option<String>> = vec![None; requests.len()];
    for (n, line) in out
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let answer: Answer = serde_json::from_str(line).map_err(|e| {
            format!(
                "answered line {} with something other than {{\"id\": …, \"text\": \"…\"}}: {e}",
                n + 1
            )
        })?;
        let slot = requests
            .iter()
            .position(|r| r.id == answer.id)
            .ok_or_else(|| format!("answered id {}, which was not asked for", answer.id))?;
        if answer.text.trim().is_empty() {
            return Err(format!("answered id {} with an empty text", answer.id));
        }
        answers[slot] = Some(answer.text);
    }
    let missing: Vec<String> = requests
        .iter()
        .zip(&answers)
        .filter(|(_, a)| a.is_none())
        .map(|(r, _)| r.id.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(format!("gave no answer for id {}", missing.join(", ")));
    }
    Ok(answers.into_iter().flatten().collect())
}
