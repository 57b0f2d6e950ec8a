//! Reads typed values out of a [`Node`] tree with serde, collecting every
//! problem instead of stopping at the first.
//!
//! The types' own `Deserialize` derive is the schema: `deserialize_struct`
//! receives the allowed keys (unknown ones are reported with a "did you
//! mean"), `deserialize_enum` the allowed values, and absent fields are fed
//! to the type as "missing", which an `Option` accepts and anything else
//! reports. After a problem the reader hands the type a placeholder and goes
//! on, so all of a file's problems come out in one run; the value itself is
//! only returned when there were none.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

use super::tree::{Node, Pos, Value};
use crate::diagnostic::{Code, did_you_mean};
use crate::messages::{Message, field};

/// A problem with a value, located by position and by field path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub pos: Pos,
    pub path: String,
    pub code: Code,
    pub message: Message,
    pub hint: Option<Message>,
}

/// The first control character in `text` other than a line break or a
/// tab: a NUL or a bell copied in from another program, which pages, PDFs
/// and PO files must not carry.
pub fn control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

/// The hint for a control character in a text.
pub fn control_hint() -> Message {
    tr!(
        "delete it (retype the text around it); it often comes along when text is copied from another program"
    )
}

/// Why a scalar's text is not a valid value of its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub message: Message,
    pub hint: Option<Message>,
    /// The text is not of the field's kind at all (S002, not S005).
    pub wrong_type: bool,
}

impl Invalid {
    /// A value that breaks its field's rule, with no hint.
    pub fn new(message: Message) -> Invalid {
        Invalid {
            message,
            hint: None,
            wrong_type: false,
        }
    }

    /// A text that is not of the field's kind at all.
    pub fn wrong_type(message: Message) -> Invalid {
        Invalid {
            wrong_type: true,
            ..Invalid::new(message)
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Message) -> Invalid {
        self.hint = Some(hint);
        self
    }
}

/// A scalar type with rules of its own (a date, an amount of money, an
/// oblast). It deserializes through [`deserialize_checked`], so the reader
/// can check its text first and recover with the placeholder.
pub trait CheckedScalar: Sized {
    /// The name the type is known by to the reader; unique per type.
    const NAME: &'static str;
    /// A valid text used in place of an invalid one, to go on reading.
    const PLACEHOLDER: &'static str;
    /// Parses the scalar's text.
    fn parse(text: &str) -> Result<Self, Invalid>;
}

/// How the reader checks one [`CheckedScalar`] type.
#[derive(Clone, Copy)]
pub struct ScalarRule {
    name: &'static str,
    placeholder: &'static str,
    check: fn(&str) -> Result<(), Invalid>,
}

impl ScalarRule {
    /// The rule of type `T`.
    pub fn of<T: CheckedScalar>() -> ScalarRule {
        ScalarRule {
            name: T::NAME,
            placeholder: T::PLACEHOLDER,
            check: |text| T::parse(text).map(drop),
        }
    }
}

/// The `Deserialize` body of a [`CheckedScalar`] type.
pub fn deserialize_checked<'de, T: CheckedScalar, D: de::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct Checked<T>(std::marker::PhantomData<T>);
    impl<'de, T: CheckedScalar> Visitor<'de> for Checked<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(T::NAME)
        }
        fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            let text = String::deserialize(d)?;
            T::parse(&text).map_err(|e| de::Error::custom(e.message.english()))
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            T::parse(text).map_err(|e| E::custom(e.message.english()))
        }
    }
    use serde::Deserialize;
    deserializer.deserialize_newtype_struct(T::NAME, Checked(std::marker::PhantomData))
}

