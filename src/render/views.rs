//! View structs: what each kind of page gives its template. Built from the
//! model and the derived figures for one language; the templates never see
//! the model itself, so it can change without breaking themes.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::charts::{self, ChartView};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use crate::charts::Inline;
use crate::figures::{CommunityFigures, SiteFigures, Totals};
use crate::i18n::TextField;
use crate::passport::{AgeBand, Entry, Kind, Oblast, Passport, Source};
use crate::reports::Report;
use crate::translit::transliterate;

/// A labelled value.
#[derive(Debug, Serialize)]
pub struct Row {
    pub label: String,
    pub value: Cell,
}

/// The sections of a passport page. Each names its anchor on the page
/// (`#social_groups`) and its title's UI string (`section.social_groups`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    Population,
    /// What changed since the previous edition.
    Changes,
    Comparison,
    Similar,
    Threats,
    Settlements,
    SocialGroups,
    Economy,
    Access,
    AdministrativeServices,
    Governance,
    EducationCulture,
    SocialServices,
    Risks,
    Survey,
    Plan,
    Sources,
}

impl SectionId {
    /// The id as anchors and UI strings write it.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionId::Population => "population",
            SectionId::Changes => "changes",
            SectionId::Comparison => "comparison",
            SectionId::Similar => "similar",
            SectionId::Threats => "threats",
            SectionId::Settlements => "settlements",
            SectionId::SocialGroups => "social_groups",
            SectionId::Economy => "economy",
            SectionId::Access => "access",
            SectionId::AdministrativeServices => "administrative_services",
            SectionId::Governance => "governance",
            SectionId::EducationCulture => "education_culture",
            SectionId::SocialServices => "social_services",
            SectionId::Risks => "risks",
            SectionId::Survey => "survey",
            SectionId::Plan => "plan",
            SectionId::Sources => "sources",
        }
    }

    /// The section's title.
    pub fn title(self, lang: &Lang) -> String {
        lang.t(&format!("section.{}", self.as_str()))
    }
}

/// The mark of a share from fewer respondents than the methodology
/// trusts, as Census Reporter marks estimates with wide margins.
pub const DAGGER: &str = "†";

/// A section of a passport page.
#[derive(Debug, Serialize)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub rows: Vec<Row>,
    pub tables: Vec<Table>,
    /// A bulleted list, e.g. sources.
    pub items: Vec<Cell>,
    pub charts: Vec<ChartView>,
    /// Where its figures come from and when they were true.
    pub source: Option<String>,
}

impl<'a> Lang<'a> {
    fn row(&self, key: &str, value: Cell) -> Row {
        Row {
            label: self.t(&format!("field.{key}")),
            value,
        }
    }

    pub(super) fn section(&self, id: SectionId, rows: Vec<Row>) -> Section {
        Section {
            id,
            title: id.title(self),
            rows,
            tables: Vec::new(),
            items: Vec::new(),
            charts: Vec::new(),
            source: None,
        }
    }

    /// A community's name in this language.
    pub fn community_name(&self, p: &Passport) -> Cell {
        if let Some(translated) = self.translation(TextField::Name, &p.name) {
            return Cell::plain(translated);
        }
        match (&p.center, self.is_source()) {
            (Some(center), false) => {
                let mut name = self.name(TextField::Center, center);
                name.text = self.fill(&format!("community_name.{}", p.kind.as_str()), &name.text);
                name
            }
            _ => self.name(TextField::Name, &p.name),
        }
    }

    /// An oblast's name in this language: `Закарпатська область`, `Zakarpattia Oblast`.
    pub fn oblast_name(&self, o: Oblast) -> String {
        let name = if self.is_source() {
            o.name()
        } else {
            o.english()
        };
        if o.is_oblast() {
            self.fill("oblast_name", name)
        } else {
            name.to_string()
        }
    }
}

/// The totals shown on the home and oblast pages.
#[derive(Debug, Serialize)]
pub struct TotalsView {
    pub communities: String,
    pub residents: Cell,
    pub idps: Cell,
    pub idp_share: Cell,
    /// `3 міські, 1 сільська` as rows of type and count.
    pub by_kind: Vec<Row>,
    /// The date the figures describe, or the span of their passports'
    /// dates when these differ.
    pub as_of: Option<String>,
}

