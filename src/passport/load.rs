//! From a passport file's text to a checked [`Passport`]: YAML, then the
//! schema, then the consistency checks, every problem as a diagnostic.

use std::path::Path;

use super::checks::check;
use super::model::Passport;
use super::scalars;
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::{self, Problem, SyntaxProblem};

/// Parses one passport. The passport is returned only when it has no
/// errors; the diagnostics hold its errors and warnings.
pub fn parse(file: &Path, text: &str) -> (Option<Passport>, Vec<Diagnostic>) {
    let (tree, duplicates) = match yaml::parse(text) {
        Ok(parsed) => parsed,
        Err(syntax) => return (None, vec![from_syntax(file, Code::YamlSyntax, syntax)]),
    };
    let mut diagnostics: Vec<Diagnostic> = duplicates
        .into_iter()
        .map(|d| from_syntax(file, Code::DuplicateKey, d))
        .collect();
    if tree.value == yaml::Value::Null {
        diagnostics.push(
            Diagnostic::error(file, (1, 1), Code::EmptyFile, "the passport is empty").hint(
                "start from the template: `hromada new` writes one with every field explained",
            ),
        );
        return (None, diagnostics);
    }
    match yaml::read::<Passport>(&tree, &scalars::rules()) {
        Ok(passport) => {
            diagnostics.extend(check(&passport, &tree, file));
            let ok = diagnostics
                .iter()
                .all(|d| d.severity != crate::diagnostic::Severity::Error);
            (ok.then_some(passport), diagnostics)
        }
        Err(problems) => {
            diagnostics.extend(problems.into_iter().map(|p| from_problem(file, p)));
            (None, diagnostics)
        }
    }
}

/// A YAML syntax problem as a diagnostic of `file`.
pub fn from_syntax(file: &Path, code: Code, p: SyntaxProblem) -> Diagnostic {
    let d = Diagnostic::error(file, (p.pos.line, p.pos.col), code, p.message);
    match p.hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// A reader's problem as a diagnostic of `file`.
pub fn from_problem(file: &Path, p: Problem) -> Diagnostic {
    let mut d = Diagnostic::error(file, (p.pos.line, p.pos.col), p.code, p.message);
    d.hint = p.hint;
    if !p.path.is_empty() {
        d = d.field(p.path);
    }
    d
}

#[cfg(test)]
mod never_panics {
    use std::path::Path;

    use proptest::prelude::*;

    use super::parse;

    const EXAMPLE: &str = include_str!("../../content/passports/zrazkova-pryklad.yaml");

    proptest! {
        #[test]
        fn on_any_text(text in "\\PC{0,300}") {
            let _ = parse(Path::new("p.yaml"), &text);
        }

        #[test]
        fn on_yaml_shaped_text(text in "[a-z_: \\n\\t\\[\\]{}\"'0-9.,#&*!|>%@`-]{0,300}") {
            let _ = parse(Path::new("p.yaml"), &text);
        }

        #[test]
        fn on_a_full_passport_edited_at_random(at in 0usize..EXAMPLE.len(), cut in 0usize..40, insert in "\\PC{0,12}") {
            let mut text = EXAMPLE.to_string();
            let start = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
            let end = (start + cut..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
            text.replace_range(start..end, &insert);
            let (passport, diagnostics) = parse(Path::new("p.yaml"), &text);
            // Either a passport or a reason: never neither.
            prop_assert!(passport.is_some() || !diagnostics.is_empty());
        }
    }
}
