//! A translator's round, as `hromada i18n update|status` and a build see it.

use std::fs;

use crate::common::*;

#[test]
fn update_keeps_translations_marks_stale_and_status_says_what_is_left() {
    let site = example_site();
    let po = site.path().join("content/i18n/en.po");
    // The example's PO file is the tool's own output: update changes nothing.
    let before = fs::read_to_string(&po).unwrap();
    let out = hromada(site.path(), &["i18n", "update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/i18n/en.po: 32 texts in use, 0 added, 0 made obsolete\n"
    );
    assert_eq!(fs::read_to_string(&po).unwrap(), before);

    // A passport changes: a risk is renamed.
    let passport = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&passport).unwrap().replace(
        "title: Брак фахівців соціальної сфери",
        "title: Нестача соціальних працівників",
    );
    fs::write(&passport, yaml).unwrap();
    let out = hromada(site.path(), &["i18n", "update", "--lang", "en"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/i18n/en.po: 32 texts in use, 1 added, 1 made obsolete\n"
    );
    let updated = fs::read_to_string(&po).unwrap();
    assert!(updated.contains("#~ msgid \"Брак фахівців соціальної сфери\"\n#~ msgstr \"Shortage of social workers\"\n"), "the old translation is kept, obsolete");
    assert!(updated.contains("#: content/passports/zrazkova-pryklad.yaml:98\nmsgid \"Нестача соціальних працівників\"\nmsgstr \"\"\n"));
    assert_valid_po(&po);

    // Status names what is left; the build says it once.
    let out = hromada(site.path(), &["i18n", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // As many texts as the PO file has entries: the 32 `update` said.
    assert_eq!(
        (
            status[0]["lang"].as_str(),
            status[0]["total"].as_u64(),
            status[0]["translated"].as_u64(),
            status[0]["untranslated"].as_u64()
        ),
        (Some("en"), Some(32), Some(21), Some(11))
    );
    let missing = status[0]["missing"].as_array().unwrap();
    assert!(
        missing
            .iter()
            .any(|m| m["msgid"] == "Нестача соціальних працівників"
                && m["line"] == 98
                && m["context"] == "risks.title")
    );
    let build = hromada(site.path(), &["build"]);
    assert!(String::from_utf8_lossy(&build.stderr).contains(
        "warning: 1 passport text has no `en` translation (shown in Ukrainian, marked) [I002]"
    ));

    // The translator fills it in: the English page shows it.
    fs::write(
        &po,
        updated.replace(
            "msgid \"Нестача соціальних працівників\"\nmsgstr \"\"",
            "msgid \"Нестача соціальних працівників\"\nmsgstr \"Too few social workers\"",
        ),
    )
    .unwrap();
    build_without_warnings(site.path());
    assert!(
        page(site.path(), "en/passports/zrazkova-pryklad/index.html")
            .contains("Too few social workers")
    );
}

#[test]
fn status_is_a_report_for_people_too() {
    let site = example_site();
    let out = hromada(site.path(), &["i18n", "status"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(
            "content/i18n/en.po: 22 of 32 texts translated, 0 fuzzy, 10 untranslated\n"
        ),
        "{text}"
    );
    assert!(text.contains("  content/passports/lvivska.yaml:7: raion: Львівський\n"));
    let out = hromada(site.path(), &["i18n", "status", "--lang", "uk"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_new_site_builds_at_once_and_its_po_file_is_valid() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("site");
    let out = hromada(parent.path(), &["new", "site"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let build = hromada(&dir, &["build"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        dir.join("output/en/passports/zrazkova-pryklad/index.html")
            .is_file()
    );
    let settings = fs::read_to_string(dir.join(".vscode/settings.json")).unwrap();
    assert!(
        settings.contains("\"./output/data/passport.schema.json\"")
            && dir.join("output/data/passport.schema.json").is_file(),
        "editors find the schema the build writes"
    );
    assert!(
        fs::read_to_string(dir.join("output/reports/pershyi-zvit/index.html"))
            .unwrap()
            .contains("<svg"),
        "the starter report's chart"
    );
    let po = dir.join("content/i18n/en.po");
    assert!(
        fs::read_to_string(&po)
            .unwrap()
            .contains("msgid \"Старіння населення віддалених сіл\"\nmsgstr \"\"\n")
    );
    assert_valid_po(&po);
    let again = hromada(parent.path(), &["new", "site"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "a non-empty folder is refused"
    );
    assert!(dir.join("output").is_dir(), "and left as it was");
}

#[test]
fn the_blank_passport_copied_unfilled_gets_errors_not_a_crash() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("site");
    assert!(hromada(parent.path(), &["new", "site"]).status.success());
    let template = fs::read_to_string(dir.join("passport-template.yaml")).unwrap();
    assert!(template.contains("residents:     # ОБОВ'ЯЗКОВО. Кількість місцевих жителів, осіб"));
    fs::write(dir.join("content/passports/nova.yaml"), &template).unwrap();
    let out = hromada(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/passports/nova.yaml:22:5: error: `name`: expected text, found nothing [S002]\n  hint: write the value after the colon"),
        "{stderr}"
    );
}

#[test]
fn a_text_used_in_hundreds_of_passports_is_referenced_once_per_place() {
    // The same texts in 300 passports: every entry gets 300 references,
    // which must wrap onto lines, each reference written once.
    let site = example_site();
    let sample =
        fs::read_to_string(site.path().join("content/passports/zrazkova-pryklad.yaml")).unwrap();
    for i in 0..300 {
        let dir = site
            .path()
            .join(format!("content/passports/group-{}", i % 7));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("copy-{i:03}.yaml")), &sample).unwrap();
    }
    let out = hromada(site.path(), &["i18n", "update"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let po = site.path().join("content/i18n/en.po");
    let text = fs::read_to_string(&po).unwrap();
    let entry = text
        .split("\n\n")
        .find(|e| e.contains("msgid \"Брак фахівців соціальної сфери\""))
        .expect("the risk's entry");
    let references: Vec<&str> = entry
        .lines()
        .filter_map(|l| l.strip_prefix("#: "))
        .flat_map(|l| l.split(' '))
        .collect();
    let mut unique = references.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(references.len(), unique.len(), "no reference repeated");
    assert_eq!(references.len(), 301, "the sample and its 300 copies");
    assert!(entry.lines().all(|l| l.chars().count() <= 78), "{entry}");
    // Linear in the references: about one line per two of them.
    assert!(text.len() < 2 << 20, "{} bytes", text.len());
    assert_valid_po(&po);
    // The site builds after the translator's first step, and status reads it.
    let out = hromada(site.path(), &["i18n", "status"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = hromada(site.path(), &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An English report records which Ukrainian text it translates; when the
/// Ukrainian changes, the English page says so and links the original,
/// the build warns, and `i18n status` lists it, until the translator
/// records the new original.
#[test]
fn an_edited_original_marks_its_translation_outdated() {
    let site = example_site();
    let english = site.path().join("content/reports/overview.en.md");
    let before = fs::read_to_string(&english).unwrap();
    let out = hromada(site.path(), &["i18n", "update"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("recorded"));
    let original = site.path().join("content/reports/overview.md");
    let mut text = fs::read_to_string(&original).unwrap();
    text.push_str("\nЩе одне речення, якого переклад не має.\n");
    fs::write(&original, text).unwrap();
    let build = hromada(site.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(
        stderr.contains("content/reports/overview.en.md:5:1: warning: content/reports/overview.md has changed since this translation was made [I003]"),
        "{stderr}"
    );
    let en = page(site.path(), "en/reports/overview/index.html");
    assert!(en.contains("<p class=\"notice\">The Ukrainian original of this text has changed since it was translated; the translation may lack the changes. <a href=\"/passports-2023/reports/overview/\">Read the original</a></p>"), "{en}");
    assert!(!page(site.path(), "reports/overview/index.html").contains("class=\"notice\""));
    let status = hromada(site.path(), &["i18n", "status"]);
    let said = String::from_utf8_lossy(&status.stdout);
    assert!(said.contains("content/reports/overview.en.md:5: content/reports/overview.md has changed since it was translated [I003]"), "{said}");
    let json = hromada(site.path(), &["i18n", "status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let outdated = &json[0]["outdated"][0];
    assert_eq!(outdated["code"], "I003");
    let current = outdated["current"].as_str().unwrap().to_string();
    // `update` leaves a recorded original alone: only the translator knows
    // when the translation has caught up.
    hromada(site.path(), &["i18n", "update"]);
    assert_eq!(fs::read_to_string(&english).unwrap(), before);
    let recorded = outdated["recorded"].as_str().unwrap();
    fs::write(&english, before.replace(recorded, &current)).unwrap();
    build_without_warnings(site.path());
    assert!(!page(site.path(), "en/reports/overview/index.html").contains("class=\"notice\""));
}

/// A fuzzy entry (its Ukrainian changed since it was translated) shows the
/// Ukrainian, flagged as a translation out of date, not as untranslated.
#[test]
fn a_fuzzy_entry_is_flagged_out_of_date() {
    let site = example_site();
    mark_a_risk_fuzzy(site.path());
    build(site.path());
    let html = page(site.path(), "en/passports/zrazkova-pryklad/index.html");
    let at = html
        .find("<span lang=\"uk\" class=\"outdated\">Брак фахівців соціальної сфери</span>")
        .expect("shown in Ukrainian");
    let after = &html[at..at + 200];
    assert!(after.contains("translation out of date"), "{after}");
    assert!(!after.contains("not yet translated"), "{after}");
}

/// A second passport that repeats the first's texts: the same texts share
/// their translations, a text a compendium has is filled from it, a near
/// one is filled as fuzzy with the source it came from (`#| msgid`) and
/// where (`#.`); the file stays valid for gettext and a second run changes
/// nothing.
#[test]
fn a_second_passport_is_filled_from_translation_memory() {
    let site = example_site();
    let first = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let second = fs::read_to_string(&first)
        .unwrap()
        .replace("Зразкова сільська", "Друга сільська")
        .replace(
            "title: Брак фахівців соціальної сфери",
            "title: Брак фахівців соціальної сфери та психологів",
        );
    fs::write(
        site.path().join("content/passports/druha-pryklad.yaml"),
        second,
    )
    .unwrap();
    fs::write(
        site.path().join("compendium.po"),
        "msgid \"Брак фахівців соціальної сфери та психологів\"\nmsgstr \"Shortage of social workers and psychologists\"\n",
    )
    .unwrap();
    // A compendium whose header names another language is not used for
    // English, though it comes first.
    fs::write(
        site.path().join("deutsch.po"),
        "msgid \"\"\nmsgstr \"Language: de\\n\"\n\nmsgid \"Брак фахівців соціальної сфери та психологів\"\nmsgstr \"Mangel an Sozialarbeitern\"\n",
    )
    .unwrap();
    let update = || {
        hromada(
            site.path(),
            &[
                "i18n",
                "update",
                "--compendium",
                "deutsch.po",
                "--compendium",
                "compendium.po",
            ],
        )
    };
    let out = update();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/i18n/en.po: 34 texts in use, 2 added (1 from translation memory, 1 similar ones as fuzzy), 0 made obsolete\n"
    );
    let po = site.path().join("content/i18n/en.po");
    let text = fs::read_to_string(&po).unwrap();
    assert!(text.contains("#. translation memory: compendium.po\n#: content/passports/druha-pryklad.yaml:98\nmsgid \"Брак фахівців соціальної сфери та психологів\"\nmsgstr \"Shortage of social workers and psychologists\"\n"), "{text}");
    assert!(text.contains("#. translation memory, 87% alike: content/i18n/en.po\n#: content/passports/druha-pryklad.yaml:4\n#, fuzzy\n#| msgid \"Зразкова сільська територіальна громада (приклад)\"\nmsgid \"Друга сільська територіальна громада (приклад)\"\nmsgstr \"Zrazkove village territorial community (example)\"\n"), "{text}");
    assert!(
        text.contains("#: content/passports/druha-pryklad.yaml:72\n#: content/passports/zrazkova-pryklad.yaml:72\nmsgid \"Відділ соціального захисту населення\"\nmsgstr \"Social protection department\"\n"),
        "the repeated texts share their entries"
    );
    assert_valid_po(&po);
    update();
    assert_eq!(
        fs::read_to_string(&po).unwrap(),
        text,
        "a second run changes nothing"
    );
    let json = hromada(site.path(), &["i18n", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(status[0]["fuzzy"], 1);
    build(site.path());
    let html = page(site.path(), "en/passports/druha-pryklad/index.html");
    assert!(html.contains("Shortage of social workers and psychologists"));
    // The memory's suggestion is not a translation grown old.
    assert!(!html.contains("translation out of date"));
}

/// `--machine`: the texts left untranslated go to the command as JSON
/// lines, its answers come back as fuzzy entries (never published); a
/// command that fails, answers badly or too slowly is named in an error
/// and the PO file is left as it was.
#[test]
fn machine_suggestions_are_fuzzy_and_a_broken_command_changes_nothing() {
    let site = example_site();
    let passport = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&passport).unwrap().replace(
        "title: Брак фахівців соціальної сфери",
        "title: Нестача соціальних працівників",
    );
    fs::write(&passport, yaml).unwrap();
    set_i18n(site.path(), "machine_timeout = 2");
    let po = site.path().join("content/i18n/en.po");
    let before = fs::read_to_string(&po).unwrap();
    let script = root().join("tests/fixtures/machine/translate.py");
    let command = |mode: &str| format!("python3 {} {mode}", script.display());
    for (mode, says) in [
        (
            "fail",
            "failed (exit status: 3): the translation server is down",
        ),
        ("garbage", "answered line 1 with something other than"),
        ("half", "gave no answer for id"),
        ("slow", "did not finish within 2 s"),
    ] {
        let out = hromada(
            site.path(),
            &["i18n", "update", "--machine", &command(mode)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{mode}: {stderr}");
        assert!(
            stderr.contains(&format!("the --machine command `{}` {says}", command(mode))),
            "{mode}: {stderr}"
        );
        assert!(
            stderr.contains("content/i18n/en.po is left as it was"),
            "{stderr}"
        );
        assert_eq!(fs::read_to_string(&po).unwrap(), before, "{mode}");
    }
    // Commands that leave a child running, print without end, or answer
    // with control characters: stopped in time, nothing written.
    for (command, says) in [
        ("(sleep 1000 &); exit 0", "gave no answer for id"),
        ("(sleep 1000 &); sleep 1000", "did not finish within 2 s"),
        ("yes", "printed more than 64 MiB"),
        (
            r#"while read -r l; do id=${l#*\"id\":}; echo "{\"id\": ${id%%,*}, \"text\": \"a\u0007b\"}"; done"#,
            "with a control character (U+0007)",
        ),
    ] {
        let started = std::time::Instant::now();
        let out = hromada(site.path(), &["i18n", "update", "--machine", command]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains(says), "{command}: {stderr}");
        assert!(
            started.elapsed().as_secs() < 30,
            "{command}: {:?}",
            started.elapsed()
        );
        assert_eq!(fs::read_to_string(&po).unwrap(), before, "{command}");
    }
    let out = hromada(
        site.path(),
        &["i18n", "update", "--machine", &command("good")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("suggested by the machine, as fuzzy"));
    let text = fs::read_to_string(&po).unwrap();
    // The comment names the command (wrapped at 78 columns, each line a
    // comment).
    let entry = "#: content/passports/zrazkova-pryklad.yaml:98\n#, fuzzy\nmsgid \"Нестача соціальних працівників\"\nmsgstr \"MT(en): Нестача соціальних працівників\"\n";
    let at = text.find(entry).unwrap_or_else(|| panic!("{text}"));
    let comment = text[..at].rsplit("\n\n").next().unwrap();
    assert!(
        comment.starts_with("#. machine translation: python3 "),
        "{comment}"
    );
    assert!(comment.lines().all(|l| l.starts_with("#. ")), "{comment}");
    assert_valid_po(&po);
    build(site.path());
    let html = page(site.path(), "en/passports/zrazkova-pryklad/index.html");
    assert!(
        !html.contains("MT(en)"),
        "a machine's suggestion is not published"
    );
}

/// With `[i18n] publish_fuzzy = true` a fuzzy entry is shown in English,
/// flagged in words as a machine or unreviewed translation; by default
/// the Ukrainian is shown.
#[test]
fn a_site_may_publish_fuzzy_entries_flagged() {
    let site = example_site();
    mark_a_risk_fuzzy(site.path());
    set_i18n(site.path(), "publish_fuzzy = true");
    build(site.path());
    let html = page(site.path(), "en/passports/zrazkova-pryklad/index.html");
    assert!(
        html.contains("<span class=\"unreviewed\" title=\"machine or unreviewed translation\">Shortage of social workers</span> <small class=\"flag\">(machine or unreviewed translation)</small>"),
        "{html}"
    );
    assert!(!html.contains(">Брак фахівців соціальної сфери</span>"));
}

/// The glossary: `i18n update` lists an entry's terms in its comment
/// (again and again the same), `i18n status` warns where a translation
/// leaves a term's translation out, at the text's file and line; a broken
/// glossary is an error at its line.
#[test]
fn the_glossary_is_listed_and_its_terms_checked() {
    let site = example_site();
    let glossary = site.path().join("content/i18n/glossary.en.toml");
    fs::write(
        &glossary,
        "[[term]]\nterm = \"фахівц\"\ntranslation = \"specialist\"\nnote = \"not 'expert'\"\n",
    )
    .unwrap();
    hromada(site.path(), &["i18n", "update"]);
    let po = site.path().join("content/i18n/en.po");
    let text = fs::read_to_string(&po).unwrap();
    assert!(text.contains("#. glossary: фахівц = specialist (not 'expert')\n#: content/passports/zrazkova-pryklad.yaml:98\nmsgid \"Брак фахівців соціальної сфери\"\n"), "{text}");
    assert_valid_po(&po);
    hromada(site.path(), &["i18n", "update"]);
    assert_eq!(
        fs::read_to_string(&po).unwrap(),
        text,
        "a second run changes nothing"
    );
    let out = hromada(site.path(), &["i18n", "status"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("  content/passports/zrazkova-pryklad.yaml:98: \"Брак фахівців соціальної сфери\" is translated without `specialist` (the glossary's `фахівц`) [I004]\n"), "{said}");
    let json = hromada(site.path(), &["i18n", "status", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(status[0]["glossary"][0]["line"], 98);
    fs::write(&glossary, "[[term]]\nterm = \"фахівц\"\n").unwrap();
    let out = hromada(site.path(), &["i18n", "status"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "content/i18n/glossary.en.toml:1:1: error: missing field `translation` [I005]"
        ),
        "{stderr}"
    );
}

/// Marks the example's translated risk "Брак фахівців соціальної сфери"
/// fuzzy, as a PO editor or msgmerge would after its text changed.
fn mark_a_risk_fuzzy(site: &std::path::Path) {
    let po = site.join("content/i18n/en.po");
    let entry =
        "#: content/passports/zrazkova-pryklad.yaml:98\nmsgid \"Брак фахівців соціальної сфери\"";
    let text = fs::read_to_string(&po).unwrap();
    assert!(text.contains(entry));
    fs::write(
        &po,
        text.replace(entry, &entry.replace("\nmsgid", "\n#, fuzzy\nmsgid")),
    )
    .unwrap();
}

/// Adds `line` under `[i18n]` at the end of the site's site.toml.
fn set_i18n(site: &std::path::Path, line: &str) {
    let toml = site.join("site.toml");
    let config = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{config}\n[i18n]\n{line}\n")).unwrap();
}
