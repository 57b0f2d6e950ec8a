//! Boundaries for a real map of the communities: GeoJSON files in
//! `content/geo/` (the usual source is HDX's COD-AB for Ukraine), each
//! feature a community's polygon keyed by its KATOTTG code in the property
//! `site.toml` names (`[geo] code_property`, `katottg` by default). A
//! feature's code is a passport's code or the start of it, as COD-AB's
//! P-codes are. Read and checked at load, every problem at its place;
//! projected, simplified for the web and rounded once, in the files'
//! order, so that pages draw the same shapes every time.

use geo::{Coord, MultiPolygon, Simplify};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::charts::WIDTH;
use crate::config::GeoConfig;
use crate::diagnostic::{Code, Diagnostic, figure, line_col};
use crate::messages::Message;
use crate::passport::Entry;
use crate::source::{SourceFile, files, read_text_up_to};

/// The largest boundary file read: the country's communities, simplified,
/// are a few megabytes; detailed ones some tens.
pub const MAX_GEO_BYTES: u64 = 64 << 20;

/// How far, in map units (a 320-unit-wide map), a simplified outline may
/// stray from the drawn one: under a pixel on a phone.
const TOLERANCE: f64 = 0.35;

/// One community's outline, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Its code in the file.
    pub code: String,
    /// The passport it belongs to, by index in the entries, if any.
    pub entry: Option<usize>,
    /// Its outline as SVG path data, in map units.
    pub path: String,
}

/// Every outline of the site's boundary files, and the map's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundaries {
    pub shapes: Vec<Shape>,
    /// Width and height in map units.
    pub size: (u32, u32),
}

/// A feature collection as read: the features as they stand in the text,
/// so that each one's place can be told.
#[derive(Deserialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow, default)]
    features: Vec<&'a RawValue>,
}

/// A community's outline in degrees, before it is drawn.
struct Outline {
    code: String,
    entry: Option<usize>,
    polygons: MultiPolygon<f64>,
}

/// Reads every boundary file under `content/geo/`; `None` if there is none.
pub fn load(
    site: &std::path::Path,
    config: &GeoConfig,
    entries: &[Entry],
) -> (Option<Boundaries>, Vec<Diagnostic>) {
    let (sources, mut diagnostics) = files(site, "content/geo", &[".geojson", ".json"]);
    if sources.is_empty() {
        return (None, diagnostics);
    }
    let mut outlines = Vec::new();
    for source in &sources {
        match read_text_up_to(source, MAX_GEO_BYTES) {
            Ok(text) => outlines.extend(read(source, &text, config, entries, &mut diagnostics)),
            Err(d) => diagnostics.push(d),
        }
    }
    let problems = diagnostics
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    if problems || outlines.is_empty() {
        return (None, diagnostics);
    }
    (Some(draw(outlines)), diagnostics)
}

