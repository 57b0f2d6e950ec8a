//! A filled form read back (calamine: `.xlsx` and `.ods`, as Excel,
//! LibreOffice Calc and Google Sheets save them) into the passport it
//! holds, each value with the cell it came from.
//!
//! Rows are found by the key in their hidden first column, not by their
//! place, so a sheet renamed or rows moved read the same; a value is read
//! as the sheet shows it (a formula by its cached result).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use calamine::{Data, Range, Reader, open_workbook_auto};

use super::emit::Node;
use super::layout::{Block, Field, Kind, LISTS_SHEET, List, MARK, Rows, SHEETS, VERSION, join};
use super::write::list_column;
use crate::diagnostic::{Code, Diagnostic};
use crate::messages::{self, Message};
use crate::passport::Date;
use crate::theme::Ui;
use crate::yaml::CheckedScalar;

/// The largest workbook read: a filled form is tens of kilobytes; a
/// spreadsheet's zip can unpack to far more than its size.
pub const MAX_BYTES: u64 = 10 << 20;

/// A cell of the workbook, printed as `Населення!C7`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub sheet: String,
    /// From 0, as calamine counts.
    pub row: u32,
    pub col: u32,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let letters = rust_xlsxwriter::utility::column_number_to_name(self.col as u16);
        write!(f, "{}!{letters}{}", self.sheet, self.row + 1)
    }
}

/// What a form holds.
pub struct Filled {
    /// The community's id as the form names it, with its cell.
    pub id: Option<(String, CellRef)>,
    pub root: Node,
    /// Each field's cell by its passport path, in form order (the empty
    /// ones too, so that a missing value is reported where it belongs).
    pub cells: Vec<(String, CellRef)>,
    /// The label a value row shows (its column B, without the `*` of a
    /// required one), a table's title, and a table column's header (by
    /// the table's path and the column's key, `population.age.female`):
    /// what the working group reads.
    pub labels: HashMap<String, String>,
    /// Problems found reading values (a value outside its list, a cell
    /// showing an error); the passport's own checks come later.
    pub problems: Vec<Diagnostic>,
    /// The paths of the rows the form lacks, reported once as such.
    pub missing: Vec<String>,
    /// The row (from 0, among the table's rows) of each of the plan's
    /// goals and measures, by its path (`plan.directions[0].goals[1]`):
    /// the passport groups the plan's rows, so their indices are not the
    /// form's rows. A direction is left out: `plan.directions[2].year`
    /// is the plan's third row as a form lists it (a change's path).
    pub plan_rows: HashMap<String, usize>,
}

/// A field by its name in the form, else by its passport path.
fn named(name: Option<Message>, path: &str) -> Message {
    name.unwrap_or_else(|| tr!("{field}", field = messages::field(path)))
}

/// A label as a message names it: «in quotes», in either language.
fn quoted(label: &str) -> Message {
    tr!("«{label}»", label)
}

impl Filled {
    /// A passport field as the form names it: «its row's label», or
    /// «its column» in row N of «its table»; `None` for a field the form
    /// does not label.
    pub fn name(&self, path: &str) -> Option<Message> {
        if let Some(label) = self.labels.get(path) {
            return Some(quoted(label));
        }
        // A table's cell: `table[i].key`, or deeper (the plan's
        // `plan.directions[i].goals[j].measures[k].key`).
        let (table, rest) = path.split_once('[')?;
        let key = rest.rsplit_once('.')?.1;
        let column = self.labels.get(&format!("{table}.{key}"))?.clone();
        let title = self.labels.get(table)?.clone();
        let row = match self.plan_rows.get(path.rsplit_once('.')?.0) {
            Some(row) => Some(*row),
            None => (rest.split_once("].").filter(|(_, k)| *k == key))
                .and_then(|(index, _)| index.parse::<usize>().ok()),
        };
        Some(match row {
            Some(index) => tr!(
                "«{column}» in row {row} of «{table}»",
                column,
                row = index + 1,
                table = title
            ),
            None => tr!("«{column}» in «{table}»", column, table = title),
        })
    }

    /// The field at `path` as the form names it, else by its path.
    pub fn named(&self, path: &str) -> Message {
        named(self.name(path), path)
    }

    /// The cell of `path`, or of the first field below it.
    pub fn cell(&self, path: &str) -> Option<&CellRef> {
        self.field(path).map(|(_, c)| c)
    }

