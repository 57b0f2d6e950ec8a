//! The guides: every link in README, ARCHITECTURE, `docs/` and a new
//! site's files resolves (file and heading); README stays a door; the
//! working groups' guide carries every explanation of the catalog, as
//! generated (`UPDATE_DOCS=1 cargo test` writes it again).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The lines of `text` outside fenced code blocks.
fn prose(text: &str) -> Vec<&str> {
    let mut fenced = false;
    text.lines()
        .filter(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
                return false;
            }
            !fenced
        })
        .collect()
}

/// The anchor GitHub gives a heading: lowercase, punctuation dropped,
/// spaces made hyphens (letters of any script kept).
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    prose(text)
        .iter()
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| slug(l.trim_start_matches('#')))
        .collect()
}

/// The links of a Markdown text: `[text](target)`.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in prose(text) {
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            out.push(after[..end].to_string());
            rest = &after[end..];
        }
    }
    out
}

/// Every broken link of the Markdown file `file`.
fn broken_links(file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap();
    let mut broken = Vec::new();
    for link in links(&text) {
        if link.starts_with("http://")
            || link.starts_with("https://")
            || link.starts_with("mailto:")
        {
            continue;
        }
        let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
        let target = match path {
            "" => file.to_path_buf(),
            p => file.parent().unwrap().join(p),
        };
        if !target.exists() {
            broken.push(format!("{}: {link}: no such file", file.display()));
            continue;
        }
        if !anchor.is_empty() {
            let target_text = fs::read_to_string(&target).unwrap_or_default();
            if !anchors(&target_text).contains(anchor) {
                broken.push(format!("{}: {link}: no such heading", file.display()));
            }
        }
    }
    broken
}

#[test]
fn every_link_of_the_guides_resolves() {
    let mut files = vec![root().join("README.md"), root().join("ARCHITECTURE.md")];
    files.extend(
        fs::read_dir(root().join("docs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    let site = tempfile::tempdir().unwrap();
    let made = site.path().join("new");
    let out = hromada(site.path(), &["new", "new"]);
    assert!(out.status.success());
    files.push(made.join("README.md"));
    files.push(made.join("guide.uk.md"));
    let broken: Vec<String> = files.iter().flat_map(|f| broken_links(f)).collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(
        links(&fs::read_to_string(made.join("README.md")).unwrap()).contains(&"guide.uk.md".into())
    );
}

#[test]
fn the_checker_finds_a_broken_link_and_heading() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.md");
    fs::write(
        &file,
        "# Що є\n\n[ok](#що-є) [no](b.md) [gone](#немає)\n```\n[code](x.md)\n```\n",
    )
    .unwrap();
    let broken = broken_links(&file);
    assert_eq!(broken.len(), 2, "{broken:?}");
}

#[test]
fn readme_is_a_door() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 250,
        "README has {} lines",
        readme.lines().count()
    );
    for guide in [
        "docs/working-groups.uk.md",
        "docs/publishing.md",
        "docs/translating.md",
        "docs/developing.md",
    ] {
        assert!(
            readme.contains(&format!("]({guide}")),
            "README links {guide}"
        );
    }
}

/// The explanations as the guide shows them: the catalog's sections, one
/// heading level down.
fn explanations() -> String {
    let catalog = fs::read_to_string(root().join("messages/explain.uk.md")).unwrap();
    let body = catalog
        .split_once("-->\n")
        .map_or(catalog.as_str(), |(_, b)| b);
    let mut fenced = false;
    body.lines()
        .map(|l| {
            if l.starts_with("```") {
                fenced = !fenced;
            }
            match (!fenced && l.starts_with("# ")).then(|| &l[2..]) {
                Some(heading) => format!("### {heading}\n"),
                None => format!("{l}\n"),
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[test]
fn the_working_groups_guide_explains_every_code_as_the_catalog_does() {
    let path = root().join("docs/working-groups.uk.md");
    let guide = fs::read_to_string(&path).unwrap();
    let begin = guide.find("<!-- explain:begin").expect("begin marker");
    let begin = begin + guide[begin..].find("-->\n").unwrap() + 4;
    let end = guide.find("<!-- explain:end -->").expect("end marker");
    let wanted = format!("\n{}\n\n", explanations());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::write(
            &path,
            format!("{}{wanted}{}", &guide[..begin], &guide[end..]),
        )
        .unwrap();
        return;
    }
    assert_eq!(
        &guide[begin..end],
        wanted,
        "the guide's list differs from messages/explain.uk.md: run UPDATE_DOCS=1 cargo test"
    );
    assert!(guide.contains("### S002: значення неправильного типу"));
    let made = tempfile::tempdir().unwrap();
    assert!(hromada(made.path(), &["new", "site"]).status.success());
    assert_eq!(
        fs::read_to_string(made.path().join("site/guide.uk.md")).unwrap(),
        guide,
        "a new site carries the guide"
    );
}
