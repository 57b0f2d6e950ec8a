//! What the pages say about editions: a passport's changes since the
//! previous edition and its trend over all of them, the notice of a
//! community not yet updated, and the totals of each edition on the home
//! and oblast pages (a change only over the communities in both).

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::charts::ChartView;
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use super::views::{Section, SectionId};
use crate::charts::{self, Bars, Group, LabelPlace};
use crate::figures::{Change, History, Point, Step, Totals};
use crate::i18n::TextField;
use crate::passport::{Entry, Money, Oblast};

impl Lang<'_> {
    /// A change as printed: `+1 234`, `−0,4 в. п.`, `0`; `shown` writes
    /// the size of the change.
    pub fn signed(&self, change: Option<i64>, shown: impl Fn(u64) -> String) -> Cell {
        self.or_missing(change, |n| {
            let sign = match n.signum() {
                1 => "+",
                -1 => "\u{2212}",
                _ => "",
            };
            format!("{sign}{}", shown(n.unsigned_abs()))
        })
    }

    /// Tenths of a percentage point: `0,4 в. п.` / `0.4 pp`.
    fn points(&self, tenths: u64) -> String {
        self.fill("format.points", &self.locale.fixed(tenths, 1))
    }

    /// A share kept in tenths of a per cent: `23,6 %`.
    fn tenths_share(&self, tenths: u64) -> String {
        self.locale
            .percent_pattern()
            .replace("{}", &self.locale.fixed(tenths, 1))
    }
}

/// One figure's row: its label, before, now and the change.
fn row(label: String, before: Cell, now: Cell, change: Cell) -> Vec<Cell> {
    vec![Cell::plain(label), before, now, change]
}

/// The headings of a before-and-after table.
fn heads(lang: &Lang, first: &str, before: &str, now: &str) -> Vec<String> {
    vec![
        first.to_string(),
        before.to_string(),
        now.to_string(),
        lang.t("editions.change"),
    ]
}

/// A count's row.
fn counts(lang: &Lang, label: &str, s: &Step<u64>) -> Vec<Cell> {
    row(
        lang.t(label),
        lang.int(s.before),
        lang.int(s.now),
        lang.signed(s.change, |n| lang.locale.int(n)),
    )
}

/// The section "Changes since <edition>" of a passport page.
pub fn passport_section(lang: &Lang, change: &Change, series: &[Point], today: &str) -> Section {
    let share = &change.idp_share;
    let money = &change.spending_per_resident;
    let rows = [
        (change.idps.before.or(change.idps.now).is_some())
            .then(|| counts(lang, "field.idps", &change.idps)),
        (share.before.or(share.now).is_some()).then(|| {
            row(
                lang.t("field.idp_share"),
                lang.or_missing(share.before, |t| lang.tenths_share(t)),
                lang.or_missing(share.now, |t| lang.tenths_share(t)),
                lang.signed(share.change, |t| lang.points(t)),
            )
        }),
        (money.before.or(money.now).is_some()).then(|| {
            row(
                lang.t("field.spending_per_resident"),
                lang.money(money.before),
                lang.money(money.now),
                lang.signed(money.change, |n| {
                    lang.locale.money(Money { kopecks: n * 100 })
                }),
            )
        }),
    ];
    let figures = lang.headed_table(
        Cell::plain(lang.fill_many(
            "editions.figures_caption",
            &[&change.edition, &change.as_of.to_string()],
        )),
        heads(lang, &lang.t("editions.figure"), &change.edition, today),
        Figures::From(1),
        std::iter::once(counts(lang, "field.residents", &change.residents))
            .chain(rows.into_iter().flatten())
            .collect(),
    );
    // Areas assessed in neither edition say nothing.
    let assessed: Vec<Vec<Cell>> = change
        .threats
        .iter()
        .filter(|(_, before, now)| before.or(*now).is_some())
        .map(|(area, before, now)| {
            vec![
                lang.keyword("risk_area", area.as_str()),
                lang.level(*before),
                lang.level(*now),
            ]
        })
        .collect();
    let threats = (!assessed.is_empty()).then(|| {
        lang.headed_table(
            Cell::plain(lang.t("editions.threats_caption")),
            vec![
                lang.t("editions.area"),
                change.edition.clone(),
                today.to_string(),
            ],
            Figures::None,
            assessed,
        )
    });
    let measures = change.measures.as_ref().map(|m| {
        lang.headed_table(
            Cell::plain(lang.t("editions.measures_caption")),
            vec![
                lang.t("editions.measures_what"),
                lang.t("editions.measures_count"),
                lang.t("editions.measures_which"),
            ],
            Figures::Between(1, 2),
            [
                ("done", &m.done),
                ("started", &m.started),
                ("added", &m.added),
                ("dropped", &m.dropped),
            ]
            .into_iter()
            .map(|(key, titles)| {
                vec![
                    Cell::plain(lang.t(&format!("editions.measures_{key}"))),
                    lang.int(Some(titles.len() as u64)),
                    titles_cell(lang, titles),
                ]
            })
            .collect(),
        )
    });
    Section {
        title: lang.fill("editions.since", &change.edition),
        tables: [Some(figures), threats, measures]
            .into_iter()
            .flatten()
            .collect(),
        charts: trend(lang, series).into_iter().collect(),
        source: Some(lang.t("provenance.computed")),
        ..lang.section(SectionId::Changes, Vec::new())
    }
}

