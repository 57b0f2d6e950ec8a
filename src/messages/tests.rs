use std::collections::BTreeMap;

use clap::CommandFactory;

use super::catalog::{Catalog, UK_PO};
use super::*;

/// A message the code says: its English text, and its plural if it has one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Said {
    id: String,
    plural: Option<String>,
    at: String,
}

/// The text of a Rust string literal starting at `text[0] == '"'`, and
/// the length it takes.
fn literal(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                '\n' => {
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                'u' => {
                    let hex: String = chars
                        .by_ref()
                        .map(|(_, c)| c)
                        .take_while(|c| *c != '}')
                        .filter(|c| *c != '{')
                        .collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Every `tr!` and `trn!` of the sources, as `xgettext` would find them.
fn said_in_code() -> Vec<Said> {
    let mut out = Vec::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (macro_name, plural) in [(concat!("tr", "!("), false), (concat!("trn", "!("), true)] {
            for (start, _) in text.match_indices(macro_name) {
                if text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..start].trim_start().starts_with("//") {
                    continue;
                }
                let rest = text[start + macro_name.len()..].trim_start();
                if !rest.starts_with('"') {
                    continue;
                }
                let line = text[..start].matches('\n').count() + 1;
                let at = format!(
                    "{}:{line}",
                    entry.path().strip_prefix(&src).unwrap().display()
                );
                let (id, used) = literal(rest).unwrap_or_else(|| panic!("{at}: a literal"));
                let plural = plural.then(|| {
                    let after = rest[used..]
                        .trim_start()
                        .trim_start_matches(',')
                        .trim_start();
                    literal(after)
                        .unwrap_or_else(|| panic!("{at}: two literals"))
                        .0
                });
                out.push(Said { id, plural, at });
            }
        }
    }
    out.sort();
    out
}

/// Every text the command line shows: the help of each command and flag.
fn said_by_the_command_line() -> Vec<String> {
    cli::help_texts(&cli::localise(crate::Cli::command(), Lang::En))
}

/// The catalog's text for `id`, quoted for a PO file.
fn po_quoted(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

#[test]
fn every_message_is_in_the_catalog_with_its_placeholders() {
    let catalog = Catalog::parse(UK_PO);
    let mut missing = BTreeMap::new();
    let mut wrong = Vec::new();
    for said in said_in_code() {
        let Some(forms) = catalog.entries().get(&said.id) else {
            let entry = match &said.plural {
                None => format!(
                    "#: src/{}\nmsgid {}\nmsgstr \"\"\n",
                    said.at,
                    po_quoted(&said.id)
                ),
                Some(other) => format!(
                    "#: src/{}\nmsgid {}\nmsgid_plural {}\nmsgstr[0] \"\"\nmsgstr[1] \"\"\nmsgstr[2] \"\"\n",
                    said.at,
                    po_quoted(&said.id),
                    po_quoted(other)
                ),
            };
            missing.entry(said.id.clone()).or_insert(entry);
            continue;
        };
        let english = placeholders(&said.id);
        if let Some(other) = &said.plural {
            if placeholders(other) != english {
                wrong.push(format!(
                    "{}: the plural has other placeholders than {:?}",
                    said.at, said.id
                ));
            }
            if forms.len() != 3 {
                wrong.push(format!(
                    "{}: {:?} needs three Ukrainian forms",
                    said.at, said.id
                ));
            }
        }
        for form in forms {
            if placeholders(form) != english {
                wrong.push(format!(
                    "{}: {:?} is translated with the placeholders {:?}, not {:?}",
                    said.at,
                    said.id,
                    placeholders(form),
                    english
                ));
            }
        }
    }
    for help in said_by_the_command_line() {
        if catalog.singular(&help).is_none() {
            missing.entry(help.clone()).or_insert(format!(
                "#: src/main.rs (help)\nmsgid {}\nmsgstr \"\"\n",
                po_quoted(&help)
            ));
        }
    }
    let missing: Vec<String> = missing.into_values().collect();
    assert!(
        missing.is_empty(),
        "messages/uk.po lacks {} messages:\n\n{}",
        missing.len(),
        missing.join("\n")
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_catalog_holds_no_message_the_code_no_longer_says() {
    let catalog = Catalog::parse(UK_PO);
    let mut said: Vec<String> = said_in_code().into_iter().map(|s| s.id).collect();
    said.extend(said_by_the_command_line());
    let po = rspolib::pofile(format!("{UK_PO}\n").as_str()).unwrap();
    let library: Vec<&str> = po
        .entries
        .iter()
        .filter(|e| e.flags.iter().any(|f| f == "library"))
        .map(|e| e.msgid.as_str())
        .collect();
    let mut stale: Vec<&String> = catalog
        .entries()
        .keys()
        .filter(|id| !said.contains(id) && !library.contains(&id.as_str()))
        .collect();
    stale.sort();
    assert!(
        stale.is_empty(),
        "messages/uk.po has messages no code says: {stale:#?}"
    );
}

#[test]
fn ukrainian_plurals_follow_cldr() {
    let errors = |n: usize| {
        trn!(
            "{count} error; {outcome}",
            "{count} errors; {outcome}",
            count = n,
            outcome = "x"
        )
        .render(Lang::Uk)
    };
    assert_eq!(errors(1), "1 помилка; x");
    assert_eq!(errors(2), "2 помилки; x");
    assert_eq!(errors(5), "5 помилок; x");
    assert_eq!(errors(11), "11 помилок; x");
    assert_eq!(errors(21), "21 помилка; x");
    let english = |n: usize| {
        trn!(
            "{count} error; {outcome}",
            "{count} errors; {outcome}",
            count = n,
            outcome = "x"
        )
        .render(Lang::En)
    };
    assert_eq!(
        (english(1), english(2)),
        ("1 error; x".into(), "2 errors; x".into())
    );
}

#[test]
fn a_message_is_rendered_in_either_language_and_nests() {
    let inner = tr!("a list");
    let m = tr!(
        "expected {expected}, found {found}",
        expected = "text",
        found = inner
    );
    assert_eq!(m.render(Lang::En), "expected text, found a list");
    assert_eq!(m.render(Lang::Uk), "очікувалося text, а знайдено список");
    assert_eq!(
        serde_json::to_string(&m).unwrap(),
        "\"expected text, found a list\"",
        "JSON is English"
    );
}

#[test]
fn a_fraction_takes_each_language_s_decimal_mark() {
    let m = tr!("{size} MB", size = super::decimal(1.25, 1));
    assert_eq!(m.render(Lang::En), "1.2 MB");
    assert_eq!(m.render(Lang::Uk), "1,2 МБ");
}

#[test]
fn a_figure_keeps_its_places_and_takes_the_decimal_mark() {
    let said = |value: f64, lang| tr!("{size} MB", size = super::number(value)).render(lang);
    assert_eq!(said(-5.5, Lang::En), "-5.5 MB");
    assert_eq!(said(-5.5, Lang::Uk), "-5,5 МБ");
    assert_eq!(said(100.25, Lang::Uk), "100,25 МБ");
    assert_eq!(said(12.0, Lang::Uk), "12 МБ");
    assert_eq!(said(1e308, Lang::En), "1e308 MB");
}

#[test]
fn braces_are_escaped_and_unknown_names_kept() {
    assert_eq!(
        fill("{{ a }} {b} {c}", |n| (n == "b").then(|| "B".into())),
        "{ a } B {c}"
    );
    assert_eq!(placeholders("{{x}} {a} {b} {a}"), ["a", "b"]);
}

#[test]
fn the_environment_chooses_as_gettext_does() {
    let env = |pairs: &'static [(&str, &str)]| {
        move |var: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == var)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(Lang::from_env(env(&[("LANG", "uk_UA.UTF-8")])), Lang::Uk);
    assert_eq!(Lang::from_env(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "uk_UA.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", ""), ("LC_MESSAGES", "uk"), ("LANG", "C")])),
        Lang::Uk
    );
    assert_eq!(Lang::from_env(env(&[])), Lang::En);
}

#[test]
fn serde_words_become_ours() {
    let m = from_serde("unknown field `titel`, expected one of `title`, `base_url`");
    assert_eq!(
        m.render(Lang::En),
        "unknown key `titel`; did you mean `title`? the keys allowed here are: title, base_url"
    );
    assert_eq!(
        from_serde("unknown field `colour`, expected one of `title`, `base_url`").render(Lang::En),
        "unknown key `colour`; the keys allowed here are: title, base_url"
    );
    assert!(
        m.render(Lang::Uk).contains("невідомий ключ `titel`"),
        "{}",
        m.render(Lang::Uk)
    );
    assert_eq!(
        from_serde("something else").render(Lang::Uk),
        "«something else»"
    );
}