/// The outlines of one file; its problems go to `diagnostics`.
fn read(
    source: &SourceFile,
    text: &str,
    config: &GeoConfig,
    entries: &[Entry],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Outline> {
    let at = |offset: usize| line_col(text, offset);
    let error = |place: (usize, usize), message: Message| {
        Diagnostic::error(&source.rel, place, Code::GeoFile, message)
    };
    let collection: Collection = match serde_json::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            // serde_json says where; the diagnostic's place says it already.
            let message = e.to_string();
            let what = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(w, _)| w);
            diagnostics.push(
                error((e.line().max(1), e.column().max(1)), tr!("not GeoJSON: {why}", why = Message::verbatim(what)))
                    .hint(tr!("export the layer again as GeoJSON (in QGIS: Export → Save Features As → GeoJSON)")),
            );
            return Vec::new();
        }
    };
    if collection.kind != "FeatureCollection" {
        diagnostics.push(
            error(
                (1, 1),
                tr!(
                    "a `{kind}`, not a FeatureCollection",
                    kind = collection.kind
                ),
            )
            .hint(tr!(
                "a boundary file holds a FeatureCollection, one feature per community"
            )),
        );
        return Vec::new();
    }
    let mut outlines = Vec::new();
    let mut unmatched = Vec::new();
    for raw in collection.features {
        let place = at(raw.get().as_ptr() as usize - text.as_ptr() as usize);
        let feature: geojson::Feature = match serde_json::from_str(raw.get()) {
            Ok(f) => f,
            Err(e) => {
                diagnostics.push(error(
                    place,
                    tr!(
                        "the feature is not GeoJSON: {why}",
                        why = Message::verbatim(e.to_string())
                    ),
                ));
                continue;
            }
        };
        let code = feature
            .property(&config.code_property)
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let Some(code) = code.filter(|c| !c.is_empty()) else {
            diagnostics.push(
                error(place, tr!("the feature has no `{code_property}` property", code_property = config.code_property))
                    .hint(tr!("set `code_property` under [geo] in site.toml to the property that holds each community's KATOTTG code (COD-AB: ADM3_PCODE)")),
            );
            continue;
        };
        if feature
            .geometry
            .as_ref()
            .is_some_and(|g| !positions_whole(&g.value))
        {
            diagnostics.push(
                error(
                    place,
                    tr!(
                        "the feature `{code}` has a point with fewer than two coordinates",
                        code
                    ),
                )
                .hint(tr!("each point of a boundary is [longitude, latitude]")),
            );
            continue;
        }
        let polygons = match feature
            .geometry
            .map(|g| geo::Geometry::<f64>::try_from(g.value))
        {
            Some(Ok(geo::Geometry::Polygon(p))) => MultiPolygon(vec![p]),
            Some(Ok(geo::Geometry::MultiPolygon(m))) => m,
            _ => {
                diagnostics.push(
                    error(place, tr!("the feature `{code}` is not a polygon", code))
                        .hint(tr!("a community's boundary is a Polygon or a MultiPolygon")),
                );
                continue;
            }
        };
        if let Some(problem) = shape_problem(&polygons) {
            diagnostics.push(
                error(place, tr!("the feature `{code}` {problem}", code, problem = problem))
                    .hint(tr!("export the boundary again in longitude and latitude (EPSG:4326), with every ring closed and at least three points")),
            );
            continue;
        }
        let entry = entries.iter().position(|e| {
            e.passport
                .katottg
                .as_ref()
                .is_some_and(|k| k.0.starts_with(&code))
        });
        if entry.is_none() {
            unmatched.push((place, code.clone()));
        }
        outlines.push(Outline {
            code,
            entry,
            polygons,
        });
    }
    if let Some((place, first)) = unmatched.first() {
        let more = match unmatched.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        diagnostics.push(
            Diagnostic::error(
                &source.rel,
                *place,
                Code::GeoUnmatched,
                tr!(
                    "no passport has the code `{first}`{more}: drawn as no data",
                    first,
                    more
                ),
            )
            .hint(tr!(
                "a passport's `katottg` must be the feature's code or start with it"
            ))
            .warning(),
        );
    }
    outlines
}

/// What makes a feature's polygons no boundary to draw, if anything: no
/// polygon, a ring of fewer than three points, or a point that is no
/// longitude and latitude (NaN, 1e308, a projected metre).
/// Whether every point of a polygon's rings has a longitude and a
/// latitude: the geojson crate reads the first two of each unchecked.
fn positions_whole(value: &geojson::GeometryValue) -> bool {
    let whole = |rings: &geojson::PolygonType| rings.iter().flatten().all(|p| p.len() >= 2);
    match value {
        geojson::GeometryValue::Polygon { coordinates } => whole(coordinates),
        geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.iter().all(whole),
        _ => true,
    }
}

fn shape_problem(polygons: &MultiPolygon<f64>) -> Option<Message> {
    if polygons.0.is_empty() {
        return Some(tr!("has no polygon"));
    }
    for polygon in &polygons.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            // geo closes a ring, so a triangle has four points.
            if ring.0.len() < 4 {
                return Some(tr!("has a ring of fewer than three points"));
            }
            // A range holds no NaN and no infinity.
            let bad = ring
                .coords()
                .find(|c| !((-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y)));
            if let Some(c) = bad {
                return Some(tr!(
                    "has the point ({x}, {y}), which is no longitude and latitude",
                    x = figure(c.x),
                    y = figure(c.y)
                ));
            }
        }
    }
    None
}

