//! A theme template's errors told as a theme's author needs them, in
//! their language: one that stops it being read, at the line Tera names;
//! one met rendering a page, at the line of the template file that holds
//! what failed (Tera names only the page's template, and a parent's line
//! not at all), with the name meant when a close one exists in what the
//! page gives its templates.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, did_you_mean, line_col};
use crate::messages::{self, Message};

/// A template's text and the file it came from.
pub struct Source {
    pub text: String,
    pub origin: PathBuf,
}

/// What a template calls by name.
#[derive(Debug, PartialEq, Clone, Copy)]
enum Callable {
    Filter,
    Test,
    Function,
}

/// What failed, as Tera's innermost cause says it.
#[derive(Debug, PartialEq)]
enum Failed {
    /// A variable the page does not give (`page.titel`).
    Variable(String),
    /// A filter, test or function Tera does not have, by kind and name.
    Missing(Callable, String),
    /// Anything else: Tera's words.
    Other(String),
}

impl Failed {
    /// Reads Tera's innermost cause.
    fn of(cause: &str) -> Failed {
        if let Some((name, _)) =
            (cause.strip_prefix("Variable `")).and_then(|rest| rest.split_once("` not found"))
        {
            return Failed::Variable(name.to_string());
        }
        for (prefix, kind) in [
            ("Filter '", Callable::Filter),
            ("Test '", Callable::Test),
            ("Function '", Callable::Function),
        ] {
            let name = cause
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix("' not found"));
            if let Some(name) = name {
                return Failed::Missing(kind, name.to_string());
            }
        }
        Failed::Other(cause.to_string())
    }

    /// The text whose first occurrence in a template is where it failed.
    fn needle(&self) -> Option<&str> {
        match self {
            Failed::Variable(name) | Failed::Missing(_, name) => Some(name),
            // Tera quotes what it failed on in backticks, most often.
            Failed::Other(why) => why.split('`').nth(1).filter(|quoted| !quoted.is_empty()),
        }
    }
}

/// The diagnostic for `e`, an error Tera gave rendering `template` with
/// `context`. `involved` are looked in, in order, for the line that holds
/// what failed (the template Tera names innermost, the page's own, its
/// parents, the macro files they import); the first of them is named
/// when none holds it.
pub fn rendering(
    e: &tera::Error,
    template: &str,
    involved: &[&Source],
    context: &tera::Context,
) -> Diagnostic {
    let failed = Failed::of(&innermost_cause(e));
    let found = failed.needle().and_then(|needle| {
        involved.iter().find_map(|source| {
            let (line, column) = first_use(&source.text, needle)?;
            Some((source.origin.as_path(), (line, column)))
        })
    });
    let fallback = (involved.first()).map_or(Path::new(template), |source| &source.origin);
    let (origin, position) = found.unwrap_or((fallback, (1, 1)));
    let message = match &failed {
        Failed::Variable(name) => tr!(
            "the template reads `{name}`, which is not given to it here",
            name = name.as_str()
        ),
        Failed::Missing(Callable::Filter, name) => tr!(
            "the template uses the filter `{name}`, which Tera and hromada do not have",
            name = name.as_str()
        ),
        Failed::Missing(Callable::Test, name) => tr!(
            "the template uses the test `{name}`, which Tera and hromada do not have",
            name = name.as_str()
        ),
        Failed::Missing(Callable::Function, name) => tr!(
            "the template calls the function `{name}`, which Tera and hromada do not have",
            name = name.as_str()
        ),
        Failed::Other(why) => tr!(
            "the template cannot be rendered: {why}",
            why = Message::verbatim(why.as_str())
        ),
    };
    let diagnostic = Diagnostic::error(origin, position, Code::Template, message);
    let Failed::Variable(name) = &failed else {
        return diagnostic;
    };
    if let Some(name) = in_macro(e) {
        return diagnostic.hint(tr!(
            "it is read inside the macro `{name}`, which is given only what it is called with: see its calls",
            name
        ));
    }
    match lookup(name, &context.clone().into_json()) {
        Some(Lookup::Near(near)) => diagnostic.hint(tr!("did you mean `{near}`?", near)),
        Some(Lookup::Made(first)) => diagnostic.hint(tr!(
            "no page gives `{first}`: a name the template makes itself ({{% set %}}, {{% for %}}) is known only below where it is made",
            first
        )),
        Some(Lookup::Given { under, names }) => diagnostic.hint(tr!(
            "`{under}` holds: {names}",
            under,
            names = names.join(", ")
        )),
        None => diagnostic,
    }
}

