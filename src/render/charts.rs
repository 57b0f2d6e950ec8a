//! Which charts a page shows and what they say: each chart's spec built
//! from the model and the derived figures for one language, with its title,
//! a description that states the key figure, and its data as a table.
//! A chart is made only where the passport has its data.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::Table;
use crate::charts::{self, Bars, Group, Inline, LabelPlace, Pyramid, PyramidRow};
use crate::diagnostic::did_you_mean;
use crate::figures::{CommunityFigures, Share, SiteFigures, Totals};
use crate::i18n::TextField;
use crate::messages::Message;
use crate::passport::{
    Economy, Entry, Oblast, Passport, Percent, SocialGroups, SocialServices, Survey,
};
use crate::reports::ChartRef;
use crate::spreadsheet;

/// A chart on a page: the SVG and, where the page has no table of the same
/// figures beside it, its data as a table.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    /// A remark shown under the chart (e.g. "more than one answer").
    pub note: Option<String>,
    pub svg: Inline,
    pub table: Option<Table>,
    /// The figures the chart draws, for its CSV.
    #[serde(skip)]
    pub data: ChartData,
    /// Its files and embed page, when the build makes them.
    pub links: Option<ChartLinks>,
}

/// A chart's files, as its page links them (made by `downloads`).
#[derive(Debug, Clone, Serialize)]
pub struct ChartLinks {
    pub svg: String,
    pub png: String,
    pub csv: String,
    pub embed: String,
    /// The `<iframe>` that shows the embed page elsewhere.
    pub iframe: String,
}

/// The figures a chart draws: a column of labels and one of each series.
#[derive(Debug, Clone, Default)]
pub struct ChartData {
    /// The label column's heading, then each series'.
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<f64>)>,
}

impl ChartData {
    /// The data as CSV: a header, then a row a label, figures as plain
    /// decimals (a point, no grouping) as the chart prints them: whole
    /// numbers whole, shares and rates to a tenth.
    pub fn csv(&self) -> Vec<u8> {
        let printed = |v: f64| match v.fract() == 0.0 {
            true => format!("{v}"),
            false => format!("{v:.1}"),
        };
        // A writer into memory has nothing to fail on: no I/O.
        let mut out = csv::Writer::from_writer(Vec::new());
        let text = |t: &String| spreadsheet::safe(t).into_owned();
        let mut records = vec![self.columns.iter().map(text).collect::<Vec<_>>()];
        for (label, values) in &self.rows {
            let mut record = vec![text(label)];
            record.extend(values.iter().map(|v| printed(*v)));
            records.push(record);
        }
        for record in records {
            out.write_record(&record).expect("writing CSV into memory");
        }
        out.into_inner().expect("writing CSV into memory")
    }
}

/// How many communities a ranking shows in full; above it, the top and
/// bottom of the list.
const RANKING_LIMIT: usize = 40;
const RANKING_ENDS: usize = 15;

impl Lang<'_> {
    fn int_ticks(&self, max: f64) -> Vec<(f64, String)> {
        charts::ticks(max)
            .into_iter()
            .map(|t| (t, self.locale.int(t as u64)))
            .collect()
    }

    fn percent_ticks(&self, max: f64) -> Vec<(f64, String)> {
        charts::ticks(max)
            .into_iter()
            .map(|t| (t, self.locale.percent(t)))
            .collect()
    }

    fn bars(
        &self,
        id: &str,
        key: &str,
        description: String,
        groups: Vec<Group>,
        ticks: Vec<(f64, String)>,
    ) -> Bars {
        Bars {
            id: id.into(),
            title: self.t(&format!("chart.{key}")),
            description,
            series: vec![self.t(&format!("chart.{key}"))],
            groups,
            ticks,
            reference: None,
            labels: LabelPlace::Fit,
        }
    }

    pub(super) fn chart(
        &self,
        bars: &Bars,
        note: Option<String>,
        table: Option<Table>,
    ) -> ChartView {
        let mut columns = vec![self.t("chart.label")];
        columns.extend(bars.series.iter().cloned());
        ChartView {
            id: bars.id.clone(),
            title: bars.title.clone(),
            note,
            svg: Inline::new(charts::draw_bars(bars, self.chart), &bars.id),
            table,
            data: ChartData {
                columns,
                rows: bars
                    .groups
                    .iter()
                    .map(|g| (g.label.clone(), g.values.iter().map(|v| v.0).collect()))
                    .collect(),
            },
            links: None,
        }
    }

    /// The label and share of the largest of `items`.
    fn largest<'i>(&self, items: &'i [(String, f64, String)]) -> Option<&'i (String, f64, String)> {
        items.iter().max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

