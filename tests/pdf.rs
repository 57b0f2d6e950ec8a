//! The print layouts: every passport and each oblast's set as an A4 PDF in
//! both languages, read back with poppler (pdftotext, pdfinfo, pdffonts),
//! which scripts/test installs.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

/// What a poppler tool prints.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} (poppler-utils) is needed, scripts/test installs it: {e}")
    });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn pdfinfo(pdf: &Path) -> String {
    poppler("pdfinfo", &[pdf.to_str().unwrap()])
}

/// The text of a PDF as an extractor reads it, runs of white space (line
/// ends, no-break spaces) made one space.
fn text(pdf: &Path) -> String {
    let raw = poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    raw.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_passport_prints_in_both_languages_with_real_text() {
    let site = example_site();
    build(site.path());
    let out = site.path().join("output");
    let uk = out.join("passports/uzhhorodska/uzhhorodska.uk.pdf");
    let en = out.join("en/passports/uzhhorodska/uzhhorodska.en.pdf");
    let uk_text = text(&uk);
    let en_text = text(&en);
    // The published figures, selectable, in each language's format (a
    // no-break space in the PDF comes out of the extractor as a space).
    for figure in [
        "115 512",
        "23,6 %",
        "Ужгородська міська територіальна громада",
    ] {
        assert!(
            uk_text.contains(figure),
            "{figure:?} not in the Ukrainian PDF"
        );
    }
    for figure in ["115,512", "23.6%", "Page 2 of"] {
        assert!(
            en_text.contains(figure),
            "{figure:?} not in the English PDF"
        );
    }
    assert!(uk_text.contains("Сторінка 2 з"));
    // Every passport of the site, in every language.
    for id in ["lvivska", "khmelnytska", "uzhhorodska", "zrazkova-pryklad"] {
        assert!(
            out.join(format!("passports/{id}/{id}.uk.pdf")).is_file(),
            "{id}"
        );
        assert!(
            out.join(format!("en/passports/{id}/{id}.en.pdf")).is_file(),
            "{id}"
        );
    }
}

#[test]
fn a_pdf_carries_its_title_language_tags_and_embedded_fonts() {
    let site = example_site();
    build(site.path());
    let pdf = site
        .path()
        .join("output/en/passports/uzhhorodska/uzhhorodska.en.pdf");
    let info = pdfinfo(&pdf);
    assert!(info.contains("Title:           Uzhhorod"), "{info}");
    assert!(
        info.contains("Author:          Social passports of communities"),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        !info.contains("CreationDate"),
        "a date makes builds differ: {info}"
    );
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.contains("NotoSans"), "{row}");
        // emb, sub: embedded and subset.
        assert!(row.contains(" yes yes "), "not embedded as a subset: {row}");
    }
}

