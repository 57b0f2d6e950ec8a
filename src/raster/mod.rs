//! Drawing the site's drawings for use elsewhere, with the theme's fonts
//! and nothing from the system: a chart's standalone file with its text
//! turned into outlines (it looks the same where the font is missing), and
//! PNGs (charts, share cards) rasterised with resvg. Both are pure
//! functions of the drawing and the fonts, so their bytes are the same run
//! after run.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{Options, Tree, fontdb};

use crate::cache::{Bundle, Cache, Key, KeyMaker};
use crate::charts::{self, FAMILY};

mod outline;

/// Files drawn from one drawing (a chart's standalone SVG and its PNG; a
/// share card), kept in the cache as one entry.
#[derive(Debug, Clone)]
pub struct Picture {
    pub drawing: Arc<charts::Drawing>,
    /// The prefix of its ids.
    pub id: String,
    /// Each file's path in the output folder, and how it is drawn.
    pub files: Vec<(String, Form)>,
}

/// How a drawing is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The SVG with its text outlined.
    Outlined,
    /// A PNG this many pixels wide.
    Png(u32),
}

impl Form {
    /// What the form adds to a drawing's cache key.
    fn key(self) -> String {
        match self {
            Form::Outlined => "outlined".to_string(),
            Form::Png(width) => format!("png {width}"),
        }
    }
}

/// Makes drawings, taking those whose SVG, fonts and forms are unchanged
/// from the cache.
pub struct Drawer {
    raster: Raster,
    /// What every drawing's key starts with: hromada's version and
    /// drawing code, and the fonts.
    fingerprint: KeyMaker,
    cache: Option<Arc<Cache>>,
    /// How many files came from the cache, and how many were drawn.
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

    /// The picture's key: its drawing's SVG, its files' forms, the fonts
    /// and the drawing code.
    pub fn key(&self, picture: &Picture) -> Key {
        let mut key = self.fingerprint.clone();
        for (_, form) in &picture.files {
            key.add(form.key().as_bytes());
        }
        let svg = picture.drawing.svg(&picture.id, FAMILY);
        key.add(svg.as_bytes()).key()
    }

    /// Every file of the picture (whose `key` this is): from one cache
    /// entry, or drawn and stored as one.
    pub fn draw(&self, picture: &Picture, key: Key) -> Result<Bundle, String> {
        let count = picture.files.len();
        if let Some(drawn) = self.cached(key, count) {
            self.cached.fetch_add(count, Ordering::Relaxed);
            return Ok(drawn);
        }
        let files = picture
            .files
            .iter()
            .map(|(_, form)| self.draw_file(&picture.drawing, &picture.id, *form))
            .collect::<Result<Vec<_>, _>>()?;
        self.drawn.fetch_add(count, Ordering::Relaxed);
        let drawn = Bundle::join(&files);
        if let Some(cache) = &self.cache {
            cache.put(key, drawn.bytes(), 0);
        }
        Ok(drawn)
    }

    /// The `count` files of the drawing with `key`, if the cache holds
    /// them whole (not counted: the caller counts what it uses).
    pub fn cached(&self, key: Key, count: usize) -> Option<Bundle> {
        let entry = self.cache.as_ref()?.get(key)?;
        Bundle::split(entry, count)
    }

    /// Notes that the drawing with `key` was not needed (its `count` files
    /// are in the output unchanged): its cache entry is kept all the same.
    pub fn reuse(&self, key: Key, count: usize) {
        if let Some(cache) = &self.cache {
            cache.keep(key);
        }
        self.cached.fetch_add(count, Ordering::Relaxed);
    }

    /// One file of a drawing (its ids from `id`), drawn now, not through
    /// the cache (the preview draws only what the browser asks for).
    pub fn draw_file(
        &self,
        drawing: &charts::Drawing,
        id: &str,
        form: Form,
    ) -> Result<Vec<u8>, String> {
        match form {
            Form::Outlined => self.raster.outlined(drawing, id),
            Form::Png(width) => self.raster.png(drawing, id, width),
        }
    }
}

