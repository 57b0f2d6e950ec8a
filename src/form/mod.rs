//! Passport forms: `hromada form` writes a spreadsheet to fill in (blank,
//! or prefilled from today's passports), and `hromada import` reads filled
//! ones back into `content/passports/<id>.yaml` with the checks of `check`,
//! each problem at its cell.

mod emit;
mod layout;
mod notes;
mod read;
mod values;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::failure::Failure;
use crate::messages::{self, Message};
use crate::passport::{self, Passport, SOURCE_LANG};
use crate::theme::{Theme, Ui};
use crate::translit::is_id;
use emit::emit;
use layout::{Block, SHEETS};
use read::{Filled, at_cell};

/// The blank form's file name, also its name on the site.
pub const BLANK: &str = "passport-form.xlsx";

/// The folder forms go to unless `--output` names another.
pub const FOLDER: &str = "forms";

/// The blank form, as the site publishes it.
pub fn blank(theme: &Theme) -> Result<Vec<u8>, Message> {
    write::workbook(&texts(theme)?, None)
}

fn texts(theme: &Theme) -> Result<write::Texts<'_>, Message> {
    let ui = theme.ui.get(SOURCE_LANG).ok_or_else(|| {
        tr!(
            "the theme has no UI strings in `{language}`, which forms are written in",
            language = SOURCE_LANG
        )
    })?;
    Ok(write::Texts {
        ui,
        notes: notes::parse(crate::scaffold::TEMPLATE),
    })
}

/// `hromada form`: a blank form with no ids, else one form per passport
/// (every passport with `all`) of a site's loaded and checked `entries`
/// (a site with errors never gets here), labelled by its `theme`.
/// Returns the files written.
pub fn forms(
    theme: &Theme,
    entries: &[passport::Entry],
    ids: &[String],
    all: bool,
    output: Option<&Path>,
) -> Result<Vec<PathBuf>, Failure> {
    let texts = texts(theme).map_err(Failure::Usage)?;
    let by_id: BTreeMap<&str, &Passport> = entries
        .iter()
        .map(|e| (e.id.as_str(), &*e.passport))
        .collect();
    let chosen: Vec<&str> = match all {
        true => by_id.keys().copied().collect(),
        false => ids.iter().map(String::as_str).collect(),
    };
    if chosen.is_empty() && !all {
        let path = output.map_or_else(|| Path::new(FOLDER).join(BLANK), Path::to_path_buf);
        let bytes = write::workbook(&texts, None).map_err(Failure::Io)?;
        write_file(&path, &bytes)?;
        return Ok(vec![path]);
    }
    if let Some(id) = chosen.iter().find(|id| !by_id.contains_key(*id)) {
        let close = crate::diagnostic::did_you_mean(id, by_id.keys().copied());
        return Err(Failure::Usage(match close {
            Some(near) => tr!(
                "error: there is no passport `{id}` (content/passports/{id}.yaml)\n  hint: did you mean `{near}`?",
                id,
                near
            ),
            None => tr!(
                "error: there is no passport `{id}` (content/passports/{id}.yaml)",
                id
            ),
        }));
    }
    let single =
        chosen.len() == 1 && output.is_some_and(|o| o.extension().is_some_and(|e| e == "xlsx"));
    let folder = output.unwrap_or(Path::new(FOLDER));
    // Each form written as soon as it is made, so that neither the
    // country's workbooks wait in memory nor the disk waits for the last.
    chosen
        .par_iter()
        .map(|id| {
            let path = match single {
                true => folder.to_path_buf(),
                false => folder.join(format!("{id}.xlsx")),
            };
            let bytes = write::workbook(&texts, Some((id, by_id[id]))).map_err(Failure::Io)?;
            write_file(&path, &bytes)?;
            Ok(path)
        })
        .collect()
}

