//! A passport form as an XLSX workbook (rust_xlsxwriter): a sheet that
//! says how to fill it, a sheet per section with a row per field (label,
//! value, unit; the explanation as the value cell's note and input
//! message), tables for the lists, drop-downs from a hidden sheet of lists,
//! number and date validation, labels protected (no password) and value
//! cells open. Prefilled from a passport, or blank.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Formula, Note, ProtectionOptions, Workbook, Worksheet,
    XlsxError,
};
use serde_json::Value;

use super::layout::{Block, Field, Kind, LISTS_SHEET, List, MARK, SHEETS, VERSION, join};
use super::notes::{self, Notes};
use super::values::{self, Cell};
use crate::messages::Message;
use crate::passport::Passport;
use crate::theme::Ui;

/// The columns of a value row: the hidden key, the label, the value, the unit.
const KEY_COL: u16 = 0;
const LABEL_COL: u16 = 1;
const VALUE_COL: u16 = 2;
const UNIT_COL: u16 = 3;
/// The value column's width, in characters.
const VALUE_WIDTH: usize = 36;

/// The widths of a sheet's columns from the labels', in characters: the
/// labels', the values' and the units' for value rows; a table's by what
/// its columns hold (text wide, numbers narrow); the widest a sheet needs.
fn widths(blocks: &[Block]) -> Vec<usize> {
    let mut widths = vec![0; 8];
    for block in blocks {
        let needs: Vec<usize> = match block {
            Block::Values { .. } => vec![46, VALUE_WIDTH, 12],
            Block::Table { columns, .. } => (0..)
                .zip(columns.iter())
                .map(|(n, f)| match (n, f.kind) {
                    (0, _) => 46,
                    (_, Kind::Text | Kind::Ids) => VALUE_WIDTH,
                    (_, Kind::Choice(_) | Kind::Choices(_)) => 24,
                    _ => 14,
                })
                .collect(),
        };
        for (w, need) in widths.iter_mut().zip(needs) {
            *w = (*w).max(need);
        }
    }
    widths
}

/// The first row of a table's or a section's content, below the title.
const FIRST_ROW: u32 = 2;

/// What a form says, in the theme's Ukrainian UI strings.
pub struct Texts<'a> {
    pub ui: &'a Ui,
    pub notes: Notes,
}

impl Texts<'_> {
    /// The UI string at `key`; a missing one is the theme's error.
    fn get(&self, key: &str) -> Result<&str, Message> {
        self.ui.get(key).ok_or_else(|| self.ui.missing(key).message)
    }

    /// A list's labels and keywords, in the format's order.
    pub fn list(&self, list: List) -> Result<Vec<(String, &'static str)>, Message> {
        list.keywords()
            .into_iter()
            .map(|k| match list.labels() {
                Some(group) => Ok((self.get(&format!("{group}.{k}"))?.to_string(), k)),
                None => Ok((k.to_string(), k)),
            })
            .collect()
    }
}

/// The workbook for `passport` (with its id), or a blank one.
pub fn workbook(texts: &Texts, filled: Option<(&str, &Passport)>) -> Result<Vec<u8>, Message> {
    let value = match filled {
        Some((_, p)) => serde_json::to_value(p).map_err(|e| Message::verbatim(e.to_string()))?,
        None => Value::Null,
    };
    let mut book = Workbook::new();
    // Level 1: a form a few kilobytes larger, written in about half the
    // time (the country's 1,469 forms are written at once).
    book.set_zip_compression_level(1);
    // No clock in the file: the same passport gives the same bytes.
    let fixed = ExcelDateTime::from_ymd(2023, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&fixed)
            .set_title(texts.get("form.title")?)
            .set_comment(format!("{MARK} {VERSION}")),
    );
    let styles = Styles::new();
    intro(
        book.add_worksheet(),
        texts,
        &styles,
        filled.map(|(id, _)| id),
    )?;
    for sheet in SHEETS {
        let ws = book.add_worksheet();
        ws.set_name(texts.get(sheet.name)?).map_err(err)?;
        page(
            ws,
            texts,
            &styles,
            sheet.name,
            sheet.blocks,
            &value,
            filled.map(|f| f.1),
        )?;
    }
    lists(book.add_worksheet(), texts)?;
    book.save_to_buffer().map_err(err)
}

