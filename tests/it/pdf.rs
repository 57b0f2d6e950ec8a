//! The print layouts: every passport and each oblast's set as an A4 PDF in
//! both languages, read back with poppler (pdftotext, pdfinfo, pdffonts),
//! which scripts/test installs.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;

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
pub fn text(pdf: &Path) -> String {
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
        // The text face, and the signs it lacks (≥ →) from DejaVu Sans.
        assert!(
            row.contains("NotoSans") || row.contains("DejaVuSans"),
            "{row}"
        );
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
    // The oblast book's summary breaks no word: the community's name and
    // its type stand whole on the row (the type column was "мі-ська").
    let set = out.join("oblasts/khmelnytska/khmelnytska.uk.pdf");
    let summary = page_text(&set, 1);
    assert!(
        summary.contains("Хмельницька міська територіальна громада міська 293 223"),
        "{summary}"
    );
    // Its cover says the date its totals describe.
    assert!(summary.contains("Дані станом на 2023-06-30."), "{summary}");
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
fn an_oblast_set_prints_each_passport_on_its_own_numbered_pages() {
    let site = example_site();
    // A second community in Zakarpattia, so the set holds two passports.
    let passports = site.path().join("content/passports");
    let second = fs::read_to_string(passports.join("zrazkova-pryklad.yaml"))
        .unwrap()
        .replace("oblast: Житомирська", "oblast: Закарпатська");
    fs::write(passports.join("zrazkova-druha.yaml"), second).unwrap();
    build(site.path());
    let out = site.path().join("output");
    let set = out.join("en/oblasts/zakarpatska/zakarpatska.en.pdf");
    let doc = lopdf::Document::load(&set).unwrap();
    let total = doc.get_pages().len();
    let toc = doc.get_toc().unwrap().toc;
    assert!(page_text(&set, 1).contains("Zakarpattia Oblast"));
    assert!(
        pdfinfo(&set).contains("Tagged:          yes"),
        "a set is tagged too"
    );
    // The set's text without the contents' leader dots and word joiners.
    let contents = text(&set).replace(['.', '\u{2060}'], "");
    let contents = contents.split_whitespace().collect::<Vec<_>>().join(" ");
    // A page's text without its numbers and the contents' leader dots,
    // whose count follows the numbers' width.
    let without_digits = |t: String| {
        let t = t.replace(|c: char| c.is_ascii_digit() || c == '·', "");
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut first = usize::MAX;
    let mut printed = 0;
    for id in ["uzhhorodska", "zrazkova-druha"] {
        let own = out.join(format!("en/passports/{id}/{id}.en.pdf"));
        let own_pages = lopdf::Document::load(&own).unwrap().get_pages().len();
        let cover = page_text(&own, 1);
        // The bookmark of the passport's name lands on its cover.
        let mark = toc
            .iter()
            .find(|e| cover.contains(e.title.trim()) && e.title.contains("community"))
            .unwrap_or_else(|| panic!("no bookmark for {id}: {toc:?}"));
        // Each page of the set from there is the passport's page as its own
        // PDF prints it, numbered as a page of the set.
        for k in 0..own_pages {
            let in_set = page_text(&set, mark.page + k);
            assert!(
                in_set.ends_with(&format!("Page {} of {total}", mark.page + k)),
                "{id} page {}: {in_set}",
                k + 1
            );
            assert_eq!(
                without_digits(in_set),
                without_digits(page_text(&own, k + 1)),
                "{id} page {}",
                k + 1
            );
        }
        // The passport's own contents point to the set's pages.
        let population = format!("Population {}", mark.page + 1);
        let cover_in_set = page_text(&set, mark.page).replace(['.', '·', '\u{2060}'], "");
        let cover_in_set = cover_in_set
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(cover_in_set.contains(&population), "{cover_in_set}");
        // The set's contents list give the same page.
        assert!(
            contents.contains(&format!("{} {}", mark.title.trim(), mark.page)),
            "contents lack {} {}",
            mark.title,
            mark.page
        );
        first = first.min(mark.page);
        printed += own_pages;
    }
    // Cover, summary and contents, then the passports' pages and no more.
    assert_eq!(total, first - 1 + printed);
    // The summary names no oblast: every row would repeat it.
    let summary = page_text(&set, 1);
    assert!(!summary.contains("Oblast Type"), "{summary}");
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
    // Top-level keys go before site.toml's tables.
    let config = format!(
        "organisation = {{ uk = \"Фонд «Приклад»\", en = \"Example Foundation\" }}\nlogo = \"logo.svg\"\n{}",
        fs::read_to_string(&toml).unwrap()
    );
    fs::write(&toml, &config).unwrap();
    // No logo file yet: a configuration error that names it, nothing built.
    let stderr = failed_build(site.path(), 2);
    assert!(
        stderr.starts_with("error: site.toml: logo: cannot read logo.svg"),
        "{stderr}"
    );
    // A logo that shows an image from elsewhere: F007 at the logo, from
    // `check` as from `build`, never blamed on the theme.
    for href in ["other.png", "https://example.org/x.png"] {
        fs::write(
            site.path().join("logo.svg"),
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"><image width=\"10\" height=\"10\" xlink:href=\"{href}\"/></svg>"),
        )
        .unwrap();
        for command in ["check", "build"] {
            let out = hromada(site.path(), &[command]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(
                stderr.starts_with(&format!("logo.svg:1:1: error: the logo cannot be read as an SVG image: it shows `{href}`, a file outside it, which no PDF or page can load [F007]")),
                "{command}: {stderr}"
            );
            assert!(!stderr.contains("built-in theme"), "{stderr}");
        }
    }
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
    let (_, _, pixels) = draw(pdf, page, false);
    pixels.chunks_exact(3).any(|p| p == rgb)
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

#[test]
fn unchanged_pdfs_come_from_the_cache_byte_for_byte() {
    // Without the charts' files, so that the cache holds the PDFs alone.
    let site = example_site();
    let cache = site.path().join(".hromada-cache/pdf");
    assert!(!first_line(site.path(), &["build", "--no-downloads"]).contains("cache"));
    // 24 PDFs, and for each of the 8 sets its passport numbered as the
    // set's pages and the list of the parts it bound; and beside each
    // PDF's key computed before its view, what made it.
    let entries = 24 + 8 + 8 + 24;
    assert_eq!(fs::read_dir(&cache).unwrap().count(), entries);
    // Nothing changed: every PDF is linked from the previous output, its
    // view never made.
    let line = first_line(site.path(), &["build", "--no-downloads"]);
    assert!(
        line.starts_with("made 0 PDFs in ")
            && line.contains(" s (24 unchanged since they were last built; CPU: layout "),
        "{line}"
    );
    // One risk's note edited: its passport and factsheet in both languages
    // (the note is untranslated, so English prints it too) and the oblast
    // sets that print them are typeset again; the other passports are not.
    let file = site.path().join("content/passports/zrazkova-pryklad.yaml");
    let yaml = fs::read_to_string(&file).unwrap();
    let edited = yaml.replace("старші за 60 років.", "старші за 60 років (2023).");
    assert_ne!(edited, yaml);
    fs::write(&file, edited).unwrap();
    let line = first_line(site.path(), &["build", "--no-downloads"]);
    assert!(line.starts_with("made 6 PDFs in "), "{line}");
    assert!(
        line.contains(" s (18 unchanged since they were last built; "),
        "{line}"
    );
    let linked = pdfs(&site.path().join("output"));
    // A page links a linked PDF with its size and pages, as kept.
    let page = "passports/lvivska/index.html";
    let linked_page = fs::read_to_string(site.path().join("output").join(page)).unwrap();
    // Entries the last build did not use are gone; a linked PDF keeps its
    // entry, and a set taken from the cache its parts.
    assert_eq!(fs::read_dir(&cache).unwrap().count(), entries);
    // Without the previous output, every PDF comes from the cache.
    fs::remove_dir_all(site.path().join("output")).unwrap();
    let line = first_line(site.path(), &["build", "--no-downloads"]);
    assert!(line.contains(" s (24 from the cache; "), "{line}");
    // A build that makes no PDFs leaves their entries alone.
    let args = [
        "build",
        "--quiet",
        "--no-pdf",
        "--no-downloads",
        "--output",
        "quick",
    ];
    assert!(hromada(site.path(), &args).status.success());
    assert_eq!(fs::read_dir(&cache).unwrap().count(), entries);
    let cached = pdfs(&site.path().join("output"));
    let line = first_line(
        site.path(),
        &["build", "--no-downloads", "--no-cache", "--output", "fresh"],
    );
    assert!(!line.contains("cache"), "{line}");
    let fresh = pdfs(&site.path().join("fresh"));
    assert_eq!(cached.len(), 24);
    assert!(cached == fresh, "a cached PDF differs from a fresh one");
    assert!(linked == fresh, "a linked PDF differs from a fresh one");
    let fresh_page = fs::read_to_string(site.path().join("fresh").join(page)).unwrap();
    assert!(
        fresh_page.contains("\u{a0}КБ, 3\u{a0}сторінки"),
        "{fresh_page}"
    );
    assert_eq!(linked_page, fresh_page);
}

#[test]
fn a_corrupt_cache_entry_is_typeset_again_never_published() {
    let site = example_site();
    build(site.path());
    let fresh = pdfs(&site.path().join("output"));
    let cache = site.path().join(".hromada-cache/pdf");
    for entry in fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let mut bytes = fs::read(&path).unwrap();
        // A flipped byte in the PDF, and its length unchanged.
        let last = bytes.len() - 10;
        bytes[last] ^= 0x20;
        fs::write(&path, bytes).unwrap();
    }
    let line = first_line(site.path(), &["build"]);
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
        stderr.contains("the build cache cannot be used"),
        "{stderr}"
    );
    assert!(stderr.contains("--no-cache"), "{stderr}");
    assert_eq!(pdfs(&site.path().join("output")).len(), 24);
}

/// A page of a PDF drawn by pdftoppm at 40 dpi, in colour (three bytes a
/// pixel) or `grey` (one): width, height and the pixels.
fn draw(pdf: &Path, page: usize, grey: bool) -> (usize, usize, Vec<u8>) {
    let n = page.to_string();
    let mut args = vec!["-r", "40", "-f", &n, "-l", &n];
    if grey {
        args.push("-gray");
    }
    let out = Command::new("pdftoppm")
        .args(args)
        .arg(pdf)
        .output()
        .expect("pdftoppm (poppler-utils) is needed, scripts/test installs it");
    assert!(out.status.success());
    // A binary PPM or PGM: "P6\n<w> <h>\n255\n", then the pixels.
    let parts: Vec<&[u8]> = out.stdout.splitn(4, |&b| b == b'\n').collect();
    let size = String::from_utf8_lossy(parts[1]).into_owned();
    let (w, h) = size.split_once(' ').unwrap();
    (w.parse().unwrap(), h.parse().unwrap(), parts[3].to_vec())
}

/// How far down a page (0 to 1) its content runs: the lowest row with ink
/// above the footer (the last 12 % of the page, where the page number is).
fn filled_to(pdf: &Path, page: usize) -> f64 {
    let (w, h, pixels) = draw(pdf, page, true);
    let body = h * 88 / 100;
    let lowest = (0..body)
        .rev()
        .find(|&y| pixels[y * w..(y + 1) * w].iter().any(|&p| p < 200))
        .unwrap_or(0);
    lowest as f64 / h as f64
}

fn pages(pdf: &Path) -> usize {
    let info = pdfinfo(pdf);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn every_passport_has_a_two_page_factsheet_in_both_languages() {
    let site = example_site();
    build(site.path());
    let out = site.path().join("output");
    for id in ["lvivska", "khmelnytska", "uzhhorodska", "zrazkova-pryklad"] {
        for (pdf, lang) in [
            (format!("passports/{id}/{id}-factsheet.uk.pdf"), "uk"),
            (format!("en/passports/{id}/{id}-factsheet.en.pdf"), "en"),
        ] {
            let pdf = out.join(pdf);
            assert_eq!(pages(&pdf), 2, "{}", pdf.display());
            // Page 1 is full to its foot (the address and QR code there).
            assert!(filled_to(&pdf, 1) > 0.8, "{} page 1", pdf.display());
            let info = pdfinfo(&pdf);
            assert!(info.contains("Tagged:          yes"), "{info}");
            let title = match lang {
                "uk" => "Title:           Коротка довідка: ",
                _ => "Title:           Factsheet: ",
            };
            assert!(info.contains(title), "{info}");
        }
    }
    let en = text(&out.join("en/passports/zrazkova-pryklad/zrazkova-pryklad-factsheet.en.pdf"));
    for printed in [
        // Key figures with their places, computed from the passports.
        "12,480",
        "Zhytomyr Oblast: 1st of 1",
        "among all communities: 4th of 4",
        // The threat levels by area, the gravest risk and its note.
        "Services medium Security low Cohesion not assessed",
        "Ageing population of remote villages",
        // What the plan asks of donors: its total, its count, the largest.
        "UAH 1,790,000",
        "for 2 measures",
        "UAH 1,150,000",
        // The passport's page, which the QR code holds.
        "https://example.org/passports-2023/en/passports/zrazkova-pryklad/ Page 1 of 2",
        // site.toml's caveats on a passport's figures and on IDPs.
        "the foundation has not checked them on site.",
        "IDPs are people registered as internally displaced",
    ] {
        assert!(en.contains(printed), "{printed:?} not in:\n{en}");
    }
    let full = text(&out.join("en/passports/zrazkova-pryklad/zrazkova-pryklad.en.pdf"));
    assert!(
        full.contains("IDPs are people registered as internally displaced"),
        "{full}"
    );
}

#[test]
fn the_passport_page_links_its_factsheet_with_size_and_pages() {
    let site = example_site();
    build(site.path());
    let html = page(site.path(), "passports/lvivska/index.html");
    assert!(
        html.contains("<a href=\"/passports-2023/passports/lvivska/lvivska-factsheet.uk.pdf\" type=\"application/pdf\" download>Коротка довідка для друку (PDF)</a> <span class=\"meta\">"),
        "{html}"
    );
    let en = page(site.path(), "en/passports/lvivska/index.html");
    assert!(en.contains(
        "lvivska-factsheet.en.pdf\" type=\"application/pdf\" download>Factsheet for print (PDF)</a>"
    ));
    assert!(en.contains(", 2 pages</span>"), "{en}");
}

#[test]
fn passports_flow_no_page_but_the_last_is_more_than_half_empty() {
    let site = example_site();
    build(site.path());
    let out = site.path().join("output");
    for id in ["lvivska", "khmelnytska", "uzhhorodska", "zrazkova-pryklad"] {
        for pdf in [
            format!("passports/{id}/{id}.uk.pdf"),
            format!("en/passports/{id}/{id}.en.pdf"),
        ] {
            let pdf = out.join(pdf);
            let n = pages(&pdf);
            for page in 1..n {
                let filled = filled_to(&pdf, page);
                assert!(
                    filled > 0.5,
                    "{} page {page} is filled to {filled:.2}",
                    pdf.display()
                );
            }
        }
    }
    // The cover holds the key figures, the locator map and the contents.
    let cover = page_text(
        &out.join("passports/zrazkova-pryklad/zrazkova-pryklad.uk.pdf"),
        1,
    );
    for printed in [
        "12 480",
        "Житомирська область на карті України",
        "Зміст",
        "Середньостроковий план",
    ] {
        assert!(
            cover.contains(printed),
            "{printed:?} not on the cover:\n{cover}"
        );
    }
}

#[test]
fn passports_and_factsheets_are_pdf_ua_and_a_layout_that_breaks_it_is_an_error_at_its_line() {
    let site = example_site();
    build(site.path());
    let out = site.path().join("output");
    for pdf in [
        "passports/lvivska/lvivska.uk.pdf",
        "en/passports/lvivska/lvivska-factsheet.en.pdf",
    ] {
        let meta = poppler("pdfinfo", &["-meta", out.join(pdf).to_str().unwrap()]);
        assert!(
            meta.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{pdf}: {meta}"
        );
    }
    // An image without alt text breaks PDF/UA-1.
    override_template(
        site.path(),
        "factsheet.typ",
        "#let data = json(\"/data.json\")\n#set document(title: \"x\")\n= x\n#image(bytes(data.link.qr), format: \"svg\")\n",
    );
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("templates/factsheet.typ:4:2: error: print layout: PDF/UA-1 error: missing alt text [T003]"),
        "{stderr}"
    );
}

#[test]
fn a_base_url_no_qr_code_can_hold_is_refused_at_its_line() {
    let site = example_site();
    let toml = site.path().join("site.toml");
    let config = fs::read_to_string(&toml).unwrap();
    let long = format!("https://example.org/{}/", "a".repeat(1900));
    let line = config
        .lines()
        .position(|l| l.starts_with("base_url"))
        .unwrap()
        + 1;
    let edited: Vec<String> = config
        .lines()
        .map(|l| match l.starts_with("base_url") {
            true => format!("base_url = \"{long}\""),
            false => l.to_string(),
        })
        .collect();
    fs::write(&toml, edited.join("\n")).unwrap();
    let out = hromada(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("site.toml:{line}:")), "{stderr}");
    assert!(stderr.contains("QR codes cannot hold"), "{stderr}");
}
