//! The offending line under a diagnostic, with a caret, for people at a
//! terminal (rendered by codespan-reporting). Scripts and CI get the
//! contract's one line per diagnostic (or `--format json`) instead.

use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config, termcolor::NoColor};

use crate::diagnostic::Diagnostic;

/// The source lines of `d` with a caret under its place, as codespan
/// renders them (without its header line, which the contract line
/// replaces), or `None` when the place is a whole file or can't be read.
pub fn render(site: &Path, d: &Diagnostic) -> Option<String> {
    if d.code.as_str().starts_with('F') || (d.line, d.column) == (1, 1) || d.cell.is_some() {
        return None;
    }
    let source = std::fs::read_to_string(site.join(&d.file)).ok()?;
    let range = token_at(&source, d.line, d.column)?;
    let file = SimpleFile::new(d.file.display().to_string(), source);
    let mut report = Report::error().with_labels(vec![Label::primary((), range)]);
    if let Some(hint) = &d.hint {
        report = report.with_notes(vec![format!("{}: {}", tr!("hint").text(), hint.text())]);
    }
    let mut out = NoColor::new(Vec::new());
    term::emit(&mut out, &Config::default(), &file, &report).ok()?;
    let text = String::from_utf8(out.into_inner()).ok()?;
    // Drop codespan's own header: the contract line above says it.
    let body = text
        .split_once('\n')
        .map_or(text.as_str(), |(_, rest)| rest);
    Some(body.trim_end().to_string())
}

/// The byte range of the key or value at `line`:`column` (both from 1,
/// column in characters): a key up to its `:`, a value up to a comment,
/// the end of the line, or the `,`/`}`/`]` of a flow collection.
fn token_at(source: &str, line: usize, column: usize) -> Option<std::ops::Range<usize>> {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let text = source.get(line_start..)?.split('\n').next()?;
    let start = text
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    let rest = &text[start..];
    let key_end = rest
        .find(|c: char| c.is_whitespace() || c == ':')
        .filter(|i| rest[*i..].starts_with(':'));
    let value_end = rest
        .find(" #")
        .unwrap_or(rest.len())
        .min(rest.find([',', '}', ']']).unwrap_or(rest.len()));
    let len = key_end.unwrap_or(rest[..value_end].trim_end().len()).max(1);
    let end = (start + len).min(text.len());
    (start < end).then(|| line_start + start..line_start + end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::messages::Message;

    #[test]
    fn underlines_the_word_at_the_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.yaml"),
            "name: Громада\npopulation:\n  residnets: 5\n",
        )
        .unwrap();
        let d = Diagnostic::error(
            Path::new("a.yaml"),
            (3, 3),
            Code::UnknownKey,
            Message::verbatim("unknown key `residnets`"),
        )
        .hint(Message::verbatim("did you mean `residents`?"));
        let shown = render(dir.path(), &d).unwrap();
        assert!(
            shown.contains("3 │   residnets: 5\n  │   ^^^^^^^^^\n"),
            "{shown}"
        );
        assert!(
            shown.contains("= hint: did you mean `residents`?"),
            "{shown}"
        );
        assert!(
            !shown.contains("error"),
            "the contract line carries the message: {shown}"
        );
    }

    #[test]
    fn finds_words_after_cyrillic_text() {
        let source = "name: Громада\ntype: town\n";
        assert_eq!(&source[token_at(source, 2, 7).unwrap()], "town");
        let flow = "  - { band: 18-5, female: 1 }\nidps: 115 512  # IDPs\n";
        assert_eq!(&flow[token_at(flow, 1, 13).unwrap()], "18-5");
        assert_eq!(&flow[token_at(flow, 2, 7).unwrap()], "115 512");
        assert_eq!(&flow[token_at(flow, 1, 7).unwrap()], "band");
        assert_eq!(&source[token_at(source, 1, 7).unwrap()], "Громада");
        assert!(token_at(source, 9, 1).is_none());
    }
}
