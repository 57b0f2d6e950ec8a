//! Hostile and broken input: markup injected into every kind of text, files
//! too large, alias bombs, links out of the site, and builds killed half
//! way. None may break or poison the published site.

mod common;

use std::fs;
use std::process::Command;
use std::time::Duration;

use common::*;

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
        // The theme's own script tag (table.js) aside, which no text can add.
        let text = String::from_utf8_lossy(&bytes).replace(
            "<script src=\"/passports-2023/static/table.js\" defer></script>",
            "",
        );
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
fn a_file_over_the_size_limit_is_refused_quickly() {
    let site = example_site();
    let big = format!("name: x\n# {}\n", "я".repeat(3 << 20));
    fs::write(site.path().join("content/passports/big.yaml"), big).unwrap();
    let started = std::time::Instant::now();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < Duration::from_secs(5));
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
fn links_out_of_the_site_are_not_followed() {
    let site = example_site();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.yaml"), "name: секрет\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        site.path().join("content/passports/secret.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        site.path().join("content/passports/elsewhere"),
    )
    .unwrap();
    build(site.path());
    assert!(!site.path().join("output/passports/secret").exists());
    assert!(
        !fs::read_to_string(site.path().join("output/data/passports.json"))
            .unwrap()
            .contains("секрет")
    );
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site() {
    let site = example_site();
    // Enough passports that a build takes a while to kill in the middle of.
    let sample =
        fs::read_to_string(site.path().join("content/passports/zrazkova-pryklad.yaml")).unwrap();
    for i in 0..150 {
        fs::write(
            site.path()
                .join(format!("content/passports/copy-{i:03}.yaml")),
            &sample,
        )
        .unwrap();
    }
    // Without PDFs, so that kills land while pages are written and the
    // output is swapped (the PDFs of 150 passports take seconds and write
    // to the same staging folder).
    let whole = |dir: &std::path::Path| {
        assert!(
            hromada(dir, &["build", "--quiet", "--no-pdf"])
                .status
                .success()
        );
    };
    whole(site.path());
    let before = snapshot_tree(&site.path().join("output"));
    fs::remove_file(site.path().join("content/passports/copy-000.yaml")).unwrap();
    let mut after = None;
    for delay_ms in [1, 5, 10, 20, 40, 80, 120, 200, 300] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hromada"))
            .current_dir(site.path())
            .args(["build", "--quiet", "--no-pdf"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = snapshot_tree(&site.path().join("output"));
        if now != before {
            // The build finished before the kill: then it is the whole new site.
            assert!(
                status.success(),
                "a killed build changed the output (after {delay_ms} ms)"
            );
            assert!(!site.path().join("output/passports/copy-000").exists());
            after.get_or_insert(now);
        }
    }
    // The next build recovers from whatever the killed ones left.
    whole(site.path());
    assert!(
        site.path()
            .join("output/passports/copy-001/index.html")
            .is_file()
    );
    assert!(!site.path().join("output/passports/copy-000").exists());
}

#[test]
fn csv_text_cannot_run_as_a_spreadsheet_formula() {
    let site = example_site();
    let path = site.path().join("content/passports/lvivska.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replace(
        "raion: Львівський",
        "raion: '=HYPERLINK(\"https://evil.example\",\"Львівський\")'",
    );
    fs::write(&path, yaml).unwrap();
    build(site.path());
    let csv = page(site.path(), "data/passports.csv");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Львівський\"\")\""),
        "{csv}"
    );
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
        // The one script is the theme's own small table finder, deferred.
        for script in html.split("<script").skip(1) {
            assert!(
                script.starts_with(" src=\"/passports-2023/static/table.js\" defer>"),
                "{}: an unexpected script <script{}",
                path.display(),
                &script[..script.len().min(80)]
            );
        }
    }
    let script = fs::read(site.path().join("output/static/table.js")).unwrap();
    assert!(
        script.len() <= 8 * 1024,
        "table.js has {} bytes",
        script.len()
    );
    let css = page(site.path(), "static/style.css");
    assert!(
        !css.contains("http"),
        "the stylesheet loads nothing from elsewhere"
    );
}