fn err(e: XlsxError) -> Message {
    tr!(
        "the form cannot be written: {why}",
        why = Message::verbatim(e.to_string())
    )
}

/// The formats the form uses.
struct Styles {
    title: Format,
    header: Format,
    label: Format,
    open: Format,
    open_date: Format,
    note: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = |f: Format| f.set_border(FormatBorder::Thin).set_border_color("#9AA5B1");
        let open = border(
            Format::new()
                .set_unlocked()
                .set_background_color("#FFF8DC")
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
        );
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: border(
                Format::new()
                    .set_bold()
                    .set_background_color("#DCE6F0")
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
            ),
            label: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
            open_date: open.clone().set_num_format("yyyy-mm-dd"),
            open,
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Printed on A4, as wide as the page, and protected: labels locked,
/// value cells open.
fn finish(ws: &mut Worksheet) {
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        ..ProtectionOptions::new()
    };
    ws.protect_with_options(&options);
}

/// The first sheet: what the form is, how to fill and return it, the
/// community's id and the form's version.
fn intro(ws: &mut Worksheet, texts: &Texts, s: &Styles, id: Option<&str>) -> Result<(), Message> {
    ws.set_name(texts.get("form.intro")?).map_err(err)?;
    ws.set_column_hidden(KEY_COL).map_err(err)?;
    ws.set_column_width(LABEL_COL, 46).map_err(err)?;
    ws.set_column_width(VALUE_COL, VALUE_WIDTH as f64)
        .map_err(err)?;

    ws.set_screen_gridlines(false);
    ws.write_with_format(0, LABEL_COL, texts.get("form.title")?, &s.title)
        .map_err(err)?;
    let mut row = FIRST_ROW;
    for n in 1.. {
        let Some(line) = texts.ui.get(&format!("form.how_{n}")) else {
            break;
        };
        ws.merge_range(row, LABEL_COL, row, VALUE_COL, line, &s.note)
            .map_err(err)?;
        let lines = 1 + line.chars().count() / (46 + VALUE_WIDTH - 6);
        ws.set_row_height(row, (15 * lines) as f64).map_err(err)?;
        row += 1;
    }
    row += 1;
    ws.write(row, KEY_COL, "id").map_err(err)?;
    ws.write_with_format(row, LABEL_COL, texts.get("form.id")?, &s.label)
        .map_err(err)?;
    ws.write_with_format(row, VALUE_COL, id.unwrap_or(""), &s.open)
        .map_err(err)?;
    let hint = DataValidation::new()
        .allow_any_value()
        .set_input_message(texts.get("form.id_note")?)
        .map_err(err)?;
    ws.add_data_validation(row, VALUE_COL, row, VALUE_COL, &hint)
        .map_err(err)?;
    let version = texts
        .get("form.version")?
        .replace("{}", &VERSION.to_string());
    ws.write(row + 2, LABEL_COL, version).map_err(err)?;
    ws.set_active(true);
    finish(ws);
    Ok(())
}

