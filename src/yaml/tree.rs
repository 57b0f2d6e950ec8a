//! A YAML document as a tree of nodes that each remember where they stand.
//!
//! Built from `saphyr-parser` events. Scalars keep their source text: what a
//! scalar means (number, date, text) is decided later by the type that reads
//! it, so `band: 0-17` stays text and `name: 2023` can be a name. Aliases are
//! refused (no passport needs them, and they are how "billion laughs" files
//! blow up), nesting is bounded, and a duplicate key is reported.

use crate::messages::Message;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Deepest nesting a document may have; a passport needs about six levels.
pub const MAX_DEPTH: usize = 32;

/// A place in the source: line and column, both from 1, and the char offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    fn start_of(span: &Span) -> Pos {
        Pos {
            line: span.start.line(),
            col: span.start.col() + 1,
        }
    }
}

/// One value of the document with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing: an empty value, `~` or `null`.
    Null,
    /// A scalar's text; `plain` is false when it was quoted or a block scalar.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The scalar text of a key or value, if it is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Where a diagnostic about the field at `path` should point: the key
    /// of a keyed field (a list's first item may be lines below it), else
    /// the value; the root when the path is not in the tree.
    pub fn locate(&self, path: &str) -> Pos {
        let (parent, key) = match path.rfind(['.', '[']) {
            Some(i) if path[i..].starts_with('.') => (&path[..i], &path[i + 1..]),
            Some(_) => return self.at(path).map_or(self.pos, |n| n.pos),
            None => ("", path),
        };
        let key_node = self.at(parent).and_then(|p| match &p.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, _)| k.pos),
            _ => None,
        });
        key_node.unwrap_or(self.pos)
    }

    /// The node at a dotted path such as `population.age[1]` (or `None`).
    pub fn at(&self, path: &str) -> Option<&Node> {
        let mut node = self;
        for part in path.split('.').filter(|p| !p.is_empty()) {
            let (key, indexes) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                node = node.get(key)?;
            }
            for index in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
                let i: usize = index.parse().ok()?;
                node = match &node.value {
                    Value::Seq(items) => items.get(i)?,
                    _ => return None,
                };
            }
        }
        Some(node)
    }
}

/// A problem found while reading the YAML text itself.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxProblem {
    pub pos: Pos,
    pub message: Message,
    pub hint: Option<Message>,
}

/// Parses one YAML document. A syntax error ends the parse (`Err`); a
/// duplicate key does not, and is returned beside the tree.
pub fn parse(src: &str) -> Result<(Node, Vec<SyntaxProblem>), SyntaxProblem> {
    let mut builder = Builder {
        parser: Parser::new_from_str(src),
        duplicates: Vec::new(),
    };
    let root = builder.document()?;
    Ok((root, builder.duplicates))
}

struct Builder<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    duplicates: Vec<SyntaxProblem>,
}

impl<'a> Builder<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), SyntaxProblem> {
        match self.parser.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => Err(scan_problem(&e)),
            None => Err(SyntaxProblem {
                pos: Pos::default(),
                message: tr!("unexpected end of the YAML text"),
                hint: None,
            }),
        }
    }

    fn document(&mut self) -> Result<Node, SyntaxProblem> {
        let mut root = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd => {}
                Event::DocumentStart(_) if root.is_some() => {
                    return Err(SyntaxProblem {
                        pos: Pos::start_of(&span),
                        message: tr!("a second YAML document (`---`) in one file"),
                        hint: Some(tr!(
                            "one file holds one passport; move the rest to a file of its own"
                        )),
                    });
                }
                Event::DocumentStart(_) => {
                    let (event, span) = self.next()?;
                    root = Some(self.node(event, span, 0)?);
                }
                Event::StreamEnd => {
                    return Ok(root.unwrap_or(Node {
                        value: Value::Null,
                        pos: Pos { line: 1, col: 1 },
                    }));
                }
                _ => {}
            }
        }
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Result<Node, SyntaxProblem> {
        let pos = Pos::start_of(&span);
        if depth > MAX_DEPTH {
            return Err(too_deep(pos));
        }
        let value = match event {
            Event::Alias(_) => {
                return Err(SyntaxProblem {
                    pos,
                    message: tr!("YAML aliases (`*name`) are not allowed"),
                    hint: Some(tr!("write the value out in full where it is needed")),
                });
            }
            Event::Scalar(text, style, _, _) => {
                let plain = style == ScalarStyle::Plain;
                if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                    Value::Null
                } else {
                    Value::Scalar {
                        text: text.into_owned(),
                        plain,
                    }
                }
            }
            Event::SequenceStart(_, _) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(event, span, depth + 1)?);
                }
                Value::Seq(items)
            }
            Event::MappingStart(_, _) => {
                let mut entries: Vec<(Node, Node)> = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if event == Event::MappingEnd {
                        break;
                    }
                    let key = self.node(event, span, depth + 1)?;
                    let (event, span) = self.next()?;
                    let value = self.node(event, span, depth + 1)?;
                    let duplicate = key.as_str().and_then(|k| {
                        entries
                            .iter()
                            .find(|(other, _)| other.as_str() == Some(k))
                            .map(|(other, _)| other.pos)
                    });
                    match duplicate {
                        Some(first) => self.duplicates.push(SyntaxProblem {
                            pos: key.pos,
                            message: tr!(
                                "duplicate key `{key}` (first at line {line})",
                                key = key.as_str().unwrap_or_default(),
                                line = first.line
                            ),
                            hint: Some(tr!("keep one of the two; the second is ignored")),
                        }),
                        None => entries.push((key, value)),
                    }
                }
                Value::Map(entries)
            }
            other => {
                return Err(SyntaxProblem {
                    pos,
                    message: tr!(
                        "unexpected YAML event {event}",
                        event = format!("{other:?}")
                    ),
                    hint: None,
                });
            }
        };
        Ok(Node { value, pos })
    }
}