/// Reads a `T` from `root`. `Ok` only when the tree had no problem at all.
pub fn read<T: DeserializeOwned>(root: &Node, rules: &[ScalarRule]) -> Result<T, Vec<Problem>> {
    let reader = Reader {
        rules,
        problems: RefCell::new(Vec::new()),
    };
    let path = Path::ROOT;
    let result = T::deserialize(De {
        reader: &reader,
        slot: Slot::Present(root),
        path: &path,
    });
    let mut problems = reader.problems.into_inner();
    match result {
        Ok(value) if problems.is_empty() => Ok(value),
        Ok(_) => Err(problems),
        Err(e) => {
            if !e.placed {
                problems.push(Problem {
                    pos: root.pos,
                    path: String::new(),
                    code: Code::WrongType,
                    message: e.message,
                    hint: None,
                });
            }
            Err(problems)
        }
    }
}

struct Reader<'r> {
    rules: &'r [ScalarRule],
    problems: RefCell<Vec<Problem>>,
}

/// Where a value sits, as a chain up to the root; made into text only when a
/// problem needs it.
#[derive(Clone, Copy)]
struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    segment: Segment<'p>,
}

#[derive(Clone, Copy)]
enum Segment<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Path<'p> {
    const ROOT: Path<'static> = Path {
        parent: None,
        segment: Segment::Root,
    };

    fn child(&'p self, segment: Segment<'p>) -> Path<'p> {
        Path {
            parent: Some(self),
            segment,
        }
    }

    fn last_key(&self) -> &str {
        match self.segment {
            Segment::Key(k) => k,
            _ => self.parent.map_or("", |p| p.last_key()),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.segment {
            Segment::Root => Ok(()),
            Segment::Key(k)
                if self
                    .parent
                    .is_some_and(|p| !matches!(p.segment, Segment::Root)) =>
            {
                write!(f, ".{k}")
            }
            Segment::Key(k) => f.write_str(k),
            Segment::Index(i) => write!(f, "[{i}]"),
        }
    }
}

/// The error type the reader gives serde. `placed` means it is already in
/// the reader's list.
#[derive(Debug)]
pub struct Error {
    message: Message,
    placed: bool,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message.english())
    }
}

impl std::error::Error for Error {}

impl Error {
    fn of(message: Message) -> Error {
        Error {
            message,
            placed: false,
        }
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::of(Message::verbatim(msg.to_string()))
    }

    /// An unknown key met by a type that reads its map itself (a passport
    /// source given as a map): named, with the nearest allowed key.
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let allowed = expected.join(", ");
        Error::of(match did_you_mean(field, expected.iter().copied()) {
            Some(near) => tr!(
                "unknown key `{field}`; did you mean `{near}`? the keys allowed here are: {allowed}",
                field,
                near,
                allowed
            ),
            None => tr!(
                "unknown key `{field}`; the keys allowed here are: {allowed}",
                field,
                allowed
            ),
        })
    }
}

#[derive(Clone, Copy)]
enum Slot<'n> {
    Present(&'n Node),
    /// A field the file leaves out; `report` is false under a section that
    /// is itself missing, so only the section is reported.
    Missing {
        at: Pos,
        report: bool,
    },
}

struct De<'a> {
    reader: &'a Reader<'a>,
    slot: Slot<'a>,
    path: &'a Path<'a>,
}

impl<'a> De<'a> {
    fn pos(&self) -> Pos {
        match self.slot {
            Slot::Present(node) => node.pos,
            Slot::Missing { at, .. } => at,
        }
    }

    fn report(&self, code: Code, message: Message, hint: Option<Message>) {
        self.reader.problems.borrow_mut().push(Problem {
            pos: self.pos(),
            path: self.path.to_string(),
            code,
            message,
            hint,
        });
    }

