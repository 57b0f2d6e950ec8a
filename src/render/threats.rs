//! The threat profiles on pages: a passport's levels by area with the
//! reason for each and the methodology's advice for the levels reached;
//! counts of communities at each level, for an oblast and for the site;
//! and the `/threats/` page with the methodology's rules.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use super::views::{Section, SectionId};
use crate::figures::Indicator;
use crate::figures::{AREAS, LEVELS, Methodology, Profile, Reason, Worse};
use crate::i18n::TextField;
use crate::passport::{Entry, Level, Oblast, Passport};

/// One reason, as a sentence: "IDP share 23.6% ≥ 20% → high".
fn reason(lang: &Lang, m: &Methodology, p: &Passport, r: &Reason) -> String {
    match r {
        Reason::Indicator {
            rule,
            value,
            threshold,
            met,
            level,
        } => {
            let rule = &m.rules[*rule];
            let label = lang.t(&format!("indicator.{}", rule.indicator.id()));
            let shown = lang.measure(Some(*value)).text;
            let level = lang.t(&format!("level.{}", level.as_str()));
            if rule.indicator == Indicator::Destruction {
                return lang.fill_many("threats.reason_flag", &[&label, &shown, &level]);
            }
            let op = match (rule.worse, met) {
                (Worse::Higher, true) => "≥",
                (Worse::Higher, false) => "<",
                (Worse::Lower, true) => "≤",
                (Worse::Lower, false) => ">",
            };
            lang.fill_many(
                "threats.reason",
                &[
                    &label,
                    &shown,
                    op,
                    &lang.measured(*value, *threshold),
                    &level,
                ],
            )
        }
        Reason::Risk { index, level } => {
            let risk = &p.risks[*index];
            let title = lang.text(TextField::RiskTitle, Some(&risk.title));
            let level = lang.t(&format!("level.{}", level.as_str()));
            // A title left in Ukrainian says so, as a cell would.
            match (&title.lang, &title.flag_label) {
                (Some(code), Some(label)) => lang.fill_many(
                    "threats.reason_risk_foreign",
                    &[&title.text, &code.to_uppercase(), label, &level],
                ),
                _ => lang.fill_many("threats.reason_risk", &[&title.text, &level]),
            }
        }
    }
}

/// The threat section of a passport page.
pub fn passport_section(
    lang: &Lang,
    urls: &Urls,
    m: &Methodology,
    p: &Passport,
    profile: &Profile,
) -> Section {
    let rows = profile
        .areas
        .iter()
        .map(|a| {
            let why: Vec<String> = a.reasons.iter().map(|r| reason(lang, m, p, r)).collect();
            vec![
                lang.keyword("risk_area", a.area.as_str()),
                lang.level(a.level),
                Cell::plain(why.join("; ")),
            ]
        })
        .collect();
    let mut items = Vec::new();
    for a in &profile.areas {
        let Some(advice) = a.level.and_then(|l| m.advice.get(&(a.area, l))) else {
            continue;
        };
        let text = |t| m.text(t, &lang.code).to_string();
        items.push(Cell::plain(lang.fill_many(
            "threats.advice",
            &[
                &lang.t(&format!("risk_area.{}", a.area.as_str())),
                &lang.t(&format!("level.{}", a.level.map_or("low", Level::as_str))),
                &text(&advice.recommendation),
                &text(&advice.solidarity),
            ],
        )));
    }
    items.push(
        Cell::plain(m.text(&m.title, &lang.code)).link(urls.href(&urls::threats(&lang.code))),
    );
    Section {
        tables: vec![lang.headed_table(
            Cell::plain(lang.t("threats.caption")),
            vec![
                lang.t("threats.area"),
                lang.t("threats.level"),
                lang.t("threats.why"),
            ],
            Figures::None,
            rows,
        )],
        items,
        ..lang.section(SectionId::Threats, Vec::new())
    }
}

