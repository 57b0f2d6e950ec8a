//! What the tool says to a person, in Ukrainian or English: every
//! diagnostic, hint, summary line and help text is a [`Message`], made with
//! [`tr!`] or [`trn!`] from its English text and rendered in the language
//! chosen once at start (`--messages`, else `LC_ALL`, `LC_MESSAGES`,
//! `LANG`). English is the source; Ukrainian comes from `messages/uk.po`
//! (gettext, as the site's own translations), which a test keeps complete.

use std::fmt;
use std::sync::OnceLock;

/// A language the tool speaks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Uk,
}

impl Lang {
    /// The language `--messages` names (`uk` or `en`), if it is one.
    pub fn named(name: &str) -> Option<Lang> {
        match name {
            "uk" => Some(Lang::Uk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for, as gettext decides: the
    /// first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not
    /// empty; Ukrainian for `uk` or `uk_UA.UTF-8`, English otherwise.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        let setting = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty());
        match setting {
            Some(v) if v == "uk" || v.starts_with("uk_") || v.starts_with("uk.") => Lang::Uk,
            _ => Lang::En,
        }
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Sets the language of everything printed from now on; the first choice
/// stands (it is made once, at start).
pub fn choose(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language chosen at start; English until one is.
pub fn chosen() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// A value put into a message: text as it is, or another message rendered
/// in the same language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    Message(Box<Message>),
    /// A number with a fraction, written as English writes it (`0.43`).
    Decimal(String),
    /// A passport field's path, shown as `path`; a form names it by its
    /// row's label instead ([`Message::relabelled`]).
    Field(String),
}

/// What a value becomes in a message: anything printable is text; a
/// message is translated with the one around it.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl<T: fmt::Display + ?Sized> IntoArg for &T {
    fn into_arg(self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl IntoArg for &Message {
    fn into_arg(self) -> Arg {
        Arg::Message(Box::new(self.clone()))
    }
}

/// A number with a fraction (seconds, megabytes) for a message: a point
/// in English, a comma in Ukrainian (`0,43 с`).
#[derive(Debug, Clone, Copy)]
pub struct Decimal {
    value: f64,
    places: usize,
}

/// `value` rounded to `places` decimal places, for a message.
pub fn decimal(value: f64, places: usize) -> Decimal {
    Decimal { value, places }
}

/// A figure as a passport or a form gives it, for a message: with every
/// decimal place it has (`12.5`; `12,5` in Ukrainian, as the cell shows
/// it).
pub fn number(value: f64) -> Decimal {
    let places = value
        .to_string()
        .split_once('.')
        .map_or(0, |(_, d)| d.len());
    Decimal { value, places }
}

impl IntoArg for &Decimal {
    fn into_arg(self) -> Arg {
        Arg::Decimal(match self.value.abs() < 1e9 {
            true => format!("{:.*}", self.places, self.value),
            // Past a billion, in exponent form: no message grows a
            // hundred digits.
            false => format!("{:e}", self.value),
        })
    }
}

/// A passport field's path for a message (`population.idps`).
pub struct FieldPath(String);

/// The field at `path`, for a message.
pub fn field(path: impl fmt::Display) -> FieldPath {
    FieldPath(path.to_string())
}

impl IntoArg for &FieldPath {
    fn into_arg(self) -> Arg {
        Arg::Field(self.0.clone())
    }
}

impl IntoArg for &&Message {
    fn into_arg(self) -> Arg {
        Arg::Message(Box::new((*self).clone()))
    }
}

/// One thing the tool says, kept as its English text and values until it
/// is printed, so that it can be printed in either language.
/// (Boxed: a diagnostic carries two, and every stage passes them along.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message(Box<Said>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Said {
    /// The English text with `{name}` placeholders: the catalog's key.
    id: &'static str,
    /// The English plural form and the count that picks the form.
    plural: Option<(&'static str, u64)>,
    args: Vec<(&'static str, Arg)>,
    /// Text from elsewhere (a library's error), shown as it is unless the
    /// catalog translates it word for word.
    verbatim: Option<String>,
}

impl Message {
    /// A message from its English text and values (use [`tr!`]).
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Message {
        Message(Box::new(Said {
            id,
            plural: None,
            args,
            verbatim: None,
        }))
    }

    /// A message with a singular and plural form picked by `count` (use
    /// [`trn!`]).
    pub fn plural(
        id: &'static str,
        other: &'static str,
        count: u64,
        args: Vec<(&'static str, Arg)>,
    ) -> Message {
        Message(Box::new(Said {
            id,
            plural: Some((other, count)),
            args,
            verbatim: None,
        }))
    }

    /// Text that comes from elsewhere (a library's or the system's words),
    /// translated only where the catalog has it word for word.
    pub fn verbatim(text: impl Into<String>) -> Message {
        Message(Box::new(Said {
            id: "",
            plural: None,
            args: Vec::new(),
            verbatim: Some(text.into()),
        }))
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        if let Some(text) = &self.0.verbatim {
            // A library's words the catalog lacks are quoted as they are.
            if lang == Lang::En || text.is_empty() {
                return text.clone();
            }
            return match catalog::uk().singular(text) {
                Some(ours) => ours.to_string(),
                None => format!("«{text}»"),
            };
        }
        let template = match (lang, self.0.plural) {
            (Lang::En, None) => self.0.id,
            (Lang::En, Some((other, n))) => match n {
                1 => self.0.id,
                _ => other,
            },
            (Lang::Uk, None) => catalog::uk().singular(self.0.id).unwrap_or(self.0.id),
            (Lang::Uk, Some((other, n))) => catalog::uk()
                .plural(self.0.id, n)
                .unwrap_or(if n == 1 { self.0.id } else { other }),
        };
        fill(template, |name| {
            self.0
                .args
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, arg)| match arg {
                    Arg::Text(t) => t.clone(),
                    Arg::Message(m) => m.render(lang),
                    Arg::Decimal(d) if lang == Lang::Uk => d.replace('.', ","),
                    Arg::Decimal(d) => d.clone(),
                    Arg::Field(path) => format!("`{path}`"),
                })
        })
    }

    /// The message with each field that `name` names (as a form shows
    /// it: «its row's label») said so, at any depth; the others stay
    /// `path`.
    pub fn relabelled(&self, name: &dyn Fn(&str) -> Option<Message>) -> Message {
        let mut said = (*self.0).clone();
        for (_, arg) in &mut said.args {
            match arg {
                Arg::Field(path) => {
                    if let Some(name) = name(path) {
                        *arg = Arg::Message(Box::new(name));
                    }
                }
                Arg::Message(m) => **m = m.relabelled(name),
                Arg::Text(_) | Arg::Decimal(_) => {}
            }
        }
        Message(Box::new(said))
    }

    /// The message with each part that is `part` (a message put into it
    /// as a value, at any depth) said as `with` instead: a form's hint
    /// says "cell" where a passport's says "field".
    pub fn replacing(&self, part: &Message, with: &Message) -> Message {
        if self == part {
            return with.clone();
        }
        let mut said = (*self.0).clone();
        for (_, arg) in &mut said.args {
            if let Arg::Message(m) = arg {
                **m = m.replacing(part, with);
            }
        }
        Message(Box::new(said))
    }

    /// The message in English, as JSON output and logs give it.
    pub fn english(&self) -> String {
        self.render(Lang::En)
    }
}

/// Tests compare messages by their English text.
#[cfg(test)]
impl Message {
    pub fn contains(&self, part: &str) -> bool {
        self.english().contains(part)
    }

    pub fn ends_with(&self, part: &str) -> bool {
        self.english().ends_with(part)
    }
}

#[cfg(test)]
impl PartialEq<&str> for Message {
    fn eq(&self, other: &&str) -> bool {
        self.english() == *other
    }
}

impl Default for Message {
    /// Nothing said.
    fn default() -> Message {
        Message::verbatim("")
    }
}

impl Message {
    /// The message in the language chosen at start, to print. (`Message`
    /// is not `Display`, so that one put into another is never made text
    /// in one language before it is printed in either.)
    pub fn text(&self) -> String {
        self.render(chosen())
    }
}

impl serde::Serialize for Message {
    /// Always English: machine output is the same in every language.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.english())
    }
}

/// `template` with each `{name}` replaced by its value (`{{` and `}}` stand
/// for braces); a name without a value stays as written.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        match (tail.starts_with('{'), tail.find('}')) {
            (true, Some(end)) => {
                let name = &tail[1..end];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&tail[..=end]),
                }
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a template, sorted, each once.
#[cfg(test)]
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template.replace("{{", "").replace("}}", "");
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        names.push(rest[start + 1..start + len].to_string());
        rest = rest[start + len + 1..].to_string();
    }
    names.sort();
    names.dedup();
    names
}

/// A message from its English text, with `{name}` placeholders, and the
/// values: `tr!("unknown key `{key}`", key)` or `tr!("…{n}…", n = list.len())`.
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::messages::Message::new(
            $id,
            vec![$((stringify!($name), $crate::messages::IntoArg::into_arg(&$crate::tr!(@value $name $(= $value)?))),)*],
        )
    };
    (@value $name:ident = $value:expr) => { $value };
    (@value $name:ident) => { $name };
}

