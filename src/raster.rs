//! Drawing the site's SVG for use elsewhere, with the theme's fonts and
//! nothing from the system: a chart's standalone file with its text turned
//! into outlines (it looks the same where the font is missing), and PNGs
//! (charts, share cards) rasterised with resvg. Both are pure functions of
//! their SVG and the fonts, so their bytes are the same run after run.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, Options, Tree, WriteOptions, fontdb};

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

    /// The SVG with its text as outlines: no font needed to show it.
    pub fn outlined(&self, svg: &str) -> Result<Vec<u8>, String> {
        let tree = self.tree(svg)?;
        // A tenth of a unit: a chart is 320 units wide, so this is finer
        // than a screen shows it, and the file is a quarter smaller than
        // at full precision (outlines are most of it).
        let options = WriteOptions {
            indent: usvg::Indent::None,
            attributes_indent: usvg::Indent::None,
            coordinates_precision: 1,
            transforms_precision: 4,
            ..WriteOptions::default()
        };
        // The title and description stay text, for search and screen
        // readers, though what they say is drawn as outlines.
        let mut out = tree.to_string(&options);
        // usvg writes the size alone: a viewBox lets the file scale.
        let size = tree.size();
        out = out.replacen(
            "<svg ",
            &format!("<svg viewBox=\"0 0 {} {}\" ", size.width(), size.height()),
            1,
        );
        let described: String = ["title", "desc"]
            .iter()
            .filter_map(|tag| element(svg, tag))
            .collect();
        if let Some(end) = out.find('>') {
            out.insert_str(end + 1, &described);
        }
        Ok(out.into_bytes())
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
        pixmap.encode_png().map_err(|e| e.to_string())
    }
}

/// The first `<tag>…</tag>` element of `svg`, as written.
fn element<'s>(svg: &'s str, tag: &str) -> Option<&'s str> {
    let start = svg.find(&format!("<{tag}"))?;
    let end = svg[start..].find(&format!("</{tag}>"))? + start + tag.len() + 3;
    Some(&svg[start..end])
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
        assert!(out.contains("<path"), "{out}");
        assert!(
            out.contains("<title>Жителі</title><desc>Джерело</desc>"),
            "{out}"
        );
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