/// A section's sheet: its value rows, then its tables.
fn page(
    ws: &mut Worksheet,
    texts: &Texts,
    s: &Styles,
    title: &str,
    blocks: &[Block],
    value: &Value,
    passport: Option<&Passport>,
) -> Result<(), Message> {
    ws.set_column_hidden(KEY_COL).map_err(err)?;
    let widths = widths(blocks);
    for (col, w) in (LABEL_COL..).zip(&widths).filter(|(_, w)| **w > 0) {
        ws.set_column_width(col, *w as f64).map_err(err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    ws.write_with_format(0, LABEL_COL, texts.get(title)?, &s.title)
        .map_err(err)?;
    let mut row = FIRST_ROW;
    for block in blocks {
        row = match block {
            Block::Values { path, fields } => {
                let header = ["form.field", "form.value", "form.unit"];
                for (col, key) in (LABEL_COL..).zip(header) {
                    ws.write_with_format(row, col, texts.get(key)?, &s.header)
                        .map_err(err)?;
                }
                row += 1;
                for field in *fields {
                    let full = join(path, field.key);
                    ws.write(row, KEY_COL, &full).map_err(err)?;
                    ws.write_with_format(row, LABEL_COL, label(texts, field)?, &s.label)
                        .map_err(err)?;
                    ws.write_with_format(row, UNIT_COL, field.unit, &s.label)
                        .map_err(err)?;
                    let cell = values::at(value, &full).map(|v| values::cell(v, field.kind));
                    if let Some(Cell::Text(t)) = &cell {
                        let lines = 1 + t.chars().count() / VALUE_WIDTH;
                        ws.set_row_height(row, (15 * lines) as f64).map_err(err)?;
                    }
                    write_cell(ws, texts, s, row, VALUE_COL, field, cell)?;
                    validate(ws, texts, row, row, VALUE_COL, field, &full)?;
                    row += 1;
                }
                row + 1
            }
            Block::Table {
                path,
                title,
                rows,
                columns,
                room,
            } => {
                ws.write_with_format(row, LABEL_COL, texts.get(title)?, &s.title)
                    .map_err(err)?;
                ws.set_row_height(row + 1, 30).map_err(err)?;
                for (col, field) in (LABEL_COL..).zip(columns.iter()) {
                    ws.write_with_format(row + 1, col, label(texts, field)?, &s.header)
                        .map_err(err)?;
                    ws.write(row + 2, col, field.key).map_err(err)?;
                }
                ws.write(row + 2, KEY_COL, format!("@{path}"))
                    .map_err(err)?;
                ws.set_row_hidden(row + 2).map_err(err)?;
                let first = row + 3;
                let filled = values::rows(value, passport, path, *rows, columns);
                let last = first + (filled.len() + room) as u32 - 1;
                for r in first..=last {
                    ws.write(r, KEY_COL, *path).map_err(err)?;
                }
                let mut filled = filled.into_iter();
                for r in first..=last {
                    let row_cells = filled.next().unwrap_or_default();
                    let lines = row_cells
                        .iter()
                        .enumerate()
                        .filter_map(|(i, c)| match c {
                            Some(Cell::Text(t)) => Some(1 + t.chars().count() / widths[i].max(1)),
                            _ => None,
                        })
                        .max()
                        .unwrap_or(1);
                    if lines > 1 {
                        ws.set_row_height(r, (15 * lines) as f64).map_err(err)?;
                    }
                    let mut cells = row_cells.into_iter();
                    for (col, field) in (LABEL_COL..).zip(columns.iter()) {
                        write_cell(ws, texts, s, r, col, field, cells.next().flatten())?;
                    }
                }
                for (col, field) in (LABEL_COL..).zip(columns.iter()) {
                    validate(ws, texts, first, last, col, field, &join(path, field.key))?;
                }
                last + 2
            }
        };
    }
    finish(ws);
    Ok(())
}

/// A field's label, marked `*` where the format requires it.
fn label(texts: &Texts, field: &Field) -> Result<String, Message> {
    let text = texts.get(field.label)?;
    Ok(match field.required {
        true => format!("{text} *"),
        false => text.to_string(),
    })
}

/// Writes one value cell (open to edit), empty if there is no value.
fn write_cell(
    ws: &mut Worksheet,
    texts: &Texts,
    s: &Styles,
    row: u32,
    col: u16,
    field: &Field,
    cell: Option<Cell>,
) -> Result<(), Message> {
    let r = match cell {
        None => ws.write_blank(
            row,
            col,
            if field.kind == Kind::Date {
                &s.open_date
            } else {
                &s.open
            },
        ),
        Some(Cell::Number(n)) => ws.write_number_with_format(row, col, n, &s.open),
        Some(Cell::Text(t)) => ws.write_string_with_format(row, col, t, &s.open),
        Some(Cell::Date(d)) => {
            let date = ExcelDateTime::parse_from_str(&d).map_err(err)?;
            ws.write_datetime_with_format(row, col, &date, &s.open_date)
        }
        Some(Cell::Bool(b)) => {
            let key = if b { "form.yes" } else { "form.no" };
            ws.write_string_with_format(row, col, texts.get(key)?, &s.open)
        }
        Some(Cell::Keywords(keywords)) => {
            let (Kind::Choice(list) | Kind::Choices(list)) = field.kind else {
                unreachable!("keywords are read for lists only")
            };
            let labels = texts.list(list)?;
            let shown: Vec<&str> = keywords
                .iter()
                .map(|k| {
                    labels
                        .iter()
                        .find(|(_, kw)| kw == k)
                        .map_or(k.as_str(), |(label, _)| label.as_str())
                })
                .collect();
            ws.write_string_with_format(row, col, shown.join(", "), &s.open)
        }
    };
    r.map(|_| ()).map_err(err)
}

/// The validation of a column of value cells: the rule of its kind, and
/// the field's explanation as its input message and as a note.
fn validate(
    ws: &mut Worksheet,
    texts: &Texts,
    first: u32,
    last: u32,
    col: u16,
    field: &Field,
    path: &str,
) -> Result<(), Message> {
    let v = DataValidation::new();
    let v = match field.kind {
        Kind::Text | Kind::Ids => v.allow_any_value(),
        Kind::Count => v.allow_whole_number(DataValidationRule::Between(0, i32::MAX)),
        Kind::Year => v.allow_whole_number(DataValidationRule::Between(1991, 2100)),
        Kind::Decimal | Kind::Money => {
            v.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        }
        Kind::Percent => v.allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
        Kind::Date => v.allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1991, 8, 24).map_err(err)?,
            ExcelDateTime::from_ymd(2100, 12, 31).map_err(err)?,
        )),
        Kind::Bool => v
            .allow_list_strings(&[texts.get("form.yes")?, texts.get("form.no")?])
            .map_err(err)?,
        Kind::Choice(list) => v.allow_list_formula(Formula::new(list_range(texts, list)?)),
        // Several values: a drop-down would take one; the note lists them.
        Kind::Choices(_) => v.allow_any_value(),
    };
    let note = notes::note(&texts.notes, path)
        .unwrap_or_default()
        .replace(": true або false", "");
    let v = v
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_input_message(short(&note, 250))
        .map_err(err)?;
    ws.add_data_validation(first, col, last, col, &v)
        .map_err(err)?;
    let mut note = note;
    if let Kind::Choices(list) = field.kind {
        let labels: Vec<String> = texts.list(list)?.into_iter().map(|(l, _)| l).collect();
        note = format!("{note} ({})", labels.join(", "));
    }
    if !note.is_empty() {
        ws.insert_note(
            first,
            col,
            &Note::new(note).add_author_prefix(false).set_width(320),
        )
        .map_err(err)?;
    }
    Ok(())
}