impl TotalsView {
    /// Residents, IDPs and the IDP share, each with its label, as a share
    /// card shows them.
    pub fn key_figures(&self, lang: &Lang) -> [(String, String); 3] {
        [
            (lang.t("field.residents"), self.residents.text.clone()),
            (lang.t("field.idps"), self.idps.text.clone()),
            (lang.t("field.idp_share"), self.idp_share.text.clone()),
        ]
    }
}

/// Formats totals.
pub fn totals(lang: &Lang, t: &Totals) -> TotalsView {
    TotalsView {
        communities: lang.count("community", t.communities),
        residents: lang.int(Some(t.residents)),
        idps: lang.int(Some(t.idps)),
        idp_share: lang.share(t.idp_share()),
        by_kind: [Kind::City, Kind::Settlement, Kind::Village]
            .iter()
            .map(|k| Row {
                label: lang.t(&format!("kind_plural.{}", k.as_str())),
                value: lang.int(Some(t.by_kind.get(k).copied().unwrap_or(0))),
            })
            .collect(),
        as_of: t.as_of.map(|(first, last)| match first == last {
            true => lang.fill("home.totals_as_of", &first.to_string()),
            false => lang.fill_many(
                "home.totals_as_of_span",
                &[&first.to_string(), &last.to_string()],
            ),
        }),
    }
}

/// The table of communities (home and oblast pages), sorted by name.
pub fn communities_table(
    lang: &Lang,
    urls: &Urls,
    entries: &[Entry],
    figures: &SiteFigures,
    only: Option<Oblast>,
) -> Table {
    let mut rows: Vec<(Vec<Cell>, String)> = entries
        .iter()
        .zip(figures.communities.iter().zip(&figures.threats))
        .filter(|(e, _)| only.is_none_or(|o| e.passport.oblast == o))
        .map(|(e, (f, threats))| {
            let p = &e.passport;
            let name = lang.community_name(p);
            let key = search_key(&name.text, p);
            let oblast = Cell::plain(lang.oblast_name(p.oblast))
                .link(urls.href(&urls::oblast(&lang.code, &p.oblast.id())));
            // One oblast's table names no oblast: every row would repeat it.
            let row = [name.link(urls.href(&urls::passport(&lang.code, &e.id)))]
                .into_iter()
                .chain(only.is_none().then_some(oblast))
                .chain([
                    lang.keyword("kind", p.kind.as_str()),
                    lang.int(Some(p.population.residents)),
                    lang.int(p.population.idps),
                    lang.share(f.idp_share),
                    lang.level(threats.highest()),
                ])
                .collect();
            (row, key)
        })
        .collect();
    rows.sort_by(|a, b| lang.locale.compare(&a.0[0].text, &b.0[0].text));
    let (rows, keys): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
    let headings = [
        "community",
        "oblast",
        "type",
        "residents",
        "idps",
        "idp_share",
        "threat_level",
    ];
    let headings: Vec<&str> = (headings.into_iter())
        .filter(|h| only.is_none() || *h != "oblast")
        .collect();
    // The figures run from residents to before the threat level, a word.
    let residents = headings.len() - 4;
    let mut table = lang.table(
        Cell::plain(lang.t("home.communities_caption")),
        &headings,
        Figures::Between(residents, residents + 3),
        rows,
    );
    table.keys = keys;
    table
}

/// What a finder matches a community by, lower case: its name as shown,
/// in Latin letters and in Ukrainian, so that "Uzhhorod" finds
/// Ужгородська, and "Ужгород" finds Uzhhorod.
pub fn search_key(shown: &str, p: &Passport) -> String {
    let mut key = format!("{shown} {}", transliterate(&p.name));
    if shown != p.name {
        key = format!("{key} {}", p.name);
    }
    key.to_lowercase()
}