/// How many of `profiles` stand at each level in each area.
pub fn counts_table<'p>(lang: &Lang, profiles: impl Iterator<Item = &'p Profile> + Clone) -> Table {
    let mut columns = vec![lang.t("threats.area")];
    columns.extend(
        LEVELS
            .iter()
            .map(|l| lang.t(&format!("level.{}", l.as_str()))),
    );
    columns.push(lang.t("threats.not_assessed"));
    let rows = AREAS
        .iter()
        .map(|&area| {
            let mut row = vec![lang.keyword("risk_area", area.as_str())];
            for l in LEVELS.map(Some).into_iter().chain([None]) {
                let n = profiles.clone().filter(|p| p.level(area) == l).count();
                row.push(lang.int(Some(n as u64)));
            }
            row
        })
        .collect();
    lang.headed_table(
        Cell::plain(lang.t("threats.counts")),
        columns,
        Figures::From(1),
        rows,
    )
}

/// The `/threats/` page.
#[derive(Debug, Serialize)]
pub struct ThreatsView {
    pub title: String,
    pub note: String,
    pub counts: Table,
    pub communities: Table,
    pub rules: Table,
}

/// The `/threats/` page's view: counts for the site, every community's
/// levels (highest first), and the methodology's rules.
pub fn view(
    lang: &Lang,
    urls: &Urls,
    m: &Methodology,
    entries: &[Entry],
    profiles: &[Profile],
) -> ThreatsView {
    let text = |t| m.text(t, &lang.code).to_string();
    let mut columns = vec![lang.t("field.community"), lang.t("field.oblast")];
    columns.extend(
        AREAS
            .iter()
            .map(|a| lang.t(&format!("risk_area.{}", a.as_str()))),
    );
    columns.push(lang.t("threats.highest"));
    let mut rows: Vec<(Option<Level>, Vec<Cell>)> = entries
        .iter()
        .zip(profiles)
        .map(|(e, profile)| {
            let mut row = vec![
                lang.community_name(&e.passport).link(format!(
                    "{}#threats",
                    urls.href(&urls::passport(&lang.code, &e.id))
                )),
                Cell::plain(lang.oblast_name(e.passport.oblast)),
            ];
            row.extend(AREAS.iter().map(|&a| lang.level(profile.level(a))));
            row.push(lang.level(profile.highest()));
            (profile.highest(), row)
        })
        .collect();
    // Highest level first, then by name in the language's order.
    rows.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| lang.locale.compare(&a.1[0].text, &b.1[0].text))
    });
    let rows = rows.into_iter().map(|(_, row)| row).collect();
    let rules = m
        .rules
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::plain(lang.t(&format!("indicator.{}", r.indicator.id()))),
                lang.keyword("risk_area", r.area.as_str()),
                Cell::plain(lang.t(match r.worse {
                    Worse::Higher => "threats.worse_higher",
                    Worse::Lower => "threats.worse_lower",
                })),
            ];
            for l in &LEVELS[1..] {
                let t = r.thresholds.iter().find(|(level, _)| level == l);
                row.push(match t {
                    Some((_, v)) => Cell::figure(lang.measured(r.indicator.kind(), *v)),
                    None => Cell::figure("—".to_string()),
                });
            }
            row
        })
        .collect();
    let mut rule_columns = vec![
        lang.t("compare.indicator"),
        lang.t("threats.area"),
        lang.t("threats.worse"),
    ];
    rule_columns.extend(
        LEVELS[1..]
            .iter()
            .map(|l| lang.t(&format!("level.{}", l.as_str()))),
    );
    ThreatsView {
        title: text(&m.title),
        note: text(&m.note),
        counts: counts_table(lang, profiles.iter()),
        communities: lang.headed_table(
            Cell::plain(lang.t("threats.by_community")),
            columns,
            Figures::None,
            rows,
        ),
        rules: lang.headed_table(
            Cell::plain(lang.t("threats.rules")),
            rule_columns,
            Figures::From(3),
            rules,
        ),
    }
}

/// How many communities of `oblast` stand at each level in each area.
pub fn oblast_counts(
    lang: &Lang,
    entries: &[Entry],
    profiles: &[Profile],
    oblast: Oblast,
) -> Table {
    counts_table(
        lang,
        entries
            .iter()
            .zip(profiles)
            .filter(move |(e, _)| e.passport.oblast == oblast)
            .map(|(_, p)| p),
    )
}
