//! The Ukrainian catalog, `messages/uk.po`, built into the binary and read
//! once: each English text to its translation, with the three Ukrainian
//! plural forms picked by CLDR's rules.

use std::collections::HashMap;
use std::sync::OnceLock;

use icu_plurals::{PluralCategory, PluralRules};

/// The catalog's text, as a file beside the code, for translators.
pub const UK_PO: &str = include_str!("../../messages/uk.po");

/// Translations by their English text.
pub struct Catalog {
    entries: HashMap<String, Vec<String>>,
    plurals: Option<PluralRules>,
}

impl Catalog {
    /// Reads a PO text; entries that are fuzzy or untranslated are left
    /// out, so that their English shows.
    pub fn parse(text: &str) -> Catalog {
        // rspolib takes a text ending in a newline for a file's content.
        let po = rspolib::pofile(format!("{text}\n").as_str());
        let entries = po
            .map(|po| {
                po.entries
                    .into_iter()
                    .filter(|e| !e.flags.iter().any(|f| f == "fuzzy") && !e.obsolete)
                    .filter_map(|e| {
                        let forms = match e.msgid_plural {
                            Some(_) => e.msgstr_plural,
                            None => e.msgstr.into_iter().collect(),
                        };
                        (forms.iter().all(|f| !f.is_empty()) && !forms.is_empty())
                            .then_some((e.msgid, forms))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Catalog {
            entries,
            plurals: PluralRules::try_new_cardinal(icu_locale_core::langid!("uk").into()).ok(),
        }
    }

    /// The translation of `id`.
    pub fn singular(&self, id: &str) -> Option<&str> {
        self.entries
            .get(id)
            .and_then(|f| f.first())
            .map(String::as_str)
    }

    /// The form of `id` (a plural entry) for `n`: one, few or many.
    pub fn plural(&self, id: &str, n: u64) -> Option<&str> {
        let index = match self.plurals.as_ref()?.category_for(n) {
            PluralCategory::One => 0,
            PluralCategory::Few => 1,
            _ => 2,
        };
        let forms = self.entries.get(id)?;
        forms.get(index).or(forms.last()).map(String::as_str)
    }

    /// Every English text the catalog translates, with its forms.
    pub fn entries(&self) -> &HashMap<String, Vec<String>> {
        &self.entries
    }
}

/// The Ukrainian catalog, read on first use.
pub fn uk() -> &'static Catalog {
    static UK: OnceLock<Catalog> = OnceLock::new();
    UK.get_or_init(|| Catalog::parse(UK_PO))
}
