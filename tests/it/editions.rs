//! Editions: `hromada edition close` freezes today's passports, a closed
//! edition edited afterwards is a warning, and the links across editions
//! (`formerly`, KATOTTG codes) are checked at their lines.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common::{example_site, hromada};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{}: {from}", file.display());
    fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// The example site with its passports closed as edition 2023 and today's
/// named 2024 in site.toml.
fn closed_2023() -> tempfile::TempDir {
    let site = example_site();
    let dir = site.path();
    let out = hromada(dir, &["edition", "close", "2023"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .starts_with("closed edition 2023: 4 passports copied to ./content/editions/2023\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let toml = dir.join("site.toml");
    fs::write(
        &toml,
        format!("edition = \"2024\"\n{}", fs::read_to_string(&toml).unwrap()),
    )
    .unwrap();
    site
}

/// Uzhhorod's passport renamed `uzhhorod`, saying which id it had.
fn rename_uzhhorod(dir: &Path) {
    let today = dir.join("content/passports");
    fs::rename(today.join("uzhhorodska.yaml"), today.join("uzhhorod.yaml")).unwrap();
    edit(
        &today.join("uzhhorod.yaml"),
        "as_of:",
        "formerly: [uzhhorodska]\nas_of:",
    );
}

#[test]
fn closing_an_edition_copies_todays_passports_as_they_stand_once() {
    let site = example_site();
    let dir = site.path();
    let out = hromada(dir, &["edition", "close", "2023"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for id in ["khmelnytska", "lvivska", "uzhhorodska", "zrazkova-pryklad"] {
        let file = format!("{id}.yaml");
        assert_eq!(
            fs::read(dir.join("content/editions/2023/passports").join(&file)).unwrap(),
            fs::read(dir.join("content/passports").join(&file)).unwrap()
        );
    }
    let record = fs::read_to_string(dir.join("content/editions/2023/edition.toml")).unwrap();
    assert!(record.contains("name = \"2023\"\n"), "{record}");
    assert_eq!(record.matches(".yaml\" = \"").count(), 4, "{record}");
    // No edition named in site.toml yet: said, as a warning.
    let out = hromada(dir, &["check"]);
    assert!(
        stderr(&out).contains("site.toml:1:1: warning: the site has closed editions (2023) but site.toml does not name today's [E004]"),
        "{}",
        stderr(&out)
    );
    // A name is closed once; a name must be one.
    let again = hromada(dir, &["edition", "close", "2023"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("error: the edition `2023` exists already"),
        "{}",
        stderr(&again)
    );
    let bad = hromada(dir, &["edition", "close", "Рік 2023"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("cannot name an edition"),
        "{}",
        stderr(&bad)
    );
    assert!(!dir.join("content/editions/Рік 2023").exists());
}

#[test]
fn passports_with_errors_are_not_closed() {
    let site = example_site();
    let dir = site.path();
    edit(
        &dir.join("content/passports/lvivska.yaml"),
        "residents: ",
        "residents: багато ",
    );
    let out = hromada(dir, &["edition", "close", "2023"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("; no edition was closed"),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.join("content/editions").exists()
            || fs::read_dir(dir.join("content/editions"))
                .unwrap()
                .next()
                .is_none()
    );
}

#[test]
fn a_closed_edition_edited_afterwards_is_a_warning_naming_the_file() {
    let site = closed_2023();
    let dir = site.path();
    let out = hromada(dir, &["check"]);
    assert_eq!(stderr(&out), "no errors, 0 warnings\n");
    edit(
        &dir.join("content/editions/2023/passports/lvivska.yaml"),
        "residents: ",
        "residents: 1",
    );
    fs::remove_file(dir.join("content/editions/2023/passports/khmelnytska.yaml")).unwrap();
    let out = hromada(dir, &["check"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("content/editions/2023/passports/lvivska.yaml:1:1: warning: this passport of edition `2023` was edited after the edition was closed [E001]"), "{err}");
    assert!(err.contains("content/editions/2023/passports/khmelnytska.yaml:1:1: warning: this passport of edition `2023` was removed after the edition was closed [E001]"), "{err}");
    // Today's edition cannot take a closed one's name.
    edit(
        &dir.join("site.toml"),
        "edition = \"2024\"",
        "edition = \"2023\"",
    );
    let out = hromada(dir, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "is today's edition in site.toml and a closed one in content/editions [E004]"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn links_across_editions_are_checked_at_their_lines() {
    let site = closed_2023();
    let dir = site.path();
    // Uzhhorod renamed: today's passport says which it was.
    rename_uzhhorod(dir);
    let out = hromada(dir, &["check"]);
    assert_eq!(stderr(&out), "no errors, 0 warnings\n");
    // The same former id twice, an id that never was, today's own id, and
    // one code for two communities.
    edit(
        &dir.join("content/passports/lvivska.yaml"),
        "as_of:",
        "formerly: [uzhhorodska, lvivska-old, khmelnytska]\nkatottg: UA18040000000000000\nas_of:",
    );
    let out = hromada(dir, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let lviv = fs::read_to_string(dir.join("content/passports/lvivska.yaml")).unwrap();
    let at = |text: &str| {
        text.lines()
            .position(|l| l.starts_with("formerly:"))
            .unwrap()
            + 1
    };
    let line = at(&lviv);
    let uzhhorod = at(&fs::read_to_string(dir.join("content/passports/uzhhorod.yaml")).unwrap());
    for expected in [
        format!("content/passports/uzhhorod.yaml:{uzhhorod}:12: error: `lvivska` and `uzhhorod` both name `uzhhorodska` as their former id [E002]"),
        format!("content/passports/lvivska.yaml:{line}:25: error: no earlier edition has a passport `lvivska-old` [E003]"),
        "hint: did you mean `lvivska`?".to_string(),
        format!("content/passports/lvivska.yaml:{line}:38: error: `khmelnytska` is a community of today's edition, not a former id of `lvivska` [E002]"),
        "content/passports/zrazkova-pryklad.yaml:10:1: error: `lvivska` and `zrazkova-pryklad` both have the code UA18040000000000000: two passports of one edition for one community [E002]".to_string(),
    ] {
        assert!(err.contains(&expected), "expected {expected:?} in\n{err}");
    }
}

#[test]
fn a_former_id_goes_through_the_form() {
    let site = closed_2023();
    let dir = site.path();
    rename_uzhhorod(dir);
    let out = hromada(dir, &["form", "uzhhorod"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = hromada(dir, &["import", "forms/uzhhorod.xlsx", "--replace"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("(unchanged)"));
    let text = fs::read_to_string(dir.join("content/passports/uzhhorod.yaml")).unwrap();
    assert!(text.contains("\nformerly: [uzhhorodska]\n"), "{text}");
}
