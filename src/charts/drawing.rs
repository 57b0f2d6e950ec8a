//! A drawing as data: the shapes and texts of a chart, map, standalone
//! file or share card, recorded once and written as SVG by one writer
//! that takes the id prefix and the font as parameters. plotters draws
//! into [`Recorder`], a backend of ours; the page, the chart's file, its
//! PNG, the card and the PDF all start from the same [`Drawing`], so no
//! later stage edits SVG text.

use std::fmt::Write;
use std::sync::Arc;

use plotters::style::RGBColor;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};

use super::{Num, Paint, TEXT_PX, hex};
use crate::html::{escape, escape_into};

/// What a drawing is, which decides how its SVG opens.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A chart or map on a page, scaling with it (a viewBox, no size):
    /// titled and described by ids derived from the writer's id prefix.
    Chart {
        title: String,
        description: String,
        class: &'static str,
        /// `img`, or `group` for a map whose tiles are links.
        role: &'static str,
    },
    /// The small map marking a region: titled.
    Locator { title: String },
    /// A picture at a fixed size (a chart's file, a share card), with a
    /// title and description when it has them.
    Picture { about: Option<(String, String)> },
}

/// A drawing: its size in units, what it is, the shapes plotters drew and
/// the marks over them (set in the font).
#[derive(Debug, Clone)]
pub struct Drawing {
    pub size: (u32, u32),
    pub kind: Kind,
    /// Under the labels (a chart's bars and lines).
    pub shapes: Vec<Mark>,
    /// Texts, swatches, tiles and links, over the shapes.
    pub marks: Vec<Mark>,
}

/// One thing drawn.
#[derive(Debug, Clone)]
pub enum Mark {
    /// A rectangle plotters drew, filled or outlined.
    Rect {
        from: BackendCoord,
        to: BackendCoord,
        colour: RGBColor,
        opacity: f64,
        filled: bool,
    },
    /// A line through points, as plotters drew it.
    Line {
        points: Vec<BackendCoord>,
        colour: RGBColor,
        opacity: f64,
        width: u32,
    },
    /// A legend's swatch or a map's tile: filled, outlined (or not), the
    /// outline dashed for "no data".
    Swatch {
        at: (i32, i32),
        size: (i32, i32),
        fill: RGBColor,
        outline: Option<RGBColor>,
        dashed: bool,
    },
    /// A plain fill: at a place, or (with none) at the drawing's corner.
    Fill {
        at: Option<(i32, i32)>,
        size: (u32, u32),
        fill: RGBColor,
    },
    /// A region's outline, as SVG path data in the drawing's units.
    Area {
        path: String,
        fill: RGBColor,
        stroke: RGBColor,
    },
    Text(Text),
    /// Marks that lead to a page (or, with no page, a group), titled.
    Link {
        href: Option<String>,
        label: String,
        marks: Vec<Mark>,
    },
    /// Another drawing placed `width` wide at `at` (as tall as its size
    /// makes it), its ids from `id`.
    Nested {
        at: (u32, u32),
        width: u32,
        id: String,
        drawing: Arc<Drawing>,
    },
}

/// Which part of a text stands at its place across.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HPos {
    Left,
    Center,
    Right,
}

/// Which part of a text stands at its place's height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VPos {
    Top,
    Center,
    Bottom,
}

/// A text, already in the page's language.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    pub at: (f64, f64),
    /// Which of its parts is at `at`'s height, when it is set off.
    pub dy: Option<VPos>,
    /// Which of its parts is at `at` across (the start, when not given).
    pub anchor: Option<HPos>,
    /// Its size, when not the drawing's.
    pub size: Option<f64>,
    pub bold: bool,
    pub fill: RGBColor,
    /// A halo of this colour, to keep it legible over lines.
    pub halo: Option<RGBColor>,
}

impl Text {
    /// `text` at `at` in `fill`, in the drawing's size and weight.
    pub fn new(text: impl Into<String>, at: (f64, f64), fill: RGBColor) -> Text {
        Text {
            text: text.into(),
            at,
            dy: None,
            anchor: None,
            size: None,
            bold: false,
            fill,
            halo: None,
        }
    }
}

/// How a drawing's texts are written: as `<text>` elements, or (for a
/// file that must show without the font) by another writer.
pub trait TextWriter {
    /// Writes text number `n` (in the order the SVG holds them).
    fn text(&mut self, out: &mut String, n: usize, text: &Text);
    /// Attributes the root element carries besides its own.
    fn root_attributes(&self) -> &str {
        ""
    }
    /// Writes what goes before the root's end (definitions the texts use).
    fn end(&mut self, _out: &mut String) {}
}

