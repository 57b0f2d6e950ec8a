//! `hromada i18n update`: the PO file of a language brought up to date with
//! the passports. New texts are added untranslated, translations are kept,
//! texts no longer used become obsolete (`#~`) rather than lost, entries
//! are sorted and each carries `#:` references to its file and line.
//! Running it twice changes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rspolib::{FileOptions, POEntry, POFile};

use super::extract::Text;
use super::glossary::{GLOSSARY_NOTE, Glossary};
use super::machine;
use super::memory::Memory;
use super::{MEMORY_NOTE, parse_po};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::passport::SOURCE_LANG;

/// The new PO text and what changed.
#[derive(Debug, PartialEq)]
pub struct Merged {
    pub text: String,
    pub added: usize,
    pub obsoleted: usize,
    /// Entries in use.
    pub entries: usize,
    /// New texts filled from translation memory: the same text (translated)
    /// and a similar one (fuzzy, for a person to confirm).
    pub remembered: usize,
    pub similar: usize,
    /// Texts a machine suggested (fuzzy), when asked to.
    pub machine: usize,
}

/// `#:` references: (file, line), in file order and then line order.
type References = BTreeSet<(String, usize)>;

/// References as rspolib writes them.
fn occurrences(references: References) -> Vec<(String, String)> {
    references
        .into_iter()
        .map(|(file, line)| (file, line.to_string()))
        .collect()
}