/// The table of oblasts with their totals, sorted by name.
pub fn oblasts_table(lang: &Lang, urls: &Urls, figures: &SiteFigures) -> Table {
    let mut rows: Vec<Vec<Cell>> = figures
        .oblasts
        .iter()
        .map(|(o, t)| {
            vec![
                Cell::plain(lang.oblast_name(*o))
                    .link(urls.href(&urls::oblast(&lang.code, &o.id()))),
                lang.int(Some(t.communities)),
                lang.int(Some(t.residents)),
                lang.int(Some(t.idps)),
                lang.share(t.idp_share()),
            ]
        })
        .collect();
    rows.sort_by(|a, b| lang.locale.compare(&a[0].text, &b[0].text));
    let t = &figures.site;
    let mut table = lang.table(
        Cell::plain(lang.t("home.oblasts_caption")),
        &["oblast", "communities", "residents", "idps", "idp_share"],
        Figures::From(1),
        rows,
    );
    table.foot = vec![
        Cell::plain(lang.t("total")),
        lang.int(Some(t.communities)),
        lang.int(Some(t.residents)),
        lang.int(Some(t.idps)),
        lang.share(t.idp_share()),
    ];
    table
}

/// A key figure in the passport's header.
#[derive(Debug, Serialize)]
pub struct KeyFigure {
    pub label: String,
    pub value: Cell,
}

/// Everything a passport page shows.
#[derive(Debug, Serialize)]
pub struct PassportView {
    pub id: String,
    pub name: Cell,
    pub kind: Cell,
    pub oblast: Cell,
    pub raion: Cell,
    pub center: Cell,
    pub as_of: String,
    /// Where its oblast lies, on a small map of the country.
    pub locator: Inline,
    pub key_figures: Vec<KeyFigure>,
    /// Said above everything: the passport is from an earlier edition.
    pub notice: Option<String>,
    pub sections: Vec<Section>,
    /// Titles of the format's sections this passport does not fill.
    pub not_reported: Vec<String>,
}

