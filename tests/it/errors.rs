//! Bad input, one fixture site per kind of diagnostic: each must exit with
//! the promised code and print every diagnostic with its file, line and
//! column. A case is a folder under `tests/fixtures/invalid/` with the
//! site's files, `expected.code` and `expected.stderr`; a default site.toml
//! is added when the case has none. `UPDATE_EXPECT=1 cargo test` rewrites
//! the expected files from what the binary prints: review the diff.

use std::fs;

use crate::common::*;

const SITE_TOML: &str = "title = { uk = \"Тест\", en = \"Test\" }\nbase_url = \"https://example.org\"\ndefault_language = \"uk\"\nlanguages = [\"uk\", \"en\"]\n";

fn run_case(case: &str) -> Result<(), String> {
    let source = fixture(&format!("invalid/{case}"));
    let site = tempfile::tempdir().unwrap();
    copy_tree(&source, site.path());
    for expected in ["expected.code", "expected.stderr"] {
        let _ = fs::remove_file(site.path().join(expected));
    }
    if !site.path().join("site.toml").exists() {
        fs::write(site.path().join("site.toml"), SITE_TOML).unwrap();
    }
    let out = hromada(site.path(), &["build"]);
    let code = out.status.code().unwrap_or(-1).to_string();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(source.join("expected.code"), format!("{code}\n")).unwrap();
        fs::write(source.join("expected.stderr"), &stderr).unwrap();
        return Ok(());
    }
    let expected_code = fs::read_to_string(source.join("expected.code")).unwrap_or_default();
    let expected_stderr = fs::read_to_string(source.join("expected.stderr")).unwrap_or_default();
    if !site.path().join("output").exists()
        && code != "0"
        && expected_code.trim() == code
        && expected_stderr == stderr
    {
        return Ok(());
    }
    Err(format!(
        "case {case}: exit {code} (expected {}), output folder made: {}\n--- stderr\n{stderr}--- expected\n{expected_stderr}",
        expected_code.trim(),
        site.path().join("output").exists()
    ))
}

#[test]
fn every_invalid_fixture_fails_as_expected() {
    let cases = invalid_cases();
    assert!(cases.len() >= 16, "{cases:?}");
    let failures: Vec<String> = cases.iter().filter_map(|c| run_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn warnings_do_not_stop_the_build() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&fixture("warnings"), site.path());
    fs::write(site.path().join("site.toml"), SITE_TOML).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        "content/passports/a.yaml:1:1: warning: the passport names no source for its figures [C010]\n  hint: add `sources:` with where the figures come from, e.g. `- Дані управління соціального захисту населення, 2023`; pages show it under every section (see `hromada explain C010`)\n\
         content/passports/a.yaml:7:3: warning: more IDPs (20) than residents (10) [C005]\n  hint: possible, but check that the figures are not swapped (see `hromada explain C005`)\n\
         content/passports/a.yaml:8:1: warning: settlements add up to 4, `population.residents` is 10 [C004]\n  hint: the settlements' populations usually add up to the community's residents (see `hromada explain C004`)\n\
         content/passports/a.yaml:11:3: warning: `survey.age` adds up to 90%, not 100% [C006]\n  hint: each respondent gives one answer here, so the shares should add up to 100 (± 1 for rounding) (see `hromada explain C006`)\n"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 warnings"));
}

#[test]
fn check_reports_the_same_as_json_and_writes_nothing() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&fixture("invalid/unknown_key"), site.path());
    fs::write(site.path().join("site.toml"), SITE_TOML).unwrap();
    let out = hromada(site.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["file"], "content/passports/a.yaml");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(6), Some(3))
    );
    assert_eq!(
        (first["severity"].as_str(), first["code"].as_str()),
        (Some("error"), Some("S001"))
    );
    assert_eq!(first["hint"], "did you mean `residents`?");
    assert!(!site.path().join("output").exists());
}

#[test]
fn the_example_site_checks_clean() {
    let site = example_site();
    let out = hromada(site.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "no errors, 0 warnings\n"
    );
}

#[test]
fn at_a_terminal_the_offending_line_is_shown_with_a_caret() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&fixture("invalid/unknown_key"), site.path());
    fs::write(site.path().join("site.toml"), SITE_TOML).unwrap();
    let command = format!("{} check", env!("CARGO_BIN_EXE_hromada"));
    let out = std::process::Command::new("script")
        .env("LC_ALL", "C")
        .args(["-qc", &command, "/dev/null"])
        .current_dir(site.path())
        .output()
        .expect("script (bsdutils)");
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert!(
        shown.contains("content/passports/a.yaml:6:3: error: unknown key `residnets` in `population` [S001]\n  ┌─ content/passports/a.yaml:6:3\n  │\n6 │   residnets: 5\n  │   ^^^^^^^^^\n  │\n  = hint: did you mean `residents`?\n"),
        "{shown}"
    );
}

#[test]
fn a_missing_ui_string_fails_the_build_naming_its_key() {
    let site = example_site();
    // The site's theme overrides en.toml with the built-in one less a key.
    let english = fs::read_to_string(root().join("themes/default/i18n/en.toml"))
        .unwrap()
        .replace("reports = \"Reports\"\n", "");
    fs::create_dir_all(site.path().join("themes/default/i18n")).unwrap();
    fs::write(site.path().join("themes/default/i18n/en.toml"), english).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "themes/default/i18n/en.toml:1:1: error: the UI string `nav.reports` is missing for `en` [T002]\n  hint: add it as in i18n/uk.toml (see `hromada explain T002`)\n1 error; nothing was published\n"
    );
}
