//! Comparisons for donors: a community's indicators beside its oblast's and
//! the whole site's, with its place in each; an oblast's beside the site's,
//! with its place among the oblasts. The figures come from
//! `figures::Indicators`, computed once.

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::views::{Section, SectionId};
use crate::figures::{Indicator, SiteFigures};
use crate::passport::Oblast;

/// The indicators that are compared, in the pages' order.
fn compared() -> impl Iterator<Item = Indicator> {
    Indicator::ALL.into_iter().filter(|i| i.compared())
}

fn table(lang: &Lang, columns: &[String], rows: Vec<Vec<Cell>>) -> Table {
    Table::new(
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