/// Builds a passport page's view.
pub fn passport(
    lang: &Lang,
    urls: &Urls,
    e: &Entry,
    f: &CommunityFigures,
    figures: &SiteFigures,
) -> PassportView {
    let p = &e.passport;
    let oblast_share = figures.oblasts.get(&p.oblast).and_then(Totals::idp_share);
    let key = |label: &str, value| KeyFigure {
        label: lang.t(&format!("field.{label}")),
        value,
    };
    let key_figures = vec![
        key("residents", lang.int(Some(p.population.residents))),
        key("idps", lang.int(p.population.idps)),
        key("idp_share", lang.share(f.idp_share)),
        KeyFigure {
            label: lang.t("passport.oblast_share"),
            value: lang.share(oblast_share),
        },
        KeyFigure {
            label: lang.t("passport.site_share"),
            value: lang.share(figures.site.idp_share()),
        },
    ];
    let mut sections = vec![population(lang, p, f)];
    let mut not_reported = Vec::new();
    let mut add = |id: SectionId, section: Option<Section>| match section {
        Some(s) => sections.push(s),
        None => not_reported.push(id.title(lang)),
    };
    add(
        SectionId::Settlements,
        (!p.settlements.is_empty()).then(|| settlements(lang, p)),
    );
    add(
        SectionId::SocialGroups,
        p.social_groups.as_ref().map(|g| {
            lang.section(
                SectionId::SocialGroups,
                g.entries()
                    .iter()
                    .map(|(k, v)| lang.row(k, lang.int(*v)))
                    .collect(),
            )
        }),
    );
    add(
        SectionId::Economy,
        p.economy.as_ref().map(|ec| {
            lang.section(
                SectionId::Economy,
                vec![
                    lang.row(
                        "budget_year",
                        ec.budget_year
                            .map_or_else(|| lang.int(None), |y| Cell::plain(y.to_string())),
                    ),
                    lang.row("revenue_uah", lang.money(ec.revenue_uah)),
                    lang.row("expenditure_uah", lang.money(ec.expenditure_uah)),
                    lang.row(
                        "social_protection_uah",
                        lang.money(ec.social_protection_uah),
                    ),
                    lang.row("spending_share", lang.share(f.spending_share)),
                    lang.row("spending_per_resident", lang.money(f.spending_per_resident)),
                    lang.row("spending_per_person", lang.money(f.spending_per_person)),
                    lang.row("registered_unemployed", lang.int(ec.registered_unemployed)),
                    lang.row("small_businesses", lang.int(ec.small_businesses)),
                    lang.row("destruction", lang.yes_no(ec.destruction)),
                    lang.row(
                        "destruction_note",
                        lang.text(TextField::DestructionNote, ec.destruction_note.as_deref()),
                    ),
                ],
            )
        }),
    );
    add(
        SectionId::Access,
        p.access.as_ref().map(|a| {
            lang.section(
                SectionId::Access,
                vec![
                    lang.row("bank_branches", lang.int(a.bank_branches)),
                    lang.row("atms", lang.int(a.atms)),
                    lang.row("max_km_to_bank", lang.decimal(a.max_km_to_bank)),
                    lang.row("pharmacies", lang.int(a.pharmacies)),
                    lang.row(
                        "settlements_without_pharmacy",
                        lang.int(a.settlements_without_pharmacy),
                    ),
                    lang.row("primary_care_points", lang.int(a.primary_care_points)),
                    lang.row("hospitals", lang.int(a.hospitals)),
                    lang.row(
                        "public_transport",
                        lang.text(TextField::PublicTransport, a.public_transport.as_deref()),
                    ),
                    lang.row("roads", lang.text(TextField::Roads, a.roads.as_deref())),
                ],
            )
        }),
    );
    add(
        SectionId::AdministrativeServices,
        p.administrative_services.as_ref().map(|a| {
            lang.section(
                SectionId::AdministrativeServices,
                vec![
                    lang.row("centers", lang.int(a.centers)),
                    lang.row("remote_workplaces", lang.int(a.remote_workplaces)),
                    lang.row("social_front_office", lang.yes_no(a.social_front_office)),
                ],
            )
        }),
    );
    add(
        SectionId::Governance,
        p.governance.as_ref().map(|g| {
            lang.section(
                SectionId::Governance,
                vec![
                    lang.row("council_seats", lang.int(g.council_seats)),
                    lang.row(
                        "social_protection_unit",
                        lang.text(
                            TextField::SocialProtectionUnit,
                            g.social_protection_unit.as_deref(),
                        ),
                    ),
                    lang.row("children_service", lang.yes_no(g.children_service)),
                    lang.row("model_structure", lang.yes_no(g.model_structure)),
                ],
            )
        }),
    );
    add(
        SectionId::EducationCulture,
        p.education_culture.as_ref().map(|ed| {
            lang.section(
                SectionId::EducationCulture,
                vec![
                    lang.row("schools", lang.int(ed.schools)),
                    lang.row("kindergartens", lang.int(ed.kindergartens)),
                    lang.row("cultural_institutions", lang.int(ed.cultural_institutions)),
                ],
            )
        }),
    );
    add(
        SectionId::SocialServices,
        p.social_services.as_ref().map(|s| social_services(lang, s)),
    );
    add(
        SectionId::Risks,
        (!p.risks.is_empty()).then(|| risks(lang, p)),
    );
    add(
        SectionId::Survey,
        p.survey
            .as_ref()
            .map(|s| survey(lang, s, f.survey_below_threshold == Some(true), figures)),
    );
    add(
        SectionId::Plan,
        p.plan.as_ref().map(|plan| plan_section(lang, plan, f)),
    );
    let sources: Vec<(Cell, &Source)> = p
        .sources
        .iter()
        .map(|s| {
            let context = match s {
                Source::Text(_) => TextField::Source,
                Source::Sections(_) => TextField::SectionSource,
            };
            (lang.text(context, Some(s.text())), s)
        })
        .collect();
    // A section's own sources (those that name it), else the passport's.
    let provenance = |section: SectionId| {
        let named_for = |s: &Source| match s {
            Source::Sections(named) => named
                .sections
                .iter()
                .any(|n| n.as_str() == section.as_str()),
            Source::Text(_) => false,
        };
        let general = |s: &Source| match s {
            Source::Sections(named) => named.sections.is_empty(),
            Source::Text(_) => true,
        };
        let own: Vec<&(Cell, &Source)> = sources.iter().filter(|(_, s)| named_for(s)).collect();
        let chosen: Vec<&(Cell, &Source)> = if own.is_empty() {
            sources.iter().filter(|(_, s)| general(s)).collect()
        } else {
            own
        };
        let as_of = chosen
            .iter()
            .find_map(|(_, s)| match s {
                Source::Sections(named) => named.as_of,
                Source::Text(_) => None,
            })
            .unwrap_or(p.as_of)
            .to_string();
        if chosen.is_empty() {
            lang.fill("provenance.no_source", &as_of)
        } else {
            // A source's own full stop is the sentence's.
            let named: Vec<&str> = chosen
                .iter()
                .map(|(c, _)| c.text.trim_end_matches('.'))
                .collect();
            lang.fill_many("provenance.passport", &[&named.join("; "), &as_of])
        }
    };
    for section in &mut sections {
        section.charts = section_charts(lang, section.id, p, f, figures);
        let named = provenance(section.id);
        section.source = Some(match section.source.take() {
            // The survey's own line (period, respondents) follows.
            Some(own) => format!("{named} {own}"),
            None => named,
        });
    }
    sections.push(Section {
        items: if sources.is_empty() {
            vec![Cell::plain(lang.t("provenance.not_given"))]
        } else {
            sources.into_iter().map(|(c, _)| c).collect()
        },
        ..lang.section(SectionId::Sources, Vec::new())
    });
    PassportView {
        id: e.id.clone(),
        name: lang.community_name(p),
        kind: lang.keyword("kind", p.kind.as_str()),
        oblast: Cell::plain(lang.oblast_name(p.oblast))
            .link(urls.href(&urls::oblast(&lang.code, &p.oblast.id()))),
        raion: p
            .raion
            .as_deref()
            .map_or_else(|| lang.missing(), |r| lang.name(TextField::Raion, r)),
        center: p
            .center
            .as_deref()
            .map_or_else(|| lang.missing(), |c| lang.name(TextField::Center, c)),
        as_of: p.as_of.to_string(),
        locator: super::map::locator(lang, p.oblast),
        key_figures,
        notice: None,
        sections,
        not_reported,
    }
}