/// Texts as `<text>` elements; `marked` names each (`hromada-text-N`) so
/// that a reader of the SVG can find it.
pub struct Plain {
    pub marked: bool,
}

/// What [`Plain`] names text `n` when it marks them.
pub fn text_id(n: usize) -> String {
    format!("hromada-text-{n}")
}

impl TextWriter for Plain {
    fn text(&mut self, out: &mut String, n: usize, t: &Text) {
        out.push_str("<text");
        if self.marked {
            let _ = write!(out, " id=\"{}\"", text_id(n));
        }
        let _ = write!(out, " x=\"{}\" y=\"{}\"", Num(t.at.0), Num(t.at.1));
        if let Some(dy) = t.dy {
            out.push_str(match dy {
                VPos::Top => " dy=\"0.76em\"",
                VPos::Center => " dy=\"0.5ex\"",
                VPos::Bottom => " dy=\"-0.5ex\"",
            });
        }
        if let Some(anchor) = t.anchor {
            out.push_str(match anchor {
                HPos::Left => " text-anchor=\"start\"",
                HPos::Right => " text-anchor=\"end\"",
                HPos::Center => " text-anchor=\"middle\"",
            });
        }
        if let Some(size) = t.size {
            let _ = write!(out, " font-size=\"{}\"", Num(size));
        }
        if t.bold {
            out.push_str(" font-weight=\"700\"");
        }
        let _ = write!(out, " fill=\"{}\"", hex(t.fill));
        if let Some(halo) = t.halo {
            let _ = write!(
                out,
                " stroke=\"{}\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                hex(halo)
            );
        }
        out.push('>');
        escape_into(out, &t.text);
        out.push_str("</text>\n");
    }
}

impl Drawing {
    /// The drawing as SVG: ids derived from `id`, texts in the font
    /// `family`, written as `<text>`.
    pub fn svg(&self, id: &str, family: &str) -> String {
        self.svg_with(id, family, &mut Plain { marked: false })
    }

    /// The drawing as SVG, its texts written by `texts`.
    pub fn svg_with(&self, id: &str, family: &str, texts: &mut dyn TextWriter) -> String {
        let mut writer = Writer {
            out: String::with_capacity(4096),
            family,
            texts,
            count: 0,
        };
        writer.drawing(self, id, None, true);
        writer.out
    }

    /// What its texts and title say, one after another (to check that
    /// the font has every letter).
    pub fn texts(&self) -> String {
        let mut out = String::new();
        collect(&self.shapes, &mut out);
        collect(&self.marks, &mut out);
        match &self.kind {
            Kind::Chart { title, .. } | Kind::Locator { title } => out.push_str(title),
            Kind::Picture { about } => {
                if let Some((title, _)) = about {
                    out.push_str(title);
                }
            }
        }
        out
    }
}

fn collect(marks: &[Mark], out: &mut String) {
    for mark in marks {
        match mark {
            Mark::Text(t) => {
                out.push_str(&t.text);
                out.push(' ');
            }
            Mark::Link { marks, .. } => collect(marks, out),
            Mark::Nested { drawing, .. } => out.push_str(&drawing.texts()),
            _ => {}
        }
    }
}

/// Writes drawings as SVG.
struct Writer<'w> {
    out: String,
    family: &'w str,
    texts: &'w mut dyn TextWriter,
    /// Texts written so far.
    count: usize,
}

