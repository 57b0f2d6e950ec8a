//! What a template prints for one value: [`Cell`]s, already formatted for
//! the page's language, carrying the language of their text and a flag when
//! it is untranslated or transliterated, or "not reported" when missing.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Deref;

use serde::Serialize;

use crate::charts::ChartStyle;
use crate::figures::{Measure, Share, Standing};
use crate::html::escape_into;
use crate::i18n::{Catalog, TextField};
use crate::locale::Locale;
use crate::passport::{Level, Money, Percent, SOURCE_LANG};
use crate::theme::Ui;
use crate::translit::transliterate;

/// What a page is made for, which decides how its tables' rows reach
/// the template: a web page gets them as markup made by `render/table`
/// (`body`), a print layout as cells (`rows`), which it lays out itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Page,
    Print,
}

/// One printed value.
///
/// Templates get its parts and, as `html`, the markup made from them here
/// once (escaped): printing `{{ c.html | safe }}` is many times faster than
/// a Tera macro per value, and a page holds hundreds of values.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    /// The text's language where it differs from the page's.
    pub lang: Option<String>,
    /// `untranslated` or `transliterated`, shown to the reader.
    pub flag: Option<&'static str>,
    /// The flag as the reader sees it, in the page's language.
    pub flag_label: Option<String>,
    /// A figure: right-aligned with tabular digits.
    pub num: bool,
    /// Not reported in the passport.
    pub missing: bool,
    pub href: Option<String>,
    /// Shown as a badge of this kind (a threat level: `low` … `critical`,
    /// or `none`), its word on its colour.
    pub badge: Option<&'static str>,
    /// The key a table sorts this cell by, where its text would sort
    /// wrongly (levels by gravity, not alphabetically).
    pub sort: Option<u8>,
}

impl Cell {
    /// The cell as HTML: a link if it has one, its language and flag
    /// marked, "not reported" set apart.
    pub fn html(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 32);
        self.write_html(&mut out);
        out
    }

    /// Appends the cell's HTML (as [`Cell::html`] makes it) to `out`.
    pub fn write_html(&self, out: &mut String) {
        let span = |out: &mut String, class: &[&str]| {
            out.push_str("<span class=\"");
            class.iter().for_each(|c| out.push_str(c));
            out.push_str("\">");
            escape_into(out, &self.text);
            out.push_str("</span>");
        };
        if self.missing {
            return span(out, &["missing"]);
        }
        if let Some(badge) = self.badge {
            return span(out, &["level level-", badge]);
        }
        if let Some(href) = &self.href {
            out.push_str("<a href=\"");
            escape_into(out, href);
            out.push_str("\">");
        }
        let label = self.flag_label.as_deref().unwrap_or_default();
        match (&self.lang, self.flag) {
            (Some(lang), flag) => {
                out.push_str("<span lang=\"");
                escape_into(out, lang);
                out.push_str("\" class=\"");
                out.push_str(flag.unwrap_or_default());
                out.push_str("\">");
                escape_into(out, &self.text);
                out.push_str("</span>");
            }
            (None, Some(flag)) => {
                out.push_str("<span class=\"");
                out.push_str(flag);
                out.push_str("\" title=\"");
                escape_into(out, label);
                out.push_str("\">");
                escape_into(out, &self.text);
                out.push_str("</span>");
            }
            (None, None) => escape_into(out, &self.text),
        }
        if self.href.is_some() {
            out.push_str("</a>");
        }
        if let Some(lang) = &self.lang {
            out.push_str("<sup class=\"flag\"><abbr title=\"");
            escape_into(out, label);
            out.push_str("\">");
            escape_into(out, &lang.to_uppercase());
            out.push_str("</abbr></sup>");
        }
        // A published suggestion says so in words, where a reader sees it.
        if self.lang.is_none() && self.flag == Some("unreviewed") {
            out.push_str(" <small class=\"flag\">(");
            escape_into(out, label);
            out.push_str(")</small>");
        }
    }

    /// The attributes of the table cell that holds this one.
    pub fn attrs(&self) -> String {
        let mut attrs = String::new();
        self.write_attrs(&mut attrs);
        attrs
    }

    /// Appends the attributes of the table cell that holds this one to `out`.
    pub fn write_attrs(&self, out: &mut String) {
        if self.num {
            out.push_str(" class=\"num\"");
        }
        if let Some(key) = self.sort {
            out.push_str(" data-sort=\"");
            out.push_str(&key.to_string());
            out.push('"');
        }
    }
}

