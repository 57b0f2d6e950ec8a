//! Charts as built into the example site's pages: the SVG itself, in each
//! language, with its numbers, bars, reference line, title and description,
//! and no chart where a passport lacks the data.

use crate::common::*;

/// The `<svg>…</svg>` of the figure with `id` on a page.
fn chart(html: &str, id: &str) -> String {
    let figure = html
        .find(&format!("<figure class=\"chart-figure\" id=\"{id}\" "))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let rest = &html[figure..];
    rest[rest.find("<svg").unwrap()..rest.find("</svg>").unwrap() + 6].to_string()
}

/// The texts of an SVG's `<text>` elements, in order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()]
                .trim()
                .to_string()
        })
        .collect()
}

#[test]
fn passport_charts_speak_each_language() {
    let site = example_site();
    build(site.path());
    let uk = page(site.path(), "passports/zrazkova-pryklad/index.html");
    let en = page(site.path(), "en/passports/zrazkova-pryklad/index.html");

    let shares_uk = chart(&uk, "chart-idp-shares");
    let shares_en = chart(&en, "chart-idp-shares");
    assert_eq!(shares_uk.matches("<rect").count(), 3);
    assert!(
        texts(&shares_uk).contains(&"10,5\u{a0}%".to_string()),
        "{:?}",
        texts(&shares_uk)
    );
    assert!(texts(&shares_en).contains(&"15.6%".to_string()));
    assert!(shares_en.contains("role=\"img\""));
    assert!(shares_en.contains("<title id=\"chart-idp-shares-title\">IDP share: community, oblast and all communities</title>"));
    assert!(shares_en.contains("<desc id=\"chart-idp-shares-desc\">The IDP share is 10.5% in the community, 10.5% in the oblast and 15.6% across all communities of the site.</desc>"));

    let pyramid = chart(&en, "chart-pyramid");
    let labels = texts(&pyramid);
    for expected in [
        "Men",
        "Women",
        "Internally displaced persons",
        "0-17",
        "18-59",
        "60+",
        "3,420",
        "2,140",
    ] {
        assert!(
            labels.contains(&expected.to_string()),
            "{expected} in {labels:?}"
        );
    }
    assert!(pyramid.contains("Residents include 6,590 women and 5,890 men. Internally displaced persons (1,310) are shown in dark inside the bars."));

    let budget = chart(&uk, "chart-budget");
    assert!(texts(&budget).contains(&"181\u{a0}250\u{a0}000\u{a0}грн".to_string()));
    assert!(
        texts(&budget).contains(&"100\u{a0}млн".to_string()),
        "{:?}",
        texts(&budget)
    );

    let channels = &en[en.find("id=\"chart-survey-channels\"").unwrap()..];
    assert!(channels.contains("<p class=\"note\">Respondents could name more than one source"));

    // Every community's IDP-share chart has one scale, the site's largest
    // share, so that charts side by side (the compare page) can be read
    // against each other: Uzhhorod's 23.6 % takes every axis to 30 %.
    let axis = |id: &str| {
        let html = page(site.path(), &format!("en/passports/{id}/index.html"));
        let ticks: Vec<String> = texts(&chart(&html, "chart-idp-shares"))
            .into_iter()
            .filter(|t| t.ends_with('%') && !t.contains('.'))
            .collect();
        ticks
    };
    let uzhhorod = axis("uzhhorodska");
    assert_eq!(
        uzhhorod.last().map(String::as_str),
        Some("30%"),
        "{uzhhorod:?}"
    );
    for id in ["lvivska", "khmelnytska", "zrazkova-pryklad"] {
        assert_eq!(axis(id), uzhhorod, "{id}");
    }
}

#[test]
fn a_passport_without_the_data_has_no_chart() {
    let site = example_site();
    build(site.path());
    let lviv = page(site.path(), "en/passports/lvivska/index.html");
    assert!(lviv.contains("id=\"chart-idp-shares\""));
    for absent in [
        "chart-pyramid",
        "chart-budget",
        "chart-social-groups",
        "chart-services",
        "chart-survey",
    ] {
        assert!(
            !lviv.contains(absent),
            "{absent} on a passport without its data"
        );
    }
    assert_eq!(lviv.matches("<figure").count(), 1, "no empty frames");
}

