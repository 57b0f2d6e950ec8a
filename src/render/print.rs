//! What the print layouts get: for each passport and each oblast's set, in
//! every language, the same view its web page shows, as the layout's
//! `/data.json`; and the link to each PDF from its web page.

use std::collections::BTreeMap;

use rayon::prelude::*;

use serde::Serialize;

use super::cells::{Lang, Language, Noticed};
use super::charts::ChartView;
use super::factsheet::{self, FactsheetView, PageLink};
use super::views::PassportView;
use super::{OblastView, Site, urls};
use crate::cache::{Key, KeyMaker};
use crate::config::Applies;
use crate::diagnostic::Diagnostic;
use crate::passport::Oblast;
use crate::print::{Job, PdfFile};

/// What every layout gets beside its view.
#[derive(Serialize)]
struct Document<'a, V: Serialize> {
    lang: &'a str,
    /// The font family the layouts set text in (the theme's font).
    font: &'a str,
    /// The theme's design: colours, threat levels and type scale.
    design: &'a crate::design::Design,
    /// Each threat level's badge colours, by keyword (and `none`).
    badges: BTreeMap<&'static str, crate::design::Badge>,
    /// The theme's UI strings, as web templates get them.
    t: &'a tera::Value,
    site: SiteInfo<'a>,
    /// The site-wide caveats in this language, by the figures they
    /// concern (`passports`, `idps`, `survey`), as web templates get them.
    caveats: BTreeMap<Applies, Vec<&'a str>>,
    #[serde(flatten)]
    body: V,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    organisation: Option<&'a str>,
    /// The logo's path for the layout's `image()`, if the site has one.
    logo: Option<String>,
}

#[derive(Serialize)]
struct PassportBody<'a> {
    passport: &'a PassportView,
    /// The passport's web page.
    link: &'a PageLink,
}

#[derive(Serialize)]
struct FactsheetBody<'a> {
    passport: &'a PassportView,
    link: &'a PageLink,
    factsheet: FactsheetView,
}

/// An oblast's set: its summary, then room for each of its passports.
#[derive(Serialize)]
struct OblastBody {
    oblast: OblastView,
    passports: Vec<Bound>,
}

/// A passport printed into its oblast's set: the file the set's layout
/// leaves its pages for, and how many.
#[derive(Serialize)]
struct Bound {
    name: String,
    file: String,
    pages: usize,
}

/// A PDF as its web page links it.
#[derive(Debug, Serialize)]
pub struct PdfLink {
    pub href: String,
    /// `312 КБ`.
    pub size: String,
    /// `6 сторінок`.
    pub pages: String,
}

/// A passport's PDFs as its web page links them.
#[derive(Debug, Serialize)]
pub struct PassportPdfs {
    pub full: Option<PdfLink>,
    pub factsheet: Option<PdfLink>,
}

/// A factsheet's file name before `.<lang>.pdf`: `<id>-factsheet`.
pub(super) fn factsheet_stem(id: &str) -> String {
    format!("{id}-factsheet")
}

/// The path a site's logo has inside the print layouts.
pub fn logo_path(logo: &std::path::Path) -> String {
    let ext = logo.extension().and_then(|e| e.to_str()).unwrap_or("svg");
    format!("logo.{ext}")
}

/// Charts name the web font's family; print sets them in the font itself.
fn for_print(charts: &mut [ChartView], family: &str) {
    for c in charts {
        c.svg.family = family.to_string();
    }
}

