//! A passport's values as the form's cells: each field's value found by its
//! path in the passport's JSON (the model's own serialisation), and each
//! table's rows.

use serde_json::Value;

use super::layout::{Field, Kind, Rows};
use crate::passport::Passport;

/// One cell's value as the form shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Number(f64),
    Text(String),
    /// `YYYY-MM-DD`, written as a spreadsheet date.
    Date(String),
    Bool(bool),
    /// Keywords of a list, shown by their labels.
    Keywords(Vec<String>),
}

impl Cell {
    /// The value as a change list prints it.
    pub fn shown(&self) -> String {
        match self {
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) | Cell::Date(t) => t.clone(),
            Cell::Bool(b) => b.to_string(),
            Cell::Keywords(k) => k.join(", "),
        }
    }
}

/// The value at a dotted path, if there is one.
pub fn at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

/// A JSON value as a cell of `kind`.
pub fn cell(value: &Value, kind: Kind) -> Cell {
    match (value, kind) {
        (Value::Bool(b), _) => Cell::Bool(*b),
        (Value::Number(n), _) => Cell::Number(n.as_f64().unwrap_or_default()),
        (Value::String(s), Kind::Date) => Cell::Date(s.clone()),
        (Value::String(s), Kind::Choice(_)) => Cell::Keywords(vec![s.clone()]),
        (Value::Array(items), Kind::Choices(_)) => Cell::Keywords(
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
        ),
        (Value::Array(items), Kind::Ids) => Cell::Text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (Value::String(s), _) => Cell::Text(s.clone()),
        (other, _) => Cell::Text(other.to_string()),
    }
}

/// One row of a table: a cell (or none) per column.
pub type Row = Vec<Option<Cell>>;

/// A table's rows from the passport: its list's items, its map's pairs,
/// the plan's measures under their direction and goal, its sources.
pub fn rows(
    value: &Value,
    passport: Option<&Passport>,
    path: &str,
    shape: Rows,
    columns: &[Field],
) -> Vec<Row> {
    let items = || {
        at(value, path)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
    };
    let fields = |item: &Value| -> Row {
        columns
            .iter()
            .map(|f| at(item, f.key).map(|v| cell(v, f.kind)))
            .collect()
    };
    match shape {
        Rows::Items => items().map(fields).collect(),
        Rows::Values => items()
            .map(|v| Some(cell(v, columns[0].kind)))
            .map(|c| vec![c])
            .collect(),
        // The survey's age bands, in the passport's order (a JSON map
        // would sort them).
        Rows::Pairs => passport
            .and_then(|p| p.survey.as_ref())
            .map(|s| {
                s.age
                    .iter()
                    .map(|(band, share)| {
                        vec![
                            Some(Cell::Text(band.to_string())),
                            Some(Cell::Number(share.value())),
                        ]
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Rows::Plan => {
            let mut rows = Vec::new();
            let text = |v: &Value, key: &str| at(v, key).map(|t| cell(t, Kind::Text));
            for direction in items() {
                let goals = direction.get("goals").and_then(Value::as_array);
                if goals.is_none_or(Vec::is_empty) {
                    rows.push(vec![text(direction, "title")]);
                }
                for goal in goals.into_iter().flatten() {
                    let measures = goal.get("measures").and_then(Value::as_array);
                    if measures.is_none_or(Vec::is_empty) {
                        rows.push(vec![text(direction, "title"), text(goal, "title")]);
                    }
                    for measure in measures.into_iter().flatten() {
                        let mut row = vec![text(direction, "title"), text(goal, "title")];
                        row.extend(fields(measure).into_iter().skip(2));
                        rows.push(row);
                    }
                }
            }
            rows
        }
        Rows::Sources => items()
            .map(|source| match source {
                Value::String(s) => vec![Some(Cell::Text(s.clone()))],
                map => fields(map),
            })
            .collect(),
    }
}