/// Measures' titles in one cell, `; ` between them, in the page's
/// language where translated; when none is, the cell is marked as each
/// would be (its language and the "not yet translated" flag).
fn titles_cell(lang: &Lang, titles: &[String]) -> Cell {
    let cells: Vec<Cell> = titles
        .iter()
        .map(|t| lang.text(TextField::Measure, Some(t)))
        .collect();
    let text = cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    match cells.iter().all(|c| c.lang.is_some()) {
        true => Cell {
            text,
            ..cells.into_iter().next().unwrap_or_default()
        },
        false => Cell::plain(text),
    }
}

/// Residents and IDPs in each edition the community has: a chart when
/// it has two or more.
fn trend(lang: &Lang, series: &[Point]) -> Option<ChartView> {
    if series.len() < 2 {
        return None;
    }
    let most = series.iter().map(|p| p.residents).max().unwrap_or(0);
    let ticks: Vec<(f64, String)> = charts::ticks(most as f64)
        .into_iter()
        .map(|t| (t, lang.locale.int(t as u64)))
        .collect();
    let value = |n: Option<u64>| {
        n.map_or((0.0, lang.t("not_reported")), |n| {
            (n as f64, lang.locale.int(n))
        })
    };
    let groups: Vec<Group> = series
        .iter()
        .map(|p| Group {
            label: p.edition.clone(),
            values: vec![value(Some(p.residents)), value(p.idps)],
            highlight: false,
        })
        .collect();
    let first = &series[0];
    let last = &series[series.len() - 1];
    let description = lang.fill_many(
        "editions.trend_description",
        &[
            &lang.locale.int(first.residents),
            &first.edition,
            &lang.locale.int(last.residents),
            &last.edition,
        ],
    );
    let bars = Bars {
        id: "chart-trend".into(),
        title: lang.t("chart.trend"),
        description,
        series: vec![lang.t("field.residents"), lang.t("field.idps")],
        groups,
        ticks,
        reference: None,
        labels: LabelPlace::Above,
    };
    Some(lang.chart(&bars, None, None))
}

/// The notice of a passport shown from an earlier edition.
pub fn not_updated_notice(lang: &Lang, e: &Entry, today: &str) -> Option<String> {
    let edition = e.edition.as_deref()?;
    Some(lang.fill_many(
        "editions.not_updated_notice",
        &[today, edition, &e.passport.as_of.to_string()],
    ))
}

/// The editions section of the home page, or of an oblast's.
#[derive(Debug, Serialize)]
pub struct EditionsView {
    /// Each edition's totals.
    pub totals: Table,
    /// The previous edition against today's, over the communities in both.
    pub common: Table,
    /// The communities not yet updated, with the edition each is shown from.
    pub not_updated: Option<Table>,
}

/// A table of each edition's totals: its name, its communities, and the
/// `columns` (UI strings) that `figures` gives of its totals.
fn editions_table(
    lang: &Lang,
    caption: &str,
    columns: &[&str],
    editions: &[(&str, Totals)],
    figures: impl Fn(&Totals) -> Vec<Cell>,
) -> Table {
    let mut heads = vec![lang.t("editions.edition"), lang.t("editions.communities")];
    heads.extend(columns.iter().map(|c| lang.t(c)));
    let rows = editions.iter().map(|(name, t)| {
        let mut row = vec![Cell::plain(name.to_string()), lang.int(Some(t.communities))];
        row.extend(figures(t));
        row
    });
    lang.headed_table(
        Cell::plain(lang.t(caption)),
        heads,
        Figures::From(1),
        rows.collect(),
    )
}

