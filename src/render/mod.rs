//! Rendering: which pages the site has, and each page's HTML from its view
//! and the theme's template. Pages render in parallel; every page gets the
//! same common context (language switch, navigation, canonical address).

mod cells;
mod charts;
mod compare;
mod downloads;
mod factsheet;
mod funding;
mod history;
mod keys;
mod map;
mod print;
mod survey;
mod table;
mod threats;
mod urls;
mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

pub use cells::{Lang, Language, Noticed};
pub use charts::check_ref as check_chart_ref;
pub use downloads::Extras;
pub use print::logo_path;
use table::Table;
pub use urls::{
    DESIGN_CSS, NOT_FOUND, Route, Urls, data_file, form_file, page_of_extra,
    passport as passport_route, static_file, taken,
};

use std::collections::BTreeMap;

use crate::charts::Inline;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::figures::SiteFigures;
use crate::geo::Boundaries;
use crate::i18n::Catalog;
use crate::locale::Locale;
use crate::messages::Message;
use crate::passport::{Entry, Oblast};
use crate::reports::{ChartRef, Report};
use crate::theme::Theme;

/// What a build renders from.
pub struct Site<'a> {
    pub config: &'a Config,
    pub theme: &'a Theme,
    pub entries: &'a [Entry],
    pub figures: &'a SiteFigures,
    pub reports: &'a [Report],
    /// The foundation's own pages, at `/<name>/`, in the menu.
    pub pages: &'a [Report],
    pub urls: Urls,
    /// The communities' real boundaries, if the site has any.
    pub boundaries: Option<&'a Boundaries>,
    languages: Vec<Language<'a>>,
    /// What making the shared contexts noticed.
    noticed: Noticed,
    /// The part of every page's context that depends only on its language
    /// (the UI strings above all), made once and copied into every page's.
    shared: BTreeMap<String, Context>,
    /// The PDFs made, by output path: bytes and pages.
    printed: BTreeMap<String, (u64, u64)>,
    /// Whether charts get their files and pages their share cards.
    downloads: bool,
    /// The closed edition this is the archive of, if it is one.
    archive: Option<String>,
    /// What every output's key starts from, made at first use (after the
    /// settings above; a setting changed clears it).
    keyed: std::sync::OnceLock<keys::Inputs>,
}

/// The kinds of page, each with what it shows.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Home,
    Passport(usize),
    Oblast(Oblast),
    Reports,
    Report(usize),
    Page(usize),
    Funding,
    /// One oblast's funding needs.
    OblastFunding(Oblast),
    Threats,
    Survey,
    Compare,
}

/// One page to render: its kind and its route.
#[derive(Debug, Clone)]
pub struct Page {
    kind: Kind,
    pub route: Route,
}

/// A rendered file: its path in the output folder, its bytes, how many
/// charts it holds, and what rendering it noticed.
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
    pub charts: usize,
    pub noticed: Noticed,
    /// What the page brings with it: its charts' files and its share
    /// card, written and drawn beside it.
    pub extras: downloads::Extras,
}

impl Rendered {
    /// A file with no charts in it, made without looking anything up.
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Rendered {
        Rendered {
            path: path.into(),
            bytes,
            charts: 0,
            noticed: Noticed::default(),
            extras: downloads::Extras::default(),
        }
    }
}

/// What rendering made: how many files and charts, the errors of files
/// that could not be made, and what rendering noticed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: usize,
    pub charts: usize,
    /// Errors, and warnings such as a build cache that cannot be written.
    pub diagnostics: Vec<Diagnostic>,
    pub noticed: Noticed,
}

impl Outcome {
    /// Counts a file made, or its error.
    pub fn add(&mut self, made: Result<(usize, Noticed), Diagnostic>) {
        match made {
            Ok((charts, noticed)) => {
                self.files += 1;
                self.charts += charts;
                self.noticed.merge(noticed);
            }
            Err(d) => self.diagnostics.push(d),
        }
    }

    /// Adds what another part of rendering made.
    pub fn merge(&mut self, other: Outcome) {
        self.files += other.files;
        self.charts += other.charts;
        self.diagnostics.extend(other.diagnostics);
        self.noticed.merge(other.noticed);
    }
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    label: String,
    href: String,
    absolute: String,
    current: bool,
}

#[derive(Serialize)]
struct NavItem {
    label: String,
    href: String,
    current: bool,
}