impl Site<'_> {
    /// The paths and keys of the `i`th passport's PDFs in `lang` (the full
    /// passport, then its factsheet): `inputs` and its whole passport.
    pub fn passport_pdf_keys(&self, inputs: &KeyMaker, lang: &str, i: usize) -> [(String, Key); 2] {
        let e = &self.entries[i];
        let route = urls::passport(lang, &e.id);
        let mut passport = inputs.clone();
        passport.add(&self.passport_key(i).to_bytes());
        [e.id.clone(), factsheet_stem(&e.id)].map(|stem| {
            let path = self.urls.pdf(&route, &stem).1;
            let key = passport.clone().add(path.as_bytes()).key();
            (path, key)
        })
    }

    /// Each oblast's set in `lang`: the oblast, its path and its key
    /// (`inputs` and the whole passports it binds).
    pub fn oblast_pdf_keys(&self, inputs: &KeyMaker, lang: &str) -> Vec<(Oblast, String, Key)> {
        (self.figures.oblasts.keys())
            .map(|&o| {
                let path = self.urls.pdf(&urls::oblast(lang, &o.id()), &o.id()).1;
                let mut key = inputs.clone();
                key.add(path.as_bytes());
                for (i, _) in
                    (self.entries.iter().enumerate()).filter(|(_, e)| e.passport.oblast == o)
                {
                    key.add(&self.passport_key(i).to_bytes());
                }
                (o, path, key.key())
            })
            .collect()
    }

    /// The PDFs of the passports `wanted` (by language and index) in
    /// every language: the full passport and its factsheet; `family` is
    /// the font the layouts print in.
    pub fn passport_jobs(
        &self,
        family: &str,
        wanted: impl Fn(&str, usize) -> bool,
    ) -> Result<(Vec<Job>, Noticed), Diagnostic> {
        let each: Vec<(&Language, usize)> = self
            .languages
            .iter()
            .flat_map(|language| (0..self.entries.len()).map(move |i| (language, i)))
            .filter(|(language, i)| wanted(&language.code, *i))
            .collect();
        // Views made in parallel, in a fixed order (collect keeps it).
        let made: Vec<([Job; 2], Noticed)> = each
            .into_par_iter()
            .map(|(language, i)| {
                let lang = Lang::for_print(language);
                let e = &self.entries[i];
                let route = urls::passport(&lang.code, &e.id);
                let passport = &self.print_passport(&lang, i, family);
                let link = &PageLink::new(self.urls.absolute(&route)).map_err(|why| {
                    Diagnostic::error(&e.file, (1, 1), crate::diagnostic::Code::QrPayload, why)
                        .hint(tr!("a shorter base_url in site.toml, or a shorter file name, gives a shorter address"))
                })?;
                let factsheet = factsheet::view(&lang, self.entries, self.figures, i);
                let job = |layout, stem: &str, data| Job {
                    path: self.urls.pdf(&route, stem).1,
                    layout,
                    data,
                    source: Some(e.file.clone()),
                    parts: Vec::new(),
                };
                let full = self.urls.pdf(&route, &e.id).1;
                let short = self.urls.pdf(&route, &factsheet_stem(&e.id)).1;
                let jobs = [
                    job(
                        "passport.typ",
                        &e.id,
                        self.print_data(&lang, family, &full, PassportBody { passport, link })?,
                    ),
                    job(
                        "factsheet.typ",
                        &factsheet_stem(&e.id),
                        self.print_data(&lang, family, &short, FactsheetBody { passport, link, factsheet })?,
                    ),
                ];
                Ok((jobs, lang.noticed()))
            })
            .collect::<Result<_, Diagnostic>>()?;
        let mut noticed = Noticed::default();
        let jobs = made
            .into_iter()
            .flat_map(|(jobs, n)| {
                noticed.merge(n);
                jobs
            })
            .collect();
        Ok((jobs, noticed))
    }

    /// Each oblast's set in every language: a cover and the oblast's
    /// summary, then each of its passports as its own PDF prints it (the
    /// passport's job among `passports`, typeset again with the set's page
    /// numbers), with as many pages as `printed` says that PDF has; only
    /// the sets whose paths are `wanted`.
    pub fn oblast_jobs(
        &self,
        family: &str,
        passports: &[Job],
        printed: &[PdfFile],
        wanted: impl Fn(&str) -> bool,
    ) -> Result<(Vec<Job>, Noticed), Diagnostic> {
        let pages: BTreeMap<&str, usize> =
            printed.iter().map(|p| (p.path.as_str(), p.pages)).collect();
        let by_path: BTreeMap<&str, &Job> =
            passports.iter().map(|j| (j.path.as_str(), j)).collect();
        let mut jobs = Vec::new();
        let mut noticed = Noticed::default();
        for language in &self.languages {
            let page_lang = Lang::for_print(language);
            let lang = &page_lang;
            for o in self.figures.oblasts.keys() {
                let route = urls::oblast(&lang.code, &o.id());
                let path = self.urls.pdf(&route, &o.id()).1;
                if !wanted(&path) {
                    continue;
                }
                let mut oblast = self.oblast_view(lang, *o);
                for_print(&mut oblast.charts, family);
                let mut bound = Vec::new();
                let mut parts = Vec::new();
                let members = self.entries.iter().filter(|e| e.passport.oblast == *o);
                for e in members {
                    let path = self.urls.pdf(&urls::passport(&lang.code, &e.id), &e.id).1;
                    let (Some(pages), Some(job)) =
                        (pages.get(path.as_str()), by_path.get(path.as_str()))
                    else {
                        continue;
                    };
                    let file = format!("/bound/{}.pdf", bound.len() + 1);
                    parts.push((file.clone(), job.part()));
                    bound.push(Bound {
                        name: lang.community_name(&e.passport).text,
                        file,
                        pages: *pages,
                    });
                }
                let body = OblastBody {
                    oblast,
                    passports: bound,
                };
                jobs.push(Job {
                    data: self.print_data(lang, family, &path, body)?,
                    path,
                    layout: "oblast.typ",
                    source: None,
                    parts,
                });
            }
            noticed.merge(page_lang.noticed());
        }
        Ok((jobs, noticed))
    }

    fn print_passport(&self, lang: &Lang, i: usize, family: &str) -> PassportView {
        let mut view = self.passport_view(lang, i);
        for s in &mut view.sections {
            for_print(&mut s.charts, family);
        }
        view
    }

    /// The links to a passport's PDFs: the full passport and its factsheet.
    pub(super) fn passport_pdfs(&self, lang: &Lang, route: &urls::Route, id: &str) -> PassportPdfs {
        PassportPdfs {
            full: self.pdf_link(lang, route, id),
            factsheet: self.pdf_link(lang, route, &factsheet_stem(id)),
        }
    }

    /// The `/data.json` of the PDF at `path`.
    fn print_data<V: Serialize>(
        &self,
        lang: &Lang,
        family: &str,
        path: &str,
        body: V,
    ) -> Result<Vec<u8>, Diagnostic> {
        let document = Document {
            lang: &lang.code,
            font: family,
            design: &self.theme.design,
            badges: self.theme.design.badges(),
            t: &lang.ui.tree,
            site: SiteInfo {
                title: self.config.title(&lang.code),
                organisation: self.config.organisation(&lang.code),
                logo: self
                    .config
                    .logo
                    .as_deref()
                    .map(|l| format!("/{}", logo_path(l))),
            },
            caveats: self.config.caveats_by_kind(&lang.code),
            body,
        };
        serde_json::to_vec(&document).map_err(|e| {
            Diagnostic::error(
                std::path::Path::new(path),
                (1, 1),
                crate::diagnostic::Code::DataFile,
                tr!(
                    "the print layout's data cannot be made: {why}",
                    why = crate::messages::Message::verbatim(e.to_string())
                ),
            )
        })
    }

    /// Remembers the PDFs made, so that their pages can link them.
    pub fn set_printed(&mut self, printed: &[PdfFile]) {
        self.printed = printed
            .iter()
            .map(|p| (p.path.clone(), (p.size, p.pages as u64)))
            .collect();
    }

    /// The link to the PDF at a route, if one was made.
    pub(super) fn pdf_link(&self, lang: &Lang, route: &urls::Route, stem: &str) -> Option<PdfLink> {
        let (href, file) = self.urls.pdf(route, stem);
        let (bytes, pages) = *self.printed.get(&file)?;
        let kb = bytes.div_ceil(1024);
        Some(PdfLink {
            href,
            size: lang.fill("print.kilobytes", &lang.locale.int(kb)),
            pages: lang.count("page", pages),
        })
    }
}