/// The macro Tera's causes say the error happened in, by its name (not
/// the namespace it was called through, which differs between callers).
fn in_macro(e: &tera::Error) -> Option<String> {
    let chain = causes(e);
    let (_, rest) = chain.split_once("while rendering macro `")?;
    let called = rest.split('`').next()?;
    Some(called.rsplit("::").next().unwrap_or(called).to_string())
}

/// The diagnostic for `e`, an error Tera gave reading the template at
/// `origin`: at the line and column it names, with what it expected.
pub fn parsing(origin: &Path, e: &tera::Error) -> Diagnostic {
    let message = causes(e);
    let position = message.split("-->").nth(1).and_then(|rest| {
        let mut numbers = rest
            .trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((numbers.next()?.parse().ok()?, numbers.next()?.parse().ok()?))
    });
    // The parser's words follow `= ` below the quoted line; other errors
    // (a parent that is missing) are Tera's one sentence.
    let detail = (message.lines())
        .find_map(|l| l.trim_start().strip_prefix("= "))
        .map_or_else(|| message.replace('\n', " "), str::to_string);
    Diagnostic::error(
        origin,
        position.unwrap_or((1, 1)),
        Code::Template,
        tr!(
            "the template cannot be read: {why}",
            why = parser_words(&detail).unwrap_or_else(|| Message::verbatim(detail))
        ),
    )
}

/// The parser's sentence ("expected a, b, or c", "unexpected a",
/// "unexpected a; expected b") as a message whose parts, Tera's names for
/// what it wanted, are library words the catalog translates; `None` for
/// a sentence not of that form.
fn parser_words(detail: &str) -> Option<Message> {
    let known: Vec<&str> = messages::catalogued().collect();
    let list = |text: &str| names(text, &known).map(|names| listed(&names));
    if let Some((what, wanted)) =
        (detail.strip_prefix("unexpected ")).and_then(|rest| rest.split_once("; expected "))
    {
        let (what, wanted) = (list(what)?, list(wanted)?);
        return Some(tr!("unexpected {what}; expected {wanted}", what, wanted));
    }
    if let Some(wanted) = detail.strip_prefix("expected ") {
        return Some(tr!("expected {wanted}", wanted = list(wanted)?));
    }
    let what = list(detail.strip_prefix("unexpected ")?)?;
    Some(tr!("unexpected {what}", what))
}

/// `text` taken apart into the `known` names it lists ("a, b, or c";
/// "a or b"; "a"), the longest name first where one starts another.
fn names<'t>(text: &'t str, known: &[&str]) -> Option<Vec<&'t str>> {
    if text.is_empty() {
        return None;
    }
    let mut candidates: Vec<&str> = (known.iter().copied())
        .filter(|name| !name.is_empty() && text.starts_with(name))
        .collect();
    candidates.sort_by_key(|name| std::cmp::Reverse(name.len()));
    candidates.into_iter().find_map(|name| {
        let (first, rest) = text.split_at(name.len());
        if rest.is_empty() {
            return Some(vec![first]);
        }
        let rest = [", or ", " or ", ", "]
            .iter()
            .find_map(|separator| rest.strip_prefix(separator))?;
        let mut all = vec![first];
        all.extend(names(rest, known)?);
        Some(all)
    })
}

