//! What the print layouts get: for each passport and each oblast's set, in
//! every language, the same view its web page shows, as the layout's
//! `/data.json`; and the link to each PDF from its web page.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use serde::Serialize;

use super::cells::Lang;
use super::charts::ChartView;
use super::views::PassportView;
use super::{OblastView, Site, urls};
use crate::print::{Job, PdfFile};

/// What every layout gets beside its view.
#[derive(Serialize)]
struct Document<'a, V: Serialize> {
    lang: &'a str,
    /// The font family the layouts set text in (the theme's font).
    font: &'a str,
    /// The theme's UI strings, as web templates get them.
    t: &'a tera::Value,
    site: SiteInfo<'a>,
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
struct PassportBody {
    passport: PassportView,
}

#[derive(Serialize)]
struct OblastBody {
    oblast: OblastView,
    passports: Vec<Bound>,
}

/// A passport bound into its oblast's set: its PDF, as a file the layout
/// can place page by page.
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

/// The path a site's logo has inside the print layouts.
pub fn logo_path(logo: &std::path::Path) -> String {
    let ext = logo.extension().and_then(|e| e.to_str()).unwrap_or("svg");
    format!("logo.{ext}")
}

/// Charts name the web font's family; print sets them in the font itself.
fn for_print(charts: &mut [ChartView], family: &str) {
    let web = format!("font-family=\"{}\"", crate::charts::FAMILY);
    let print = format!("font-family=\"{family}\"");
    for c in charts {
        c.svg = c.svg.replace(&web, &print);
    }
}

impl Site<'_> {
    /// The PDF of every passport in every language; `family` is the font
    /// the layouts print in.
    pub fn passport_jobs(&self, family: &str) -> Vec<Job> {
        let each: Vec<(&Lang, usize)> = self
            .langs
            .iter()
            .flat_map(|lang| (0..self.entries.len()).map(move |i| (lang, i)))
            .collect();
        // Views made in parallel, in a fixed order (collect keeps it).
        each.into_par_iter()
            .map(|(lang, i)| {
                let e = &self.entries[i];
                let route = urls::passport(&lang.code, &e.id);
                let passport = self.print_passport(lang, i, family);
                Job {
                    path: self.urls.pdf(&route, &e.id).1,
                    layout: "passport.typ",
                    data: self.print_data(lang, family, PassportBody { passport }),
                    source: Some(e.file.clone()),
                    files: Vec::new(),
                }
            })
            .collect()
    }

    /// Each oblast's set in every language: a cover and the oblast's
    /// summary, then its passports' PDFs (`printed`, written into `dir`)
    /// bound in as they are.
    pub fn oblast_jobs(&self, family: &str, printed: &[PdfFile], dir: &Path) -> Vec<Job> {
        let by_path: BTreeMap<&str, &PdfFile> =
            printed.iter().map(|p| (p.path.as_str(), p)).collect();
        let mut jobs = Vec::new();
        for lang in &self.langs {
            for o in self.figures.oblasts.keys() {
                let mut oblast = self.oblast_view(lang, *o);
                for_print(&mut oblast.charts, family);
                let mut passports = Vec::new();
                let mut files = Vec::new();
                let members = self.entries.iter().filter(|e| e.passport.oblast == *o);
                for e in members {
                    let route = urls::passport(&lang.code, &e.id);
                    let Some(pdf) = by_path.get(self.urls.pdf(&route, &e.id).1.as_str()) else {
                        continue;
                    };
                    let file = format!("/bound/{}.pdf", passports.len() + 1);
                    files.push((file.clone(), dir.join(&pdf.path)));
                    passports.push(Bound {
                        name: lang.community_name(&e.passport).text,
                        file,
                        pages: pdf.pages,
                    });
                }
                let route = urls::oblast(&lang.code, &o.id());
                jobs.push(Job {
                    path: self.urls.pdf(&route, &o.id()).1,
                    layout: "oblast.typ",
                    data: self.print_data(lang, family, OblastBody { oblast, passports }),
                    source: None,
                    files,
                });
            }
        }
        jobs
    }

    fn print_passport(&self, lang: &Lang, i: usize, family: &str) -> PassportView {
        let mut view = self.passport_view(lang, i);
        for s in &mut view.sections {
            for_print(&mut s.charts, family);
        }
        view
    }

    fn print_data<V: Serialize>(&self, lang: &Lang, family: &str, body: V) -> Vec<u8> {
        let document = Document {
            lang: &lang.code,
            font: family,
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
            body,
        };
        serde_json::to_vec(&document).unwrap_or_default()
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
            size: lang.ui.fill("print.kilobytes", &lang.locale.int(kb)),
            pages: lang.ui.count("page", pages, &lang.locale),
        })
    }
}
