//! The funding-needs pages, all as `figures::DonorNeeds` summed them:
//! `/funding/` with the site's totals by direction, year and oblast (each
//! oblast linking to its own page) and the costliest measures; and one
//! page per oblast, `/funding/<oblast-id>/`, with its totals and every one
//! of its measures, by year and then by cost, largest first, so the table
//! reads sensibly with no script. The measures of the whole country would
//! make one page of megabytes; split by oblast, each page stays light.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use crate::figures::{DonorNeeds, Sum};
use crate::i18n::TextField;
use crate::passport::{Entry, Oblast};

/// How many of the costliest measures the site's page lists.
const COSTLIEST: usize = 20;

/// What a funding page shows.
#[derive(Debug, Serialize)]
pub struct FundingView {
    /// The oblast's name on an oblast's page.
    pub oblast: Option<String>,
    /// On an oblast's page: the site's funding page.
    pub up: Option<String>,
    pub count: String,
    pub total: Cell,
    /// Measures that need donors but give no cost.
    pub without_cost: Option<String>,
    pub measures: Table,
    /// On the site's page: which measures its table lists.
    pub measures_note: Option<String>,
    pub by_direction: Table,
    /// On the site's page: each oblast, linking to its page.
    pub by_oblast: Option<Table>,
    pub by_year: Table,
    /// On a site with editions: what the plans asked in each.
    pub editions: Option<super::history::FundingEditions>,
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

/// The table of `funded` measures.
fn measures(
    lang: &Lang,
    urls: &Urls,
    entries: &[Entry],
    funded: &[crate::figures::Funded],
    caption: &str,
) -> Table {
    let rows = funded
        .iter()
        .filter_map(|f| Some((&entries[f.entry], f.parts(entries)?)))
        .map(|(e, (direction, goal, m))| {
            vec![
                lang.community_name(&e.passport)
                    .link(urls.href(&urls::passport(&lang.code, &e.id))),
                Cell::plain(lang.oblast_name(e.passport.oblast)),
                lang.text(TextField::Direction, Some(direction)),
                lang.text(TextField::Goal, Some(goal)),
                lang.text(TextField::Measure, Some(&m.title)),
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
    lang.table(
        Cell::plain(lang.t(caption)),
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
        rows,
    )
}

/// What the site's page and an oblast's page share: the count, total,
/// sums by direction and by year.
fn common(lang: &Lang, needs: &DonorNeeds, measures: Table) -> FundingView {
    FundingView {
        oblast: None,
        up: None,
        count: lang.count("measure", needs.total.measures),
        total: lang.money(Some(needs.total.cost)),
        without_cost: (needs.without_cost > 0).then(|| {
            lang.fill(
                "funding_page.without_cost",
                &lang.count("measure", needs.without_cost),
            )
        }),
        measures,
        measures_note: None,
        editions: None,
        by_direction: sums(
            lang,
            "direction",
            Order::ByCost,
            needs
                .by_direction
                .iter()
                .map(|(d, s)| (lang.text(TextField::Direction, Some(d)), *s))
                .collect(),
        ),
        by_oblast: None,
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
    }
}

/// The site's funding page: totals, each oblast's (linked), and the
/// costliest measures.
pub fn site(lang: &Lang, urls: &Urls, entries: &[Entry], needs: &DonorNeeds) -> FundingView {
    let mut costliest = needs.measures.clone();
    costliest.sort_by_key(|f| {
        let cost = f.parts(entries).and_then(|(_, _, m)| m.cost_uah);
        (std::cmp::Reverse(cost), entries[f.entry].id.as_str())
    });
    costliest.truncate(COSTLIEST);
    let table = measures(
        lang,
        urls,
        entries,
        &costliest,
        "funding_page.costliest_caption",
    );
    let mut view = common(lang, needs, table);
    view.measures_note = (needs.measures.len() > COSTLIEST).then(|| {
        lang.fill_many(
            "funding_page.costliest_note",
            &[
                &COSTLIEST.to_string(),
                &lang.count("measure", needs.total.measures),
            ],
        )
    });
    view.by_oblast = Some(sums(
        lang,
        "oblast",
        Order::ByCost,
        needs
            .oblasts
            .iter()
            .map(|(o, n)| {
                let name = Cell::plain(lang.oblast_name(*o));
                (
                    name.link(urls.href(&urls::oblast_funding(&lang.code, &o.id()))),
                    n.total,
                )
            })
            .collect(),
    ));
    view
}

/// An oblast's funding page: its totals and every one of its measures.
pub fn oblast(
    lang: &Lang,
    urls: &Urls,
    entries: &[Entry],
    o: Oblast,
    needs: &DonorNeeds,
) -> FundingView {
    let table = measures(
        lang,
        urls,
        entries,
        &needs.measures,
        "funding_page.measures_caption",
    );
    FundingView {
        oblast: Some(lang.oblast_name(o)),
        up: Some(urls.href(&urls::funding(&lang.code))),
        ..common(lang, needs, table)
    }
}
