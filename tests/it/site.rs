//! The example site, built by the real binary: pages, URLs, numbers in both
//! languages, reports, open data, determinism and the output guarantees.

use std::fs;

use crate::common::*;

const NBSP: char = '\u{a0}';

#[test]
fn every_page_of_the_contract_is_written() {
    let site = example_site();
    build(site.path());
    for path in [
        "index.html",
        "en/index.html",
        "passports/uzhhorodska/index.html",
        "en/passports/uzhhorodska/index.html",
        "oblasts/zakarpatska/index.html",
        "en/oblasts/khmelnytska/index.html",
        "oblasts/lvivska/index.html",
        "reports/index.html",
        "reports/overview/index.html",
        "funding/index.html",
        "en/funding/index.html",
        "threats/index.html",
        "en/threats/index.html",
        "survey/index.html",
        "en/survey/index.html",
        "en/reports/overview/index.html",
        "data/passports.json",
        "data/passports.csv",
        "data/measures.json",
        "data/measures.csv",
        "data/passport.schema.json",
        "sitemap.xml",
        "atom.xml",
        "en/atom.xml",
        "404.html",
        "robots.txt",
        "funding/zhytomyrska/index.html",
        "en/funding/zhytomyrska/index.html",
        "static/style.css",
        "static/design.css",
        "passports/lvivska/lvivska-factsheet.uk.pdf",
        "en/passports/lvivska/lvivska-factsheet.en.pdf",
    ] {
        assert!(
            site.path().join("output").join(path).is_file(),
            "{path} is missing"
        );
    }
}

#[test]
fn published_figures_print_in_each_languages_format() {
    let site = example_site();
    build(site.path());
    for (id, residents_uk, residents_en, idps_en, share_uk, share_en) in [
        (
            "lvivska", "777 234", "777,234", "108,715", "14,0 %", "14.0%",
        ),
        (
            "khmelnytska",
            "293 223",
            "293,223",
            "49,247",
            "16,8 %",
            "16.8%",
        ),
        (
            "uzhhorodska",
            "115 512",
            "115,512",
            "27,280",
            "23,6 %",
            "23.6%",
        ),
    ] {
        let uk = visible_text(&page(site.path(), &format!("passports/{id}/index.html")));
        let en = visible_text(&page(site.path(), &format!("en/passports/{id}/index.html")));
        let nb = |s: &str| s.replace(' ', &NBSP.to_string());
        assert!(
            uk.contains(&format!("Постійні жителі {}", nb(residents_uk))),
            "{id} uk residents in {uk}"
        );
        assert!(
            uk.contains(&format!("Частка ВПО {}", nb(share_uk))),
            "{id} uk share"
        );
        assert!(
            en.contains(&format!("Residents {residents_en}")),
            "{id} en residents"
        );
        assert!(
            en.contains(&format!("Internally displaced persons {idps_en}")),
            "{id} en idps"
        );
        assert!(
            en.contains(&format!("IDP share {share_en}")),
            "{id} en share"
        );
        // The home table shows the same figures.
        let home = visible_text(&page(site.path(), "en/index.html"));
        assert!(
            home.contains(&format!("{residents_en} {idps_en} {share_en}")),
            "{id} on the home page"
        );
    }
}

#[test]
fn totals_add_first_and_divide_once() {
    let site = example_site();
    build(site.path());
    let en = visible_text(&page(site.path(), "en/index.html"));
    // 777,234 + 293,223 + 115,512 + 12,480 residents; 108,715 + 49,247 +
    // 27,280 + 1,310 IDPs; 186,552 / 1,198,449 = 15.6 %.
    assert!(en.contains("Communities 4 communities Residents 1,198,449 Internally displaced persons 186,552 IDP share 15.6%"), "{en}");
    let uk = visible_text(&page(site.path(), "index.html"));
    assert!(uk.contains(&format!("Громади 4{NBSP}громади")), "{uk}");
    assert!(
        uk.contains(&format!(
            "Разом 4 1{NBSP}198{NBSP}449 186{NBSP}552 15,6{NBSP}%"
        )),
        "{uk}"
    );
    let oblast = visible_text(&page(site.path(), "en/oblasts/zakarpatska/index.html"));
    assert!(oblast.contains("Zakarpattia Oblast"), "{oblast}");
    assert!(
        oblast.contains("Residents 115,512 Internally displaced persons 27,280 IDP share 23.6%"),
        "{oblast}"
    );
}

