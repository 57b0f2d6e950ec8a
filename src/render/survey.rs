//! The `/survey/` page: every community's survey of residents combined.
//! Each share is weighted by the community's respondents (a community that
//! asked 600 people counts three times one that asked 200), over the
//! communities that report both the share and their respondents.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::urls::{self, Urls};
use super::views::Table;
use crate::passport::{Band, Entry, Percent, Survey};

/// The weighted mean of `(share, respondents)` pairs, to a tenth.
fn weighted(pairs: &[(f64, u64)]) -> Option<Percent> {
    let people: u64 = pairs.iter().map(|(_, r)| r).sum();
    (people > 0).then(|| {
        let sum: f64 = pairs.iter().map(|(v, r)| v * *r as f64).sum();
        Percent((sum / people as f64 * 10.0).round() / 10.0)
    })
}

/// The `/survey/` page.
#[derive(Debug, Serialize)]
pub struct SurveyView {
    pub respondents: Cell,
    pub communities: String,
    pub tables: Vec<Table>,
    pub by_community: Table,
}

/// Each answer's weighted share, in the order `keys` gives, with the
/// number of communities behind it.
fn answers<K: Ord + Clone>(
    surveys: &[(&Survey, u64)],
    values: impl Fn(&Survey) -> Vec<(K, Option<Percent>)>,
) -> Vec<(K, Option<Percent>, usize)> {
    let mut by_key: BTreeMap<K, Vec<(f64, u64)>> = BTreeMap::new();
    let mut order = Vec::new();
    for (s, respondents) in surveys {
        for (k, v) in values(s) {
            if let Some(v) = v {
                if !by_key.contains_key(&k) {
                    order.push(k.clone());
                }
                by_key.entry(k).or_default().push((v.0, *respondents));
            }
        }
    }
    order
        .into_iter()
        .map(|k| {
            let pairs = &by_key[&k];
            (k, weighted(pairs), pairs.len())
        })
        .collect()
}

/// The view of the combined survey of `entries`.
pub fn view(lang: &Lang, urls: &Urls, entries: &[Entry]) -> SurveyView {
    let surveys: Vec<(&Survey, u64)> = entries
        .iter()
        .filter_map(|e| {
            let s = e.passport.survey.as_ref()?;
            Some((s, s.respondents?))
        })
        .collect();
    let respondents: u64 = surveys.iter().map(|(_, r)| r).sum();
    let table = |caption: &str,
                 label: &dyn Fn(&str) -> Cell,
                 rows: Vec<(String, Option<Percent>, usize)>| {
        lang.table(
            Cell::plain(lang.t(caption)),
            &["answer", "share_of_respondents", "communities_answering"],
            1,
            rows.into_iter()
                .map(|(k, v, n)| vec![label(&k), lang.percent(v), lang.int(Some(n as u64))])
                .collect(),
        )
    };
    let keyed = |group: &'static str| move |k: &str| lang.keyword(group, k);
    let mut tables = vec![table(
        "survey_page.female_caption",
        &|_| Cell::plain(lang.t("field.female_pct")),
        answers(&surveys, |s| vec![("female_pct".to_string(), s.female_pct)]),
    )];
    let mut ages: Vec<(Band, Option<Percent>, usize)> = answers(&surveys, |s| {
        s.age.iter().map(|(b, v)| (*b, Some(*v))).collect()
    });
    ages.sort_by_key(|(b, _, _)| *b);
    tables.push(table(
        "survey.age_caption",
        &|k| Cell::plain(k.to_string()),
        ages.into_iter()
            .map(|(b, v, n)| (b.to_string(), v, n))
            .collect(),
    ));
    let owned = |entries: &[(&'static str, Option<Percent>)]| {
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<Vec<_>>()
    };
    tables.push(table(
        "survey.income_caption",
        &keyed("income"),
        answers(&surveys, |s| {
            s.income
                .as_ref()
                .map_or_else(Vec::new, |i| owned(&i.entries()))
        }),
    ));
    tables.push(table(
        "survey.channels_caption",
        &keyed("channel"),
        answers(&surveys, |s| {
            s.channels
                .as_ref()
                .map_or_else(Vec::new, |c| owned(&c.entries()))
        }),
    ));
    let mut services: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (s, _) in &surveys {
        for (i, code) in s.top_services.iter().enumerate() {
            let counts = services.entry(code.as_str()).or_default();
            counts.0 += 1;
            counts.1 += usize::from(i == 0);
        }
    }
    let mut services: Vec<(&str, (usize, usize))> = services.into_iter().collect();
    services.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    tables.push(
        lang.table(
            Cell::plain(lang.t("survey_page.services_caption")),
            &["service", "communities_naming", "communities_naming_first"],
            1,
            services
                .into_iter()
                .map(|(code, (named, first))| {
                    vec![
                        lang.keyword("service", code),
                        lang.int(Some(named as u64)),
                        lang.int(Some(first as u64)),
                    ]
                })
                .collect(),
        ),
    );
    let by_community = lang.table(
        Cell::plain(lang.t("survey_page.by_community")),
        &[
            "community",
            "oblast",
            "survey_period",
            "respondents",
            "female_pct",
        ],
        3,
        entries
            .iter()
            .filter_map(|e| Some((e, e.passport.survey.as_ref()?)))
            .map(|(e, s)| {
                vec![
                    lang.community_name(&e.passport).link(format!(
                        "{}#survey",
                        urls.href(&urls::passport(&lang.code, &e.id))
                    )),
                    Cell::plain(lang.oblast_name(e.passport.oblast)),
                    s.period
                        .as_deref()
                        .map_or_else(|| lang.missing(), Cell::plain),
                    lang.int(s.respondents),
                    lang.percent(s.female_pct),
                ]
            })
            .collect(),
    );
    SurveyView {
        respondents: lang.int(Some(respondents)),
        communities: lang.count("community", surveys.len() as u64),
        tables,
        by_community,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_weighted_by_respondents() {
        // 62 % of 210 and 50 % of 630: (62·210 + 50·630) / 840 = 53.0 %.
        assert_eq!(weighted(&[(62.0, 210), (50.0, 630)]), Some(Percent(53.0)));
        assert_eq!(weighted(&[]), None);
    }
}