fn single(label: String, value: f64, printed: String) -> Group {
    Group {
        label,
        values: vec![(value, printed)],
        highlight: false,
    }
}

/// The survey's charts: age, income and information channels; `few`, the
/// footnote of a survey with too few respondents, is each one's note.
pub fn survey_charts(lang: &Lang, s: &Survey, few: Option<&str>) -> Vec<Option<ChartView>> {
    let shares = |key: &str, entries: &[(&str, Option<Percent>)]| -> Vec<(String, Percent)> {
        entries
            .iter()
            .filter_map(|(k, v)| Some((lang.t(&format!("{key}.{k}")), (*v)?)))
            .collect()
    };
    let charts = vec![
        survey(
            lang,
            "chart-survey-age",
            "survey_age",
            s.age.iter().map(|(b, v)| (b.to_string(), *v)).collect(),
        ),
        s.income.as_ref().and_then(|i| {
            survey(
                lang,
                "chart-survey-income",
                "survey_income",
                shares("income", &i.entries()),
            )
        }),
        s.channels.as_ref().and_then(|c| {
            survey(
                lang,
                "chart-survey-channels",
                "channels",
                shares("channel", &c.entries()),
            )
        }),
    ];
    let Some(few) = few else {
        return charts;
    };
    charts
        .into_iter()
        .map(|chart| {
            chart.map(|mut c| {
                c.note = Some(match c.note.take() {
                    Some(note) => format!("{note} {few}"),
                    None => few.to_string(),
                });
                c
            })
        })
        .collect()
}

/// The age-sex pyramid of residents, with IDPs inside where given.
pub fn pyramid(lang: &Lang, p: &Passport) -> Option<ChartView> {
    let pop = &p.population;
    if pop.age.is_empty() {
        return None;
    }
    let idps = |band| {
        pop.idp_age
            .iter()
            .find(|a| a.band == band)
            .map(|a| (a.male as f64, a.female as f64))
    };
    let rows: Vec<PyramidRow> = pop
        .age
        .iter()
        .map(|a| PyramidRow {
            band: a.band.to_string(),
            men: (a.male as f64, lang.locale.int(a.male)),
            women: (a.female as f64, lang.locale.int(a.female)),
            idps: idps(a.band),
        })
        .collect();
    let max = pop
        .age
        .iter()
        .map(|a| a.male.max(a.female))
        .max()
        .unwrap_or(0) as f64;
    let women: u64 = pop.age.iter().map(|a| a.female).sum();
    let men: u64 = pop.age.iter().map(|a| a.male).sum();
    let mut description = lang.fill_many(
        "chart.pyramid_desc",
        &[&lang.locale.int(women), &lang.locale.int(men)],
    );
    if !pop.idp_age.is_empty() {
        let idps: u64 = pop.idp_age.iter().map(|a| a.total()).sum();
        description.push(' ');
        description.push_str(&lang.fill("chart.pyramid_idps_desc", &lang.locale.int(idps)));
    }
    let chart = Pyramid {
        id: "chart-pyramid".into(),
        title: lang.t("chart.pyramid"),
        description,
        men: lang.t("field.male"),
        women: lang.t("field.female"),
        idps: lang.t("field.idps"),
        rows,
        ticks: lang.int_ticks(max),
    };
    let mut columns = vec![lang.t("chart.age"), chart.men.clone(), chart.women.clone()];
    let with_idps = chart.rows.iter().any(|r| r.idps.is_some());
    if with_idps {
        columns.extend([
            format!("{}: {}", chart.idps, chart.men),
            format!("{}: {}", chart.idps, chart.women),
        ]);
    }
    let rows = chart
        .rows
        .iter()
        .map(|r| {
            let mut values = vec![r.men.0, r.women.0];
            if with_idps {
                let (men, women) = r.idps.unwrap_or_default();
                values.extend([men, women]);
            }
            (r.band.clone(), values)
        })
        .collect();
    Some(ChartView {
        id: chart.id.clone(),
        title: chart.title.clone(),
        note: None,
        svg: Inline::new(charts::draw_pyramid(&chart, lang.chart), &chart.id),
        table: None,
        data: ChartData { columns, rows },
        links: None,
    })
}

