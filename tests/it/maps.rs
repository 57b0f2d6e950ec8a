//! The maps a reader sees: the tile grid of the country on the home page
//! (regions coloured by their communities' IDP share, linking to oblast
//! pages, the rest "no data"), the locator on oblast and passport pages,
//! and a site's own boundaries (`content/geo/`) drawn as a real map, with
//! what goes wrong in them reported at its place.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The map's SVG on a page.
fn map(html: &str) -> &str {
    let start = html
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 ")
        .unwrap();
    let svg = &html[start..];
    &svg[..svg.find("</svg>").unwrap() + 6]
}

#[test]
fn the_country_map_colours_each_region_by_its_idp_share_and_links_it() {
    let site = example_site();
    build(site.path());
    let home = page(site.path(), "en/index.html");
    let svg = map(&home);
    assert!(svg.contains("class=\"chart map\" role=\"group\""), "{svg}");
    // The four oblasts of the example, each a link, labelled in full.
    assert_eq!(svg.matches("<a href=").count(), 4, "{svg}");
    assert!(svg.contains(
        "<a href=\"/passports-2023/en/oblasts/zakarpatska/\" aria-label=\"Zakarpattia Oblast: IDP share 23.6% (class 20–25%)\">"
    ), "{svg}");
    // Classes of 5 points: 23.6 % is the darkest, 10.5 % the third.
    let tile = |short: &str| {
        let at = svg.find(&format!(">{short}</text>")).unwrap();
        let rect = &svg[svg[..at].rfind("<rect").unwrap()..];
        let fill = rect.find("fill=\"").unwrap();
        rect[fill + 6..fill + 13].to_string()
    };
    assert_eq!(tile("Zak"), "#08519C");
    assert_eq!(tile("Zhyt"), "#6BAED6");
    // The other 23 regions say they have no data, in words.
    assert_eq!(
        svg.matches(": no community of the site</title>").count(),
        23
    );
    for legend in ["0–5%", "20–25%", "no data"] {
        assert!(svg.contains(&format!(">{legend}</text>")), "{legend}");
    }
    // Its figures for screen readers, in a table.
    let visible = visible_text(&home);
    assert!(
        visible.contains("Oblast IDP share Class on the map Khmelnytskyi Oblast 16.8% 15–20%"),
        "{visible}"
    );
}

#[test]
fn oblast_and_passport_pages_locate_their_oblast() {
    let site = example_site();
    build(site.path());
    for path in [
        "oblasts/zakarpatska/index.html",
        "passports/uzhhorodska/index.html",
    ] {
        let html = page(site.path(), path);
        assert!(html.contains("<title id=\"locator-zakarpatska-title\">Закарпатська\u{a0}область на карті України</title>"), "{path}");
        // Zakarpattia is column 1, row 4 of the grid: marked, the rest grey.
        assert!(
            html.contains("<rect x=\"0\" y=\"33\" width=\"10\" height=\"10\" fill=\"#D55E00\"/>"),
            "{path}"
        );
        let locator = &html[html.find("class=\"locator\"").unwrap()..];
        let locator = &locator[..locator.find("</svg>").unwrap()];
        assert_eq!(locator.matches("fill=\"#D55E00\"").count(), 1, "{path}");
        assert_eq!(locator.matches("<rect").count(), 27, "{path}");
    }
}

