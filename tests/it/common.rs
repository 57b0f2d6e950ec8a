//! Helpers shared by the integration tests: copy a site into a temporary
//! folder, run the real binary on it, read what it wrote.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root, which is also the example site.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures`.
pub fn fixture(path: &str) -> PathBuf {
    root().join("tests/fixtures").join(path)
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The example site (site.toml and content, without the theme folder, so
/// the built-in theme is what renders) in a fresh temporary folder.
pub fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root().join("site.toml"), dir.path().join("site.toml")).unwrap();
    copy_tree(&root().join("content"), &dir.path().join("content"));
    dir
}

/// A text of the example passports that tests leave untranslated.
pub const BUS_ROUTES: &str = "Два автобусні маршрути до центру громади, тричі на день.";

/// Takes `BUS_ROUTES`'s English translation out of the example site's PO
/// file in `site`, and returns the file's remaining text.
pub fn untranslate_bus_routes(site: &Path) -> String {
    let po = site.join("content/i18n/en.po");
    let text = fs::read_to_string(&po).unwrap();
    let entry = format!(
        "msgid \"{BUS_ROUTES}\"\nmsgstr \"Two bus routes to the community's centre, three times a day.\"\n"
    );
    assert!(text.contains(&entry), "the example's PO file has the entry");
    let without = text.replace(&entry, "");
    fs::write(&po, &without).unwrap();
    without
}

/// The invalid fixture sites, by name, sorted: `tests/fixtures/invalid/*`.
pub fn invalid_cases() -> Vec<String> {
    let mut cases: Vec<String> = fs::read_dir(fixture("invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

/// Runs `hromada` with `args` in `cwd`, speaking English whatever the
/// machine's locale.
pub fn hromada(cwd: &Path, args: &[&str]) -> Output {
    hromada_in(cwd, "C", args)
}

/// The first line a build with `args` prints, which must succeed: what
/// its first stage made (`made 24 PDFs in 0.02 s (24 from the cache; …)`,
/// or with `--no-pdf` `made 34 pages in …`).
pub fn first_line(site: &Path, args: &[&str]) -> String {
    let out = hromada(site, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout.lines().next().unwrap().to_string()
}

/// Runs `hromada` with `args` in `cwd` under the locale `lang` (as
/// `LC_ALL`, which decides before `LANG`).
pub fn hromada_in(cwd: &Path, lang: &str, args: &[&str]) -> Output {
    command()
        .env("LC_ALL", lang)
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

/// The `hromada` binary as a command, speaking English.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hromada"));
    command
        .env("LC_ALL", "C")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

/// Builds the site in `dir`; panics with its stderr if the build fails.
pub fn build(dir: &Path) {
    let out = hromada(dir, &["build", "--quiet"]);
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Builds the site in `dir`; panics if the build fails or prints anything
/// on stderr, warnings included.
pub fn build_without_warnings(dir: &Path) {
    let out = hromada(dir, &["build"]);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Asserts that gettext's own parser accepts a PO file.
pub fn assert_valid_po(po: &Path) {
    let out = Command::new("msgfmt")
        .args(["--check", "-o", "/dev/null"])
        .arg(po)
        .output()
        .expect("msgfmt (gettext) is needed: scripts/test installs it");
    assert!(
        out.status.success(),
        "{}: {}",
        po.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A file of the built site, as text.
pub fn page(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join("output").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file below `dir` with its bytes, sorted by path.
pub fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Asserts that two folders hold the same files with the same bytes.
pub fn assert_same_files(a: &Path, b: &Path) {
    let (ta, tb) = (snapshot_tree(a), snapshot_tree(b));
    assert_eq!(ta.len(), tb.len());
    for ((pa, ba), (pb, bb)) in ta.iter().zip(&tb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs", pa.display());
    }
}

/// The text of an HTML page with tags dropped and spaces folded, for
/// asserting on what a reader sees.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes a site's own copy of the default theme's template `name`.
pub fn override_template(site: &Path, name: &str, text: &str) {
    let templates = site.join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join(name), text).unwrap();
}

/// Builds the site at `site`, which must fail with exit `code` and publish
/// nothing; returns what it printed on standard error.
pub fn failed_build(site: &Path, code: i32) -> String {
    failed_build_in(site, "C", code)
}

/// [`failed_build`] with the messages of the locale `lang`.
pub fn failed_build_in(site: &Path, lang: &str, code: i32) -> String {
    let out = hromada_in(site, lang, &["build"]);
    assert_eq!(out.status.code(), Some(code));
    assert!(!site.join("output").exists(), "a failed build published");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Overrides the report's template with its title's `{{ page.title.text }}`
/// written as `written`.
pub fn override_report_title(site: &Path, written: &str) {
    override_template(
        site,
        "report.html",
        &include_str!("../../themes/default/templates/report.html")
            .replace("{{ page.title.text }}", written),
    );
}