impl Writer<'_> {
    /// `d`, its ids from `id`; `place` (x, y, width, height) for a drawing
    /// nested in another; `root` for the outermost.
    fn drawing(&mut self, d: &Drawing, id: &str, place: Option<(u32, u32, u32, u32)>, root: bool) {
        let (width, height) = d.size;
        self.out.push_str("<svg");
        if root {
            self.out.push_str(self.texts.root_attributes());
        }
        if let Some((x, y, w, h)) = place {
            let _ = write!(
                self.out,
                " x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\""
            );
        }
        let _ = write!(
            self.out,
            " xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\""
        );
        match &d.kind {
            Kind::Chart {
                title,
                description,
                class,
                role,
            } => {
                let _ = write!(
                    self.out,
                    " class=\"{class}\" role=\"{role}\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
                    escape(title),
                    escape(description)
                );
                if !d.shapes.is_empty() {
                    self.out.push('\n');
                    self.marks(&d.shapes);
                }
                let _ = writeln!(
                    self.out,
                    "<g font-family=\"{}\" font-size=\"{TEXT_PX}\">",
                    self.family
                );
                self.marks(&d.marks);
                self.out.push_str("</g>\n");
            }
            Kind::Locator { title } => {
                let _ = writeln!(
                    self.out,
                    " class=\"locator\" role=\"img\" aria-labelledby=\"{id}-title\">\n<title id=\"{id}-title\">{}</title>",
                    escape(title)
                );
                self.marks(&d.shapes);
                self.marks(&d.marks);
            }
            Kind::Picture { about } => {
                let _ = writeln!(
                    self.out,
                    " width=\"{width}\" height=\"{height}\" font-family=\"{}\">",
                    self.family
                );
                if let Some((title, description)) = about {
                    let _ = writeln!(
                        self.out,
                        "<title>{}</title>\n<desc>{}</desc>",
                        escape(title),
                        escape(description)
                    );
                }
                self.marks(&d.shapes);
                self.marks(&d.marks);
            }
        }
        if root {
            self.texts.end(&mut self.out);
        }
        self.out.push_str("</svg>\n");
    }

    fn marks(&mut self, marks: &[Mark]) {
        for mark in marks {
            self.mark(mark);
        }
    }

    fn mark(&mut self, mark: &Mark) {
        let out = &mut self.out;
        match mark {
            Mark::Rect {
                from,
                to,
                colour,
                opacity,
                filled,
            } => {
                let (fill, stroke) = match filled {
                    true => (hex(*colour), Paint(None)),
                    false => (Paint(None), hex(*colour)),
                };
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" opacity=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\"/>",
                    from.0,
                    from.1,
                    to.0 - from.0,
                    to.1 - from.1,
                    Num(*opacity)
                );
            }
            Mark::Line {
                points,
                colour,
                opacity,
                width,
            } => {
                let _ = write!(
                    out,
                    "<polyline fill=\"none\" opacity=\"{}\" stroke=\"{}\" stroke-width=\"{width}\" points=\"",
                    Num(*opacity),
                    hex(*colour)
                );
                for (x, y) in points {
                    let _ = write!(out, "{x},{y} ");
                }
                out.push_str("\"/>\n");
            }
            Mark::Swatch {
                at,
                size,
                fill,
                outline,
                dashed,
            } => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-dasharray=\"{}\"/>",
                    at.0,
                    at.1,
                    size.0,
                    size.1,
                    hex(*fill),
                    Paint(*outline),
                    if *dashed { "3 2" } else { "none" }
                );
            }
            Mark::Fill { at, size, fill } => {
                out.push_str("<rect");
                if let Some((x, y)) = at {
                    let _ = write!(out, " x=\"{x}\" y=\"{y}\"");
                }
                let _ = writeln!(
                    out,
                    " width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                    size.0,
                    size.1,
                    hex(*fill)
                );
            }
            Mark::Area { path, fill, stroke } => {
                let _ = writeln!(
                    out,
                    "<path d=\"{path}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"0.4\"/>",
                    hex(*fill),
                    hex(*stroke)
                );
            }
            Mark::Text(text) => {
                self.texts.text(out, self.count, text);
                self.count += 1;
            }
            Mark::Link { href, label, marks } => {
                let label = escape(label);
                let _ = match href {
                    Some(href) => writeln!(
                        out,
                        "<a href=\"{}\" aria-label=\"{label}\"><title>{label}</title>",
                        escape(href)
                    ),
                    None => writeln!(out, "<g><title>{label}</title>"),
                };
                self.marks(marks);
                self.out.push_str(match href {
                    Some(_) => "</a>\n",
                    None => "</g>\n",
                });
            }
            Mark::Nested {
                at,
                width,
                id,
                drawing,
            } => {
                let (w, h) = drawing.size;
                let height = (f64::from(*width) * f64::from(h) / f64::from(w)).round() as u32;
                self.drawing(drawing, id, Some((at.0, at.1, *width, height)), false);
                self.out.push('\n');
            }
        }
    }
}

/// A plotters backend that records what is drawn as [`Mark`]s, into
/// `marks`.
pub struct Recorder<'m> {
    size: (u32, u32),
    marks: &'m mut Vec<Mark>,
}

impl Recorder<'_> {
    /// A canvas of `size` units that records into `marks`.
    pub fn new(size: (u32, u32), marks: &mut Vec<Mark>) -> Recorder<'_> {
        Recorder { size, marks }
    }
}

/// Drawing into a [`Recorder`] cannot fail on its side.
type Never = std::convert::Infallible;

fn rgb(c: BackendColor) -> RGBColor {
    RGBColor(c.rgb.0, c.rgb.1, c.rgb.2)
}