#[test]
fn missing_figures_are_not_reported_never_zero() {
    let site = example_site();
    build(site.path());
    let en = visible_text(&page(site.path(), "en/passports/lvivska/index.html"));
    assert!(en.contains("Raion: Lvivskyi"), "{en}");
    let html = page(site.path(), "en/passports/lvivska/index.html");
    assert!(html.contains("Sections the community did not fill in"));
    let sample = visible_text(&page(
        site.path(),
        "en/passports/zrazkova-pryklad/index.html",
    ));
    assert!(
        sample.contains("Hospitals 0"),
        "a reported zero stays a zero"
    );
    assert!(
        sample.contains("Destruction, described not reported"),
        "{sample}"
    );
}

#[test]
fn every_link_works_under_the_base_path() {
    let site = example_site();
    build(site.path());
    for (path, bytes) in snapshot_tree(&site.path().join("output")) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for value in html
            .split("href=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
        {
            // A link a page's text writes relative to the page (a report's
            // Markdown), resolved as a browser does.
            let relative = value.starts_with("../").then(|| {
                let mut dir: Vec<&str> = path
                    .parent()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .split('/')
                    .collect();
                let mut rest = value;
                while let Some(up) = rest.strip_prefix("../") {
                    dir.pop();
                    rest = up;
                }
                dir.retain(|d| !d.is_empty());
                dir.push(rest);
                format!("/passports-2023/{}", dir.join("/"))
            });
            let value = relative.as_deref().unwrap_or(value);
            assert!(
                value.starts_with("/passports-2023/")
                    || value.starts_with("https://example.org/passports-2023/")
                    || value.starts_with('#'),
                "{}: link {value}",
                path.display()
            );
            if let Some(local) = value.strip_prefix("/passports-2023/") {
                let local = local.split(['#', '?']).next().unwrap();
                let file = if local.is_empty() || local.ends_with('/') {
                    format!("{local}index.html")
                } else {
                    local.to_string()
                };
                assert!(
                    site.path().join("output").join(&file).is_file(),
                    "{}: broken link {value}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn pages_declare_their_language_and_both_alternates() {
    let site = example_site();
    build(site.path());
    let uk = page(site.path(), "passports/uzhhorodska/index.html");
    let en = page(site.path(), "en/passports/uzhhorodska/index.html");
    assert!(uk.contains("<html lang=\"uk\">") && en.contains("<html lang=\"en\">"));
    for html in [&uk, &en] {
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"uk\" href=\"https://example.org/passports-2023/passports/uzhhorodska/\">"));
        assert!(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/passports-2023/en/passports/uzhhorodska/\">"));
    }
    assert!(uk.contains("<a href=\"/passports-2023/en/passports/uzhhorodska/\" hreflang=\"en\" lang=\"en\">English</a>"));
}

#[test]
fn english_pages_use_the_translations() {
    let site = example_site();
    build(site.path());
    let en = visible_text(&page(
        site.path(),
        "en/passports/zrazkova-pryklad/index.html",
    ));
    for english in [
        "Zrazkove village territorial community (example)",
        "Ageing population of remote villages",
        "Demography high More than a quarter of the residents are over 60.",
        "Equip 2 remote workplaces of the Administrative Service Centre",
    ] {
        assert!(en.contains(english), "{english} in {en}");
    }
    let html = page(site.path(), "en/passports/lvivska/index.html");
    assert!(
        html.contains("<h1>Lviv city territorial community</h1>"),
        "a translated name is not flagged"
    );
}

#[test]
fn untranslated_text_is_marked_counted_and_names_transliterated() {
    let site = example_site();
    let without = untranslate_bus_routes(site.path()).replace(
        "msgid \"Зразкова сільська територіальна громада (приклад)\"",
        "#, fuzzy\nmsgid \"Зразкова сільська територіальна громада (приклад)\"",
    );
    fs::write(site.path().join("content/i18n/en.po"), without).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "content/i18n/en.po:1:1: warning: 1 passport text has no `en` translation (shown in Ukrainian, marked) [I002]\n  hint: `hromada i18n update` adds their entries to content/i18n/en.po, each with an msgstr to fill in; `hromada i18n status` lists them (see `hromada explain I002`)\n"
    );
    let en = page(site.path(), "en/passports/zrazkova-pryklad/index.html");
    assert!(en.contains("<span lang=\"uk\" class=\"untranslated\">Два автобусні маршрути до центру громади, тричі на день.</span><sup class=\"flag\"><abbr title=\"not yet translated\">UK</abbr></sup>"));
    assert!(en.contains("<span class=\"transliterated\" title=\"transliterated\">Zrazkove village territorial community</span>"));
    let uk = page(site.path(), "passports/zrazkova-pryklad/index.html");
    assert!(!uk.contains("untranslated") && !uk.contains("class=\"transliterated\""));
}

