//! Hostile and broken input: markup injected into every kind of text, files
//! too large, alias bombs, links out of the site, and builds killed half
//! way. None may break or poison the published site.

use std::fs;
use std::process::Command;

use crate::common::*;

const SCRIPT: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";

/// The script as a single-quoted YAML scalar holds it.
fn quoted() -> String {
    SCRIPT.replace('\'', "''")
}

#[test]
fn markup_in_every_text_reaches_pages_as_text() {
    let q = quoted();
    let site = example_site();
    let sample = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&sample).unwrap();
    // Every free text and name of the passport, quoted so YAML keeps it whole.
    let mut hostile = String::new();
    for line in yaml.lines() {
        let trimmed = line.trim_start();
        let key = trimmed
            .trim_start_matches("- ")
            .split(':')
            .next()
            .unwrap_or("");
        let is_text = [
            "name",
            "raion",
            "center",
            "public_transport",
            "roads",
            "social_protection_unit",
            "title",
            "note",
        ]
        .contains(&key)
            && !trimmed.contains('{');
        if is_text {
            let indent = &line[..line.len() - trimmed.len()];
            let dash = if trimmed.starts_with("- ") { "- " } else { "" };
            hostile.push_str(&format!("{indent}{dash}{key}: '{} {}'\n", key, quoted()));
        } else if trimmed.starts_with("- ") && line.starts_with("  - ") && !trimmed.contains(':') {
            hostile.push_str(&format!("  - '{}'\n", quoted()));
        } else {
            hostile.push_str(line);
            hostile.push('\n');
        }
    }
    assert!(hostile.matches("<script>").count() >= 10, "{hostile}");
    fs::write(&sample, hostile).unwrap();
    fs::write(
        site.path().join("content/reports/evil.md"),
        format!("---\ntitle: '{q}'\nsummary: '{q}'\n---\n\n# {SCRIPT}\n\n{SCRIPT}\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[x](javascript:alert(3))\n\n<a href=\"#\" onclick=\"alert(4)\">y</a>\n\n<div style=\"background:url(https://evil.example/x.png)\">z</div>\n"),
    )
    .unwrap();
    build(site.path());
    for (path, bytes) in snapshot_tree(&site.path().join("output")) {
        // Open data carries the text as written; pages and feeds must not.
        if !path.extension().is_some_and(|e| e == "html" || e == "xml") {
            continue;
        }
        // The theme's own script tags (table.js, compare.js) and the compare
        // page's settings (UI strings as JSON) aside, which no text can add.
        let text = without_theme_scripts(&String::from_utf8_lossy(&bytes));
        // Real tags and attributes only: escaped text such as `&lt;img
        // onerror=…&gt;` is inert and may be shown as it was written.
        for bad in [
            "<script",
            "<img src=x",
            "<iframe",
            "javascript:",
            "onclick=\"",
            "url(https://evil",
        ] {
            assert!(!text.contains(bad), "{} contains {bad}", path.display());
        }
    }
    let page = page(site.path(), "passports/zrazkova-pryklad/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is kept, escaped"
    );
    let json = fs::read_to_string(site.path().join("output/data/passports.json")).unwrap();
    assert!(
        json.contains("<script>alert(1)</script>"),
        "open data keeps the text as it was written"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let site = example_site();
    let big = format!("name: x\n# {}\n", "я".repeat(3 << 20));
    fs::write(site.path().join("content/passports/big.yaml"), big).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("content/passports/big.yaml:1:1: error: the file has 6291467 bytes, more than the limit of 4194304 [F003]"), "{stderr}");
}