    /// The field at `path`, or the first field below it: its path and
    /// cell.
    pub fn field(&self, path: &str) -> Option<(&str, &CellRef)> {
        self.cells
            .iter()
            .find(|(p, _)| p == path)
            .or_else(|| self.cells.iter().find(|(p, _)| below(p, path)))
            .map(|(p, c)| (p.as_str(), c))
    }
}

/// Whether the field at `path` lies below the one at `parent`
/// (`population.age[0].band` below `population` and `population.age`).
pub fn below(path: &str, parent: &str) -> bool {
    (path.strip_prefix(parent)).is_some_and(|rest| rest.starts_with(['.', '[']))
}

/// A label as the form shows it, without the `*` of a required field.
fn unstarred(label: &str) -> &str {
    label.trim_end_matches('*').trim_end()
}

/// A diagnostic at a cell of `file`.
pub fn at_cell(file: &Path, cell: &CellRef, code: Code, message: Message) -> Diagnostic {
    Diagnostic::error(
        file,
        (cell.row as usize + 1, cell.col as usize + 1),
        code,
        message,
    )
    .cell(cell.to_string())
}

fn whole(file: &Path, code: Code, message: Message) -> Diagnostic {
    Diagnostic::error(file, (1, 1), code, message)
}

/// The lists of the form's hidden sheet: labels and keywords, and the
/// words for yes and no.
struct Lists {
    lists: BTreeMap<List, Vec<(String, String)>>,
    yes: String,
    no: String,
}

/// A table's row as read: its sheet, its row and its cells from column A.
type TableRow = (String, u32, Vec<Data>);

/// One sheet's rows as read, by key.
#[derive(Default)]
struct Rowed {
    values: HashMap<String, (CellRef, Data)>,
    /// Each value row's label, by its path.
    labels: HashMap<String, String>,
    /// Each table's columns by key, and its rows in order.
    tables: HashMap<String, (HashMap<String, u32>, Vec<TableRow>)>,
    id: Option<(CellRef, Data)>,
}

/// A row, table or column the form lacks, as a fresh form would show it:
/// «its label» in the theme's Ukrainian UI strings (`ui`), else its
/// passport path.
fn as_fresh(ui: &Ui, label: &str, path: &str) -> String {
    match ui.get(label) {
        Some(label) => format!("«{label}»"),
        None => format!("`{path}`"),
    }
}

