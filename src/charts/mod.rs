//! Charts as static SVG, drawn at build time: horizontal bars (one or more
//! series, with an optional reference line), the age-sex pyramid and the
//! tile-grid map. A chart here is only geometry and already-formatted
//! text; what it shows, in which language, is decided by the views.
//! plotters draws the shapes; text stays text (searchable, translatable)
//! in the theme's font, measured with the same font file so that labels
//! fit.
//!
//! Charts are drawn for a phone: 320 units wide, so that their text is at
//! least 11 CSS px wherever the chart is 296 px or wider (a 320 px screen
//! less its margins); a page lets them grow to a width where the text is
//! still body-sized. One drawing serves every width, so pages stay light.

mod bars;
mod card;
mod drawing;
mod map;
mod pyramid;

use ab_glyph::{Font, FontVec, GlyphId, ScaleFont};

use crate::design::{Colour, Design};
use crate::messages::Message;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use bars::{Bars, Group, LabelPlace, draw_bars};
pub use card::{card, standalone};
use drawing::Recorder;
pub use drawing::{DrawError, Drawing, Inline, Kind, Mark, Plain, Text, TextWriter, text_id};
pub use map::{
    Area, AreaMap, MapKey, Tile, TileMap, class_of, class_step, draw_areas, draw_locator, draw_map,
};
pub use pyramid::{Pyramid, PyramidRow, draw_pyramid};

/// The font family name charts write into their SVG; the theme's CSS
/// declares it with `@font-face`.
pub const FAMILY: &str = "hromada-sans";

/// The width every chart is laid out at; it scales with the page.
pub const WIDTH: u32 = 320;

/// How charts look: the font their labels are measured in, and the
/// colours of the theme's design. The theme owns it.
pub struct ChartStyle {
    pub font: ChartFont,
    pub palette: Palette,
}

/// The colours charts and maps draw with, from the theme's design.
pub struct Palette {
    ink: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
    paper: RGBColor,
    /// Highlighted bars (the community on its own page); the locator's
    /// oblast.
    highlight: RGBColor,
    series: Vec<RGBColor>,
    classes: [RGBColor; 5],
    /// The text colour that reads on each class.
    class_text: [RGBColor; 5],
}

impl Palette {
    /// The colour of series `i` (the series' colours repeat past the last).
    fn series(&self, i: usize) -> RGBColor {
        self.series[i % self.series.len().max(1)]
    }
}

impl ChartStyle {
    /// The style of `font` and the colours of `design`.
    pub fn new(font: ChartFont, design: &Design) -> ChartStyle {
        let rgb = |c: Colour| RGBColor(c.0[0], c.0[1], c.0[2]);
        let c = &design.colours;
        ChartStyle {
            font,
            palette: Palette {
                ink: rgb(c.ink),
                muted: rgb(c.muted),
                grid: rgb(c.line),
                paper: rgb(c.paper),
                highlight: rgb(c.highlight),
                series: c.series.iter().map(|s| rgb(*s)).collect(),
                classes: c.classes.map(rgb),
                class_text: c.classes.map(|k| rgb(k.text_on(c.ink))),
            },
        }
    }
}

/// A colour as the SVG writes it: `#RRGGBB`, or `none` for no colour.
struct Paint(Option<RGBColor>);

impl std::fmt::Display for Paint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write as _;
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        let Some(RGBColor(r, g, b)) = self.0 else {
            return f.write_str("none");
        };
        f.write_char('#')?;
        for v in [r, g, b] {
            f.write_char(char::from(DIGITS[usize::from(v >> 4)]))?;
            f.write_char(char::from(DIGITS[usize::from(v & 15)]))?;
        }
        Ok(())
    }
}

/// A colour as the SVG writes it.
fn hex(colour: RGBColor) -> Paint {
    Paint(Some(colour))
}

/// A number in a drawing as `f64`'s `Display` writes it; whole numbers,
/// most of them, without the float formatter.
struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        // -0 is written `-0`, as by `Display`.
        if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
            std::fmt::Display::fmt(&(x as i64), f)
        } else {
            std::fmt::Display::fmt(&x, f)
        }
    }
}

/// The text size labels are measured at, in the units plotters measures
/// in; they are drawn at `TEXT / 1.24` px, as plotters draws them.
const TEXT: f64 = 16.0;
/// The font size labels are written with.
const TEXT_PX: &str = "12.9";

/// The font chart labels are measured in: the theme's `fonts/regular.ttf`,
/// parsed once when the theme loads, with the glyph and advance of every
/// character up to the end of Cyrillic looked up once (a character map
/// lookup per character was a twentieth of a page's cost). The theme owns
/// it, so a preview that reloads the theme measures with the new font.
pub struct ChartFont {
    font: FontVec,
    common: Vec<(GlyphId, f32)>,
}