#[test]
fn an_alias_bomb_is_refused() {
    let site = example_site();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    fs::write(site.path().join("content/passports/bomb.yaml"), bomb).unwrap();
    let out = hromada(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "content/passports/bomb.yaml:2:8: error: YAML aliases (`*name`) are not allowed [Y001]"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn links_out_of_the_site_are_not_followed_and_are_named() {
    let site = example_site();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.yaml"), "name: секрет\n").unwrap();
    let link = |target: &std::path::Path, at: &str| {
        std::os::unix::fs::symlink(target, site.path().join(at)).unwrap();
    };
    link(
        &outside.path().join("secret.yaml"),
        "content/passports/secret.yaml",
    );
    link(outside.path(), "content/passports/elsewhere");
    // A link to the whole disk: the walk must not go down it.
    link(std::path::Path::new("/"), "content/reports/up");
    fs::create_dir_all(site.path().join("themes/default")).unwrap();
    link(std::path::Path::new("/"), "themes/default/up");
    // A link that stays inside the site is followed.
    link(
        &site.path().join("content/passports/lvivska.yaml"),
        "content/passports/lviv-again.yaml",
    );
    let out = hromada(site.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for skipped in [
        "content/passports/elsewhere:1:1: warning: skipped: the link leads out of the site (to ",
        "content/passports/secret.yaml:1:1: warning: skipped: the link leads out of the site (to ",
        "content/reports/up:1:1: warning: skipped: the link leads out of the site (to /) [F006]",
        "themes/default/up:1:1: warning: skipped: the link leads out of the site (to /) [F006]",
    ] {
        assert!(stderr.contains(skipped), "{skipped}\n{stderr}");
    }
    assert!(!site.path().join("output/passports/secret").exists());
    assert!(
        site.path()
            .join("output/passports/lviv-again/index.html")
            .exists()
    );
    assert!(
        !fs::read_to_string(site.path().join("output/data/passports.json"))
            .unwrap()
            .contains("секрет")
    );
}

/// The output folder of `site`, every file and its bytes.
fn output_of(site: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    snapshot_tree(&site.join("output"))
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = example_site();
    // Enough passports that a build takes a while to kill in the middle of
    // (half a second to two here; the kills land at tenths of it).
    let sample =
        fs::read_to_string(site.path().join("content/passports/zrazkova-pryklad.yaml")).unwrap();
    for i in 0..60 {
        fs::write(
            site.path()
                .join(format!("content/passports/copy-{i:03}.yaml")),
            &sample,
        )
        .unwrap();
    }
    // Without PDFs, so that kills land while pages are written and the
    // output is swapped, not only while PDFs are typeset.
    let build = |args: &[&str]| {
        let out = hromada(
            site.path(),
            &[&["build", "--quiet", "--no-pdf"], args].concat(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build(&[]);
    let before = output_of(site.path());
    fs::remove_file(site.path().join("content/passports/copy-000.yaml")).unwrap();
    // The site as the changed content makes it, built beside (builds are
    // deterministic), and how long one build takes.
    let started = std::time::Instant::now();
    build(&["--output", "expected/output"]);
    let whole = started.elapsed();
    let after = output_of(&site.path().join("expected"));
    assert_ne!(before, after);
    let mut killed_midway = 0;
    for tenth in 1..=12u32 {
        let mut child = crate::common::command()
            .current_dir(site.path())
            .args(["build", "--quiet", "--no-pdf"])
            .spawn()
            .unwrap();
        std::thread::sleep(whole * tenth / 10);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = output_of(site.path());
        assert!(
            now == before || now == after,
            "after a kill at {tenth}/10 of a build, the output is neither the old site nor the new one"
        );
        if !status.success() && now == before {
            killed_midway += 1;
        }
        if now == after {
            // Back to the old site for the next kill.
            fs::write(site.path().join("content/passports/copy-000.yaml"), &sample).unwrap();
            build(&[]);
            assert_eq!(output_of(site.path()), before);
            fs::remove_file(site.path().join("content/passports/copy-000.yaml")).unwrap();
        }
    }
    assert!(
        killed_midway > 0,
        "no kill landed during a build: nothing was tested"
    );
    // The next build completes whatever the killed ones left.
    build(&[]);
    assert_eq!(output_of(site.path()), after);
    let leftovers: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output.hromada-"))
        .filter(|n| !n.ends_with("-lock") && !n.ends_with("-manifest"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn csv_text_cannot_run_as_a_spreadsheet_formula() {
    let site = example_site();
    let path = site.path().join("content/passports/lvivska.yaml");
    let yaml = fs::read_to_string(&path)
        .unwrap()
        .replace(
            "raion: Львівський",
            "raion: '=HYPERLINK(\"https://evil.example\",\"Львівський\")'",
        )
        .replace("center: Львів", "center: '=HYPERLINK(1)'");
    fs::write(&path, yaml).unwrap();
    build(site.path());
    let csv = page(site.path(), "data/passports.csv");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Львівський\"\")\""),
        "{csv}"
    );
    assert!(page(site.path(), "charts/ranking.csv").contains("'=HYPERLINK(1),"));
    // No cell of any CSV the site writes starts a formula, figures aside.
    let mut csvs = 0;
    for (path, bytes) in output_of(site.path()) {
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        csvs += 1;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(&bytes[..]);
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula || cell.parse::<f64>().is_ok(),
                    "{}: {cell}",
                    path.display()
                );
            }
        }
    }
    assert!(csvs > 30, "{csvs} CSV files");
}

/// `html` without the theme's own scripts: `table.js` and `compare.js`,
/// deferred, and the compare page's settings, JSON that cannot close its
/// element.
fn without_theme_scripts(html: &str) -> String {
    let mut text = html.to_string();
    for name in ["table", "compare"] {
        text = text.replace(
            &format!("<script src=\"/passports-2023/static/{name}.js\" defer></script>"),
            "",
        );
    }
    let open = "<script type=\"application/json\" id=\"compare-settings\">";
    if let Some(start) = text.find(open) {
        let end = start + text[start..].find("</script>").expect("closed") + "</script>".len();
        let json = &text[start + open.len()..end - "</script>".len()];
        assert!(!json.contains('<'), "the settings hold markup: {json}");
        text.replace_range(start..end, "");
    }
    text
}

#[test]
fn pages_are_light_and_load_nothing_from_elsewhere() {
    let site = example_site();
    build(site.path());
    for (path, bytes) in snapshot_tree(&site.path().join("output")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        // Charts are inline; fonts are separate files and not counted.
        assert!(
            bytes.len() <= 100 * 1024,
            "{} has {} bytes",
            path.display(),
            bytes.len()
        );
        let html = String::from_utf8_lossy(&bytes);
        // What a browser fetches by itself: `src` attributes and `<link>`
        // elements (stylesheets, icons). Plain links to elsewhere are fine.
        let fetched = html.split("src=\"").skip(1).chain(
            html.split("<link ")
                .skip(1)
                .filter_map(|tag| tag.split("href=\"").nth(1)),
        );
        for value in fetched.map(|rest| &rest[..rest.find('"').unwrap_or(0)]) {
            let remote = value.starts_with("http") || value.starts_with("//");
            assert!(
                !remote || value.starts_with("https://example.org/passports-2023/"),
                "{}: loads {value}",
                path.display()
            );
        }
        // The only scripts are the theme's own, small and deferred.
        let rest = without_theme_scripts(&html);
        assert!(
            !rest.contains("<script"),
            "{}: an unexpected script in {rest}",
            path.display()
        );
    }
    for name in ["table.js", "compare.js"] {
        let script = fs::read(site.path().join("output/static").join(name)).unwrap();
        assert!(
            script.len() <= 12 * 1024,
            "{name} has {} bytes",
            script.len()
        );
    }
    let css = page(site.path(), "static/style.css");
    assert!(
        !css.contains("http"),
        "the stylesheet loads nothing from elsewhere"
    );
}

#[test]
fn a_disk_that_fills_is_an_io_failure_and_the_site_is_kept() {
    let site = example_site();
    build(site.path());
    let before = output_of(site.path());
    // Without the record of the last build nothing is linked from it:
    // every file is written again.
    fs::remove_file(site.path().join(".output.hromada-manifest")).unwrap();
    // Files may grow to 16 KiB at most (dash counts 512-byte blocks), as on
    // a disk that fills: writing a larger page fails. SIGXFSZ is ignored,
    // so the write fails instead of killing the build.
    let out = Command::new("sh")
        .env("LC_ALL", "C")
        .current_dir(site.path())
        .args(["-c", "trap '' XFSZ; ulimit -f 32; exec \"$0\" build"])
        .arg(env!("CARGO_BIN_EXE_hromada"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one message: {stderr}");
    assert!(
        stderr.starts_with("error: cannot write ")
            && stderr.contains("the file is larger than the system allows here"),
        "{stderr}"
    );
    assert_eq!(output_of(site.path()), before, "the previous site is kept");
    assert!(!site.path().join(".output.hromada-staging").exists());
}

#[test]
fn a_refused_output_folder_is_left_untouched_and_no_lock_is_written() {
    let site = example_site();
    let parent = tempfile::tempdir().unwrap();
    let foreign = parent.path().join("documents");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("thesis.docx"), "x").unwrap();
    let out = hromada(
        site.path(),
        &["build", "--output", foreign.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("refusing to replace"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entries: Vec<String> = fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["documents"], "nothing written beside it");
    assert_eq!(fs::read_dir(&foreign).unwrap().count(), 1);
}

/// The example site with Lviv's name one unbroken word of 32,768 letters,
/// 64 KiB: more than the PDF writer's text runs can hold.
fn site_with_an_endless_word() -> tempfile::TempDir {
    let site = example_site();
    let path = site.path().join("content/passports/lvivska.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replace(
        "name: Львівська міська територіальна громада",
        &format!("name: {}", "Ж".repeat(32_768)),
    );
    fs::write(&path, yaml).unwrap();
    site
}

#[test]
fn a_name_of_one_unbroken_word_prints() {
    let site = site_with_an_endless_word();
    let out = hromada(site.path(), &["build", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = site.path().join("output/passports/lvivska/lvivska.uk.pdf");
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler) is needed: scripts/test installs it");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&"Ж".repeat(24)), "the word is printed");
}

#[test]
fn deeply_nested_html_in_a_report_is_refused_at_its_line() {
    let site = example_site();
    // 100,000 nested elements: 46 s in the sanitiser before it was bounded.
    let n = 100_000;
    fs::write(
        site.path().join("content/reports/nested.md"),
        format!(
            "---\ntitle: Вкладено\n---\n\nВступ.\n\n{}x{}\n",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    )
    .unwrap();
    let out = hromada(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("content/reports/nested.md:7:496: error: the text nests more than 100 elements inside one another here [R004]"),
        "{stderr}"
    );
}

#[test]
fn a_control_character_never_reaches_a_po_file() {
    let site = example_site();
    let path = site.path().join("content/passports/lvivska.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replace(
        "name: Львівська міська територіальна громада",
        "name: \"Львівська\\x00 громада\"",
    );
    fs::write(&path, yaml).unwrap();
    let po = site.path().join("content/i18n/en.po");
    let before = fs::read(&po).unwrap();
    let out = hromada(site.path(), &["i18n", "update"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with(
            "content/passports/lvivska.yaml:4:7: error: `name`: the text holds a control character (U+0000), which a PO file cannot carry [S006]"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read(&po).unwrap(), before);
}

#[test]
fn a_failure_inside_the_typesetter_is_a_diagnostic_not_a_crash() {
    // A site's own layout prints the name without break opportunities:
    // Typst's PDF writer fails (it panics) on the 64 KiB line.
    let site = site_with_an_endless_word();
    override_template(
        site.path(),
        "passport.typ",
        "#let data = json(\"/data.json\")\n#data.passport.name.text\n",
    );
    let out = hromada(site.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("content/passports/lvivska.yaml:1:1: error: the PDF passports/lvivska/lvivska.uk.pdf could not be made: Typst failed inside the layout themes/default/templates/passport.typ ("),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.ends_with("nothing was published\n"), "{stderr}");
    assert!(!site.path().join("output").exists());
}

#[test]
fn a_theme_template_that_calls_itself_is_an_error_at_the_template() {
    let site = example_site();
    let cases = [
        (
            "404.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{% include \"404.html\" %}\n{% endblock main %}\n",
            "themes/default/templates/404.html:3:1: error: the template calls itself without end: `404.html` → `404.html` [T001]",
        ),
        (
            "404.html",
            "{% extends \"base.html\" %}\n{% macro m(n) %}{{ self::m(n=n) }}{% endmacro m %}\n{% block main %}{{ self::m(n=1) }}{% endblock main %}\n",
            "themes/default/templates/404.html:2:1: error: the template calls itself without end: the macro `m` of `404.html` → the macro `m` of `404.html` [T001]",
        ),
    ];
    for (name, text, expected) in cases {
        override_template(site.path(), name, text);
        for command in ["check", "build"] {
            let out = hromada(site.path(), &[command]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
            assert!(stderr.starts_with(expected), "{command}: {stderr}");
        }
        assert!(!site.path().join("output").exists());
    }
    // Recursion under a condition that never stops: the renderer's limit.
    override_template(
        site.path(),
        "404.html",
        "{% extends \"base.html\" %}\n{% macro m(n) %}{% if n > 0 %}{{ self::m(n=n + 1) }}{% endif %}{% endmacro m %}\n{% block main %}{{ self::m(n=1) }}{% endblock main %}\n",
    );
    let stderr = failed_build(site.path(), 1);
    assert!(
        stderr.contains("`m` is called inside itself more than 32 deep"),
        "{stderr}"
    );
}

/// Runs `hromada check` on `site`: its exit code and standard error.
fn check(site: &std::path::Path) -> (Option<i32>, String) {
    let out = hromada(site, &["check"]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_page_may_not_take_a_place_the_site_publishes_at() {
    let site = example_site();
    let pages = site.path().join("content/pages");
    for (name, place) in [
        ("compare", "/compare/"),
        ("charts", "/charts/"),
        ("card", "/card.png"),
        ("404", "/404.html"),
        ("index", "/index.html"),
        ("editions", "/editions/"),
        ("forms", "/forms/"),
    ] {
        fs::write(
            pages.join(format!("{name}.md")),
            "---\ntitle: Наша\n---\n\nТекст.\n",
        )
        .unwrap();
        let (code, stderr) = check(site.path());
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(&format!("content/pages/{name}.md:1:1: error: a page cannot be called `{name}`: the site publishes {place} itself [F004]")), "{stderr}");
        let stderr = failed_build(site.path(), 1);
        assert!(
            stderr.contains(&format!("content/pages/{name}.md:1:1: error")),
            "{stderr}"
        );
        fs::remove_file(pages.join(format!("{name}.md"))).unwrap();
    }
}

#[test]
fn figures_too_large_to_add_up_and_negative_areas_are_refused() {
    let site = example_site();
    let path = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    let broken = yaml
        .replace("  residents: 12480\n", "  residents: 1\n")
        .replace("  female: 6590\n", "  female: 9223372036854775808\n")
        .replace("  male: 5890\n", "  male: 9223372036854775809\n");
    fs::write(&path, broken).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("`9223372036854775808` is too large a number: no count of a community is over 100 000 000 [S005]"), "{stderr}");
    assert!(
        stderr.contains("`9223372036854775809` is too large a number"),
        "{stderr}"
    );
    // The checks across fields run once every value is read.
    fs::write(&path, yaml.replace("area_km2: 412.7", "area_km2: -412.7")).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: `area_km2` cannot be negative (found -412.7) [S005]"),
        "{stderr}"
    );
    // Money that is no number gets a hint about digits, not kopecks.
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("  revenue_uah: 186400000", "  revenue_uah: .nan");
    fs::write(&path, text).unwrap();
    let (_, stderr) = check(site.path());
    assert!(
        !stderr.contains(".na\n") && !stderr.contains("round it"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected an amount in hryvnias, found \".nan\""),
        "{stderr}"
    );
}

#[test]
fn a_key_with_a_newline_cannot_forge_a_diagnostic_line() {
    let site = example_site();
    let path = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        format!("{yaml}\"x\\ncontent/passports/lvivska.yaml:1:1: error: forged [S001]\": 1\n"),
    )
    .unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        !stderr
            .lines()
            .any(|l| l.starts_with("content/passports/lvivska.yaml")),
        "{stderr}"
    );
    assert!(
        stderr.contains("x\\ncontent/passports/lvivska.yaml:1:1: error: forged"),
        "{stderr}"
    );
}

#[test]
fn base_url_must_be_a_plain_address_with_a_host() {
    let site = example_site();
    let toml = site.path().join("site.toml");
    let good = fs::read_to_string(&toml).unwrap();
    let line = good
        .lines()
        .find(|l| l.starts_with("base_url"))
        .unwrap()
        .to_string();
    for (url, says) in [
        (
            "https://example.org/p?q=1#frag",
            "must end with its path: no `?` query and no `#` fragment",
        ),
        ("https:///nohost", "has no host"),
        ("https://exa mple.org/", "is not an address"),
    ] {
        fs::write(&toml, good.replace(&line, &format!("base_url = \"{url}\""))).unwrap();
        let (code, stderr) = check(site.path());
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("base_url `{url}` {says}")),
            "{stderr}"
        );
    }
}

#[test]
fn control_characters_in_a_translation_are_an_error_at_its_entry() {
    let site = example_site();
    let po = site.path().join("content/i18n/en.po");
    let text = fs::read_to_string(&po).unwrap();
    let lines = text.lines().count();
    fs::write(
        &po,
        format!("{text}\nmsgid \"Міст\"\nmsgstr \"Bri\u{7}dge\"\n"),
    )
    .unwrap();
    let before = fs::read(&po).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    let at = format!(
        "content/i18n/en.po:{}:1: error: the translation of \"Міст\" holds a control character (U+0007) [S006]",
        lines + 2
    );
    assert!(stderr.starts_with(&at), "{stderr}");
    let out = hromada(site.path(), &["i18n", "update"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(&at));
    assert_eq!(fs::read(&po).unwrap(), before);
}

#[test]
fn an_empty_glossary_term_is_an_error_at_its_line() {
    let site = example_site();
    fs::write(
        site.path().join("content/i18n/glossary.en.toml"),
        "[[term]]\nterm = \"староста\"\ntranslation = \"starosta\"\n\n[[term]]\nterm = \"\"\ntranslation = \"x\"\n",
    )
    .unwrap();
    let po = site.path().join("content/i18n/en.po");
    let before = fs::read(&po).unwrap();
    let out = hromada(site.path(), &["i18n", "update"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("content/i18n/glossary.en.toml:6:8: error: the term is empty"),
        "{stderr}"
    );
    assert!(stderr.contains("[I005]"), "{stderr}");
    assert_eq!(fs::read(&po).unwrap(), before);
}

#[test]
fn the_rebuild_record_trusts_size_and_time_and_no_cache_trusts_nothing() {
    // README says what the record trusts: a file changed in place with
    // its size and time put back is taken as unchanged; `--no-cache`
    // writes every file anew.
    let site = example_site();
    build(site.path());
    let file = site.path().join("output/data/passports.csv");
    let good = fs::read(&file).unwrap();
    let modified = fs::metadata(&file).unwrap().modified().unwrap();
    let mut forged = good.clone();
    forged[0] = b'X';
    fs::write(&file, &forged).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    build(site.path());
    assert_eq!(fs::read(&file).unwrap(), forged, "trusted, as README says");
    let out = hromada(site.path(), &["build", "--quiet", "--no-cache"]);
    assert!(out.status.success());
    assert_eq!(fs::read(&file).unwrap(), good);
}

#[test]
fn a_theme_cannot_print_the_environment() {
    let site = example_site();
    override_template(
        site.path(),
        "404.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ get_env(name=\"HROMADA_SECRET\") }}{% endblock main %}\n",
    );
    let out = crate::common::command()
        .current_dir(site.path())
        .args(["build", "--no-pdf"])
        .env("HROMADA_SECRET", "hunter2")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("`get_env` is switched off"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(!site.path().join("output").exists());
}