/// `Plural-Forms` headers of the languages a site is likely to have.
const PLURAL_FORMS: &[(&str, &str)] = &[
    ("en", "nplurals=2; plural=(n != 1);"),
    ("de", "nplurals=2; plural=(n != 1);"),
    ("fr", "nplurals=2; plural=(n > 1);"),
    (
        "pl",
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    (
        "uk",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
];

/// What helps a merge fill and annotate new texts.
#[derive(Debug)]
pub struct Aids {
    /// Compendia's translations (the merge adds the site's own).
    pub memory: Memory,
    /// How alike a remembered text must be to be suggested (0 to 1).
    pub similarity: f64,
    pub glossary: Glossary,
}

impl Default for Aids {
    fn default() -> Aids {
        Aids {
            memory: Memory::default(),
            similarity: crate::config::I18nConfig::default().similarity,
            glossary: Glossary::default(),
        }
    }
}

/// `comment` without the glossary's lines, which a merge writes last.
fn without_glossary(comment: &str) -> Option<String> {
    let kept = match comment.strip_prefix(GLOSSARY_NOTE) {
        Some(_) => "",
        None => comment
            .find(&format!("\n{GLOSSARY_NOTE}"))
            .map_or(comment, |at| &comment[..at]),
    };
    (!kept.is_empty()).then(|| kept.to_string())
}

/// Merges the texts of the passports into the existing PO text (if any);
/// a new text is filled from memory where it holds the same text, or one
/// at least `similarity` alike (then fuzzy, with `#| msgid`); every entry
/// in use lists the glossary's terms it holds in its `#.` comment.
pub fn merge(
    existing: Option<&str>,
    file: &Path,
    texts: &[Text],
    lang: &str,
    aids: &Aids,
) -> Result<Merged, Diagnostic> {
    let mut po = match existing {
        Some(text) => parse_po(text, file)?,
        None => POFile::new(FileOptions::default()),
    };
    // The site's own translations, preferred to a compendium's as good.
    let mut own = Memory::default();
    own.add(&po, &file.display().to_string());
    let suggest = |msgid: &str| {
        own.suggest(msgid, aids.similarity)
            .into_iter()
            .chain(aids.memory.suggest(msgid, aids.similarity))
            .reduce(|best, s| {
                if s.similarity > best.similarity {
                    s
                } else {
                    best
                }
            })
    };
    // msgid → context → references.
    let mut used: BTreeMap<&str, BTreeMap<&str, References>> = BTreeMap::new();
    for t in texts {
        used.entry(&t.msgid)
            .or_default()
            .entry(t.context)
            .or_default()
            .insert((t.file.display().to_string(), t.line));
    }
    let with_context: BTreeSet<(String, String)> = po
        .entries
        .iter()
        .filter_map(|e| Some((e.msgid.clone(), e.msgctxt.clone()?)))
        .collect();
    let mut entries: Vec<POEntry> = Vec::new();
    let mut covered: BTreeSet<(String, Option<String>)> = BTreeSet::new();
    let mut obsoleted = 0;
    for mut entry in std::mem::take(&mut po.entries) {
        let references: References = match (used.get(entry.msgid.as_str()), &entry.msgctxt) {
            (Some(contexts), Some(context)) => {
                contexts.get(context.as_str()).cloned().unwrap_or_default()
            }
            (Some(contexts), None) => contexts
                .iter()
                .filter(|(c, _)| !with_context.contains(&(entry.msgid.clone(), c.to_string())))
                .flat_map(|(_, r)| r.iter().cloned())
                .collect(),
            (None, _) => BTreeSet::new(),
        };
        if !covered.insert((entry.msgid.clone(), entry.msgctxt.clone())) {
            continue;
        }
        if references.is_empty() {
            let translated = entry.msgstr.as_ref().is_some_and(|m| !m.is_empty());
            if !translated {
                continue;
            }
            if !entry.obsolete {
                obsoleted += 1;
            }
            entry.obsolete = true;
            entry.occurrences.clear();
        } else {
            entry.obsolete = false;
            entry.occurrences = occurrences(references);
        }
        entries.push(entry);
    }
    let (mut added, mut remembered, mut similar) = (0, 0, 0);
    for (msgid, contexts) in &used {
        if covered.contains(&(msgid.to_string(), None)) {
            continue;
        }
        let references: References = contexts
            .iter()
            .filter(|(c, _)| !covered.contains(&(msgid.to_string(), Some(c.to_string()))))
            .flat_map(|(_, r)| r.iter().cloned())
            .collect();
        if references.is_empty() {
            continue;
        }
        let mut entry = POEntry::new(0);
        entry.msgid = msgid.to_string();
        entry.msgstr = Some(String::new());
        entry.occurrences = occurrences(references);
        if let Some(s) = suggest(msgid) {
            entry.msgstr = Some(s.from.msgstr.clone());
            if !s.is_translation() {
                entry.flags.push("fuzzy".into());
                let how = if s.from.msgid == *msgid {
                    // The same words, translated for another field.
                    "for another field".to_string()
                } else {
                    entry.previous_msgid = Some(s.from.msgid.clone());
                    format!("{}% alike", (s.similarity * 100.0).floor())
                };
                entry.comment = Some(format!("{MEMORY_NOTE}, {how}: {}", s.from.origin));
                similar += 1;
            } else {
                entry.comment = Some(format!("{MEMORY_NOTE}: {}", s.from.origin));
                remembered += 1;
            }
        }
        entries.push(entry);
        added += 1;
    }
    for e in entries.iter_mut().filter(|e| !e.obsolete) {
        let mut lines: Vec<String> = e
            .comment
            .as_deref()
            .and_then(without_glossary)
            .into_iter()
            .collect();
        lines.extend(aids.glossary.note(&e.msgid));
        e.comment = (!lines.is_empty()).then(|| lines.join("\n"));
    }
    entries.sort_by(|a, b| {
        (a.obsolete, &a.msgid, &a.msgctxt).cmp(&(b.obsolete, &b.msgid, &b.msgctxt))
    });
    let in_use = entries.iter().filter(|e| !e.obsolete).count();
    po.entries = entries;
    if po.header.is_none() {
        po.header = Some(format!(
            "Translations of the passports' texts into `{lang}`, kept by `hromada i18n update`.\nmsgid is the Ukrainian text; msgctxt, where given, the field it is for."
        ));
    }
    let defaults = [
        ("Project-Id-Version", "passports".to_string()),
        ("Language", lang.to_string()),
        ("MIME-Version", "1.0".to_string()),
        ("Content-Type", "text/plain; charset=UTF-8".to_string()),
        ("Content-Transfer-Encoding", "8bit".to_string()),
    ];
    for (key, value) in defaults {
        po.metadata.entry(key.to_string()).or_insert(value);
    }
    if let Some((_, forms)) = PLURAL_FORMS.iter().find(|(l, _)| *l == lang) {
        po.metadata
            .entry("Plural-Forms".to_string())
            .or_insert(forms.to_string());
    }
    Ok(Merged {
        text: po.to_string(),
        added,
        obsoleted,
        entries: in_use,
        remembered,
        similar,
        machine: 0,
    })
}

/// The PO `text` with every untranslated entry in use sent to the
/// machine `command` and its answers added as fuzzy suggestions; returns
/// the new text and how many were added, or why the command failed.
pub fn fill_by_machine(
    text: &str,
    file: &Path,
    command: &str,
    timeout: std::time::Duration,
    texts: &[Text],
    lang: &str,
) -> Result<(String, usize), Message> {
    let mut po = parse_po(text, file).map_err(|d| d.message)?;
    let context_of = |msgid: &str| {
        texts
            .iter()
            .find(|t| t.msgid == msgid)
            .map_or("", |t| t.context)
    };
    let open: Vec<usize> = po
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.obsolete && !e.fuzzy() && e.msgstr.as_deref().is_none_or(str::is_empty))
        .map(|(i, _)| i)
        .collect();
    if open.is_empty() {
        return Ok((text.to_string(), 0));
    }
    let requests: Vec<machine::Request> = open
        .iter()
        .map(|&i| {
            let e = &po.entries[i];
            machine::Request {
                id: i,
                text: &e.msgid,
                context: e.msgctxt.as_deref().unwrap_or_else(|| context_of(&e.msgid)),
                source: SOURCE_LANG,
                target: lang,
            }
        })
        .collect();
    let answers = machine::translate(command, &requests, timeout)?;
    for (&i, answer) in open.iter().zip(answers) {
        let e = &mut po.entries[i];
        e.msgstr = Some(answer);
        e.flags.push("fuzzy".into());
        e.comment = Some(format!("{}: {command}", machine::MACHINE_NOTE));
    }
    Ok((po.to_string(), open.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn text(msgid: &str, context: &'static str, line: usize) -> Text {
        Text {
            msgid: msgid.into(),
            context,
            passport: "a".into(),
            file: PathBuf::from("content/passports/a.yaml"),
            line,
        }
    }

    #[test]
    fn adds_keeps_and_obsoletes_and_is_stable() {
        let first = merge(
            None,
            Path::new("en.po"),
            &[
                text("Ризик", "risks.title", 4),
                text("Дороги", "access.roads", 9),
            ],
            "en",
            &Aids::default(),
        )
        .unwrap();
        assert_eq!((first.added, first.obsoleted, first.entries), (2, 0, 2));
        assert!(
            first
                .text
                .contains("#: content/passports/a.yaml:9\nmsgid \"Дороги\"\nmsgstr \"\"\n"),
            "{}",
            first.text
        );
        assert!(
            first
                .text
                .contains("\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"")
        );

        let translated = first.text.replace(
            "msgid \"Дороги\"\nmsgstr \"\"",
            "msgid \"Дороги\"\nmsgstr \"Roads\"",
        );
        // The passport changes: "Ризик" is gone, "Ліс" is new, "Дороги" moved.
        let second = merge(
            Some(&translated),
            Path::new("en.po"),
            &[
                text("Дороги", "access.roads", 12),
                text("Ліс", "risks.title", 5),
            ],
            "en",
            &Aids::default(),
        )
        .unwrap();
        assert_eq!((second.added, second.obsoleted, second.entries), (1, 0, 2));
        assert!(
            second
                .text
                .contains("#: content/passports/a.yaml:12\nmsgid \"Дороги\"\nmsgstr \"Roads\"\n"),
            "{}",
            second.text
        );
        assert!(
            !second.text.contains("Ризик"),
            "an untranslated text no longer used is dropped"
        );

        let third = merge(
            Some(&second.text),
            Path::new("en.po"),
            &[text("Ліс", "risks.title", 5)],
            "en",
            &Aids::default(),
        )
        .unwrap();
        assert_eq!(third.obsoleted, 1);
        assert!(
            third
                .text
                .contains("#~ msgid \"Дороги\"\n#~ msgstr \"Roads\"\n"),
            "a translation no longer used is kept, obsolete: {}",
            third.text
        );

        let again = merge(
            Some(&third.text),
            Path::new("en.po"),
            &[text("Ліс", "risks.title", 5)],
            "en",
            &Aids::default(),
        )
        .unwrap();
        assert_eq!(again.text, third.text, "running it twice changes nothing");
        assert_eq!((again.added, again.obsoleted), (0, 0));
    }

    #[test]
    fn references_are_written_once_and_wrapped() {
        let texts: Vec<Text> = (1..=400)
            .map(|line| text("Дороги", "access.roads", line))
            .collect();
        let merged = merge(None, Path::new("en.po"), &texts, "en", &Aids::default()).unwrap();
        let lines: Vec<&str> = merged
            .text
            .lines()
            .filter(|l| l.starts_with("#:"))
            .collect();
        let written: Vec<&str> = lines.iter().flat_map(|l| l[3..].split(' ')).collect();
        let expected: Vec<String> = (1..=400)
            .map(|line| format!("content/passports/a.yaml:{line}"))
            .collect();
        assert_eq!(written, expected, "each reference once, in line order");
        assert!(lines.iter().all(|l| l.chars().count() <= 78));
        assert_eq!(lines.len(), 400_usize.div_ceil(2), "two to a line");
    }

    #[test]
    fn a_context_entry_takes_its_field_only() {
        let po = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\nmsgctxt \"risks.title\"\nmsgid \"Дороги\"\nmsgstr \"Bad roads\"\n";
        let merged = merge(
            Some(po),
            Path::new("en.po"),
            &[
                text("Дороги", "risks.title", 4),
                text("Дороги", "access.roads", 9),
            ],
            "en",
            &Aids::default(),
        )
        .unwrap();
        assert!(merged.text.contains("#: content/passports/a.yaml:4\nmsgctxt \"risks.title\"\nmsgid \"Дороги\"\nmsgstr \"Bad roads\"\n"), "{}", merged.text);
        // The same words in another field are only a suggestion there.
        assert!(
            merged.text.contains("#. translation memory, for another field: en.po\n#: content/passports/a.yaml:9\n#, fuzzy\nmsgid \"Дороги\"\nmsgstr \"Bad roads\"\n"),
            "{}",
            merged.text
        );
    }
}