/// The community's IDP share beside its oblast's and the whole site's.
pub fn idp_shares(
    lang: &Lang,
    p: &Passport,
    f: &CommunityFigures,
    figures: &SiteFigures,
) -> Option<ChartView> {
    let own = f.idp_share?;
    let oblast = figures.oblasts.get(&p.oblast).and_then(Totals::idp_share);
    let site = figures.site.idp_share();
    let entries: Vec<(String, Share)> = [
        (lang.t("chart.this_community"), Some(own)),
        (lang.oblast_name(p.oblast), oblast),
        (lang.t("chart.all_communities"), site),
    ]
    .into_iter()
    .filter_map(|(label, share)| Some((label, share?)))
    .collect();
    let printed =
        |s: Option<Share>| s.map_or_else(|| lang.t("not_reported"), |s| lang.locale.share(s));
    let description = lang.fill_many(
        "chart.idp_shares_desc",
        &[&printed(Some(own)), &printed(oblast), &printed(site)],
    );
    let groups = entries
        .iter()
        .enumerate()
        .map(|(i, (label, share))| Group {
            highlight: i == 0,
            ..single(label.clone(), share.percent(), lang.locale.share(*share))
        })
        .collect::<Vec<_>>();
    // One scale for every community's chart: the site's largest share.
    let max = (entries.iter().map(|(_, s)| s.percent()))
        .chain(figures.largest_idp_share.map(Share::percent))
        .fold(0.0, f64::max);
    let mut bars = lang.bars(
        "chart-idp-shares",
        "idp_shares",
        description,
        groups,
        lang.percent_ticks(max),
    );
    // Above their bars whatever the oblast's name: one plot width for all.
    bars.labels = LabelPlace::Above;
    Some(lang.chart(&bars, None, None))
}

/// Bars of labelled values, described by the largest; `ticks` formats the axis.
fn largest_first(
    lang: &Lang,
    id: &str,
    key: &str,
    items: Vec<(String, f64, String)>,
    ticks: Vec<(f64, String)>,
    note: Option<String>,
) -> Option<ChartView> {
    let largest = lang.largest(&items)?;
    let description = lang.fill_many(&format!("chart.{key}_desc"), &[&largest.0, &largest.2]);
    let groups = items
        .into_iter()
        .map(|(label, value, printed)| single(label, value, printed))
        .collect();
    Some(lang.chart(&lang.bars(id, key, description, groups, ticks), note, None))
}

/// Bars of counts.
fn counts_chart(
    lang: &Lang,
    id: &str,
    key: &str,
    items: Vec<(String, f64, String)>,
) -> Option<ChartView> {
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max);
    largest_first(lang, id, key, items, lang.int_ticks(max), None)
}

/// Counts of residents in each social group.
pub fn social_groups(lang: &Lang, g: &SocialGroups) -> Option<ChartView> {
    let items = g
        .entries()
        .iter()
        .filter_map(|(key, n)| {
            Some((
                lang.t(&format!("field.{key}")),
                (*n)? as f64,
                lang.locale.int((*n)?),
            ))
        })
        .collect();
    counts_chart(lang, "chart-social-groups", "social_groups", items)
}

/// Recipients of each social service.
pub fn services(lang: &Lang, s: &SocialServices) -> Option<ChartView> {
    let items = s
        .services
        .iter()
        .filter_map(|sv| {
            let label = match &sv.name {
                Some(name) => lang.text(TextField::ServiceName, Some(name)).text,
                None => lang.t(&format!("service.{}", sv.code.as_str())),
            };
            Some((
                label,
                sv.recipients? as f64,
                lang.locale.int(sv.recipients?),
            ))
        })
        .collect();
    counts_chart(lang, "chart-services", "services", items)
}