    /// Records an error a type's visitor raised here, once.
    fn place<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
        result.map_err(|e| {
            if !e.placed {
                self.report(Code::InvalidValue, self.at_path(e.message.clone()), None);
            }
            Error { placed: true, ..e }
        })
    }

    /// `message` after the field's path: "`population.idps`: …".
    fn at_path(&self, message: Message) -> Message {
        let path = field(self.path);
        tr!("{path}: {message}", path, message)
    }

    fn report_missing(&self) {
        if let Slot::Missing { report: true, .. } = self.slot {
            let field = self.path.last_key();
            let message = match self
                .path
                .parent
                .map(|p| p.to_string())
                .filter(|p| !p.is_empty())
            {
                Some(parent) => tr!(
                    "missing required field `{field}` in `{parent}`",
                    field,
                    parent
                ),
                None => tr!("missing required field `{field}`", field),
            };
            self.report(
                Code::MissingField,
                message,
                Some(tr!("add `{field}:` with its value", field)),
            );
        }
    }

    /// The scalar text here, or `None` after reporting why there is none.
    fn text(&self, expected: Message) -> Option<(&'a str, bool)> {
        let node = match self.slot {
            Slot::Present(node) => node,
            Slot::Missing { .. } => {
                self.report_missing();
                return None;
            }
        };
        let found = match &node.value {
            Value::Scalar { text, plain } => return Some((text, *plain)),
            Value::Null => tr!("nothing"),
            Value::Seq(_) => tr!("a list"),
            Value::Map(_) => tr!("a section of keys"),
        };
        let hint = matches!(node.value, Value::Null).then(|| {
            tr!("write the value after the colon; a list item or a required field cannot be left empty")
        });
        self.report(
            Code::WrongType,
            self.at_path(tr!(
                "expected {expected}, found {found}",
                expected = expected,
                found = found
            )),
            hint,
        );
        None
    }

    fn number<T>(&self, expected: Message, parse: fn(&str) -> Result<T, Invalid>) -> Option<T> {
        let (text, plain) = self.text(expected.clone())?;
        let parsed = if plain {
            parse(text)
        } else {
            parse(text).and_then(|_| {
                Err(Invalid::wrong_type(tr!(
                    "expected {expected}, found the quoted text \"{text}\"",
                    expected = expected,
                    text
                ))
                .hint(tr!("remove the quotes around the number")))
            })
        };
        match parsed {
            Ok(n) => Some(n),
            Err(invalid) => {
                let code = match invalid.wrong_type {
                    true => Code::WrongType,
                    false => Code::InvalidValue,
                };
                self.report(code, self.at_path(invalid.message), invalid.hint);
                None
            }
        }
    }

    fn child(&self, slot: Slot<'a>, path: &'a Path<'a>) -> De<'a> {
        De {
            reader: self.reader,
            slot,
            path,
        }
    }
}

/// The largest count any field may hold: twice the country's people, so
/// that no sum of counts over any number of communities can overflow.
pub const MAX_COUNT: u64 = 100_000_000;

/// What a whole number counts, for its messages: people or places, or
/// hryvnias of an amount of money.
#[derive(Clone, Copy, PartialEq)]
pub enum Whole {
    Count,
    Hryvnias,
}

/// What a figure's hint says to do when it is not known: leave the field
/// out. A form's hint says to leave the cell empty instead
/// (`Message::replacing` this clause).
pub fn if_unknown() -> Message {
    tr!("leave the field out if it is not known")
}

/// Parses a count: a non-negative whole number, at most [`MAX_COUNT`].
pub fn parse_count(text: &str) -> Result<u64, Invalid> {
    parse_whole(text, Whole::Count)
}

