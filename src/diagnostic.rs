//! Diagnostics: what is wrong with the input, where, and how to fix it.
//!
//! Every stage reports problems as [`Diagnostic`] values into one list
//! instead of stopping at the first; the list is sorted by file and position
//! and printed once, as `path:line:column: error: message` with a hint line.

use crate::messages::Message;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($name:ident = $code:literal,)*) => {
        /// A stable code for each kind of diagnostic; what each means is in
        /// `messages/explain.<lang>.md` (`hromada explain CODE`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($name,)* }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code written as `s` (`S002` or `s002`), if it is one.
            pub fn parse(s: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            }

            /// The code as printed, e.g. `S001`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }
        }
    };
}

codes! {
    Unreadable = "F001",
    NotUtf8 = "F002",
    TooLarge = "F003",
    BadId = "F004",
    DuplicateId = "F005",
    LinkOutside = "F006",
    BadImage = "F007",
    CacheUnwritable = "F008",
    PreviousOutput = "F009",
    YamlSyntax = "Y001",
    DuplicateKey = "Y002",
    EmptyFile = "Y003",
    UnknownKey = "S001",
    WrongType = "S002",
    UnknownValue = "S003",
    MissingField = "S004",
    InvalidValue = "S005",
    ControlCharacter = "S006",
    AgeSum = "C001",
    IdpAgeSum = "C002",
    SexSum = "C003",
    SettlementSum = "C004",
    IdpsOverResidents = "C005",
    SurveySum = "C006",
    SpendingOverBudget = "C007",
    MeasureYear = "C008",
    AgeBands = "C009",
    NoSources = "C010",
    ReportFrontMatter = "R001",
    ReportOrphan = "R002",
    ReportChart = "R003",
    ReportNesting = "R004",
    PoSyntax = "I001",
    Untranslated = "I002",
    OutdatedTranslation = "I003",
    GlossaryTerm = "I004",
    Glossary = "I005",
    Template = "T001",
    UiString = "T002",
    PrintLayout = "T003",
    PrintFailed = "T004",
    Font = "T005",
    Design = "T006",
    MissingGlyph = "T007",
    Unprintable = "T008",
    DataFile = "D001",
    QrPayload = "D002",
    GeoFile = "G001",
    GeoUnmatched = "G002",
    FormFile = "X001",
    FormSheet = "X002",
    FormId = "X003",
    PassportExists = "X004",
    EditionEdited = "E001",
    EditionClaim = "E002",
    EditionFormerly = "E003",
    EditionName = "E004",
    EditionWarnings = "E005",
    Methodology = "M001",
    MethodologyRule = "M002",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub code: Code,
    /// The field path as written in the file, e.g. `population.age[1]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Box<str>>,
    /// What is wrong; printed in the chosen language, English in JSON.
    pub message: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Message>,
    /// The spreadsheet cell, e.g. `Населення!C7`, for a problem in a form;
    /// printed in place of the line and column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<Box<str>>,
}

impl Diagnostic {
    /// An error at a place in a file.
    pub fn error(
        file: &Path,
        (line, column): (usize, usize),
        code: Code,
        message: Message,
    ) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            severity: Severity::Error,
            code,
            field: None,
            message,
            hint: None,
            cell: None,
        }
    }

    /// The same diagnostic as a warning.
    pub fn warning(self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..self
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Message) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    /// Places it at a spreadsheet cell.
    pub fn cell(mut self, cell: impl Into<String>) -> Diagnostic {
        self.cell = Some(cell.into().into_boxed_str());
        self
    }

    /// Names the field.
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        self.field = Some(field.into().into_boxed_str());
        self
    }
}

/// In the chosen language, but for the words `error` and `warning`, which
/// editors' problem matchers read; the hint line names `hromada explain`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match &self.cell {
            Some(cell) => cell.to_string(),
            None => format!("{}:{}", self.line, self.column),
        };
        write!(
            f,
            "{}:{}: {severity}: {} [{}]",
            one_line(&self.file.display().to_string()),
            one_line(&place),
            one_line(&self.message.text()),
            self.code,
        )?;
        let hint = match &self.hint {
            Some(hint) => tr!(
                "{hint} (see `hromada explain {code}`)",
                hint,
                code = self.code
            ),
            None => tr!("see `hromada explain {code}`", code = self.code),
        };
        write!(f, "\n  {}: {}", tr!("hint").text(), one_line(&hint.text()))
    }
}

/// A number from content as a message shows it: as written where it is
/// short (`-412.7`), in exponent form where it runs long (`1e308`).
pub fn figure(value: f64) -> String {
    match value.abs() < 1e9 {
        true => value.to_string(),
        false => format!("{value:e}"),
    }
}

