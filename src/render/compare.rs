//! Comparisons for donors: a community's indicators beside its oblast's and
//! the whole site's, with its place in each; an oblast's beside the site's,
//! with its place among the oblasts. The figures come from
//! `figures::Indicators`, computed once.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use super::views::{Section, SectionId, search_key};
use crate::figures::{AREAS, Indicator, LEVELS, Measure, SiteFigures};
use crate::passport::{Entry, Oblast};

/// How many communities the compare page puts side by side at most.
pub const COMPARED_AT_MOST: usize = 4;

/// The indicators that are compared, in the pages' order.
fn compared() -> impl Iterator<Item = Indicator> {
    Indicator::ALL.into_iter().filter(|i| i.compared())
}

fn table(lang: &Lang, columns: &[String], rows: Vec<Vec<Cell>>) -> Table {
    lang.headed_table(
        Cell::plain(lang.t("compare.caption")),
        columns.to_vec(),
        Figures::From(1),
        rows,
    )
}

/// The comparison section of the passport of entry `i`.
pub fn passport_section(lang: &Lang, figures: &SiteFigures, i: usize, oblast: Oblast) -> Section {
    let mine = &figures.indicators.communities[i];
    let theirs = &figures.indicators.oblasts[&oblast];
    let site = &figures.indicators.site;
    let oblast_name = lang.oblast_name(oblast);
    let columns = [
        lang.t("compare.indicator"),
        lang.t("compare.community"),
        oblast_name.clone(),
        lang.t("compare.site"),
        lang.t("compare.place_oblast"),
        lang.t("compare.place_site"),
    ];
    let rows = compared()
        .map(|ind| {
            vec![
                Cell::plain(lang.t(&format!("indicator.{}", ind.id()))),
                lang.measure(mine.values.get(&ind).copied()),
                lang.measure(theirs.values.get(&ind).copied()),
                lang.measure(site.get(&ind).copied()),
                lang.standing(mine.in_oblast.get(&ind).copied()),
                lang.standing(mine.in_site.get(&ind).copied()),
            ]
        })
        .collect();
    let mut items = Vec::new();
    if let Some(s) = mine.in_oblast.get(&Indicator::IdpShare) {
        items.push(Cell::plain(lang.fill_many(
            "compare.headline",
            &[
                &lang.ordinal(s.rank as u64),
                &lang.locale.int(s.of as u64),
                &oblast_name,
            ],
        )));
    }
    items.push(Cell::plain(lang.t("compare.note")));
    Section {
        tables: vec![table(lang, &columns, rows)],
        items,
        ..lang.section(SectionId::Comparison, Vec::new())
    }
}

/// An oblast's indicators beside the site's, with its place among oblasts.
pub fn oblast_table(lang: &Lang, figures: &SiteFigures, oblast: Oblast) -> Table {
    let theirs = &figures.indicators.oblasts[&oblast];
    let columns = [
        lang.t("compare.indicator"),
        lang.oblast_name(oblast),
        lang.t("compare.site"),
        lang.t("compare.place_oblasts"),
    ];
    let rows = compared()
        .map(|ind| {
            vec![
                Cell::plain(lang.t(&format!("indicator.{}", ind.id()))),
                lang.measure(theirs.values.get(&ind).copied()),
                lang.measure(figures.indicators.site.get(&ind).copied()),
                lang.standing(theirs.standing.get(&ind).copied()),
            ]
        })
        .collect();
    table(lang, &columns, rows)
}

/// The similar-communities section of the passport of entry `i`: the
/// community itself, then those most like it, with the indicators donors
/// compare first, and a link that puts them side by side.
pub fn similar_section(
    lang: &Lang,
    urls: &Urls,
    entries: &[Entry],
    figures: &SiteFigures,
    i: usize,
) -> Section {
    let shown = [
        Indicator::IdpShare,
        Indicator::ElderlyShare,
        Indicator::SpendingPerResident,
    ];
    // Short headings: the names need the width, on a phone and in print.
    let columns = [
        "community",
        "oblast",
        "residents",
        "idp_share",
        "elderly",
        "spending",
    ]
    .map(|k| lang.t(&format!("similar.column_{k}")))
    .to_vec();
    let row = |j: usize| {
        let p = &entries[j].passport;
        let name = lang.community_name(p);
        let name = if j == i {
            Cell::plain(lang.fill("similar.this", &name.text))
        } else {
            name.link(urls.href(&urls::passport(&lang.code, &entries[j].id)))
        };
        let values = &figures.indicators.communities[j].values;
        let mut row = vec![
            name,
            Cell::plain(lang.oblast_name(p.oblast)),
            lang.int(Some(p.population.residents)),
        ];
        row.extend(
            shown
                .iter()
                .map(|ind| lang.measure(values.get(ind).copied())),
        );
        row
    };
    let similar = &figures.similar[i];
    let rows = std::iter::once(i)
        .chain(similar.iter().copied())
        .map(row)
        .collect();
    let ids: Vec<&str> = std::iter::once(i)
        .chain(similar.iter().copied())
        .take(COMPARED_AT_MOST)
        .map(|j| entries[j].id.as_str())
        .collect();
    let compare = urls.href(&urls::compare(&lang.code));
    Section {
        tables: vec![lang.headed_table(
            Cell::plain(lang.t("similar.caption")),
            columns,
            Figures::From(2),
            rows,
        )],
        items: vec![
            Cell::plain(lang.t("similar.compare_link"))
                .link(format!("{compare}?ids={}", ids.join(","))),
            Cell::plain(lang.t("similar.note")),
        ],
        ..lang.section(SectionId::Similar, Vec::new())
    }
}

