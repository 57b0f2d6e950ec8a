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
            Diagnostic::error(file, (1, 1), Code::EmptyFile, tr!("the passport is empty")).hint(
                tr!("start from the template: `hromada new` writes one with every field explained"),
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
            diagnostics.extend(
                problems
                    .into_iter()
                    .map(|p| from_problem(file, keyword_hint(p, &tree))),
            );
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

/// The Ukrainian words the format itself gives for a community's type and
/// a settlement's kind, which working groups naturally write.
const UKRAINIAN_KINDS: [(&str, &str); 6] = [
    ("міська", "city"),
    ("місто", "city"),
    ("селищна", "settlement"),
    ("селище", "settlement"),
    ("сільська", "village"),
    ("село", "village"),
];

/// Points a type or kind written in Ukrainian to its keyword.
fn keyword_hint(mut p: Problem, tree: &yaml::Node) -> Problem {
    let kind_field =
        p.path == "type" || (p.path.starts_with("settlements[") && p.path.ends_with(".kind"));
    let written = tree
        .at(&p.path)
        .and_then(yaml::Node::as_str)
        .map(|w| w.trim().to_lowercase());
    if let (Code::UnknownValue, true, Some(word)) = (p.code, kind_field, written)
        && let Some((uk, keyword)) = UKRAINIAN_KINDS.iter().find(|(uk, _)| *uk == word)
    {
        p.hint = Some(tr!(
            "write `{keyword}`: it is the format's keyword for «{uk}»",
            keyword,
            uk
        ));
    }
    p
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
mod tests {
    use crate::messages::Message;
    use std::path::Path;

    use super::parse;

    #[test]
    fn a_type_in_ukrainian_points_to_its_keyword() {
        let text = "name: Н\ntype: Сільська\noblast: Житомирська\nas_of: 2023-06-30\npopulation: { residents: 5 }\nsettlements:\n  - { name: А, kind: село }\n";
        let (_, ds) = parse(Path::new("p.yaml"), text);
        let hints: Vec<_> = ds
            .iter()
            .map(|d| d.hint.as_ref().map(Message::english).unwrap_or_default())
            .collect();
        assert_eq!(
            hints,
            [
                "write `village`: it is the format's keyword for «сільська»",
                "write `village`: it is the format's keyword for «село»"
            ]
        );
    }
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
            let text = crate::fuzz::edited(EXAMPLE, at, cut, &insert);
            let (passport, diagnostics) = parse(Path::new("p.yaml"), &text);
            // Either a passport or a reason: never neither.
            prop_assert!(passport.is_some() || !diagnostics.is_empty());
        }
    }
}
