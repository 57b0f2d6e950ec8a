//! Translation memory: what a site (and any compendium it names) has
//! already translated, looked up for texts that are new. An identical
//! text is a translation; a similar one (normalised Levenshtein, as
//! gettext's `msgmerge` judges "similar") is a suggestion a person must
//! confirm. Candidates are found through the character trigrams they
//! share, so a lookup reads a few entries, not the whole memory.

use std::collections::{BTreeMap, HashMap};

use rspolib::POFile;

/// How many candidates, by shared trigrams, are compared in full.
const CANDIDATES: usize = 24;

/// A translation in memory, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Remembered {
    pub msgid: String,
    pub msgstr: String,
    /// The file it was found in.
    pub origin: String,
    /// Whether it was translated for one field only (`msgctxt`): then
    /// even the same text elsewhere is only a suggestion.
    pub in_context: bool,
}

/// A suggestion for a text: the remembered translation, and how alike
/// its source is (1 for the same text).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion<'m> {
    pub from: &'m Remembered,
    pub similarity: f64,
}

impl Suggestion<'_> {
    /// Whether it may be filled in as a translation, not only suggested:
    /// the same text, translated for every field.
    pub fn is_translation(&self) -> bool {
        self.similarity >= 1.0 && !self.from.in_context
    }
}

/// Translations by source text, with a trigram index over the sources.
#[derive(Debug, Default)]
pub struct Memory {
    entries: Vec<Remembered>,
    by_msgid: BTreeMap<String, usize>,
    trigrams: HashMap<[char; 3], Vec<u32>>,
}

/// The trigrams of `text`, lower case, each once.
fn trigrams(text: &str) -> Vec<[char; 3]> {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let mut all: Vec<[char; 3]> = chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    all.sort_unstable();
    all.dedup();
    all
}

impl Memory {
    /// Adds the translated entries of a PO file (fuzzy ones are not
    /// translations; obsolete ones are, of texts no longer used). The
    /// first translation of a text stays.
    pub fn add(&mut self, po: &POFile, origin: &str) {
        for e in &po.entries {
            let Some(msgstr) = e.msgstr.as_deref().filter(|m| !m.is_empty()) else {
                continue;
            };
            if e.fuzzy() || e.msgid.is_empty() || self.by_msgid.contains_key(&e.msgid) {
                continue;
            }
            let index = self.entries.len();
            for t in trigrams(&e.msgid) {
                self.trigrams.entry(t).or_default().push(index as u32);
            }
            self.by_msgid.insert(e.msgid.clone(), index);
            self.entries.push(Remembered {
                msgid: e.msgid.clone(),
                msgstr: msgstr.to_string(),
                origin: origin.to_string(),
                in_context: e.msgctxt.is_some(),
            });
        }
    }

    /// The best suggestion for `msgid` at least `threshold` alike (0 to 1),
    /// the same text first; ties go to the source that sorts first.
    pub fn suggest(&self, msgid: &str, threshold: f64) -> Option<Suggestion<'_>> {
        if let Some(&i) = self.by_msgid.get(msgid) {
            return Some(Suggestion {
                from: &self.entries[i],
                similarity: 1.0,
            });
        }
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for t in trigrams(msgid) {
            for &i in self.trigrams.get(&t).map_or(&[][..], Vec::as_slice) {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut candidates: Vec<(u32, u32)> = shared.into_iter().collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(CANDIDATES);
        let lower = msgid.to_lowercase();
        candidates
            .into_iter()
            .map(|(i, _)| {
                let from = &self.entries[i as usize];
                let similarity = strsim::normalized_levenshtein(&lower, &from.msgid.to_lowercase());
                Suggestion { from, similarity }
            })
            .filter(|s| s.similarity >= threshold)
            .max_by(|a, b| {
                a.similarity
                    .total_cmp(&b.similarity)
                    .then_with(|| b.from.msgid.cmp(&a.from.msgid))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory(po: &str) -> Memory {
        let mut m = Memory::default();
        m.add(&rspolib::pofile(po).unwrap(), "old.po");
        m
    }

    #[test]
    fn same_text_then_the_most_alike_above_the_threshold() {
        let m = memory(
            "msgid \"Облаштування віддаленого робочого місця ЦНАП у Лісовому старостинському окрузі\"\nmsgstr \"A remote ASC workplace in the Lisove starosta district\"\n\n#, fuzzy\nmsgid \"Ремонт школи\"\nmsgstr \"School repairs\"\n\nmsgid \"Дороги\"\nmsgstr \"Roads\"\n",
        );
        assert_eq!(m.entries.len(), 2, "a fuzzy entry is no translation");
        let same = m.suggest("Дороги", 0.8).unwrap();
        assert_eq!((same.from.msgstr.as_str(), same.similarity), ("Roads", 1.0));
        let near = m
            .suggest(
                "Облаштування віддаленого робочого місця ЦНАП у Польовому старостинському окрузі",
                0.8,
            )
            .unwrap();
        assert!(near.similarity > 0.9 && near.similarity < 1.0, "{near:?}");
        assert_eq!(near.from.origin, "old.po");
        assert!(m.suggest("Ремонт школи", 0.8).is_none());
        assert!(m.suggest("Зовсім інший текст про лікарню", 0.8).is_none());
    }
}