/// Reads a filled form; `ui`, the UI strings forms are written in, names
/// what the form lacks.
pub fn read(file: &Path, ui: &Ui) -> Result<Filled, Vec<Diagnostic>> {
    let size = std::fs::metadata(file)
        .map_err(|e| {
            vec![whole(
                file,
                Code::Unreadable,
                tr!("cannot read the form: {why}", why = messages::io_error(&e)),
            )]
        })?
        .len();
    if size > MAX_BYTES {
        return Err(vec![
            whole(
                file,
                Code::TooLarge,
                tr!("the workbook is {size} MB; a passport form is far smaller (the limit is {max_bytes} MB)", size = size >> 20, max_bytes = MAX_BYTES >> 20),
            )
            .hint(
                tr!("import the form `hromada form` made, filled in; remove pictures and other sheets"),
            ),
        ]);
    }
    let mut book = open_workbook_auto(file).map_err(|e| {
        vec![
            whole(
                file,
                Code::FormFile,
                tr!(
                    "this is not a spreadsheet that can be read: {why}",
                    why = Message::verbatim(e.to_string())
                ),
            )
            .hint(tr!("save it as .xlsx or .ods, without a password")),
        ]
    })?;
    let lists = match book.worksheet_range(LISTS_SHEET) {
        Ok(range) => lists(file, &range)?,
        Err(_) => {
            return Err(vec![
                whole(
                    file,
                    Code::FormFile,
                    tr!("this workbook is not a passport form: it lacks the form's hidden sheet"),
                )
                .hint(tr!(
                    "fill in a form made by `hromada form`, and keep its sheets"
                )),
            ]);
        }
    };
    let mut rowed = Rowed::default();
    let mut problems = Vec::new();
    for name in book.sheet_names() {
        if name == LISTS_SHEET {
            continue;
        }
        let range = book.worksheet_range(&name).map_err(|e| {
            vec![whole(
                file,
                Code::FormFile,
                tr!(
                    "the sheet «{name}» cannot be read: {why}",
                    name,
                    why = Message::verbatim(e.to_string())
                ),
            )]
        })?;
        rows(file, &name, &range, &mut rowed, &mut problems);
    }
    let mut filled = Filled {
        id: None,
        root: Node::Map(Vec::new()),
        cells: Vec::new(),
        labels: std::mem::take(&mut rowed.labels),
        problems,
        missing: Vec::new(),
        plan_rows: HashMap::new(),
    };
    if let Some((cell, data)) = &rowed.id
        && let Some(id) = text(data)
    {
        filled.id = Some((id, cell.clone()));
    }
    for sheet in SHEETS {
        // What a sheet lacks is said once, as a fresh form labels it; the
        // rest of the form is read, and the passport's checks then pass
        // over the missing rows (see `missing`).
        let rows: Vec<(String, &str)> = (sheet.blocks.iter())
            .flat_map(|b| match b {
                Block::Values { path, fields } => fields
                    .iter()
                    .map(|f| (join(path, f.key), f.label))
                    .collect::<Vec<_>>(),
                Block::Table { path, title, .. } => vec![(path.to_string(), *title)],
            })
            .collect();
        let missing: Vec<&(String, &str)> = (rows.iter())
            .filter(|(p, _)| !rowed.values.contains_key(p) && !rowed.tables.contains_key(p))
            .collect();
        if !missing.is_empty() {
            let sheet_name = as_fresh(ui, sheet.name, sheet.name);
            let problem = if missing.len() == rows.len() {
                whole(
                    file,
                    Code::FormSheet,
                    tr!(
                        "the form lacks the rows of its sheet {sheet}: the sheet or its rows were deleted",
                        sheet = sheet_name
                    ),
                )
                .hint(tr!(
                    "copy the sheet from a fresh form (`hromada form`), or fill in a fresh one"
                ))
            } else {
                let what: Vec<String> = (missing.iter())
                    .map(|(path, label)| as_fresh(ui, label, path))
                    .collect();
                whole(
                    file,
                    Code::FormSheet,
                    tr!(
                        "the sheet {sheet} lacks the rows of {what}: they were deleted, or their hidden keys changed",
                        sheet = sheet_name,
                        what = what.join(", ")
                    ),
                )
                .hint(tr!(
                    "copy them from a fresh form (`hromada form`), or fill in a fresh one"
                ))
            };
            filled.problems.push(problem);
            (filled.missing).extend(missing.into_iter().map(|(path, _)| path.clone()));
        }
        for block in sheet.blocks {
            match block {
                Block::Values { path, fields } => {
                    for field in *fields {
                        let full = join(path, field.key);
                        let Some((cell, data)) = rowed.values.get(&full) else {
                            continue;
                        };
                        filled.cells.push((full.clone(), cell.clone()));
                        if let Some(node) = convert(
                            file,
                            cell,
                            data,
                            (field, &full),
                            &lists,
                            &mut filled.problems,
                        ) {
                            insert(&mut filled.root, &full, node);
                        }
                    }
                }
                Block::Table {
                    path,
                    title,
                    rows: shape,
                    columns,
                    ..
                } => {
                    let Some((keys, rows)) = rowed.tables.get(*path) else {
                        continue;
                    };
                    let table = Table {
                        file,
                        title,
                        keys,
                        columns,
                        lists: &lists,
                        ui,
                    };
                    if let Some(node) = table.read(rows, *shape, path, &mut filled) {
                        insert(&mut filled.root, path, node);
                    }
                }
            }
        }
    }
    Ok(filled)
}

/// The hidden sheet: the mark and version first, then the lists.
fn lists(file: &Path, range: &Range<Data>) -> Result<Lists, Vec<Diagnostic>> {
    let at = |r, c| range.get_value((r, c)).and_then(text);
    if at(0, 0).as_deref() != Some(MARK) {
        return Err(vec![
            whole(
                file,
                Code::FormFile,
                tr!("this workbook is not a passport form: its hidden sheet lacks the form's mark"),
            )
            .hint(tr!("fill in a form made by `hromada form`")),
        ]);
    }
    let version = at(0, 1).unwrap_or_default();
    if version != VERSION.to_string() {
        return Err(vec![
            whole(
                file,
                Code::FormFile,
                tr!("this is a form of version {version}; this hromada reads forms of version {VERSION}", version, VERSION),
            )
            .hint(tr!("make a fresh form with `hromada form ID` (it is filled with the passport as it stands) and copy the values over")),
        ]);
    }
    let mut lists = BTreeMap::new();
    for list in List::ALL {
        let col = list_column(list) as u32;
        let entries = (2..)
            .map_while(|r| Some((at(r, col)?, at(r, col + 1)?)))
            .collect();
        lists.insert(list, entries);
    }
    Ok(Lists {
        lists,
        yes: at(0, 2).unwrap_or_default(),
        no: at(0, 3).unwrap_or_default(),
    })
}

