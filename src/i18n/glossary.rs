//! The glossary of a language: `content/i18n/glossary.<lang>.toml`, each
//! Ukrainian term with the one translation the site uses for it, so that
//! "староста" is "starosta" on every page. `i18n update` lists the terms
//! of an entry in its `#.` comment; `i18n status` warns where a
//! translation leaves a term's translation out (I004).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic, line_col};
use crate::messages::{self, Message};

/// How `i18n update` begins each glossary line of an entry's comment.
pub const GLOSSARY_NOTE: &str = "glossary: ";

/// One term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The Ukrainian term, or its stem to match every form (`старост`
    /// matches старосту and старостинському). Never empty, which would
    /// match every text.
    #[serde(deserialize_with = "not_blank")]
    pub term: String,
    pub translation: String,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<Term>,
}

/// A term that holds more than white space.
fn not_blank<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let term = String::deserialize(d)?;
    match term.trim().is_empty() {
        true => Err(serde::de::Error::custom(
            "the term is empty: it would be found in every text",
        )),
        false => Ok(term),
    }
}

/// The terms of a language, from its file if there is one.
#[derive(Debug, Default)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Reads `content/i18n/glossary.<lang>.toml` under `site`; a broken
    /// file is an error at its line.
    pub fn load(site: &Path, lang: &str) -> Result<Glossary, Diagnostic> {
        let file = PathBuf::from(format!("content/i18n/glossary.{lang}.toml"));
        let text = match std::fs::read_to_string(site.join(&file)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Glossary::default());
            }
            Err(e) => {
                return Err(Diagnostic::error(
                    &file,
                    (1, 1),
                    Code::Glossary,
                    tr!(
                        "the glossary cannot be read: {why}",
                        why = messages::io_error(&e)
                    ),
                ));
            }
        };
        let parsed: File = toml::from_str(&text).map_err(|e| {
            Diagnostic::error(
                &file,
                line_col(&text, e.span().map_or(0, |s| s.start)),
                Code::Glossary,
                Message::verbatim(e.message().trim()),
            )
            .hint(tr!(
                "each term is a [[term]] table with `term`, `translation` and, if need be, `note`"
            ))
        })?;
        Ok(Glossary { terms: parsed.term })
    }

    /// The terms a Ukrainian text holds (case aside).
    pub fn terms_in<'g>(&'g self, text: &str) -> impl Iterator<Item = &'g Term> {
        let lower = text.to_lowercase();
        self.terms
            .iter()
            .filter(move |t| lower.contains(&t.term.to_lowercase()))
    }

    /// The terms of `text` whose translation `translated` leaves out.
    pub fn missed<'g>(&'g self, text: &str, translated: &str) -> Vec<&'g Term> {
        let lower = translated.to_lowercase();
        self.terms_in(text)
            .filter(|t| !lower.contains(&t.translation.to_lowercase()))
            .collect()
    }

    /// The `#.` lines that list the terms of `text`.
    pub fn note(&self, text: &str) -> Vec<String> {
        self.terms_in(text)
            .map(|t| {
                let note = t
                    .note
                    .as_deref()
                    .map_or(String::new(), |n| format!(" ({n})"));
                format!("{GLOSSARY_NOTE}{} = {}{note}", t.term, t.translation)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_matches_every_form_and_a_missing_translation_is_found() {
        let g = Glossary {
            terms: vec![Term {
                term: "старост".into(),
                translation: "starosta".into(),
                note: Some("never headman".into()),
            }],
        };
        assert_eq!(
            g.note("У Лісовому старостинському окрузі"),
            ["glossary: старост = starosta (never headman)"]
        );
        assert!(
            g.missed("Старости сіл", "Starostas of the villages")
                .is_empty()
        );
        assert_eq!(g.missed("Старости сіл", "Village headmen").len(), 1);
        assert!(g.missed("Дороги", "Roads").is_empty());
    }

    #[test]
    fn an_empty_term_is_an_error_at_its_line() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/i18n");
        std::fs::create_dir_all(&dir).unwrap();
        let text = "[[term]]\nterm = \"староста\"\ntranslation = \"starosta\"\n\n[[term]]\nterm = \" \"\ntranslation = \"x\"\n";
        std::fs::write(dir.join("glossary.en.toml"), text).unwrap();
        let d = Glossary::load(site.path(), "en").unwrap_err();
        assert_eq!((d.code, d.line), (Code::Glossary, 6), "{d}");
        assert!(d.message.contains("the term is empty"), "{d}");
    }
}
