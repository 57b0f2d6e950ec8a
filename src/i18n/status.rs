//! `hromada i18n status`: how much of the passports' text a language has,
//! overall and per passport, and what is missing, for people and scripts.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Catalog;
use super::extract::Text;
use super::glossary::Glossary;
use crate::diagnostic::Code;

/// How far the translation of one set of texts has come.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Counts {
    pub total: usize,
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
}

/// A text with no translation yet, where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    pub file: String,
    pub line: usize,
    pub context: &'static str,
    pub msgid: String,
    pub fuzzy: bool,
}

/// The status of one language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub lang: String,
    pub po_file: String,
    /// Distinct texts (by field and text) across the site.
    #[serde(flatten)]
    pub counts: Counts,
    /// By passport id.
    pub passports: BTreeMap<String, Counts>,
    pub missing: Vec<Missing>,
    /// Translated reports and pages whose original has changed since.
    pub outdated: Vec<Outdated>,
    /// Translations that leave out a glossary term's translation.
    pub glossary: Vec<GlossaryMiss>,
}

/// A translation without the glossary's translation of a term its text holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlossaryMiss {
    /// Where the text is used first.
    pub file: String,
    pub line: usize,
    pub msgid: String,
    pub term: String,
    pub translation: String,
    pub code: Code,
}

/// The translated texts of `catalog` that leave out a term of `glossary`,
/// each once, where it is first used.
pub fn glossary_misses(
    catalog: &Catalog,
    glossary: &Glossary,
    texts: &[Text],
) -> Vec<GlossaryMiss> {
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for t in texts {
        let Some(translated) = catalog.translate(t.context, &t.msgid) else {
            continue;
        };
        for term in glossary.missed(&t.msgid, translated) {
            if seen.insert((t.msgid.clone(), term.term.clone())) {
                found.push(GlossaryMiss {
                    file: t.file.display().to_string(),
                    line: t.line,
                    msgid: t.msgid.clone(),
                    term: term.term.clone(),
                    translation: term.translation.clone(),
                    code: Code::GlossaryTerm,
                });
            }
        }
    }
    found
}

/// A translation whose original changed after it was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outdated {
    pub file: String,
    /// The line of its `translates:`.
    pub line: usize,
    pub original: String,
    /// The original's fingerprint the translation records, and its own now.
    pub recorded: String,
    pub current: String,
    pub code: Code,
}

/// The status of `catalog` for `texts`.
pub fn status(catalog: &Catalog, texts: &[Text]) -> Status {
    let count = |set: &BTreeSet<(&str, &str)>| {
        let mut c = Counts {
            total: set.len(),
            ..Counts::default()
        };
        for (context, msgid) in set {
            match (
                catalog.translate(context, msgid),
                catalog.is_fuzzy(context, msgid),
            ) {
                (Some(_), _) => c.translated += 1,
                (None, true) => c.fuzzy += 1,
                (None, false) => c.untranslated += 1,
            }
        }
        c
    };
    // A text is counted as the PO file holds it: one entry for every
    // field it is in, unless a field has an entry of its own.
    fn entry<'t>(catalog: &Catalog, t: &'t Text) -> (&'t str, &'t str) {
        (catalog.entry_context(t.context, &t.msgid), &t.msgid)
    }
    let site: BTreeSet<(&str, &str)> = texts.iter().map(|t| entry(catalog, t)).collect();
    let mut by_passport: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
    for t in texts {
        by_passport
            .entry(&t.passport)
            .or_default()
            .insert(entry(catalog, t));
    }
    let mut missing: Vec<Missing> = texts
        .iter()
        .filter(|t| catalog.translate(t.context, &t.msgid).is_none())
        .map(|t| Missing {
            file: t.file.display().to_string(),
            line: t.line,
            context: t.context,
            msgid: t.msgid.clone(),
            fuzzy: catalog.is_fuzzy(t.context, &t.msgid),
        })
        .collect();
    // By file and line: the order a translator walks the passports in.
    missing.sort_by(|a, b| (&a.file, a.line, &a.msgid).cmp(&(&b.file, b.line, &b.msgid)));
    Status {
        lang: catalog.lang.clone(),
        po_file: catalog.file.display().to_string(),
        counts: count(&site),
        passports: by_passport
            .iter()
            .map(|(id, set)| (id.to_string(), count(set)))
            .collect(),
        missing,
        outdated: Vec::new(),
        glossary: Vec::new(),
    }
}

