//! Drawing the site's SVG for use elsewhere, with the theme's fonts and
//! nothing from the system: a chart's standalone file with its text turned
//! into outlines (it looks the same where the font is missing), and PNGs
//! (charts, share cards) rasterised with resvg. Both are pure functions of
//! their SVG and the fonts, so their bytes are the same run after run.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, Options, Tree, fontdb};

use crate::cache::{Cache, KeyMaker};

/// A file drawn from an SVG.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// Path in the output folder.
    pub path: String,
    pub svg: String,
    pub form: Form,
}

/// How a drawing is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The SVG with its text outlined.
    Outlined,
    /// A PNG this many pixels wide.
    Png(u32),
}

/// Makes drawings, taking those whose SVG, fonts and form are unchanged
/// from the cache.
pub struct Drawer {
    raster: Raster,
    /// What every drawing's key starts with: hromada's version and
    /// drawing code, and the fonts.
    fingerprint: KeyMaker,
    cache: Option<Arc<Cache>>,
    /// How many drawings came from the cache, and how many were made.
    pub cached: AtomicUsize,
    pub drawn: AtomicUsize,
}

impl Drawer {
    /// A drawer with the theme's `fonts`, and a cache if there is one.
    pub fn new(fonts: &[&[u8]], cache: Option<Arc<Cache>>) -> Drawer {
        let mut fingerprint = KeyMaker::default();
        fingerprint
            .add(b"drawing")
            .add(env!("CARGO_PKG_VERSION").as_bytes())
            .add(env!("HROMADA_CACHE_CODE").as_bytes());
        for font in fonts {
            fingerprint.add(font);
        }
        Drawer {
            raster: Raster::new(fonts),
            fingerprint,
            cache,
            cached: AtomicUsize::new(0),
            drawn: AtomicUsize::new(0),
        }
    }

    /// The drawing's bytes.
    pub fn draw(&self, drawing: &Drawing) -> Result<Vec<u8>, String> {
        let mut key = self.fingerprint.clone();
        let form = match drawing.form {
            Form::Outlined => "outlined".to_string(),
            Form::Png(width) => format!("png {width}"),
        };
        let key = key.add(form.as_bytes()).add(drawing.svg.as_bytes()).key();
        if let Some(entry) = self.cache.as_ref().and_then(|c| c.get(key)) {
            self.cached.fetch_add(1, Ordering::Relaxed);
            return Ok(entry.bytes);
        }
        let bytes = match drawing.form {
            Form::Outlined => self.raster.outlined(&drawing.svg)?,
            Form::Png(width) => self.raster.png(&drawing.svg, width)?,
        };
        self.drawn.fetch_add(1, Ordering::Relaxed);
        if let Some(cache) = &self.cache {
            cache.put(key, &bytes, 0);
        }
        Ok(bytes)
    }
}

/// The theme's fonts, loaded once, and the options every drawing uses.
pub struct Raster {
    options: Options<'static>,
    /// What charts name their font (`charts::FAMILY`), as the font itself
    /// is named.
    family: String,
}

impl Raster {
    /// A raster with `fonts` (the first is the default family).
    pub fn new(fonts: &[&[u8]]) -> Raster {
        let mut db = fontdb::Database::new();
        for font in fonts {
            db.load_font_data(font.to_vec());
        }
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
            .unwrap_or_default();
        db.set_sans_serif_family(family.clone());
        let options = Options {
            font_family: family.clone(),
            fontdb: Arc::new(db),
            ..Options::default()
        };
        Raster {
            options,
            family: format!("font-family=\"{family}\""),
        }
    }

    fn tree(&self, svg: &str) -> Result<Tree, String> {
        let ours = format!("font-family=\"{}\"", crate::charts::FAMILY);
        let svg = svg.replace(&ours, &self.family);
        Tree::from_str(&svg, &self.options).map_err(|e| e.to_string())
    }

