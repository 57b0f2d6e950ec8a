//! Open data: every passport with its derived figures as JSON, and one CSV
//! row per community with raw figures as plain numbers.

mod columns;
mod package;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::figures::{AREAS, Profile};
use crate::figures::{CommunityFigures, History, Point, SiteFigures};
use crate::passport::{Entry, Money, Passport};
use crate::spreadsheet;
use columns::{COLUMNS, EDITION_COLUMNS, MEASURE_COLUMNS};
pub use package::datapackage_json;

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    oblast_id: String,
    #[serde(flatten)]
    passport: &'a Passport,
    derived: &'a CommunityFigures,
    /// Each indicator in the unit pages show it in (%, UAH, km, ‰).
    indicators: BTreeMap<&'static str, f64>,
    /// Each area's threat level; null where not assessed.
    threats: BTreeMap<&'static str, Option<&'static str>>,
    /// The ids of the communities most like it, nearest first.
    similar: Vec<&'a str>,
    /// Its key figures in every edition it has, oldest first (on a site
    /// with editions).
    #[serde(skip_serializing_if = "Option::is_none")]
    editions: Option<&'a [Point]>,
}

/// Each area's level in `profile`, by area.
fn levels(profile: &Profile) -> BTreeMap<&'static str, Option<&'static str>> {
    AREAS
        .iter()
        .map(|a| (a.as_str(), profile.level(*a).map(|l| l.as_str())))
        .collect()
}

/// The open-data record of entry `i`: every field of its passport, its id,
/// oblast id, derived figures, indicators and threat levels.
fn record<'e>(entries: &'e [Entry], figures: &'e SiteFigures, i: usize) -> Record<'e> {
    let e = &entries[i];
    Record {
        id: &e.id,
        oblast_id: e.passport.oblast.id(),
        passport: &e.passport,
        derived: &figures.communities[i],
        indicators: figures.indicators.communities[i]
            .values
            .iter()
            .map(|(ind, m)| (ind.id(), m.number()))
            .collect(),
        threats: levels(&figures.threats[i]),
        similar: figures.similar[i]
            .iter()
            .map(|&j| entries[j].id.as_str())
            .collect(),
        editions: figures.history.as_ref().map(|h| h.series[i].as_slice()),
    }
}

/// `passports.json`: the records of every passport, as an array.
pub fn passports_json(entries: &[Entry], figures: &SiteFigures) -> Result<Vec<u8>, String> {
    let records: Vec<Record> = (0..entries.len())
        .map(|i| record(entries, figures, i))
        .collect();
    pretty_json(&records)
}

/// `passports/<id>.json`: one community's record, the same as its entry
/// in `passports.json`, for scripts that need one community, not all.
pub fn passport_json(
    entries: &[Entry],
    figures: &SiteFigures,
    i: usize,
) -> Result<Vec<u8>, String> {
    pretty_json(&record(entries, figures, i))
}

/// `value` as indented JSON with a closing newline. Serialising the
/// site's own types cannot fail; if it ever does, the build fails rather
/// than publish an empty file.
fn pretty_json(value: &impl Serialize) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

