//! Tables as templates and print layouts get them: a caption, column
//! headings that say which columns hold figures, rows of cells, an
//! optional totals row, and search keys for the table finder.

use serde::Serialize;

use super::cells::{Cell, Lang};

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
#[derive(Debug, Serialize)]
pub struct Table {
    pub caption: Cell,
    pub head: Vec<Head>,
    pub rows: Vec<Vec<Cell>>,
    /// A totals row, or empty.
    pub foot: Vec<Cell>,
    /// For a table the reader can search: each row's search text (names
    /// in both alphabets), lowercased; empty for other tables.
    pub keys: Vec<String>,
}

impl Table {
    /// A table with `caption` and the headings `columns`.
    pub fn new(
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
        }
    }
}

impl Lang<'_> {
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
        Table::new(caption, self.headings(columns), figures, rows)
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
