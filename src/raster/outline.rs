//! A drawing's text as outlines, each glyph drawn once: the SVG is written
//! as ever but for its texts, each a `<use>` of each glyph where usvg's
//! text layout puts it, with the glyphs' paths (from the font, by
//! ttf-parser) in one `<defs>`.

use std::collections::BTreeMap;
use std::fmt::Write;

use resvg::usvg::{self, Tree, fontdb};

use crate::charts::{Text, TextWriter, text_id};

/// A drawing's texts written as the glyphs usvg laid them out in (a tree
/// of the same drawing, its texts marked), with the glyphs' outlines in
/// one `<defs>` at the end.
pub(super) struct Outlines<'t> {
    texts: BTreeMap<&'t str, &'t usvg::Text>,
    glyphs: Glyphs<'t>,
}

impl<'t> Outlines<'t> {
    pub(super) fn new(tree: &'t Tree) -> Outlines<'t> {
        let mut texts = BTreeMap::new();
        collect_texts(tree.root(), &mut texts);
        Outlines {
            texts,
            glyphs: Glyphs::new(tree.fontdb()),
        }
    }
}

impl TextWriter for Outlines<'_> {
    fn text(&mut self, out: &mut String, n: usize, _: &Text) {
        if let Some(text) = self.texts.get(text_id(n).as_str()) {
            self.glyphs.write_text(out, text);
        }
        out.push('\n');
    }

    fn root_attributes(&self) -> &str {
        // XLink's namespace: `xlink:href` is what SVG 1.1 readers (drawing
        // programs, office suites) follow.
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    }

    fn end(&mut self, out: &mut String) {
        out.push_str(&self.glyphs.defs());
    }
}

/// Every text of `group` and the groups in it, by id.
fn collect_texts<'t>(group: &'t usvg::Group, texts: &mut BTreeMap<&'t str, &'t usvg::Text>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_texts(g, texts),
            usvg::Node::Text(t) => {
                texts.insert(t.id(), t);
            }
            _ => {}
        }
    }
}

/// The glyphs an SVG's texts use, each outlined once.
struct Glyphs<'f> {
    fontdb: &'f fontdb::Database,
    /// Each glyph's `<path>` in font units, by its id in the SVG.
    paths: BTreeMap<String, Option<String>>,
}

