//! Tables as templates and print layouts get them: a caption, column
//! headings that say which columns hold figures, rows of cells, an
//! optional totals row, and search keys for the table finder.

use serde::Serialize;
use serde::ser::SerializeMap;

use super::cells::{Cell, Lang, Medium};
use crate::html::escape_into;

/// Which columns of a table hold figures (right-aligned, tabular digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figures {
    /// The columns from this one on; those before hold text.
    From(usize),
    /// The columns from the first to before the second; the others hold text.
    Between(usize, usize),
    /// No column: every column holds text.
    None,
}

impl Figures {
    /// Whether column `i` holds figures.
    fn at(self, i: usize) -> bool {
        match self {
            Figures::From(first) => i >= first,
            Figures::Between(first, end) => (first..end).contains(&i),
            Figures::None => false,
        }
    }
}

/// A column heading.
#[derive(Debug, Serialize)]
pub struct Head {
    pub text: String,
    pub num: bool,
}

/// A table with a caption.
#[derive(Debug)]
pub struct Table {
    pub caption: Cell,
    pub head: Vec<Head>,
    pub rows: Vec<Vec<Cell>>,
    /// A totals row, or empty.
    pub foot: Vec<Cell>,
    /// For a table the reader can search: each row's search text (names
    /// in both alphabets), lowercased; empty for other tables.
    pub keys: Vec<String>,
    medium: Medium,
}

impl Table {
    /// The rows as a page prints them: a `<tr>` each (with its search key
    /// as `data-search` in a searchable table) whose first cell is the
    /// row's heading, each cell's markup and attributes as [`Cell`] makes
    /// them. A page's tables hold most of its values; made here, they are
    /// not copied into the template's context cell by cell.
    fn body(&self) -> String {
        let cells: usize = self.rows.iter().map(Vec::len).sum();
        let mut out = String::with_capacity(cells * 48);
        for (i, row) in self.rows.iter().enumerate() {
            out.push_str("\n<tr");
            if let Some(key) = self.keys.get(i) {
                out.push_str(" data-search=\"");
                escape_into(&mut out, key);
                out.push('"');
            }
            out.push('>');
            for (j, cell) in row.iter().enumerate() {
                if j == 0 {
                    out.push_str("<th scope=\"row\">");
                    cell.write_html(&mut out);
                    out.push_str("</th>");
                } else {
                    out.push_str("<td");
                    cell.write_attrs(&mut out);
                    out.push('>');
                    cell.write_html(&mut out);
                    out.push_str("</td>");
                }
            }
            out.push_str("</tr>");
        }
        out
    }
}

/// Templates get `caption`, `head` and `foot`, and a web page's table
/// its rows' markup as `body` (empty when it has none), a print layout's
/// its cells as `rows`.
impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("caption", &self.caption)?;
        map.serialize_entry("head", &self.head)?;
        match self.medium {
            Medium::Page => map.serialize_entry("body", &self.body())?,
            Medium::Print => map.serialize_entry("rows", &self.rows)?,
        }
        map.serialize_entry("foot", &self.foot)?;
        map.end()
    }
}

impl Lang<'_> {
    /// A table with `caption` and the headings `columns`, for this
    /// page's medium.
    pub fn headed_table(
        &self,
        caption: Cell,
        columns: Vec<String>,
        figures: Figures,
        rows: Vec<Vec<Cell>>,
    ) -> Table {
        Table {
            caption,
            head: columns
                .into_iter()
                .enumerate()
                .map(|(i, text)| Head {
                    text,
                    num: figures.at(i),
                })
                .collect(),
            rows,
            foot: Vec::new(),
            keys: Vec::new(),
            medium: self.medium(),
        }
    }

    /// Column headings from the UI strings `field.<key>`.
    pub fn headings(&self, keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| self.t(&format!("field.{k}"))).collect()
    }

    /// A table with a caption and column headings from `field.*`.
    pub fn table(
        &self,
        caption: Cell,
        columns: &[&str],
        figures: Figures,
        rows: Vec<Vec<Cell>>,
    ) -> Table {
        self.headed_table(caption, self.headings(columns), figures, rows)
    }

    /// A chart's data as a table.
    pub fn table_of(&self, columns: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        self.table(
            Cell::plain(self.t("chart.data")),
            columns,
            Figures::From(1),
            rows,
        )
    }
}
