//! `hromada explain CODE`: what each diagnostic code means, with a wrong
//! and a right example, in either language (`messages/explain.<lang>.md`,
//! one `# CODE: meaning` section per code, as `rustc --explain` has).

use super::Lang;

const EN: &str = include_str!("../../messages/explain.en.md");
const UK: &str = include_str!("../../messages/explain.uk.md");

/// The whole explanations file of `lang`.
pub fn file(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Uk => UK,
    }
}

/// The section of `code` (as printed, `S002`) in `lang`: its heading line
/// and its text, up to the next code's heading.
pub fn section(code: &str, lang: Lang) -> Option<&'static str> {
    let text = file(lang);
    // A heading is `# ` and a code (a capital and three digits), not a
    // comment line of an example.
    let is_heading = |line: &str| {
        line.strip_prefix("# ")
            .and_then(|rest| rest.split_once(": "))
            .is_some_and(|(c, _)| {
                c.len() == 4
                    && c.starts_with(|ch: char| ch.is_ascii_uppercase())
                    && c[1..].bytes().all(|b| b.is_ascii_digit())
            })
    };
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        match start {
            None if line.starts_with(&format!("# {code}: ")) => start = Some(offset),
            Some(from) if is_heading(line) => return Some(text[from..offset].trim_end()),
            _ => {}
        }
        offset += line.len();
    }
    start.map(|from| text[from..].trim_end())
}

/// What `code` means, in a few words: its section's heading.
#[cfg(test)]
pub fn meaning(code: &str, lang: Lang) -> Option<&'static str> {
    let section = section(code, lang)?;
    let heading = section.lines().next()?;
    heading.split_once(": ").map(|(_, m)| m.trim())
}
