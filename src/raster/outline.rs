//! A drawing's text as outlines, each glyph drawn once: the SVG is kept as
//! written but for its `<text>` elements, which become a `<use>` of each
//! glyph where usvg's text layout puts it, with the glyphs' paths (from
//! the font, by ttf-parser) in one `<defs>`.

use std::collections::BTreeMap;
use std::fmt::Write;

use resvg::usvg::{self, Tree, fontdb};

/// `marked` (an SVG whose texts `mark_texts` named) with each text written
/// as glyphs laid out in `tree` (the same SVG, parsed).
pub(super) fn write(marked: &str, tree: &Tree) -> String {
    let mut texts = BTreeMap::new();
    collect_texts(tree.root(), &mut texts);
    let mut glyphs = Glyphs::new(tree.fontdb());
    let mut out = String::with_capacity(marked.len() * 2);
    let mut rest = marked;
    while let Some(start) = find_text(rest) {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</text>")
            .map_or(rest.len(), |e| start + e + "</text>".len());
        if let Some(text) = attribute(&rest[start..end], "id").and_then(|id| texts.get(id)) {
            glyphs.write_text(&mut out, text);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    if let Some(end) = out.rfind("</svg>") {
        out.insert_str(end, &glyphs.defs());
    }
    out.replacen("<svg ", &format!("<svg xmlns:xlink=\"{XLINK}\" "), 1)
}

/// XLink's namespace: `xlink:href` is what SVG 1.1 readers (drawing
/// programs, office suites) follow.
const XLINK: &str = "http://www.w3.org/1999/xlink";
/// What each `<text>` is named while it is laid out.
const TEXT_ID: &str = "hromada-text-";

/// Where the next `<text>` element starts in `svg`.
fn find_text(svg: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = svg[from..].find("<text") {
        let at = from + at;
        if matches!(svg.as_bytes().get(at + 5), Some(b' ' | b'>')) {
            return Some(at);
        }
        from = at + 5;
    }
    None
}

/// `svg` with every `<text>` given an id (`TEXT_ID` and its number), to
/// find its layout in the parsed tree.
pub(super) fn mark_texts(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 1024);
    let mut rest = svg;
    let mut n = 0;
    while let Some(at) = find_text(rest) {
        out.push_str(&rest[..at + 5]);
        write!(out, " id=\"{TEXT_ID}{n}\"").ok();
        n += 1;
        rest = &rest[at + 5..];
    }
    out.push_str(rest);
    out
}

/// The value of `name="…"` in an element's start tag.
fn attribute<'s>(element: &'s str, name: &str) -> Option<&'s str> {
    let tag = &element[..element.find('>')?];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
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
            write!(
                out,
                "<g fill=\"{fill}\"{} transform=\"matrix({} {} {} {} {} {})\">",
                if opacity < 1.0 {
                    format!(" fill-opacity=\"{}\"", number(opacity, 3))
                } else {
                    String::new()
                },
                number(t.sx, 6),
                number(t.ky, 6),
                number(t.kx, 6),
                number(t.sy, 6),
                number(t.tx, 2),
                number(t.ty, 2),
            )
            .ok();
            let det = t.sx * t.sy - t.kx * t.ky;
            for glyph in &span.positioned_glyphs {
                let Some(id) = self.glyph(glyph.font, glyph.id) else {
                    continue;
                };
                // The glyph's place in the group's (font) units.
                let g = glyph.outline_transform();
                let (dx, dy) = (g.tx - t.tx, g.ty - t.ty);
                let x = (t.sy * dx - t.kx * dy) / det;
                let y = (t.sx * dy - t.ky * dx) / det;
                write!(out, "<use xlink:href=\"#{id}\"").ok();
                for (name, value) in [("x", x), ("y", y)] {
                    let value = number(value, 0);
                    if value != "0" {
                        write!(out, " {name}=\"{value}\"").ok();
                    }
                }
                out.push_str("/>");
            }
            out.push_str("</g>");
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
