//! The tool speaks Ukrainian to whoever asks (`LANG=uk_UA.UTF-8`, or
//! `--messages uk`) and English otherwise: every invalid fixture and the
//! failure paths of every command, read line by line for English prose.

use std::fs;
use std::path::Path;

use crate::common::*;

const SITE_TOML: &str = "title = { uk = \"Тест\", en = \"Test\" }\nbase_url = \"https://example.org\"\ndefault_language = \"uk\"\nlanguages = [\"uk\", \"en\"]\n";

const UK: &str = "uk_UA.UTF-8";

/// The English prose in `line`, if any: two English words in a row, once
/// what is not prose is taken out (code spans, quoted content, paths,
/// addresses, codes, the contract's words `error` and `warning`, and the
/// command names a message gives).
fn english_prose(line: &str) -> Option<String> {
    let mut text = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '`' | '«' | '"') => quote = Some(if c == '«' { '»' } else { c }),
            (Some(end), c) if c == end => quote = None,
            (Some(_), _) => {}
            (None, c) => text.push(c),
        }
    }
    // Lists (`city, settlement, village`) are keywords, not prose: only
    // words that follow one another within a phrase count.
    let english = |w: &&str| {
        w.len() > 1
            && w.chars().all(|c| c.is_ascii_alphabetic())
            && !w.chars().all(|c| c.is_ascii_uppercase())
            && !COMMANDS.contains(w)
    };
    text.split(|c: char| ",;:()[]{}".contains(c))
        .find_map(|phrase| {
            let words: Vec<&str> = phrase
                .split_whitespace()
                .filter(|w| !w.contains(['/', '.', '=', '_', '-', '<', '>', '@', '*', '+']))
                .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
                .collect();
            words
                .windows(2)
                .find(|pair| pair.iter().all(english))
                .map(|pair| pair.join(" "))
        })
}

/// Words that are names, not prose: the contract's `error` and
/// `warning`, and the tool's commands.
const COMMANDS: &[&str] = &[
    "error", "warning", "hromada", "build", "check", "serve", "new", "form", "import", "edition",
    "close", "i18n", "update", "status", "explain", "deploy", "help",
];

/// Every line of `said` that holds English prose.
fn english_lines(said: &str) -> Vec<String> {
    said.lines()
        .filter_map(|l| english_prose(l).map(|p| format!("{l}    <- {p}")))
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the invalid fixture `case`, with the default site.toml.
fn invalid_site(case: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&fixture(&format!("invalid/{case}")), site.path());
    for expected in ["expected.code", "expected.stderr"] {
        let _ = fs::remove_file(site.path().join(expected));
    }
    if !site.path().join("site.toml").exists() {
        fs::write(site.path().join("site.toml"), SITE_TOML).unwrap();
    }
    site
}

#[test]
fn the_detector_finds_english_and_passes_ukrainian() {
    assert!(
        english_prose("a.yaml:3:5: error: `residents`: expected a whole number [S002]").is_some()
    );
    assert_eq!(
        english_prose(
            "a.yaml:3:5: error: `population.residents`: очікувалося ціле число, а знайдено «багато» [S002]"
        ),
        None
    );
    assert_eq!(
        english_prose("  підказка: див. `hromada explain S002`"),
        None
    );
}

#[test]
fn every_invalid_fixture_is_explained_in_ukrainian_and_json_is_the_same() {
    let cases = invalid_cases();
    let mut english_left = Vec::new();
    for case in &cases {
        let site = invalid_site(case);
        let uk = hromada_in(site.path(), UK, &["check"]);
        let en = hromada_in(site.path(), "C", &["check"]);
        let chosen_en = hromada_in(site.path(), UK, &["check", "--messages", "en"]);
        assert_eq!(uk.status.code(), en.status.code(), "{case}");
        assert_eq!(
            text(&chosen_en.stderr),
            text(&en.stderr),
            "{case}: --messages en is English"
        );
        let (uk_said, en_said) = (text(&uk.stderr), text(&en.stderr));
        assert_eq!(
            uk_said.lines().count(),
            en_said.lines().count(),
            "{case}:\n{uk_said}"
        );
        assert_ne!(uk_said, en_said, "{case}: the Ukrainian differs");
        if en.status.code() == Some(1) {
            assert!(
                uk_said.contains("підказка: "),
                "{case}: hints in Ukrainian:\n{uk_said}"
            );
            assert!(
                uk_said.contains("помил")
                    && uk_said.contains("`hromada build` не прийме сайт у такому вигляді"),
                "{case}:\n{uk_said}"
            );
        }
        english_left.extend(
            english_lines(&uk_said)
                .into_iter()
                .map(|l| format!("{case}: {l}")),
        );
        let json =
            |lang| text(&hromada_in(site.path(), lang, &["check", "--format", "json"]).stdout);
        assert_eq!(
            json(UK),
            json("C"),
            "{case}: JSON is the same in both languages"
        );
    }
    assert!(
        english_left.is_empty(),
        "English left:\n{}",
        english_left.join("\n")
    );
}

