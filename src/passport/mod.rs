//! Passports: the model of the format, reading and checking one file, and
//! loading every file of a site in parallel with their ids.

mod checks;
mod lineage;
mod load;
mod model;
mod oblast;
mod parts;
mod scalars;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub use lineage::Lineage;
pub use load::{from_problem, from_syntax, parse};
pub use model::*;
pub use oblast::Oblast;
pub use parts::{Part, PartVisitor};
pub use scalars::{Band, Date, Money, Percent, rules};

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{SourceFile, files, read_text};
use crate::translit::{is_id, slug};

/// Where closed editions keep their passports, in the site folder.
pub const EDITIONS_FOLDER: &str = "content/editions";

/// The language passports are written in (the format says: Ukrainian).
pub const SOURCE_LANG: &str = "uk";

/// A loaded passport with its id. The passport is shared, so that `serve`
/// keeps an unchanged passport from one rebuild to the next without a copy.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    /// The file it was read from, relative to the site.
    pub file: PathBuf,
    pub passport: Arc<Passport>,
    /// The closed edition it belongs to; `None` for today's passports.
    pub edition: Option<String>,
}

/// Passports already read, by file (relative to the site): what loading
/// each one gave. `serve` keeps it between rebuilds and forgets the files
/// that change; `build` starts from an empty one.
pub type Cache = BTreeMap<PathBuf, Loaded>;

/// What loading one file gave: its entry if it has no errors, and its
/// diagnostics.
pub type Loaded = (Option<Entry>, Vec<Diagnostic>);

/// Loads every passport under `folder` (`content/passports` for today's),
/// sorted by id, reading
/// only the files `cache` does not hold. A passport with errors is left
/// out; its diagnostics say why. With `keep`, the cache keeps what was
/// read (and entries are cloned out of it); without, it is used up.
pub fn load_all(
    site: &Path,
    folder: &str,
    cache: &mut Cache,
    keep: bool,
) -> (Vec<Entry>, Vec<Diagnostic>) {
    let (sources, skipped) = files(site, folder, &[".yaml", ".yml"]);
    let listed: BTreeSet<&PathBuf> = sources.iter().map(|s| &s.rel).collect();
    cache.retain(|rel, _| listed.contains(rel));
    let read: Vec<(PathBuf, Loaded)> = sources
        .par_iter()
        .filter(|s| !cache.contains_key(&s.rel))
        .map(|s| (s.rel.clone(), load_one(s)))
        .collect();
    cache.extend(read);
    let mut diagnostics = skipped;
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
                    tr!("two passports have the id `{file}`", file = id_of(file)),
                )
                .hint(tr!(
                    "the other is {rel}; rename one of the files",
                    rel = other.rel.display()
                )),
            );
        }
    }
    let results: Vec<Loaded> = match keep {
        true => cache.values().cloned().collect(),
        false => std::mem::take(cache).into_values().collect(),
    };
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

fn load_one(source: &SourceFile) -> Loaded {
    let id = id_of(source);
    let mut diagnostics = Vec::new();
    let id_ok = is_id(&id);
    if !id_ok {
        diagnostics.push(
            Diagnostic::error(
                &source.rel,
                (1, 1),
                Code::BadId,
                tr!("`{id}` is not a valid passport id", id),
            )
            .hint(tr!("name the file with lowercase Latin letters, digits and `-`, beginning with a letter or digit, e.g. {into}.yaml", into = Some(slug(&id)).filter(|s| !s.is_empty()).unwrap_or_else(|| "uzhhorodska".into()))),
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
    let entry = passport.filter(|_| id_ok).map(|passport| Entry {
        id,
        file: source.rel.clone(),
        passport: Arc::new(passport),
        edition: None,
    });
    (entry, diagnostics)
}