/// The charts of one section of a passport page, where it has their data.
fn section_charts(
    lang: &Lang,
    id: SectionId,
    p: &Passport,
    f: &CommunityFigures,
    figures: &SiteFigures,
) -> Vec<ChartView> {
    let charts = match id {
        SectionId::Population => vec![
            charts::pyramid(lang, p),
            charts::idp_shares(lang, p, f, figures),
        ],
        SectionId::SocialGroups => vec![
            p.social_groups
                .as_ref()
                .and_then(|g| charts::social_groups(lang, g)),
        ],
        SectionId::Economy => vec![p.economy.as_ref().and_then(|e| charts::budget(lang, e, f))],
        SectionId::SocialServices => vec![
            p.social_services
                .as_ref()
                .and_then(|s| charts::services(lang, s)),
        ],
        SectionId::Survey => p.survey.as_ref().map_or_else(Vec::new, |s| {
            // Charts of a survey below the methodology's respondents carry
            // the section's footnote, in their files too.
            let few = (f.survey_below_threshold == Some(true)).then(|| {
                lang.fill(
                    "provenance.few_respondents",
                    &lang.locale.int(figures.methodology.survey_min_respondents),
                )
            });
            charts::survey_charts(lang, s, few.as_deref())
        }),
        _ => Vec::new(),
    };
    charts.into_iter().flatten().collect()
}

fn population(lang: &Lang, p: &Passport, f: &CommunityFigures) -> Section {
    let pop = &p.population;
    let mut section = lang.section(
        SectionId::Population,
        vec![
            lang.row("residents", lang.int(Some(pop.residents))),
            lang.row("idps", lang.int(pop.idps)),
            lang.row("idp_share", lang.share(f.idp_share)),
            lang.row("female", lang.int(pop.female)),
            lang.row("male", lang.int(pop.male)),
            lang.row("area_km2", lang.decimal(p.area_km2)),
        ],
    );
    for (caption, bands) in [
        ("population.age_caption", &pop.age),
        ("population.idp_age_caption", &pop.idp_age),
    ] {
        if bands.is_empty() {
            continue;
        }
        let sum = |pick: fn(&AgeBand) -> u64| lang.int(Some(bands.iter().map(pick).sum()));
        let mut table = lang.table(
            Cell::plain(lang.t(caption)),
            &["band", "female", "male", "total"],
            Figures::From(1),
            bands
                .iter()
                .map(|b| {
                    vec![
                        Cell::plain(b.band.to_string()),
                        lang.int(Some(b.female)),
                        lang.int(Some(b.male)),
                        lang.int(Some(b.total())),
                    ]
                })
                .collect(),
        );
        table.foot = vec![
            Cell::plain(lang.t("total")),
            sum(|b| b.female),
            sum(|b| b.male),
            sum(AgeBand::total),
        ];
        section.tables.push(table);
    }
    section
}