/// Social protection within all expenditure.
pub fn budget(lang: &Lang, e: &Economy, f: &CommunityFigures) -> Option<ChartView> {
    let (total, social) = (e.expenditure_uah?, e.social_protection_uah?);
    let per_resident = f
        .spending_per_resident
        .map_or_else(|| lang.t("not_reported"), |m| lang.locale.money(m));
    let share = f
        .spending_share
        .map_or_else(|| lang.t("not_reported"), |s| lang.locale.share(s));
    let description = lang.fill_many(
        "chart.budget_desc",
        &[
            &lang.locale.money(social),
            &lang.locale.money(total),
            &share,
            &per_resident,
        ],
    );
    let millions = |m: crate::passport::Money| m.kopecks as f64 / 100_000_000.0;
    let groups = vec![
        single(
            lang.t("field.expenditure_uah"),
            millions(total),
            lang.locale.money(total),
        ),
        Group {
            highlight: true,
            ..single(
                lang.t("field.social_protection_uah"),
                millions(social),
                lang.locale.money(social),
            )
        },
    ];
    let ticks = charts::ticks(millions(total))
        .into_iter()
        .map(|t| {
            (
                t,
                lang.fill("format.money_millions", &lang.locale.decimal(t)),
            )
        })
        .collect();
    Some(lang.chart(
        &lang.bars("chart-budget", "budget", description, groups, ticks),
        None,
        None,
    ))
}

/// Shares of respondents as the survey gives them.
pub fn survey(
    lang: &Lang,
    id: &str,
    key: &str,
    items: Vec<(String, Percent)>,
) -> Option<ChartView> {
    let items: Vec<(String, f64, String)> = items
        .into_iter()
        .map(|(label, v)| (label, v.value(), lang.locale.percent(v.value())))
        .collect();
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max);
    let note = (key == "channels").then(|| lang.t("chart.multiple_choice"));
    largest_first(lang, id, key, items, lang.percent_ticks(max), note)
}

/// The communities ranked by IDP share, with a line at the total share of
/// the site (or of the oblast). Long lists show their top and bottom.
pub fn idp_ranking(
    lang: &Lang,
    entries: &[Entry],
    figures: &SiteFigures,
    only: Option<Oblast>,
) -> Option<ChartView> {
    let communities: Vec<(String, Share, Oblast)> = entries
        .iter()
        .zip(&figures.communities)
        .filter(|(e, _)| only.is_none_or(|o| e.passport.oblast == o))
        .filter_map(|(e, f)| {
            Some((
                short_name(lang, &e.passport),
                f.idp_share?,
                e.passport.oblast,
            ))
        })
        .collect();
    if communities.is_empty() {
        return None;
    }
    // Many communities share a centre's name: name the oblast where labels collide.
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for (name, _, _) in &communities {
        *seen.entry(name).or_default() += 1;
    }
    let mut ranked: Vec<(String, Share)> = communities
        .iter()
        .map(|(name, share, oblast)| match seen[name.as_str()] {
            1 => (name.clone(), *share),
            // The oblast as the map labels it, so the label stays short.
            _ => (
                format!("{name} ({})", oblast.short(!lang.is_source())),
                *share,
            ),
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.tenths()
            .cmp(&a.1.tenths())
            .then_with(|| lang.locale.compare(&a.0, &b.0))
    });
    let total = match only {
        Some(o) => figures.oblasts.get(&o).and_then(Totals::idp_share),
        None => figures.site.idp_share(),
    };
    let (first, last) = (&ranked[0], &ranked[ranked.len() - 1]);
    let printed = |s: Share| lang.locale.share(s);
    let description = lang.fill_many(
        "chart.ranking_desc",
        &[
            &first.0,
            &printed(first.1),
            &last.0,
            &printed(last.1),
            &total.map_or_else(|| lang.t("not_reported"), printed),
        ],
    );
    let table = lang.table_of(
        &["community", "idp_share"],
        ranked
            .iter()
            .map(|(name, s)| vec![Cell::plain(name.clone()), Cell::figure(printed(*s))])
            .collect(),
    );
    let (shown, note) = if ranked.len() > RANKING_LIMIT {
        let mut ends: Vec<(String, Share)> = ranked[..RANKING_ENDS].to_vec();
        ends.extend_from_slice(&ranked[ranked.len() - RANKING_ENDS..]);
        (
            ends,
            Some(lang.fill_many(
                "chart.ranking_ends",
                &[
                    &RANKING_ENDS.to_string(),
                    &lang.locale.int(ranked.len() as u64),
                ],
            )),
        )
    } else {
        (ranked.clone(), None)
    };
    let max = ranked.iter().map(|(_, s)| s.percent()).fold(0.0, f64::max);
    let groups = shown
        .into_iter()
        .map(|(name, s)| single(name, s.percent(), printed(s)))
        .collect();
    let mut bars = lang.bars(
        if only.is_some() {
            "chart-ranking-oblast"
        } else {
            "chart-ranking"
        },
        "ranking",
        description,
        groups,
        lang.percent_ticks(max),
    );
    bars.reference = total.map(|t| (t.percent(), lang.fill("chart.reference", &printed(t))));
    // Thirty communities or more: names beside their bars, cut to fit.
    bars.labels = LabelPlace::Beside;
    Some(lang.chart(&bars, note, Some(table)))
}

