//! Diagnostics: what is wrong with the input, where, and how to fix it.
//!
//! Every stage reports problems as [`Diagnostic`] values into one list
//! instead of stopping at the first; the list is sorted by file and position
//! and printed once, as `path:line:column: error: message` with a hint line.

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
    ($($name:ident = $code:literal: $what:literal,)*) => {
        /// A stable code for each kind of diagnostic, listed in README.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($name,)* }

        impl Code {
            /// Every code, in order.
            #[cfg(test)]
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as printed, e.g. `S001`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => $code,)* }
            }

            /// What the code means, in a few words.
            #[cfg(test)]
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$name => $what,)* }
            }
        }
    };
}

codes! {
    Unreadable = "F001": "a file cannot be read",
    NotUtf8 = "F002": "a file is not UTF-8 text",
    TooLarge = "F003": "a file is over the size limit",
    BadId = "F004": "a file name is not a valid id",
    DuplicateId = "F005": "two files have one id",
    LinkOutside = "F006": "a link leads out of the site and is skipped (warning)",
    BadImage = "F007": "an image the site names cannot be read as one",
    CacheUnwritable = "F008": "the build cache cannot be used; every PDF and drawing is made anew (warning)",
    PreviousOutput = "F009": "the new site is published but the previous one cannot be removed (warning)",
    YamlSyntax = "Y001": "the YAML text cannot be parsed",
    DuplicateKey = "Y002": "a key appears twice in one section",
    EmptyFile = "Y003": "a passport file is empty",
    UnknownKey = "S001": "a key the format does not have",
    WrongType = "S002": "a value of the wrong type",
    UnknownValue = "S003": "a value outside the allowed list",
    MissingField = "S004": "a required field is missing",
    InvalidValue = "S005": "a value breaks its field's rule",
    ControlCharacter = "S006": "a text holds a control character",
    AgeSum = "C001": "age bands do not add up to residents",
    IdpAgeSum = "C002": "IDP age bands do not add up to IDPs",
    SexSum = "C003": "female + male is not residents",
    SettlementSum = "C004": "settlements do not add up to residents",
    IdpsOverResidents = "C005": "more IDPs than residents",
    SurveySum = "C006": "survey shares do not add up to 100",
    SpendingOverBudget = "C007": "social protection exceeds expenditure",
    MeasureYear = "C008": "a measure's year is outside the plan period",
    AgeBands = "C009": "age bands overlap or differ",
    NoSources = "C010": "a passport names no source for its figures (warning)",
    ReportFrontMatter = "R001": "a report has no front matter",
    ReportOrphan = "R002": "a translated report has no default-language original",
    ReportChart = "R003": "a chart in a report is unknown or badly written",
    ReportNesting = "R004": "a report nests its elements too deeply",
    PoSyntax = "I001": "a PO file cannot be parsed",
    Untranslated = "I002": "passport texts have no translation (warning)",
    OutdatedTranslation = "I003": "a translated report's original has changed since it was translated (warning)",
    GlossaryTerm = "I004": "a translation leaves out the glossary's translation of a term (warning)",
    Glossary = "I005": "a glossary file is broken",
    Template = "T001": "a theme template is broken",
    UiString = "T002": "a UI string is missing",
    PrintLayout = "T003": "a print layout (Typst) cannot be typeset",
    PrintFailed = "T004": "a PDF could not be made: the typesetter failed",
    Font = "T005": "a theme's font cannot be read",
    Design = "T006": "a theme's design.toml is broken",
    MissingGlyph = "T007": "a chart's text has characters the theme's font lacks (warning)",
    Unprintable = "T008": "a PDF's text has characters the theme's fonts cannot print (warning)",
    DataFile = "D001": "an open data file cannot be made",
    QrPayload = "D002": "a factsheet's QR code cannot hold its page's address",
    GeoFile = "G001": "a boundary file or one of its features cannot be read",
    GeoUnmatched = "G002": "boundary features whose codes no passport has (warning)",
    FormFile = "X001": "a file is not a passport form this version can read",
    FormSheet = "X002": "a form's sheet, row or column is missing or changed",
    FormId = "X003": "a form names no valid id for its community",
    PassportExists = "X004": "an imported form would replace a passport without --replace",
    EditionEdited = "E001": "a closed edition's passport was changed after closing (warning)",
    EditionClaim = "E002": "two passports of one edition claim one community",
    EditionFormerly = "E003": "a former id names no passport of an earlier edition",
    EditionName = "E004": "an edition's name is taken or cannot be one",
    Methodology = "M001": "the threat methodology file is broken",
    MethodologyRule = "M002": "a rule of the threat methodology is wrong",
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
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Box<str>>,
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
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: file.to_path_buf(),
            line,
            column,
            severity: Severity::Error,
            code,
            field: None,
            message: message.into(),
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
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into().into_boxed_str());
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
            one_line(&self.message),
            self.code,
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", one_line(hint))?;
        }
        Ok(())
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
                &a.file, &a.cell, a.line, a.column, a.severity, a.code, &a.message,
            )
                .cmp(&(
                    &b.file, &b.cell, b.line, b.column, b.severity, b.code, &b.message,
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

/// The candidate closest to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "unknown key `x`",
        )
        .hint("did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "content/passports/a.yaml:3:14: error: unknown key `x` [S001]\n  hint: did you mean `y`?"
        );
    }

    #[test]
    fn the_same_problem_twice_prints_once() {
        let d = |line| Diagnostic::error(Path::new("t.html"), (line, 1), Code::Template, "broken");
        let mut all = Diagnostics::default();
        all.extend([d(2), d(1), d(2), d(2)]);
        assert_eq!(all.sorted(), [d(1), d(2)]);
    }

    #[test]
    fn text_from_content_never_starts_a_line() {
        let forged = "x\ncontent/passports/b.yaml:1:1: error: forged [S001]\u{1b}[2J";
        let d = Diagnostic::error(Path::new("a\nb.yaml"), (1, 1), Code::UnknownKey, forged)
            .hint(forged);
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
    fn readme_lists_every_code_with_its_meaning() {
        let readme = include_str!("../README.md");
        for code in Code::ALL {
            let row = format!("| {} | {} |", code.as_str(), code.meaning());
            assert!(readme.contains(&row), "README lacks the row {row}");
        }
    }

    #[test]
    fn codes_are_unique() {
        let mut seen: Vec<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), Code::ALL.len());
    }
}