#[test]
fn passport_and_oblast_pages_link_their_pdf_with_size_and_pages() {
    let site = example_site();
    build(site.path());
    let out = site.path().join("output");
    let pdf = out.join("passports/uzhhorodska/uzhhorodska.uk.pdf");
    let pages: u64 = pdfinfo(&pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let kb = fs::metadata(&pdf).unwrap().len().div_ceil(1024);
    let html = page(site.path(), "passports/uzhhorodska/index.html");
    assert!(
        html.contains("href=\"/passports-2023/passports/uzhhorodska/uzhhorodska.uk.pdf\""),
        "no link to the PDF"
    );
    let pages_word = match pages % 10 {
        1 if pages % 100 != 11 => "сторінка",
        2..=4 if !(12..=14).contains(&(pages % 100)) => "сторінки",
        _ => "сторінок",
    };
    let expected = format!("{kb}\u{a0}КБ, {pages}\u{a0}{pages_word}");
    assert!(html.contains(&expected), "{expected} not on the page");
    assert!(page(site.path(), "en/oblasts/zakarpatska/index.html").contains("zakarpatska.en.pdf"));
}

/// The text of one page of a PDF, as `text` reads it.
fn page_text(pdf: &Path, number: usize) -> String {
    let n = number.to_string();
    let raw = poppler(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &n,
            "-l",
            &n,
            pdf.to_str().unwrap(),
            "-",
        ],
    );
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_oblast_set_binds_each_passport_page_by_page_with_contents_and_bookmarks() {
    let site = example_site();
    // A second community in Zakarpattia, so the set binds two passports.
    let passports = site.path().join("content/passports");
    let second = fs::read_to_string(passports.join("zrazkova-pryklad.yaml"))
        .unwrap()
        .replace("oblast: Житомирська", "oblast: Закарпатська");
    fs::write(passports.join("zrazkova-druha.yaml"), second).unwrap();
    build(site.path());
    let out = site.path().join("output");
    let set = out.join("en/oblasts/zakarpatska/zakarpatska.en.pdf");
    let doc = lopdf::Document::load(&set).unwrap();
    let toc = doc.get_toc().unwrap().toc;
    assert!(page_text(&set, 1).contains("Zakarpattia Oblast"));
    // The set's text without the contents' leader dots and word joiners.
    let contents = text(&set).replace(['.', '\u{2060}'], "");
    let contents = contents.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut passports = 0;
    let mut bound_pages = 0;
    for id in ["uzhhorodska", "zrazkova-druha"] {
        let own = out.join(format!("en/passports/{id}/{id}.en.pdf"));
        let own_pages = lopdf::Document::load(&own).unwrap().get_pages().len();
        let cover = page_text(&own, 1);
        // The bookmark of the passport's name lands on its cover.
        let mark = toc
            .iter()
            .find(|e| cover.contains(e.title.trim()) && e.level > 1 && !e.title.contains("Oblast"))
            .unwrap_or_else(|| panic!("no bookmark for {id}: {toc:?}"));
        // Every page of the set from there is the passport's own page.
        for k in 0..own_pages {
            assert_eq!(
                page_text(&set, mark.page + k),
                page_text(&own, k + 1),
                "{id} page {}",
                k + 1
            );
        }
        // The contents list gives the same page.
        assert!(
            contents.contains(&format!("{} {}", mark.title.trim(), mark.page)),
            "contents lack {} {}",
            mark.title,
            mark.page
        );
        passports += 1;
        bound_pages += own_pages;
    }
    assert_eq!(passports, 2);
    // Cover, summary and contents, then the passports' pages and no more.
    let first_bound = toc
        .iter()
        .filter(|e| e.level == 3)
        .map(|e| e.page)
        .min()
        .unwrap();
    assert_eq!(doc.get_pages().len(), first_bound - 1 + bound_pages);
}

#[test]
fn a_slot_for_a_pdf_that_is_not_there_is_a_layout_error() {
    let site = example_site();
    override_template(
        site.path(),
        "oblast.typ",
        "Set.\n#pagebreak()\n#metadata((file: \"/bound/99.pdf\", page: 1)) <hromada-bound>\n",
    );
    let stderr = failed_build(site.path(), 1);
    assert!(
        stderr.contains("templates/oblast.typ:1:1: error: print layout: a slot names `/bound/99.pdf`, which is not one of the PDFs to bind [T003]"),
        "{stderr}"
    );
}

#[test]
fn no_pdf_skips_the_pdfs_and_their_links() {
    let site = example_site();
    let out = hromada(site.path(), &["build", "--no-pdf"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(", 0 PDFs ("), "{stdout}");
    let output = site.path().join("output");
    assert!(
        !output
            .join("passports/uzhhorodska/uzhhorodska.uk.pdf")
            .exists()
    );
    assert!(!page(site.path(), "passports/uzhhorodska/index.html").contains(".pdf"));
}

#[test]
fn a_site_overrides_the_print_layout_file_by_file() {
    let site = example_site();
    override_template(
        site.path(),
        "passport.typ",
        "#let data = json(\"/data.json\")\n#set document(title: data.passport.name.text)\n= #data.passport.name.text\nНаш макет.\n",
    );
    build(site.path());
    let pdf = site.path().join("output/passports/lvivska/lvivska.uk.pdf");
    assert!(text(&pdf).contains("Наш макет."));
    // The oblast sets still use the built-in layout.
    let set = site.path().join("output/oblasts/lvivska/lvivska.uk.pdf");
    assert!(text(&set).contains("Сторінка 1 з"));
}

#[test]
fn the_organisation_and_its_logo_come_from_site_toml() {
    let site = example_site();
    let toml = site.path().join("site.toml");
    let mut config = fs::read_to_string(&toml).unwrap();
    config.push_str("organisation = { uk = \"Фонд «Приклад»\", en = \"Example Foundation\" }\nlogo = \"logo.svg\"\n");
    fs::write(&toml, &config).unwrap();
    // No logo file yet: a configuration error that names it, nothing built.
    let stderr = failed_build(site.path(), 2);
    assert!(
        stderr.starts_with("error: site.toml: logo: cannot read logo.svg"),
        "{stderr}"
    );
    fs::write(
        site.path().join("logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"#0072B2\"/></svg>",
    )
    .unwrap();
    build(site.path());
    let en = text(
        &site
            .path()
            .join("output/en/passports/lvivska/lvivska.en.pdf"),
    );
    assert!(en.contains("Example Foundation"));
    let uk = site.path().join("output/passports/lvivska/lvivska.uk.pdf");
    assert!(text(&uk).contains("Фонд «Приклад»"));
    assert!(pdfinfo(&uk).contains("Author:          Фонд «Приклад»"));
}

#[test]
fn untranslated_text_prints_in_ukrainian_flagged_with_its_language() {
    let site = example_site();
    untranslate_bus_routes(site.path());
    hromada(site.path(), &["build"]);
    let out = site.path().join("output");
    let pdf = out.join("en/passports/zrazkova-pryklad/zrazkova-pryklad.en.pdf");
    // The cell keeps its Ukrainian text, with the language's code raised
    // after it (the layout's `cell`, for cells that carry a `lang`): on
    // the printed line, the code follows the text.
    let laid_out = poppler(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    );
    let line = laid_out
        .lines()
        .find(|l| l.contains(BUS_ROUTES))
        .unwrap_or_else(|| panic!("{laid_out}"));
    let flagged = line.trim_end().strip_suffix("UK").map(str::trim_end);
    assert!(flagged.is_some_and(|l| l.ends_with(BUS_ROUTES)), "{line}");
    let uk = text(&out.join("passports/zrazkova-pryklad/zrazkova-pryklad.uk.pdf"));
    assert!(uk.contains(BUS_ROUTES) && !uk.contains(" UK "), "{uk}");
}

/// Whether page `page` of a PDF, drawn by pdftoppm, has a pixel of `rgb`.
fn page_has_colour(pdf: &Path, page: usize, rgb: [u8; 3]) -> bool {
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-r", "50", "-f", &n, "-l", &n, pdf.to_str().unwrap()])
        .output()
        .expect("pdftoppm (poppler-utils) is needed, scripts/test installs it");
    assert!(out.status.success());
    // A binary PPM: "P6\n<w> <h>\n255\n", then three bytes a pixel.
    let ppm = out.stdout;
    let mut newlines = 0;
    let start = ppm
        .iter()
        .position(|&b| {
            newlines += usize::from(b == b'\n');
            newlines == 3
        })
        .unwrap()
        + 1;
    ppm[start..].chunks_exact(3).any(|p| p == rgb)
}

#[test]
fn one_design_restyles_the_pages_the_charts_and_the_print_at_once() {
    let site = example_site();
    let built_in = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/design.toml"),
    )
    .unwrap();
    let ours = built_in
        .replace("accent = \"#0b5cad\"", "accent = \"#c0148c\"")
        .replace("series = [\"#0072b2\"", "series = [\"#127a3e\"");
    assert_ne!(ours, built_in);
    fs::create_dir_all(site.path().join("themes/default")).unwrap();
    fs::write(site.path().join("themes/default/design.toml"), ours).unwrap();
    build(site.path());
    let out = site.path().join("output");
    let css = fs::read_to_string(out.join("static/design.css")).unwrap();
    assert!(css.contains("--accent: #c0148c;"), "{css}");
    let passport = fs::read_to_string(out.join("passports/lvivska/index.html")).unwrap();
    // plotters writes colours in capitals.
    assert!(
        passport.contains("#127A3E"),
        "the charts keep the old series"
    );
    assert!(
        !passport.contains("#0072B2"),
        "the charts keep the old series"
    );
    let pdf = out.join("passports/lvivska/lvivska.uk.pdf");
    assert!(page_has_colour(&pdf, 1, [0xc0, 0x14, 0x8c]));
    // The built-in design's accent is nowhere on the cover any more.
    assert!(!page_has_colour(&pdf, 1, [0x0b, 0x5c, 0xad]));
}

/// Every PDF under `dir`, by its path there, with its bytes.
fn pdfs(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, fs::read(&p).unwrap())
        })
        .collect()
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The PDF line a build prints (`made 16 PDFs in 0.21 s (15 from the cache)`).
fn pdf_line(site: &Path, args: &[&str]) -> String {
    let out = hromada(site, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout.lines().next().unwrap().to_string()
}

#[test]
fn unchanged_pdfs_come_from_the_cache_byte_for_byte() {
    let site = example_site();
    let cache = site.path().join(".hromada-cache/print");
    assert!(!pdf_line(site.path(), &["build"]).contains("cache"));
    assert_eq!(fs::read_dir(&cache).unwrap().count(), 16);
    let line = pdf_line(site.path(), &["build"]);
    assert!(line.ends_with(" s (16 from the cache)"), "{line}");
    // One risk's note edited: its passport in both languages (the note is
    // untranslated, so English prints it too) and the oblast sets that
    // bind them are typeset again; the other passports are not.
    let file = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&file).unwrap();
    let edited = yaml.replace("старші за 60 років.", "старші за 60 років (2023).");
    assert_ne!(edited, yaml);
    fs::write(&file, edited).unwrap();
    let line = pdf_line(site.path(), &["build"]);
    assert!(line.ends_with(" s (12 from the cache)"), "{line}");
    // Entries the last build did not use are gone.
    assert_eq!(fs::read_dir(&cache).unwrap().count(), 16);
    let cached = pdfs(&site.path().join("output"));
    let line = pdf_line(site.path(), &["build", "--no-cache", "--output", "fresh"]);
    assert!(!line.contains("cache"), "{line}");
    let fresh = pdfs(&site.path().join("fresh"));
    assert_eq!(cached.len(), 16);
    assert!(cached == fresh, "a cached PDF differs from a fresh one");
}

#[test]
fn a_corrupt_cache_entry_is_typeset_again_never_published() {
    let site = example_site();
    build(site.path());
    let fresh = pdfs(&site.path().join("output"));
    let cache = site.path().join(".hromada-cache/print");
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = fs::read(&path).unwrap();
        // A flipped byte in the PDF, and its length unchanged.
        let last = bytes.len() - 10;
        bytes[last] ^= 0x20;
        fs::write(&path, bytes).unwrap();
    }
    let line = pdf_line(site.path(), &["build"]);
    assert!(!line.contains("cache"), "{line}");
    assert!(pdfs(&site.path().join("output")) == fresh);
}

#[test]
fn a_cache_that_cannot_be_written_is_one_warning_and_the_build_goes_on() {
    let site = example_site();
    // A file where the cache's folder should be.
    fs::write(site.path().join(".hromada-cache"), "not a folder").unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("[F008]").count(), 1, "{stderr}");
    assert!(
        stderr.contains("the print cache cannot be used"),
        "{stderr}"
    );
    assert!(stderr.contains("--no-cache"), "{stderr}");
    assert_eq!(pdfs(&site.path().join("output")).len(), 16);
}