    /// The SVG with its text as outlines: no font needed to show it. The
    /// SVG stays as written but for its `<text>` elements: each glyph is
    /// drawn once, in `<defs>`, and every letter is a `<use>` of it where
    /// usvg's text layout puts it, so a chart's file is a few times smaller
    /// than with each letter drawn out where it stands. The title and
    /// description stay text, for search and screen readers.
    pub fn outlined(&self, svg: &str) -> Result<Vec<u8>, String> {
        let marked = mark_texts(svg);
        let tree = self.tree(&marked)?;
        let mut texts = BTreeMap::new();
        collect_texts(tree.root(), &mut texts);
        let mut glyphs = Glyphs::new(tree.fontdb());
        let mut out = String::with_capacity(svg.len() * 2);
        let mut rest = marked.as_str();
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
        Ok(out
            .replacen("<svg ", &format!("<svg xmlns:xlink=\"{XLINK}\" "), 1)
            .into_bytes())
    }

    /// The SVG drawn `width` pixels wide on white, as a PNG.
    pub fn png(&self, svg: &str, width: u32) -> Result<Vec<u8>, String> {
        let tree = self.tree(svg)?;
        let size = tree.size();
        let scale = width as f32 / size.width();
        let height = (size.height() * scale).ceil() as u32;
        let mut pixmap = Pixmap::new(width, height.max(1))
            .ok_or_else(|| format!("no room for {width}×{height} pixels"))?;
        pixmap.fill(Color::WHITE);
        resvg::render(
            &tree,
            Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        encode(&pixmap).map_err(|e| e.to_string())
    }
}

/// An opaque pixmap as a PNG: with a palette when it has at most 256
/// colours (a chart or card has about a hundred: its colours and their
/// anti-aliased edges), which keeps every pixel and halves the file; else
/// as RGB.
fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let pixels = pixmap.pixels();
    let rgb = |p: &resvg::tiny_skia::PremultipliedColorU8| [p.red(), p.green(), p.blue()];
    // Each colour's index, in the order the colours first appear.
    let mut indices: HashMap<[u8; 3], u8> = HashMap::new();
    let mut palette = Vec::new();
    let mut indexed = Vec::with_capacity(pixels.len());
    // Most pixels are the colour of the one before (the paper, a bar):
    // only a change of colour is looked up.
    let mut last = None;
    for pixel in pixels {
        let colour = rgb(pixel);
        if let Some((previous, index)) = last
            && previous == colour
        {
            indexed.push(index);
            continue;
        }
        let index = match indices.get(&colour) {
            Some(&index) => index,
            None => {
                let Ok(index) = u8::try_from(indices.len()) else {
                    break;
                };
                indices.insert(colour, index);
                palette.extend_from_slice(&colour);
                index
            }
        };
        last = Some((colour, index));
        indexed.push(index);
    }
    let mut data = Vec::new();
    let mut encoder = png::Encoder::new(&mut data, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    if indexed.len() == pixels.len() {
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_palette(palette);
        encoder.write_header()?.write_image_data(&indexed)?;
    } else {
        encoder.set_color(png::ColorType::Rgb);
        let flat: Vec<u8> = pixels.iter().flat_map(rgb).collect();
        encoder.write_header()?.write_image_data(&flat)?;
    }
    Ok(data)
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
fn mark_texts(svg: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn raster() -> Raster {
        Raster::new(&[include_bytes!("../themes/default/fonts/regular.ttf")])
    }

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20"><title>Жителі</title><desc>Джерело</desc><text x="2" y="15" font-size="12" fill="#000">Громада</text></svg>"##;

    #[test]
    fn text_becomes_outlines_in_the_theme_font_and_the_title_stays_text() {
        let out = String::from_utf8(raster().outlined(SVG).unwrap()).unwrap();
        assert!(!out.contains("<text"), "{out}");
        assert!(out.contains("<use xlink:href=\"#g0-"), "{out}");
        assert!(
            out.contains("<title>Жителі</title><desc>Джерело</desc>"),
            "{out}"
        );
    }

    #[test]
    fn each_glyph_is_drawn_once_and_used_where_each_letter_stands() {
        let svg = SVG.replace(">Громада<", ">Громада громада<");
        let out = String::from_utf8(raster().outlined(&svg).unwrap()).unwrap();
        // г р о м а д Г: seven glyphs; fourteen letters (the space has no
        // outline).
        assert_eq!(out.matches("<path id=\"g0-").count(), 7, "{out}");
        assert_eq!(out.matches("<use ").count(), 14, "{out}");
    }

    #[test]
    fn a_png_keeps_every_pixel_with_a_palette_or_without() {
        // A chart has a few colours and their edges; a gradient, more than
        // a palette holds.
        let few = Pixmap::decode_png(&raster().png(SVG, 300).unwrap()).unwrap();
        let mut many = Pixmap::new(300, 60).unwrap();
        for (i, pixel) in many.pixels_mut().iter_mut().enumerate() {
            let (x, y) = ((i % 300) as u8, (i / 300) as u8);
            *pixel =
                resvg::tiny_skia::ColorU8::from_rgba(x, y.wrapping_mul(4), 90, 255).premultiply();
        }
        // The colour type in IHDR: 3 is a palette, 2 is RGB.
        for (pixmap, colour_type) in [(few, 3), (many, 2)] {
            let png = encode(&pixmap).unwrap();
            assert_eq!(png[25], colour_type);
            assert_eq!(Pixmap::decode_png(&png).unwrap().pixels(), pixmap.pixels());
        }
    }

    /// A chart as the site draws one: a nested SVG, labels anchored at
    /// their start, middle and end, shifted by `dy`, bold and regular.
    const CHART: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120" width="320" height="120" font-family="hromada-sans"><rect width="320" height="120" fill="#fff"/><text x="8" y="20" font-size="13" font-weight="bold" fill="#1b1f24">Частка ВПО, %</text><svg x="0" y="30" width="320" height="90" viewBox="0 0 320 90"><rect x="4" y="10" width="200" height="14" fill="#d55e00"/><g font-family="hromada-sans" font-size="11"><text x="210" y="17" dy="0.5ex" text-anchor="start" fill="#1B1F24">14,0 %</text><text x="160" y="50" dy="0.5ex" text-anchor="middle" fill="#5A6470">Львівська область</text><text x="316" y="75" dy="0.5ex" text-anchor="end" fill="#1B1F24">усі громади 15,6 %</text></g></svg></svg>"##;

    #[test]
    fn outlines_draw_as_the_text_did() {
        let r = Raster::new(&[
            include_bytes!("../themes/default/fonts/regular.ttf"),
            include_bytes!("../themes/default/fonts/bold.ttf"),
        ]);
        let outlined = String::from_utf8(r.outlined(CHART).unwrap()).unwrap();
        assert!(!outlined.contains("<text"), "{outlined}");
        let draw = |svg: &str| Pixmap::decode_png(&r.png(svg, 640).unwrap()).unwrap();
        let (text, shapes) = (draw(CHART), draw(&outlined));
        assert_eq!(
            (text.width(), text.height()),
            (shapes.width(), shapes.height())
        );
        let inked = |p: &Pixmap| p.pixels().iter().filter(|c| c.red() < 128).count();
        assert!(inked(&text) > 2000, "the labels are drawn");
        let differing = text
            .pixels()
            .iter()
            .zip(shapes.pixels())
            .filter(|(a, b)| {
                let d = |x: u8, y: u8| x.abs_diff(y) > 48;
                d(a.red(), b.red()) || d(a.green(), b.green()) || d(a.blue(), b.blue())
            })
            .count();
        // Anti-aliased edges may round apart; a letter out of place would
        // differ in hundreds of pixels.
        assert!(differing < 10, "{differing} pixels differ");
    }

    #[test]
    fn a_png_is_as_wide_as_asked_and_the_same_each_time() {
        let r = raster();
        let png = r.png(SVG, 300).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // The width, big-endian, in the IHDR chunk.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 300);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 60);
        assert_eq!(png, r.png(SVG, 300).unwrap());
    }
}