fn settlements(lang: &Lang, p: &Passport) -> Section {
    Section {
        tables: vec![
            lang.table(
                Cell::plain(lang.t("section.settlements")),
                &["settlement", "settlement_kind", "population", "distance_km"],
                Figures::From(2),
                p.settlements
                    .iter()
                    .map(|s| {
                        vec![
                            lang.name(TextField::SettlementName, &s.name),
                            lang.keyword("settlement_kind", s.kind.as_str()),
                            lang.int(s.population),
                            lang.decimal(s.distance_km),
                        ]
                    })
                    .collect(),
            ),
        ],
        ..lang.section(SectionId::Settlements, Vec::new())
    }
}

fn social_services(lang: &Lang, s: &crate::passport::SocialServices) -> Section {
    let mut section = lang.section(
        SectionId::SocialServices,
        vec![lang.row("purchases_from_ngos", lang.yes_no(s.purchases_from_ngos))],
    );
    if !s.providers.is_empty() {
        section.tables.push(
            lang.table(
                Cell::plain(lang.t("social_services.providers_caption")),
                &["provider", "provider_kind", "staff"],
                Figures::From(2),
                s.providers
                    .iter()
                    .map(|p| {
                        vec![
                            lang.text(TextField::ProviderName, Some(&p.name)),
                            lang.keyword("provider_kind", p.kind.as_str()),
                            lang.int(p.staff),
                        ]
                    })
                    .collect(),
            ),
        );
    }
    if !s.services.is_empty() {
        section.tables.push(
            lang.table(
                Cell::plain(lang.t("social_services.services_caption")),
                &["service", "recipients"],
                Figures::From(1),
                s.services
                    .iter()
                    .map(|sv| {
                        let name = match &sv.name {
                            Some(n) => lang.text(TextField::ServiceName, Some(n)),
                            None => lang.keyword("service", sv.code.as_str()),
                        };
                        vec![name, lang.int(sv.recipients)]
                    })
                    .collect(),
            ),
        );
    }
    section
}

fn risks(lang: &Lang, p: &Passport) -> Section {
    Section {
        tables: vec![
            lang.table(
                Cell::plain(lang.t("section.risks")),
                &["risk", "risk_area", "severity", "note"],
                Figures::From(99),
                p.risks
                    .iter()
                    .map(|r| {
                        vec![
                            lang.text(TextField::RiskTitle, Some(&r.title)),
                            lang.keyword("risk_area", r.area.as_str()),
                            lang.keyword("level", r.severity.as_str()),
                            lang.text(TextField::RiskNote, r.note.as_deref()),
                        ]
                    })
                    .collect(),
            ),
        ],
        ..lang.section(SectionId::Risks, Vec::new())
    }
}

/// The survey section; a survey below the methodology's number of
/// respondents has its shares marked with a dagger and a footnote.
fn survey(
    lang: &Lang,
    s: &crate::passport::Survey,
    unreliable: bool,
    figures: &SiteFigures,
) -> Section {
    let percent = |v: Option<crate::passport::Percent>| {
        let cell = lang.percent(v);
        if unreliable && !cell.missing {
            cell.marked(DAGGER)
        } else {
            cell
        }
    };
    let mut section = lang.section(
        SectionId::Survey,
        vec![
            lang.row(
                "survey_period",
                s.period
                    .as_deref()
                    .map_or_else(|| lang.missing(), Cell::plain),
            ),
            lang.row("respondents", lang.int(s.respondents)),
            lang.row("female_pct", percent(s.female_pct)),
        ],
    );
    let n = s
        .respondents
        .map_or_else(|| lang.t("not_reported"), |n| lang.locale.int(n));
    section.source = Some(lang.fill_many(
        "provenance.survey",
        &[s.period.as_deref().unwrap_or("—"), &n],
    ));
    if unreliable {
        section.items.push(Cell::plain(lang.fill(
            "provenance.few_respondents",
            &lang.locale.int(figures.methodology.survey_min_respondents),
        )));
    }
    let share_table = |caption: &str, rows: Vec<Vec<Cell>>| {
        lang.table(
            Cell::plain(lang.t(caption)),
            &["answer", "share_of_respondents"],
            Figures::From(1),
            rows,
        )
    };
    if !s.age.is_empty() {
        section.tables.push(share_table(
            "survey.age_caption",
            s.age
                .iter()
                .map(|(b, v)| vec![Cell::plain(b.to_string()), percent(Some(*v))])
                .collect(),
        ));
    }
    if let Some(income) = &s.income {
        let rows = income
            .entries()
            .iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, v)| vec![lang.keyword("income", k), percent(*v)])
            .collect();
        section
            .tables
            .push(share_table("survey.income_caption", rows));
    }
    if let Some(channels) = &s.channels {
        let rows = channels
            .entries()
            .iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, v)| vec![lang.keyword("channel", k), percent(*v)])
            .collect();
        section
            .tables
            .push(share_table("survey.channels_caption", rows));
    }
    if !s.top_services.is_empty() {
        section.tables.push(
            lang.table(
                Cell::plain(lang.t("survey.top_services_caption")),
                &["rank", "service"],
                Figures::From(99),
                s.top_services
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        vec![
                            Cell::plain((i + 1).to_string()),
                            lang.keyword("service", c.as_str()),
                        ]
                    })
                    .collect(),
            ),
        );
    }
    section
}

