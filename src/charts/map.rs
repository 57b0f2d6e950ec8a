//! The tile-grid map of Ukraine's 27 regions: one square per region at its
//! place in the geofacet grid `ua_region_grid1`, filled by its class (a
//! colour-blind-safe sequential palette, distinct in greyscale), labelled
//! with a short name and its figure, linking to the region's page; regions
//! without data are outlined and say so. A small locator marks one region.
//! Drawn for a phone's width: text stays at least 11 px from 296 px up.

use plotters::style::RGBColor;

use super::drawing::HPos;
use super::{ChartStyle, Drawing, Kind, Mark, Palette, Text, WIDTH};

/// One region on the map.
#[derive(Debug, Clone)]
pub struct Tile {
    /// Its place in the grid, from 1: column and row.
    pub at: (u8, u8),
    /// The short label written on the tile.
    pub short: String,
    /// Its figure as printed (without the unit), if it has data.
    pub figure: Option<String>,
    /// Its class, 0 to 4, if it has data.
    pub class: Option<usize>,
    /// Its page, if the site has one.
    pub href: Option<String>,
    /// What a reader's tool says of the tile (name, figure, class).
    pub label: String,
}

/// The map, every text already in the page's language.
#[derive(Debug, Clone)]
pub struct TileMap {
    pub id: String,
    pub title: String,
    pub description: String,
    pub tiles: Vec<Tile>,
    pub key: MapKey,
}

/// What a map's legend says: the classes' ranges as printed, lightest
/// first, "no data", and whom the map credits.
#[derive(Debug, Clone)]
pub struct MapKey {
    pub classes: Vec<String>,
    pub no_data: String,
    pub credit: Option<String>,
}

/// One community on a map of real boundaries.
#[derive(Debug, Clone)]
pub struct Area<'a> {
    /// Its outline as SVG path data, in map units.
    pub path: &'a str,
    /// Its class, 0 to 4, if it has data.
    pub class: Option<usize>,
    /// Its page, if the site has one.
    pub href: Option<String>,
    /// What a reader's tool says of it.
    pub label: String,
}

/// A map of real boundaries (`size` in map units), every text already in
/// the page's language.
#[derive(Debug, Clone)]
pub struct AreaMap<'a> {
    pub id: String,
    pub title: String,
    pub description: String,
    pub size: (u32, u32),
    pub areas: Vec<Area<'a>>,
    pub key: MapKey,
}

const COLUMNS: i32 = 8;
const ROWS: i32 = 5;
const GAP: i32 = 2;
const PAD: i32 = 4;
/// A tile's side: eight tiles and their gaps fill the width.
const TILE: i32 = (WIDTH as i32 - 2 * PAD - (COLUMNS - 1) * GAP) / COLUMNS;

/// The fill, text colour and outline of a class (the design's classes),
/// or of "no data" (paper, muted text, a dashed muted outline).
fn look(palette: &Palette, class: Option<usize>) -> (RGBColor, RGBColor, Option<RGBColor>) {
    match class {
        Some(c) => (palette.classes[c], palette.class_text[c], None),
        None => (palette.paper, palette.muted, Some(palette.muted)),
    }
}

/// The legend from `top`, in rows that fit the width: a swatch and its
/// range per class, "no data", then the credit; returns where it ends.
fn draw_key(marks: &mut Vec<Mark>, key: &MapKey, style: &ChartStyle, top: i32) -> i32 {
    let (font, p) = (&style.font, &style.palette);
    let (mut x, mut y) = (PAD, top);
    let classes = key
        .classes
        .iter()
        .enumerate()
        .map(|(i, t)| (Some(i), t.as_str()));
    for (class, text) in classes.chain([(None, key.no_data.as_str())]) {
        let w = 14 + 4 + font.text_width(text) + 10;
        if x + w > WIDTH as i32 - PAD && x > PAD {
            x = PAD;
            y += 20;
        }
        let (fill, _, _) = look(p, class);
        marks.push(Mark::Swatch {
            at: (x, y),
            size: (14, 14),
            fill,
            outline: Some(p.muted),
            dashed: class.is_none(),
        });
        marks.push(Mark::Text(Text::new(
            text,
            (f64::from(x + 18), f64::from(y + 11)),
            p.ink,
        )));
        x += w;
    }
    if let Some(credit) = &key.credit {
        y += 20;
        marks.push(Mark::Text(Text::new(
            font.fit(credit, WIDTH as i32 - 2 * PAD),
            (f64::from(PAD), f64::from(y + 11)),
            p.muted,
        )));
    }
    y + 20
}

