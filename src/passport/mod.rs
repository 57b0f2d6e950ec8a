//! Passports: the model of the format, reading and checking one file, and
//! loading every file of a site in parallel with their ids.

mod checks;
mod load;
mod model;
mod oblast;
mod scalars;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use load::{from_problem, from_syntax, parse};
pub use model::*;
pub use oblast::Oblast;
pub use scalars::{Date, Money, Percent, rules};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, files, read_text};
use crate::translit::slug;

/// The language passports are written in (the format says: Ukrainian).
pub const SOURCE_LANG: &str = "uk";

/// A loaded passport with its id and the file it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub passport: Passport,
}

/// Loads every passport under `content/passports`, sorted by id. A passport
/// with errors is left out; its diagnostics say why.
pub fn load_all(site: &std::path::Path) -> (Vec<Entry>, Vec<Diagnostic>) {
    let sources = files(site, "content/passports", &[".yaml", ".yml"]);
    let results: Vec<(Option<Entry>, Vec<Diagnostic>)> = sources.par_iter().map(load_one).collect();
    let mut diagnostics = Vec::new();
    let mut by_id: BTreeMap<String, Vec<&SourceFile>> = BTreeMap::new();
    for source in &sources {
        by_id.entry(id_of(source)).or_default().push(source);
    }
    for files in by_id.values().filter(|f| f.len() > 1) {
        for (i, file) in files.iter().enumerate() {
            let other = &files[if i == 0 { 1 } else { 0 }];
            diagnostics.push(
                Diagnostic::error(
                    &file.rel,
                    (1, 1),
                    Code::DuplicateId,
                    format!("two passports have the id `{}`", id_of(file)),
                )
                .hint(format!(
                    "the other is {}; rename one of the files",
                    other.rel.display()
                )),
            );
        }
    }
    let mut entries = Vec::new();
    for (entry, found) in results {
        diagnostics.extend(found);
        entries.extend(entry.filter(|e| by_id[&e.id].len() == 1));
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    (entries, diagnostics)
}

fn id_of(source: &SourceFile) -> String {
    source
        .rel
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn load_one(source: &SourceFile) -> (Option<Entry>, Vec<Diagnostic>) {
    let id = id_of(source);
    let mut diagnostics = Vec::new();
    let id_ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        diagnostics.push(
            Diagnostic::error(
                &source.rel,
                (1, 1),
                Code::BadId,
                format!("`{id}` is not a valid passport id"),
            )
            .hint(format!(
                "name the file with lowercase Latin letters, digits and `-`, e.g. {}.yaml",
                slug(&id)
            )),
        );
    }
    let text = match read_text(source) {
        Ok(text) => text,
        Err(d) => {
            diagnostics.push(d);
            return (None, diagnostics);
        }
    };
    let (passport, found) = parse(&source.rel, &text);
    diagnostics.extend(found);
    let entry = passport
        .filter(|_| id_ok)
        .map(|passport| Entry { id, passport });
    (entry, diagnostics)
}