/// Parses a non-negative whole number of `kind`, at most [`MAX_COUNT`].
pub fn parse_whole(text: &str, kind: Whole) -> Result<u64, Invalid> {
    match text.parse::<u64>() {
        Ok(n) if n <= MAX_COUNT => return Ok(n),
        _ if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(Invalid::new(tr!(
                "`{text}` is too large a number: no count of a community is over 100 000 000",
                text
            ))
            .hint(tr!("check it for extra digits")));
        }
        _ => {}
    }
    if let Some(digits) = digit_groups(text) {
        return Err(Invalid::new(tr!("`{text}` has digit separators", text))
            .hint(tr!("write the number without separators: {digits}", digits)));
    }
    // A fraction may be written with a comma.
    let parsed = parse_decimal(&text.replace(',', "."));
    Err(match (parsed, kind) {
        (Ok(x), Whole::Count) if x < 0.0 => {
            Invalid::new(tr!("a count cannot be negative (found {text})", text)).hint(tr!(
                "a count is 0 or more; {unknown}",
                unknown = if_unknown()
            ))
        }
        (Ok(x), Whole::Hryvnias) if x < 0.0 => {
            Invalid::new(tr!("an amount cannot be negative (found {text})", text)).hint(tr!(
                "an amount is 0 or more; {unknown}",
                unknown = if_unknown()
            ))
        }
        (Ok(_), Whole::Count) => {
            Invalid::new(tr!("a count must be a whole number (found {text})", text))
                .hint(tr!("count whole people or places, e.g. 12"))
        }
        (Ok(_), Whole::Hryvnias) => {
            Invalid::new(tr!("an amount must be a whole number (found {text})", text))
                .hint(tr!("write whole hryvnias, e.g. 12"))
        }
        (Err(_), Whole::Count) => {
            Invalid::wrong_type(tr!("expected a whole number, found \"{text}\"", text)).hint(tr!(
                "write the figure in digits, e.g. 1250; {unknown}",
                unknown = if_unknown()
            ))
        }
        (Err(_), Whole::Hryvnias) => Invalid::wrong_type(tr!(
            "expected an amount in hryvnias, found \"{text}\"",
            text
        ))
        .hint(tr!(
            "write the figure in digits, e.g. 1250; {unknown}",
            unknown = if_unknown()
        )),
    })
}

/// The digits of a number written in groups of three (`115 512`,
/// `2,677,609`), or `None` if it is not written so.
pub fn digit_groups(text: &str) -> Option<String> {
    let groups: Vec<&str> = text
        .split([' ', '\u{a0}', '\u{202f}', ',', '_', '\''])
        .collect();
    let well_formed = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    well_formed.then(|| groups.concat())
}

fn parse_signed(text: &str) -> Result<i64, Invalid> {
    text.parse::<i64>().map_err(|_| {
        Invalid::wrong_type(tr!("expected a whole number, found \"{text}\"", text))
            .hint(tr!("write the number in digits, e.g. -2 or 15"))
    })
}

/// Parses a finite decimal number.
pub fn parse_decimal(text: &str) -> Result<f64, Invalid> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ if text.contains(',') && text.replace(',', ".").parse::<f64>().is_ok() => Err(
            Invalid::wrong_type(tr!("expected a number, found \"{text}\"", text)).hint(tr!(
                "use a point for decimals: {number}",
                number = text.replace(',', ".")
            )),
        ),
        _ => Err(
            Invalid::wrong_type(tr!("expected a number, found \"{text}\"", text)).hint(tr!(
                "write the figure in digits, with a point for decimals, e.g. 12.5; {unknown}",
                unknown = if_unknown()
            )),
        ),
    }
}

fn parse_bool(text: &str) -> Result<bool, Invalid> {
    match text {
        "true" | "True" | "TRUE" => Ok(true),
        "false" | "False" | "FALSE" => Ok(false),
        _ => Err(
            Invalid::wrong_type(tr!("expected true or false, found \"{text}\"", text))
                .hint(tr!("write true (так) or false (ні)")),
        ),
    }
}

macro_rules! forward_numbers {
    ($($method:ident => $visit:ident($expected:expr, $parse:path, $placeholder:expr);)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let value = self.number($expected, $parse).unwrap_or($placeholder);
            self.place(visitor.$visit(value))
        }
    )*};
}

impl<'de, 'a> de::Deserializer<'de> for De<'a> {
    type Error = Error;