/// A CSV writer's bytes, or why it could not finish.
fn csv_bytes(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, String> {
    w.into_inner().map_err(|e| e.error().to_string())
}

/// `passports.csv`: one row per community; empty where not reported.
pub fn passports_csv(entries: &[Entry], figures: &SiteFigures) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![
        COLUMNS
            .iter()
            .map(|c| c.name.to_string())
            .collect::<Vec<_>>(),
    ];
    for ((e, f), profile) in entries
        .iter()
        .zip(&figures.communities)
        .zip(&figures.threats)
    {
        let p = &e.passport;
        let n = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        let m = |v: Option<Money>| v.map(|v| v.to_string()).unwrap_or_default();
        let x = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let t =
            |v: Option<&String>| v.map_or_else(String::new, |v| spreadsheet::safe(v).into_owned());
        let ec = p.economy.as_ref();
        let ac = p.access.as_ref();
        let ed = p.education_culture.as_ref();
        let measures: Vec<_> = p
            .plan
            .iter()
            .flat_map(|pl| &pl.directions)
            .flat_map(|d| &d.goals)
            .flat_map(|g| &g.measures)
            .collect();
        let cost: Option<Money> = measures
            .iter()
            .map(|m| m.cost_uah)
            .try_fold(0u64, |sum, c| c.map(|c| sum + c.kopecks))
            .map(|kopecks| Money { kopecks });
        rows.push(vec![
            e.id.clone(),
            spreadsheet::safe(&p.name).into_owned(),
            p.kind.as_str().into(),
            p.oblast.name().into(),
            p.oblast.id(),
            t(p.raion.as_ref()),
            t(p.center.as_ref()),
            p.katottg.as_ref().map(|k| k.0.clone()).unwrap_or_default(),
            p.as_of.to_string(),
            x(p.area_km2),
            p.population.residents.to_string(),
            n(p.population.idps),
            f.idp_share
                .map(|s| format!("{:.1}", s.tenths() as f64 / 10.0))
                .unwrap_or_default(),
            n(p.population.female),
            n(p.population.male),
            n(ec.and_then(|e| e.budget_year).map(u64::from)),
            m(ec.and_then(|e| e.revenue_uah)),
            m(ec.and_then(|e| e.expenditure_uah)),
            m(ec.and_then(|e| e.social_protection_uah)),
            m(f.spending_per_resident),
            m(f.spending_per_person),
            n(ec.and_then(|e| e.registered_unemployed)),
            n(ec.and_then(|e| e.small_businesses)),
            n(ac.and_then(|a| a.bank_branches)),
            n(ac.and_then(|a| a.atms)),
            x(ac.and_then(|a| a.max_km_to_bank)),
            n(ac.and_then(|a| a.pharmacies)),
            n(ac.and_then(|a| a.settlements_without_pharmacy)),
            n(ac.and_then(|a| a.primary_care_points)),
            n(ac.and_then(|a| a.hospitals)),
            n(ed.and_then(|e| e.schools)),
            n(ed.and_then(|e| e.kindergartens)),
            n(ed.and_then(|e| e.cultural_institutions)),
            p.risks.len().to_string(),
            measures.len().to_string(),
            if measures.is_empty() {
                String::new()
            } else {
                m(cost)
            },
        ]);
        if let Some(row) = rows.last_mut() {
            let level =
                |l: Option<crate::passport::Level>| l.map_or("", |l| l.as_str()).to_string();
            row.extend(AREAS.iter().map(|a| level(profile.level(*a))));
            row.push(level(profile.highest()));
        }
    }
    for row in rows {
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    csv_bytes(w)
}

/// One figure of one community in one edition: a row of `editions.csv`.
#[derive(Debug, Serialize)]
pub struct EditionRow<'a> {
    /// The community's id today.
    pub id: &'a str,
    pub katottg: Option<&'a str>,
    pub edition: &'a str,
    pub as_of: String,
    pub indicator: &'static str,
    /// Whole people, whole hryvnias, or a per cent to a tenth.
    pub value: f64,
}

/// Every community's key figures in every edition, long: one row per
/// community, edition and figure reported (by id, edition, figure).
pub fn edition_rows<'a>(entries: &'a [Entry], history: &'a History) -> Vec<EditionRow<'a>> {
    let mut rows = Vec::new();
    for (e, series) in entries.iter().zip(&history.series) {
        for point in series {
            let figures = [
                ("residents", Some(point.residents as f64)),
                ("idps", point.idps.map(|n| n as f64)),
                (
                    "idp_share",
                    point.idp_share.map(|s| s.tenths() as f64 / 10.0),
                ),
                (
                    "spending_per_resident",
                    point.spending_per_resident.map(|n| n as f64),
                ),
            ];
            rows.extend(figures.into_iter().filter_map(|(indicator, value)| {
                Some(EditionRow {
                    id: &e.id,
                    katottg: e.passport.katottg.as_ref().map(|k| k.0.as_str()),
                    edition: &point.edition,
                    as_of: point.as_of.to_string(),
                    indicator,
                    value: value?,
                })
            }));
        }
    }
    rows
}

/// `editions.json`: the rows of `editions.csv` as an array.
pub fn editions_json(entries: &[Entry], history: &History) -> Result<Vec<u8>, String> {
    pretty_json(&edition_rows(entries, history))
}

/// `editions.csv`: every community's key figures in every edition, long.
pub fn editions_csv(entries: &[Entry], history: &History) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(EDITION_COLUMNS.iter().map(|c| c.name))
        .map_err(|e| e.to_string())?;
    for row in edition_rows(entries, history) {
        w.write_record([
            row.id,
            row.katottg.unwrap_or_default(),
            row.edition,
            &row.as_of,
            row.indicator,
            &row.value.to_string(),
        ])
        .map_err(|e| e.to_string())?;
    }
    csv_bytes(w)
}