/// One community the compare page can pick, as its list shows it.
#[derive(Serialize)]
pub struct Pick {
    pub id: String,
    pub name: String,
    /// What the picker matches, in both alphabets.
    pub key: String,
    pub href: String,
    pub kind: String,
}

/// An oblast's communities in the compare page's list.
#[derive(Serialize)]
pub struct PickGroup {
    pub oblast: String,
    pub communities: Vec<Pick>,
}

/// The compare page: every community to pick from (which is also, without
/// JavaScript, the list of links to each one's similar communities), and
/// what its script needs to lay out the records it fetches.
#[derive(Serialize)]
pub struct CompareView {
    pub groups: Vec<PickGroup>,
    /// The script's settings as JSON, safe inside `<script>`.
    pub settings: String,
    pub max: usize,
}

/// A line of the side-by-side table: a label, where the record holds the
/// figure, and how it is written.
#[derive(Serialize)]
struct Line {
    label: String,
    path: String,
    format: &'static str,
}

/// How the script writes a figure of `ind`.
fn format_of(ind: Indicator) -> &'static str {
    match ind.kind() {
        Measure::Percent(_) => "percent",
        Measure::PerThousand(_) => "tenths",
        Measure::Money(_) => "money",
        Measure::Decimal(_) => "decimal",
        Measure::Count(_) => "int",
        Measure::Flag(_) => "flag",
    }
}

/// The compare page's view in `lang`.
pub fn page(lang: &Lang, urls: &Urls, entries: &[Entry]) -> CompareView {
    let mut groups: BTreeMap<Oblast, Vec<Pick>> = BTreeMap::new();
    for e in entries {
        let p = &e.passport;
        let name = lang.community_name(p).text;
        groups.entry(p.oblast).or_default().push(Pick {
            id: e.id.clone(),
            key: search_key(&name, p),
            name,
            href: urls.href(&urls::passport(&lang.code, &e.id)),
            kind: lang.t(&format!("kind.{}", p.kind.as_str())),
        });
    }
    let mut groups: Vec<PickGroup> = groups
        .into_iter()
        .map(|(o, mut communities)| {
            communities.sort_by(|a, b| lang.locale.compare(&a.name, &b.name));
            PickGroup {
                oblast: lang.oblast_name(o),
                communities,
            }
        })
        .collect();
    groups.sort_by(|a, b| lang.locale.compare(&a.oblast, &b.oblast));
    let line = |key: &str, path: &str, format| Line {
        label: lang.t(key),
        path: path.into(),
        format,
    };
    let mut lines = vec![
        line("field.residents", "population.residents", "int"),
        line("field.idps", "population.idps", "int"),
    ];
    lines.extend(Indicator::ALL.into_iter().map(|ind| Line {
        label: lang.t(&format!("indicator.{}", ind.id())),
        path: format!("indicators.{}", ind.id()),
        format: format_of(ind),
    }));
    lines.extend(AREAS.iter().map(|a| Line {
        label: lang.fill(
            "compare_page.threat",
            &lang.t(&format!("risk_area.{}", a.as_str())),
        ),
        path: format!("threats.{}", a.as_str()),
        format: "level",
    }));
    let words = |group: &str, keys: &mut dyn Iterator<Item = &str>| -> BTreeMap<String, String> {
        keys.map(|k| (k.to_string(), lang.t(&format!("{group}.{k}"))))
            .collect()
    };
    let settings = serde_json::json!({
        "data": urls.shared(&urls::data_file("passports/")),
        "max": COMPARED_AT_MOST,
        "percent": lang.locale.percent_pattern(),
        "money": lang.locale.money_pattern(),
        "lines": lines,
        "levels": words("level", &mut LEVELS.iter().map(|l| l.as_str())),
        "charts": words("compare_page.chart", &mut ["pyramid", "idp-shares"].into_iter()),
        "text": words("compare_page", &mut [
            "unknown", "too_many", "failed", "not_found",
            "remove", "caption", "community", "open", "no_chart", "few",
        ].into_iter()),
        "missing": lang.t("not_reported"),
        "not_assessed": lang.t("threats.not_assessed"),
        "yes": lang.t("yes"),
        "no": lang.t("no"),
    });
    CompareView {
        groups,
        // JSON inside a script element must not close it.
        settings: settings.to_string().replace("</", "<\\/"),
        max: COMPARED_AT_MOST,
    }
}
