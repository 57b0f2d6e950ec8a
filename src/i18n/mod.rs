//! Translations of passport text: one gettext PO file per language,
//! `content/i18n/<lang>.po`, read with rspolib. The msgid is the Ukrainian
//! text; a msgctxt, where the same words need different translations, is
//! the field path without list positions (`risks.title`). Fuzzy and empty
//! entries count as untranslated.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rspolib::POFile;
use rspolib::errors::SyntaxError;

mod extract;
mod glossary;
mod machine;
mod memory;
mod status;
mod update;

pub use extract::{Text, TextField, collect};
pub use glossary::Glossary;
pub use status::{Outdated, Status, glossary_misses, status};
pub use update::{Aids, Merged, fill_by_machine, merge};

use crate::diagnostic::{Code, Diagnostic};
use crate::passport::SOURCE_LANG;
use crate::source::{MAX_PO_BYTES, SourceFile, read_text_up_to};
use crate::yaml;

/// The translations of one language.
#[derive(Debug)]
pub struct Catalog {
    pub lang: String,
    /// `content/i18n/<lang>.po`, whether it exists or not.
    pub file: PathBuf,
    /// msgid → msgctxt (empty for none) → translation.
    entries: BTreeMap<String, BTreeMap<String, String>>,
    /// Entries marked fuzzy, as (context, msgid): untranslated, but begun.
    fuzzy: BTreeSet<(String, String)>,
    /// Their texts, for a site that publishes them, flagged.
    unreviewed: BTreeMap<(String, String), String>,
    /// Of those, the ones `i18n update` filled from translation memory or
    /// a machine: suggestions no person has read yet, not translations
    /// grown old.
    suggested: BTreeSet<(String, String)>,
}

/// How `i18n update` begins the `#.` comment of an entry it filled from
/// translation memory.
pub const MEMORY_NOTE: &str = "translation memory";

impl Catalog {
    fn empty(lang: &str, file: PathBuf) -> Catalog {
        Catalog {
            lang: lang.to_string(),
            file,
            entries: BTreeMap::new(),
            fuzzy: BTreeSet::new(),
            unreviewed: BTreeMap::new(),
            suggested: BTreeSet::new(),
        }
    }

    /// Parses a PO file's text.
    pub fn parse(lang: &str, file: &Path, text: &str) -> Result<Catalog, Diagnostic> {
        let po = parse_po(text, file)?;
        let mut catalog = Catalog::empty(lang, file.to_path_buf());
        for entry in po.entries.iter().filter(|e| !e.obsolete && e.fuzzy()) {
            let key = (
                entry.msgctxt.clone().unwrap_or_default(),
                entry.msgid.clone(),
            );
            if entry
                .comment
                .as_deref()
                .is_some_and(|c| c.starts_with(MEMORY_NOTE) || c.starts_with(machine::MACHINE_NOTE))
            {
                catalog.suggested.insert(key.clone());
            }
            if let Some(msgstr) = entry.msgstr.as_deref().filter(|m| !m.trim().is_empty()) {
                catalog.unreviewed.insert(key.clone(), msgstr.to_string());
            }
            catalog.fuzzy.insert(key);
        }
        for entry in po.entries.into_iter().filter(|e| !e.obsolete && !e.fuzzy()) {
            let Some(msgstr) = entry.msgstr.filter(|m| !m.trim().is_empty()) else {
                continue;
            };
            catalog
                .entries
                .entry(entry.msgid)
                .or_default()
                .insert(entry.msgctxt.unwrap_or_default(), msgstr);
        }
        Ok(catalog)
    }

    /// The translation of `msgid` at field `context`, else of `msgid` with
    /// no context.
    pub fn translate(&self, context: &str, msgid: &str) -> Option<&str> {
        let by_context = self.entries.get(msgid)?;
        by_context
            .get(context)
            .or_else(|| by_context.get(""))
            .map(String::as_str)
    }

