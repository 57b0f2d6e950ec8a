//! Editions: `hromada edition close` freezes today's passports, a closed
//! edition edited afterwards is a warning, and the links across editions
//! (`formerly`, KATOTTG codes) are checked at their lines; a second
//! edition's pages, factsheets and open data say what changed, and the
//! closed one is published frozen.

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common::{build, build_without_warnings, example_site, hromada, page, visible_text};
use crate::pdf::text as pdf_of;

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
    closed_2023_after(|_| {})
}

/// The same, its passports changed by `prepare` before they are closed.
fn closed_2023_after(prepare: impl FnOnce(&Path)) -> tempfile::TempDir {
    let site = example_site();
    let dir = site.path();
    prepare(dir);
    let out = hromada(dir, &["edition", "close", "2023"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    assert!(
        said.contains("next: set edition = \"2024\" in site.toml"),
        "{said}"
    );
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
        stderr(&out).contains("site.toml:1:1: warning: the site has closed editions (2023) but site.toml does not name today's [E004]")
            && stderr(&out).contains("hint: add edition = \"2024\" (the year"),
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
fn a_closed_edition_s_warnings_are_counted_in_one_line() {
    let site = closed_2023_after(|dir| {
        edit(
            &dir.join("content/passports/khmelnytska.yaml"),
            "sources:\n  - Звіт «Сприяння громадам в оновленні соціальних паспортів», 2023\n",
            "",
        )
    });
    let dir = site.path();
    let out = hromada(dir, &["build", "--no-pdf"]);
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("content/editions/2023/edition.toml:1:1: warning: the passports of closed edition 2023 have 1 warning, as when it was closed [E005]"),
        "{said}"
    );
    assert!(
        !said.contains("content/editions/2023/passports/khmelnytska.yaml"),
        "{said}"
    );
    // Today's passport, which can be corrected, is warned itself.
    assert!(
        said.contains("content/passports/khmelnytska.yaml:4:1: warning: the passport names no source for its figures [C010]"),
        "{said}"
    );
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
            "site.toml:1:1: error: `2023` is today's edition in site.toml and a closed one in content/editions [E004]"
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

/// The example's 2024 edition after 2023 was closed: Lviv's figures
/// updated as of a year later, one measure of the illustrative community
/// done and its spending up, Uzhhorod renamed (linked by `formerly`),
/// Khmelnytskyi not yet updated.
pub fn second_edition() -> tempfile::TempDir {
    let site = closed_2023();
    let dir = site.path();
    let today = dir.join("content/passports");
    let lviv = today.join("lvivska.yaml");
    edit(&lviv, "residents: 777234", "residents: 771000");
    edit(&lviv, "idps: 108715", "idps: 112400");
    edit(&lviv, "as_of: 2023-06-30", "as_of: 2024-06-30");
    let example = today.join("zrazkova-pryklad.yaml");
    edit(
        &example,
        "social_protection_uah: 14320000.50",
        "social_protection_uah: 15900000",
    );
    edit(&example, "status: planned", "status: done");
    rename_uzhhorod(dir);
    fs::remove_file(today.join("khmelnytska.yaml")).unwrap();
    site
}

/// The text of a PDF of the built site, white space folded.
fn pdf_text(dir: &Path, path: &str) -> String {
    pdf_of(&dir.join("output").join(path))
}

/// What a reader sees of a built page, no-break spaces as spaces.
fn seen(dir: &Path, path: &str) -> String {
    visible_text(&page(dir, path)).replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn the_second_edition_says_what_changed_on_the_page_the_factsheet_and_the_open_data() {
    let site = second_edition();
    let dir = site.path();
    build_without_warnings(dir);
    // Lviv: each key figure then, now and the change, as printed.
    let lviv = seen(dir, "passports/lvivska/index.html");
    for shown in [
        "Зміни від видання 2023",
        "Постійні жителі 777 234 771 000 −6 234",
        "Внутрішньо переміщені особи 108 715 112 400 +3 685",
        "Частка ВПО 14,0 % 14,6 % +0,6 в. п.",
        "Мешканців: 777 234 у виданні 2023, 771 000 у виданні 2024.",
    ] {
        assert!(lviv.contains(shown), "{shown}\n{lviv}");
    }
    let lviv_en = seen(dir, "en/passports/lvivska/index.html");
    assert!(
        lviv_en.contains("Residents 777,234 771,000 −6,234"),
        "{lviv_en}"
    );
    assert!(
        lviv_en.contains("IDP share 14.0% 14.6% +0.6 pp"),
        "{lviv_en}"
    );
    // The illustrative community: spending per resident and a measure done.
    let example = seen(dir, "en/passports/zrazkova-pryklad/index.html");
    for shown in [
        "Social protection per resident UAH 1,147 UAH 1,274 +UAH 127",
        "Done 1 Equip 2 remote workplaces",
        "Dropped from the plan 0",
        "Demography high high",
    ] {
        assert!(example.contains(shown), "{shown}\n{example}");
    }
    // The home page's totals add Lviv's 2024 figures to the others' of
    // 2023, and say so under them; an oblast of one date gives that date.
    let home = seen(dir, "index.html");
    assert!(
        home.contains(
            "Дані кожної громади — станом на дату її паспорта, від 2023-06-30 до 2024-06-30."
        ),
        "{home}"
    );
    assert!(
        seen(dir, "en/oblasts/zakarpatska/index.html").contains("Figures as of 2023-06-30."),
        "{}",
        seen(dir, "en/oblasts/zakarpatska/index.html")
    );
    // The factsheet says the same.
    let factsheet = pdf_text(dir, "passports/lvivska/lvivska-factsheet.uk.pdf");
    assert!(factsheet.contains("Зміни від видання 2023"), "{factsheet}");
    // Read column by column: then, now, the change.
    assert!(
        factsheet
            .contains("777 234 771 000 108 715 112 400 14,0 % 14,6 % −6 234 +3 685 +0,6 в. п."),
        "{factsheet}"
    );
    // Open data: every community's figures in each edition, under its id
    // today; each record carries its series.
    let csv = page(dir, "data/editions.csv");
    for row in [
        "id,katottg,edition,as_of,indicator,value\n",
        "lvivska,,2023,2023-06-30,residents,777234\n",
        "lvivska,,2024,2024-06-30,residents,771000\n",
        "lvivska,,2024,2024-06-30,idp_share,14.6\n",
        "uzhhorod,,2023,2023-06-30,idps,27280\n",
        "zrazkova-pryklad,UA18040000000000000,2024,2023-06-30,spending_per_resident,1274\n",
    ] {
        assert!(csv.contains(row), "{row}\n{csv}");
    }
    let record: serde_json::Value =
        serde_json::from_str(&page(dir, "data/passports/lvivska.json")).unwrap();
    assert_eq!(record["editions"][0]["residents"], 777234);
    assert_eq!(record["editions"][1]["idp_share"], 14.6);
    let rows: serde_json::Value = serde_json::from_str(&page(dir, "data/editions.json")).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), csv.lines().count() - 1);
    let tool = crate::common::root().join("target/python/bin/frictionless");
    let out = std::process::Command::new(&tool)
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(dir.join("output/data"))
        .output()
        .unwrap_or_else(|e| panic!("{} (scripts/test installs it): {e}", tool.display()));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(report["tasks"].as_array().unwrap().len(), 7);
}

#[test]
fn a_renamed_community_and_one_not_yet_updated_keep_their_history() {
    let site = second_edition();
    let dir = site.path();
    build(dir);
    // Renamed: linked to its 2023 passport by `formerly`.
    let uzhhorod = seen(dir, "passports/uzhhorod/index.html");
    assert!(
        uzhhorod.contains("Постійні жителі 115 512 115 512 0"),
        "{uzhhorod}"
    );
    // Not updated: its page stays, showing 2023, and says so.
    let khmelnytskyi = seen(dir, "passports/khmelnytska/index.html");
    assert!(
        khmelnytskyi.contains(
            "Паспорт цієї громади ще не оновлено для видання 2024: показано видання 2023 (дані станом на 2023-06-30)."
        ),
        "{khmelnytskyi}"
    );
    assert!(!khmelnytskyi.contains("Зміни від видання"));
    let cover = pdf_text(dir, "en/passports/khmelnytska/khmelnytska.en.pdf");
    assert!(
        cover.contains("has not yet been updated for the 2024 edition"),
        "{cover}"
    );
    // The home page: each edition's totals, the change only over the
    // communities in both, and who is not yet updated.
    let home = seen(dir, "index.html");
    for shown in [
        "2023 4 1 198 449",
        "2024 3 898 992",
        "Зміна за 3 громади, що є в обох виданнях, 2023 і 2024",
        "Постійні жителі 905 226 898 992 −6 234",
        "Ще не оновлено для видання 2024 Громада Показано видання Хмельницька міська територіальна громада 2023",
    ] {
        assert!(home.contains(shown), "{shown}\n{home}");
    }
    let funding = seen(dir, "en/funding/index.html");
    for shown in [
        "2023 4 2 1,790,000",
        "2024 3 2 1,790,000",
        "Cost, UAH 1,790,000 1,790,000 0",
    ] {
        assert!(funding.contains(shown), "{shown}\n{funding}");
    }
    let oblast = seen(dir, "en/oblasts/lvivska/index.html");
    assert!(
        oblast.contains("Change over the 1 community in both the 2023 and the 2024 edition"),
        "{oblast}"
    );
}

#[test]
fn a_community_renamed_without_formerly_is_linked_by_its_code() {
    let site = closed_2023();
    let dir = site.path();
    let today = dir.join("content/passports");
    // The illustrative community under a new id, its KATOTTG code kept.
    fs::rename(
        today.join("zrazkova-pryklad.yaml"),
        today.join("zrazkova-nova.yaml"),
    )
    .unwrap();
    build_without_warnings(dir);
    let renamed = seen(dir, "en/passports/zrazkova-nova/index.html");
    assert!(
        renamed.contains("Changes since the 2023 edition"),
        "{renamed}"
    );
    assert!(renamed.contains("Residents 12,480 12,480 0"), "{renamed}");
    // Not shown twice: the old id is no community not yet updated.
    assert!(!dir.join("output/passports/zrazkova-pryklad").exists());
    let csv = page(dir, "data/editions.csv");
    assert!(
        csv.contains("zrazkova-nova,UA18040000000000000,2023,2023-06-30,residents,12480\n"),
        "{csv}"
    );
}

#[test]
fn an_archived_edition_is_published_frozen_whatever_today_holds() {
    let site = second_edition();
    let dir = site.path();
    build(dir);
    let archive = seen(dir, "editions/2023/passports/lvivska/index.html");
    assert!(
        archive
            .contains("Це архівне видання 2023: сторінки й показники такі, якими їх опубліковано."),
        "{archive}"
    );
    assert!(archive.contains("Постійні жителі 777 234"), "{archive}");
    assert!(!archive.contains("771 000"), "{archive}");
    let home = page(dir, "en/editions/2023/index.html");
    assert!(home.contains("href=\"/passports-2023/en/editions/2023/passports/khmelnytska/\""));
    assert!(
        home.contains("<a href=\"/passports-2023/en/\">Go to today&#39;s edition</a>"),
        "{home}"
    );
    let sitemap = page(dir, "sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://example.org/passports-2023/en/editions/2023/passports/uzhhorodska/</loc>"
    ));
    for pdf in [
        "editions/2023/passports/uzhhorodska/uzhhorodska.uk.pdf",
        "en/editions/2023/passports/uzhhorodska/uzhhorodska-factsheet.en.pdf",
    ] {
        assert!(dir.join("output").join(pdf).is_file(), "{pdf}");
    }
    let frozen = |dir: &Path| {
        let mut files = crate::common::snapshot_tree(&dir.join("output/editions"));
        files.extend(crate::common::snapshot_tree(
            &dir.join("output/en/editions"),
        ));
        files
    };
    let before = frozen(dir);
    // Today's edition changes: figures, a community added, one removed.
    let today = dir.join("content/passports");
    edit(
        &today.join("lvivska.yaml"),
        "residents: 771000",
        "residents: 770000",
    );
    fs::copy(today.join("zrazkova-pryklad.yaml"), today.join("nova.yaml")).unwrap();
    edit(
        &today.join("nova.yaml"),
        "katottg: UA18040000000000000\n",
        "",
    );
    fs::remove_file(today.join("uzhhorod.yaml")).unwrap();
    build(dir);
    assert!(seen(dir, "passports/lvivska/index.html").contains("770 000"));
    let after = frozen(dir);
    assert_eq!(before.len(), after.len());
    for ((a, bytes_a), (b, bytes_b)) in before.iter().zip(&after) {
        assert_eq!(a, b);
        assert!(bytes_a == bytes_b, "{} changed", a.display());
    }
}

#[test]
fn the_texts_of_closed_editions_stay_in_the_po_file() {
    let site = second_edition();
    let dir = site.path();
    let out = hromada(dir, &["i18n", "update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let po = fs::read_to_string(dir.join("content/i18n/en.po")).unwrap();
    // Khmelnytskyi has no passport today; its archived page is translated.
    let entry = po
        .split("\n\n")
        .find(|e| e.contains("msgid \"Хмельницька міська територіальна громада\""))
        .unwrap_or_else(|| panic!("{po}"));
    assert!(!entry.contains("#~"), "{entry}");
    assert!(
        entry.contains("content/editions/2023/passports/khmelnytska.yaml"),
        "{entry}"
    );
    build(dir);
    let archived = seen(dir, "en/editions/2023/passports/khmelnytska/index.html");
    assert!(archived.contains("Khmelnytskyi"), "{archived}");
}

#[test]
fn an_archive_keeps_the_methodology_it_was_closed_with() {
    let site = second_edition();
    let dir = site.path();
    assert!(dir.join("content/editions/2023/methodology.toml").is_file());
    // The foundation raises a threshold after closing 2023.
    let methodology =
        fs::read_to_string(crate::common::root().join("src/figures/methodology.toml"))
            .unwrap()
            .replacen("medium = 10\n", "medium = 15\n", 1);
    fs::write(dir.join("methodology.toml"), methodology).unwrap();
    build(dir);
    let archived = seen(dir, "editions/2023/passports/lvivska/index.html");
    assert!(
        archived.contains("Частка ВПО 14,0 % ≥ 10 % → середній"),
        "{archived}"
    );
    let today = seen(dir, "passports/lvivska/index.html");
    assert!(
        today.contains("Частка ВПО 14,6 % &lt; 15 % → низький"),
        "{today}"
    );
}

#[test]
fn a_measure_not_yet_translated_is_marked_in_the_changes() {
    let site = second_edition();
    let dir = site.path();
    edit(
        &dir.join("content/passports/zrazkova-pryklad.yaml"),
        "title: Придбання службового автомобіля для соціальних працівників",
        "title: Придбання електромобіля для соціальних працівників",
    );
    build(dir);
    let html = page(dir, "en/passports/zrazkova-pryklad/index.html");
    let row = html
        .lines()
        .find(|l| l.contains("Added") && l.contains("електромобіля"))
        .unwrap_or_else(|| panic!("{html}"));
    assert!(row.contains("lang=\"uk\""), "{row}");
    assert!(row.contains("not yet translated"), "{row}");
}