fn plan_section(lang: &Lang, plan: &crate::passport::Plan, f: &CommunityFigures) -> Section {
    let donor_total = f.donor_needs.as_ref().and_then(|n| n.total);
    let mut section = lang.section(
        SectionId::Plan,
        vec![
            lang.row("plan_period", Cell::plain(plan.period.to_string())),
            lang.row("donor_total", lang.money(donor_total)),
        ],
    );
    for direction in &plan.directions {
        let rows = direction
            .goals
            .iter()
            .flat_map(|g| g.measures.iter().map(move |m| (g, m)))
            .map(|(g, m)| {
                vec![
                    lang.text(TextField::Goal, Some(&g.title)),
                    lang.text(TextField::Measure, Some(&m.title)),
                    m.year
                        .map_or_else(|| lang.int(None), |y| Cell::plain(y.to_string())),
                    lang.money(m.cost_uah),
                    m.funding
                        .map_or_else(|| lang.missing(), |f| lang.keyword("funding", f.as_str())),
                    m.status
                        .map_or_else(|| lang.missing(), |s| lang.keyword("status", s.as_str())),
                ]
            })
            .collect();
        section.tables.push(lang.table(
            lang.text(TextField::Direction, Some(&direction.title)),
            &["goal", "measure", "year", "cost_uah", "funding", "status"],
            Figures::From(3),
            rows,
        ));
    }
    section
}

/// A report in a list of reports.
#[derive(Debug, Serialize)]
pub struct ReportItem {
    pub title: Cell,
    pub date: String,
    pub summary: Option<Cell>,
}

/// A report's page.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub title: Cell,
    pub date: String,
    pub summary: Option<Cell>,
    pub html: String,
    /// The language of the text when it is not the page's (a fallback).
    pub lang: Option<String>,
    /// The original's address, when it has changed since this translation.
    pub outdated: Option<String>,
}

/// A report's title and summary in `lang`, falling back to the default.
pub fn report_item(lang: &Lang, urls: &Urls, r: &Report, default: &str) -> ReportItem {
    let view = report(lang, r, default);
    ReportItem {
        title: view
            .title
            .link(urls.href(&urls::report(&lang.code, &r.name))),
        date: view.date,
        summary: view.summary,
    }
}

/// A report's page in `lang`, falling back to the default language's text.
pub fn report(lang: &Lang, r: &Report, default: &str) -> ReportView {
    let (v, translated) = r.version(&lang.code, default);
    let mark = |text: &str| {
        if translated {
            Cell::plain(text)
        } else {
            Cell {
                lang: Some(default.into()),
                flag: Some("untranslated"),
                flag_label: Some(lang.t("untranslated")),
                ..Cell::plain(text)
            }
        }
    };
    ReportView {
        title: mark(&v.front.title),
        date: v.front.date.map(|d| d.to_string()).unwrap_or_default(),
        summary: v.front.summary.as_deref().map(mark),
        html: v.html.clone(),
        lang: (!translated).then(|| default.to_string()),
        outdated: None,
    }
}
