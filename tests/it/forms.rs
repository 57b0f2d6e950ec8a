//! Passport forms: `hromada form` writes them, real spreadsheet clients
//! (LibreOffice, openpyxl) open, edit and save them, and `hromada import`
//! reads them back into passports, refusing bad ones at their cells.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{example_site, hromada, root};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    stdout(&out)
}

/// Edits a form through openpyxl (tests/forms/edit.py says how).
fn edit(form: &Path, to: &Path, ops: &[&str]) {
    let python = root().join("target/python/bin/python");
    let out = Command::new(&python)
        .arg(root().join("tests/forms/edit.py"))
        .args([form, to])
        .args(ops)
        .output()
        .unwrap_or_else(|e| panic!("{} (scripts/test installs it): {e}", python.display()));
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Saves a form through LibreOffice as `format` (xlsx or ods) into `dir`.
fn libreoffice(form: &Path, format: &str, dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(dir)
        .arg(form)
        .output()
        .expect("soffice (LibreOffice) is needed: scripts/test installs it");
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = dir.join(form.file_stem().unwrap()).with_extension(format);
    assert!(
        saved.exists(),
        "LibreOffice saved nothing: {}",
        stderr(&out)
    );
    saved
}

/// Every passport file of a site, with its text.
fn passports(site: &Path) -> Vec<(PathBuf, String)> {
    let mut all: Vec<_> = fs::read_dir(site.join("content/passports"))
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    all.sort();
    all
}

/// Every community's open-data record of a site built without PDFs.
fn records(site: &Path) -> Vec<(String, String)> {
    ok(hromada(
        site,
        &["build", "--quiet", "--no-pdf", "--no-downloads"],
    ));
    let dir = site.join("output/data/passports");
    let mut all: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn every_example_passport_comes_back_from_its_form_as_it_was() {
    let site = example_site();
    let before = records(site.path());
    let printed = ok(hromada(site.path(), &["form", "--all"]));
    assert!(printed.contains("4 forms written"), "{printed}");
    let forms: Vec<String> = fs::read_dir(site.path().join("forms"))
        .unwrap()
        .map(|e| format!("forms/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    assert_eq!(forms.len(), 4);
    // The passports are deleted: the forms alone bring them back.
    for (path, _) in passports(site.path()) {
        fs::remove_file(path).unwrap();
    }
    let mut args = vec!["import"];
    args.extend(forms.iter().map(String::as_str));
    let printed = ok(hromada(site.path(), &args));
    assert_eq!(printed.matches("(new)").count(), 4, "{printed}");
    assert_eq!(records(site.path()), before);
    // Imported again over themselves, named by their folder: nothing
    // changes, and the owner files Excel and LibreOffice keep beside an
    // open workbook are passed over.
    let folder = site.path().join("forms");
    fs::write(folder.join("~$lvivska.xlsx"), "owner").unwrap();
    fs::write(folder.join(".~lock.lvivska.xlsx#"), "lock").unwrap();
    let printed = ok(hromada(site.path(), &["import", "forms", "--replace"]));
    assert_eq!(printed.matches("(unchanged)").count(), 4, "{printed}");
    assert!(
        printed.contains("forms/lvivska.xlsx → content/passports/lvivska.yaml"),
        "{printed}"
    );
    // A folder with no form is said to be one.
    fs::create_dir(site.path().join("filled")).unwrap();
    let out = hromada(site.path(), &["import", "filled"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("filled:1:1: error: the folder holds no form (.xlsx or .ods) [X001]"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn libreoffice_saves_a_form_as_xlsx_and_ods_and_an_edit_comes_through() {
    let site = example_site();
    let dir = site.path();
    ok(hromada(dir, &["form", "zrazkova-pryklad"]));
    let form = dir.join("forms/zrazkova-pryklad.xlsx");
    let (xlsx_dir, ods_dir) = (dir.join("lo-xlsx"), dir.join("lo-ods"));
    let xlsx = libreoffice(&form, "xlsx", &xlsx_dir);
    let ods = libreoffice(&form, "ods", &ods_dir);
    // Drop-downs and protection survive LibreOffice.
    let python = root().join("target/python/bin/python");
    let check = Command::new(&python)
        .args(["-c", "import openpyxl, sys; ws = openpyxl.load_workbook(sys.argv[1])['Загальні відомості']; print(ws.protection.sheet, sorted(d.formula1 for d in ws.data_validations.dataValidation if d.type == 'list'))"])
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(
        stdout(&check).trim(),
        r#"True ['"так,ні"', 'hromada!$A$3:$A$5', 'hromada!$C$3:$C$29']"#,
        "{}",
        stderr(&check)
    );
    for saved in [&xlsx, &ods] {
        let printed = ok(hromada(
            dir,
            &["import", saved.to_str().unwrap(), "--dry-run"],
        ));
        assert!(
            printed.contains("content/passports/zrazkova-pryklad.yaml (unchanged)"),
            "{}: {printed}",
            saved.display()
        );
    }
    // A formula, as LibreOffice saves it with its value.
    let edited = dir.join("zrazkova-pryklad.xlsx");
    edit(
        &xlsx,
        &dir.join("formula.xlsx"),
        &["set:social_groups.pensioners==3650+50"],
    );
    let saved = libreoffice(&dir.join("formula.xlsx"), "xlsx", &dir.join("lo-formula"));
    fs::rename(saved, &edited).unwrap();
    let printed = ok(hromada(
        dir,
        &["import", "zrazkova-pryklad.xlsx", "--dry-run"],
    ));
    assert!(
        printed.contains("(1 change; replacing it needs --replace)"),
        "{printed}"
    );
    assert!(printed.contains("  «Пенсіонери»: 3650 → 3700"), "{printed}");
    // A change in the plan is named by its row in the form's table.
    edit(
        &xlsx,
        &dir.join("plan.xlsx"),
        &[
            "cell:Середньостроковий план!E10=2026",
            "cell:Середньостроковий план!C11=Наблизити послуги до віддалених сіл",
        ],
    );
    let printed = ok(hromada(dir, &["import", "plan.xlsx", "--dry-run"]));
    for change in [
        "  «Рік» in row 2 of «Заходи»: 2025 → 2026",
        "  «Ціль» in row 3 of «Заходи»: Забезпечити ВПО психологічною допомогою → Наблизити послуги до віддалених сіл",
    ] {
        assert!(printed.contains(change), "{change:?} in {printed}");
    }
    let yaml = dir.join("content/passports/zrazkova-pryklad.yaml");
    assert!(
        fs::read_to_string(&yaml)
            .unwrap()
            .contains("pensioners: 3650")
    );
    ok(hromada(
        dir,
        &["import", "zrazkova-pryklad.xlsx", "--replace"],
    ));
    let text = fs::read_to_string(&yaml).unwrap();
    assert!(text.contains("  pensioners: 3700\n"), "{text}");
    ok(hromada(dir, &["check"]));
}

/// A blank form filled in with the required fields only, as `nova.xlsx`.
fn new_community(dir: &Path) -> PathBuf {
    ok(hromada(dir, &["form", "--output", "blank.xlsx"]));
    let form = dir.join("nova.xlsx");
    edit(
        &dir.join("blank.xlsx"),
        &form,
        &[
            "set:name=Нова сільська територіальна громада",
            "set:type=сільська",
            "set:oblast=Київська",
            "set:as_of=30.06.2024",
            "set:population.residents=5 000",
            "set:population.idps=412",
        ],
    );
    form
}

#[test]
fn a_blank_form_filled_in_becomes_a_new_passport() {
    let site = example_site();
    let dir = site.path();
    new_community(dir);
    let out = hromada(dir, &["import", "nova.xlsx"]);
    // No source named: said at the sources' table, as a cell to fill in.
    assert!(
        stderr(&out).contains(
            "nova.xlsx:Джерела!B6: warning: the passport names no source for its figures [C010]\n  hint: write in cell Джерела!B6 where the figures come from"
        ),
        "{}",
        stderr(&out)
    );
    let printed = ok(out);
    assert!(
        printed.contains("nova.xlsx → content/passports/nova.yaml (new)"),
        "{printed}"
    );
    let text = fs::read_to_string(dir.join("content/passports/nova.yaml")).unwrap();
    assert_eq!(
        text,
        "name: Нова сільська територіальна громада\ntype: village\noblast: Київська\nas_of: 2024-06-30\npopulation:\n  residents: 5000\n  idps: 412\n"
    );
    ok(hromada(dir, &["check"]));
    // Sheets renamed and rows moved read the same: rows go by their keys.
    edit(
        &dir.join("nova.xlsx"),
        &dir.join("nova-moved.xlsx"),
        &[
            "rename-sheet:Населення=Люди",
            "move:population.idps",
            "cell:Люди!B1=Люди",
        ],
    );
    fs::rename(dir.join("nova-moved.xlsx"), dir.join("nova.xlsx")).unwrap();
    let printed = ok(hromada(dir, &["import", "nova.xlsx", "--replace"]));
    assert!(printed.contains("(unchanged)"), "{printed}");
}

#[test]
fn the_site_publishes_the_blank_form_and_links_it() {
    let site = example_site();
    let dir = site.path();
    ok(hromada(dir, &["form", "--output", "blank.xlsx"]));
    ok(hromada(
        dir,
        &["build", "--quiet", "--no-pdf", "--no-downloads"],
    ));
    let published = fs::read(dir.join("output/forms/passport-form.xlsx")).unwrap();
    assert_eq!(
        published,
        fs::read(dir.join("blank.xlsx")).unwrap(),
        "one form, byte for byte"
    );
    let about = crate::common::page(dir, "about/index.html");
    assert!(
        about.contains(r#"href="../forms/passport-form.xlsx""#),
        "{about}"
    );
    let home = crate::common::page(dir, "en/index.html");
    assert!(
        home.contains(r#"forms/passport-form.xlsx">The community passport form"#),
        "{home}"
    );
}

/// Imports `form` into the example site and expects exit 1 with each of
/// `expected` on stderr, and no passport written.
fn refused(dir: &Path, form: &Path, expected: &[&str]) {
    let before = passports(dir);
    let out = hromada(dir, &["import", form.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{}: {err}", form.display());
    for e in expected {
        assert!(
            err.contains(e),
            "{}: expected {e:?} in\n{err}",
            form.display()
        );
    }
    assert!(err.contains("; nothing was written"), "{err}");
    assert_eq!(passports(dir), before, "{}", form.display());
}

#[test]
fn bad_forms_are_refused_where_they_are_wrong_and_nothing_is_written() {
    let site = example_site();
    let dir = site.path();
    let good = new_community(dir);
    let bad = |name: &str, ops: &[&str]| {
        let to = dir.join(format!("{name}.xlsx"));
        edit(&good, &to, ops);
        to
    };
    refused(
        dir,
        &bad("type", &["set:type=містечко"]),
        &[
            "Загальні відомості!C5: error: «Тип»: «містечко» is not one of the values this field allows [S003]",
            "hint: choose from the cell's drop-down list: міська, селищна, сільська",
        ],
    );
    refused(
        dir,
        &bad("text", &["set:population.residents=багато"]),
        &[
            // Named by the row's label, not the passport's path.
            "Населення!C4: error: «Постійні жителі»: expected a whole number, found \"багато\" [S002]",
            // A form has a cell to leave empty, not a field to leave out.
            "hint: write the figure in digits, e.g. 1250; leave the cell empty if it is not known",
        ],
    );
    refused(
        dir,
        &bad("negative", &["set:population.idps=-5"]),
        &[
            "Населення!C5: error: ",
            "hint: a count is 0 or more; leave the cell empty if it is not known",
        ],
    );
    // In Ukrainian, labels are quoted once, where no case is needed.
    let in_ukrainian = |form: &str, expected: &[&str]| {
        let form = dir.join(format!("{form}.xlsx"));
        let out = hromada(dir, &["import", form.to_str().unwrap(), "--messages", "uk"]);
        for e in expected {
            assert!(stderr(&out).contains(e), "{e:?} in\n{}", stderr(&out));
        }
    };
    in_ukrainian(
        "negative",
        &[
            "Населення!C5: error: «Внутрішньо переміщені особи»: кількість не може бути від'ємною (знайдено -5) [S005]",
            "підказка: кількість — 0 або більше; якщо даних немає, залиште клітинку порожньою",
        ],
    );
    refused(
        dir,
        &bad("empty", &["set:name="]),
        &[
            "Загальні відомості!C4: error: «Громада» is required, and its cell is empty [S004]",
            "hint: fill in cell Загальні відомості!C4: the fields marked * are required",
        ],
    );
    // A passport's own check names the field by its row's label too, and
    // says its figure as the cell shows it: the decimal comma in
    // Ukrainian, the point in English.
    refused(
        dir,
        &bad("area", &["set:area_km2=-5,5"]),
        &[
            "Загальні відомості!C13: error: «Площа, км²» cannot be negative (found -5.5) [S005]",
            "hint: write it in km², 0 or more; leave the cell empty if it is not known",
        ],
    );
    in_ukrainian(
        "area",
        &[
            "Загальні відомості!C13: error: значення поля «Площа, км²» не може бути від'ємним (знайдено -5,5) [S005]",
        ],
    );
    // A date is said as the cell shows it, whichever way it was typed,
    // not as the passport would write it.
    for (name, typed) in [
        ("day", "31.02.2024"),
        ("iso-day", "2024-02-30"),
        ("words", "31 лютого"),
    ] {
        refused(
            dir,
            &bad(name, &[&format!("set:as_of={typed}")]),
            &[
                &format!(
                    "Загальні відомості!C12: error: «Станом на дату»: «{typed}» is not a date [S005]"
                ),
                "hint: check the day and the month: write the date as day.month.year, e.g. 30.06.2023, or enter it as a date",
            ],
        );
    }
    in_ukrainian(
        "day",
        &[
            "Загальні відомості!C12: error: «Станом на дату»: «31.02.2024» — не дата [S005]",
            "підказка: перевірте день і місяць: пишіть дату як день.місяць.рік, напр. 30.06.2023, або введіть її як дату",
        ],
    );
    // A count with a fraction, typed as text or as a number, is said with
    // the decimal comma in Ukrainian, the point in English.
    refused(
        dir,
        &bad(
            "fraction",
            &["set:population.residents=12,5", "set:population.idps=3.5"],
        ),
        &[
            "Населення!C4: error: «Постійні жителі»: «12.5» is not a whole number [S005]",
            "Населення!C5: error: «Внутрішньо переміщені особи»: «3.5» is not a whole number [S005]",
            "hint: count whole people or places, e.g. 12",
        ],
    );
    in_ukrainian(
        "fraction",
        &[
            "Населення!C4: error: «Постійні жителі»: «12,5» — не ціле число [S005]",
            "Населення!C5: error: «Внутрішньо переміщені особи»: «3,5» — не ціле число [S005]",
        ],
    );
    // A section left empty lacks its required value as a whole: named by
    // the first one's label, at its cell.
    refused(
        dir,
        &bad(
            "no-population",
            &["set:population.residents=", "set:population.idps="],
        ),
        &[
            "Населення!C4: error: «Постійні жителі» is required, and its cell is empty [S004]",
            "hint: fill in cell Населення!C4: the fields marked * are required",
        ],
    );
    refused(
        dir,
        &bad(
            "sums",
            &["set:population.female=10", "set:population.male=20"],
        ),
        &[
            "Населення!C6: error: «Жінки» + «Чоловіки» is 30, «Постійні жителі» is ",
            "hint: «Жінки» and «Чоловіки» split the residents: together they must equal «Постійні жителі»",
        ],
    );
    // The age tables are named by their titles.
    let ages = |idp_bands: [&'static str; 2]| {
        [
            ("B12", "0-17"),
            ("C12", "1000"),
            ("D12", "1000"),
            ("B13", "18+"),
            ("C13", "1000"),
            ("D13", "1000"),
            ("B22", idp_bands[0]),
            ("C22", "100"),
            ("D22", "100"),
            ("B23", idp_bands[1]),
            ("C23", "100"),
            ("D23", "112"),
        ]
        .map(|(cell, value)| format!("cell:Населення!{cell}={value}"))
    };
    let bands = ages(["0-15", "16+"]);
    let bands: Vec<&str> = bands.iter().map(String::as_str).collect();
    refused(
        dir,
        &bad("bands", &bands),
        &[
            "Населення!B22: error: «Вікова та статева структура ВПО» has bands 0-15, 16+, «Вікова та статева структура жителів» has 0-17, 18+ [C009]",
            "Населення!B12: error: age bands add up to 4 000, «Постійні жителі» is 5 000 [C001]",
            "hint: the women and men of all bands together must equal «Постійні жителі»",
        ],
    );
    let no_idps = ages(["0-17", "18+"]);
    let mut no_idps: Vec<&str> = no_idps.iter().map(String::as_str).collect();
    no_idps.push("set:population.idps=");
    refused(
        dir,
        &bad("no-idps", &no_idps),
        &[
            "Населення!B22: error: «Вікова та статева структура ВПО» is given but «Внутрішньо переміщені особи» is not [C002]",
            "hint: fill in «Внутрішньо переміщені особи»: the IDP age bands add up to 412",
        ],
    );
    // A table's cell is named by its column and row, in the plan too,
    // whose rows the passport groups.
    refused(
        dir,
        &bad(
            "table-cells",
            &[
                "cell:Населення!B12=0-17",
                "cell:Населення!C12=багато",
                "cell:Населення!D12=10",
                "cell:Середньостроковий план!B9=Соціальний захист",
                "cell:Середньостроковий план!C9=Підтримка ВПО",
                "cell:Середньостроковий план!D9=Центр",
                "cell:Середньостроковий план!E9=2025",
                "cell:Середньостроковий план!F9=1000",
                "cell:Середньостроковий план!D10=Курси",
                "cell:Середньостроковий план!B11=Освіта",
                "cell:Середньостроковий план!C11=Школи",
                "cell:Середньостроковий план!D11=Ремонт",
                "cell:Середньостроковий план!F11=дорого",
            ],
        ),
        &[
            "Населення!C12: error: «Жінки» in row 1 of «Вікова та статева структура жителів»: expected a whole number, found \"багато\" [S002]",
            "Середньостроковий план!F11: error: «Вартість» in row 3 of «Заходи»: expected an amount in hryvnias",
            "Середньостроковий план!B10: error: a row of the plan leaves «Напрям» empty [S004]",
        ],
    );
    in_ukrainian(
        "table-cells",
        &[
            "Населення!C12: error: «Жінки» у рядку 1 таблиці «Вікова та статева структура жителів»: очікувалося ціле число, а знайдено «багато» [S002]",
            "Середньостроковий план!F11: error: «Вартість» у рядку 3 таблиці «Заходи»: очікувалася сума в гривнях",
            "Середньостроковий план!B10: error: у рядку плану порожня клітинка «Напрям» [S004]",
        ],
    );
    // A value outside its list, in a table, is named by column and row.
    refused(
        dir,
        &bad(
            "table-list",
            &[
                "cell:Ризики та загрози!B6=Повінь",
                "cell:Ризики та загрози!C6=Демографія",
                "cell:Ризики та загрози!D6=жахливий",
            ],
        ),
        &[
            "Ризики та загрози!D6: error: «Рівень» in row 1 of «Ризики та загрози»: «жахливий» is not one of the values this field allows [S003]",
        ],
    );
    refused(
        dir,
        &bad("twice", &["cell:Населення!A30=population.residents"]),
        &["Населення!A30: error: the row of «Постійні жителі» is in the form twice"],
    );
    // What the form lacks is named as a fresh form shows it.
    refused(
        dir,
        &bad("deleted", &["delete-sheet:Населення"]),
        &[
            "error: the form lacks the rows of its sheet «Населення»: the sheet or its rows were deleted [X002]",
            "hint: copy the sheet from a fresh form (`hromada form`), or fill in a fresh one",
        ],
    );
    // ... and the section the sheet held is not reported again as missing.
    let deleted = hromada(dir, &["import", "deleted.xlsx"]);
    assert!(
        !stderr(&deleted).contains("`population`"),
        "{}",
        stderr(&deleted)
    );
    refused(
        dir,
        &bad(
            "deleted-rows",
            &["delete-row:population.idps", "delete-row:population.male"],
        ),
        &[
            "error: the sheet «Населення» lacks the rows of «Внутрішньо переміщені особи», «Чоловіки»: they were deleted, or their hidden keys changed [X002]",
        ],
    );
    refused(
        dir,
        &bad("deleted-column", &["cell:Населення!C11="]),
        &["error: the table «Вікова та статева структура жителів» lacks its column «Жінки» [X002]"],
    );
    refused(
        dir,
        &bad(
            "unknown-key",
            &[
                "cell:Населення!A5=population.displaced",
                "cell:Населення!A40=extra",
            ],
        ),
        &[
            "Населення!A5: error: the row «Внутрішньо переміщені особи» has a hidden key `population.displaced` that this version does not know [X002]",
            "Населення!A40: error: the form has a row `extra` that this version does not know [X002]",
            // The row whose key was changed is missing from where it was.
            "error: the sheet «Населення» lacks the rows of «Внутрішньо переміщені особи»: they were deleted, or their hidden keys changed [X002]",
        ],
    );
    in_ukrainian(
        "deleted-rows",
        &[
            "error: на аркуші «Населення» бракує рядків «Внутрішньо переміщені особи», «Чоловіки»: їх видалено або змінено їхні приховані ключі [X002]",
        ],
    );
    // The theme's labels name what a form lacks: a theme that does not
    // load stops the import, at its file, as it stops `form` and `build`.
    let strings = dir.join("themes/default/i18n/uk.toml");
    fs::create_dir_all(strings.parent().unwrap()).unwrap();
    fs::write(&strings, "nav = [\n").unwrap();
    refused(
        dir,
        &good,
        &["themes/default/i18n/uk.toml:1:1: error: unclosed array, expected `]` [T002]"],
    );
    fs::remove_dir_all(dir.join("themes")).unwrap();
    refused(
        dir,
        &bad("version", &["version:2"]),
        &["error: this is a form of version 2; this hromada reads forms of version 1 [X001]"],
    );
    refused(
        dir,
        &dir.join("blank.xlsx"),
        &["blank.xlsx:Загальні відомості!C4: error: the form has no values: it is blank [Y003]"],
    );
    let text = dir.join("text.xlsx");
    fs::write(&text, "name: not a spreadsheet\n").unwrap();
    refused(
        dir,
        &text,
        &[
            "text.xlsx:1:1: error: this is not a spreadsheet that can be read",
            "[X001]",
        ],
    );
    let bytes = fs::read(&good).unwrap();
    let torn = dir.join("torn.xlsx");
    fs::write(&torn, &bytes[..bytes.len() / 2]).unwrap();
    refused(
        dir,
        &torn,
        &[
            "torn.xlsx:1:1: error: this is not a spreadsheet that can be read",
            "[X001]",
        ],
    );
    let locked = dir.join("locked.xlsx");
    let crypt = Command::new(root().join("target/python/bin/msoffcrypto-tool"))
        .args(["-e", "-p", "secret"])
        .args([&good, &locked])
        .output()
        .expect("msoffcrypto-tool: scripts/test installs it");
    assert!(crypt.status.success(), "{}", stderr(&crypt));
    refused(
        dir,
        &locked,
        &[
            "locked.xlsx:1:1: error: this is not a spreadsheet that can be read",
            "hint: save it as .xlsx or .ods, without a password",
        ],
    );
    let huge = dir.join("huge.xlsx");
    let file = fs::File::create(&huge).unwrap();
    file.set_len(50 << 20).unwrap();
    refused(
        dir,
        &huge,
        &["huge.xlsx:1:1: error: the workbook is 50 MB", "[F003]"],
    );
}

#[test]
fn an_existing_passport_is_replaced_only_when_asked() {
    let site = example_site();
    let dir = site.path();
    ok(hromada(dir, &["form", "lvivska", "--output", "lviv.xlsx"]));
    let form = dir.join("lvivska.xlsx");
    edit(&dir.join("lviv.xlsx"), &form, &["set:id=lvivska"]);
    refused(
        dir,
        &form,
        &[
            "lvivska.xlsx:Як заповнювати!C9: error: content/passports/lvivska.yaml exists already [X004]",
        ],
    );
    // Two forms for one community.
    let out = hromada(dir, &["import", "lvivska.xlsx", "lviv.xlsx", "--replace"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("are both for `lvivska` [X003]"),
        "{}",
        stderr(&out)
    );
}
