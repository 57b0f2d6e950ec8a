//! `hromada new DIR`: a ready site to start from. The illustrative passport
//! is the example site's own (one source for both), the English PO file is
//! made by the same merge as `i18n update`, and `hromada build` works on
//! the new folder at once.

use std::path::{Path, PathBuf};

use crate::failure::Failure;
use crate::i18n;
use crate::messages;

/// The files of a new site, by path, except the PO file.
const FILES: &[(&str, &str)] = &[
    ("site.toml", include_str!("../starter/site.toml")),
    ("README.md", include_str!("../starter/README.md")),
    ("guide.uk.md", include_str!("../docs/working-groups.uk.md")),
    (
        "content/passports/zrazkova-pryklad.yaml",
        include_str!("../content/passports/zrazkova-pryklad.yaml"),
    ),
    (
        "content/reports/pershyi-zvit.md",
        include_str!("../starter/report.md"),
    ),
    (
        "content/reports/pershyi-zvit.en.md",
        include_str!("../starter/report.en.md"),
    ),
    ("passport-template.yaml", TEMPLATE),
    (
        crate::figures::methodology::FILE,
        crate::figures::methodology::DEFAULT,
    ),
    (
        ".vscode/settings.json",
        include_str!("../starter/vscode-settings.json"),
    ),
    (
        ".github/workflows/publish.yml",
        include_str!("../starter/ci/github-publish.yml"),
    ),
    (
        ".gitlab-ci.yml",
        include_str!("../starter/ci/gitlab-ci.yml"),
    ),
    (
        ".gitignore",
        "/output/\n/.hromada-cache/\n/.output.hromada-*\n",
    ),
];

/// The commented blank passport for working groups.
pub const TEMPLATE: &str = include_str!("../starter/passport-template.yaml");

/// Makes a new site in `dir`, which must be empty or not exist; returns the
/// files written.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let io = |path: &Path, e: std::io::Error| {
        Failure::Io(tr!(
            "cannot write {path}: {why}",
            path = path.display(),
            why = messages::io_error(&e)
        ))
    };
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .next()
            .is_some()
    {
        return Err(Failure::Usage(tr!(
            "error: {dir} is not empty: `hromada new` makes a site only in a new or empty folder",
            dir = dir.display()
        )));
    }
    let mut written = Vec::new();
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&target, text).map_err(|e| io(&target, e))?;
        written.push(PathBuf::from(path));
    }
    let (texts, diagnostics) = i18n::collect(dir);
    if !diagnostics.is_empty() {
        return Err(Failure::Content(diagnostics));
    }
    let po = PathBuf::from("content/i18n/en.po");
    let merged = i18n::merge(None, &po, &texts, "en", &i18n::Aids::default())
        .map_err(|d| Failure::Content(vec![d]))?;
    let target = dir.join(&po);
    std::fs::create_dir_all(dir.join("content/i18n")).map_err(|e| io(&target, e))?;
    std::fs::write(&target, merged.text).map_err(|e| io(&target, e))?;
    written.push(po);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::TEMPLATE;
    use crate::yaml::{self, Node};

    /// Every key path of the schema's node, `[]` standing for list items.
    fn schema_paths(node: &Value, defs: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        if let Some(name) = node["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
            return schema_paths(&defs[name], defs, prefix, out);
        }
        for variant in node["anyOf"].as_array().into_iter().flatten() {
            schema_paths(variant, defs, prefix, out);
        }
        for (key, value) in node["properties"].as_object().into_iter().flatten() {
            out.insert(format!("{prefix}{key}"));
            schema_paths(value, defs, &format!("{prefix}{key}."), out);
        }
        if node["items"].is_object() {
            schema_paths(&node["items"], defs, &format!("{prefix}[]."), out);
        }
    }

    fn template_paths(node: &Node, prefix: &str, out: &mut BTreeSet<String>) {
        match &node.value {
            yaml::Value::Map(pairs) => {
                for (key, value) in pairs {
                    let key = key.as_str().unwrap_or_default();
                    out.insert(format!("{prefix}{key}"));
                    // Survey age bands are the survey's own, not keys of the format.
                    if format!("{prefix}{key}") != "survey.age" {
                        template_paths(value, &format!("{prefix}{key}."), out);
                    }
                }
            }
            yaml::Value::Seq(items) => items
                .iter()
                .for_each(|item| template_paths(item, &format!("{prefix}[]."), out)),
            _ => {}
        }
    }

    #[test]
    fn the_blank_passport_has_every_field_of_the_format_and_no_other() {
        let schema: Value =
            serde_json::from_slice(&crate::data::passport_schema().unwrap()).unwrap();
        let mut expected = BTreeSet::new();
        schema_paths(&schema, &schema["$defs"], "", &mut expected);
        let (root, problems) = yaml::parse(TEMPLATE).unwrap();
        assert!(problems.is_empty());
        let mut found = BTreeSet::new();
        template_paths(&root, "", &mut found);
        assert_eq!(found, expected);
        assert!(expected.len() > 100, "{expected:?}");
    }

    #[test]
    fn every_field_of_the_blank_passport_is_explained() {
        let lines: Vec<&str> = TEMPLATE.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let key = line.trim_start().trim_start_matches("- ");
            let field = key.contains(':') && !key.starts_with(['#', '{', '"']);
            // A field's comment is on its line; a section's, on the line above.
            let explained = line.contains("# ") || i > 0 && lines[i - 1].starts_with("# ");
            assert!(!field || explained, "no comment: {line}");
        }
    }
}