impl Status {
    /// The report for people.
    pub fn to_text(&self) -> String {
        let c = &self.counts;
        let mut out = format!(
            "{}: {}\n",
            self.po_file,
            tr!(
                "{translated} of {total} texts translated, {fuzzy} fuzzy, {untranslated} untranslated",
                translated = c.translated,
                total = c.total,
                fuzzy = c.fuzzy,
                untranslated = c.untranslated
            ).text()
        );
        for (id, p) in &self.passports {
            out.push_str(&format!(
                "  {id}: {}\n",
                tr!(
                    "{translated} of {total} translated, {fuzzy} fuzzy, {untranslated} untranslated",
                    translated = p.translated,
                    total = p.total,
                    fuzzy = p.fuzzy,
                    untranslated = p.untranslated
                ).text()
            ));
        }
        if !self.missing.is_empty() {
            out.push_str(&format!(
                "{}\n",
                tr!("missing (names without a translation are transliterated on the pages):")
                    .text()
            ));
        }
        for m in &self.missing {
            let fuzzy = match m.fuzzy {
                true => format!(" ({})", tr!("fuzzy").text()),
                false => String::new(),
            };
            out.push_str(&format!(
                "  {}:{}: {}: {}{fuzzy}\n",
                m.file, m.line, m.context, m.msgid
            ));
        }
        if !self.outdated.is_empty() {
            out.push_str(&format!(
                "{}\n",
                tr!("translations whose original has changed since:").text()
            ));
        }
        if !self.glossary.is_empty() {
            out.push_str(&format!(
                "{}\n",
                tr!("translations without the glossary's term:").text()
            ));
        }
        for g in &self.glossary {
            out.push_str(&format!(
                "  {}:{}: {} [{}]\n",
                g.file,
                g.line,
                tr!(
                    "\"{text}\" is translated without `{translation}` (the glossary's `{term}`)",
                    text = g.msgid,
                    translation = g.translation,
                    term = g.term
                )
                .text(),
                g.code
            ));
        }
        for o in &self.outdated {
            out.push_str(&format!(
                "  {}:{}: {}\n",
                o.file,
                o.line,
                tr!(
                    "{original} has changed since it was translated [{code}]; once the translation is up to date, set `translates: {current}`",
                    original = o.original,
                    code = o.code,
                    current = o.current
                ).text()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn counts_distinct_texts_and_lists_each_place() {
        let po =
            "msgid \"Дороги\"\nmsgstr \"Roads\"\n\n#, fuzzy\nmsgid \"Ліс\"\nmsgstr \"Forest\"\n";
        let catalog = Catalog::parse("en", Path::new("content/i18n/en.po"), po).unwrap();
        let t = |passport: &str, msgid: &str, line| Text {
            msgid: msgid.into(),
            context: "risks.title",
            passport: passport.into(),
            file: PathBuf::from(format!("{passport}.yaml")),
            line,
        };
        let texts = vec![
            t("a", "Дороги", 3),
            t("a", "Ліс", 4),
            t("b", "Ліс", 7),
            t("b", "Річка", 8),
        ];
        let s = status(&catalog, &texts);
        assert_eq!(
            s.counts,
            Counts {
                total: 3,
                translated: 1,
                fuzzy: 1,
                untranslated: 1
            }
        );
        assert_eq!(
            s.passports["b"],
            Counts {
                total: 2,
                translated: 0,
                fuzzy: 1,
                untranslated: 1
            }
        );
        assert_eq!(s.missing.len(), 3);
        assert!(
            s.to_text().contains("  b.yaml:8: risks.title: Річка\n"),
            "{}",
            s.to_text()
        );
        assert!(
            s.to_text().starts_with(
                "content/i18n/en.po: 1 of 3 texts translated, 1 fuzzy, 1 untranslated\n"
            )
        );
    }

    #[test]
    fn a_text_in_two_fields_is_one_entry_unless_a_field_has_its_own() {
        let t = |context, line| Text {
            msgid: "Зразкове".into(),
            context,
            passport: "a".into(),
            file: PathBuf::from("a.yaml"),
            line,
        };
        let texts = vec![t("center", 8), t("settlements.name", 29)];
        let total = |po: &str| {
            let catalog = Catalog::parse("en", Path::new("en.po"), po).unwrap();
            status(&catalog, &texts).counts
        };
        // As `i18n update` writes it: one entry, untranslated.
        assert_eq!(total("msgid \"Зразкове\"\nmsgstr \"\"\n").total, 1);
        // A field given its own translation is an entry of its own.
        let own = "msgid \"Зразкове\"\nmsgstr \"Zrazkove\"\n\nmsgctxt \"center\"\nmsgid \"Зразкове\"\nmsgstr \"Zrazkove (centre)\"\n";
        assert_eq!(
            total(own),
            Counts {
                total: 2,
                translated: 2,
                fuzzy: 0,
                untranslated: 0
            }
        );
    }
}