    /// The msgctxt of the entry that stands for `msgid` at `context`:
    /// `context` where the file gives that field an entry of its own, else
    /// none (`""`), the one entry every field shares.
    pub fn entry_context<'a>(&self, context: &'a str, msgid: &str) -> &'a str {
        let own = self
            .entries
            .get(msgid)
            .is_some_and(|c| c.contains_key(context))
            || self
                .fuzzy
                .contains(&(context.to_string(), msgid.to_string()));
        if own { context } else { "" }
    }

    /// The fuzzy entry that stands for `msgid` at `context`: the one of
    /// that field, else the one with no context, as translations are found.
    fn fuzzy_key(&self, context: &str, msgid: &str) -> Option<(String, String)> {
        [context, ""]
            .into_iter()
            .map(|c| (c.to_string(), msgid.to_string()))
            .find(|key| self.fuzzy.contains(key))
    }

    /// Whether the entry for `msgid` at `context` (or with no context) is fuzzy.
    pub fn is_fuzzy(&self, context: &str, msgid: &str) -> bool {
        self.fuzzy_key(context, msgid).is_some()
    }

    /// The text of the fuzzy entry for `msgid` at `context`, if it has one.
    pub fn unreviewed(&self, context: &str, msgid: &str) -> Option<&str> {
        let key = self.fuzzy_key(context, msgid)?;
        self.unreviewed.get(&key).map(String::as_str)
    }

    /// Whether the entry for `msgid` at `context` was translated once and
    /// its text has changed since: fuzzy, but not a memory's suggestion.
    pub fn is_outdated(&self, context: &str, msgid: &str) -> bool {
        self.fuzzy_key(context, msgid)
            .is_some_and(|key| !self.suggested.contains(&key))
    }

    /// One warning for the `count` texts shown without a translation.
    pub fn untranslated_warning(&self, count: usize) -> Option<Diagnostic> {
        (count > 0).then(|| {
            Diagnostic::error(
                &self.file,
                (1, 1),
                Code::Untranslated,
                trn!(
                    "{count} passport text has no `{lang}` translation (shown in Ukrainian, marked)",
                    "{count} passport texts have no `{lang}` translation (shown in Ukrainian, marked)",
                    count,
                    lang = self.lang
                ),
            )
            .hint(tr!(
                "`hromada i18n update` adds their entries to {file}, each with an msgstr to fill in; `hromada i18n status` lists them",
                file = self.file.display()
            ))
            .warning()
        })
    }
}

/// Loads the catalog of every language but the passports' own, sorted by
/// language. A language with no PO file gets an empty catalog.
pub fn load(site: &Path, languages: &[String]) -> (BTreeMap<String, Catalog>, Vec<Diagnostic>) {
    let mut catalogs = BTreeMap::new();
    let mut diagnostics = Vec::new();
    for lang in languages.iter().filter(|l| l.as_str() != SOURCE_LANG) {
        let (rel, text) = read_po(site, lang);
        let catalog = match text.and_then(|t| t.map(|t| Catalog::parse(lang, &rel, &t)).transpose())
        {
            Ok(Some(catalog)) => catalog,
            Ok(None) => Catalog::empty(lang, rel),
            Err(d) => {
                diagnostics.push(d);
                Catalog::empty(lang, rel)
            }
        };
        catalogs.insert(lang.clone(), catalog);
    }
    (catalogs, diagnostics)
}

/// The PO file of `lang`, `content/i18n/<lang>.po`: its path relative to
/// the site, and its text if it exists.
pub fn read_po(site: &Path, lang: &str) -> (PathBuf, Result<Option<String>, Diagnostic>) {
    let rel = PathBuf::from(format!("content/i18n/{lang}.po"));
    let abs = site.join(&rel);
    let text = match abs.is_file() {
        true => read_text_up_to(
            &SourceFile {
                rel: rel.clone(),
                abs,
            },
            MAX_PO_BYTES,
        )
        .map(Some),
        false => Ok(None),
    };
    (rel, text)
}