impl ChartFont {
    /// Parses a TrueType or OpenType font.
    pub fn parse(bytes: Vec<u8>) -> Result<ChartFont, Message> {
        let font = FontVec::try_from_vec(bytes)
            .map_err(|_| tr!("not a usable TrueType or OpenType font"))?;
        let scaled = font.as_scaled(TEXT as f32);
        let common = (0..0x500u32)
            .map(|c| {
                let glyph = scaled.glyph_id(char::from_u32(c).unwrap_or('\0'));
                (glyph, scaled.h_advance(glyph))
            })
            .collect();
        Ok(ChartFont { font, common })
    }

    /// The glyph of `c` and its advance at the text size.
    fn glyph(&self, c: char) -> (GlyphId, f32) {
        self.common.get(c as usize).copied().unwrap_or_else(|| {
            let scaled = self.font.as_scaled(TEXT as f32);
            let glyph = scaled.glyph_id(c);
            (glyph, scaled.h_advance(glyph))
        })
    }

    /// The characters of `text` the font has no glyph for.
    pub fn missing(&self, text: &str) -> String {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|&c| !c.is_whitespace() && !c.is_control() && self.glyph(c).0 == GlyphId(0))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing.into_iter().collect()
    }

    /// The width `text` takes, with a margin for the difference between
    /// how plotters measures and how browsers render.
    fn text_width(&self, text: &str) -> i32 {
        let mut pen = Pen::new(self);
        text.chars().for_each(|c| pen.advance(c));
        pen.width()
    }

    /// `text` cut with an ellipsis to fit `width`: the longest prefix
    /// (trailing spaces trimmed) that fits with "…" after it, each prefix
    /// measured once.
    fn fit(&self, text: &str, width: i32) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut pens = Vec::with_capacity(chars.len() + 1);
        let mut pen = Pen::new(self);
        pens.push(pen);
        for c in &chars {
            pen.advance(*c);
            pens.push(pen);
        }
        if pen.width() <= width {
            return text.to_string();
        }
        for end in (1..chars.len()).rev() {
            let kept = chars[..end]
                .iter()
                .rposition(|c| !c.is_whitespace())
                .map_or(0, |i| i + 1);
            let mut cut = pens[kept];
            cut.advance('…');
            if cut.width() <= width {
                return chars[..kept].iter().chain(['…'].iter()).collect();
            }
        }
        "…".into()
    }
}

/// Text measured as plotters measures it (advances, then kerning with the
/// glyph before, at the text size).
#[derive(Clone, Copy)]
struct Pen<'f> {
    font: &'f ChartFont,
    x: f32,
    previous: Option<GlyphId>,
}

impl<'f> Pen<'f> {
    fn new(font: &'f ChartFont) -> Pen<'f> {
        Pen {
            font,
            x: 0.0,
            previous: None,
        }
    }

    fn advance(&mut self, c: char) {
        let (glyph, advance) = self.font.glyph(c);
        self.x += advance;
        if let Some(p) = self.previous {
            self.x += self.font.font.as_scaled(TEXT as f32).kern(p, glyph);
        }
        self.previous = Some(glyph);
    }

    /// The width so far, with the margin.
    fn width(&self) -> i32 {
        (f64::from(self.x as i32) * 1.1).ceil() as i32
    }
}

/// A chart's labels, written after its shapes in one group that carries
/// the font once. (plotters writes the font into every label and looks it
/// up for each: most of a chart's cost, and a sixth of a passport page.)
#[derive(Default)]
struct Labels(Vec<Mark>);

impl Labels {
    /// Adds `text` at `(x, y)`, anchored the way plotters anchors text.
    fn add(&mut self, text: &str, at: (i32, i32), color: RGBColor, anchor: Pos) {
        self.write(text, at, color, anchor, None);
    }

    /// Adds `text` over the chart's lines, with a halo of the paper's
    /// colour (`palette`'s) that keeps it legible where a line runs under.
    fn add_over_lines(&mut self, text: &str, at: (i32, i32), palette: &Palette, anchor: Pos) {
        self.write(text, at, palette.ink, anchor, Some(palette.paper));
    }