#[test]
fn reports_render_in_each_language_with_anchors() {
    let site = example_site();
    build(site.path());
    let uk = page(site.path(), "reports/overview/index.html");
    assert!(uk.contains("<h2 id=\"holovne\">Головне</h2>"), "{uk}");
    assert!(uk.contains("<td style=\"text-align:right\">115 512</td>"));
    let en = page(site.path(), "en/reports/overview/index.html");
    assert!(en.contains("<h2 id=\"headline\">Headline</h2>") && !en.contains("class=\"notice\""));
    let index = visible_text(&page(site.path(), "en/reports/index.html"));
    assert!(index.contains("The 2023 project at a glance Published 2023-12-01 56 communities in 14 oblasts updated their social passports."), "{index}");
}

#[test]
fn a_report_without_translation_shows_the_original_marked() {
    let site = example_site();
    fs::remove_file(site.path().join("content/reports/overview.en.md")).unwrap();
    build(site.path());
    let en = page(site.path(), "en/reports/overview/index.html");
    assert!(en.contains("<article class=\"report\" lang=\"uk\">"));
    assert!(en.contains("<p class=\"notice\" lang=\"en\">not yet translated</p>"));
}

#[test]
fn open_data_holds_raw_figures() {
    let site = example_site();
    build(site.path());
    let csv = page(site.path(), "data/passports.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let uzhhorod: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("uzhhorodska,"))
        .unwrap()
        .split(',')
        .collect();
    let field = |name: &str| uzhhorod[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(
        (
            field("residents"),
            field("idps"),
            field("idp_share_pct"),
            field("oblast_id")
        ),
        ("115512", "27280", "23.6", "zakarpatska")
    );
    let json: serde_json::Value =
        serde_json::from_str(&page(site.path(), "data/passports.json")).unwrap();
    let sample = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "zrazkova-pryklad")
        .unwrap();
    assert_eq!(sample["population"]["age"][2]["band"], "60+");
    assert_eq!(sample["economy"]["social_protection_uah"], 14320000.5);
    assert_eq!(sample["derived"]["idp_share"], 10.5);
    assert_eq!(sample["survey"]["age"]["55-59"], 13.0);
    // Each community's record on its own is its entry in the whole file.
    let one: serde_json::Value =
        serde_json::from_str(&page(site.path(), "data/passports/zrazkova-pryklad.json")).unwrap();
    assert_eq!(&one, sample);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = example_site();
    let b = example_site();
    build(a.path());
    build(b.path());
    assert_same_files(&a.path().join("output"), &b.path().join("output"));
}

#[cfg(unix)]
#[test]
fn a_rebuild_writes_only_what_changed_and_gives_what_a_fresh_build_gives() {
    use std::os::unix::fs::MetadataExt;
    let site = example_site();
    let inode = |rel: &str| {
        fs::metadata(site.path().join("output").join(rel))
            .unwrap()
            .ino()
    };
    let lviv = "en/passports/lvivska/charts/idp-shares.png";
    let uzh = "passports/uzhhorodska/card.png";
    // One text left untranslated: its warning is a linked page's too.
    untranslate_bus_routes(site.path());
    hromada(site.path(), &["build", "--no-pdf", "--quiet"]);
    let lviv_before = inode(lviv);
    // Nothing changed: every page is linked with its files from the
    // previous output, its view never made, and warns as it did.
    let out = hromada(site.path(), &["build", "--no-pdf"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("made 0 pages in ")
            && stdout.contains(" s (34 unchanged since they were last built)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("1 warning"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[I002]"), "{stderr}");
    assert_eq!(inode(lviv), lviv_before);
    // One risk's note edited: its passport's pages are made again, and
    // the pages that show every passport's risks (threats) or may chart
    // any part of any (reports, the foundation's pages); the others are
    // linked.
    let sample = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let text = fs::read_to_string(&sample).unwrap();
    let edited = text.replace("старші за 60 років.", "старші за 60 років (2023).");
    assert_ne!(edited, text);
    fs::write(&sample, edited).unwrap();
    let line = first_line(site.path(), &["build", "--no-pdf"]);
    assert!(
        line.starts_with("made 8 pages in ")
            && line.contains(" s (26 unchanged since they were last built; "),
        "{line}"
    );
    assert!(
        page(site.path(), "passports/zrazkova-pryklad/index.html").contains("60 років (2023).")
    );
    // A file of a page gone from the output: that page's files are
    // written again from the caches (its view not made), not linked
    // without it.
    let png = fs::read(site.path().join("output").join(lviv)).unwrap();
    fs::remove_file(site.path().join("output").join(lviv)).unwrap();
    let line = first_line(site.path(), &["build", "--no-pdf"]);
    assert!(
        line.starts_with("made 0 pages in ")
            && line.contains(" s (34 unchanged since they were last built; "),
        "{line}"
    );
    assert_eq!(
        fs::read(site.path().join("output").join(lviv)).unwrap(),
        png
    );
    // No output at all (a new clone's, a CI run's with the cache kept):
    // every page is written from the caches, none rendered, and the site
    // is the one rendering gives.
    fs::remove_dir_all(site.path().join("output")).unwrap();
    let line = first_line(site.path(), &["build", "--no-pdf"]);
    assert!(
        line.starts_with("made 0 pages in ")
            && line.contains(" s (34 unchanged since they were last built; "),
        "{line}"
    );
    assert_output_is_rendered(site.path());
    // A page's own files kept in the cache damaged: that page is
    // rendered again, the others written from the caches.
    let html = fs::read(site.path().join("output/passports/lvivska/index.html")).unwrap();
    let pages = site.path().join(".hromada-cache/pages-no-pdf");
    let mut damaged = 0;
    for entry in fs::read_dir(&pages).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = fs::read(&path).unwrap();
        if bytes.windows(html.len()).any(|w| w == html) {
            let last = bytes.len() - 1;
            bytes[last] ^= 1;
            fs::write(&path, bytes).unwrap();
            damaged += 1;
        }
    }
    assert_eq!(damaged, 1);
    fs::remove_dir_all(site.path().join("output")).unwrap();
    let line = first_line(site.path(), &["build", "--no-pdf"]);
    assert!(
        line.starts_with("made 1 page in ")
            && line.contains(" s (33 unchanged since they were last built; "),
        "{line}"
    );
    assert_output_is_rendered(site.path());
    let (lviv_before, uzh_before) = (inode(lviv), inode(uzh));
    // A new name for one community: its page and charts change, and the
    // overviews that name it; another community's charts do not.
    let passport = site.path().join("content/passports/uzhhorodska.yaml");
    let text = fs::read_to_string(&passport).unwrap();
    fs::write(
        &passport,
        text.replace("name: Ужгородська", "name: Нова Ужгородська"),
    )
    .unwrap();
    let out = hromada(site.path(), &["build", "--no-pdf"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(" drawings, "), "{stdout}");
    assert_eq!(
        inode(lviv),
        lviv_before,
        "an unchanged file is not written again"
    );
    assert_ne!(inode(uzh), uzh_before);
    // What the rebuild left is what a build from nothing gives.
    assert_output_is_rendered(site.path());
}

/// Asserts that the site's output is what a build from nothing gives
/// (no cache, no previous output: every page rendered), made in `fresh`.
fn assert_output_is_rendered(site: &std::path::Path) {
    let fresh = site.join("fresh");
    if fresh.exists() {
        fs::remove_dir_all(&fresh).unwrap();
    }
    let args = [
        "build",
        "--no-pdf",
        "--quiet",
        "--no-cache",
        "--output",
        "fresh",
    ];
    assert!(hromada(site, &args).status.success());
    assert_same_files(&site.join("output"), &fresh);
}

#[test]
fn a_rebuild_after_an_edit_to_one_part_of_a_passport_gives_what_a_fresh_build_gives() {
    // The pages made from every passport are keyed by the parts of each
    // that they show (`Kind::shows`): each edit below reaches parts some
    // of them do not show, and those are linked; had one of their views
    // read such a part, it would be left as it was, unlike a fresh build.
    let site = example_site();
    hromada(site.path(), &["build", "--no-pdf", "--quiet"]);
    let sample = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let edits: [&[(&str, &str)]; 4] = [
        // Parts that no such page shows.
        &[
            ("{ name: Лісове,", "{ name: Лісове Нове,"),
            ("roads: Дороги між селами", "roads: Дороги між усіма селами"),
            ("unit: Відділ соціального", "unit: Управління соціального"),
            ("name: Центр надання", "name: Громадський центр надання"),
            (
                "name: Доставка ліків додому",
                "name: Доставка ліків і продуктів",
            ),
            (
                "- Усі дані цього паспорта",
                "- Усі без винятку дані цього паспорта",
            ),
        ],
        &[("title: Брак фахівців", "title: Гострий брак фахівців")],
        &[("period: 2023-06/2023-09", "period: 2023-05/2023-09")],
        &[(
            "title: Придбання службового",
            "title: Придбання другого службового",
        )],
    ];
    for edit in edits {
        let mut text = fs::read_to_string(&sample).unwrap();
        for (from, to) in edit {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        fs::write(&sample, text).unwrap();
        let line = first_line(site.path(), &["build", "--no-pdf"]);
        assert!(
            line.contains(" unchanged since they were last built"),
            "{line}"
        );
        assert_output_is_rendered(site.path());
    }
}

#[test]
fn the_theme_folder_overrides_file_by_file() {
    let site = example_site();
    override_template(
        site.path(),
        "404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Загубилися?</h1>{% endblock main %}",
    );
    build(site.path());
    assert!(page(site.path(), "404.html").contains("<h1>Загубилися?</h1>"));
    // Everything else still comes from the built-in theme.
    assert!(page(site.path(), "index.html").contains("<h2 id=\"totals\">Підсумки</h2>"));
}

#[test]
fn a_theme_prints_a_tables_rows_as_hromada_made_them() {
    let site = example_site();
    let macros = include_str!("../../themes/default/templates/macros.html");
    override_template(
        site.path(),
        "macros.html",
        &macros.replace(
            "<tbody>{{ tb.body | safe }}",
            "<tbody class=\"mine\">{{ tb.body | safe }}",
        ),
    );
    build(site.path());
    let home = page(site.path(), "index.html");
    // Every data table (the facts lists have no caption) took the override.
    assert_eq!(
        home.matches("<tbody class=\"mine\">").count(),
        home.matches("<caption>").count()
    );
    // The finder's table: a row per passport, each with its search key
    // in both alphabets, its heading cell and its other cells.
    let rows: Vec<&str> = home
        .lines()
        .filter(|l| l.starts_with("<tr data-search="))
        .collect();
    assert_eq!(rows.len(), 4, "{home}");
    let lviv = rows.iter().find(|r| r.contains("lvivska miska")).unwrap();
    assert!(
        lviv.starts_with("<tr data-search=\"львівська міська територіальна громада lvivska miska terytorialna hromada\"><th scope=\"row\"><a href="),
        "{lviv}"
    );
    assert!(
        lviv.contains("</th><td") && lviv.ends_with("</td></tr>"),
        "{lviv}"
    );
}

#[test]
fn a_theme_that_loops_over_a_web_tables_cells_is_told_at_its_own_file() {
    let site = example_site();
    override_template(
        site.path(),
        "macros.html",
        &include_str!("../../themes/default/templates/macros.html").replace(
            "{{ tb.body | safe }}",
            "{% for row in tb.rows %}<tr></tr>{% endfor %}",
        ),
    );
    let printed = failed_build(site.path(), 1);
    // Told once, at the line and column of the name, though every page
    // with a table calls the macro (through two namespaces).
    assert_eq!(
        printed,
        "themes/default/templates/macros.html:31:22: error: the template reads `tb.rows`, which is not given to it here [T001]\n  \
         hint: it is read inside the macro `table`, which is given only what it is called with: see its calls (see `hromada explain T001`)\n\
         1 error; nothing was published\n"
    );
}

#[test]
fn a_misspelt_name_in_a_parent_template_is_told_at_its_line_with_the_name_meant() {
    let site = example_site();
    // `page.html` extends `report.html`: Tera names only the first.
    override_report_title(site.path(), "{{ page.titel.text }}");
    let said = |lang| failed_build_in(site.path(), lang, 1);
    assert_eq!(
        said("C"),
        "themes/default/templates/report.html:11:8: error: the template reads `page.titel.text`, which is not given to it here [T001]\n  \
         hint: did you mean `page.title.text`? (see `hromada explain T001`)\n\
         1 error; nothing was published\n"
    );
    assert_eq!(
        said("uk_UA.UTF-8"),
        "themes/default/templates/report.html:11:8: error: шаблон читає `page.titel.text`, але тут йому цього не передано [T001]\n  \
         підказка: можливо, `page.title.text`? (див. `hromada explain T001`)\n\
         1 помилка; нічого не опубліковано\n"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = example_site();
    build(site.path());
    let before = snapshot_tree(&site.path().join("output"));
    fs::write(
        site.path().join("content/passports/uzhhorodska.yaml"),
        "name: [\n",
    )
    .unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was published"));
    assert_eq!(snapshot_tree(&site.path().join("output")), before);
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_successful_build_replaces_the_output_as_a_whole() {
    let site = example_site();
    build(site.path());
    fs::write(site.path().join("output/stale.html"), "old").unwrap();
    fs::remove_file(site.path().join("content/passports/lvivska.yaml")).unwrap();
    build(site.path());
    assert!(!site.path().join("output/stale.html").exists());
    assert!(!site.path().join("output/passports/lvivska").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = example_site();
    let docs = site.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(docs.join("notes.txt"), "keep me").unwrap();
    for output in ["docs", ".", "content"] {
        let out = hromada(site.path(), &["build", "--output", output]);
        assert_eq!(out.status.code(), Some(2), "--output {output}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("refusing"),
            "--output {output}"
        );
    }
    assert_eq!(
        fs::read_to_string(docs.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert!(site.path().join("content/passports/lvivska.yaml").exists());
}

#[test]
fn progress_is_a_line_a_stage_off_a_terminal_then_one_summary_line() {
    let site = example_site();
    let out = hromada(site.path(), &["build"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].starts_with("made 24 PDFs in "), "{stdout}");
    // The pages, and the charts' files and share cards drawn beside them.
    assert!(lines[1].starts_with("made 34 pages in "), "{stdout}");
    assert!(lines[1].ends_with(" s (90 drawings)"), "{stdout}");
    assert!(
        lines[2].starts_with("built 34 pages (243 files), 36 charts, 24 PDFs ("),
        "{stdout}"
    );
    assert!(lines[2].contains(" s), 0 warnings in "), "{stdout}");
    let quiet = hromada(site.path(), &["build", "--quiet"]);
    assert!(quiet.stdout.is_empty() && quiet.stderr.is_empty());
}

#[test]
fn other_communities_get_their_own_totals() {
    // A site the example does not contain: two of the published communities
    // under a site at the domain's root.
    let site = example_site();
    fs::remove_file(site.path().join("content/passports/khmelnytska.yaml")).unwrap();
    fs::remove_file(site.path().join("content/passports/zrazkova-pryklad.yaml")).unwrap();
    let config = fs::read_to_string(site.path().join("site.toml"))
        .unwrap()
        .replace(
            "https://example.org/passports-2023",
            "https://passports.example",
        );
    fs::write(site.path().join("site.toml"), config).unwrap();
    build(site.path());
    let en = visible_text(&page(site.path(), "en/index.html"));
    // (108,715 + 27,280) / (777,234 + 115,512) = 15.2 %
    assert!(
        en.contains("Residents 892,746 Internally displaced persons 135,995 IDP share 15.2%"),
        "{en}"
    );
    assert!(page(site.path(), "en/index.html").contains("href=\"/en/passports/lvivska/\""));
}

#[test]
fn whole_pages_match_their_snapshots() {
    let site = example_site();
    build(site.path());
    insta::assert_snapshot!(
        "passport_en_zrazkova_pryklad",
        page(site.path(), "en/passports/zrazkova-pryklad/index.html")
    );
    insta::assert_snapshot!("home_uk", page(site.path(), "index.html"));
}

#[test]
fn lang_builds_only_the_languages_asked_for() {
    let site = example_site();
    let out = hromada(site.path(), &["build", "--lang", "en", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.path()
            .join("output/en/reports/overview/index.html")
            .is_file()
    );
    assert!(!site.path().join("output/index.html").exists());
    let out = hromada(site.path(), &["build", "--lang", "de"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --lang: `de` is not one of the site's languages (uk, en)\n"
    );
}

#[test]
fn the_example_po_file_is_valid_for_gettext() {
    let po = root().join("content/i18n/en.po");
    assert_valid_po(&po);
}

#[test]
fn a_third_language_builds_by_the_same_rules() {
    let site = example_site();
    let config = fs::read_to_string(site.path().join("site.toml"))
        .unwrap()
        .replace(
            "languages = [\"uk\", \"en\"]",
            "languages = [\"uk\", \"en\", \"pl\"]",
        );
    fs::write(site.path().join("site.toml"), config).unwrap();
    // Without the theme's UI strings for it, the language is refused.
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the theme has no UI strings for `pl`"));
    // A site supplies them in its theme folder.
    let polish = fs::read_to_string(root().join("themes/default/i18n/en.toml"))
        .unwrap()
        .replace("language_name = \"English\"", "language_name = \"Polski\"")
        .replace("percent = \"{}%\"", "percent = \"{}\\u00A0%\"")
        .replace("[plural.community]\none = \"{} community\"\nother = \"{} communities\"", "[plural.community]\none = \"{} gmina\"\nfew = \"{} gminy\"\nmany = \"{} gmin\"\nother = \"{} gminy\"");
    fs::create_dir_all(site.path().join("themes/default/i18n")).unwrap();
    fs::write(site.path().join("themes/default/i18n/pl.toml"), polish).unwrap();
    build(site.path());
    let pl = page(site.path(), "pl/passports/uzhhorodska/index.html");
    assert!(pl.contains("<html lang=\"pl\">"));
    assert!(pl.contains(
        "hreflang=\"pl\" href=\"https://example.org/passports-2023/pl/passports/uzhhorodska/\""
    ));
    let text = visible_text(&pl);
    assert!(
        text.contains("Residents 115\u{a0}512"),
        "CLDR's Polish grouping: {text}"
    );
    assert!(text.contains("IDP share 23,6\u{a0}%"), "{text}");
    assert!(
        visible_text(&page(site.path(), "pl/index.html")).contains("Communities 4 gminy"),
        "Polish plural of 4"
    );
    assert!(page(site.path(), "passports/uzhhorodska/index.html").contains("hreflang=\"pl\""));
}

#[test]
fn each_language_has_a_feed_of_its_reports() {
    let site = example_site();
    fs::write(
        site.path().join("content/reports/later.md"),
        "---\ntitle: Пізніше & <ще>\ndate: 2024-02-01\n---\nТекст\n",
    )
    .unwrap();
    build(site.path());
    let uk = page(site.path(), "atom.xml");
    assert!(uk.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"uk\">"));
    assert!(
        uk.contains("<updated>2024-02-01T00:00:00Z</updated>"),
        "dated by the newest report"
    );
    assert!(
        uk.find("Пізніше &amp; &lt;ще&gt;").unwrap() < uk.find("Огляд проєкту 2023 року").unwrap(),
        "newest first, escaped"
    );
    let en = page(site.path(), "en/atom.xml");
    assert!(
        en.contains("<link href=\"https://example.org/passports-2023/en/reports/overview/\"/>")
    );
    assert!(
        !en.contains("Пізніше"),
        "a report not written in English is not in the English feed"
    );
    assert!(page(site.path(), "en/index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Social passports of communities\" href=\"https://example.org/passports-2023/en/atom.xml\">"));
}

#[test]
fn the_funding_page_lists_what_needs_donors() {
    let site = example_site();
    build(site.path());
    let en = visible_text(&page(site.path(), "en/funding/index.html"));
    assert!(
        en.contains("Needed in all UAH 1,790,000 Measures 2 measures"),
        "{en}"
    );
    assert!(
        en.contains("By year Year Measures Cost 2024 1 UAH 640,000 2025 1 UAH 1,150,000"),
        "{en}"
    );
    assert!(
        !en.contains("Train 4 specialists"),
        "a locally funded measure is not listed"
    );
    let uk = visible_text(&page(site.path(), "funding/index.html"));
    assert!(
        uk.contains("Разом потрібно 1\u{a0}790\u{a0}000\u{a0}грн Заходів 2\u{a0}заходи"),
        "{uk}"
    );
    let passport = visible_text(&page(
        site.path(),
        "en/passports/zrazkova-pryklad/index.html",
    ));
    assert!(
        passport.contains("Needs donor funding UAH 1,790,000"),
        "{passport}"
    );
    let lviv = visible_text(&page(site.path(), "en/passports/lvivska/index.html"));
    assert!(!lviv.contains("Needs donor funding"), "no plan, no row");
}

#[test]
fn the_foundations_pages_sit_in_the_menu_in_order() {
    let site = example_site();
    fs::write(
        site.path().join("content/pages/training.md"),
        "---\ntitle: Навчання\norder: 2\n---\nВідео.\n",
    )
    .unwrap();
    build(site.path());
    let en = page(site.path(), "en/about/index.html");
    assert!(en.contains("<h1>About the project</h1>"));
    let nav =
        &en[en.find("<nav aria-label=\"Main navigation\"").unwrap()..en.find("</nav>").unwrap()];
    let about = nav.find("href=\"/passports-2023/en/about/\"").unwrap();
    let training = nav.find("href=\"/passports-2023/en/training/\"").unwrap();
    assert!(
        nav.contains("aria-current=\"page\">About the project</a>") && about < training,
        "{nav}"
    );
    assert!(
        page(site.path(), "en/training/index.html")
            .contains("<article class=\"report\" lang=\"uk\">"),
        "an untranslated page falls back, marked"
    );
    assert!(page(site.path(), "about/index.html").contains("<h1>Про проєкт</h1>"));

    fs::write(
        site.path().join("content/pages/funding.md"),
        "---\ntitle: Гроші\n---\n",
    )
    .unwrap();
    let out = hromada(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/pages/funding.md:1:1: error: a page cannot be called `funding`: the site publishes /funding/ itself [F004]"));
}

#[test]
fn a_template_that_cannot_be_read_is_told_at_its_line_and_column() {
    let site = example_site();
    override_report_title(site.path(), "{{ page.title.text }");
    let said = failed_build_in(site.path(), "uk_UA.UTF-8", 1);
    // Tera's parser's words too are said in Ukrainian.
    assert!(
        said.starts_with(
            "themes/default/templates/report.html:11:24: error: шаблон не вдається прочитати: очікувалося `or`, `and`, `not`, `<=`,"
        ),
        "{said}"
    );
    assert!(
        said.contains("`%`, фільтр або кінець змінної (`}}`) [T001]"),
        "{said}"
    );
}