/// A message with a singular and a plural English form, the first value
/// being the count: `trn!("{n} error", "{n} errors", n = errors.len())`.
/// Ukrainian picks one of its three CLDR forms by the count.
#[macro_export]
macro_rules! trn {
    ($one:literal, $other:literal, $count:ident $(= $count_value:expr)? $(, $name:ident $(= $value:expr)?)* $(,)?) => {{
        let count = $crate::tr!(@value $count $(= $count_value)?);
        $crate::messages::Message::plural(
            $one,
            $other,
            count as u64,
            vec![
                (stringify!($count), $crate::messages::IntoArg::into_arg(&count)),
                $((stringify!($name), $crate::messages::IntoArg::into_arg(&$crate::tr!(@value $name $(= $value)?))),)*
            ],
        )
    }};
}

/// The candidate closest to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A message from serde's words (TOML and JSON readers say them): the
/// common ones as ours, so that they are translated; others as they are.
pub fn from_serde(said: &str) -> Message {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
    if let Some(rest) = said.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default().to_string();
        return match rest.split_once("expected one of ") {
            Some((_, allowed)) => {
                let allowed = allowed.replace('`', "");
                match did_you_mean(&key, allowed.split(", ")) {
                    Some(near) => tr!(
                        "unknown key `{field}`; did you mean `{near}`? the keys allowed here are: {allowed}",
                        field = key,
                        near,
                        allowed
                    ),
                    None => tr!(
                        "unknown key `{key}`; the keys allowed here are: {allowed}",
                        key,
                        allowed
                    ),
                }
            }
            None => tr!("unknown key `{key}`", key),
        };
    }
    if said.starts_with("missing field `") {
        return tr!("missing required field `{field}`", field = quoted(said));
    }
    if said.starts_with("duplicate field `") || said.starts_with("duplicate key `") {
        return tr!("the key `{key}` is given twice", key = quoted(said));
    }
    if let Some(rest) = said.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default().to_string();
        let allowed = rest
            .split_once("expected one of ")
            .or_else(|| rest.split_once("expected "))
            .map_or(String::new(), |(_, a)| a.replace('`', ""));
        return tr!(
            "unknown value `{value}`; expected one of: {allowed}",
            value,
            allowed
        );
    }
    if let Some((found, expected)) = said
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return tr!(
            "a value of the wrong type: expected {expected}, found {found}",
            expected = Message::verbatim(expected),
            found = Message::verbatim(found)
        );
    }
    Message::verbatim(said)
}

