//! The map of the country on the home page (each region coloured by the
//! IDP share of the site's communities in it, in five classes, each tile
//! linking to its oblast's page, its figures in a table for screen
//! readers) and the small locator on oblast and passport pages.

use serde::Serialize;

use super::cells::{Cell, Lang};
use super::table::{Figures, Table};
use super::urls::{self, Urls};
use crate::charts::{self, Area, AreaMap, Inline, MapKey, Tile, TileMap};
use crate::figures::{Share, SiteFigures};
use crate::geo::Boundaries;
use crate::passport::Entry;
use crate::passport::Oblast;

/// A map on a page: the SVG and its data as a table.
#[derive(Debug, Serialize)]
pub struct MapView {
    pub id: String,
    pub title: String,
    pub svg: Inline,
    pub table: Table,
}

/// The classes' ranges as printed: `0–5 %`, `5–10 %`, …
fn ranges(lang: &Lang, step: f64) -> Vec<String> {
    (0..5)
        .map(|i| {
            let (from, to) = (step * f64::from(i), step * f64::from(i + 1));
            format!("{}–{}", lang.locale.decimal(from), lang.locale.percent(to))
        })
        .collect()
}

/// The map of every region, coloured by its communities' IDP share.
pub fn country(lang: &Lang, urls: &Urls, figures: &SiteFigures) -> MapView {
    let shares: Vec<(Oblast, Option<Share>)> = Oblast::all()
        .map(|o| (o, figures.oblasts.get(&o).and_then(|t| t.idp_share())))
        .collect();
    let max = shares
        .iter()
        .filter_map(|(_, s)| Some(s.as_ref()?.tenths()))
        .max()
        .map_or(0.0, |t| t as f64 / 10.0);
    let step = charts::class_step(max);
    let legend = ranges(lang, step);
    // A share is classed as it prints, to a tenth.
    let class = |s: Share| charts::class_of(s.tenths() as f64 / 10.0, step);
    let english = !lang.is_source();
    let tiles: Vec<Tile> = shares
        .iter()
        .map(|(o, share)| {
            let name = lang.oblast_name(*o);
            let in_site = figures.oblasts.contains_key(o);
            let label = match share {
                Some(s) => lang.fill_many(
                    "map.tile",
                    &[&name, &lang.locale.share(*s), &legend[class(*s)]],
                ),
                None => lang.fill("map.tile_no_data", &name),
            };
            Tile {
                at: o.tile(),
                short: o.short(english).to_string(),
                figure: share.map(|s| lang.locale.fixed(s.tenths(), 1)),
                class: share.map(class),
                href: in_site.then(|| urls.href(&urls::oblast(&lang.code, &o.id()))),
                label,
            }
        })
        .collect();
    let highest = shares
        .iter()
        .filter_map(|(o, s)| Some((*o, (*s)?)))
        .max_by_key(|(_, s)| s.tenths());
    let description = match highest {
        Some((o, s)) => lang.fill_many(
            "map.description",
            &[&lang.oblast_name(o), &lang.locale.share(s)],
        ),
        None => lang.t("map.description_empty"),
    };
    let map = TileMap {
        id: "map".into(),
        title: lang.t("map.title"),
        description,
        tiles,
        key: MapKey {
            classes: legend.clone(),
            no_data: lang.t("map.no_data"),
            credit: None,
        },
    };
    let rows: Vec<Vec<Cell>> = shares
        .iter()
        .filter_map(|(o, s)| Some((*o, (*s)?)))
        .map(|(o, s)| {
            vec![
                Cell::plain(lang.oblast_name(o))
                    .link(urls.href(&urls::oblast(&lang.code, &o.id()))),
                lang.share(Some(s)),
                Cell::plain(legend[class(s)].clone()),
            ]
        })
        .collect();
    let svg = Inline::new(Ok(charts::draw_map(&map, lang.chart)), &map.id);
    map_view(lang, (map.id, map.title, svg), "oblast", rows)
}