fn scan_problem(e: &saphyr_parser::ScanError) -> SyntaxProblem {
    let pos = Pos {
        line: e.marker().line(),
        col: e.marker().col() + 1,
    };
    if e.info().contains("recursion limit") {
        return too_deep(pos);
    }
    let info = e.info();
    SyntaxProblem {
        pos,
        message: tr!("YAML syntax: {info}", info = Message::verbatim(info)),
        hint: Some(syntax_hint(info)),
    }
}

/// What to do about the parser's message `info`, in the working group's
/// terms; where the message says nothing more precise, where to look.
fn syntax_hint(info: &str) -> Message {
    let has = |part: &str| info.contains(part);
    if has("tab") {
        tr!("YAML indents with spaces only: replace the tab characters with spaces")
    } else if has("mapping values are not allowed") {
        tr!(
            "a value that contains `: ` must be put in quotes; a line that starts a new field must be indented like the fields around it"
        )
    } else if has("while parsing a flow") {
        tr!(
            "a value that starts with `[` or `{{` is read as a list or a map up to its closing bracket: close it, or put the whole value in quotes"
        )
    } else if has("trailing content") {
        tr!("text follows a closing quote: put the whole value in one pair of quotes")
    } else if has("quoted scalar") {
        tr!(
            "a quoted value is not closed: end it with the quote it starts with (inside single quotes a quote is written twice, `''`; inside double quotes, `\\\"`)"
        )
    } else if has("unexpected character") || has("misplaced bracket") {
        tr!(
            "a value that starts with one of `@`, `` ` ``, `%` or a closing bracket must be put in quotes"
        )
    } else if has("did not find expected") || has("block") {
        tr!("check the indentation: items of one list or section must start in the same column")
    } else {
        tr!(
            "the mistake is here or just before: a quote or bracket left open, or a line indented unlike the ones around it"
        )
    }
}

fn too_deep(pos: Pos) -> SyntaxProblem {
    SyntaxProblem {
        pos,
        message: tr!(
            "the YAML is nested more than {max} levels deep",
            max = MAX_DEPTH
        ),
        hint: Some(tr!(
            "a passport needs only a few levels; check the indentation"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> &str {
        node.as_str().expect("a scalar")
    }

    #[test]
    fn keeps_positions_and_text() {
        let (root, dups) = parse("name: Ужгород\npopulation:\n  residents: 115512\n").unwrap();
        assert!(dups.is_empty());
        let residents = root.at("population.residents").unwrap();
        assert_eq!(scalar(residents), "115512");
        assert_eq!(residents.pos, Pos { line: 3, col: 14 });
    }

    #[test]
    fn paths_reach_into_lists() {
        let (root, _) =
            parse("age:\n  - { band: \"0-17\", female: 1 }\n  - { band: 60+ }\n").unwrap();
        assert_eq!(scalar(root.at("age[1].band").unwrap()), "60+");
        assert_eq!(root.at("age[1].band").unwrap().pos.line, 3);
        assert!(root.at("age[2]").is_none());
    }

    #[test]
    fn refuses_aliases() {
        let err = parse("a: &x [1, 2]\nb: *x\n").unwrap_err();
        assert!(err.message.contains("aliases"), "{err:?}");
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn refuses_deep_nesting_quickly() {
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nested"), "{err:?}");
    }

    #[test]
    fn reports_duplicate_keys_with_both_lines() {
        let (_, dups) = parse("a: 1\nb: 2\na: 3\n").unwrap();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].pos.line, 3);
        assert!(dups[0].message.contains("first at line 1"));
    }

    #[test]
    fn empty_text_is_null() {
        let (root, _) = parse("").unwrap();
        assert_eq!(root.value, Value::Null);
    }

    #[test]
    fn tab_indentation_gets_a_hint() {
        let err = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(
            err.hint.unwrap_or_default().contains("tab"),
            "{:?}",
            err.message
        );
    }

    #[test]
    fn every_syntax_error_gets_a_hint_for_its_kind() {
        let cases = [
            ("name: [Тест\n", "closing bracket"),
            ("name: {a: 1\n", "closing bracket"),
            ("name: \"Тест\n", "not closed"),
            ("name: 'Тест\n", "not closed"),
            ("a: b: c\n", "must be put in quotes"),
            ("a: 1\n  b: 2\n", "indented like the fields"),
            ("- a\nb: 1\n", "same column"),
            ("a: @x\n", "must be put in quotes"),
            ("a: [1, 2]]\n", "must be put in quotes"),
            ("a: \"x\" y\n", "one pair of quotes"),
            ("a: |\nx\n", "just before"),
        ];
        for (text, hint) in cases {
            let err = parse(text).unwrap_err();
            let got = err.hint.unwrap_or_default();
            assert!(got.contains(hint), "{text:?}: {:?} → {got:?}", err.message);
        }
    }
}