/// Sorts a sheet's rows by their keys: value rows, table headers (`@path`)
/// and table rows; a row inserted into a table (no key) goes with it.
fn rows(
    file: &Path,
    sheet: &str,
    range: &Range<Data>,
    into: &mut Rowed,
    problems: &mut Vec<Diagnostic>,
) {
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return;
    };
    let cell = |row, col| CellRef {
        sheet: sheet.to_string(),
        row,
        col,
    };
    let mut table: Option<String> = None;
    let whole_row = |row| -> TableRow {
        let cells = (0..=end.1).map(|c| range.get_value((row, c)).cloned().unwrap_or_default());
        (sheet.to_string(), row, cells.collect())
    };
    for row in start.0..=end.0 {
        let filled =
            (1..=end.1).any(|c| range.get_value((row, c)).is_some_and(|d| *d != Data::Empty));
        let key = range.get_value((row, 0)).and_then(text);
        match key.as_deref() {
            Some("id") => {
                let data = range.get_value((row, 2)).cloned().unwrap_or_default();
                into.id = Some((cell(row, 2), data));
                table = None;
            }
            Some(header) if header.starts_with('@') => {
                let columns: HashMap<String, u32> = (1..=end.1)
                    .filter_map(|c| Some((range.get_value((row, c)).and_then(text)?, c)))
                    .collect();
                let path = &header[1..];
                // The table's title two rows up, its columns' labels one
                // row up (above their keys).
                let label = |r: Option<u32>, c| {
                    let label = text(range.get_value((r?, c))?)?;
                    Some(unstarred(&label).to_string())
                };
                if let Some(title) = label(row.checked_sub(2), 1) {
                    into.labels.insert(path.to_string(), title);
                }
                for (key, c) in &columns {
                    if let Some(column) = label(row.checked_sub(1), *c) {
                        into.labels.insert(format!("{path}.{key}"), column);
                    }
                }
                into.tables.entry(path.to_string()).or_default().0 = columns;
                table = None;
            }
            Some(path) if is_table(path) => {
                into.tables
                    .entry(path.to_string())
                    .or_default()
                    .1
                    .push(whole_row(row));
                table = Some(path.to_string());
            }
            Some(path) if is_value(path) => {
                let data = range.get_value((row, 2)).cloned().unwrap_or_default();
                if let Some(label) = range.get_value((row, 1)).and_then(text) {
                    let label = unstarred(&label);
                    into.labels.insert(path.to_string(), label.to_string());
                }
                if into
                    .values
                    .insert(path.to_string(), (cell(row, 2), data))
                    .is_some()
                {
                    problems.push(
                        at_cell(
                            file,
                            &cell(row, 0),
                            Code::FormSheet,
                            tr!(
                                "the row of {field} is in the form twice",
                                field = named(into.labels.get(path).map(|l| quoted(l)), path)
                            ),
                        )
                        .hint(tr!("keep one of them: delete the copied sheet or row")),
                    );
                }
                table = None;
            }
            Some(other) => problems.push(
                at_cell(
                    file,
                    &cell(row, 0),
                    Code::FormSheet,
                    match range.get_value((row, 1)).and_then(text) {
                        Some(label) => tr!(
                            "the row «{label}» has a hidden key `{other}` that this version does not know",
                            label = unstarred(&label),
                            other
                        ),
                        None => tr!(
                            "the form has a row `{other}` that this version does not know",
                            other
                        ),
                    },
                )
                .hint(tr!("fill in a form made by `hromada form`")),
            ),
            None if filled => {
                if let Some(path) = &table {
                    into.tables
                        .get_mut(path)
                        .expect("seen")
                        .1
                        .push(whole_row(row));
                }
            }
            None => table = None,
        }
    }
}

fn is_table(path: &str) -> bool {
    SHEETS
        .iter()
        .flat_map(|s| s.blocks)
        .any(|b| matches!(b, Block::Table { path: p, .. } if *p == path))
}

fn is_value(path: &str) -> bool {
    super::layout::fields().any(|(p, _)| p == path)
        && !is_table(path.rsplit_once('.').map_or("", |(t, _)| t))
}

/// A cell's text, trimmed; `None` when it is empty.
fn text(data: &Data) -> Option<String> {
    let t = match data {
        Data::Empty => return None,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date(d),
        Data::Error(e) => e.to_string(),
    };
    (!t.is_empty()).then_some(t)
}

