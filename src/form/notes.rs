//! Each field's explanation, read from the comments of the starter
//! passport template (`starter/passport-template.yaml`), so the form and
//! the template explain a field in the same words.

use std::collections::BTreeMap;

/// The template's comment for each key, by its path (list items without
/// their index: `settlements.name`).
pub type Notes = BTreeMap<String, String>;

/// Reads the comments of a template written as the starter's is: a key per
/// line with its comment, a comment alone on the following lines going on
/// with it, list items as `- key:`.
pub fn parse(template: &str) -> Notes {
    let mut notes = Notes::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut last: Option<String> = None;
    for line in template.lines() {
        if line.starts_with('#') {
            last = None;
            continue;
        }
        let (content, comment) = match line.find(" #") {
            Some(at) => (&line[..at], Some(line[at + 2..].trim())),
            None => (line, None),
        };
        let mut indent = content.len() - content.trim_start().len();
        let mut body = content.trim();
        if body.is_empty() {
            if let (Some(path), Some(comment)) = (&last, comment) {
                let note = notes.get_mut(path).expect("noted before");
                note.push(' ');
                note.push_str(comment);
            }
            continue;
        }
        if let Some(item) = body.strip_prefix("- ").or((body == "-").then_some("")) {
            indent += 2;
            body = item.trim();
        }
        let Some((key, _)) = body.split_once(':').filter(|_| !body.starts_with('{')) else {
            last = None;
            continue;
        };
        let key = key.trim().trim_matches('"');
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let path = stack
            .iter()
            .map(|(_, k)| k.as_str())
            .chain([key])
            .collect::<Vec<_>>()
            .join(".");
        stack.push((indent, key.to_string()));
        last = comment.map(|c| {
            notes.insert(path.clone(), c.to_string());
            path
        });
    }
    notes
}

/// The explanation of a form field at `path`: its own, else its table's.
pub fn note<'n>(notes: &'n Notes, path: &str) -> Option<&'n str> {
    let plan = path.strip_prefix("plan.directions.").map(|key| match key {
        "direction" => "plan.directions.title".to_string(),
        "goal" => "plan.directions.goals.title".to_string(),
        key => format!("plan.directions.goals.measures.{key}"),
    });
    let own = plan.as_deref().unwrap_or(path);
    notes
        .get(own)
        .or_else(|| own.rsplit_once('.').and_then(|(table, _)| notes.get(table)))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_read_by_path_and_go_on_over_lines() {
        let notes = parse(
            "# header\nname:   # The name\npopulation:\n  residents: # Residents\n  age:  # Bands\n        # in order\n    - { band: \"0-17\" }\nitems:\n  - name:   # Item name\n    kind:   # Item kind\n",
        );
        assert_eq!(notes["name"], "The name");
        assert_eq!(notes["population.residents"], "Residents");
        assert_eq!(notes["population.age"], "Bands in order");
        assert_eq!(notes["items.name"], "Item name");
        assert_eq!(notes["items.kind"], "Item kind");
        assert_eq!(note(&notes, "population.age.band"), Some("Bands in order"));
    }
}
