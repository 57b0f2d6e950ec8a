//! Which passport texts are translated, and where each stands: the fields
//! (as msgctxt names them) and the texts found there in a site's passports,
//! with file and line for the PO file's `#:` references.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::passport::from_syntax;
use crate::source::{files, read_text};
use crate::yaml::{self, Node, Pos, Value};

/// Defines [`TextField`]: each field whose text is translated, with its
/// path without list positions (as msgctxt names it).
macro_rules! text_fields {
    ($($name:ident = $path:literal,)*) => {
        /// A field whose text is translated. Views name the field they
        /// translate by this type and extraction walks the same list, so
        /// a text shown translated is always one `i18n update` extracts.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TextField { $($name,)* }

        impl TextField {
            /// Every field, in the format's order.
            pub const ALL: &'static [TextField] = &[$(TextField::$name,)*];

            /// The field's path, as msgctxt names it.
            pub fn as_str(self) -> &'static str {
                match self { $(TextField::$name => $path,)* }
            }
        }
    };
}

text_fields! {
    Name = "name",
    Raion = "raion",
    Center = "center",
    SettlementName = "settlements.name",
    Source = "sources",
    SectionSource = "sources.source",
    DestructionNote = "economy.destruction_note",
    PublicTransport = "access.public_transport",
    Roads = "access.roads",
    SocialProtectionUnit = "governance.social_protection_unit",
    ProviderName = "social_services.providers.name",
    ServiceName = "social_services.services.name",
    RiskTitle = "risks.title",
    RiskNote = "risks.note",
    Direction = "plan.directions.title",
    Goal = "plan.directions.goals.title",
    Measure = "plan.directions.goals.measures.title",
}

/// A translatable text of a passport.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Text {
    pub msgid: String,
    pub context: &'static str,
    /// The passport's id.
    pub passport: String,
    pub file: PathBuf,
    pub line: usize,
}

/// Every translatable text of every passport of the site, today's and
/// those of closed editions (whose pages stay published, translated),
/// sorted; YAML that can't be parsed is reported instead.
pub fn collect(site: &Path) -> (Vec<Text>, Vec<Diagnostic>) {
    let mut texts = Vec::new();
    let (mut sources, mut diagnostics) = files(site, "content/passports", &[".yaml", ".yml"]);
    let (closed, skipped) = files(site, crate::passport::EDITIONS_FOLDER, &[".yaml", ".yml"]);
    sources.extend(closed);
    diagnostics.extend(skipped);
    for source in sources {
        let passport = source
            .rel
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match read_text(&source) {
            Ok(text) => match yaml::parse(&text) {
                Ok((tree, _)) => walk(&tree, "", &mut |context, msgid, pos| {
                    // The passport's own check reports it; a PO file never holds it.
                    if let Some(c) = yaml::control_character(msgid) {
                        diagnostics.push(
                            Diagnostic::error(
                                &source.rel,
                                (pos.line, pos.col),
                                Code::ControlCharacter,
                                tr!("`{context}`: the text holds a control character (U+{code}), which a PO file cannot carry", context, code = format!("{:04X}", c as u32)),
                            )
                            .hint(yaml::control_hint()),
                        );
                        return;
                    }
                    texts.push(Text {
                        msgid: msgid.to_string(),
                        context,
                        passport: passport.clone(),
                        file: source.rel.clone(),
                        line: pos.line,
                    });
                }),
                Err(p) => diagnostics.push(from_syntax(&source.rel, Code::YamlSyntax, p)),
            },
            Err(d) => diagnostics.push(d),
        }
    }
    texts.sort();
    (texts, diagnostics)
}

fn walk(node: &Node, path: &str, found: &mut impl FnMut(&'static str, &str, Pos)) {
    match &node.value {
        Value::Map(entries) => {
            for (key, value) in entries {
                let key = key.as_str().unwrap_or_default();
                let child = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                walk(value, &child, found);
            }
        }
        Value::Seq(items) => items.iter().for_each(|item| walk(item, path, found)),
        Value::Scalar { text, .. } => {
            if let Some(field) = TextField::ALL
                .iter()
                .map(|f| f.as_str())
                .find(|f| *f == path)
                && !text.trim().is_empty()
            {
                found(field, text, node.pos);
            }
        }
        Value::Null => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_texts_in_nested_lists_with_their_lines() {
        let (tree, _) = yaml::parse("name: Громада\npopulation: { residents: 5 }\nrisks:\n  - title: Ризик\n    area: security\nplan:\n  directions:\n    - title: Напрям\n      goals:\n        - title: Ціль\n          measures:\n            - { title: Захід, year: 2024 }\n").unwrap();
        let mut found = Vec::new();
        walk(&tree, "", &mut |context, msgid, pos| {
            found.push((context, msgid.to_string(), pos.line))
        });
        assert_eq!(
            found,
            vec![
                ("name", "Громада".to_string(), 1),
                ("risks.title", "Ризик".to_string(), 4),
                ("plan.directions.title", "Напрям".to_string(), 8),
                ("plan.directions.goals.title", "Ціль".to_string(), 10),
                (
                    "plan.directions.goals.measures.title",
                    "Захід".to_string(),
                    12
                ),
            ]
        );
    }
}