/// The map of the communities' real boundaries, each coloured by its IDP
/// share and linking to its passport; `credit` names the boundaries'
/// source.
pub fn communities(
    lang: &Lang,
    urls: &Urls,
    entries: &[Entry],
    figures: &SiteFigures,
    boundaries: &Boundaries,
    credit: Option<&str>,
) -> MapView {
    let share = |i: usize| figures.communities[i].idp_share;
    let max = (0..entries.len())
        .filter_map(|i| Some(share(i)?.tenths()))
        .max()
        .map_or(0.0, |t| t as f64 / 10.0);
    let step = charts::class_step(max);
    let legend = ranges(lang, step);
    let class = |s: Share| charts::class_of(s.tenths() as f64 / 10.0, step);
    let areas: Vec<Area> = boundaries
        .shapes
        .iter()
        .map(|shape| {
            let community = shape.entry.map(|i| (&entries[i], share(i)));
            let label = match community {
                Some((e, Some(s))) => lang.fill_many(
                    "map.tile",
                    &[
                        &lang.community_name(&e.passport).text,
                        &lang.locale.share(s),
                        &legend[class(s)],
                    ],
                ),
                Some((e, None)) => {
                    lang.fill("map.tile_no_data", &lang.community_name(&e.passport).text)
                }
                None => lang.fill("map.tile_no_data", &shape.code),
            };
            Area {
                path: &shape.path,
                class: community.and_then(|(_, s)| s).map(class),
                href: community.map(|(e, _)| urls.href(&urls::passport(&lang.code, &e.id))),
                label,
            }
        })
        .collect();
    let highest = (0..entries.len())
        .filter_map(|i| Some((i, share(i)?)))
        .max_by_key(|(_, s)| s.tenths());
    let description = match highest {
        Some((i, s)) => lang.fill_many(
            "map.areas_description",
            &[
                &lang.community_name(&entries[i].passport).text,
                &lang.locale.share(s),
            ],
        ),
        None => lang.t("map.description_empty"),
    };
    let map = AreaMap {
        id: "map".into(),
        title: lang.t("map.areas_title"),
        description,
        size: boundaries.size,
        areas,
        key: MapKey {
            classes: legend.clone(),
            no_data: lang.t("map.no_data"),
            credit: credit.map(str::to_string),
        },
    };
    let rows: Vec<Vec<Cell>> = entries
        .iter()
        .enumerate()
        .filter(|(i, _)| boundaries.shapes.iter().any(|s| s.entry == Some(*i)))
        .filter_map(|(i, e)| Some((e, share(i)?)))
        .map(|(e, s)| {
            vec![
                lang.community_name(&e.passport)
                    .link(urls.href(&urls::passport(&lang.code, &e.id))),
                lang.share(Some(s)),
                Cell::plain(legend[class(s)].clone()),
            ]
        })
        .collect();
    let svg = Inline::new(Ok(charts::draw_areas(&map, lang.chart)), &map.id);
    map_view(lang, (map.id, map.title, svg), "community", rows)
}

/// A map's view: its drawing (id, title, SVG) and its figures as a table
/// of places (named in the column `place`), share and class, in the
/// language's alphabetical order.
fn map_view(
    lang: &Lang,
    (id, title, svg): (String, String, Inline),
    place: &str,
    mut rows: Vec<Vec<Cell>>,
) -> MapView {
    rows.sort_by(|a, b| lang.locale.compare(&a[0].text, &b[0].text));
    MapView {
        id,
        title,
        svg,
        table: lang.table(
            Cell::plain(lang.t("chart.data")),
            &[place, "idp_share", "map_class"],
            Figures::From(1),
            rows,
        ),
    }
}

/// The small map that marks where `oblast` lies.
pub fn locator(lang: &Lang, oblast: Oblast) -> Inline {
    let tiles: Vec<(u8, u8)> = Oblast::all().map(Oblast::tile).collect();
    let drawing = charts::draw_locator(
        &lang.fill("map.locator", &lang.oblast_name(oblast)),
        &tiles,
        oblast.tile(),
        &lang.chart.palette,
    );
    Inline::new(Ok(drawing), &format!("locator-{}", oblast.id()))
}