/// Projects every outline onto a map 320 units wide (longitudes shortened
/// by the cosine of the middle latitude, so that shapes keep their
/// proportions at Ukraine's latitudes), simplifies it and writes it as
/// path data with coordinates to a tenth.
fn draw(outlines: Vec<Outline>) -> Boundaries {
    let coords = || {
        outlines
            .iter()
            .flat_map(|o| o.polygons.iter())
            .flat_map(|p| p.exterior().coords())
    };
    let fold = |pick: fn(&Coord<f64>) -> f64, keep: fn(f64, f64) -> f64, start: f64| {
        coords().map(pick).fold(start, keep)
    };
    let (west, east) = (
        fold(|c| c.x, f64::min, f64::MAX),
        fold(|c| c.x, f64::max, f64::MIN),
    );
    let (south, north) = (
        fold(|c| c.y, f64::min, f64::MAX),
        fold(|c| c.y, f64::max, f64::MIN),
    );
    let shrink = ((south + north) / 2.0).to_radians().cos();
    let span = ((east - west) * shrink).max(f64::MIN_POSITIVE);
    let scale = f64::from(WIDTH) / span;
    let project = |c: Coord<f64>| Coord {
        x: (c.x - west) * shrink * scale,
        y: (north - c.y) * scale,
    };
    let height = ((north - south) * scale).ceil().max(1.0) as u32;
    let shapes = outlines
        .into_iter()
        .map(|o| {
            let projected = MultiPolygon::new(
                o.polygons
                    .into_iter()
                    .map(|p| {
                        let (exterior, interiors) = p.into_inner();
                        geo::Polygon::new(
                            exterior.coords().map(|c| project(*c)).collect(),
                            interiors
                                .iter()
                                .map(|r| r.coords().map(|c| project(*c)).collect())
                                .collect(),
                        )
                    })
                    .collect(),
            );
            Shape {
                code: o.code,
                entry: o.entry,
                path: path_data(&projected.simplify(TOLERANCE)),
            }
        })
        .collect();
    Boundaries {
        shapes,
        size: (WIDTH, height),
    }
}

/// SVG path data for polygons: each ring a closed figure, coordinates to
/// a tenth of a unit.
fn path_data(polygons: &MultiPolygon<f64>) -> String {
    let mut d = String::new();
    for polygon in polygons {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for (i, c) in ring.coords().enumerate() {
                d.push(if i == 0 { 'M' } else { 'L' });
                d.push_str(&format!("{:.1} {:.1}", c.x, c.y));
            }
            d.push('Z');
        }
    }
    d
}

#[cfg(test)]
mod never_panics {
    use proptest::prelude::*;

    use super::read;
    use crate::config::GeoConfig;
    use crate::source::SourceFile;

    const GEO: &str = include_str!("../tests/fixtures/geo/communities.geojson");

    fn load(text: &str) {
        let source = SourceFile {
            rel: "c.geojson".into(),
            abs: "c.geojson".into(),
        };
        let _ = read(&source, text, &GeoConfig::default(), &[], &mut Vec::new());
    }

    /// What fuzzing found: a point of one number made the geojson crate
    /// index past it.
    #[test]
    fn found_by_fuzzing() {
        let mut found = Vec::new();
        let source = SourceFile {
            rel: "c.geojson".into(),
            abs: "c.geojson".into(),
        };
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"katottg":"UA1"},"geometry":{"type":"Polygon","coordinates":[[[22.1],[22.3,48.6],[22.2,48.7],[22.1]]]}}]}"#;
        read(&source, text, &GeoConfig::default(), &[], &mut found);
        assert!(
            found[0]
                .message
                .contains("a point with fewer than two coordinates"),
            "{found:?}"
        );
    }

    proptest! {
        #[test]
        fn on_json_shaped_text(text in "[{}\\[\\]\":,0-9.eE+ -]{0,200}") {
            load(&text);
        }

        #[test]
        fn on_geojson_edited_at_random(at in 0usize..GEO.len(), cut in 0usize..40, insert in "[{}\\[\\]\":,0-9.eE+ a-z-]{0,12}") {
            load(&crate::fuzz::edited(GEO, at, cut, &insert));
        }
    }
}