/// Text with its control characters escaped (a newline as `\n`), so that
/// what content brings into a message (a key, a file name) can never start
/// a line of its own that reads as another diagnostic.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// All diagnostics of a run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Adds many.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Sorted by file, position, severity and code: the order they print
    /// in, each once (a broken template fails every page it renders the
    /// same way).
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (
                &a.file, &a.cell, a.line, a.column, a.severity, a.code, &a.message, &a.hint,
            )
                .cmp(&(
                    &b.file, &b.cell, b.line, b.column, b.severity, b.code, &b.message, &b.hint,
                ))
        });
        self.0.dedup();
        self.0
    }
}

/// The line and column (both from 1, the column in characters) of byte
/// `offset` in `text`, for parsers that report byte spans.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The candidate closest to a word, for a hint (kept in `messages`, whose
/// readers of serde's words need it too).
pub use crate::messages::did_you_mean;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::{Lang, explain};

    #[test]
    fn suggests_close_words_only() {
        let keys = ["residents", "idps", "female", "male"];
        assert_eq!(did_you_mean("residnets", keys), Some("residents"));
        assert_eq!(did_you_mean("femail", keys), Some("female"));
        assert_eq!(did_you_mean("budget", keys), None);
        assert_eq!(
            did_you_mean("Закарпатьська", ["Закарпатська", "Запорізька"]),
            Some("Закарпатська")
        );
    }

    #[test]
    fn prints_the_contract_form() {
        let d = Diagnostic::error(
            Path::new("content/passports/a.yaml"),
            (3, 14),
            Code::UnknownKey,
            Message::verbatim("unknown key `x`"),
        )
        .hint(Message::verbatim("did you mean `y`?"));
        assert_eq!(
            d.to_string(),
            "content/passports/a.yaml:3:14: error: unknown key `x` [S001]\n  hint: did you mean `y`? (see `hromada explain S001`)"
        );
    }

    #[test]
    fn the_same_problem_twice_prints_once() {
        let d = |line| {
            Diagnostic::error(
                Path::new("t.html"),
                (line, 1),
                Code::Template,
                Message::verbatim("broken"),
            )
        };
        let mut all = Diagnostics::default();
        all.extend([d(2), d(1), d(2), d(2)]);
        assert_eq!(all.sorted(), [d(1), d(2)]);
        // Met in turns (pages rendered in parallel), each still prints once.
        let hinted = |hint| d(3).hint(Message::verbatim(hint));
        let mut all = Diagnostics::default();
        all.extend([hinted("b"), hinted("a"), hinted("b"), hinted("a")]);
        assert_eq!(all.sorted(), [hinted("a"), hinted("b")]);
    }

    #[test]
    fn text_from_content_never_starts_a_line() {
        let forged = "x\ncontent/passports/b.yaml:1:1: error: forged [S001]\u{1b}[2J";
        let d = Diagnostic::error(
            Path::new("a\nb.yaml"),
            (1, 1),
            Code::UnknownKey,
            Message::verbatim(forged),
        )
        .hint(Message::verbatim(forged));
        let printed = d.to_string();
        assert_eq!(printed.lines().count(), 2, "{printed}");
        assert!(
            printed.starts_with("a\\nb.yaml:1:1: error: x\\ncontent/"),
            "{printed}"
        );
        assert!(
            printed.contains("forged [S001]\\u{1b}[2J [S001]"),
            "{printed}"
        );
    }

    #[test]
    fn codes_are_unique() {
        let mut seen: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), Code::ALL.len());
    }

    #[test]
    fn every_code_is_explained_in_both_languages() {
        for code in Code::ALL {
            for (lang, wrong, right) in [
                (Lang::En, "Wrong:", "Right:"),
                (Lang::Uk, "Неправильно:", "Правильно:"),
            ] {
                let section = explain::section(code.as_str(), lang)
                    .unwrap_or_else(|| panic!("{code} has no explanation in {lang:?}"));
                assert!(
                    explain::meaning(code.as_str(), lang).is_some_and(|m| !m.is_empty()),
                    "{code} {lang:?}: no meaning in its heading"
                );
                let w = section
                    .find(wrong)
                    .unwrap_or_else(|| panic!("{code} {lang:?}: no {wrong}"));
                let r = section
                    .find(right)
                    .unwrap_or_else(|| panic!("{code} {lang:?}: no {right}"));
                assert!(w < r, "{code} {lang:?}: the wrong example comes first");
                assert!(
                    section[w..r].contains("```") && section[r..].contains("```"),
                    "{code} {lang:?}: each example is a code block"
                );
            }
        }
        assert!(
            explain::section("S002", Lang::Uk)
                .unwrap()
                .contains("багато")
        );
    }
}