/// Templates get `text`, `html` and `attrs` (the attributes of the table
/// cell that holds it: ` class="num"` for a figure, ` data-sort="3"` for a
/// sort key; printed as they are, `<td{{ c.attrs | safe }}>`) always;
/// `num` and `missing` only when true; `lang`, `flag`, `flag_label`,
/// `href`, `badge` and `sort` (a string, so that `if c.sort` holds for
/// "0") only when set: a page holds hundreds of cells, and every key is
/// copied into its template context. (A missing key reads as false in a
/// Tera `if`, but Tera finds that out by making an error: testing two
/// keys per cell was a tenth of a page's cost, one always there is not.)
impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let flags = [("num", self.num), ("missing", self.missing)];
        let sort = self.sort.map(|k| k.to_string());
        let optional = [
            ("lang", self.lang.as_deref()),
            ("flag", self.flag),
            ("flag_label", self.flag_label.as_deref()),
            ("href", self.href.as_deref()),
            ("badge", self.badge),
            ("sort", sort.as_deref()),
        ];
        let set = flags.iter().filter(|(_, v)| *v).count()
            + optional.iter().filter(|(_, v)| v.is_some()).count();
        let mut map = s.serialize_map(Some(3 + set))?;
        map.serialize_entry("text", &self.text)?;
        map.serialize_entry("html", &self.html())?;
        map.serialize_entry("attrs", &self.attrs())?;
        for (key, value) in flags {
            if value {
                map.serialize_entry(key, &true)?;
            }
        }
        for (key, value) in optional {
            if let Some(value) = value {
                map.serialize_entry(key, value)?;
            }
        }
        map.end()
    }
}

impl Cell {
    /// Plain text in the page's language.
    pub fn plain(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    /// A formatted figure.
    pub fn figure(text: String) -> Cell {
        Cell {
            text,
            num: true,
            ..Cell::default()
        }
    }

    /// The same cell with `mark` after its text (a footnote's dagger).
    pub fn marked(mut self, mark: &str) -> Cell {
        self.text = format!("{}\u{a0}{mark}", self.text);
        self
    }

    /// The same cell as a link.
    pub fn link(mut self, href: String) -> Cell {
        self.href = Some(href);
        self
    }
}

/// What rendering noticed while it made a page: UI strings the theme
/// lacks and passport texts shown untranslated. It comes back with the
/// page as a value; the build turns what all pages noticed into its
/// errors and warnings.
#[derive(Debug, Default, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Noticed {
    /// Each UI string asked for and not found: (language, key).
    pub missing_ui: BTreeSet<(String, String)>,
    /// Each passport text shown untranslated: (language, field, text).
    pub untranslated: BTreeSet<(String, String, String)>,
    /// Charts whose text has characters the theme's font lacks: (page's
    /// file, chart, the characters).
    pub missing_glyphs: BTreeSet<(String, String, String)>,
}

impl Noticed {
    /// Adds what another page noticed.
    pub fn merge(&mut self, other: Noticed) {
        self.missing_ui.extend(other.missing_ui);
        self.untranslated.extend(other.untranslated);
        self.missing_glyphs.extend(other.missing_glyphs);
    }
}

/// The formatting rules of one language, shared by every page in it:
/// numbers, UI strings, translations of passport text, the chart font.
pub struct Language<'a> {
    pub code: String,
    pub locale: Locale,
    pub ui: &'a Ui,
    /// Translations of passport text; `None` for the passports' own language.
    pub catalog: Option<&'a Catalog>,
    /// How charts look: the font their labels are measured in, the colours.
    pub chart: &'a ChartStyle,
    /// Whether fuzzy entries (a memory's or a machine's suggestions, old
    /// translations) are shown, flagged, instead of the Ukrainian.
    pub publish_fuzzy: bool,
}

/// One page's language: the language's rules, and what the page noticed
/// while it was made (a page is made on one thread, so this is plain
/// interior mutability, not shared state).
pub struct Lang<'a> {
    language: &'a Language<'a>,
    medium: Medium,
    noticed: RefCell<Noticed>,
}

impl<'a> Deref for Lang<'a> {
    type Target = Language<'a>;

    fn deref(&self) -> &Language<'a> {
        self.language
    }
}

