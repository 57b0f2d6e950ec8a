//! Machine suggestions for texts nobody has translated: `i18n update
//! --machine 'COMMAND'` runs the foundation's own command (a local
//! LibreTranslate or Argos client, a paid API's CLI) with one JSON line per
//! text on its standard input and reads one JSON line per text back. The
//! answers become fuzzy entries a person must review; they are never
//! published as translations. A command that fails, takes too long or
//! answers badly leaves the PO file as it was.

use crate::messages::{self, Message};
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

/// The most a command may print: far more than any site's texts take.
const MAX_OUTPUT: u64 = 64 << 20;

/// The longest answer line.
const MAX_LINE: usize = 1 << 20;

/// Runs `command` (by `sh -c`) on `requests`; returns the translation of
/// each, in their order, or what went wrong. The command runs in a process
/// group of its own, which is killed as a whole when it takes too long,
/// prints too much, or leaves something running after it ends.
pub fn translate(
    command: &str,
    requests: &[Request],
    timeout: Duration,
) -> Result<Vec<String>, Message> {
    use std::os::unix::process::CommandExt;
    let mut input = Vec::new();
    for r in requests {
        serde_json::to_writer(&mut input, r).map_err(|e| Message::verbatim(e.to_string()))?;
        input.push(b'\n');
    }
    let mut child = Command::new("sh")
        .args(["-c", command])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| tr!("cannot be started: {why}", why = messages::io_error(&e)))?;
    let group = Group(child.id());
    // Written and read on threads, so that neither pipe can fill and stall.
    let mut stdin = child.stdin.take().expect("piped");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(MAX_OUTPUT + 1).read_to_end(&mut out);
        if out.len() as u64 > MAX_OUTPUT {
            // Whatever keeps printing is stopped, not waited for.
            group.kill();
        }
        read.map(|_| out)
    });
    let stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stderr.take(MAX_LINE as u64).read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    });
    let waited = child
        .wait_timeout(timeout)
        .map_err(|e| messages::io_error(&e));
    // The command is over (or out of time): what it left running is too,
    // so that its pipes close and nothing outlives `i18n update`.
    group.kill();
    let status = match waited? {
        Some(status) => status,
        None => {
            let _ = child.wait();
            return Err(tr!(
                "did not finish within {seconds} s",
                seconds = timeout.as_secs()
            ));
        }
    };
    let _ = writer.join();
    let out = reader
        .join()
        .map_err(|_| tr!("its output could not be read"))?
        .map_err(|e| {
            tr!(
                "its output could not be read: {why}",
                why = messages::io_error(&e)
            )
        })?;
    if out.len() as u64 > MAX_OUTPUT {
        return Err(tr!(
            "printed more than {max_output} MiB, far more than its answers can take",
            max_output = MAX_OUTPUT >> 20
        ));
    }
    let out = String::from_utf8(out).map_err(|_| tr!("its output is not UTF-8 text"))?;
    let said = errors.join().unwrap_or_default();
    if !status.success() {
        let said = said.trim();
        return Err(match said.is_empty() {
            true => tr!("failed ({status})", status),
            false => tr!("failed ({status}): {said}", status, said),
        });
    }
    let mut answers: Vec<Option<String>> = vec![None; requests.len()];
    for (n, line) in out
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        if line.len() > MAX_LINE {
            return Err(tr!(
                "answered line {n} with more than {max_line} KiB",
                n = n + 1,
                max_line = MAX_LINE >> 10
            ));
        }
        let answer: Answer = serde_json::from_str(line).map_err(|e| {
            tr!(
                "answered line {n} with something other than {{\"id\": …, \"text\": \"…\"}}: {why}",
                n = n + 1,
                why = Message::verbatim(e.to_string())
            )
        })?;
        let slot = requests
            .iter()
            .position(|r| r.id == answer.id)
            .ok_or_else(|| tr!("answered id {id}, which was not asked for", id = answer.id))?;
        if answer.text.trim().is_empty() {
            return Err(tr!("answered id {id} with an empty text", id = answer.id));
        }
        if let Some(c) = crate::yaml::control_character(&answer.text) {
            return Err(tr!(
                "answered id {id} with a control character (U+{code}), which a PO file cannot carry",
                id = answer.id,
                code = format!("{:04X}", c as u32)
            ));
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
        return Err(tr!(
            "gave no answer for id {missing}",
            missing = missing.join(", ")
        ));
    }
    Ok(answers.into_iter().flatten().collect())
}

/// A command's process group, by its leader's id.
#[derive(Clone, Copy)]
struct Group(u32);

impl Group {
    /// Kills every process of the group; one already gone is no error.
    fn kill(self) {
        let pid = i32::try_from(self.0)
            .ok()
            .and_then(rustix::process::Pid::from_raw);
        if let Some(pid) = pid {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn ask(command: &str, timeout: u64) -> Result<Vec<String>, Message> {
        let request = Request {
            id: 0,
            text: "Дороги",
            context: "access.roads",
            source: "uk",
            target: "en",
        };
        translate(command, &[request], Duration::from_secs(timeout))
    }

    #[test]
    fn a_good_answer_is_taken() {
        let answer = ask(r#"cat >/dev/null; echo '{"id": 0, "text": "Roads"}'"#, 10);
        assert_eq!(answer, Ok(vec!["Roads".to_string()]));
    }

    #[test]
    fn what_a_command_leaves_running_is_killed_with_it() {
        let started = Instant::now();
        let answer = ask("(sleep 1000 &); exit 0", 5);
        assert_eq!(
            answer.map_err(|e| e.english()),
            Err("gave no answer for id 0".into())
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        let started = Instant::now();
        let answer = ask("(sleep 1000 &); sleep 1000", 1);
        assert_eq!(
            answer.map_err(|e| e.english()),
            Err("did not finish within 1 s".into())
        );
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn endless_output_is_cut_short() {
        let started = Instant::now();
        let answer = ask("yes", 60);
        assert_eq!(
            answer.map_err(|e| e.english()),
            Err("printed more than 64 MiB, far more than its answers can take".into())
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{:?}",
            started.elapsed()
        );
        let long = ask("head -c 2000000 /dev/zero | tr '\\0' a", 60);
        assert_eq!(
            long.map_err(|e| e.english()),
            Err("answered line 1 with more than 1024 KiB".into())
        );
    }

    #[test]
    fn a_control_character_in_an_answer_is_refused() {
        for c in ["\\u0007", "\\u0000", "\\u001b", "\\u000b"] {
            let command = format!(r#"echo '{{"id": 0, "text": "Ro{c}ads"}}'"#);
            let answer = ask(&command, 10).unwrap_err();
            assert!(answer.contains("a control character"), "{c}: {answer:?}");
        }
    }
}