    forward_numbers! {
        deserialize_u8 => visit_u64(tr!("a whole number"), parse_count, 0);
        deserialize_u16 => visit_u64(tr!("a whole number"), parse_count, 0);
        deserialize_u32 => visit_u64(tr!("a whole number"), parse_count, 0);
        deserialize_u64 => visit_u64(tr!("a whole number"), parse_count, 0);
        deserialize_i8 => visit_i64(tr!("a whole number"), parse_signed, 0);
        deserialize_i16 => visit_i64(tr!("a whole number"), parse_signed, 0);
        deserialize_i32 => visit_i64(tr!("a whole number"), parse_signed, 0);
        deserialize_i64 => visit_i64(tr!("a whole number"), parse_signed, 0);
        deserialize_f32 => visit_f64(tr!("a number"), parse_decimal, 0.0);
        deserialize_f64 => visit_f64(tr!("a number"), parse_decimal, 0.0);
        deserialize_bool => visit_bool(tr!("true or false"), parse_bool, false);
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let node = match self.slot {
            Slot::Present(node) => node,
            Slot::Missing { .. } => return self.place(visitor.visit_none()),
        };
        match &node.value {
            Value::Null => self.place(visitor.visit_unit()),
            Value::Scalar { .. } => self.deserialize_string(visitor),
            Value::Seq(_) => self.deserialize_seq(visitor),
            Value::Map(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let text = self.text(tr!("text")).map_or("", |(text, _)| text);
        if let Some(c) = control_character(text) {
            self.report(
                Code::ControlCharacter,
                tr!("{path}: the text holds a control character (U+{code}), which no page or PDF can show", path = field(self.path), code = format!("{:04X}", c as u32)),
                Some(control_hint()),
            );
        }
        self.place(visitor.visit_str(text))
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.slot {
            Slot::Missing { .. } => self.place(visitor.visit_none()),
            Slot::Present(Node {
                value: Value::Null, ..
            }) => self.place(visitor.visit_none()),
            Slot::Present(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.place(visitor.visit_unit())
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.place(visitor.visit_unit())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let Some(rule) = self.reader.rules.iter().find(|r| r.name == name) else {
            return visitor.visit_newtype_struct(self);
        };
        let checked = match self.text(tr!("text")) {
            Some((text, _)) => match (rule.check)(text) {
                Ok(()) => text,
                Err(invalid) => {
                    self.report(
                        Code::InvalidValue,
                        self.at_path(invalid.message),
                        invalid.hint,
                    );
                    rule.placeholder
                }
            },
            None => rule.placeholder,
        };
        self.place(visitor.visit_newtype_struct(checked.into_deserializer()))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items: &[Node] = match self.slot {
            Slot::Present(Node {
                value: Value::Seq(items),
                ..
            }) => items,
            Slot::Present(Node {
                value: Value::Null, ..
            })
            | Slot::Missing { .. } => &[],
            Slot::Present(_) => {
                self.report(
                    Code::WrongType,
                    tr!(
                        "{path}: expected a list (items starting with `- `)",
                        path = field(self.path)
                    ),
                    None,
                );
                &[]
            }
        };
        let access = SeqAccess {
            de: &self,
            items: items.iter().enumerate(),
        };
        self.place(visitor.visit_seq(access))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let entries: &[(Node, Node)] = match self.slot {
            Slot::Present(Node {
                value: Value::Map(entries),
                ..
            }) => entries,
            Slot::Present(Node {
                value: Value::Null, ..
            })
            | Slot::Missing { .. } => &[],
            Slot::Present(_) => {
                self.report(
                    Code::WrongType,
                    tr!(
                        "{path}: expected a section of `key: value` lines",
                        path = field(self.path)
                    ),
                    None,
                );
                &[]
            }
        };
        let access = MapAccess::new(&self, entries.iter().collect(), Vec::new(), false);
        self.place(visitor.visit_map(access))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (entries, report_missing): (&[(Node, Node)], bool) = match self.slot {
            Slot::Present(Node {
                value: Value::Map(entries),
                ..
            }) => (entries, true),
            Slot::Present(Node {
                value: Value::Null, ..
            }) => (&[], true),
            Slot::Missing { .. } => {
                self.report_missing();
                (&[], false)
            }
            Slot::Present(_) => {
                self.report(
                    Code::WrongType,
                    tr!(
                        "{path}: expected a section of `key: value` lines",
                        path = field(self.path)
                    ),
                    Some(tr!("its keys are: {fields}", fields = fields.join(", "))),
                );
                (&[], false)
            }
        };
        let mut known = Vec::with_capacity(entries.len());
        for entry @ (key, _) in entries {
            match key.as_str() {
                Some(k) if fields.contains(&k) => known.push(entry),
                other => {
                    let key_text = other.unwrap_or("?");
                    let message = match matches!(self.path.segment, Segment::Root) {
                        true => tr!("unknown key `{key}`", key = key_text),
                        false => tr!(
                            "unknown key `{key}` in `{path}`",
                            key = key_text,
                            path = self.path
                        ),
                    };
                    let hint = match did_you_mean(key_text, fields.iter().copied()) {
                        Some(near) => tr!("did you mean `{near}`?", near),
                        None => tr!(
                            "the keys allowed here are: {allowed}",
                            allowed = fields.join(", ")
                        ),
                    };
                    let de = self.child(Slot::Present(key), self.path);
                    de.report(Code::UnknownKey, message, Some(hint));
                }
            }
        }
        let missing = fields
            .iter()
            .copied()
            .filter(|f| !known.iter().any(|(k, _)| k.as_str() == Some(f)))
            .collect();
        let access = MapAccess::new(&self, known, missing, report_missing);
        self.place(visitor.visit_map(access))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let chosen = match self.text(tr!("one of the listed values")) {
            Some((text, _)) if variants.contains(&text) => text,
            Some((text, _)) => {
                let allowed = variants.join(", ");
                let hint = match did_you_mean(text, variants.iter().copied()) {
                    Some(near) => tr!("did you mean `{near}`?", near),
                    None => tr!("write one of: {allowed}", allowed),
                };
                self.report(
                    Code::UnknownValue,
                    self.at_path(tr!(
                        "unknown value `{text}`; expected one of: {allowed}",
                        text,
                        allowed
                    )),
                    Some(hint),
                );
                variants[0]
            }
            None => variants[0],
        };
        self.place(visitor.visit_enum(chosen.into_deserializer()))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.place(visitor.visit_unit())
    }
}

struct SeqAccess<'s, 'a> {
    de: &'s De<'a>,
    items: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((index, node)) = self.items.next() else {
            return Ok(None);
        };
        let path = self.de.path.child(Segment::Index(index));
        seed.deserialize(self.de.child(Slot::Present(node), &path))
            .map(Some)
    }
}

struct MapAccess<'s, 'a> {
    de: &'s De<'a>,
    /// The entries the file has (for a struct, only the allowed keys).
    entries: Vec<&'a (Node, Node)>,
    /// Allowed keys the file leaves out, fed to the type after the entries.
    missing: Vec<&'static str>,
    /// False where the section itself was missing or of the wrong type.
    report_missing: bool,
    next: usize,
    value: Option<(Slot<'a>, &'a str)>,
}

impl<'s, 'a> MapAccess<'s, 'a> {
    fn new(
        de: &'s De<'a>,
        entries: Vec<&'a (Node, Node)>,
        missing: Vec<&'static str>,
        report_missing: bool,
    ) -> Self {
        MapAccess {
            de,
            entries,
            missing,
            report_missing,
            next: 0,
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let index = self.next;
        self.next += 1;
        let (key_text, slot, key_de) = if let Some((key, value)) = self.entries.get(index) {
            let text = key.as_str().unwrap_or_default();
            (text, Slot::Present(value), Some(key))
        } else if let Some(field) = self.missing.get(index - self.entries.len()) {
            let at = self.de.pos();
            (
                *field,
                Slot::Missing {
                    at,
                    report: self.report_missing,
                },
                None,
            )
        } else {
            return Ok(None);
        };
        self.value = Some((slot, key_text));
        let key = match key_de {
            Some(key) => {
                let path = self.de.path.child(Segment::Key(key_text));
                return seed
                    .deserialize(self.de.child(Slot::Present(key), &path))
                    .map(Some);
            }
            None => key_text,
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (slot, key) = self
            .value
            .take()
            .ok_or_else(|| Error::of(tr!("a value without its key")))?;
        let path = self.de.path.child(Segment::Key(key));
        seed.deserialize(self.de.child(slot, &path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::tree::parse;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: String,
        kind: Kind,
        count: u64,
        share: Option<f64>,
        inner: Option<Inner>,
        #[serde(default)]
        items: Vec<Inner>,
        #[serde(default)]
        table: BTreeMap<String, f64>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        residents: u64,
        note: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        City,
        Village,
    }

    fn problems(src: &str) -> Vec<Problem> {
        let (root, _) = parse(src).unwrap();
        read::<Doc>(&root, &[]).unwrap_err()
    }

    #[test]
    fn reads_a_clean_document() {
        let (root, _) = parse(
            "name: 2023\nkind: city\ncount: 5\ninner: { residents: 3 }\nitems:\n  - residents: 1\ntable: { a: 1.5 }\n",
        )
        .unwrap();
        let doc: Doc = read(&root, &[]).unwrap();
        assert_eq!(doc.name, "2023");
        assert_eq!(doc.kind, Kind::City);
        assert_eq!(doc.items[0].residents, 1);
        assert_eq!(doc.table["a"], 1.5);
        assert_eq!(doc.share, None);
    }

    #[test]
    fn reports_every_problem_of_a_file() {
        let found = problems(
            "name: X\nkind: town\ncount: сто\ninner:\n  residnets: 5\nitems:\n  - residents: -3\n",
        );
        let summary: Vec<_> = found
            .iter()
            .map(|p| (p.pos.line, p.code, p.path.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (2, Code::UnknownValue, "kind"),
                (3, Code::WrongType, "count"),
                (5, Code::UnknownKey, "inner"),
                (5, Code::MissingField, "inner.residents"),
                (7, Code::InvalidValue, "items[0].residents"),
            ]
        );
        assert_eq!(
            found[2].hint.as_ref().map(Message::english).as_deref(),
            Some("did you mean `residents`?")
        );
        assert!(found[0].message.contains("expected one of: city, village"));
    }

    #[test]
    fn missing_required_fields_are_reported_at_their_section() {
        let found = problems("kind: city\n");
        let fields: Vec<_> = found.iter().map(|p| p.message.english()).collect();
        assert_eq!(
            fields,
            vec![
                "missing required field `name`",
                "missing required field `count`"
            ]
        );
    }

    #[test]
    fn numbers_explain_their_mistakes() {
        let err = parse_count("115 512").unwrap_err();
        assert_eq!(
            err.hint.as_ref().map(Message::english).as_deref(),
            Some("write the number without separators: 115512")
        );
        assert!(
            parse_count("12.5")
                .unwrap_err()
                .message
                .contains("whole number")
        );
        assert!(parse_count("-4").unwrap_err().message.contains("negative"));
        assert_eq!(
            parse_decimal("1,5")
                .unwrap_err()
                .hint
                .as_ref()
                .map(Message::english)
                .as_deref(),
            Some("use a point for decimals: 1.5")
        );
    }

    #[test]
    fn quoted_numbers_are_not_numbers() {
        let found = problems("name: X\nkind: city\ncount: \"5\"\n");
        assert_eq!(
            found[0].hint.as_ref().map(Message::english).as_deref(),
            Some("remove the quotes around the number")
        );
    }

    #[test]
    fn a_list_where_text_belongs_is_a_type_error() {
        let found = problems("name: [a]\nkind: city\ncount: 1\n");
        assert_eq!(found[0].message, "`name`: expected text, found a list");
    }
}