/// Writes a file whole: to a temporary name beside it, then renamed, so a
/// reader never finds half of it.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let io = |e: std::io::Error| {
        Failure::Io(tr!(
            "cannot write {path}: {why}",
            path = path.display(),
            why = messages::io_error(&e)
        ))
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    // Created as any new file is (0666 less the umask), not private.
    let mut temporary = tempfile::Builder::new()
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(io)?;
    std::io::Write::write_all(&mut temporary, bytes).map_err(io)?;
    temporary.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// What importing one form gives.
pub struct Imported {
    pub form: PathBuf,
    pub id: String,
    /// Where the passport goes, relative to the site.
    pub target: PathBuf,
    pub yaml: String,
    /// The fields that change, for a passport replaced: the field as the
    /// form names it, old, new.
    pub changes: Option<Vec<(Message, String, String)>>,
}

/// One form imported, with its warnings.
type ImportedWith = (Imported, Vec<Diagnostic>);

/// `hromada import`: every form read and checked; the passports written
/// only if no form has an error (and not with `dry_run`). Warnings come
/// back with what was imported.
pub fn import(
    site: &Path,
    files: &[PathBuf],
    replace: bool,
    dry_run: bool,
) -> Result<(Vec<Imported>, Vec<Diagnostic>), Failure> {
    let config = crate::config::Config::load(site).map_err(|e| Failure::Usage(e.message()))?;
    // The theme's labels name what a form lacks, as a fresh form shows it.
    let (theme, _) = Theme::load(site, &config)?;
    let texts = texts(&theme).map_err(Failure::Usage)?;
    let files = forms_in(files).map_err(Failure::Content)?;
    let read: Vec<Result<ImportedWith, Vec<Diagnostic>>> = files
        .par_iter()
        .map(|f| one(site, f, texts.ui, replace || dry_run))
        .collect();
    let mut diagnostics = crate::diagnostic::Diagnostics::default();
    let mut imported = Vec::new();
    for result in read {
        match result {
            Ok((i, ds)) => {
                diagnostics.extend(ds);
                imported.push(i);
            }
            Err(ds) => diagnostics.extend(ds),
        }
    }
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut twice = Vec::new();
    for i in &imported {
        if let Some(other) = seen.insert(&i.id, &i.form) {
            twice.push(
                Diagnostic::error(
                    &i.form,
                    (1, 1),
                    Code::FormId,
                    tr!(
                        "this form and {other} are both for `{id}`",
                        other = other.display(),
                        id = i.id
                    ),
                )
                .hint(tr!("import one form per community")),
            );
        }
    }
    diagnostics.extend(twice);
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics.sorted()));
    }
    if !dry_run {
        for i in &imported {
            write_file(&site.join(&i.target), i.yaml.as_bytes())?;
        }
    }
    Ok((imported, diagnostics.sorted()))
}

/// The forms `paths` name: a file as it is, a folder as its workbooks
/// ([`workbooks`]), so that `hromada import forms/` reads what `hromada
/// form --all` wrote. A folder with no workbook is an error.
fn forms_in(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let mut forms = Vec::new();
    for path in paths {
        if !path.is_dir() {
            forms.push(path.clone());
            continue;
        }
        let found = workbooks(path).map_err(|e| {
            vec![Diagnostic::error(
                path,
                (1, 1),
                Code::Unreadable,
                tr!(
                    "cannot read the folder: {why}",
                    why = messages::io_error(&e)
                ),
            )]
        })?;
        if found.is_empty() {
            return Err(vec![
                Diagnostic::error(
                    path,
                    (1, 1),
                    Code::FormFile,
                    tr!("the folder holds no form (.xlsx or .ods)"),
                )
                .hint(tr!("name the filled forms, or the folder they are in; `hromada form --all` writes them to forms/")),
            ]);
        }
        forms.extend(found);
    }
    Ok(forms)
}

