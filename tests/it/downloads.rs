//! Charts and pages that travel: every chart's SVG, PNG, CSV and embed
//! page, and each page's share card, as files a reader downloads.

use std::fs;
use std::path::Path;

use crate::common::*;

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

fn read(site: &Path, path: &str) -> Vec<u8> {
    fs::read(site.join("output").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_chart_has_its_files_and_an_embed_page_whose_figures_match_the_page() {
    let site = example_site();
    build(site.path());
    let out = site.path().join("output");
    let mut charts = 0;
    for page in [
        "passports/zrazkova-pryklad/",
        "en/passports/lvivska/",
        "oblasts/zhytomyrska/",
        "",
        "en/",
        "reports/overview/",
    ] {
        let html = fs::read_to_string(out.join(page).join("index.html")).unwrap();
        for chart in html.split("<figure class=\"chart-figure\" id=\"").skip(1) {
            let id = chart.split('"').next().unwrap();
            let name = id.strip_prefix("chart-").unwrap_or(id);
            let base = format!("{page}charts/{name}");
            assert!(
                chart.contains(&format!(
                    "<a href=\"/passports-2023/{base}.svg\" download>SVG</a>"
                )),
                "{page}: {id} has no links"
            );
            let svg = String::from_utf8(read(site.path(), &format!("{base}.svg"))).unwrap();
            // Outlined: no text to need a font, but its title and source as
            // text for search and screen readers.
            assert!(!svg.contains("<text"), "{base}.svg");
            assert!(svg.contains("viewBox=\"0 0 320 "), "{base}.svg");
            assert!(svg.contains("<desc>"), "{base}.svg");
            let png = read(site.path(), &format!("{base}.png"));
            assert_eq!(png_size(&png).0, 640, "{base}.png");
            let csv = String::from_utf8(read(site.path(), &format!("{base}.csv"))).unwrap();
            assert!(csv.lines().count() >= 2, "{base}.csv: {csv}");
            let embed =
                String::from_utf8(read(site.path(), &format!("{base}/index.html"))).unwrap();
            assert!(embed.contains("<svg"), "{base}/index.html");
            assert!(!embed.contains("<script"), "{base}/index.html");
            assert!(
                chart.contains("<textarea readonly rows=\"3\">&lt;iframe src=&quot;https://example.org/passports-2023/"),
                "{page}: {id} has no embed code"
            );
            charts += 1;
        }
    }
    assert!(charts >= 12, "{charts} charts");
    // The figures as the page prints them.
    let page = fs::read_to_string(out.join("en/passports/lvivska/index.html")).unwrap();
    assert!(page.contains("14.0%"));
    assert_eq!(
        String::from_utf8(read(
            site.path(),
            "en/passports/lvivska/charts/idp-shares.csv"
        ))
        .unwrap(),
        "Category,\"IDP share: community, oblast and all communities\"\nThis community,14.0\nLviv Oblast,14.0\nAll communities,15.6\n"
    );
    assert_eq!(
        String::from_utf8(read(
            site.path(),
            "passports/zrazkova-pryklad/charts/pyramid.csv"
        ))
        .unwrap(),
        "Вік,Чоловіки,Жінки,Внутрішньо переміщені особи: Чоловіки,Внутрішньо переміщені особи: Жінки\n0-17,1210,1150,190,180\n18-59,3420,3300,260,420\n60+,1260,2140,90,170\n"
    );
    let svg = String::from_utf8(read(
        site.path(),
        "en/passports/lvivska/charts/idp-shares.svg",
    ))
    .unwrap();
    assert!(svg.contains("<title>IDP share: community, oblast and all communities</title>"));
    assert!(
        svg.contains("https://example.org/passports-2023/en/passports/lvivska/#chart-idp-shares")
    );
}

#[test]
fn passport_oblast_and_home_pages_have_a_share_card() {
    let site = example_site();
    build(site.path());
    for (page, card, alt) in [
        (
            "passports/lvivska/index.html",
            "https://example.org/passports-2023/passports/lvivska/card.png",
            "Львівська міська територіальна громада, міська · Львівська\u{a0}область; Постійні жителі: 777\u{a0}234",
        ),
        (
            "en/oblasts/zakarpatska/index.html",
            "https://example.org/passports-2023/en/oblasts/zakarpatska/card.png",
            "Zakarpattia Oblast, 1 community; Residents: 115,512; Internally displaced persons: 27,280; IDP share: 23.6%",
        ),
        (
            "index.html",
            "https://example.org/passports-2023/card.png",
            "Соціальні паспорти громад, 4\u{a0}громади; Постійні жителі: 1\u{a0}198\u{a0}449",
        ),
    ] {
        let html = fs::read_to_string(site.path().join("output").join(page)).unwrap();
        assert!(
            html.contains(&format!("<meta property=\"og:image\" content=\"{card}\">")),
            "{page}"
        );
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
        assert!(
            html.contains(&format!("<meta property=\"og:image:alt\" content=\"{alt}")),
            "{page}: {}",
            html.lines()
                .find(|l| l.contains("og:image:alt"))
                .unwrap_or("")
        );
        let path = card
            .strip_prefix("https://example.org/passports-2023/")
            .unwrap();
        assert_eq!(png_size(&read(site.path(), path)), (1200, 630), "{path}");
    }
}

#[test]
fn no_downloads_skips_the_files_and_their_links() {
    let site = example_site();
    let out = hromada(site.path(), &["build", "--quiet", "--no-downloads"]);
    assert!(out.status.success());
    let output = site.path().join("output");
    assert!(!output.join("passports/lvivska/charts").exists());
    assert!(!output.join("passports/lvivska/card.png").exists());
    let html = fs::read_to_string(output.join("passports/lvivska/index.html")).unwrap();
    assert!(!html.contains("og:image") && !html.contains("chart-files"));
}

#[test]
fn a_chart_whose_text_the_font_cannot_set_is_a_warning_naming_it() {
    let site = example_site();
    let file = site.path().join("content/passports/lvivska.yaml");
    let yaml = fs::read_to_string(&file).unwrap();
    // The centre names the community in ranking charts.
    fs::write(&file, yaml.replacen("center: Львів", "center: ΩЛьвів", 1)).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\nindex.html:1:1: warning: the chart `chart-ranking` has characters the theme's font lacks (Ω): its files show them as gaps [T007]"),
        "{stderr}"
    );
    // The PDFs print it as `?` (PDF/UA allows no missing glyph), and say so,
    // also when the next build links them unchanged from this one.
    let warning = "content/passports/lvivska.yaml:1:1: warning: passports/lvivska/lvivska.uk.pdf prints `Ω` as `?`: the theme's fonts cannot print it [T008]";
    assert!(stderr.contains(warning), "{stderr}");
    let out = hromada(site.path(), &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("made 0 PDFs in "), "{stdout}");
    let again = String::from_utf8_lossy(&out.stderr);
    assert!(again.contains(warning), "{again}");
    assert_eq!(
        again.matches("[T008]").count(),
        stderr.matches("[T008]").count(),
        "{again}"
    );
}