#[test]
fn the_ranking_draws_every_community_against_the_total() {
    let site = example_site();
    build(site.path());
    let en = page(site.path(), "en/index.html");
    let ranking = chart(&en, "chart-ranking");
    assert_eq!(ranking.matches("<rect").count(), 4);
    let labels = texts(&ranking);
    let order: Vec<&String> = labels
        .iter()
        .filter(|t| ["Uzhhorod", "Khmelnytskyi", "Lviv", "Zrazkove"].contains(&t.as_str()))
        .collect();
    assert_eq!(
        order,
        ["Uzhhorod", "Khmelnytskyi", "Lviv", "Zrazkove"],
        "highest share first"
    );
    assert!(labels.contains(&"All together: 15.6%".to_string()));
    assert!(ranking.contains("The highest IDP share is Uzhhorod, 23.6%; the lowest is Zrazkove, 10.5%. All together: 15.6%."));
    // Its data is on the page as a table.
    let details = &en[en.find("id=\"chart-ranking\"").unwrap()..];
    assert!(
        visible_text(&details[..details.find("</details>").unwrap()])
            .contains("Uzhhorod 23.6% Khmelnytskyi 16.8% Lviv 14.0% Zrazkove 10.5%")
    );

    let oblast = page(site.path(), "oblasts/zakarpatska/index.html");
    assert!(
        texts(&chart(&oblast, "chart-ranking-oblast"))
            .contains(&"Усі разом: 23,6\u{a0}%".to_string())
    );
    let oblasts = chart(&en, "chart-oblasts");
    assert_eq!(
        oblasts.matches("<rect").count(),
        2 + 2 * 4,
        "a legend and two bars per oblast"
    );
}

#[test]
fn charts_scale_with_the_page_and_use_the_bundled_font() {
    let site = example_site();
    build(site.path());
    let svg = chart(&page(site.path(), "index.html"), "chart-oblasts");
    // Drawn for a phone's width; the page scales it (no fixed size).
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 "));
    assert!(!svg.contains(" width=\"320\""));
    assert!(svg.contains("font-family=\"hromada-sans\""));
    assert!(
        site.path()
            .join("output/static/fonts/regular.woff2")
            .is_file()
    );
    assert!(
        page(site.path(), "static/style.css")
            .contains("font-family: \"hromada-sans\"; src: url(\"fonts/regular.woff2\")")
    );
}

#[test]
fn a_report_places_a_chart_in_its_page_language() {
    let site = example_site();
    build(site.path());
    let en = page(site.path(), "en/reports/overview/index.html");
    let svg = chart(&en, "chart-ranking-0");
    assert!(svg.contains("aria-labelledby=\"chart-ranking-0-title chart-ranking-0-desc\""));
    assert!(texts(&svg).contains(&"All together: 15.6%".to_string()));
    assert!(!en.contains("HROMADA-CHART"));
    let uk = page(site.path(), "reports/overview/index.html");
    assert!(texts(&chart(&uk, "chart-ranking-0")).contains(&"Ужгород".to_string()));
    let out = hromada(site.path(), &["build"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(", 36 charts,"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn same_named_centres_are_told_apart_by_oblast() {
    let site = example_site();
    let twin = std::fs::read_to_string(site.path().join("content/passports/uzhhorodska.yaml"))
        .unwrap()
        .replace("oblast: Закарпатська", "oblast: Львівська");
    std::fs::write(
        site.path().join("content/passports/uzhhorodska-twin.yaml"),
        twin,
    )
    .unwrap();
    build(site.path());
    let labels = texts(&chart(&page(site.path(), "en/index.html"), "chart-ranking"));
    assert!(
        labels.contains(&"Uzhhorod (Zak)".to_string())
            && labels.contains(&"Uzhhorod (Lviv)".to_string()),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"Khmelnytskyi".to_string()),
        "unique names stay short"
    );
}

#[test]
fn chart_labels_use_the_translations() {
    let site = example_site();
    build(site.path());
    let labels = texts(&chart(
        &page(site.path(), "en/passports/zrazkova-pryklad/index.html"),
        "chart-services",
    ));
    assert!(
        labels.contains(&"Medicines delivered home".to_string()),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l.contains("Доставка")));
}