/// Draws the tile map: an accessible group of links.
pub fn draw_map(map: &TileMap, style: &ChartStyle) -> Drawing {
    let font = &style.font;
    let top = PAD;
    let grid_h = ROWS * (TILE + GAP);
    let mut marks = Vec::new();
    for tile in &map.tiles {
        let (col, row) = (i32::from(tile.at.0) - 1, i32::from(tile.at.1) - 1);
        let (x, y) = (PAD + col * (TILE + GAP), top + row * (TILE + GAP));
        let (fill, text, outline) = look(&style.palette, tile.class);
        let cx = f64::from(x + TILE / 2);
        // Tile text is a little smaller than other chart text, at 12 units:
        // still 11 px on a 296 px map.
        let tile_text = |t: String, dy: i32, bold: bool| {
            Mark::Text(Text {
                anchor: Some(HPos::Center),
                size: Some(12.0),
                bold,
                ..Text::new(t, (cx, f64::from(y + dy)), text)
            })
        };
        let figure = tile.figure.as_deref().unwrap_or("—");
        marks.push(Mark::Link {
            href: tile.href.clone(),
            label: tile.label.clone(),
            marks: vec![
                Mark::Swatch {
                    at: (x, y),
                    size: (TILE, TILE),
                    fill,
                    outline,
                    dashed: tile.class.is_none(),
                },
                tile_text(font.fit(&tile.short, TILE * 129 / 120), 15, true),
                tile_text(figure.to_string(), 30, false),
            ],
        });
    }
    let height = draw_key(&mut marks, &map.key, style, top + grid_h + 8);
    map_drawing(&map.title, &map.description, height, marks)
}

/// Draws a map of real boundaries: an accessible group of links.
pub fn draw_areas(map: &AreaMap, style: &ChartStyle) -> Drawing {
    let mut marks = Vec::new();
    for area in &map.areas {
        let (fill, _, _) = look(&style.palette, area.class);
        marks.push(Mark::Link {
            href: area.href.clone(),
            label: area.label.clone(),
            marks: vec![Mark::Area {
                path: area.path.to_string(),
                fill,
                stroke: style.palette.muted,
            }],
        });
    }
    let height = draw_key(&mut marks, &map.key, style, map.size.1 as i32 + 8);
    map_drawing(&map.title, &map.description, height, marks)
}

/// A map's drawing: its `marks` (`height` tall), an accessible group of
/// links.
fn map_drawing(title: &str, description: &str, height: i32, marks: Vec<Mark>) -> Drawing {
    Drawing {
        size: (WIDTH, height as u32),
        kind: Kind::Chart {
            title: title.to_string(),
            description: description.to_string(),
            class: "chart map",
            role: "group",
        },
        shapes: Vec::new(),
        marks,
    }
}

/// A small map with one region marked (the design's highlight), the rest
/// in its line colour: where a page's oblast lies. `tiles` gives every
/// region's place; `marked` is the one.
pub fn draw_locator(
    title: &str,
    tiles: &[(u8, u8)],
    marked: (u8, u8),
    palette: &Palette,
) -> Drawing {
    const SIDE: i32 = 10;
    let marks = tiles
        .iter()
        .map(|&(col, row)| Mark::Fill {
            at: Some((
                (i32::from(col) - 1) * (SIDE + 1),
                (i32::from(row) - 1) * (SIDE + 1),
            )),
            size: (SIDE as u32, SIDE as u32),
            fill: if (col, row) == marked {
                palette.highlight
            } else {
                palette.grid
            },
        })
        .collect();
    Drawing {
        size: (
            (COLUMNS * (SIDE + 1) - 1) as u32,
            (ROWS * (SIDE + 1) - 1) as u32,
        ),
        kind: Kind::Locator {
            title: title.to_string(),
        },
        shapes: Vec::new(),
        marks,
    }
}

/// Class breaks for values up to `max`: five equal steps of a round size
/// (1, 2, 2.5 or 5 times a power of ten), from zero. Returns the step.
pub fn class_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| s * 5.0 >= max)
        .unwrap_or(10.0 * magnitude)
}

/// The class, 0 to 4, of `value` with classes `step` wide: the first for
/// values below one step, the last for four steps and above.
pub fn class_of(value: f64, step: f64) -> usize {
    ((value / step).floor() as usize).min(4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passport::Oblast;

    #[test]
    fn every_short_label_fits_its_tile() {
        let font = crate::charts::test_font();
        for o in Oblast::all() {
            for english in [false, true] {
                let short = o.short(english);
                let room = TILE * 129 / 120;
                assert_eq!(
                    font.fit(short, room),
                    short,
                    "{} is {} wide, room {room}",
                    short,
                    font.text_width(short)
                );
            }
        }
    }

    #[test]
    fn classes_are_five_round_steps_from_zero() {
        assert_eq!(class_step(23.6), 5.0);
        assert_eq!(class_step(11.7), 2.5);
        assert_eq!(class_step(0.0), 1.0);
        assert_eq!(class_of(23.6, 5.0), 4);
        assert_eq!(class_of(4.9, 5.0), 0);
        assert_eq!(class_of(5.0, 5.0), 1, "a break belongs to the class above");
        assert_eq!(class_of(40.0, 5.0), 4);
    }
}