/// The table of the previous edition against today's, over the
/// `communities` in both: one row a figure.
fn common_table(lang: &Lang, history: &History, communities: u64, rows: Vec<Vec<Cell>>) -> Table {
    lang.headed_table(
        Cell::plain(lang.fill_many(
            "editions.common_caption",
            &[
                &lang.count("community", communities),
                &history.previous,
                &history.today,
            ],
        )),
        heads(
            lang,
            &lang.t("editions.figure"),
            &history.previous,
            &history.today,
        ),
        Figures::From(1),
        rows,
    )
}

/// The editions section of the home page (`only` none) or an oblast's.
pub fn overview(
    lang: &Lang,
    urls: &Urls,
    entries: &[Entry],
    history: &History,
    only: Option<Oblast>,
) -> EditionsView {
    let (editions, common) = history.at(only);
    let totals = editions_table(
        lang,
        "editions.totals_caption",
        &["editions.residents", "editions.idps", "editions.idp_share"],
        &editions,
        |t| {
            vec![
                lang.int(Some(t.residents)),
                lang.int(Some(t.idps)),
                lang.share(t.idp_share()),
            ]
        },
    );
    let (before, now) = (&common.before, &common.now);
    let step = |b: u64, n: u64| Step::<u64> {
        before: Some(b),
        now: Some(n),
        change: Some(n as i64 - b as i64),
    };
    let share = |t: &Totals| t.idp_share().map(|s| s.tenths());
    let share_change = share(before)
        .zip(share(now))
        .map(|(b, n)| n as i64 - b as i64);
    let common = common_table(
        lang,
        history,
        now.communities,
        vec![
            counts(
                lang,
                "field.residents",
                &step(before.residents, now.residents),
            ),
            counts(lang, "field.idps", &step(before.idps, now.idps)),
            row(
                lang.t("field.idp_share"),
                lang.share(before.idp_share()),
                lang.share(now.idp_share()),
                lang.signed(share_change, |t| lang.points(t)),
            ),
        ],
    );
    let rows: Vec<Vec<Cell>> = history
        .not_updated
        .iter()
        .map(|&i| &entries[i])
        .filter(|e| only.is_none_or(|o| e.passport.oblast == o))
        .map(|e| {
            vec![
                lang.community_name(&e.passport)
                    .link(urls.href(&urls::passport(&lang.code, &e.id))),
                Cell::plain(e.edition.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let not_updated = (!rows.is_empty()).then(|| {
        lang.headed_table(
            Cell::plain(lang.fill("editions.not_updated_caption", &history.today)),
            vec![lang.t("editions.community"), lang.t("editions.shown_from")],
            Figures::None,
            rows,
        )
    });
    EditionsView {
        totals,
        common,
        not_updated,
    }
}

/// What the plans ask of donors in each edition, on a funding page.
#[derive(Debug, Serialize)]
pub struct FundingEditions {
    /// Each edition's measures that need donors and their cost.
    pub totals: Table,
    /// The previous edition against today's, over the communities in both.
    pub common: Table,
}

/// The editions part of the site's funding page (`only` none) or an oblast's.
pub fn funding(lang: &Lang, history: &History, only: Option<Oblast>) -> FundingEditions {
    let (editions, common) = history.at(only);
    let totals = editions_table(
        lang,
        "editions.needs_caption",
        &["editions.measures", "editions.cost"],
        &editions,
        |t| {
            vec![
                lang.int(Some(t.needs.measures)),
                lang.int(Some(t.needs.cost.hryvnias())),
            ]
        },
    );
    let (before, now) = (&common.before.needs, &common.now.needs);
    let measures = Step::<u64> {
        before: Some(before.measures),
        now: Some(now.measures),
        change: Some(now.measures as i64 - before.measures as i64),
    };
    let common = common_table(
        lang,
        history,
        common.now.communities,
        vec![
            counts(lang, "editions.measures", &measures),
            row(
                lang.t("editions.cost"),
                lang.int(Some(before.cost.hryvnias())),
                lang.int(Some(now.cost.hryvnias())),
                lang.signed(
                    Some(now.cost.hryvnias() as i64 - before.cost.hryvnias() as i64),
                    |n| lang.locale.int(n),
                ),
            ),
        ],
    );
    FundingEditions { totals, common }
}