/// One plan measure with its place in the plan and its community.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureRow<'a> {
    pub passport: &'a str,
    pub community: &'a str,
    pub oblast: &'a str,
    pub oblast_id: String,
    pub direction: &'a str,
    pub goal: &'a str,
    pub measure: &'a str,
    pub year: Option<u32>,
    pub cost_uah: Option<Money>,
    pub funding: Option<&'static str>,
    pub status: Option<&'static str>,
}

/// Every measure of every passport's plan, in passport and plan order.
pub fn measures(entries: &[Entry]) -> Vec<MeasureRow<'_>> {
    let mut rows = Vec::new();
    for e in entries {
        let p = &e.passport;
        for direction in p.plan.iter().flat_map(|plan| &plan.directions) {
            for goal in &direction.goals {
                for m in &goal.measures {
                    rows.push(MeasureRow {
                        passport: &e.id,
                        community: &p.name,
                        oblast: p.oblast.name(),
                        oblast_id: p.oblast.id(),
                        direction: &direction.title,
                        goal: &goal.title,
                        measure: &m.title,
                        year: m.year,
                        cost_uah: m.cost_uah,
                        funding: m.funding.map(|f| f.as_str()),
                        status: m.status.map(|s| s.as_str()),
                    });
                }
            }
        }
    }
    rows
}

/// `measures.json`: every plan measure, for donors' own analysis.
pub fn measures_json(entries: &[Entry]) -> Result<Vec<u8>, String> {
    pretty_json(&measures(entries))
}

/// `measures.csv`: the same, one row per measure, text safe to open in a
/// spreadsheet.
pub fn measures_csv(entries: &[Entry]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let rows = measures(entries);
    if rows.is_empty() {
        // Serialising writes the header with the first row; with no rows, write it here.
        w.write_record(MEASURE_COLUMNS.iter().map(|c| c.name))
            .map_err(|e| e.to_string())?;
    }
    for row in rows {
        let (community, direction, goal, measure) = (
            spreadsheet::safe(row.community),
            spreadsheet::safe(row.direction),
            spreadsheet::safe(row.goal),
            spreadsheet::safe(row.measure),
        );
        w.serialize(MeasureRow {
            community: &community,
            direction: &direction,
            goal: &goal,
            measure: &measure,
            ..row
        })
        .map_err(|e| e.to_string())?;
    }
    csv_bytes(w)
}

/// `passport.schema.json`: the JSON Schema of a passport, made from the
/// same model the loader reads, for editors that check YAML as people type.
pub fn passport_schema() -> Result<Vec<u8>, String> {
    let mut schema = schemars::schema_for!(Passport);
    schema.insert(
        "title".into(),
        "Social passport of a territorial community (hromada)".into(),
    );
    pretty_json(&schema)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passport::parse;
    use std::path::Path;

    #[test]
    fn the_schema_is_the_model() {
        let schema: serde_json::Value =
            serde_json::from_slice(&passport_schema().unwrap()).unwrap();
        assert_eq!(
            schema["required"],
            serde_json::json!(["name", "type", "oblast", "as_of", "population"])
        );
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(
            schema["properties"].as_object().unwrap().len(),
            23,
            "every section of the format"
        );
        assert_eq!(
            schema["$defs"]["Population"]["required"],
            serde_json::json!(["residents"])
        );
        assert_eq!(
            schema["properties"]["oblast"]["enum"]
                .as_array()
                .unwrap()
                .len(),
            27
        );
        assert_eq!(
            schema["$defs"]["ServiceCode"]["enum"]
                .as_array()
                .unwrap()
                .len(),
            22
        );
    }

    #[test]
    fn measures_csv_has_its_header_with_or_without_rows() {
        let yaml = include_str!("../../content/passports/zrazkova-pryklad.yaml");
        let (passport, _) = parse(Path::new("p.yaml"), yaml);
        let entries = vec![Entry {
            id: "zrazkova-pryklad".into(),
            file: "p.yaml".into(),
            passport: passport.unwrap().into(),
            edition: None,
        }];
        let header: Vec<&str> = MEASURE_COLUMNS.iter().map(|c| c.name).collect();
        let header = header.join(",");
        let csv = String::from_utf8(measures_csv(&entries).unwrap()).unwrap();
        assert!(
            csv.starts_with(&format!("{header}\nzrazkova-pryklad,")),
            "{csv}"
        );
        assert_eq!(csv.lines().count(), 4);
        assert_eq!(
            String::from_utf8(measures_csv(&[]).unwrap()).unwrap(),
            format!("{header}\n")
        );
    }
}