/// A PO text read into entries (rspolib); a syntax error is reported at
/// its line.
pub fn parse_po(text: &str, file: &Path) -> Result<POFile, Diagnostic> {
    // rspolib takes a text that names an existing file for a path, and its
    // byte input reads nothing: hand it the text with a newline at the end,
    // which no file name has.
    let content = format!("{text}\n");
    let po = rspolib::pofile(content.as_str()).map_err(|e| syntax_error(file, text, &e))?;
    // A control character passes the parser but no page, PDF or PO tool.
    for entry in &po.entries {
        let plural = entry.msgstr_plural.iter().map(String::as_str);
        let found =
            (entry.msgstr.as_deref().into_iter().chain(plural)).find_map(yaml::control_character);
        if let Some(c) = found {
            return Err(Diagnostic::error(
                file,
                (entry.linenum.max(1), 1),
                Code::ControlCharacter,
                tr!(
                    "the translation of \"{string}\" holds a control character (U+{code})",
                    string = entry.msgid.chars().take(60).collect::<String>(),
                    code = format!("{:04X}", c as u32)
                ),
            )
            .hint(yaml::control_hint()));
        }
    }
    Ok(po)
}

fn syntax_error(file: &Path, text: &str, e: &SyntaxError) -> Diagnostic {
    let (place, message) = match e {
        SyntaxError::UnescapedDoubleQuoteFound { line, .. } => (
            (*line, 1),
            "a double quote inside a text must be written \\\"".to_string(),
        ),
        SyntaxError::Custom { line, message, .. } => ((*line, 1), message.clone()),
        SyntaxError::Generic { line, .. } => (
            (*line, 1),
            "this line is no part of an entry (msgctxt, msgid, msgstr, a quoted text or a # comment)"
                .to_string(),
        ),
        // The escapes are checked after the parse, without a place: find it.
        other => match bad_escape(text) {
            Some((place, found)) => (
                place,
                format!("`\\{found}` is no escape a PO text knows (\\n, \\t, \\\", \\\\ and a few others)"),
            ),
            None => ((1, 1), other.to_string()),
        },
    };
    Diagnostic::error(
        file,
        (place.0.max(1), place.1),
        Code::PoSyntax,
        tr!(
            "PO syntax: {message}",
            message = crate::messages::Message::verbatim(message)
        ),
    )
    .hint(tr!(
        "open the file in a PO editor (Poedit, Lokalize) to find the broken entry"
    ))
}