/// Names listed as English and Ukrainian list them: "a", "a or b",
/// "a, b, or c".
fn listed(names: &[&str]) -> Message {
    let name = |n: &str| Message::verbatim(n);
    match names {
        [a, b] => tr!("{a} or {b}", a = name(a), b = name(b)),
        [first, middle @ .., last] => {
            let list = (middle.iter()).fold(name(first), |list, next| {
                tr!("{list}, {next}", list, next = name(next))
            });
            tr!("{list}, or {last}", list, last = name(last))
        }
        one => name(&one.concat()),
    }
}

/// The template Tera's causes name last ("while rendering
/// 'macros.html'", "error happened in 'base.html'"): the innermost it
/// knows of.
pub fn named_innermost(e: &tera::Error) -> Option<String> {
    let chain = causes(e);
    let start = ["rendering '", "happened in '"]
        .iter()
        .flat_map(|cue| chain.match_indices(cue).map(|(i, m)| i + m.len()))
        .max()?;
    chain[start..].split('\'').next().map(str::to_string)
}

/// A Tera error and its causes as one text, joined by colons.
fn causes(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// Tera's deepest cause: what failed, without where Tera thinks it was.
fn innermost_cause(e: &tera::Error) -> String {
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// The line and column (from 1, in characters) where `needle` first
/// stands in `text` as a whole name: not inside a longer one.
fn first_use(text: &str, needle: &str) -> Option<(usize, usize)> {
    let part_of_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let at = text.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(part_of_name) && !after.is_some_and(|c| part_of_name(c) && c != '.')
    })?;
    Some(line_col(text, at))
}

/// Whether `value` holds the path of `parts`.
fn resolves(parts: &[&str], value: &tera::Value) -> bool {
    (parts.iter())
        .try_fold(value, |value, part| value.get(part))
        .is_some()
}

/// What the page gives its templates near a name it lacks.
#[derive(Debug, PartialEq)]
enum Lookup {
    /// The same dotted name with one part replaced by a close one the
    /// page has.
    Near(String),
    /// A first part the page has nothing close to: a name the template
    /// made itself, out of its reach here.
    Made(String),
    /// The names held by the longest part of the name the page has.
    Given { under: String, names: Vec<String> },
}