/// The workbooks (`.xlsx`, `.ods`) in `folder`, by name; not the owner
/// files Excel (`~$name.xlsx`) and LibreOffice (`.~lock.name#`) keep
/// beside an open workbook.
fn workbooks(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let workbook = Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("ods"));
        if workbook && !name.starts_with("~$") && !name.starts_with('.') && path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// One form: read, turned into YAML, checked as a passport; the problems
/// at their cells. An existing passport is an error unless `compare`
/// (`--replace` or `--dry-run`) asks for the changes.
fn one(site: &Path, form: &Path, ui: &Ui, compare: bool) -> Result<ImportedWith, Vec<Diagnostic>> {
    let filled = read::read(form, ui)?;
    if filled.root == emit::Node::Map(Vec::new()) && filled.problems.is_empty() {
        let message = tr!("the form has no values: it is blank");
        let hint = tr!("fill in at least the fields marked *, then import it");
        return Err(vec![
            match filled.cell("name") {
                Some(cell) => at_cell(form, cell, Code::EmptyFile, message),
                None => Diagnostic::error(form, (1, 1), Code::EmptyFile, message),
            }
            .hint(hint),
        ]);
    }
    let yaml = emit(&filled.root);
    let (passport, checked) = passport::parse(form, &yaml.text);
    // A field is named as the form shows it, by its row's label.
    let label = |path: &str| filled.name(path);
    let mut diagnostics: Vec<Diagnostic> = (filled.problems.iter())
        .map(|d| Diagnostic {
            message: d.message.relabelled(&label),
            ..d.clone()
        })
        .collect();
    let reported: Vec<Box<str>> = diagnostics.iter().filter_map(|d| d.cell.clone()).collect();
    for d in checked {
        let path = d
            .field
            .as_deref()
            .or_else(|| yaml.lines.get(d.line.wrapping_sub(1)).map(String::as_str));
        let mapped = match path.and_then(|p| filled.field(p)) {
            Some((at, cell)) => Diagnostic {
                line: cell.row as usize + 1,
                column: cell.col as usize + 1,
                cell: Some(cell.to_string().into_boxed_str()),
                message: match (d.code, label(at)) {
                    (Code::MissingField, Some(field)) => {
                        tr!("{field} is required, and its cell is empty", field)
                    }
                    _ => d.message.relabelled(&label),
                },
                // The passport's hint says what to write in YAML; a form
                // has a cell to fill instead.
                hint: match d.code {
                    Code::MissingField => Some(tr!(
                        "fill in cell {cell}: the fields marked * are required",
                        cell = cell.to_string()
                    )),
                    Code::NoSources => Some(tr!(
                        "write in cell {cell} where the figures come from, e.g. «Дані управління соціального захисту населення, 2023»; pages show it under every section",
                        cell = cell.to_string()
                    )),
                    _ => d.hint.map(|h| {
                        let cell = tr!("leave the cell empty if it is not known");
                        (h.replacing(&crate::yaml::if_unknown(), &cell)).relabelled(&label)
                    }),
                },
                ..d
            },
            None => Diagnostic {
                line: 1,
                column: 1,
                ..d
            },
        };
        // A value already reported where it stands, or a row the form
        // lacks (or a section all of whose rows it lacks), is not reported
        // again as missing.
        let lacked = mapped.field.as_deref().is_some_and(|f| {
            (filled.missing.iter())
                .any(|m| m == f || (read::below(m, f) && filled.field(f).is_none()))
        });
        if mapped.cell.as_ref().is_none_or(|c| !reported.contains(c)) && !lacked {
            diagnostics.push(mapped);
        }
    }
    let id = match form_id(form, &filled) {
        Ok(id) => id,
        Err(d) => {
            diagnostics.push(d);
            return Err(diagnostics);
        }
    };
    let target = Path::new("content/passports").join(format!("{id}.yaml"));
    let existing = site.join(&target);
    let changes = match (existing.exists(), &passport) {
        (false, _) => None,
        (true, _) if !compare => {
            let cell = filled.id.as_ref().map(|(_, c)| c);
            let message = tr!("{target} exists already", target = target.display());
            diagnostics.push(
                match cell {
                    Some(cell) => at_cell(form, cell, Code::PassportExists, message),
                    None => Diagnostic::error(form, (1, 1), Code::PassportExists, message),
                }
                .hint(tr!("add --replace to replace it (the changes are listed field by field), or --dry-run to see them first")),
            );
            None
        }
        (true, Some(new)) => Some(
            (changes(&existing, new).into_iter())
                .map(|(path, old, new)| (filled.named(&path), old, new))
                .collect(),
        ),
        (true, None) => None,
    };
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(diagnostics);
    }
    Ok((
        Imported {
            form: form.to_path_buf(),
            id,
            target,
            yaml: yaml.text,
            changes,
        },
        diagnostics,
    ))
}

