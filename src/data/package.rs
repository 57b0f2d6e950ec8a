//! `/data/datapackage.json`: a Frictionless Data Package descriptor for
//! the open data, so that a reader's tools (frictionless, Data Curator,
//! pandas via frictionless) load the files with their meaning: every CSV
//! field with its type, unit and description in each language, the
//! sources the passports name, the dates of the figures, the licence and
//! the site-wide caveats from `site.toml`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::columns::{COLUMNS, Column, EDITION_COLUMNS, MEASURE_COLUMNS};
use crate::config::Config;
use crate::passport::Entry;
use crate::theme::Ui;

/// The descriptions of one language: the UI string at `key`, if any.
type Describe<'a> = &'a dyn Fn(&str, &str) -> Option<String>;

/// A text in the default language as `field`, and in every other
/// language under `translations`.
fn described(
    config: &Config,
    describe: Describe,
    key: &str,
    field: &str,
    into: &mut Map<String, Value>,
) {
    let d = &config.default_language;
    if let Some(text) = describe(d, key) {
        into.insert(field.into(), text.into());
    }
    for lang in config.languages.iter().filter(|l| *l != d) {
        if let Some(text) = describe(lang, key) {
            // `translations.<lang>.<field>`: indexing a null makes it an object.
            into.entry("translations").or_insert(Value::Null)[lang.as_str()][field] = text.into();
        }
    }
}

/// A CSV file's schema: each column's name, type, unit, allowed values
/// and description (`<group>.<name>` in the UI strings).
fn schema(config: &Config, describe: Describe, group: &str, columns: &[Column]) -> Value {
    let fields: Vec<Value> = columns
        .iter()
        .map(|c| {
            let mut field = Map::new();
            field.insert("name".into(), c.name.into());
            field.insert("type".into(), c.kind.into());
            if let Some(unit) = c.unit {
                field.insert("unit".into(), unit.into());
            }
            if !c.values.is_empty() {
                field.insert("constraints".into(), json!({ "enum": c.values }));
            }
            described(
                config,
                describe,
                &format!("{group}.{}", c.name),
                "description",
                &mut field,
            );
            Value::Object(field)
        })
        .collect();
    json!({ "fields": fields, "missingValues": [""] })
}

/// One resource: its name, file, format, title and description.
fn resource(config: &Config, describe: Describe, name: &str, path: &str) -> Map<String, Value> {
    let (format, mediatype) = if path.ends_with(".csv") {
        ("csv", "text/csv")
    } else {
        ("json", "application/json")
    };
    let mut r = Map::new();
    r.insert("name".into(), name.into());
    r.insert("path".into(), path.into());
    r.insert("format".into(), format.into());
    r.insert("mediatype".into(), mediatype.into());
    r.insert("encoding".into(), "utf-8".into());
    described(
        config,
        describe,
        &format!("data_resource.{name}"),
        "title",
        &mut r,
    );
    described(
        config,
        describe,
        &format!("data_resource.{name}_about"),
        "description",
        &mut r,
    );
    r
}

/// The descriptor's JSON: the files of `/data/`, described.
pub fn datapackage_json(
    config: &Config,
    ui: &BTreeMap<String, Ui>,
    entries: &[Entry],
    editions: bool,
) -> Result<Vec<u8>, String> {
    let describe = |lang: &str, key: &str| ui.get(lang)?.get(key).map(str::to_string);
    let mut package = Map::new();
    package.insert("profile".into(), "data-package".into());
    package.insert("name".into(), "social-passports".into());
    package.insert(
        "title".into(),
        config.title(&config.default_language).into(),
    );
    package.insert("homepage".into(), config.base_url.clone().into());
    if let Some(licence) = &config.data.licence {
        package.insert("licenses".into(), json!([licence]));
    }
    let sources: BTreeSet<&str> = entries
        .iter()
        .flat_map(|e| e.passport.sources.iter().map(|s| s.text()))
        .collect();
    package.insert(
        "sources".into(),
        sources.iter().map(|s| json!({ "title": s })).collect(),
    );
    let dates: BTreeSet<String> = entries
        .iter()
        .map(|e| e.passport.as_of.to_string())
        .collect();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        // When the figures were true (the passports' `as_of`), not when
        // the site was built: a build's clock would break determinism.
        package.insert("as_of".into(), json!({ "earliest": first, "latest": last }));
    }
    package.insert("caveats".into(), json!(config.caveats));
    let mut passports = resource(config, &describe, "passports", "passports.csv");
    let mut schema_of = schema(config, &describe, "data_field", COLUMNS);
    schema_of["primaryKey"] = json!(["id"]);
    passports.insert("profile".into(), "tabular-data-resource".into());
    passports.insert("schema".into(), schema_of);
    let mut measures = resource(config, &describe, "measures", "measures.csv");
    let mut schema_of = schema(config, &describe, "data_measure", MEASURE_COLUMNS);
    schema_of["foreignKeys"] = json!([{
        "fields": ["passport"],
        "reference": { "resource": "passports", "fields": ["id"] }
    }]);
    measures.insert("profile".into(), "tabular-data-resource".into());
    measures.insert("schema".into(), schema_of);
    let mut json_files = vec![
        ("passports-json", "passports.json"),
        ("measures-json", "measures.json"),
        ("passport-schema", "passport.schema.json"),
    ];
    let mut resources = vec![Value::Object(passports), Value::Object(measures)];
    if editions {
        let mut series = resource(config, &describe, "editions", "editions.csv");
        let mut schema_of = schema(config, &describe, "data_edition", EDITION_COLUMNS);
        schema_of["primaryKey"] = json!(["id", "edition", "indicator"]);
        schema_of["foreignKeys"] = json!([{
            "fields": ["id"],
            "reference": { "resource": "passports", "fields": ["id"] }
        }]);
        series.insert("profile".into(), "tabular-data-resource".into());
        series.insert("schema".into(), schema_of);
        resources.push(Value::Object(series));
        json_files.push(("editions-json", "editions.json"));
    }
    resources.extend(json_files.iter().map(|(name, path)| {
        let mut r = resource(config, &describe, name, path);
        r.insert("profile".into(), "data-resource".into());
        // A JSON Schema is a file to read, not records to check.
        if path.ends_with(".schema.json") {
            r.insert("type".into(), "file".into());
        }
        Value::Object(r)
    }));
    package.insert("resources".into(), resources.into());
    super::pretty_json(&Value::Object(package))
}
