//! The tile-grid map of Ukraine's 27 regions: one square per region at its
//! place in the geofacet grid `ua_region_grid1`, filled by its class (a
//! colour-blind-safe sequential palette, distinct in greyscale), labelled
//! with a short name and its figure, linking to the region's page; regions
//! without data are outlined and say so. A small locator marks one region.
//! Drawn for a phone's width: text stays at least 11 px from 296 px up.

use std::fmt::Write;

use super::{ChartFont, Frame, INK, WIDTH, finish_svg};
use crate::html::escape;

/// Fills of the five classes, lightest first (ColorBrewer Blues, the two
/// darkest deepened so that white text on them has a contrast of 4.5:1).
pub const CLASS_FILLS: [&str; 5] = ["#EFF3FF", "#BDD7E7", "#6BAED6", "#2B74B0", "#08519C"];

/// The text colour on each class's fill.
const CLASS_TEXT: [&str; 5] = ["#1B1F24", "#1B1F24", "#1B1F24", "#FFFFFF", "#FFFFFF"];

/// The colour of the region a locator marks.
const MARKED: &str = "#D55E00";

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
    /// The classes' ranges as printed, lightest first, and "no data".
    pub legend: Vec<String>,
    pub no_data: String,
}

const COLUMNS: i32 = 8;
const ROWS: i32 = 5;
const GAP: i32 = 2;
const PAD: i32 = 4;
/// A tile's side: eight tiles and their gaps fill the width.
const TILE: i32 = (WIDTH as i32 - 2 * PAD - (COLUMNS - 1) * GAP) / COLUMNS;

/// Draws the map as an accessible SVG of links.
pub fn draw_map(map: &TileMap, font: &ChartFont) -> String {
    let top = PAD;
    let grid_h = ROWS * (TILE + GAP);
    let mut body = String::new();
    for tile in &map.tiles {
        let (col, row) = (i32::from(tile.at.0) - 1, i32::from(tile.at.1) - 1);
        let (x, y) = (PAD + col * (TILE + GAP), top + row * (TILE + GAP));
        let (fill, text, stroke) = match tile.class {
            Some(c) => (CLASS_FILLS[c], CLASS_TEXT[c], "none"),
            None => ("#FFFFFF", "#555D66", "#8A939C"),
        };
        let mut cell = format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{TILE}\" height=\"{TILE}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-dasharray=\"{}\"/>\n",
            if tile.class.is_none() { "3 2" } else { "none" }
        );
        let cx = x + TILE / 2;
        // Tile text is a little smaller than other chart text, at 12 units:
        // still 11 px on a 296 px map.
        let short = font.fit(&tile.short, TILE * 129 / 120);
        let _ = writeln!(
            cell,
            "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"700\" fill=\"{text}\">{}</text>",
            y + 15,
            escape(&short)
        );
        let figure = tile.figure.as_deref().unwrap_or("—");
        let _ = writeln!(
            cell,
            "<text x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{text}\">{}</text>",
            y + 30,
            escape(figure)
        );
        match &tile.href {
            Some(href) => {
                let _ = writeln!(
                    body,
                    "<a href=\"{}\" aria-label=\"{}\"><title>{}</title>\n{cell}</a>",
                    escape(href),
                    escape(&tile.label),
                    escape(&tile.label)
                );
            }
            None => {
                let _ = writeln!(
                    body,
                    "<g><title>{}</title>\n{cell}</g>",
                    escape(&tile.label)
                );
            }
        }
    }
    // The legend: a swatch and its range per class, then "no data", in
    // rows that fit the width.
    let mut x = PAD;
    let mut y = top + grid_h + 8;
    let items = map
        .legend
        .iter()
        .enumerate()
        .map(|(i, t)| (Some(i), t.as_str()));
    for (class, text) in items.chain([(None, map.no_data.as_str())]) {
        let w = 14 + 4 + font.text_width(text) + 10;
        if x + w > WIDTH as i32 - PAD && x > PAD {
            x = PAD;
            y += 20;
        }
        let (fill, stroke) = match class {
            Some(c) => (CLASS_FILLS[c], "#8A939C"),
            None => ("#FFFFFF", "#8A939C"),
        };
        let _ = writeln!(
            body,
            "<rect x=\"{x}\" y=\"{y}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-dasharray=\"{}\"/>\n<text x=\"{}\" y=\"{}\" fill=\"#{:02X}{:02X}{:02X}\">{}</text>",
            if class.is_none() { "3 2" } else { "none" },
            x + 18,
            y + 11,
            INK.0,
            INK.1,
            INK.2,
            escape(text)
        );
        x += w;
    }
    let height = y + 20;
    let frame = Frame {
        id: &map.id,
        title: &map.title,
        description: &map.description,
        class: "chart map",
        role: "group",
    };
    finish_svg(&frame, (WIDTH, height as u32), "", &body)
}

/// A small map with one region marked, the rest in grey: where a page's
/// oblast lies. `tiles` gives every region's place; `marked` is the one.
pub fn draw_locator(id: &str, title: &str, tiles: &[(u8, u8)], marked: (u8, u8)) -> String {
    const SIDE: i32 = 10;
    let mut body = String::new();
    for &(col, row) in tiles {
        let x = (i32::from(col) - 1) * (SIDE + 1);
        let y = (i32::from(row) - 1) * (SIDE + 1);
        let fill = if (col, row) == marked {
            MARKED.to_string()
        } else {
            format!("#{:02X}{:02X}{:02X}", 0xD5, 0xD9, 0xDE)
        };
        let _ = writeln!(
            body,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{SIDE}\" height=\"{SIDE}\" fill=\"{fill}\"/>"
        );
    }
    let width = COLUMNS * (SIDE + 1) - 1;
    let height = ROWS * (SIDE + 1) - 1;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"locator\" role=\"img\" aria-labelledby=\"{id}-title\">\n<title id=\"{id}-title\">{}</title>\n{body}</svg>\n",
        escape(title)
    )
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