/// Residents and IDPs of each oblast, two bars each.
pub fn oblasts(lang: &Lang, figures: &SiteFigures) -> Option<ChartView> {
    if figures.oblasts.len() < 2 {
        return None;
    }
    let mut rows: Vec<(String, &Totals)> = figures
        .oblasts
        .iter()
        .map(|(o, t)| (lang.oblast_name(*o), t))
        .collect();
    rows.sort_by(|a, b| {
        b.1.residents
            .cmp(&a.1.residents)
            .then_with(|| lang.locale.compare(&a.0, &b.0))
    });
    let most_idps = rows.iter().max_by_key(|(_, t)| t.idps)?;
    let description = lang.fill_many(
        "chart.oblasts_desc",
        &[&most_idps.0, &lang.locale.int(most_idps.1.idps)],
    );
    let max = rows.iter().map(|(_, t)| t.residents).max().unwrap_or(0) as f64;
    let groups = rows
        .iter()
        .map(|(name, t)| Group {
            label: name.clone(),
            values: vec![
                (t.residents as f64, lang.locale.int(t.residents)),
                (t.idps as f64, lang.locale.int(t.idps)),
            ],
            highlight: false,
        })
        .collect();
    let table = lang.table_of(
        &["oblast", "residents", "idps"],
        rows.iter()
            .map(|(name, t)| {
                vec![
                    Cell::plain(name.clone()),
                    lang.int(Some(t.residents)),
                    lang.int(Some(t.idps)),
                ]
            })
            .collect(),
    );
    let mut bars = lang.bars(
        "chart-oblasts",
        "oblasts",
        description,
        groups,
        lang.int_ticks(max),
    );
    bars.series = vec![lang.t("field.residents"), lang.t("field.idps")];
    Some(lang.chart(&bars, None, Some(table)))
}

/// A community's name as short as a chart label allows: its centre.
fn short_name(lang: &Lang, p: &Passport) -> String {
    match &p.center {
        Some(center) => lang.name(TextField::Center, center).text,
        None => lang.community_name(p).text,
    }
}

/// The charts a report may place (`{{ chart(name="…") }}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportChart {
    IdpRanking,
    Oblasts,
    Pyramid,
    IdpShares,
    SocialGroups,
    Services,
    Budget,
}

impl ReportChart {
    /// Every one, in the order the hint lists them.
    const ALL: [ReportChart; 7] = [
        ReportChart::IdpRanking,
        ReportChart::Oblasts,
        ReportChart::Pyramid,
        ReportChart::IdpShares,
        ReportChart::SocialGroups,
        ReportChart::Services,
        ReportChart::Budget,
    ];

