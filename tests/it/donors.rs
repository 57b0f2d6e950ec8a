//! What a donor reads: comparisons and places, threat levels with their
//! reasons, the `/threats/` and `/survey/` pages, a site's own methodology,
//! and the same figures in open data. Expected figures are worked out by
//! hand from the example passports (IDP shares: Uzhhorod 23.6 %,
//! Khmelnytskyi 16.8 %, Lviv 14.0 %, the illustrative Zrazkove 10.5 %).

use std::fs;

use crate::common::*;

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
    // A risk title with no English says so where a reason quotes it.
    let po = site.path().join("content/i18n/en.po");
    let catalog = fs::read_to_string(&po).unwrap();
    let entry = "msgstr \"Ageing population of remote villages\"";
    assert!(catalog.contains(entry));
    fs::write(&po, catalog.replace(entry, "msgstr \"\"")).unwrap();
    build(site.path());
    let zrazkove = text(&page(
        site.path(),
        "en/passports/zrazkova-pryklad/index.html",
    ));
    assert!(
        zrazkove.contains(
            "named by the community: “Старіння населення віддалених сіл” (UK, not yet translated) (high)"
        ),
        "{zrazkove}"
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
    let dir = site.path();
    let default = fs::read_to_string(root().join("src/figures/methodology.toml")).unwrap();
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

/// Similar communities by the measure README gives: the same type first
/// (the example's three cities), then the nearest of other types, since a
/// type of fewer than six cannot fill five places. Worked out by hand:
/// from Lviv, ln(777,234 / 293,223)² + ((14.0 − 16.8) / 10)² = 1.03 for
/// Khmelnytskyi and 4.55 for Uzhhorod; Zrazkove, the one village, is
/// nearest Uzhhorod (6.67), then Khmelnytskyi (10.37), then Lviv (17.2).
#[test]
fn similar_communities_are_the_nearest_and_link_a_comparison() {
    let site = example_site();
    build(site.path());
    let json: serde_json::Value =
        serde_json::from_str(&page(site.path(), "data/passports.json")).unwrap();
    let similar = |id: &str| -> Vec<String> {
        let record = json
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap();
        let alone: serde_json::Value =
            serde_json::from_str(&page(site.path(), &format!("data/passports/{id}.json"))).unwrap();
        assert_eq!(&alone, record, "{id}: the record alone is the same");
        serde_json::from_value(record["similar"].clone()).unwrap()
    };
    assert_eq!(
        similar("lvivska"),
        ["khmelnytska", "uzhhorodska", "zrazkova-pryklad"]
    );
    assert_eq!(
        similar("zrazkova-pryklad"),
        ["uzhhorodska", "khmelnytska", "lvivska"]
    );
    let html = page(site.path(), "en/passports/lvivska/index.html");
    let section = &html[html.find("<section id=\"similar\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let rows = text(section);
    assert!(
        rows.contains("Lviv city territorial community — this community Lviv Oblast 777,234 14.0%"),
        "{rows}"
    );
    let order: Vec<usize> = ["Khmelnytskyi city", "Uzhhorod city", "Zrazkove village"]
        .iter()
        .map(|name| {
            rows.find(name)
                .unwrap_or_else(|| panic!("{name} in {rows}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{rows}");
    assert!(section.contains(
        "href=\"/passports-2023/en/compare/?ids=lvivska,khmelnytska,uzhhorodska,zrazkova-pryklad\""
    ));
}

/// The data package describes every column of the CSV files, in both
/// languages, with the licence and caveats of site.toml; frictionless (as
/// scripts/test installs it) finds the files valid against it.
#[test]
fn the_data_package_describes_the_files_and_validates() {
    let site = example_site();
    build(site.path());
    let data = site.path().join("output/data");
    let package: serde_json::Value =
        serde_json::from_str(&page(site.path(), "data/datapackage.json")).unwrap();
    assert_eq!(package["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(package["caveats"][1]["id"], "registered_idps");
    assert_eq!(package["as_of"]["latest"], "2023-06-30");
    let passports = &package["resources"][0];
    let fields = passports["schema"]["fields"].as_array().unwrap();
    let csv = page(site.path(), "data/passports.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, header);
    for f in fields {
        assert!(f["description"].is_string(), "{f}");
        assert!(f["translations"]["en"]["description"].is_string(), "{f}");
    }
    let residents = fields.iter().find(|f| f["name"] == "residents").unwrap();
    assert_eq!(residents["type"], "integer");
    assert_eq!(
        residents["translations"]["en"]["description"],
        "Permanent residents"
    );
    let tool = root().join("target/python/bin/frictionless");
    let out = std::process::Command::new(&tool)
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(&data)
        .output()
        .unwrap_or_else(|e| panic!("{} (scripts/test installs it): {e}", tool.display()));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(report["tasks"].as_array().unwrap().len(), 5);
    // A figure of the wrong type is caught: the check can fail.
    let broken = csv.replacen(",777234,", ",many,", 1);
    assert_ne!(broken, csv);
    fs::write(data.join("passports.csv"), broken).unwrap();
    let out = std::process::Command::new(&tool)
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(&data)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
}

/// A survey of fewer residents than the methodology's threshold (100) has
/// its shares marked with a dagger and a footnote, on its passport page
/// and on /survey/, and is flagged in the open data.
#[test]
fn a_small_survey_is_marked_on_the_page_and_in_the_data() {
    let site = example_site();
    let passport = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let flag = |site: &std::path::Path| -> serde_json::Value {
        let record: serde_json::Value =
            serde_json::from_str(&page(site, "data/passports/zrazkova-pryklad.json")).unwrap();
        record["derived"]["survey_below_threshold"].clone()
    };
    build(site.path());
    assert_eq!(flag(site.path()), false);
    let html = page(site.path(), "en/passports/zrazkova-pryklad/index.html");
    // The survey's own source (named for it, with its date), then its
    // period and respondents.
    assert!(html.contains(
        "<p class=\"source\">Source: Survey of the community&#39;s residents (invented, as an example). Figures as of 2023-09-30. Survey of residents, 2023-06/2023-09; respondents: 210.</p>"
    ));
    assert!(!html.contains('†'));
    let yaml = fs::read_to_string(&passport).unwrap();
    fs::write(
        &passport,
        yaml.replace("respondents: 210", "respondents: 60"),
    )
    .unwrap();
    build(site.path());
    assert_eq!(flag(site.path()), true);
    let html = page(site.path(), "en/passports/zrazkova-pryklad/index.html");
    let survey = &html[html.find("<section id=\"survey\"").unwrap()..];
    let survey = text(&survey[..survey.find("</section>").unwrap()]);
    assert!(survey.contains("Women among respondents 62% †"), "{survey}");
    assert!(
        survey.contains("† Fewer than 100 respondents: the shares are unreliable"),
        "{survey}"
    );
    assert!(survey.contains("respondents: 60."), "{survey}");
    // Its charts carry the footnote, on the page and in the files that
    // travel (the standalone SVG's description, the embed page).
    let age_chart = &html[html.find("id=\"chart-survey-age\"").unwrap()..];
    let age_chart = text(&age_chart[..age_chart.find("</figure>").unwrap()]);
    assert!(
        age_chart.contains("† Fewer than 100 respondents"),
        "{age_chart}"
    );
    let svg = page(
        site.path(),
        "en/passports/zrazkova-pryklad/charts/survey-age.svg",
    );
    let desc = &svg[svg.find("<desc>").unwrap()..svg.find("</desc>").unwrap()];
    assert!(
        desc.contains("† Fewer than 100 respondents: the shares are unreliable"),
        "{desc}"
    );
    let embed = text(&page(
        site.path(),
        "en/passports/zrazkova-pryklad/charts/survey-channels/index.html",
    ));
    assert!(embed.contains("† Fewer than 100 respondents"), "{embed}");
    let all = text(&page(site.path(), "en/survey/index.html"));
    assert!(all.contains("60 †"), "{all}");
    assert!(all.contains("† Fewer than 100 respondents: this survey's shares are unreliable"));
}

/// Every section says where its figures come from and when; the caveats
/// of site.toml stand beside the figures they concern; a passport with no
/// source is warned about and says so.
#[test]
fn sections_name_their_source_and_caveats_stand_where_they_apply() {
    let site = example_site();
    build(site.path());
    let html = page(site.path(), "en/passports/lvivska/index.html");
    let sections: Vec<&str> = html.split("<section id=\"").skip(1).collect();
    assert!(sections.len() > 4);
    for s in &sections {
        let id = &s[..s.find('"').unwrap()];
        let s = &s[..s.find("</section>").unwrap()];
        let expected = match id {
            "sources" => continue,
            "comparison" | "similar" | "threats" => {
                "<p class=\"source\">Computed from the community passports by the site&#39;s methodology.</p>"
            }
            _ => {
                "<p class=\"source\">Source: Report &quot;Assisting communities in updating social passports&quot;, 2023. Figures as of 2023-06-30.</p>"
            }
        };
        assert!(s.contains(expected), "{id}: {s}");
    }
    let idps = "IDPs are people registered as internally displaced; those who never registered are not counted.";
    for p in [
        "en/passports/lvivska/index.html",
        "en/index.html",
        "en/oblasts/lvivska/index.html",
    ] {
        assert!(page(site.path(), p).contains(idps), "{p}");
    }
    assert!(html.contains("The figures were reported by the communities themselves"));
    let passport = site.path().join("content/passports/lvivska.yaml");
    let yaml = fs::read_to_string(&passport).unwrap().replace(
        "sources:\n  - Звіт «Сприяння громадам в оновленні соціальних паспортів», 2023\n",
        "",
    );
    fs::write(&passport, yaml).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("content/passports/lvivska.yaml:4:1: warning: the passport names no source for its figures [C010]"));
    let html = page(site.path(), "en/passports/lvivska/index.html");
    assert!(html.contains("<p class=\"source\">Source not given. Figures as of 2023-06-30.</p>"));
    assert!(html.contains("The community does not say where its figures come from."));
}
