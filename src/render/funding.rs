//! The funding-needs page: every plan measure that needs donor money
//! (`funding: donor` or `mixed`), with totals by direction, oblast and
//! year, all as `figures::DonorNeeds` computed them. Ordered by year and
//! then by cost, largest first, so the table reads sensibly with no script.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use crate::figures::{DonorNeeds, Sum};
use crate::passport::Entry;

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

/// How a table of sums orders its groups.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// Largest cost first, then by name.
    ByCost,
    /// As the groups come (years in their order).
    AsGiven,
}

/// A table of sums, one row per group.
fn sums(lang: &Lang, key: &str, order: Order, mut groups: Vec<(Cell, Sum)>) -> Table {
    if order == Order::ByCost {
        groups.sort_by(|a, b| {
            b.1.cost
                .cmp(&a.1.cost)
                .then_with(|| lang.locale.compare(&a.0.text, &b.0.text))
        });
    }
    lang.table(
        Cell::plain(lang.t(&format!("funding_page.by_{key}"))),
        &[key, "measures", "cost_uah"],
        Figures::From(1),
        groups
            .into_iter()
            .map(|(c, s)| vec![c, lang.int(Some(s.measures)), lang.money(Some(s.cost))])
            .collect(),
    )
}

/// Builds the funding page's view.
pub fn view(lang: &Lang, urls: &Urls, entries: &[Entry], needs: &DonorNeeds) -> FundingView {
    let measures = needs
        .measures
        .iter()
        .filter_map(|f| Some((&entries[f.entry], f.parts(entries)?)))
        .map(|(e, (direction, goal, m))| {
            vec![
                lang.community_name(&e.passport)
                    .link(urls.href(&urls::passport(&lang.code, &e.id))),
                Cell::plain(lang.oblast_name(e.passport.oblast)),
                lang.text("plan.directions.title", Some(direction)),
                lang.text("plan.directions.goals.title", Some(goal)),
                lang.text("plan.directions.goals.measures.title", Some(&m.title)),
                m.funding
                    .map_or_else(|| lang.missing(), |f| lang.keyword("funding", f.as_str())),
                m.status
                    .map_or_else(|| lang.missing(), |s| lang.keyword("status", s.as_str())),
                m.year
                    .map_or_else(|| lang.missing(), |y| Cell::figure(y.to_string())),
                lang.money(m.cost_uah),
            ]
        })
        .collect();
    FundingView {
        count: lang.count("measure", needs.total.measures),
        total: lang.money(Some(needs.total.cost)),
        without_cost: (needs.without_cost > 0).then(|| {
            lang.fill(
                "funding_page.without_cost",
                &lang.count("measure", needs.without_cost),
            )
        }),
        by_direction: sums(
            lang,
            "direction",
            Order::ByCost,
            needs
                .by_direction
                .iter()
                .map(|(d, s)| (lang.text("plan.directions.title", Some(d)), *s))
                .collect(),
        ),
        by_oblast: sums(
            lang,
            "oblast",
            Order::ByCost,
            needs
                .by_oblast
                .iter()
                .map(|(o, s)| {
                    let name = Cell::plain(lang.oblast_name(*o));
                    (name.link(urls.href(&urls::oblast(&lang.code, &o.id()))), *s)
                })
                .collect(),
        ),
        by_year: sums(
            lang,
            "year",
            Order::AsGiven,
            needs
                .by_year
                .iter()
                .map(|(y, s)| {
                    let year = y.map_or_else(|| lang.missing(), |y| Cell::plain(y.to_string()));
                    (year, *s)
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
            Figures::From(7),
            measures,
        ),
    }
}