    /// Its name in a shortcode.
    pub fn name(self) -> &'static str {
        match self {
            ReportChart::IdpRanking => "idp_ranking",
            ReportChart::Oblasts => "oblasts",
            ReportChart::Pyramid => "pyramid",
            ReportChart::IdpShares => "idp_shares",
            ReportChart::SocialGroups => "social_groups",
            ReportChart::Services => "services",
            ReportChart::Budget => "budget",
        }
    }

    /// The chart a shortcode names, if there is one.
    pub fn named(name: &str) -> Option<ReportChart> {
        ReportChart::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The argument it takes: `oblast` (optional), `passport` (required),
    /// or none.
    fn argument(self) -> Option<&'static str> {
        match self {
            ReportChart::IdpRanking => Some("oblast"),
            ReportChart::Oblasts => None,
            ReportChart::Pyramid
            | ReportChart::IdpShares
            | ReportChart::SocialGroups
            | ReportChart::Services
            | ReportChart::Budget => Some("passport"),
        }
    }
}

/// Why a report's chart can't be drawn (message and hint), or `None`.
pub fn check_ref(r: &ChartRef, entries: &[Entry]) -> Option<(Message, Message)> {
    let Some(chart) = ReportChart::named(&r.name) else {
        let names: Vec<&str> = ReportChart::ALL.iter().map(|c| c.name()).collect();
        return Some((
            tr!("there is no chart `{name}`", name = r.name),
            tr!("the charts are: {names}", names = names.join(", ")),
        ));
    };
    let arg = &chart.argument();
    for (key, value) in &r.args {
        if Some(key.as_str()) != *arg {
            return Some((
                tr!("the chart `{name}` takes no `{key}`", name = r.name, key),
                arg.map_or(tr!("it takes no arguments"), |a| tr!("it takes `{a}`", a)),
            ));
        }
        let known = match key.as_str() {
            "oblast" => Oblast::from_id(value).is_some(),
            _ => entries.iter().any(|e| e.id == *value),
        };
        if !known {
            let ids: Vec<String> = match key.as_str() {
                "oblast" => Oblast::all().map(Oblast::id).collect(),
                _ => entries.iter().map(|e| e.id.clone()).collect(),
            };
            let hint = match did_you_mean(value, ids.iter().map(String::as_str)) {
                Some(id) => tr!("did you mean `{near}`?", near = id),
                None => tr!("use the id as in its address, e.g. /{key}s/<id>/", key),
            };
            let message = match key.as_str() {
                "oblast" => tr!("there is no oblast `{value}`", value),
                _ => tr!("there is no passport `{value}`", value),
            };
            return Some((message, hint));
        }
    }
    if *arg == Some("passport") && !r.args.contains_key("passport") {
        return Some((
            tr!("the chart `{name}` needs passport=\"<id>\"", name = r.name),
            tr!("name the community by its passport's id"),
        ));
    }
    None
}

/// A report's chart number `index` in `lang`; `None` when its data is not
/// in the passports (the placeholder is then removed).
pub fn from_ref(
    lang: &Lang,
    r: &ChartRef,
    index: usize,
    entries: &[Entry],
    figures: &SiteFigures,
) -> Option<ChartView> {
    let passport = r
        .args
        .get("passport")
        .and_then(|id| entries.iter().position(|e| e.id == *id));
    let community = passport.map(|i| (&entries[i].passport, &figures.communities[i]));
    let chart = match (ReportChart::named(&r.name)?, community) {
        (ReportChart::IdpRanking, _) => idp_ranking(
            lang,
            entries,
            figures,
            r.args.get("oblast").and_then(|id| Oblast::from_id(id)),
        ),
        (ReportChart::Oblasts, _) => oblasts(lang, figures),
        (ReportChart::Pyramid, Some((p, _))) => pyramid(lang, p),
        (ReportChart::IdpShares, Some((p, f))) => idp_shares(lang, p, f, figures),
        (ReportChart::SocialGroups, Some((p, _))) => p
            .social_groups
            .as_ref()
            .and_then(|g| social_groups(lang, g)),
        (ReportChart::Services, Some((p, _))) => {
            p.social_services.as_ref().and_then(|s| services(lang, s))
        }
        (ReportChart::Budget, Some((p, f))) => p.economy.as_ref().and_then(|e| budget(lang, e, f)),
        // Checked when the site loads: a passport's chart names one.
        (_, None) => None,
    }?;
    Some(chart.numbered(index))
}

impl ChartView {
    /// The same chart with ids unique on a page that may hold several.
    fn numbered(mut self, index: usize) -> ChartView {
        self.id = format!("{}-{index}", self.id);
        self.svg.id.clone_from(&self.id);
        self
    }
}
