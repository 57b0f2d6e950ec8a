//! Editions: the passports of past years, frozen under
//! `content/editions/<name>/passports/` by `hromada edition close`, with a
//! record of what each file held (`edition.toml`) and the threat
//! methodology it was assessed by (`methodology.toml`), and the links that tie
//! a community across editions (its id, a `formerly` id, its KATOTTG code).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::failure::Failure;
use crate::figures::Methodology;
use crate::messages::{self, Message};
use crate::passport::{self, Entry};
use crate::translit::is_id;

/// Where the editions live, in the site folder.
pub const FOLDER: &str = passport::EDITIONS_FOLDER;

/// The record of an edition, beside its passports.
const RECORD: &str = "edition.toml";

/// A past edition: its name, its passports, and the threat methodology it
/// was closed with (none for an edition closed before editions kept it:
/// the theme's is used).
pub struct Edition {
    pub name: String,
    pub entries: Vec<Entry>,
    pub methodology: Option<Arc<Methodology>>,
}

/// The methodology an edition keeps, beside its record: its threat levels
/// stay as published when the site's methodology changes.
const METHODOLOGY: &str = "methodology.toml";

/// What `edition.toml` records: each passport file (relative to the
/// edition's `passports/`) and the BLAKE3 hash of its bytes.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    name: String,
    files: BTreeMap<String, String>,
}

/// The folder of an edition's passports, relative to the site.
fn passports_of(name: &str) -> String {
    format!("{FOLDER}/{name}/passports")
}

/// What closing an edition keeps of today's site, loaded and checked.
pub struct Today<'a> {
    pub entries: &'a [Entry],
    /// The text of the threat methodology they are assessed by.
    pub methodology: &'a str,
}