    fn write(
        &mut self,
        text: &str,
        (x, y): (i32, i32),
        color: RGBColor,
        anchor: Pos,
        halo: Option<RGBColor>,
    ) {
        let h_pos = match anchor.h_pos {
            HPos::Left => drawing::HPos::Left,
            HPos::Center => drawing::HPos::Center,
            HPos::Right => drawing::HPos::Right,
        };
        let v_pos = match anchor.v_pos {
            VPos::Top => drawing::VPos::Top,
            VPos::Center => drawing::VPos::Center,
            VPos::Bottom => drawing::VPos::Bottom,
        };
        self.0.push(Mark::Text(Text {
            dy: Some(v_pos),
            anchor: Some(h_pos),
            halo,
            ..Text::new(text, (f64::from(x), f64::from(y)), color)
        }));
    }
}

/// Up to about five round tick values from 0 to at least `max`.
pub fn ticks(max: f64) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// A chart drawn by plotters into `shapes`, `size` units, with `labels`
/// over them.
fn finish(
    size: (u32, u32),
    shapes: Vec<Mark>,
    labels: Labels,
    title: &str,
    description: &str,
) -> Drawing {
    Drawing {
        size,
        kind: Kind::Chart {
            title: title.to_string(),
            description: description.to_string(),
            class: "chart",
            role: "img",
        },
        shapes,
        marks: labels.0,
    }
}

/// Which of `positions` (x of each tick, left to right) can carry their
/// label `widths` wide without two touching: every one, else every second,
/// third, …, always counting from the first.
fn labelled_ticks(positions: &[i32], widths: &[i32]) -> Vec<bool> {
    let room = |step: usize| {
        positions
            .iter()
            .zip(widths)
            .step_by(step)
            .collect::<Vec<_>>()
            .windows(2)
            .all(|w| (w[1].0 - w[0].0) * 2 >= w[0].1 + w[1].1 + 12)
    };
    let step = (1..positions.len().max(1))
        .find(|s| room(*s))
        .unwrap_or(positions.len().max(1));
    (0..positions.len()).map(|i| i % step == 0).collect()
}

/// A legend of colour swatches and names, flowing onto a new line where a
/// line is full: where each item goes (from `(left, top)`), and the height
/// the legend takes.
fn legend_layout(
    font: &ChartFont,
    names: &[&str],
    (left, top): (i32, i32),
) -> (Vec<(i32, i32)>, i32) {
    let (mut x, mut y) = (left, top);
    let mut places = Vec::new();
    for name in names {
        let w = 18 + font.text_width(name) + 14;
        if x + w > WIDTH as i32 - left && x > left {
            x = left;
            y += 18;
        }
        places.push((x, y));
        x += w;
    }
    (places, y + 18 - top)
}

/// Draws a legend laid out by [`legend_layout`].
fn draw_legend(
    root: &Canvas,
    labels: &mut Labels,
    items: &[(RGBColor, &str)],
    places: &[(i32, i32)],
    ink: RGBColor,
) -> Result<(), DrawError> {
    use plotters::prelude::*;
    for ((color, name), (x, y)) in items.iter().zip(places) {
        root.draw(&Rectangle::new(
            [(*x, y + 2), (x + 12, y + 14)],
            color.filled(),
        ))?;
        labels.add(
            name,
            (x + 16, y + 8),
            ink,
            Pos::new(HPos::Left, VPos::Center),
        );
    }
    Ok(())
}

/// Where plotters draws a chart: a [`Recorder`].
type Canvas<'m> = plotters::drawing::DrawingArea<Recorder<'m>, plotters::coord::Shift>;

/// The default theme's chart font, for unit tests.
#[cfg(test)]
pub(crate) fn test_font() -> ChartFont {
    ChartFont::parse(include_bytes!("../../themes/default/fonts/regular.ttf").to_vec()).unwrap()
}

/// The default theme's font and design, for tests that draw.
#[cfg(test)]
pub(crate) fn test_style() -> ChartStyle {
    let design = Design::parse(
        include_str!("../../themes/default/design.toml"),
        std::path::Path::new("design.toml"),
    )
    .unwrap();
    ChartStyle::new(test_font(), &design)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_too_long_is_cut_to_the_longest_prefix_that_fits() {
        let font = test_font();
        let label = "Можемо купувати товари тривалого вжитку";
        assert_eq!(font.fit(label, font.text_width(label)), label);
        let width = font.text_width("Можемо купувати товари…");
        let cut = font.fit(label, width);
        // Cut at a space: the space is trimmed before the ellipsis.
        assert_eq!(cut, "Можемо купувати товари…");
        assert!(font.text_width(&cut) <= width);
        // One more letter would not fit.
        assert!(font.text_width("Можемо купувати товари т…") > width);
        assert_eq!(font.fit(label, 1), "…");
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(23.6), vec![0.0, 10.0, 20.0, 30.0]);
        assert_eq!(
            ticks(777_234.0),
            vec![0.0, 200_000.0, 400_000.0, 600_000.0, 800_000.0]
        );
        assert_eq!(ticks(100.0), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(ticks(0.0), vec![0.0, 1.0]);
    }
}