/// The example site with boundaries: the invented fixture, and codes in
/// the passports that its features match.
fn site_with_boundaries() -> tempfile::TempDir {
    let site = example_site();
    fs::create_dir_all(site.path().join("content/geo")).unwrap();
    fs::copy(
        fixture("geo/communities.geojson"),
        site.path().join("content/geo/communities.geojson"),
    )
    .unwrap();
    for (id, code) in [
        ("lvivska", "UA46060250000025047"),
        ("uzhhorodska", "UA21100170000035245"),
        ("khmelnytska", "UA68040430000048957"),
    ] {
        let file = site.path().join(format!("content/passports/{id}.yaml"));
        let yaml = fs::read_to_string(&file).unwrap();
        fs::write(
            &file,
            yaml.replacen("as_of:", &format!("katottg: {code}\nas_of:"), 1),
        )
        .unwrap();
    }
    let toml = site.path().join("site.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        format!("{text}\n[geo]\nattribution = {{ uk = \"Межі: вигадані, для тестів\", en = \"Boundaries: invented, for tests\" }}\n"),
    )
    .unwrap();
    site
}

#[test]
fn a_site_with_boundaries_gets_a_real_map_of_its_communities() {
    let site = site_with_boundaries();
    let out = hromada(site.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The feature no passport has is drawn as no data, and said once.
    assert!(stderr.contains(
        "content/geo/communities.geojson:156:3: warning: no passport has the code `UA99999990`: drawn as no data [G002]"
    ), "{stderr}");
    let home = page(site.path(), "en/index.html");
    let svg = map(&home);
    assert_eq!(svg.matches("<path d=\"M").count(), 5, "{svg}");
    assert_eq!(
        svg.matches("<a href=\"/passports-2023/en/passports/")
            .count(),
        4
    );
    assert!(svg.contains(
        "<a href=\"/passports-2023/en/passports/uzhhorodska/\" aria-label=\"Uzhhorod city territorial community: IDP share 23.6% (class 20–25%)\">"
    ), "{svg}");
    assert!(
        svg.contains(">Boundaries: invented, for tests</text>"),
        "{svg}"
    );
    assert!(page(site.path(), "index.html").contains(">Межі: вигадані, для тестів</text>"));
    // The whole map, as a reader's browser gets it: any change to how it
    // is drawn shows here.
    insta::assert_snapshot!("areas_map_en", svg);
    // Byte-identical from run to run, shapes included.
    let first = snapshot_tree(&site.path().join("output"));
    build(site.path());
    assert_eq!(first, snapshot_tree(&site.path().join("output")));
}

/// Builds `site` with `geojson` as its boundary file: the exit code and
/// what it printed.
fn build_with(site: &Path, geojson: &str) -> (Option<i32>, String) {
    fs::write(site.join("content/geo/communities.geojson"), geojson).unwrap();
    let out = hromada(site, &["build"]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_broken_boundary_file_is_reported_at_its_place_and_nothing_is_published() {
    let site = site_with_boundaries();
    let good = fs::read_to_string(site.path().join("content/geo/communities.geojson")).unwrap();
    let (code, stderr) = build_with(
        site.path(),
        &good.replacen("\"coordinates\"", "\"coordinates\" [", 1),
    );
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with(
            "content/geo/communities.geojson:12:19: error: not GeoJSON: expected `:` [G001]"
        ),
        "{stderr}"
    );
    let (code, stderr) = build_with(site.path(), &good.replacen("\"katottg\"", "\"code\"", 1));
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with("content/geo/communities.geojson:4:3: error: the feature has no `katottg` property [G001]"), "{stderr}");
    assert!(
        stderr.contains("hint: set `code_property` under [geo] in site.toml"),
        "{stderr}"
    );
    // Coordinates no map can draw, and a polygon with nothing in it.
    let (code, stderr) = build_with(site.path(), &good.replacen("23.4,", "1e308,", 1));
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with("content/geo/communities.geojson:4:3: error: the feature `UA46060250` has the point (1e308, 49.44), which is no longitude and latitude [G001]"), "{stderr}");
    let (code, stderr) = build_with(
        site.path(),
        &good.replacen(
            "\"type\": \"Polygon\"",
            "\"type\": \"MultiPolygon\", \"coordinates\": [] }, \"x\": {\"type\": \"Polygon\"",
            1,
        ),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("content/geo/communities.geojson:4:3: error: the feature `UA46060250` has no polygon [G001]"), "{stderr}");
    assert!(!stderr.contains("NaN"), "{stderr}");
    let (code, stderr) = build_with(site.path(), &good.replacen("\"Polygon\"", "\"Point\"", 1));
    assert_eq!(code, Some(1));
    assert!(
        stderr
            .starts_with("content/geo/communities.geojson:4:3: error: the feature is not GeoJSON"),
        "{stderr}"
    );
    assert!(!site.path().join("output").exists(), "nothing published");
}