/// At most `max` characters, cut at a word with an ellipsis.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The hidden sheet's cells holding a list's labels, as a formula.
fn list_range(texts: &Texts, list: List) -> Result<String, Message> {
    let n = texts.list(list)?.len() as u32;
    let col = list_column(list);
    let letter = rust_xlsxwriter::utility::column_number_to_name(col);
    Ok(format!("={LISTS_SHEET}!${letter}$3:${letter}${}", 2 + n))
}

/// The column of a list's labels on the hidden sheet (its keywords beside).
pub fn list_column(list: List) -> u16 {
    2 * List::ALL
        .iter()
        .position(|l| *l == list)
        .expect("every list") as u16
}

/// The hidden sheet: the form's mark and version, and each list's labels
/// with their keywords, which the drop-downs and the import read.
fn lists(ws: &mut Worksheet, texts: &Texts) -> Result<(), Message> {
    ws.set_name(LISTS_SHEET).map_err(err)?;
    ws.write(0, 0, MARK).map_err(err)?;
    ws.write(0, 1, VERSION).map_err(err)?;
    ws.write(0, 2, texts.get("form.yes")?).map_err(err)?;
    ws.write(0, 3, texts.get("form.no")?).map_err(err)?;
    for list in List::ALL {
        let col = list_column(list);
        ws.write(1, col, format!("{list:?}")).map_err(err)?;
        for (row, (label, keyword)) in (2..).zip(texts.list(list)?) {
            ws.write(row, col, label).map_err(err)?;
            ws.write(row, col + 1, keyword).map_err(err)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}
