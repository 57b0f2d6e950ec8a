//! What a donor reads: comparisons and places, threat levels with their
//! reasons, the `/threats/` and `/survey/` pages, a site's own methodology,
//! and the same figures in open data. Expected figures are worked out by
//! hand from the example passports (IDP shares: Uzhhorod 23.6 %,
//! Khmelnytskyi 16.8 %, Lviv 14.0 %, the illustrative Zrazkove 10.5 %).

mod common;

use std::fs;

use common::*;

/// The text of an HTML page: tags dropped, entities and spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace('\u{a0}', " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_passport_shows_its_places_and_why_its_levels_are_what_they_are() {
    let site = example_site();
    build(site.path());
    let en = text(&page(site.path(), "en/passports/uzhhorodska/index.html"));
    assert!(
        en.contains("IDP share 23.6% 23.6% 15.6% 1st of 1 1st of 4"),
        "{en}"
    );
    assert!(
        en.contains("Demography high IDP share 23.6% ≥ 20% → high"),
        "{en}"
    );
    assert!(en.contains("Economy not assessed"), "{en}");
    assert!(
        en.contains("Demography (high): Expand home and day care"),
        "{en}"
    );
    let uk = text(&page(site.path(), "passports/uzhhorodska/index.html"));
    assert!(
        uk.contains("Демографія високий Частка ВПО 23,6 % ≥ 20 % → високий"),
        "{uk}"
    );
    assert!(
        uk.contains("Частка ВПО 23,6 % 23,6 % 15,6 % 1 з 1 1 з 4"),
        "{uk}"
    );
    let lviv = text(&page(site.path(), "en/passports/lvivska/index.html"));
    assert!(
        lviv.contains("IDP share 14.0% 14.0% 15.6% 1st of 1 3rd of 4"),
        "{lviv}"
    );
    assert!(lviv.contains("IDP share 14.0% ≥ 10% → medium"), "{lviv}");
    let zrazkove = text(&page(
        site.path(),
        "en/passports/zrazkova-pryklad/index.html",
    ));
    assert!(
        zrazkove.contains("named by the community: “Ageing population of remote villages” (high)")
            || zrazkove
                .contains("named by the community: “Старіння населення віддалених сіл” (high)"),
        "{zrazkove}"
    );
    assert!(
        zrazkove.contains("Recipients of social services per 1,000 residents 89.3 ≤ 100 → medium")
    );
}

#[test]
fn the_threats_page_counts_communities_by_level_and_area() {
    let site = example_site();
    build(site.path());
    let en = text(&page(site.path(), "en/threats/index.html"));
    // Demography: Uzhhorod (23.6 % ≥ 20 %) and Zrazkove (a risk it names
    // as high) are high; Khmelnytskyi and Lviv (≥ 10 %) medium.
    assert!(en.contains("Demography 0 2 2 0 0"), "{en}");
    assert!(en.contains("Cohesion 0 0 0 0 4"), "{en}");
    assert!(
        en.contains("IDP share Demography higher 10% 20% 35%"),
        "{en}"
    );
    assert!(
        en.contains("(default, illustrative)"),
        "the default thresholds say what they are"
    );
    let oblast = text(&page(site.path(), "en/oblasts/zakarpatska/index.html"));
    assert!(
        oblast.contains("IDP share 23.6% 15.6% 1st of 4"),
        "{oblast}"
    );
    assert!(oblast.contains("Demography 0 0 1 0 0"), "{oblast}");
}

#[test]
fn a_site_replaces_the_methodology_with_its_own() {
    let site = example_site();
    let dir = site.path().join("themes/default");
    fs::create_dir_all(&dir).unwrap();
    let default = fs::read_to_string(root().join("themes/default/methodology.toml")).unwrap();
    let own = default
        .replacen(
            "medium = 10\nhigh = 20\ncritical = 35",
            "medium = 15\nhigh = 25\ncritical = 40",
            1,
        )
        .replace("(default, illustrative)", "(the foundation's)");
    assert_ne!(own, default);
    fs::write(dir.join("methodology.toml"), own).unwrap();
    build(site.path());
    let en = text(&page(site.path(), "en/passports/uzhhorodska/index.html"));
    assert!(
        en.contains("Demography medium IDP share 23.6% ≥ 15% → medium"),
        "{en}"
    );
    let threats = text(&page(site.path(), "en/threats/index.html"));
    assert!(threats.contains("Social threat methodology (the foundation's)"));
    // Lviv (14.0 %) is now under the lowest threshold.
    let lviv = text(&page(site.path(), "en/passports/lvivska/index.html"));
    assert!(
        lviv.contains("Demography low IDP share 14.0% < 15% → low"),
        "{lviv}"
    );
}

#[test]
fn the_survey_page_weights_each_community_by_its_respondents() {
    let site = example_site();
    let passports = site.path().join("content/passports");
    let original = fs::read_to_string(passports.join("zrazkova-pryklad.yaml")).unwrap();
    let second = original
        .replace("respondents: 210", "respondents: 630")
        .replace("female_pct: 62", "female_pct: 50");
    assert_ne!(second, original);
    fs::write(passports.join("druha-pryklad.yaml"), second).unwrap();
    build(site.path());
    let en = text(&page(site.path(), "en/survey/index.html"));
    // (62 × 210 + 50 × 630) / 840 = 53.0 %.
    assert!(en.contains("Respondents 840"), "{en}");
    assert!(en.contains("Women among respondents 53% 2"), "{en}");
    assert!(
        en.contains("weighted by the community's respondents"),
        "{en}"
    );
    let html = page(site.path(), "en/survey/index.html");
    assert!(html.contains("/passports-2023/en/passports/druha-pryklad/#survey"));
}

#[test]
fn open_data_carries_the_indicators_and_levels() {
    let site = example_site();
    build(site.path());
    let json: serde_json::Value =
        serde_json::from_str(&page(site.path(), "data/passports.json")).unwrap();
    let uzhhorod = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "uzhhorodska")
        .unwrap();
    assert_eq!(uzhhorod["indicators"]["idp_share"], 23.6);
    assert_eq!(uzhhorod["threats"]["demography"], "high");
    assert!(uzhhorod["threats"]["economy"].is_null());
    let csv = page(site.path(), "data/passports.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header
        .iter()
        .position(|c| *c == "threat_demography")
        .unwrap();
    let row = csv.lines().find(|l| l.starts_with("uzhhorodska,")).unwrap();
    assert_eq!(row.split(',').nth(column), Some("high"));
}