/// The theme's fonts, loaded once, and the options every drawing uses.
pub struct Raster {
    options: Options<'static>,
    /// The name of the fonts' family, which drawings are written in.
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
        Raster { options, family }
    }

    /// The drawing laid out in the fonts, its texts written by `texts`.
    fn tree(
        &self,
        drawing: &charts::Drawing,
        id: &str,
        texts: &mut dyn charts::TextWriter,
    ) -> Result<Tree, String> {
        let svg = drawing.svg_with(id, &self.family, texts);
        Tree::from_str(&svg, &self.options).map_err(|e| e.to_string())
    }

    /// The SVG with its text as outlines: no font needed to show it. The
    /// SVG stays as written but for its `<text>` elements: each glyph is
    /// drawn once, in `<defs>`, and every letter is a `<use>` of it where
    /// usvg's text layout puts it, so a chart's file is a few times smaller
    /// than with each letter drawn out where it stands. The title and
    /// description stay text, for search and screen readers.
    pub fn outlined(&self, drawing: &charts::Drawing, id: &str) -> Result<Vec<u8>, String> {
        let tree = self.tree(drawing, id, &mut charts::Plain { marked: true })?;
        let mut outlines = outline::Outlines::new(&tree);
        Ok(drawing.svg_with(id, FAMILY, &mut outlines).into_bytes())
    }

    /// The drawing drawn `width` pixels wide on white, as a PNG.
    pub fn png(&self, drawing: &charts::Drawing, id: &str, width: u32) -> Result<Vec<u8>, String> {
        let tree = self.tree(drawing, id, &mut charts::Plain { marked: false })?;
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
/// anti-aliased edges), which keeps every pixel in less than half the
/// bytes; else as RGB.
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
        // Palette indices are names, not amounts: predicting one from its
        // neighbours (the adaptive filter) only hides the runs that
        // deflate finds.
        encoder.set_filter(png::Filter::NoFilter);
        encoder.write_header()?.write_image_data(&indexed)?;
    } else {
        encoder.set_color(png::ColorType::Rgb);
        let flat: Vec<u8> = pixels.iter().flat_map(rgb).collect();
        encoder.write_header()?.write_image_data(&flat)?;
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raster() -> Raster {
        Raster::new(&[include_bytes!("../../themes/default/fonts/regular.ttf")])
    }

    /// A picture of one line of text, titled and described.
    fn picture(text: &str) -> charts::Drawing {
        charts::Drawing {
            size: (100, 20),
            kind: charts::Kind::Picture {
                about: Some(("Жителі".into(), "Джерело".into())),
            },
            shapes: Vec::new(),
            marks: vec![charts::Mark::Text(charts::Text {
                size: Some(12.0),
                ..charts::Text::new(text, (2.0, 15.0), plotters::style::RGBColor(0, 0, 0))
            })],
        }
    }

    #[test]
    fn a_drawing_from_the_cache_is_the_drawing_made() {
        let dir = tempfile::tempdir().unwrap();
        let fonts: [&[u8]; 1] = [include_bytes!("../../themes/default/fonts/regular.ttf")];
        let drawing = Arc::new(picture("Громада"));
        let job = Picture {
            drawing: drawing.clone(),
            id: "a".into(),
            files: vec![
                ("a.svg".into(), Form::Outlined),
                ("a.png".into(), Form::Png(300)),
            ],
        };
        let made = |drawer: &Drawer| -> Vec<Vec<u8>> {
            drawer
                .draw(&job, drawer.key(&job))
                .unwrap()
                .files()
                .map(<[u8]>::to_vec)
                .collect()
        };
        let cold = Drawer::new(&fonts, Some(Arc::new(Cache::open(dir.path()).unwrap())));
        let warm = Drawer::new(&fonts, Some(Arc::new(Cache::open(dir.path()).unwrap())));
        let first = made(&cold);
        assert_eq!(first, made(&warm));
        assert_eq!(
            first[0],
            cold.draw_file(&drawing, "a", Form::Outlined).unwrap()
        );
        assert_eq!(
            first[1],
            cold.draw_file(&drawing, "a", Form::Png(300)).unwrap()
        );
        assert_eq!((cold.drawn.into_inner(), warm.cached.into_inner()), (2, 2));
        assert_eq!(warm.drawn.into_inner(), 0);
    }

    #[test]
    fn text_becomes_outlines_in_the_theme_font_and_the_title_stays_text() {
        let out = String::from_utf8(raster().outlined(&picture("Громада"), "a").unwrap()).unwrap();
        assert!(!out.contains("<text"), "{out}");
        assert!(out.contains("<use xlink:href=\"#g0-"), "{out}");
        assert!(
            out.contains("<title>Жителі</title>\n<desc>Джерело</desc>"),
            "{out}"
        );
    }

    #[test]
    fn each_glyph_is_drawn_once_and_used_where_each_letter_stands() {
        let drawing = picture("Громада громада");
        let out = String::from_utf8(raster().outlined(&drawing, "a").unwrap()).unwrap();
        // г р о м а д Г: seven glyphs; fourteen letters (the space has no
        // outline).
        assert_eq!(out.matches("<path id=\"g0-").count(), 7, "{out}");
        assert_eq!(out.matches("<use ").count(), 14, "{out}");
    }

    #[test]
    fn a_png_keeps_every_pixel_with_a_palette_or_without() {
        // A chart has a few colours and their edges; a gradient, more than
        // a palette holds.
        let png = raster().png(&picture("Громада"), "a", 300).unwrap();
        let few = Pixmap::decode_png(&png).unwrap();
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

    /// A chart's file as the site draws one: a bar chart (labels anchored
    /// at their start and end, shifted by `dy`, one with a halo) nested
    /// under a bold title, with a footer.
    fn chart_file() -> charts::Drawing {
        let style = charts::test_style();
        let bars = charts::Bars {
            id: "c".into(),
            title: "Частка ВПО".into(),
            description: "Найбільша частка у Львівській громаді, 14,0 %.".into(),
            series: vec!["Частка ВПО".into()],
            groups: vec![
                charts::Group {
                    label: "Львівська область".into(),
                    values: vec![(14.0, "14,0 %".into())],
                    highlight: false,
                },
                charts::Group {
                    label: "Ужгородська".into(),
                    values: vec![(9.5, "9,5 %".into())],
                    highlight: true,
                },
            ],
            ticks: vec![
                (0.0, "0 %".into()),
                (10.0, "10 %".into()),
                (20.0, "20 %".into()),
            ],
            reference: Some((15.6, "усі громади 15,6 %".into())),
            labels: charts::LabelPlace::Above,
        };
        let chart = Arc::new(charts::draw_bars(&bars, &style).unwrap());
        charts::standalone(&chart, "c", "Частка ВПО, %", &["Джерело: паспорти"], &style)
    }

    #[test]
    fn outlines_draw_as_the_text_did() {
        let r = Raster::new(&[
            include_bytes!("../../themes/default/fonts/regular.ttf"),
            include_bytes!("../../themes/default/fonts/bold.ttf"),
        ]);
        let chart = chart_file();
        let outlined = String::from_utf8(r.outlined(&chart, "c").unwrap()).unwrap();
        assert!(!outlined.contains("<text"), "{outlined}");
        let text = Pixmap::decode_png(&r.png(&chart, "c", 640).unwrap()).unwrap();
        // The outlined file, read back as any SVG reader would.
        let tree = Tree::from_str(&outlined, &r.options).unwrap();
        let mut shapes = Pixmap::new(text.width(), text.height()).unwrap();
        shapes.fill(Color::WHITE);
        let scale = 640.0 / tree.size().width();
        resvg::render(
            &tree,
            Transform::from_scale(scale, scale),
            &mut shapes.as_mut(),
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
        // Anti-aliased edges may round apart (about 30 pixels here); a
        // letter out of place would differ in hundreds, and labels that
        // lost their halo over the grid lines in 150.
        assert!(differing < 60, "{differing} pixels differ");
    }

    #[test]
    fn a_png_is_as_wide_as_asked_and_the_same_each_time() {
        let r = raster();
        let drawing = picture("Громада");
        let png = r.png(&drawing, "a", 300).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        // The width, big-endian, in the IHDR chunk.
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 300);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 60);
        assert_eq!(png, r.png(&drawing, "a", 300).unwrap());
    }
}