impl<'f> Glyphs<'f> {
    fn new(fontdb: &'f fontdb::Database) -> Glyphs<'f> {
        Glyphs {
            fontdb,
            paths: BTreeMap::new(),
        }
    }

    /// Writes `text` as its glyphs: a group for each span (its fill, and
    /// the scale and place of its first glyph), a `<use>` for each glyph.
    fn write_text(&mut self, out: &mut String, text: &usvg::Text) {
        for span in text.layouted().iter().filter(|s| s.visible) {
            let Some(first) = span.positioned_glyphs.first() else {
                continue;
            };
            let (fill, opacity) = match span.fill.as_ref() {
                Some(fill) => match fill.paint() {
                    usvg::Paint::Color(c) => (
                        format!("#{:02x}{:02x}{:02x}", c.red, c.green, c.blue),
                        fill.opacity().get(),
                    ),
                    _ => ("#000000".to_string(), fill.opacity().get()),
                },
                None => ("none".to_string(), 1.0),
            };
            let t = first.outline_transform();
            let matrix = format!(
                "matrix({} {} {} {} {} {})",
                number(t.sx, 6),
                number(t.ky, 6),
                number(t.kx, 6),
                number(t.sy, 6),
                number(t.tx, 2),
                number(t.ty, 2),
            );
            let det = t.sx * t.sy - t.kx * t.ky;
            let mut uses = String::new();
            for glyph in &span.positioned_glyphs {
                let Some(id) = self.glyph(glyph.font, glyph.id) else {
                    continue;
                };
                // The glyph's place in the group's (font) units.
                let g = glyph.outline_transform();
                let (dx, dy) = (g.tx - t.tx, g.ty - t.ty);
                let x = (t.sy * dx - t.kx * dy) / det;
                let y = (t.sx * dy - t.ky * dx) / det;
                write!(uses, "<use xlink:href=\"#{id}\"").ok();
                for (name, value) in [("x", x), ("y", y)] {
                    let value = number(value, 0);
                    if value != "0" {
                        write!(uses, " {name}=\"{value}\"").ok();
                    }
                }
                uses.push_str("/>");
            }
            let opacity = match opacity < 1.0 {
                true => format!(" fill-opacity=\"{}\"", number(opacity, 3)),
                false => String::new(),
            };
            let fill = format!("<g fill=\"{fill}\"{opacity} transform=\"{matrix}\">{uses}</g>");
            // A text's stroke (a label's halo) is drawn whole, under or over
            // the whole fill, as the text draws it: not letter by letter.
            match halo(span, t.sx.abs()) {
                Some((stroke, true)) => write!(
                    out,
                    "<g fill=\"none\"{stroke} transform=\"{matrix}\">{uses}</g>{fill}"
                )
                .ok(),
                Some((stroke, false)) => write!(
                    out,
                    "{fill}<g fill=\"none\"{stroke} transform=\"{matrix}\">{uses}</g>"
                )
                .ok(),
                None => write!(out, "{fill}").ok(),
            };
        }
    }

    /// The id of a glyph's path, outlined the first time it is asked for;
    /// `None` for a glyph with nothing to draw (a space).
    fn glyph(&mut self, font: fontdb::ID, glyph: ttf_parser::GlyphId) -> Option<String> {
        let face = self.fontdb.faces().position(|f| f.id == font)?;
        let id = format!("g{face}-{}", glyph.0);
        if !self.paths.contains_key(&id) {
            let path = self
                .fontdb
                .with_face_data(font, |data, index| {
                    let face = ttf_parser::Face::parse(data, index).ok()?;
                    let mut path = PathData::default();
                    face.outline_glyph(glyph, &mut path)?;
                    Some(path.d)
                })
                .flatten();
            self.paths.insert(id.clone(), path);
        }
        self.paths[&id].is_some().then_some(id)
    }

    /// The `<defs>` holding every glyph used, in font units.
    fn defs(&self) -> String {
        let mut defs = String::from("<defs>");
        for (id, path) in &self.paths {
            if let Some(d) = path {
                write!(defs, "<path id=\"{id}\" d=\"{d}\"/>").ok();
            }
        }
        defs.push_str("</defs>");
        defs
    }
}

/// The stroke a span's letters carry (a label's halo), in the font units
/// its group is drawn in (`scale` user units to one), and whether it is
/// drawn under the fill; `None` when it has none.
fn halo(span: &usvg::layout::Span, scale: f32) -> Option<(String, bool)> {
    let stroke = span.stroke.as_ref()?;
    let colour = match stroke.paint() {
        usvg::Paint::Color(c) => format!("#{:02x}{:02x}{:02x}", c.red, c.green, c.blue),
        _ => "#000000".to_string(),
    };
    let join = match stroke.linejoin() {
        usvg::LineJoin::Round => " stroke-linejoin=\"round\"",
        usvg::LineJoin::Bevel => " stroke-linejoin=\"bevel\"",
        _ => "",
    };
    let under = span.paint_order == usvg::PaintOrder::StrokeAndFill;
    let width = number(stroke.width().get() / scale.max(f32::MIN_POSITIVE), 0);
    Some((
        format!(" stroke=\"{colour}\" stroke-width=\"{width}\"{join}"),
        under,
    ))
}

/// A glyph's outline as SVG path data, in whole font units (a unit is a
/// thousandth of the letter's size: finer than any screen shows), each
/// point relative to the one before (shorter numbers).
#[derive(Default)]
struct PathData {
    d: String,
    /// The current point, and where the outline being drawn started
    /// (where closing it goes back to).
    at: (f32, f32),
    start: (f32, f32),
}

impl PathData {
    /// Writes `command` and its points, relative to the current point,
    /// which becomes the last of them.
    fn push(&mut self, command: char, points: &[(f32, f32)]) {
        self.d.push(command);
        for (i, &(x, y)) in points.iter().enumerate() {
            for (j, delta) in [x.round() - self.at.0, y.round() - self.at.1]
                .into_iter()
                .enumerate()
            {
                let delta = number(delta, 0);
                // A minus sign separates numbers as well as a space.
                if (i, j) != (0, 0) && !delta.starts_with('-') {
                    self.d.push(' ');
                }
                self.d.push_str(&delta);
            }
        }
        if let Some(&(x, y)) = points.last() {
            self.at = (x.round(), y.round());
        }
    }
}

impl ttf_parser::OutlineBuilder for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        self.push('m', &[(x, y)]);
        self.start = self.at;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.push('l', &[(x, y)]);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.push('q', &[(x1, y1), (x, y)]);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.push('c', &[(x1, y1), (x2, y2), (x, y)]);
    }
    fn close(&mut self) {
        self.d.push('z');
        self.at = self.start;
    }
}

/// `value` with at most `decimals` places and no trailing zeros.
fn number(value: f32, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    match text {
        "-0" => "0".to_string(),
        t => t.to_string(),
    }
}