/// `hromada edition close NAME`: today's passports copied as they stand to
/// `content/editions/NAME/` (through a staging folder, renamed whole), with
/// the record of what each held. Refused if NAME is taken or not a name,
/// or if today's passports have errors. Returns how many were copied.
pub fn close(site: &Path, name: &str, today: &Today) -> Result<usize, Failure> {
    if !is_id(name) {
        return Err(Failure::Usage(tr!(
            "error: `{name}` cannot name an edition: use digits, lowercase Latin letters and -, e.g. 2023",
            name
        )));
    }
    let target = site.join(FOLDER).join(name);
    if target.exists() {
        return Err(Failure::Usage(tr!(
            "error: the edition `{name}` exists already ({target}): an edition is closed once\n  hint: name this one differently, e.g. {name}-2",
            name,
            target = target.display()
        )));
    }
    let io = |what: Message, path: &Path, e: std::io::Error| {
        Failure::Io(tr!(
            "cannot {what} {path}: {why}",
            what = what,
            path = path.display(),
            why = messages::io_error(&e)
        ))
    };
    let parent = site.join(FOLDER);
    fs::create_dir_all(&parent).map_err(|e| io(tr!("create"), &parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .tempdir_in(&parent)
        .map_err(|e| io(tr!("create a folder in"), &parent, e))?;
    let mut record = Record {
        name: name.to_string(),
        files: BTreeMap::new(),
    };
    for entry in today.entries.iter().filter(|e| e.edition.is_none()) {
        let rel = entry
            .file
            .strip_prefix("content/passports")
            .unwrap_or(&entry.file);
        let bytes =
            fs::read(site.join(&entry.file)).map_err(|e| io(tr!("read"), &entry.file, e))?;
        let to = staging.path().join("passports").join(rel);
        let dir = to.parent().expect("a file in a folder");
        fs::create_dir_all(dir).map_err(|e| io(tr!("create"), dir, e))?;
        fs::write(&to, &bytes).map_err(|e| io(tr!("write"), &to, e))?;
        record
            .files
            .insert(key(rel), blake3::hash(&bytes).to_hex().to_string());
    }
    let text = format!(
        "# Written by `hromada edition close`: the passports of this edition as\n# they were closed. An edition is published as it is; do not edit it.\n{}",
        toml::to_string(&record).map_err(|e| Failure::Io(Message::verbatim(e.to_string())))?
    );
    let record_path = staging.path().join(RECORD);
    fs::write(&record_path, text).map_err(|e| io(tr!("write"), &record_path, e))?;
    let methodology = staging.path().join(METHODOLOGY);
    fs::write(&methodology, today.methodology).map_err(|e| io(tr!("write"), &methodology, e))?;
    let staged = staging.keep();
    fs::rename(&staged, &target).map_err(|e| io(tr!("create"), &target, e))?;
    Ok(record.files.len())
}

/// A passport file's key in the record: its path below `passports/`,
/// with `/` between folders.
fn key(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The name for the edition after `closed`: the next year when it is a
/// year (`2024` → `2025`), else `…` for the user to choose.
pub fn after(closed: &str) -> String {
    match closed.parse::<u16>() {
        Ok(year) if (1991..9999).contains(&year) => (year + 1).to_string(),
        _ => "…".to_string(),
    }
}

/// Every past edition under `content/editions/`, by name, each loaded and
/// checked as today's passports are; a file changed, added or removed
/// since the edition was closed is a warning naming it.
pub fn load(site: &Path, config: &Config) -> (Vec<Edition>, Vec<Diagnostic>) {
    let today = config.edition.as_deref();
    let mut names: Vec<String> = fs::read_dir(site.join(FOLDER))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut editions = Vec::new();
    let mut diagnostics = Vec::new();
    if today.is_none() && !names.is_empty() {
        diagnostics.push(
            Diagnostic::error(
                Path::new("site.toml"),
                (1, 1),
                Code::EditionName,
                tr!(
                    "the site has closed editions ({names}) but site.toml does not name today's",
                    names = names.join(", ")
                ),
            )
            .warning()
            .hint(tr!(
                "add edition = \"{next}\" (the year today's passports describe) to site.toml",
                next = names.last().map_or("…".to_string(), |last| after(last))
            )),
        );
    }
    for name in names {
        let folder = passports_of(&name);
        if today == Some(name.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    Path::new("site.toml"),
                    (config.edition_line, 1),
                    Code::EditionName,
                    tr!(
                        "`{name}` is today's edition in site.toml and a closed one in {FOLDER}",
                        name,
                        FOLDER
                    ),
                )
                .hint(tr!(
                    "name today's edition in site.toml after the closed one's, e.g. the next year"
                )),
            );
        }
        let (mut entries, found) =
            passport::load_all(site, &folder, &mut passport::Cache::new(), false);
        for entry in &mut entries {
            entry.edition = Some(name.clone());
        }
        diagnostics.extend(summed_up(found, &name));
        diagnostics.extend(edited(site, &name));
        let kept = Path::new(FOLDER).join(&name).join(METHODOLOGY);
        let methodology = fs::read_to_string(site.join(&kept)).ok().and_then(|text| {
            Methodology::parse(&text, &kept, &config.default_language)
                .map(Arc::new)
                .map_err(|found| diagnostics.extend(found))
                .ok()
        });
        editions.push(Edition {
            name,
            entries,
            methodology,
        });
    }
    (editions, diagnostics)
}

/// What loading a closed edition's passports found: errors as they are,
/// warnings counted in one. They are what its passports had when closed,
/// and the edition stands as it was: repeated on every build, they would
/// bury today's warnings, which can be acted on. Said at the edition's
/// record, a file an editor can open.
fn summed_up(found: Vec<Diagnostic>, name: &str) -> Vec<Diagnostic> {
    let (warnings, mut out): (Vec<Diagnostic>, Vec<Diagnostic>) = found
        .into_iter()
        .partition(|d| d.severity == Severity::Warning);
    if !warnings.is_empty() {
        out.push(
            Diagnostic::error(
                &Path::new(FOLDER).join(name).join(RECORD),
                (1, 1),
                Code::EditionWarnings,
                trn!(
                    "the passports of closed edition {name} have {count} warning, as when it was closed",
                    "the passports of closed edition {name} have {count} warnings, as when it was closed",
                    count = warnings.len(),
                    name
                ),
            )
            .warning()
            .hint(tr!(
                "a closed edition is published as it was; correct today's passports in content/passports/, whose warnings are shown one by one"
            )),
        );
    }
    out
}

/// The warnings for an edition's files that differ from its record.
fn edited(site: &Path, name: &str) -> Vec<Diagnostic> {
    let record_path = Path::new(FOLDER).join(name).join(RECORD);
    let warn = |file: &Path, message: Message| {
        Diagnostic::error(file, (1, 1), Code::EditionEdited, message)
            .warning()
            .hint(tr!("a closed edition is published as it was; undo the change (the record is {record_path})", record_path = record_path.display()))
    };
    let record: Option<Record> = fs::read_to_string(site.join(&record_path))
        .ok()
        .and_then(|t| toml::from_str(&t).ok());
    let Some(record) = record else {
        return vec![warn(
            &record_path,
            tr!(
                "the edition `{name}` has no readable record of what it held when it was closed",
                name
            ),
        )];
    };
    let folder = PathBuf::from(passports_of(name));
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for (file, bytes) in crate::source::files(site, &folder.to_string_lossy(), &[".yaml", ".yml"])
        .0
        .iter()
        .filter_map(|s| Some((s.rel.clone(), fs::read(site.join(&s.rel)).ok()?)))
    {
        let k = key(file.strip_prefix(&folder).unwrap_or(&file));
        let hash = blake3::hash(&bytes).to_hex().to_string();
        match record.files.get(&k) {
            Some(h) if *h == hash => {}
            Some(_) => out.push(warn(
                &file,
                tr!(
                    "this passport of edition `{name}` was edited after the edition was closed",
                    name
                ),
            )),
            None => out.push(warn(
                &file,
                tr!(
                    "this passport was added to edition `{name}` after it was closed",
                    name
                ),
            )),
        }
        seen.push(k);
    }
    for gone in record.files.keys().filter(|k| !seen.contains(k)) {
        out.push(warn(
            &folder.join(gone),
            tr!(
                "this passport of edition `{name}` was removed after the edition was closed",
                name
            ),
        ));
    }
    out
}

/// The passports of closed editions that no passport of today's
/// continues: communities not yet updated, each from the latest edition
/// that has it, to be shown as it stands there.
pub fn not_updated(today: &[Entry], editions: &[Edition]) -> Vec<Entry> {
    let sets: Vec<&[Entry]> = editions.iter().map(|e| e.entries.as_slice()).collect();
    passport::Lineage::new(&sets)
        .not_continued(today)
        .into_iter()
        .map(|(k, i)| editions[k].entries[i].clone())
        .collect()
}

/// Where a field of a passport file is: its line and column.
fn locate(site: &Path, file: &Path, path: &str) -> (usize, usize) {
    let pos = fs::read_to_string(site.join(file))
        .ok()
        .and_then(|text| crate::yaml::parse(&text).ok())
        .map(|(tree, _)| tree.locate(path));
    pos.map_or((1, 1), |p| (p.line, p.col))
}

/// The links across editions, checked: within one edition no two
/// passports claim one community (one KATOTTG code, where the site has
/// closed editions; or one former id), and each `formerly` names a
/// passport of an earlier edition.
pub fn links(site: &Path, today: &[Entry], editions: &[Edition]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |entry: &Entry, path: &str, code: Code, message: Message| {
        Diagnostic::error(&entry.file, locate(site, &entry.file, path), code, message).field(path)
    };
    // Codes link editions; a site without any keeps today's rules.
    let sets = std::iter::once(today)
        .chain(editions.iter().map(|e| e.entries.as_slice()))
        .filter(|_| !editions.is_empty());
    for entries in sets {
        let mut by_code: BTreeMap<&str, &Entry> = BTreeMap::new();
        for entry in entries {
            let Some(code) = entry.passport.katottg.as_ref().map(|k| k.0.as_str()) else {
                continue;
            };
            if let Some(first) = by_code.insert(code, entry) {
                out.push(
                    at(entry, "katottg", Code::EditionClaim, tr!("`{id}` and `{other}` both have the code {code}: two passports of one edition for one community", id = first.id, other = entry.id, code))
                        .hint(tr!("one of them is not this community: correct its code, or remove it (the other is {file})", file = first.file.display())),
                );
            }
        }
    }
    let earlier: BTreeMap<&str, &str> = editions
        .iter()
        .flat_map(|e| {
            e.entries
                .iter()
                .map(move |x| (x.id.as_str(), e.name.as_str()))
        })
        .collect();
    let mut claimed: BTreeMap<&str, &Entry> = BTreeMap::new();
    for entry in today {
        for (i, former) in entry.passport.formerly.iter().enumerate() {
            let path = format!("formerly[{i}]");
            if today.iter().any(|e| e.id == *former) {
                out.push(
                    at(
                        entry,
                        &path,
                        Code::EditionClaim,
                        tr!("`{former}` is a community of today's edition, not a former id of `{id}`", former, id = entry.id),
                    )
                    .hint(tr!("list only ids this community had in earlier editions")),
                );
            } else if let Some(first) = claimed.insert(former, entry) {
                out.push(at(entry, &path, Code::EditionClaim, tr!("`{id}` and `{other}` both name `{former}` as their former id", id = first.id, other = entry.id, former))
                    .hint(tr!("a community of an earlier edition continues as one of today's (the other is {file})", file = first.file.display())));
            } else if !earlier.contains_key(former.as_str()) {
                let close = crate::diagnostic::did_you_mean(former, earlier.keys().copied());
                out.push(at(entry, &path, Code::EditionFormerly, tr!("no earlier edition has a passport `{former}`", former))
                    .hint(match close {
                        Some(c) => tr!("did you mean `{near}`?", near = c),
                        None if editions.is_empty() => tr!("the site has no closed edition yet: `formerly` names ids of passports in content/editions/"),
                        None => tr!("`formerly` names ids of passports in {FOLDER}/<name>/passports/", FOLDER),
                    }));
            }
        }
    }
    out
}
