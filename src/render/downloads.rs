//! Charts and pages that travel. Each chart of a page is also written beside
//! it as files: a standalone SVG (its title, source and link as text, all
//! text outlined), a PNG, a CSV of the figures it draws, and an embed page
//! with the `<iframe>` to copy. Passport, oblast and home pages get a share
//! card (`og:image`, 1200 × 630). Drawing is left to the build (`raster`,
//! through the cache); this module decides what is drawn and where.

use serde::Serialize;
use tera::Context;

use super::cells::Lang;
use super::charts::{ChartLinks, ChartView};
use super::urls::{self, Route};
use super::views::TotalsView;
use super::{Rendered, Site};
use crate::charts::{self, Inline};
use crate::diagnostic::{Code, Diagnostic};
use crate::raster::{Form, Picture};

/// A page's share card: its address and what it shows, in words.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub url: String,
    pub alt: String,
}

/// What a page brings with it: files as they are, and drawings.
#[derive(Default)]
pub struct Extras {
    pub files: Vec<Rendered>,
    pub drawings: Vec<Picture>,
}

/// Charts' files are this many pixels wide as PNG (twice the drawing).
const PNG_WIDTH: u32 = 640;
/// A share card's size, as the social networks ask.
const CARD: (u32, u32) = (1200, 630);
/// The width an embedded chart is shown at.
const EMBED_WIDTH: u32 = 400;

/// A chart's name in its files: its id without `chart-`.
fn file_name(id: &str) -> &str {
    id.strip_prefix("chart-").unwrap_or(id)
}

impl Site<'_> {
    /// Gives each chart of a page at `route` its files: sets its links and
    /// returns the files and drawings to make. `source` is the line the
    /// standalone files credit (the site, and the date of the figures).
    pub(super) fn chart_downloads(
        &self,
        lang: &Lang,
        route: &Route,
        page_title: &str,
        source: &str,
        charts: &mut [&mut ChartView],
    ) -> Result<Extras, Diagnostic> {
        let mut extras = Extras::default();
        if !self.downloads {
            return Ok(extras);
        }
        let dir = self
            .urls
            .file(route)
            .trim_end_matches("index.html")
            .to_string();
        let page_url = self.urls.absolute(route);
        // The embed pages' context, made once for the page's charts.
        let mut context = self.shared_context_of(lang);
        context.insert("source", source);
        context.insert("page_title", page_title);
        context.insert("page_url", &self.urls.href(route));
        for chart in charts.iter_mut() {
            let name = file_name(&chart.id).to_string();
            let base = urls::chart_files(&dir, &name);
            let href = |ext: &str| format!("{}{base}.{ext}", self.urls.base);
            let embed_route = urls::chart_embed(route, &name);
            let embed_url = self.urls.absolute(&embed_route);
            let link = format!("{page_url}#{}", chart.id);
            let drawing = chart
                .svg
                .drawing
                .clone()
                .map_err(|charts::DrawError(why)| {
                    Diagnostic::error(
                        std::path::Path::new(&self.urls.file(route)),
                        (1, 1),
                        Code::Template,
                        tr!(
                            "the chart `{id}` cannot be drawn: {why}",
                            id = chart.id,
                            why = crate::messages::Message::verbatim(why)
                        ),
                    )
                })?;
            let missing = lang.chart.font.missing(&drawing.texts());
            if !missing.is_empty() {
                lang.missing_glyphs(&self.urls.file(route), &chart.id, missing);
            }
            // A note (more than one answer; too few respondents) travels
            // with the file, above its source.
            let footer: Vec<&str> = chart
                .note
                .as_deref()
                .into_iter()
                .chain([source, link.as_str()])
                .collect();
            let standalone =
                charts::standalone(&drawing, &chart.svg.id, &chart.title, &footer, lang.chart);
            let height = drawing.size.1;
            let iframe_height = height * EMBED_WIDTH / charts::WIDTH + 120;
            chart.links = Some(ChartLinks {
                svg: href("svg"),
                png: href("png"),
                csv: href("csv"),
                embed: self.urls.href(&embed_route),
                iframe: format!(
                    "<iframe src=\"{embed_url}\" width=\"{EMBED_WIDTH}\" height=\"{iframe_height}\" title=\"{}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
                    crate::html::escape(&chart.title)
                ),
            });
            extras.drawings.push(Picture {
                drawing: std::sync::Arc::new(standalone),
                id: chart.svg.id.clone(),
                files: vec![
                    (format!("{base}.svg"), Form::Outlined),
                    (format!("{base}.png"), Form::Png(PNG_WIDTH)),
                ],
            });
            extras
                .files
                .push(Rendered::new(format!("{base}.csv"), chart.data.csv()));
            context.insert("chart", &**chart);
            context.insert("canonical", &embed_url);
            let bytes = self.theme.render_bytes("embed.html", &context)?;
            extras
                .files
                .push(Rendered::new(self.urls.file(&embed_route), bytes));
        }
        Ok(extras)
    }

    /// A page's share card: the drawing to make (into the page's folder)
    /// and what the page's head says of it; `None` without downloads.
    pub(super) fn card(
        &self,
        route: &Route,
        title: &str,
        subtitle: &str,
        figures: &[(String, String)],
        locator: Option<&Inline>,
    ) -> Option<(Card, Picture)> {
        if !self.downloads {
            return None;
        }
        let dir = self
            .urls
            .file(route)
            .trim_end_matches("index.html")
            .to_string();
        let path = format!("{dir}{}", urls::CARD);
        let alt = std::iter::once(format!("{title}, {subtitle}"))
            .chain(
                figures
                    .iter()
                    .map(|(label, value)| format!("{label}: {value}")),
            )
            .collect::<Vec<_>>()
            .join("; ");
        let locator = locator.and_then(|l| Some((l.drawing.as_ref().ok()?, l.id.as_str())));
        let drawing = charts::card(
            CARD,
            self.config.title(&route.lang),
            title,
            subtitle,
            figures,
            locator,
            &self.theme.chart,
        );
        Some((
            Card {
                url: self.urls.absolute_shared(&path),
                alt,
            },
            Picture {
                drawing: std::sync::Arc::new(drawing),
                id: "card".into(),
                files: vec![(path, Form::Png(CARD.0))],
            },
        ))
    }

    /// The files of an overview page (home, an oblast) titled `title`: its
    /// charts' and its share card with its totals (and `locator`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn overview_extras(
        &self,
        lang: &Lang,
        route: &Route,
        title: &str,
        charts: &mut [ChartView],
        totals: &TotalsView,
        locator: Option<&Inline>,
        context: &mut Context,
    ) -> Result<Extras, Diagnostic> {
        let site_title = self.config.title(&lang.code);
        let mut extras = self.chart_downloads(
            lang,
            route,
            title,
            site_title,
            &mut charts.iter_mut().collect::<Vec<_>>(),
        )?;
        let figures = totals.key_figures(lang);
        let card = self.card(route, title, &totals.communities, &figures, locator);
        self.add_card(context, &mut extras, card);
        Ok(extras)
    }

    /// Puts a page's share card in its head and among its drawings.
    pub(super) fn add_card(
        &self,
        context: &mut Context,
        extras: &mut Extras,
        card: Option<(Card, Picture)>,
    ) {
        if let Some((card, drawing)) = card {
            context.insert("card", &card);
            extras.drawings.push(drawing);
        }
    }

    /// A copy of the context every page in `lang` shares.
    fn shared_context_of(&self, lang: &Lang) -> Context {
        self.shared[&lang.code].clone()
    }
}