/// What an operating-system error means, in the chosen language: the
/// system's own text is English whatever the language.
pub fn io_error(e: &std::io::Error) -> Message {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => tr!("no such file or folder"),
        K::PermissionDenied => tr!("permission denied"),
        K::AlreadyExists => tr!("it exists already"),
        K::StorageFull => tr!("no space left on the disk"),
        K::ReadOnlyFilesystem => tr!("the disk is read-only"),
        K::NotADirectory => tr!("a part of the path is not a folder"),
        K::IsADirectory => tr!("it is a folder"),
        K::DirectoryNotEmpty => tr!("the folder is not empty"),
        K::InvalidData => tr!("the data is not valid"),
        K::FileTooLarge => tr!("the file is larger than the system allows here"),
        K::QuotaExceeded => tr!("the disk quota is used up"),
        K::AddrInUse => tr!("the address is in use"),
        K::AddrNotAvailable => tr!("the address is not available on this computer"),
        _ => match e.raw_os_error() {
            Some(code) => tr!("system error {code}", code),
            None => Message::verbatim(e.to_string()),
        },
    }
}

/// Every English text the Ukrainian catalog translates: a library's
/// sentence is taken apart into them (Tera's names for what its parser
/// wanted).
pub fn catalogued() -> impl Iterator<Item = &'static str> {
    catalog::uk().entries().keys().map(String::as_str)
}

// After the macros, which they use.
mod catalog;
pub mod cli;
pub mod explain;

#[cfg(test)]
mod tests;