impl DrawingBackend for Recorder<'_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &color, true)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
        filled: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let color = style.color();
        if color.alpha > 0.0 {
            self.marks.push(Mark::Rect {
                from,
                to,
                colour: rgb(color),
                opacity: color.alpha,
                filled,
            });
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let color = style.color();
        if color.alpha > 0.0 {
            self.marks.push(Mark::Line {
                points: path.into_iter().collect(),
                colour: rgb(color),
                opacity: color.alpha,
                width: style.stroke_width(),
            });
        }
        Ok(())
    }
}

/// Why plotters could not draw a chart.
#[derive(Debug, Clone)]
pub struct DrawError(pub String);

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for DrawError
{
    fn from(e: plotters::drawing::DrawingAreaErrorKind<E>) -> DrawError {
        DrawError(e.to_string())
    }
}

/// A drawing as a page shows it: serialised as its SVG, with ids from
/// `id`, in the font `family`. A drawing plotters could not make fails
/// the page that shows it, with the reason.
#[derive(Debug, Clone)]
pub struct Inline {
    pub drawing: Result<Arc<Drawing>, DrawError>,
    pub id: String,
    pub family: String,
}

impl Inline {
    /// `drawing` with ids from `id`, in the web font.
    pub fn new(drawing: Result<Drawing, DrawError>, id: &str) -> Inline {
        Inline {
            drawing: drawing.map(Arc::new),
            id: id.to_string(),
            family: super::FAMILY.to_string(),
        }
    }
}

impl serde::Serialize for Inline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.drawing {
            Ok(drawing) => serializer.serialize_str(&drawing.svg(&self.id, &self.family)),
            Err(DrawError(why)) => Err(serde::ser::Error::custom(format!(
                "the chart `{}` could not be drawn: {why}",
                self.id
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawing() -> Drawing {
        let paper = RGBColor(255, 255, 255);
        let chart = Drawing {
            size: (100, 40),
            kind: Kind::Chart {
                title: "Жителі <усі>".into(),
                description: "Опис".into(),
                class: "chart",
                role: "img",
            },
            shapes: vec![Mark::Rect {
                from: (1, 2),
                to: (11, 12),
                colour: RGBColor(0, 0x5c, 0xad),
                opacity: 1.0,
                filled: true,
            }],
            marks: vec![Mark::Text(Text::new(
                "1 & 2",
                (3.0, 4.0),
                RGBColor(0, 0, 0),
            ))],
        };
        Drawing {
            size: (200, 100),
            kind: Kind::Picture { about: None },
            shapes: Vec::new(),
            marks: vec![
                Mark::Fill {
                    at: None,
                    size: (200, 100),
                    fill: paper,
                },
                Mark::Nested {
                    at: (0, 10),
                    width: 200,
                    id: "inner".into(),
                    drawing: Arc::new(chart),
                },
            ],
        }
    }

    #[test]
    fn one_writer_takes_the_ids_and_the_font_as_parameters() {
        let web = drawing().svg("card", "hromada-sans");
        let print = drawing().svg("card", "Noto Sans");
        assert!(web.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\" width=\"200\" height=\"100\" font-family=\"hromada-sans\">\n"), "{web}");
        // The nested chart keeps its own ids, is placed and scaled, and
        // writes its labels in the same font.
        assert!(web.contains("<svg x=\"0\" y=\"10\" width=\"200\" height=\"80\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 40\" class=\"chart\" role=\"img\" aria-labelledby=\"inner-title inner-desc\">\n<title id=\"inner-title\">Жителі &lt;усі&gt;</title>"), "{web}");
        assert!(web.contains("<rect x=\"1\" y=\"2\" width=\"10\" height=\"10\" opacity=\"1\" fill=\"#005CAD\" stroke=\"none\"/>"), "{web}");
        assert!(web.contains("<g font-family=\"hromada-sans\" font-size=\"12.9\">\n<text x=\"3\" y=\"4\" fill=\"#000000\">1 &amp; 2</text>\n</g>\n</svg>\n\n</svg>\n"), "{web}");
        assert!(print.contains("font-family=\"Noto Sans\"") && !print.contains("hromada-sans"));
        assert_eq!(drawing().texts(), "1 & 2 Жителі <усі>");
    }

    #[test]
    fn a_drawing_plotters_could_not_make_fails_what_shows_it() {
        let failed = Inline::new(Err(DrawError("sharing error".into())), "chart-pyramid");
        let error = serde_json::to_string(&failed).unwrap_err().to_string();
        assert!(
            error.contains("`chart-pyramid` could not be drawn: sharing error"),
            "{error}"
        );
        let drawn = Inline::new(Ok(drawing()), "card");
        assert_eq!(
            serde_json::to_value(&drawn).unwrap(),
            drawing().svg("card", super::super::FAMILY)
        );
    }
}