impl<'a> Lang<'a> {
    /// A web page in `language`, which has noticed nothing yet.
    pub fn new(language: &'a Language<'a>) -> Lang<'a> {
        Lang {
            language,
            medium: Medium::Page,
            noticed: RefCell::new(Noticed::default()),
        }
    }

    /// A print layout's data in `language`, which has noticed nothing yet.
    pub fn for_print(language: &'a Language<'a>) -> Lang<'a> {
        Lang {
            medium: Medium::Print,
            ..Lang::new(language)
        }
    }

    /// What this page is made for.
    pub fn medium(&self) -> Medium {
        self.medium
    }

    /// Notices a chart (`chart` on the page written to `page`) whose text
    /// has characters the theme's font lacks.
    pub fn missing_glyphs(&self, page: &str, chart: &str, chars: String) {
        self.noticed.borrow_mut().missing_glyphs.insert((
            page.to_string(),
            chart.to_string(),
            chars,
        ));
    }

    /// What the page noticed.
    pub fn noticed(self) -> Noticed {
        self.noticed.into_inner()
    }

    /// The UI string at `key`; a missing one is noticed and shows as `?`.
    pub fn s(&self, key: &str) -> &'a str {
        self.language.ui.get(key).unwrap_or_else(|| {
            self.noticed
                .borrow_mut()
                .missing_ui
                .insert((self.code.clone(), key.to_string()));
            "?"
        })
    }

    /// A UI string.
    pub fn t(&self, key: &str) -> String {
        self.s(key).to_string()
    }

    /// A UI string of another language (the language switch names each
    /// language in its own words); a missing one is noticed here.
    pub fn t_in(&self, other: &Language, key: &str) -> String {
        match other.ui.get(key) {
            Some(s) => s.to_string(),
            None => {
                self.noticed
                    .borrow_mut()
                    .missing_ui
                    .insert((other.code.clone(), key.to_string()));
                "?".into()
            }
        }
    }

    /// `{}` in the string at `key` replaced by `value`.
    pub fn fill(&self, key: &str, value: &str) -> String {
        self.s(key).replace("{}", value)
    }

    /// Each `{}` in the string at `key` replaced by the next of `values`.
    pub fn fill_many(&self, key: &str, values: &[&str]) -> String {
        let mut out = String::new();
        let mut values = values.iter();
        let mut parts = self.s(key).split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some() {
                out.push_str(values.next().copied().unwrap_or(""));
            }
        }
        out
    }

    /// A count with its noun in the right plural form: `4 громади`.
    pub fn count(&self, key: &str, n: u64) -> String {
        self.plural_form(key, self.locale.plural(n), n)
    }

    /// A place in the language's ordinal form: `3rd` (`plural.ordinal`).
    pub fn ordinal(&self, n: u64) -> String {
        self.plural_form("ordinal", self.locale.ordinal(n), n)
    }

    fn plural_form(&self, key: &str, category: &str, n: u64) -> String {
        let forms = format!("plural.{key}");
        let pattern = self
            .ui
            .get(&format!("{forms}.{category}"))
            .unwrap_or_else(|| self.s(&format!("{forms}.other")));
        pattern.replace("{}", &self.locale.int(n))
    }

    /// Whether this is the language passports are written in.
    pub fn is_source(&self) -> bool {
        self.code == SOURCE_LANG
    }

    /// "Not reported".
    pub fn missing(&self) -> Cell {
        Cell {
            text: self.t("not_reported"),
            missing: true,
            ..Cell::default()
        }
    }

    pub(super) fn or_missing<T>(&self, value: Option<T>, format: impl FnOnce(T) -> String) -> Cell {
        // A missing figure keeps a figure's alignment.
        value.map_or_else(
            || Cell {
                num: true,
                ..self.missing()
            },
            |v| Cell::figure(format(v)),
        )
    }

    /// A count.
    pub fn int(&self, value: Option<u64>) -> Cell {
        self.or_missing(value, |v| self.locale.int(v))
    }

    /// An amount of money.
    pub fn money(&self, value: Option<Money>) -> Cell {
        self.or_missing(value, |v| self.locale.money(v))
    }

    /// A derived share.
    pub fn share(&self, value: Option<Share>) -> Cell {
        self.or_missing(value, |v| self.locale.share(v))
    }

    /// A decimal figure such as an area or a distance.
    pub fn decimal(&self, value: Option<f64>) -> Cell {
        self.or_missing(value, |v| self.locale.decimal(v))
    }

    /// A percentage as the survey gives it.
    pub fn percent(&self, value: Option<Percent>) -> Cell {
        self.or_missing(value, |v| self.locale.percent(v.value()))
    }

    /// An indicator's value.
    pub fn measure(&self, value: Option<Measure>) -> Cell {
        match value {
            Some(Measure::Flag(b)) => self.yes_no(Some(b)),
            _ => self.or_missing(value, |m| self.measured(m, m.number())),
        }
    }

    /// `number` (in the unit of `like`) written as `like` is: a threshold
    /// beside the value it is compared with.
    pub fn measured(&self, like: Measure, number: f64) -> String {
        let l = &self.locale;
        match like {
            Measure::Percent(s) if s.tenths() as f64 / 10.0 == number => l.share(s),
            Measure::Percent(_) => l.percent(number),
            Measure::Money(_) => l.money(Money {
                kopecks: (number * 100.0).round() as u64,
            }),
            Measure::Count(n) if n as f64 == number => l.int(n),
            Measure::Flag(_) => self.t(if number >= 0.5 { "yes" } else { "no" }),
            Measure::PerThousand(s) if s.per_thousand_tenths() as f64 / 10.0 == number => {
                l.fixed(s.per_thousand_tenths(), 1)
            }
            Measure::PerThousand(_) | Measure::Decimal(_) | Measure::Count(_) => l.decimal(number),
        }
    }

    /// A place in a ranking: `3rd of 4` / `3 з 4`.
    pub fn standing(&self, s: Option<Standing>) -> Cell {
        self.or_missing(s, |s| {
            self.fill_many(
                "compare.place",
                &[&self.ordinal(s.rank as u64), &self.locale.int(s.of as u64)],
            )
        })
    }

    /// A threat level as a badge, sorting by gravity (critical first when
    /// a table is sorted from the highest; not assessed has no key, so it
    /// comes last either way).
    pub fn level(&self, level: Option<Level>) -> Cell {
        match level {
            Some(l) => Cell {
                badge: Some(l.as_str()),
                sort: Some(l as u8),
                ..self.keyword("level", l.as_str())
            },
            None => Cell {
                badge: Some("none"),
                ..Cell::plain(self.t("threats.not_assessed"))
            },
        }
    }

    /// Yes or no.
    pub fn yes_no(&self, value: Option<bool>) -> Cell {
        match value {
            Some(true) => Cell::plain(self.t("yes")),
            Some(false) => Cell::plain(self.t("no")),
            None => self.missing(),
        }
    }

    /// A keyword's label, such as `kind.city`.
    pub fn keyword(&self, group: &str, key: &str) -> Cell {
        Cell::plain(self.t(&format!("{group}.{key}")))
    }

    /// Free text from a passport at field `context` (e.g. `risks.title`):
    /// translated from the language's PO file, or left in Ukrainian, marked
    /// and counted, until it is.
    pub fn text(&self, context: TextField, value: Option<&str>) -> Cell {
        match value {
            Some(text) if !text.trim().is_empty() => match self.translation(context, text) {
                Some(translated) => Cell::plain(translated),
                None => {
                    if !self.is_source() {
                        self.noticed.borrow_mut().untranslated.insert((
                            self.code.clone(),
                            context.as_str().to_string(),
                            text.to_string(),
                        ));
                    }
                    // A site that publishes fuzzy entries shows them,
                    // flagged as unreviewed, in the page's language.
                    if self.publish_fuzzy
                        && let Some(unreviewed) = self
                            .catalog
                            .and_then(|c| c.unreviewed(context.as_str(), text))
                    {
                        return Cell {
                            flag: Some("unreviewed"),
                            flag_label: Some(self.t("unreviewed")),
                            ..Cell::plain(unreviewed)
                        };
                    }
                    // A fuzzy entry translated once whose Ukrainian has
                    // changed since: the Ukrainian is shown (the old English
                    // may no longer say the same), flagged so.
                    let stale = self
                        .catalog
                        .is_some_and(|c| c.is_outdated(context.as_str(), text));
                    self.foreign(text, if stale { "outdated" } else { "untranslated" })
                }
            },
            _ => self.missing(),
        }
    }

    /// A proper name at field `context`: translated where the PO file has
    /// it, else transliterated (KMU No. 55) and marked so.
    pub fn name(&self, context: TextField, name: &str) -> Cell {
        match self.translation(context, name) {
            Some(translated) => Cell::plain(translated),
            None => Cell {
                flag: Some("transliterated"),
                flag_label: Some(self.t("transliterated")),
                ..Cell::plain(transliterate(name))
            },
        }
    }

    /// The text itself on the source language's pages, else its
    /// translation, if the PO file has one.
    pub fn translation<'t>(&'t self, context: TextField, text: &'t str) -> Option<&'t str> {
        match self.catalog {
            None => Some(text),
            Some(catalog) => catalog.translate(context.as_str(), text),
        }
    }

    fn foreign(&self, text: &str, flag: &'static str) -> Cell {
        if self.is_source() {
            Cell::plain(text)
        } else {
            Cell {
                lang: Some(SOURCE_LANG.into()),
                flag: Some(flag),
                flag_label: Some(self.t(flag)),
                ..Cell::plain(text)
            }
        }
    }
}