/// The form's id: the one written in it, else the file's name.
fn form_id(form: &Path, filled: &Filled) -> Result<String, Diagnostic> {
    if let Some((id, cell)) = &filled.id {
        return match is_id(id) {
            true => Ok(id.clone()),
            false => Err(at_cell(
                form,
                cell,
                Code::FormId,
                tr!(
                    "`{id}` is not an id: an id is lowercase Latin letters, digits and -",
                    id
                ),
            )
            .hint(tr!("write it as {id}", id = crate::translit::slug(id)))),
        };
    }
    let stem = form
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    match is_id(stem) {
        true => Ok(stem.to_string()),
        false => Err(Diagnostic::error(
            form,
            (1, 1),
            Code::FormId,
            tr!("the form names no id for its community, and its file name is not one"),
        )
        .hint(tr!(
            "write the id on the form's first sheet (e.g. brusylivska), or name the file <id>.xlsx"
        ))),
    }
}

/// Each field that differs between the passport in `existing` and `new`:
/// path, old value, new value (empty where there is none).
fn changes(existing: &Path, new: &Passport) -> Vec<(String, String, String)> {
    let old = std::fs::read_to_string(existing)
        .ok()
        .and_then(|text| passport::parse(existing, &text).0);
    let (old, new) = (flat(old.as_ref()), flat(Some(new)));
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort_by_key(|p| (old.get(*p).or(new.get(*p)).map(|(n, _)| *n), *p));
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|p| {
            let (a, b) = (old.get(p).map(|(_, v)| v), new.get(p).map(|(_, v)| v));
            (a != b).then(|| {
                (
                    p.clone(),
                    a.cloned().unwrap_or_default(),
                    b.cloned().unwrap_or_default(),
                )
            })
        })
        .collect()
}

/// A passport as its form's cells: each path with its place in the form
/// and its value as text.
fn flat(passport: Option<&Passport>) -> BTreeMap<String, (usize, String)> {
    let mut out = BTreeMap::new();
    let Some(p) = passport else {
        return out;
    };
    let value = serde_json::to_value(p).unwrap_or_default();
    let mut n = 0;
    for block in SHEETS.iter().flat_map(|s| s.blocks) {
        match block {
            Block::Values { path, fields } => {
                for field in *fields {
                    let full = layout::join(path, field.key);
                    if let Some(v) = values::at(&value, &full) {
                        out.insert(full, (n, values::cell(v, field.kind).shown()));
                    }
                    n += 1;
                }
            }
            Block::Table {
                path,
                rows,
                columns,
                ..
            } => {
                for (r, row) in values::rows(&value, Some(p), path, *rows, columns)
                    .iter()
                    .enumerate()
                {
                    for (field, cell) in columns.iter().zip(row) {
                        if let Some(cell) = cell {
                            out.insert(format!("{path}[{r}].{}", field.key), (n, cell.shown()));
                        }
                        n += 1;
                    }
                }
            }
        }
    }
    out
}
