//! A passport as YAML text in one canonical form: block style, two spaces a
//! level, sections and fields in the format's order, text plain where
//! plain is safe and double-quoted otherwise. Each line's path is recorded,
//! so a problem the passport's checks find on a line is traced back to the
//! cell it came from.

/// A value read from the form, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Written as it is: a number, `true`, a keyword, a date.
    Plain(String),
    /// Text, quoted where YAML would read it as something else.
    Text(String),
    /// A list of several keywords on one line: `[survey, plan]`.
    Flow(Vec<String>),
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
}

/// YAML text, and the path of what each of its lines holds (index 0 is
/// line 1).
pub struct Emitted {
    pub text: String,
    pub lines: Vec<String>,
}

/// Writes a passport (a map at the top).
pub fn emit(root: &Node) -> Emitted {
    let mut out = Emitted {
        text: String::new(),
        lines: Vec::new(),
    };
    if let Node::Map(entries) = root {
        map(&mut out, entries, 0, "", None);
    }
    out
}

fn line(out: &mut Emitted, path: &str, text: String) {
    out.text.push_str(&text);
    out.text.push('\n');
    out.lines.push(path.to_string());
}

/// A map's entries at `indent`; the first after `first` (a list item's
/// dash) when given.
fn map(
    out: &mut Emitted,
    entries: &[(String, Node)],
    indent: usize,
    path: &str,
    first: Option<&str>,
) {
    for (n, (key, node)) in entries.iter().enumerate() {
        let here = match path {
            "" => key.clone(),
            _ => format!("{path}.{key}"),
        };
        let lead = match (n, first) {
            (0, Some(dash)) => dash.to_string(),
            _ => " ".repeat(indent),
        };
        let key = scalar_key(key);
        match node {
            Node::Map(inner) => {
                line(out, &here, format!("{lead}{key}:"));
                map(out, inner, indent + 2, &here, None);
            }
            Node::List(items) => {
                line(out, &here, format!("{lead}{key}:"));
                list(out, items, indent + 2, &here);
            }
            leaf => line(out, &here, format!("{lead}{key}: {}", scalar(leaf))),
        }
    }
}

fn list(out: &mut Emitted, items: &[Node], indent: usize, path: &str) {
    for (i, item) in items.iter().enumerate() {
        let here = format!("{path}[{i}]");
        let dash = format!("{}- ", " ".repeat(indent));
        match item {
            Node::Map(entries) => map(out, entries, indent + 2, &here, Some(&dash)),
            Node::List(_) => unreachable!("the format has no list of lists"),
            leaf => line(out, &here, format!("{dash}{}", scalar(leaf))),
        }
    }
}

fn scalar(node: &Node) -> String {
    match node {
        Node::Plain(p) => p.clone(),
        Node::Text(t) => text(t),
        Node::Flow(items) => format!(
            "[{}]",
            items.iter().map(|i| text(i)).collect::<Vec<_>>().join(", ")
        ),
        Node::Map(_) | Node::List(_) => unreachable!("written as blocks"),
    }
}

/// A key: plain if it is a word or an age band, quoted otherwise.
fn scalar_key(key: &str) -> String {
    match key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        true => key.to_string(),
        false => quoted(key),
    }
}

/// Text as YAML: plain where a reader can take it for nothing but text,
/// double-quoted (JSON's escapes, which YAML shares) otherwise.
fn text(t: &str) -> String {
    let special = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];
    let plain = t.chars().next().is_some_and(char::is_alphabetic)
        && !t
            .chars()
            .any(|c| c.is_control() || "#\"'`\\{}[]|>&*!%@".contains(c))
        && !t.contains(": ")
        && !t.ends_with([':', ' ', ','])
        && !special.contains(&t.to_lowercase().as_str());
    match plain {
        true => t.to_string(),
        false => quoted(t),
    }
}

fn quoted(t: &str) -> String {
    serde_json::to_string(t).expect("a string serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_block_yaml_and_records_each_line() {
        let root = Node::Map(vec![
            ("name".into(), Node::Text("Ужгородська громада".into())),
            ("note".into(), Node::Text("Стан: задовільний".into())),
            (
                "population".into(),
                Node::Map(vec![
                    ("residents".into(), Node::Plain("115512".into())),
                    (
                        "age".into(),
                        Node::List(vec![Node::Map(vec![
                            ("band".into(), Node::Text("0-17".into())),
                            ("female".into(), Node::Plain("1".into())),
                        ])]),
                    ),
                ]),
            ),
            (
                "top".into(),
                Node::List(vec![Node::Plain("home_care".into())]),
            ),
            (
                "ages".into(),
                Node::Map(vec![("18-39".into(), Node::Plain("22".into()))]),
            ),
            (
                "sections".into(),
                Node::Flow(vec!["survey".into(), "plan".into()]),
            ),
            ("yes".into(), Node::Text("no".into())),
        ]);
        let out = emit(&root);
        assert_eq!(
            out.text,
            "name: Ужгородська громада\nnote: \"Стан: задовільний\"\npopulation:\n  residents: 115512\n  age:\n    - band: \"0-17\"\n      female: 1\ntop:\n  - home_care\nages:\n  \"18-39\": 22\nsections: [survey, plan]\nyes: \"no\"\n"
        );
        assert_eq!(out.lines[5], "population.age[0].band");
        assert_eq!(out.lines[6], "population.age[0].female");
        assert_eq!(out.lines[10], "ages.18-39");
    }
}
