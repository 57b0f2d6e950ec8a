//! Charts as static SVG, drawn at build time with plotters: horizontal bars
//! (one or more series, with an optional reference line) and the age-sex
//! pyramid. A chart here is only geometry and already-formatted text; what
//! it shows, in which language, is decided by the views. Text stays text
//! (searchable, translatable) in the theme's font, measured with the same
//! font file so that labels fit.

mod bars;
mod pyramid;

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, ScaleFont};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, Text};
use plotters::style::text_anchor::Pos;
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor};

pub use bars::{Bars, Group, draw_bars};
pub use pyramid::{Pyramid, PyramidRow, draw_pyramid};

/// The font family name charts write into their SVG; the theme's CSS
/// declares it with `@font-face`.
pub const FAMILY: &str = "hromada-sans";

/// The width every chart is laid out at; it scales with the page.
pub const WIDTH: u32 = 640;

/// Colours safe for colour-blind readers (Okabe-Ito), distinct in greyscale.
pub const SERIES: [RGBColor; 3] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
];
const INK: RGBColor = RGBColor(27, 31, 36);
const MUTED: RGBColor = RGBColor(85, 93, 102);
const GRID: RGBColor = RGBColor(213, 217, 222);
/// Highlighted bars (the community on its own page) are drawn in this.
const HIGHLIGHT: RGBColor = RGBColor(213, 94, 0);

/// The text size charts use, in the units plotters takes (it writes
/// `size / 1.24` as the SVG font size: 13 px).
const TEXT: f64 = 16.0;

/// The theme's regular chart font, parsed once, for measuring labels.
static MEASURE: OnceLock<FontRef<'static>> = OnceLock::new();

/// Registers the theme's fonts for measuring text; the first call wins.
pub fn register_fonts(regular: Vec<u8>, bold: Vec<u8>) -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        let unusable = || {
            "the theme's chart font (fonts/*.ttf) is not a usable TrueType or OpenType font"
                .to_string()
        };
        for (style, bytes) in [(FontStyle::Normal, regular), (FontStyle::Bold, bold)] {
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            plotters::style::register_font(FAMILY, style, bytes).map_err(|_| unusable())?;
            if let FontStyle::Normal = style {
                let _ = MEASURE.set(FontRef::try_from_slice(bytes).map_err(|_| unusable())?);
            }
        }
        Ok(())
    })
    .clone()
}

/// A function that draws text on `root` in the chart font. The font is
/// looked up once per chart: plotters looks it up in a locked table and
/// copies it each time a `FontDesc` is made.
fn text_drawer<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
) -> impl Fn(&str, (i32, i32), RGBColor, Pos) + 'a {
    let font = FontDesc::new(FontFamily::Name(FAMILY), TEXT, FontStyle::Normal);
    move |s, pos, color, anchor| {
        root.draw(&Text::new(
            s.to_string(),
            pos,
            font.color(&color).pos(anchor),
        ))
        .ok();
    }
}

/// The width `text` takes in the chart's font, with a margin for the
/// difference between how plotters measures and how browsers render.
/// Measured as plotters measures (advances and kerning at the text size),
/// on the font parsed once at registration.
fn text_width(text: &str) -> i32 {
    let measured = MEASURE
        .get()
        .map_or(text.chars().count() as i32 * 8, |font| {
            let font = font.as_scaled(TEXT as f32);
            let mut width = 0f32;
            let mut previous = None;
            for c in text.chars() {
                let glyph = font.glyph_id(c);
                width += font.h_advance(glyph);
                if let Some(p) = previous {
                    width += font.kern(p, glyph);
                }
                previous = Some(glyph);
            }
            width as i32
        });
    (f64::from(measured) * 1.1).ceil() as i32
}

/// `text` cut with an ellipsis to fit `width`.
fn fit(text: &str, width: i32) -> String {
    if text_width(text) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while chars.len() > 1 {
        chars.pop();
        let cut: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if text_width(&cut) <= width {
            return cut;
        }
    }
    "…".into()
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

/// An accessible SVG: the plotters output with its fixed size replaced by
/// a viewBox (so it scales with the page), `role="img"`, a title and a
/// description that states the key figure.
fn finish(svg: String, id: &str, title: &str, description: &str) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let (width, height) = svg[..body_start]
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|wh| wh.split_once(' '))
        .unwrap_or(("640", "400"));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>{}",
        crate::theme::escape(title),
        crate::theme::escape(description),
        &svg[body_start..]
    )
}

/// Registers the default theme's fonts in unit tests.
#[cfg(test)]
pub(crate) mod tests_support {
    pub fn fonts() {
        super::register_fonts(
            include_bytes!("../../themes/default/fonts/regular.ttf").to_vec(),
            include_bytes!("../../themes/default/fonts/bold.ttf").to_vec(),
        )
        .unwrap();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
