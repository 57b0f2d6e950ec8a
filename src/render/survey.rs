//! The `/survey/` page: every community's survey of residents combined,
//! as `figures::CombinedSurvey` weighted it, and each community's survey
//! one click away.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use super::views::DAGGER;
use crate::figures::{Answer, SiteFigures};
use crate::passport::Entry;

/// The `/survey/` page.
#[derive(Debug, Serialize)]
pub struct SurveyView {
    pub respondents: Cell,
    pub communities: String,
    pub tables: Vec<Table>,
    pub by_community: Table,
    /// The footnote of the dagger, where a community's survey has fewer
    /// respondents than the methodology trusts.
    pub few: Option<String>,
}

/// A table of answers: each one's combined share and how many
/// communities give it.
fn answers(lang: &Lang, caption: &str, rows: Vec<(Cell, Answer)>) -> Table {
    lang.table(
        Cell::plain(lang.t(caption)),
        &["answer", "share_of_respondents", "communities_answering"],
        Figures::From(1),
        rows.into_iter()
            .map(|(label, a)| vec![label, lang.percent(a.share), lang.int(Some(a.communities))])
            .collect(),
    )
}

/// The view of the combined survey.
pub fn view(lang: &Lang, urls: &Urls, entries: &[Entry], figures: &SiteFigures) -> SurveyView {
    let survey = &figures.survey;
    let keyed = |group: &str, answers: &[(&str, Answer)]| -> Vec<(Cell, Answer)> {
        answers
            .iter()
            .map(|(k, a)| (lang.keyword(group, k), *a))
            .collect()
    };
    let tables = vec![
        answers(
            lang,
            "survey_page.female_caption",
            survey
                .female
                .iter()
                .map(|a| (Cell::plain(lang.t("field.female_pct")), *a))
                .collect(),
        ),
        answers(
            lang,
            "survey.age_caption",
            survey
                .age
                .iter()
                .map(|(band, a)| (Cell::plain(band.to_string()), *a))
                .collect(),
        ),
        answers(
            lang,
            "survey.income_caption",
            keyed("income", &survey.income),
        ),
        answers(
            lang,
            "survey.channels_caption",
            keyed("channel", &survey.channels),
        ),
        lang.table(
            Cell::plain(lang.t("survey_page.services_caption")),
            &["service", "communities_naming", "communities_naming_first"],
            Figures::From(1),
            survey
                .services
                .iter()
                .map(|s| {
                    vec![
                        lang.keyword("service", s.code),
                        lang.int(Some(s.communities)),
                        lang.int(Some(s.first)),
                    ]
                })
                .collect(),
        ),
    ];
    let by_community = lang.table(
        Cell::plain(lang.t("survey_page.by_community")),
        &[
            "community",
            "oblast",
            "survey_period",
            "respondents",
            "female_pct",
        ],
        Figures::From(3),
        entries
            .iter()
            .zip(&figures.communities)
            .filter_map(|(e, f)| Some((e, e.passport.survey.as_ref()?, f)))
            .map(|(e, s, f)| {
                let respondents = lang.int(s.respondents);
                let respondents = if f.survey_below_threshold == Some(true) {
                    respondents.marked(DAGGER)
                } else {
                    respondents
                };
                vec![
                    lang.community_name(&e.passport).link(format!(
                        "{}#survey",
                        urls.href(&urls::passport(&lang.code, &e.id))
                    )),
                    Cell::plain(lang.oblast_name(e.passport.oblast)),
                    s.period
                        .as_deref()
                        .map_or_else(|| lang.missing(), Cell::plain),
                    respondents,
                    lang.percent(s.female_pct),
                ]
            })
            .collect(),
    );
    SurveyView {
        respondents: lang.int(Some(survey.respondents)),
        communities: lang.count("community", survey.communities),
        tables,
        by_community,
        few: figures
            .communities
            .iter()
            .any(|f| f.survey_below_threshold == Some(true))
            .then(|| {
                lang.fill(
                    "survey_page.few_respondents",
                    &lang.locale.int(figures.methodology.survey_min_respondents),
                )
            }),
    }
}