/// What `context` holds near the dotted `name`, which it lacks: the name
/// meant, if the first part it lacks is close to one it has there; else
/// the names it has there, or, if it lacks the first part, that part.
fn lookup(name: &str, context: &tera::Value) -> Option<Lookup> {
    let parts: Vec<&str> = name.split('.').collect();
    let mut value = context;
    for (i, part) in parts.iter().enumerate() {
        let object = value.as_object()?;
        let Some(inner) = object.get(*part) else {
            // A close name is only suggested if the rest of the name is
            // found under it.
            let near = did_you_mean(part, object.keys().map(String::as_str))
                .filter(|near| resolves(&parts[i + 1..], &object[*near]));
            return Some(match near {
                Some(near) => {
                    let mut fixed = parts.clone();
                    fixed[i] = near;
                    Lookup::Near(fixed.join("."))
                }
                None if i == 0 => Lookup::Made(part.to_string()),
                None => Lookup::Given {
                    under: parts[..i].join("."),
                    names: object.keys().cloned().collect(),
                },
            });
        };
        value = inner;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    /// Every name Tera's parser gives what it wanted (the strings of its
    /// `renamed_rules`), from the vendored source.
    fn teras_names() -> Vec<String> {
        let source = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/tera/src/parser/mod.rs"),
        )
        .unwrap();
        let start = source.find("e.renamed_rules(").unwrap();
        let end = start + source[start..].find("Error::msg(fancy_e)").unwrap();
        let mut names = Vec::new();
        for piece in source[start..end].split(".to_string()").map(str::trim_end) {
            let name = match piece.strip_suffix("\"#") {
                Some(raw) => raw.rsplit_once("r#\"").map(|(_, n)| n.to_string()),
                None => (piece.strip_suffix('"'))
                    .and_then(|p| p.rsplit_once('"'))
                    .map(|(_, n)| n.to_string()),
            };
            if let Some(name) = name.filter(|n| !names.contains(n)) {
                names.push(name);
            }
        }
        names
    }

    #[test]
    fn every_name_teras_parser_gives_is_in_the_catalog() {
        let names = teras_names();
        assert!(names.len() > 80, "{names:?}");
        let known: Vec<&str> = messages::catalogued().collect();
        let missing: Vec<&String> = (names.iter())
            .filter(|n| !known.contains(&n.as_str()))
            .collect();
        assert!(missing.is_empty(), "messages/uk.po lacks: {missing:#?}");
    }

    #[test]
    fn the_parsers_sentence_is_said_in_either_language() {
        let said = |detail: &str, lang| parser_words(detail).map(|m| m.render(lang));
        let detail = "expected an integer, `true` or `false`, a string or a concatenation of strings, or a variable end (`}}`)";
        assert_eq!(said(detail, Lang::En).as_deref(), Some(detail));
        assert_eq!(
            said(detail, Lang::Uk).as_deref(),
            Some(
                "очікувалося ціле число, `true` або `false`, рядок або поєднання рядків або кінець змінної (`}}`)"
            )
        );
        assert_eq!(
            said("unexpected tag; expected some content", Lang::Uk).as_deref(),
            Some("неочікуване: тег; очікувалося вміст")
        );
        // Words it does not know stay Tera's, as they are.
        assert_eq!(said("expected a unicorn", Lang::Uk), None);
        assert_eq!(said("Template 'x' not found", Lang::Uk), None);
    }

    #[test]
    fn reads_what_tera_says_failed() {
        assert_eq!(
            Failed::of(
                "Variable `page.titel.text` not found in context while rendering 'page.html'"
            ),
            Failed::Variable("page.titel.text".into())
        );
        assert_eq!(
            Failed::of("Filter 'upcase' not found"),
            Failed::Missing(Callable::Filter, "upcase".into())
        );
        assert_eq!(
            Failed::of("Tried to iterate on a container (`x`) that has a unsupported type"),
            Failed::Other(
                "Tried to iterate on a container (`x`) that has a unsupported type".into()
            )
        );
    }

    #[test]
    fn finds_a_name_where_it_stands_whole() {
        let text = "<p>{{ page.title_long }}</p>\n  <h1>{{ page.title }}</h1>\n";
        assert_eq!(first_use(text, "page.title"), Some((2, 10)));
        assert_eq!(first_use("{{ mypage.title }}", "page.title"), None);
        assert_eq!(
            first_use("{{ п }}\n{{ page.title.text }}", "page.title"),
            Some((2, 4))
        );
    }

    #[test]
    fn suggests_a_close_name_or_says_what_the_page_has() {
        let context = serde_json::json!({ "page": { "title": { "text": "x" } }, "lang": "uk" });
        assert_eq!(
            lookup("page.titel.text", &context),
            Some(Lookup::Near("page.title.text".into()))
        );
        assert_eq!(
            lookup("pgae.title", &context),
            Some(Lookup::Near("page.title".into()))
        );
        assert_eq!(
            lookup("row.cells", &context),
            Some(Lookup::Made("row".into()))
        );
        assert_eq!(
            lookup("page.budget", &context),
            Some(Lookup::Given {
                under: "page".into(),
                names: vec!["title".into()]
            })
        );
        assert_eq!(
            lookup("page.titl.txt", &context),
            Some(Lookup::Given {
                under: "page".into(),
                names: vec!["title".into()]
            })
        );
        assert_eq!(lookup("page.title.text.more", &context), None);
    }
}