impl<'a> Site<'a> {
    /// Prepares rendering; fails if a language has no locale rules.
    pub fn new(
        config: &'a Config,
        theme: &'a Theme,
        entries: &'a [Entry],
        figures: &'a SiteFigures,
        reports: &'a [Report],
        pages: &'a [Report],
        catalogs: &'a BTreeMap<String, Catalog>,
    ) -> Result<Site<'a>, Message> {
        let mut languages = Vec::new();
        for code in &config.languages {
            let ui = &theme.ui[code];
            let pattern = |key: &str| {
                ui.get(key).ok_or_else(|| {
                    let d = ui.missing(key);
                    tr!(
                        "{file}:{line}:{column}: error: {message}",
                        file = d.file.display(),
                        line = d.line,
                        column = d.column,
                        message = d.message
                    )
                })
            };
            let locale = Locale::new(code, pattern("format.percent")?, pattern("format.money")?)
                .map_err(|e| {
                    tr!(
                        "error: site.toml: no locale rules for the language `{language}`",
                        language = e.0
                    )
                })?;
            languages.push(Language {
                code: code.clone(),
                locale,
                ui,
                catalog: catalogs.get(code),
                chart: &theme.chart,
                publish_fuzzy: config.i18n.publish_fuzzy,
            });
        }
        let mut site = Site {
            config,
            theme,
            entries,
            figures,
            reports,
            pages,
            urls: Urls::new(
                &config.base_url,
                config.base_path(),
                &config.default_language,
            ),
            boundaries: None,
            languages,
            noticed: Noticed::default(),
            shared: BTreeMap::new(),
            printed: BTreeMap::new(),
            downloads: false,
            archive: None,
            keyed: std::sync::OnceLock::new(),
        };
        for language in &site.languages {
            let lang = Lang::new(language);
            let context = site.shared_context(&lang);
            site.shared.insert(language.code.clone(), context);
            site.noticed.merge(lang.noticed());
        }
        Ok(site)
    }

    /// The same site as the archive of the closed edition `name`: its
    /// home and passport pages under `editions/<name>/`, each marked as
    /// archived, every other link leading to today's site.
    pub fn archive(mut self, name: &str) -> Site<'a> {
        self.urls = self.urls.archive(name);
        self.archive = Some(name.to_string());
        self.keyed = std::sync::OnceLock::new();
        self
    }

    /// Every page of the site in every language, in a fixed order (an
    /// archive's: its home and passports).
    pub fn pages(&self) -> Vec<Page> {
        let mut pages = Vec::new();
        for lang in &self.config.languages {
            let l = lang.as_str();
            pages.push(Page {
                kind: Kind::Home,
                route: urls::home(l),
            });
            for (i, e) in self.entries.iter().enumerate() {
                pages.push(Page {
                    kind: Kind::Passport(i),
                    route: urls::passport(l, &e.id),
                });
            }
            if self.archive.is_some() {
                continue;
            }
            for o in self.figures.oblasts.keys() {
                pages.push(Page {
                    kind: Kind::Oblast(*o),
                    route: urls::oblast(l, &o.id()),
                });
            }
            pages.push(Page {
                kind: Kind::Funding,
                route: urls::funding(l),
            });
            for o in self.figures.donor_needs.oblasts.keys() {
                pages.push(Page {
                    kind: Kind::OblastFunding(*o),
                    route: urls::oblast_funding(l, &o.id()),
                });
            }
            pages.push(Page {
                kind: Kind::Threats,
                route: urls::threats(l),
            });
            pages.push(Page {
                kind: Kind::Survey,
                route: urls::survey(l),
            });
            pages.push(Page {
                kind: Kind::Compare,
                route: urls::compare(l),
            });
            pages.push(Page {
                kind: Kind::Reports,
                route: urls::reports(l),
            });
            for (i, r) in self.reports.iter().enumerate() {
                pages.push(Page {
                    kind: Kind::Report(i),
                    route: urls::report(l, &r.name),
                });
            }
            for (i, p) in self.pages.iter().enumerate() {
                pages.push(Page {
                    kind: Kind::Page(i),
                    route: urls::page(l, &p.name),
                });
            }
        }
        pages
    }

    /// The foundation's pages in menu order: by `order`, then name.
    fn menu_pages(&self) -> impl Iterator<Item = &Report> {
        let d = &self.config.default_language;
        let mut pages: Vec<&Report> = self.pages.iter().collect();
        pages.sort_by_key(|p| {
            (
                p.versions[d].front.order.unwrap_or(u32::MAX),
                p.name.clone(),
            )
        });
        pages.into_iter()
    }

    /// A new page in the language `code` (the first language if the site
    /// has no such one, which no route names).
    fn lang(&self, code: &str) -> Lang<'_> {
        Lang::new(
            self.languages
                .iter()
                .find(|l| l.code == code)
                .unwrap_or(&self.languages[0]),
        )
    }

    /// Makes pages in parallel, each by `each` (which renders it with
    /// [`Site::render`] and writes it, or links it from before); stops at
    /// the first error `each` returns (a file that cannot be written), else
    /// returns what the pages made and noticed.
    pub fn render_all<F, E>(&self, pages: &[Page], each: F) -> Result<Outcome, E>
    where
        F: Fn(&Page) -> Result<Result<(usize, Noticed), Diagnostic>, E> + Sync,
        E: Send,
    {
        let results: Vec<Result<(usize, Noticed), Diagnostic>> =
            pages.par_iter().map(&each).collect::<Result<_, E>>()?;
        let mut outcome = Outcome {
            noticed: self.noticed.clone(),
            ..Outcome::default()
        };
        results.into_iter().for_each(|r| outcome.add(r));
        Ok(outcome)
    }

    /// The errors and warnings for what rendering noticed: each UI string
    /// missing, and one warning per language for its untranslated texts.
    pub fn problems(&self, noticed: &Noticed) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> = noticed
            .missing_ui
            .iter()
            .filter_map(|(code, key)| Some(self.theme.ui.get(code)?.missing(key)))
            .collect();
        for language in &self.languages {
            let count = noticed
                .untranslated
                .iter()
                .filter(|(code, _, _)| *code == language.code)
                .count();
            problems.extend(language.catalog.and_then(|c| c.untranslated_warning(count)));
        }
        problems.extend(noticed.missing_glyphs.iter().map(|(page, chart, chars)| {
            Diagnostic::error(
                std::path::Path::new(page),
                (1, 1),
                crate::diagnostic::Code::MissingGlyph,
                tr!("the chart `{chart}` has characters the theme's font lacks ({chars}): its files show them as gaps", chart, chars),
            )
            .warning()
            .hint(tr!("use a font that has them as the theme's fonts/regular.ttf, or write the text without them"))
        }));
        problems
    }

    /// Renders one page.
    pub fn render(&self, page: &Page) -> Result<Rendered, Diagnostic> {
        let page_lang = self.lang(&page.route.lang);
        let lang = &page_lang;
        let d = &self.config.default_language;
        let mut context = Context::new();
        let mut extras = downloads::Extras::default();
        let site_title = self.config.title(&lang.code);
        let (template, title, description, charts): (&str, String, String, usize) = match page.kind
        {
            Kind::Home => {
                let map = match self.boundaries {
                    Some(b) => map::communities(
                        lang,
                        &self.urls,
                        self.entries,
                        self.figures,
                        b,
                        self.config.geo_attribution(&lang.code),
                    ),
                    None => map::country(lang, &self.urls, self.figures),
                };
                let view = HomeView {
                    map,
                    totals: views::totals(lang, &self.figures.site),
                    oblast_count: lang.count("oblast", self.figures.oblasts.len() as u64),
                    oblasts: views::oblasts_table(lang, &self.urls, self.figures),
                    communities: views::communities_table(
                        lang,
                        &self.urls,
                        self.entries,
                        self.figures,
                        None,
                    ),
                    editions: self
                        .figures
                        .history
                        .as_ref()
                        .map(|h| history::overview(lang, &self.urls, self.entries, h, None)),
                    charts: [
                        charts::idp_ranking(lang, self.entries, self.figures, None),
                        charts::oblasts(lang, self.figures),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                };
                let description = lang.fill("home.description", &view.totals.communities);
                let mut view = view;
                let route = &page.route;
                extras = self.overview_extras(
                    lang,
                    route,
                    site_title,
                    &mut view.charts,
                    &view.totals,
                    None,
                    &mut context,
                )?;
                context.insert("page", &view);
                (
                    "index.html",
                    self.config.title(&lang.code).to_string(),
                    description,
                    view.charts.len(),
                )
            }
            Kind::Passport(i) => {
                let e = &self.entries[i];
                let mut view = self.passport_view(lang, i);
                let source = format!("{site_title} · {} {}", lang.t("passport.as_of"), view.as_of);
                extras = self.chart_downloads(
                    lang,
                    &page.route,
                    &view.name.text,
                    &source,
                    &mut view
                        .sections
                        .iter_mut()
                        .flat_map(|s| s.charts.iter_mut())
                        .collect::<Vec<_>>(),
                )?;
                let figures: Vec<(String, String)> = view
                    .key_figures
                    .iter()
                    .take(3)
                    .map(|k| (k.label.clone(), k.value.text.clone()))
                    .collect();
                let subtitle = format!("{} · {}", view.kind.text, view.oblast.text);
                self.add_card(
                    &mut context,
                    &mut extras,
                    self.card(
                        &page.route,
                        &view.name.text,
                        &subtitle,
                        &figures,
                        Some(&view.locator),
                    ),
                );
                let description = format!(
                    "{}: {} {}, {} {}",
                    view.oblast.text,
                    view.key_figures[0].label,
                    view.key_figures[0].value.text,
                    view.key_figures[2].label,
                    view.key_figures[2].value.text
                );
                context.insert("page", &view);
                context.insert("pdfs", &self.passport_pdfs(lang, &page.route, &e.id));
                (
                    "passport.html",
                    view.name.text.clone(),
                    description,
                    view.sections.iter().map(|s| s.charts.len()).sum(),
                )
            }
            Kind::Oblast(o) => {
                let mut view = self.oblast_view(lang, o);
                extras = self.overview_extras(
                    lang,
                    &page.route,
                    &view.name,
                    &mut view.charts,
                    &view.totals,
                    Some(&view.locator),
                    &mut context,
                )?;
                context.insert("pdf", &self.pdf_link(lang, &page.route, &o.id()));
                let description = format!("{}: {}", view.name, view.totals.communities);
                context.insert("page", &view);
                (
                    "oblast.html",
                    view.name.clone(),
                    description,
                    view.charts.len(),
                )
            }
            Kind::Funding => {
                let mut view =
                    funding::site(lang, &self.urls, self.entries, &self.figures.donor_needs);
                view.editions =
                    (self.figures.history.as_ref()).map(|h| history::funding(lang, h, None));
                let description =
                    lang.fill_many("funding_page.description", &[&view.count, &view.total.text]);
                context.insert("page", &view);
                ("funding.html", lang.t("nav.funding"), description, 0)
            }
            Kind::OblastFunding(o) => {
                let needs = &self.figures.donor_needs.oblasts[&o];
                let mut view = funding::oblast(lang, &self.urls, self.entries, o, needs);
                view.editions =
                    (self.figures.history.as_ref()).map(|h| history::funding(lang, h, Some(o)));
                let title = lang.fill("funding_page.oblast_title", &lang.oblast_name(o));
                let description =
                    lang.fill_many("funding_page.description", &[&view.count, &view.total.text]);
                context.insert("page", &view);
                ("funding.html", title, description, 0)
            }
            Kind::Threats => {
                let view = threats::view(
                    lang,
                    &self.urls,
                    &self.figures.methodology,
                    self.entries,
                    &self.figures.threats,
                );
                let description = view.note.clone();
                context.insert("page", &view);
                ("threats.html", lang.t("nav.threats"), description, 0)
            }
            Kind::Survey => {
                let view = survey::view(lang, &self.urls, self.entries, self.figures);
                let description = lang.fill_many(
                    "survey_page.description",
                    &[&view.respondents.text, &view.communities],
                );
                context.insert("page", &view);
                ("survey.html", lang.t("nav.survey"), description, 0)
            }
            Kind::Compare => {
                let view = compare::page(lang, &self.urls, self.entries);
                context.insert("page", &view);
                (
                    "compare.html",
                    lang.t("nav.compare"),
                    lang.t("compare_page.lead"),
                    0,
                )
            }
            Kind::Reports => {
                let items: Vec<_> = self
                    .reports
                    .iter()
                    .map(|r| views::report_item(lang, &self.urls, r, d))
                    .collect();
                context.insert("page", &items);
                (
                    "reports.html",
                    lang.t("nav.reports"),
                    lang.t("reports.description"),
                    0,
                )
            }
            Kind::Report(i) => self.text_page(
                lang,
                &page.route,
                &self.reports[i],
                "report.html",
                &mut context,
                &mut extras,
            )?,
            Kind::Page(i) => self.text_page(
                lang,
                &page.route,
                &self.pages[i],
                "page.html",
                &mut context,
                &mut extras,
            )?,
        };
        context.extend(self.common(lang, &page.route, &title, &description));
        let bytes = self.theme.render_bytes(template, &context)?;
        Ok(Rendered {
            path: self.urls.file(&page.route),
            bytes,
            charts,
            noticed: page_lang.noticed(),
            extras,
        })
    }

    /// Makes charts' files and share cards (or not).
    pub fn set_downloads(&mut self, on: bool) {
        self.downloads = on;
        self.keyed = std::sync::OnceLock::new();
    }

    /// A passport page's view: the passport's sections after its
    /// comparison with the oblast and the site, and its threat profile.
    fn passport_view(&self, lang: &Lang, i: usize) -> views::PassportView {
        let e = &self.entries[i];
        let mut view = views::passport(
            lang,
            &self.urls,
            e,
            &self.figures.communities[i],
            self.figures,
        );
        let compared = compare::passport_section(lang, self.figures, i, e.passport.oblast);
        let profile = threats::passport_section(
            lang,
            &self.urls,
            &self.figures.methodology,
            &e.passport,
            &self.figures.threats[i],
        );
        let similar = compare::similar_section(lang, &self.urls, self.entries, self.figures, i);
        let computed = [compared, similar, profile].map(|s| views::Section {
            source: Some(lang.t("provenance.computed")),
            ..s
        });
        view.sections.splice(1..1, computed);
        if let Some(h) = &self.figures.history {
            if let Some(change) = &h.changes[i] {
                let section = history::passport_section(lang, change, &h.series[i], &h.today);
                view.sections.insert(1, section);
            }
            view.notice = history::not_updated_notice(lang, e, &h.today);
        }
        view
    }

    /// An oblast page's view.
    fn oblast_view(&self, lang: &Lang, o: Oblast) -> OblastView {
        OblastView {
            editions: (self.figures.history.as_ref())
                .map(|h| history::overview(lang, &self.urls, self.entries, h, Some(o))),
            locator: map::locator(lang, o),
            comparison: compare::oblast_table(lang, self.figures, o),
            threats: threats::oblast_counts(lang, self.entries, &self.figures.threats, o),
            name: lang.oblast_name(o),
            totals: views::totals(lang, &self.figures.oblasts[&o]),
            communities: views::communities_table(
                lang,
                &self.urls,
                self.entries,
                self.figures,
                Some(o),
            ),
            charts: charts::idp_ranking(lang, self.entries, self.figures, Some(o))
                .into_iter()
                .collect(),
        }
    }

    /// A report's or a page's view in `lang`, its charts drawn in place;
    /// returns what `render` needs: template, title, description, charts.
    fn text_page(
        &self,
        lang: &Lang,
        route: &Route,
        report: &Report,
        template: &'static str,
        context: &mut Context,
        extras: &mut downloads::Extras,
    ) -> Result<(&'static str, String, String, usize), Diagnostic> {
        let d = &self.config.default_language;
        let mut view = views::report(lang, report, d);
        let (version, translated) = report.version(&lang.code, d);
        if translated && version.is_outdated(&report.versions[d]) {
            view.outdated = Some(self.urls.href(&Route {
                lang: d.clone(),
                path: route.path.clone(),
            }));
        }
        let mut drawn = 0;
        let site_title = self.config.title(&lang.code);
        for (index, chart_ref) in report.version(&lang.code, d).0.charts.iter().enumerate() {
            let figure = match charts::from_ref(lang, chart_ref, index, self.entries, self.figures)
            {
                Some(mut chart) => {
                    drawn += 1;
                    let more = self.chart_downloads(
                        lang,
                        route,
                        &view.title.text,
                        site_title,
                        &mut [&mut chart],
                    )?;
                    extras.files.extend(more.files);
                    extras.drawings.extend(more.drawings);
                    let mut chart_context = Context::new();
                    chart_context.insert("chart", &chart);
                    chart_context.insert("t", &lang.ui.tree);
                    self.theme.render("chart.html", &chart_context)?
                }
                None => String::new(),
            };
            view.html = view
                .html
                .replacen(&ChartRef::placeholder(index), &figure, 1);
        }
        let description = view
            .summary
            .as_ref()
            .map_or_else(|| view.title.text.clone(), |s| s.text.clone());
        context.insert("page", &view);
        Ok((template, view.title.text.clone(), description, drawn))
    }

    /// What every page's context holds: the language's shared part and
    /// the page's title, description, addresses, language switch and menu.
    fn common(&self, lang: &Lang, route: &Route, title: &str, description: &str) -> Context {
        let mut c = self.shared[&lang.code].clone();
        c.insert("title", title);
        c.insert("description", description);
        c.insert("canonical", &self.urls.absolute(route));
        let alternates: Vec<Alternate> = self
            .languages
            .iter()
            .map(|other| {
                let r = Route {
                    lang: other.code.clone(),
                    path: route.path.clone(),
                };
                Alternate {
                    lang: other.code.clone(),
                    label: lang.t_in(other, "language_name"),
                    href: self.urls.href(&r),
                    absolute: self.urls.absolute(&r),
                    current: other.code == lang.code,
                }
            })
            .collect();
        c.insert("alternates", &alternates);
        let nav: Vec<NavItem> = [
            ("nav.home", urls::home(&lang.code)),
            ("nav.compare", urls::compare(&lang.code)),
            ("nav.funding", urls::funding(&lang.code)),
            ("nav.threats", urls::threats(&lang.code)),
            ("nav.survey", urls::survey(&lang.code)),
            ("nav.reports", urls::reports(&lang.code)),
        ]
        .into_iter()
        .map(|(key, r)| (lang.t(key), r))
        .chain(self.menu_pages().map(|p| {
            let title = p
                .version(&lang.code, &self.config.default_language)
                .0
                .front
                .title
                .clone();
            (title, urls::page(&lang.code, &p.name))
        }))
        .map(|(label, r)| NavItem {
            label,
            current: r.path == route.path,
            href: self.urls.href(&r),
        })
        .collect();
        c.insert("nav", &nav);
        // An archive's pages say so, with the way to today's.
        if let Some(name) = &self.archive {
            let today = self.urls.clone().today();
            c.insert(
                "archive",
                &(
                    lang.fill("editions.archived", name),
                    today.href(&urls::home(&lang.code)),
                ),
            );
        }
        // Site-wide caveats by the figures they concern, for templates to
        // show beside those figures.
        c.insert("caveats", &self.config.caveats_by_kind(&lang.code));
        c
    }

    /// The part of the context that is the same on every page in `lang`.
    fn shared_context(&self, lang: &Lang) -> Context {
        let mut c = Context::new();
        c.insert("lang", &lang.code);
        c.insert("site_title", self.config.title(&lang.code));
        c.insert("base", &self.urls.base);
        c.insert("t", &lang.ui.tree);
        c.insert("style", &self.urls.shared(&urls::static_file("style.css")));
        c.insert(
            "design",
            &self.urls.shared(&urls::static_file(urls::DESIGN_CSS)),
        );
        let editions = self.figures.history.is_some();
        let open_data: Vec<(&str, String)> = [
            "passports.json",
            "passports.csv",
            "measures.json",
            "measures.csv",
            "datapackage.json",
        ]
        .into_iter()
        .chain(editions.then_some("editions.csv"))
        .map(|name| (name, self.urls.shared(&urls::data_file(name))))
        .collect();
        c.insert("open_data", &open_data);
        c.insert(
            "passport_form",
            &self.urls.shared(&urls::form_file(crate::form::BLANK)),
        );
        c.insert("feed", &self.urls.feed(&lang.code).0);
        c
    }

    /// The 404 page, in the default language with links to every home
    /// page; it is served at any address, so it is linked like the home page.
    pub fn not_found(&self) -> Result<Rendered, Diagnostic> {
        let page_lang = self.lang(&self.config.default_language);
        let lang = &page_lang;
        let route = urls::home(&lang.code);
        let mut context = self.common(
            lang,
            &route,
            &lang.t("not_found.title"),
            &lang.t("not_found.title"),
        );
        let homes: Vec<NavItem> = self
            .languages
            .iter()
            .map(|l| NavItem {
                label: format!(
                    "{} ({})",
                    lang.t_in(l, "not_found.go_home"),
                    lang.t_in(l, "language_name")
                ),
                href: self.urls.href(&urls::home(&l.code)),
                current: false,
            })
            .collect();
        context.insert("page", &homes);
        let html = self.theme.render_bytes("404.html", &context)?;
        Ok(Rendered {
            noticed: page_lang.noticed(),
            ..Rendered::new(urls::NOT_FOUND, html)
        })
    }

    /// The Atom feed of reports in each language, newest first. A report
    /// shows in a language's feed when it is written in that language; the
    /// feed is dated by its newest report, so rebuilding changes nothing.
    pub fn feeds(&self) -> Vec<Result<Rendered, Diagnostic>> {
        #[derive(Serialize)]
        struct Entry {
            title: String,
            url: String,
            updated: String,
            summary: Option<String>,
        }
        let atom_date = |d: Option<crate::passport::Date>| {
            d.map_or_else(
                || "2000-01-01T00:00:00Z".to_string(),
                |d| format!("{d}T00:00:00Z"),
            )
        };
        self.languages
            .iter()
            .map(|lang| {
                let mut reports: Vec<(&Report, &crate::reports::Version)> = self
                    .reports
                    .iter()
                    .filter_map(|r| Some((r, r.versions.get(&lang.code)?)))
                    .collect();
                reports.sort_by(|a, b| {
                    b.1.front
                        .date
                        .cmp(&a.1.front.date)
                        .then_with(|| a.0.name.cmp(&b.0.name))
                });
                let entries: Vec<Entry> = reports
                    .iter()
                    .map(|(r, v)| Entry {
                        title: v.front.title.clone(),
                        url: self.urls.absolute(&urls::report(&lang.code, &r.name)),
                        updated: atom_date(v.front.date),
                        summary: v.front.summary.clone(),
                    })
                    .collect();
                let (feed_url, file) = self.urls.feed(&lang.code);
                let mut context = Context::new();
                context.insert("lang", &lang.code);
                context.insert("site_title", self.config.title(&lang.code));
                context.insert("feed_url", &feed_url);
                context.insert("home_url", &self.urls.absolute(&urls::home(&lang.code)));
                context.insert(
                    "updated",
                    &atom_date(reports.first().and_then(|(_, v)| v.front.date)),
                );
                context.insert("entries", &entries);
                Ok(Rendered::new(
                    file,
                    self.theme.render_bytes("atom.xml", &context)?,
                ))
            })
            .collect()
    }

    /// `robots.txt`: every page may be read; the site map is at its address.
    pub fn robots(&self) -> Rendered {
        let sitemap = self.urls.absolute_shared(urls::SITEMAP);
        Rendered::new(
            urls::ROBOTS,
            format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes(),
        )
    }

    /// The sitemap: every page with its other languages, then those of
    /// each closed edition's archive (`archives`, with their pages).
    pub fn sitemap(
        &self,
        pages: &[Page],
        archives: &[Site],
        archived: &[Vec<Page>],
    ) -> Result<Rendered, Diagnostic> {
        #[derive(Serialize)]
        struct Url {
            loc: String,
            alternates: Vec<(String, String)>,
        }
        let sites = std::iter::once((self, pages))
            .chain(archives.iter().zip(archived.iter().map(Vec::as_slice)));
        let urls: Vec<Url> = sites
            .flat_map(|(site, pages)| pages.iter().map(move |p| (site, p)))
            .map(|(site, p)| Url {
                loc: site.urls.absolute(&p.route),
                alternates: self
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        (
                            l.clone(),
                            site.urls.absolute(&Route {
                                lang: l.clone(),
                                path: p.route.path.clone(),
                            }),
                        )
                    })
                    .collect(),
            })
            .collect();
        let mut context = Context::new();
        context.insert("urls", &urls);
        let xml = self.theme.render_bytes("sitemap.xml", &context)?;
        Ok(Rendered::new(urls::SITEMAP, xml))
    }
}

#[derive(Serialize)]
struct HomeView {
    map: map::MapView,
    /// Each edition's totals and the communities not yet updated.
    editions: Option<history::EditionsView>,
    totals: views::TotalsView,
    oblast_count: String,
    oblasts: Table,
    communities: Table,
    charts: Vec<charts::ChartView>,
}

#[derive(Serialize)]
struct OblastView {
    name: String,
    editions: Option<history::EditionsView>,
    /// Where the oblast lies, on a small map of the country.
    locator: Inline,
    comparison: Table,
    threats: Table,
    totals: views::TotalsView,
    communities: Table,
    charts: Vec<charts::ChartView>,
}