fn date(d: &calamine::ExcelDateTime) -> String {
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{day:02}")
}

/// A cell's value as the passport takes it, or `None` when it is empty
/// or its problem has been reported.
fn convert(
    file: &Path,
    cell: &CellRef,
    data: &Data,
    (field, path): (&Field, &str),
    lists: &Lists,
    problems: &mut Vec<Diagnostic>,
) -> Option<Node> {
    let named = || messages::field(path);
    if let Data::Error(e) = data {
        problems.push(
            at_cell(
                file,
                cell,
                Code::WrongType,
                tr!(
                    "{field}: the cell shows the error {error} instead of a value",
                    field = named(),
                    error = e
                ),
            )
            .field(path)
            .hint(tr!("correct the formula, or type the value")),
        );
        return None;
    }
    let written = text(data)?;
    Some(match field.kind {
        Kind::Text => Node::Text(written),
        Kind::Count | Kind::Year | Kind::Decimal | Kind::Money | Kind::Percent => {
            let number = match data {
                Data::Int(i) => Some(*i as f64),
                Data::Float(f) => Some(*f),
                // Typed as text: spaces between digit groups and a decimal
                // comma, as Ukrainian writes numbers, are read.
                _ => written
                    .replace([' ', '\u{a0}', '\u{202f}'], "")
                    .replacen(',', ".", 1)
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite()),
            };
            match number {
                // A count or a year with a fraction is said here, in the
                // reader's language (`12,5`), not as the passport would
                // write it (`12.5`).
                Some(n) if n.fract() != 0.0 && matches!(field.kind, Kind::Count | Kind::Year) => {
                    // With the decimal comma in Ukrainian, whether typed
                    // as text or as a number.
                    let message = tr!(
                        "{field}: «{shown}» is not a whole number",
                        field = named(),
                        shown = messages::number(n)
                    );
                    problems.push(
                        at_cell(file, cell, Code::InvalidValue, message)
                            .field(path)
                            .hint(match field.kind {
                                Kind::Year => tr!("write the year in four digits, e.g. 2025"),
                                _ => tr!("count whole people or places, e.g. 12"),
                            }),
                    );
                    return None;
                }
                Some(n) => Node::Plain(number_text(n, field.kind)),
                // Left as written: the passport's check says what is wrong.
                None => Node::Text(written),
            }
        }
        Kind::Bool => {
            let word = written.to_lowercase();
            match word.as_str() {
                _ if word == lists.yes.to_lowercase() => Node::Plain("true".into()),
                _ if word == lists.no.to_lowercase() => Node::Plain("false".into()),
                "true" | "1" | "так" | "yes" => Node::Plain("true".into()),
                "false" | "0" | "ні" | "no" => Node::Plain("false".into()),
                _ => Node::Text(written),
            }
        }
        Kind::Date => match data {
            Data::DateTime(d) => Node::Plain(date(d)),
            Data::DateTimeIso(s) => Node::Plain(s.chars().take(10).collect()),
            // Typed as text: read as Ukrainian writes dates, or as the
            // passport does; a day that does not exist is said here, as
            // the cell shows it, not as the passport would write it.
            _ => {
                let iso = dotted_date(&written)
                    .or_else(|| is_iso_date(&written).then(|| written.clone()));
                match iso.filter(|iso| Date::parse(iso).is_ok()) {
                    Some(iso) => Node::Plain(iso),
                    None => {
                        problems.push(
                            at_cell(
                                file,
                                cell,
                                Code::InvalidValue,
                                tr!("{field}: «{written}» is not a date", field = named(), written),
                            )
                            .field(path)
                            .hint(tr!(
                                "check the day and the month: write the date as day.month.year, e.g. 30.06.2023, or enter it as a date"
                            )),
                        );
                        return None;
                    }
                }
            }
        },
        Kind::Choice(list) => match keyword(lists, list, &written) {
            Some(k) => Node::Text(k),
            None => {
                problems.push(outside(file, cell, path, list, lists, &written));
                return None;
            }
        },
        Kind::Ids => Node::Flow(
            written
                .split([',', ';', ' '])
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        Kind::Choices(list) => {
            let mut keywords = Vec::new();
            for part in written
                .split([',', ';'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                match keyword(lists, list, part) {
                    Some(k) => keywords.push(k),
                    None => {
                        problems.push(outside(file, cell, path, list, lists, part));
                        return None;
                    }
                }
            }
            Node::Flow(keywords)
        }
    })
}

/// A number as the passport writes it: whole where it is whole, money to
/// the kopeck (a sum of 0.1 and 0.2 is 0.3, as the sheet shows it).
fn number_text(n: f64, kind: Kind) -> String {
    let kopecks = (n * 100.0).round();
    match kind {
        _ if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
        Kind::Money if (n * 100.0 - kopecks).abs() < 1e-6 => format!("{:.2}", kopecks / 100.0)
            .trim_end_matches('0')
            .to_string(),
        _ => n.to_string(),
    }
}

/// `30.06.2023`, as Ukrainian writes dates, as `2023-06-30`.
fn dotted_date(text: &str) -> Option<String> {
    let mut parts = text.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let all_digits = [d, m, y]
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    (parts.next().is_none() && all_digits && y.len() == 4 && d.len() <= 2 && m.len() <= 2)
        .then(|| format!("{y}-{m:0>2}-{d:0>2}"))
}

/// Whether text is written `YYYY-MM-DD` (whether the day exists,
/// `Date::parse` says).
fn is_iso_date(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// The keyword of a label or keyword of `list`.
fn keyword(lists: &Lists, list: List, written: &str) -> Option<String> {
    let written = written.to_lowercase();
    lists.lists[&list]
        .iter()
        .find(|(label, keyword)| {
            label.to_lowercase() == written || keyword.to_lowercase() == written
        })
        .map(|(_, keyword)| keyword.clone())
}

fn outside(
    file: &Path,
    cell: &CellRef,
    path: &str,
    list: List,
    lists: &Lists,
    written: &str,
) -> Diagnostic {
    let labels: Vec<&str> = lists.lists[&list].iter().map(|(l, _)| l.as_str()).collect();
    let close = crate::diagnostic::did_you_mean(written, labels.iter().copied());
    at_cell(
        file,
        cell,
        Code::UnknownValue,
        tr!(
            "{field}: «{written}» is not one of the values this field allows",
            field = messages::field(path),
            written
        ),
    )
    .field(path)
    .hint(match close {
        Some(c) => tr!(
            "did you mean «{near}»? choose from the cell's drop-down list",
            near = c
        ),
        None => tr!(
            "choose from the cell's drop-down list: {labels}",
            labels = labels.join(", ")
        ),
    })
}

/// Puts `node` at a dotted path below the top, making the maps on the way.
fn insert(root: &mut Node, path: &str, node: Node) {
    let Node::Map(entries) = root else {
        unreachable!("maps on the way")
    };
    match path.split_once('.') {
        None => entries.push((path.to_string(), node)),
        Some((head, rest)) => {
            let at = match entries.iter().position(|(k, _)| k == head) {
                Some(at) => at,
                None => {
                    entries.push((head.to_string(), Node::Map(Vec::new())));
                    entries.len() - 1
                }
            };
            insert(&mut entries[at].1, rest, node);
        }
    }
}

/// A table row as a map of its filled cells, each cell noted at its path.
fn item(noted: &mut Vec<(String, CellRef)>, at: String, cells: &RowCells) -> Node {
    let mut map = Vec::new();
    for (field, cell, node) in cells {
        noted.push((format!("{at}.{}", field.key), cell.clone()));
        if let Some(node) = node {
            map.push((field.key.to_string(), node.clone()));
        }
    }
    Node::Map(map)
}

/// One table's reading.
struct Table<'a> {
    file: &'a Path,
    /// The UI string of its title.
    title: &'static str,
    keys: &'a HashMap<String, u32>,
    columns: &'static [Field],
    lists: &'a Lists,
    ui: &'a Ui,
}

/// A table row's cells, by the column's key: its place and its value.
type RowCells = Vec<(&'static Field, CellRef, Option<Node>)>;

impl Table<'_> {
    /// The table's rows as the passport's list or map; `None` if no row
    /// holds anything.
    fn read(
        &self,
        rows: &[TableRow],
        shape: Rows,
        path: &str,
        filled: &mut Filled,
    ) -> Option<Node> {
        let mut read: Vec<RowCells> = Vec::new();
        for (sheet, row, data) in rows {
            let mut cells = Vec::new();
            let mut any = false;
            for field in self.columns {
                let Some(col) = self.keys.get(field.key) else {
                    continue;
                };
                let cell = CellRef {
                    sheet: sheet.clone(),
                    row: *row,
                    col: *col,
                };
                let data = data.get(*col as usize).unwrap_or(&Data::Empty);
                // Its path as the passport's rows will have it: this row
                // is the next one read, as it holds a value.
                let node = convert(
                    self.file,
                    &cell,
                    data,
                    (field, &format!("{path}[{}].{}", read.len(), field.key)),
                    self.lists,
                    &mut filled.problems,
                );
                any |= *data != Data::Empty;
                cells.push((field, cell, node));
            }
            if any {
                read.push(cells);
            }
        }
        if let Some(missing) = self.columns.iter().find(|f| !self.keys.contains_key(f.key)) {
            filled.problems.push(
                whole(
                    self.file,
                    Code::FormSheet,
                    tr!(
                        "the table {table} lacks its column {column}",
                        table = as_fresh(self.ui, self.title, path),
                        column =
                            as_fresh(self.ui, missing.label, &format!("{path}.{}", missing.key))
                    ),
                )
                .hint(tr!("copy the table from a fresh form (`hromada form`)")),
            );
        }
        if read.is_empty() {
            // An empty table is found at its first cell: a required list
            // left empty is reported there.
            let first = self.columns.iter().find_map(|f| self.keys.get(f.key));
            if let (Some((sheet, row, _)), Some(col)) = (rows.first(), first) {
                let cell = CellRef {
                    sheet: sheet.clone(),
                    row: *row,
                    col: *col,
                };
                filled.cells.push((path.to_string(), cell));
            }
            return None;
        }
        Some(match shape {
            Rows::Items => Node::List(
                read.iter()
                    .enumerate()
                    .map(|(i, cells)| item(&mut filled.cells, format!("{path}[{i}]"), cells))
                    .collect(),
            ),
            Rows::Values => Node::List(
                read.iter()
                    .enumerate()
                    .filter_map(|(i, cells)| {
                        let (_, cell, node) = &cells[0];
                        filled.cells.push((format!("{path}[{i}]"), cell.clone()));
                        node.clone()
                    })
                    .collect(),
            ),
            Rows::Pairs => {
                let mut map = Vec::new();
                for cells in &read {
                    let [(_, band_cell, band), (_, share_cell, share)] = &cells[..] else {
                        continue;
                    };
                    let band = match band {
                        Some(Node::Text(b) | Node::Plain(b)) => b.clone(),
                        _ => {
                            filled.problems.push(
                                at_cell(
                                    self.file,
                                    band_cell,
                                    Code::MissingField,
                                    tr!("a share needs its age band"),
                                )
                                .hint(tr!("write the band, e.g. 18-39")),
                            );
                            continue;
                        }
                    };
                    filled
                        .cells
                        .push((format!("{path}.{band}"), share_cell.clone()));
                    match share {
                        Some(share) => map.push((band, share.clone())),
                        None => filled.problems.push(
                            at_cell(
                                self.file,
                                share_cell,
                                Code::MissingField,
                                tr!("the band {band} has no share", band),
                            )
                            .hint(tr!("write the share of respondents, %, or clear the row")),
                        ),
                    }
                }
                Node::Map(map)
            }
            Rows::Sources => Node::List(
                read.iter()
                    .enumerate()
                    .map(|(i, cells)| {
                        let only_text = cells.iter().skip(1).all(|(_, _, n)| n.is_none());
                        match (&cells[0], only_text) {
                            ((_, cell, Some(text)), true) => {
                                filled.cells.push((format!("{path}[{i}]"), cell.clone()));
                                text.clone()
                            }
                            _ => item(&mut filled.cells, format!("{path}[{i}]"), cells),
                        }
                    })
                    .collect(),
            ),
            Rows::Plan => self.plan(&read, path, filled),
        })
    }

    /// Measures grouped under their directions and goals, by title in order
    /// of first appearance.
    fn plan(&self, rows: &[RowCells], path: &str, filled: &mut Filled) -> Node {
        type Goals = Vec<(String, Vec<usize>)>;
        let mut directions: Vec<(String, Goals)> = Vec::new();
        for (n, cells) in rows.iter().enumerate() {
            let title = |i: usize| match &cells[i].2 {
                Some(Node::Text(t) | Node::Plain(t)) => Some(t.clone()),
                _ => None,
            };
            let measure = cells.iter().skip(2).any(|(_, _, v)| v.is_some());
            let (direction, goal) = (title(0), title(1));
            let needed = [(0, direction.is_none()), (1, goal.is_none() && measure)];
            if let Some((i, _)) = needed.iter().find(|(_, missing)| *missing) {
                let (field, cell, _) = &cells[*i];
                // The column as the form heads it, else its key.
                let label = filled.labels.get(&format!("{path}.{}", field.key));
                let column = quoted(label.map_or(field.key, String::as_str));
                filled.problems.push(
                    at_cell(self.file, cell, Code::MissingField, tr!("a row of the plan leaves {column} empty", column))
                        .hint(tr!("every measure is written under its direction and goal; repeat their titles on each row")),
                );
                continue;
            }
            let direction = direction.expect("checked");
            let d = match directions.iter().position(|(t, _)| *t == direction) {
                Some(d) => d,
                None => {
                    directions.push((direction, Vec::new()));
                    directions.len() - 1
                }
            };
            if let Some(goal) = goal {
                let goals = &mut directions[d].1;
                let g = match goals.iter().position(|(t, _)| *t == goal) {
                    Some(g) => g,
                    None => {
                        goals.push((goal, Vec::new()));
                        goals.len() - 1
                    }
                };
                if measure {
                    goals[g].1.push(n);
                }
            }
        }
        // The first row whose leading columns hold `titles` (a direction,
        // then a goal under it): its index, and the last title's cell.
        let first_row = |titles: &[&str]| {
            let n = rows.iter().position(|cells| {
                titles.iter().enumerate().all(|(col, title)| {
                    matches!(&cells[col].2, Some(Node::Text(t) | Node::Plain(t)) if t == title)
                })
            })?;
            Some((n, rows[n][titles.len() - 1].1.clone()))
        };
        let mut list = Vec::new();
        for (d, (direction, goals)) in directions.iter().enumerate() {
            let at = format!("{path}[{d}]");
            if let Some((_, cell)) = first_row(&[direction]) {
                filled.cells.push((format!("{at}.title"), cell));
            }
            let mut goal_nodes = Vec::new();
            for (g, (goal, measures)) in goals.iter().enumerate() {
                let at = format!("{at}.goals[{g}]");
                if let Some((n, cell)) = first_row(&[direction, goal]) {
                    filled.cells.push((format!("{at}.title"), cell));
                    filled.plan_rows.insert(at.clone(), n);
                }
                let mut measure_nodes = Vec::new();
                for (m, row) in measures.iter().enumerate() {
                    let at = format!("{at}.measures[{m}]");
                    filled.plan_rows.insert(at.clone(), *row);
                    let mut map = Vec::new();
                    for (field, cell, node) in rows[*row].iter().skip(2) {
                        filled
                            .cells
                            .push((format!("{at}.{}", field.key), cell.clone()));
                        if let Some(node) = node {
                            map.push((field.key.to_string(), node.clone()));
                        }
                    }
                    measure_nodes.push(Node::Map(map));
                }
                let mut goal_map = vec![("title".to_string(), Node::Text(goal.clone()))];
                if !measure_nodes.is_empty() {
                    goal_map.push(("measures".into(), Node::List(measure_nodes)));
                }
                goal_nodes.push(Node::Map(goal_map));
            }
            let mut map = vec![("title".to_string(), Node::Text(direction.clone()))];
            if !goal_nodes.is_empty() {
                map.push(("goals".into(), Node::List(goal_nodes)));
            }
            list.push(Node::Map(map));
        }
        Node::List(list)
    }
}

#[cfg(test)]
mod never_panics {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::read;

    /// The example site's theme.
    fn theme() -> &'static crate::theme::Theme {
        static THEME: OnceLock<crate::theme::Theme> = OnceLock::new();
        THEME.get_or_init(|| {
            let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let config = crate::config::Config::load(site).unwrap();
            let (theme, _) = crate::theme::Theme::load(site, &config)
                .map_err(|_| ())
                .unwrap();
            theme
        })
    }

    /// The blank form the example site publishes.
    fn blank() -> &'static [u8] {
        static BLANK: OnceLock<Vec<u8>> = OnceLock::new();
        BLANK.get_or_init(|| crate::form::blank(theme()).unwrap())
    }

    proptest! {
        #[test]
        fn on_a_form_edited_at_random(at in 0usize..20_000, cut in 0usize..64, insert in proptest::collection::vec(any::<u8>(), 0..16)) {
            let bytes = crate::fuzz::edited_bytes(blank(), at, cut, &insert);
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("f.xlsx");
            std::fs::write(&file, bytes).unwrap();
            let _ = read(&file, &theme().ui[crate::passport::SOURCE_LANG]);
        }
    }
}
