//! The funding-needs page: every plan measure that needs donor money
//! (`funding: donor` or `mixed`), with totals by direction, oblast and
//! year. Ordered by year and then by cost, largest first, so the table
//! reads sensibly with no script.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::urls::{self, Urls};
use super::views::Table;
use crate::passport::{Entry, Funding, Measure, Money, Oblast, Passport, Plan};

/// Whether a measure asks donors for money.
pub fn needs_donors(m: &Measure) -> bool {
    matches!(m.funding, Some(Funding::Donor | Funding::Mixed))
}

/// The cost of a plan's measures that need donors, if any gives a cost.
pub fn donor_total(plan: &Plan) -> Option<Money> {
    let costs: Vec<Money> = measures(plan)
        .filter(|(_, _, m)| needs_donors(m))
        .filter_map(|(_, _, m)| m.cost_uah)
        .collect();
    (!costs.is_empty()).then(|| Money {
        kopecks: costs.iter().map(|m| m.kopecks).sum(),
    })
}

/// Every measure of a plan with its direction's and goal's titles.
fn measures(plan: &Plan) -> impl Iterator<Item = (&str, &str, &Measure)> {
    plan.directions.iter().flat_map(|d| {
        d.goals.iter().flat_map(move |g| {
            g.measures
                .iter()
                .map(move |m| (d.title.as_str(), g.title.as_str(), m))
        })
    })
}

/// What the funding page shows.
#[derive(Debug, Serialize)]
pub struct FundingView {
    pub count: String,
    pub total: Cell,
    /// Measures that need donors but give no cost.
    pub without_cost: Option<String>,
    pub measures: Table,
    pub by_direction: Table,
    pub by_oblast: Table,
    pub by_year: Table,
}

/// Builds the funding page's view.
pub fn view(lang: &Lang, urls: &Urls, entries: &[Entry]) -> FundingView {
    struct Row<'a> {
        id: &'a str,
        passport: &'a Passport,
        direction: &'a str,
        goal: &'a str,
        measure: &'a Measure,
    }
    let mut rows: Vec<Row> = entries
        .iter()
        .flat_map(|e| {
            e.passport
                .plan
                .iter()
                .flat_map(measures)
                .filter(|(_, _, m)| needs_donors(m))
                .map(move |(direction, goal, measure)| Row {
                    id: &e.id,
                    passport: &e.passport,
                    direction,
                    goal,
                    measure,
                })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.measure.year, std::cmp::Reverse(a.measure.cost_uah), a.id).cmp(&(
            b.measure.year,
            std::cmp::Reverse(b.measure.cost_uah),
            b.id,
        ))
    });
    let mut by_direction: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let mut by_oblast: BTreeMap<Oblast, (u64, u64)> = BTreeMap::new();
    let mut by_year: BTreeMap<Option<u32>, (u64, u64)> = BTreeMap::new();
    let kopecks = |r: &Row| r.measure.cost_uah.map_or(0, |m| m.kopecks);
    for r in &rows {
        for total in [
            by_direction.entry(r.direction).or_default(),
            by_oblast.entry(r.passport.oblast).or_default(),
            by_year.entry(r.measure.year).or_default(),
        ] {
            total.0 += 1;
            total.1 += kopecks(r);
        }
    }
    let money = |k: u64| lang.money(Some(Money { kopecks: k }));
    // Directions and oblasts by cost, largest first; years in their order.
    let totals = |key: &str, label: &str, groups: Vec<(Cell, (u64, u64))>| {
        let mut groups = groups;
        if key != "year" {
            groups.sort_by(|a, b| {
                b.1.1
                    .cmp(&a.1.1)
                    .then_with(|| lang.locale.compare(&a.0.text, &b.0.text))
            });
        }
        lang.table(
            Cell::plain(lang.t(&format!("funding_page.by_{key}"))),
            &[label, "measures", "cost_uah"],
            1,
            groups
                .into_iter()
                .map(|(c, (n, k))| vec![c, lang.int(Some(n)), money(k)])
                .collect(),
        )
    };
    let total: u64 = rows.iter().map(kopecks).sum();
    let without_cost = rows.iter().filter(|r| r.measure.cost_uah.is_none()).count() as u64;
    FundingView {
        count: lang.count("measure", rows.len() as u64),
        total: money(total),
        without_cost: (without_cost > 0).then(|| {
            lang.fill(
                "funding_page.without_cost",
                &lang.count("measure", without_cost),
            )
        }),
        by_direction: totals(
            "direction",
            "direction",
            by_direction
                .into_iter()
                .map(|(d, t)| (lang.text("plan.directions.title", Some(d)), t))
                .collect(),
        ),
        by_oblast: totals(
            "oblast",
            "oblast",
            by_oblast
                .into_iter()
                .map(|(o, t)| {
                    (
                        Cell::plain(lang.oblast_name(o))
                            .link(urls.href(&urls::oblast(&lang.code, &o.id()))),
                        t,
                    )
                })
                .collect(),
        ),
        by_year: totals(
            "year",
            "year",
            by_year
                .into_iter()
                .map(|(y, t)| {
                    (
                        y.map_or_else(|| lang.missing(), |y| Cell::plain(y.to_string())),
                        t,
                    )
                })
                .collect(),
        ),
        measures: lang.table(
            Cell::plain(lang.t("funding_page.measures_caption")),
            &[
                "community",
                "oblast",
                "direction",
                "goal",
                "measure",
                "funding",
                "status",
                "year",
                "cost_uah",
            ],
            7,
            rows.iter()
                .map(|r| {
                    vec![
                        lang.community_name(r.passport)
                            .link(urls.href(&urls::passport(&lang.code, r.id))),
                        Cell::plain(lang.oblast_name(r.passport.oblast)),
                        lang.text("plan.directions.title", Some(r.direction)),
                        lang.text("plan.directions.goals.title", Some(r.goal)),
                        lang.text(
                            "plan.directions.goals.measures.title",
                            Some(&r.measure.title),
                        ),
                        r.measure.funding.map_or_else(
                            || lang.missing(),
                            |f| lang.keyword("funding", f.as_str()),
                        ),
                        r.measure
                            .status
                            .map_or_else(|| lang.missing(), |s| lang.keyword("status", s.as_str())),
                        r.measure
                            .year
                            .map_or_else(|| lang.missing(), |y| Cell::figure(y.to_string())),
                        lang.money(r.measure.cost_uah),
                    ]
                })
                .collect(),
        ),
    }
}