/// The first escape in a quoted text of a PO file that the parser does
/// not know: its line and column (counted in characters, from 1), and the
/// character after the backslash (`None` at the end of a line).
fn bad_escape(text: &str) -> Option<((usize, usize), String)> {
    for (n, line) in text.lines().enumerate() {
        // Comments hold no escapes, but an obsolete or previous entry does.
        let code = line.trim_start();
        if code.starts_with('#') && !code.starts_with("#~") && !code.starts_with("#|") {
            continue;
        }
        let mut quoted = false;
        let mut chars = line.chars().enumerate();
        while let Some((col, c)) = chars.next() {
            match c {
                '"' => quoted = !quoted,
                '\\' if quoted => match chars.next() {
                    Some((_, 'n' | 't' | 'r' | 'b' | 'v' | 'f' | '"' | '\\')) => {}
                    other => {
                        let found = other.map(|(_, c)| c.to_string()).unwrap_or_default();
                        return Some(((n + 1, col + 1), found));
                    }
                },
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = r#"msgid ""
msgstr ""
"Language: en\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Дороги"
msgstr "Roads"

msgctxt "risks.title"
msgid "Дороги"
msgstr "The roads"

#, fuzzy
msgid "Ліс"
msgstr "Forest"

msgid "Річка"
msgstr ""

#~ msgid "Старе"
#~ msgstr "Old"
"#;

    #[test]
    fn context_first_then_plain_and_fuzzy_is_untranslated() {
        let catalog = Catalog::parse("en", Path::new("en.po"), PO).unwrap();
        assert_eq!(
            catalog.translate("risks.title", "Дороги"),
            Some("The roads")
        );
        assert_eq!(catalog.translate("access.roads", "Дороги"), Some("Roads"));
        assert_eq!(catalog.translate("", "Ліс"), None, "fuzzy");
        assert_eq!(catalog.translate("", "Річка"), None, "empty");
        assert_eq!(catalog.translate("", "Старе"), None, "obsolete");
    }

    #[test]
    fn missing_texts_make_one_warning() {
        let catalog = Catalog::parse("en", Path::new("content/i18n/en.po"), PO).unwrap();
        assert_eq!(catalog.untranslated_warning(0), None);
        let warning = catalog.untranslated_warning(2).unwrap();
        assert_eq!(
            warning.message,
            "2 passport texts have no `en` translation (shown in Ukrainian, marked)"
        );
    }

    #[test]
    fn a_file_name_is_read_as_text_not_opened() {
        let parsed = Catalog::parse("en", Path::new("en.po"), "/etc/hostname");
        assert!(matches!(parsed, Err(d) if d.code == Code::PoSyntax));
    }

    #[test]
    fn an_unknown_escape_is_found_where_it_stands() {
        let broken = "msgid \"a\"\nmsgstr \"b\"\n\n# not \\q here\nmsgid \"Дорога\"\nmsgstr \"The road \\q\"\n";
        let d = Catalog::parse("en", Path::new("en.po"), broken).unwrap_err();
        assert_eq!((d.code, d.line, d.column), (Code::PoSyntax, 6, 18), "{d}");
        assert!(d.message.contains("`\\q` is no escape"), "{d}");
        let marker = "msgid \"a\"\nmsgstr \"b\"\n\n<<<<<<< HEAD\n";
        let d = Catalog::parse("en", Path::new("en.po"), marker).unwrap_err();
        assert_eq!((d.code, d.line), (Code::PoSyntax, 4), "{d}");
    }

    #[test]
    fn a_control_character_in_a_translation_is_an_error_at_its_entry() {
        for c in ['\u{7}', '\u{0}', '\u{1b}', '\u{b}'] {
            let po = format!("{PO}\nmsgid \"Міст\"\nmsgstr \"Bri{c}dge\"\n");
            let d = Catalog::parse("en", Path::new("en.po"), &po).unwrap_err();
            assert_eq!((d.code, d.line), (Code::ControlCharacter, 23), "{d}");
            assert!(d.message.contains("\"Міст\""), "{d}");
        }
    }

    #[test]
    fn syntax_errors_name_their_line() {
        let broken = "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\nmsgstr \"d\"\n";
        let d = Catalog::parse("en", Path::new("en.po"), broken).unwrap_err();
        assert_eq!((d.code, d.line), (Code::PoSyntax, 4), "{d}");
    }
}

#[cfg(test)]
mod never_panics {
    use std::path::Path;

    use proptest::prelude::*;

    use super::Catalog;

    const PO: &str = include_str!("../../content/i18n/en.po");

    /// What fuzzing found: each made rspolib panic (a slice out of a lone
    /// `"`, a text not opened by `"`, a line where none may stand).
    #[test]
    fn found_by_fuzzing() {
        for text in [
            "msgid \"\n",
            "\"\n",
            "msgid а\"",
            "msgid \"a\"\nmsgid_plural \"b\"\n\"x\"\n#| msgid \"\n",
        ] {
            assert!(
                Catalog::parse("en", Path::new("en.po"), text).is_err(),
                "{text:?}"
            );
        }
        let po = crate::fuzz::edited(PO, 5668, 0, "ነ");
        let _ = Catalog::parse("en", Path::new("en.po"), &po);
    }

    proptest! {
        #[test]
        fn on_po_shaped_text(text in "(msgid |msgstr |msgctxt |#, fuzzy|#~ |\"|\\\\|[a-zа-я \\n\\[\\]0-9])*") {
            let _ = Catalog::parse("en", Path::new("en.po"), &text);
        }

        #[test]
        fn on_a_po_file_edited_at_random(at in 0usize..PO.len(), cut in 0usize..40, insert in "\\PC{0,12}") {
            let _ = Catalog::parse("en", Path::new("en.po"), &crate::fuzz::edited(PO, at, cut, &insert));
        }
    }
}