#[test]
fn plurals_follow_ukrainian_rules_in_the_summary() {
    let site = invalid_site("bad_values");
    let said = text(&hromada_in(site.path(), UK, &["check"]).stderr);
    assert!(
        said.ends_with("6 помилок; `hromada build` не прийме сайт у такому вигляді\n"),
        "{said}"
    );
    let site = invalid_site("duplicate_key");
    let said = text(&hromada_in(site.path(), UK, &["check"]).stderr);
    assert!(
        said.lines().last().unwrap().starts_with("1 помилка; "),
        "{said}"
    );
}

/// The first number with a fraction in `line` (`0,43` or `0.43`).
fn fraction(line: &str) -> Option<&str> {
    line.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|w| w.trim_matches([',', '.']))
        .find(|w| w.contains([',', '.']) && w.starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn seconds_and_sizes_are_written_as_ukrainian_writes_them() {
    let site = example_site();
    let (code, built) = said_in_ukrainian(site.path(), &["build", "--no-pdf"]);
    assert_eq!(code, Some(0), "{built}");
    let summary = built.lines().last().unwrap();
    assert!(summary.starts_with("зібрано сторінок: "), "{summary}");
    let seconds = fraction(summary.split(" за ").last().unwrap()).unwrap();
    assert!(seconds.contains(',') && !seconds.contains('.'), "{summary}");
    let target = tempfile::tempdir().unwrap();
    let to = format!("file://{}", target.path().display());
    let (code, deployed) = said_in_ukrainian(site.path(), &["deploy", "--to", &to]);
    assert_eq!(code, Some(0), "{deployed}");
    let line = deployed.lines().last().unwrap();
    assert!(line.starts_with("опубліковано в "), "{line}");
    let (_, size) = line.split_once('(').unwrap();
    assert!(size.contains(" МБ)") || size.contains(" КБ)"), "{line}");
    assert!(fraction(size).unwrap().contains(','), "{line}");
    let elsewhere = tempfile::tempdir().unwrap();
    let to = format!("file://{}", elsewhere.path().display());
    let out = hromada(site.path(), &["deploy", "--to", &to]);
    let english = text(&out.stderr) + &text(&out.stdout);
    let line = english.lines().last().unwrap();
    let (_, size) = line.split_once('(').unwrap();
    assert!(size.contains(" MB)") || size.contains(" KB)"), "{line}");
    assert!(fraction(size).unwrap().contains('.'), "{line}");
}

/// Runs `args` in `dir` in Ukrainian; returns what it printed.
fn said_in_ukrainian(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = hromada_in(dir, UK, args);
    (
        out.status.code(),
        format!("{}{}", text(&out.stdout), text(&out.stderr)),
    )
}

#[test]
fn every_command_fails_in_ukrainian() {
    let example = example_site();
    let empty = tempfile::tempdir().unwrap();
    let not_a_form = empty.path().join("passport.xlsx");
    fs::write(&not_a_form, "not a workbook").unwrap();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let broken = invalid_site("bad_values");
    let ex = example.path().to_str().unwrap();
    let runs: Vec<(&Path, Vec<&str>, i32)> = vec![
        (broken.path(), vec!["build"], 1),
        (broken.path(), vec!["check"], 1),
        (empty.path(), vec!["build"], 2),
        (example.path(), vec!["new", ex], 2),
        (example.path(), vec!["form", "nemaie-takoi"], 2),
        (
            empty.path(),
            vec!["import", not_a_form.to_str().unwrap()],
            2,
        ),
        (example.path(), vec!["edition", "close", "Видання 2023"], 2),
        (example.path(), vec!["i18n", "update", "--lang", "de"], 2),
        (example.path(), vec!["i18n", "status", "--lang", "uk"], 2),
        (example.path(), vec!["serve", "--port", &port], 2),
        (example.path(), vec!["explain", "S02"], 2),
        (example.path(), vec!["publish"], 2),
        (example.path(), vec!["build", "--no-such-flag"], 2),
        (example.path(), vec!["check", "--format", "yaml"], 2),
        (example.path(), vec!["edition"], 2),
        (example.path(), vec!["build", "--messages", "fr"], 2),
        (example.path(), vec!["deploy"], 2),
        (
            example.path(),
            vec!["deploy", "--to", "ftp://example.org/site"],
            2,
        ),
        (
            broken.path(),
            vec!["deploy", "--to", "file:///tmp/hromada-nowhere"],
            2,
        ),
    ];
    let mut english_left = Vec::new();
    for (dir, args, code) in &runs {
        let (got, said) = said_in_ukrainian(dir, args);
        assert!(!said.trim().is_empty(), "{args:?} says something");
        if *code == 1 {
            assert_eq!(got, Some(1), "{args:?}:\n{said}");
        } else {
            assert!(got.is_some_and(|c| c >= 1), "{args:?}:\n{said}");
        }
        english_left.extend(
            english_lines(&said)
                .into_iter()
                .map(|l| format!("{args:?}: {l}")),
        );
    }
    assert!(
        english_left.is_empty(),
        "English left:\n{}",
        english_left.join("\n")
    );
}

#[test]
fn help_is_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let (_, uk) = said_in_ukrainian(dir.path(), &["build", "--help"]);
    assert!(uk.contains("Збирає сайт у його вихідну теку"), "{uk}");
    assert!(
        uk.contains("Використання: ") && uk.contains("Параметри:"),
        "{uk}"
    );
    assert!(english_lines(&uk).is_empty(), "{:#?}", english_lines(&uk));
    let (_, top) = said_in_ukrainian(dir.path(), &["--help"]);
    assert!(
        top.contains("Команди:") && top.contains("Пояснює код діагностики"),
        "{top}"
    );
    // clap's own notes on values (`[default: .]`) are English: each
    // command says them in Ukrainian instead.
    for command in [
        "build", "check", "serve", "new", "form", "import", "edition", "deploy", "explain", "i18n",
    ] {
        let (_, uk) = said_in_ukrainian(dir.path(), &[command, "--help"]);
        assert!(
            !uk.contains("[default") && !uk.contains("[possible"),
            "{command}: {uk}"
        );
    }
    let (_, check) = said_in_ukrainian(dir.path(), &["check", "--help"]);
    assert!(
        check.contains("[типово: text] [можливі значення: text, json]")
            && check.contains("Тека сайту, у якій лежить site.toml [типово: .]"),
        "{check}"
    );
    let en = text(&hromada(dir.path(), &["build", "--help"]).stdout);
    assert!(
        en.contains("Builds the site into its output folder") && en.contains("Usage: "),
        "{en}"
    );
}

#[test]
fn explain_gives_each_code_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let (code, uk) = said_in_ukrainian(dir.path(), &["explain", "S002"]);
    assert_eq!(code, Some(0));
    assert!(
        uk.starts_with("# S002: значення неправильного типу"),
        "{uk}"
    );
    assert!(
        uk.contains("Неправильно:") && uk.contains("residents: багато"),
        "{uk}"
    );
    let en = text(&hromada(dir.path(), &["explain", "s002"]).stdout);
    assert!(
        en.starts_with("# S002: a value of the wrong type") && en.contains("Right:"),
        "{en}"
    );
    let (code, unknown) = said_in_ukrainian(dir.path(), &["explain", "S02"]);
    assert_eq!(code, Some(2));
    assert!(unknown.contains("коду `S02` немає"), "{unknown}");
}
