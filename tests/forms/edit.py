"""Edits a passport form as a person would in a spreadsheet, through
openpyxl (a real client of the format): `edit.py IN OUT OP...`, each OP

  set:KEY=VALUE        the value cell of the row whose hidden key is KEY
  cell:SHEET!REF=VALUE one cell by its address
  delete-sheet:NAME    a sheet deleted
  rename-sheet:OLD=NEW a sheet renamed
  move:KEY             the row of KEY moved five rows below its sheet's end
  delete-row:KEY       the row of KEY deleted
  version:N            the form's version stamp changed

VALUE is written as a number where it reads as one."""

import sys

import openpyxl


def value(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def row_of(book, key):
    for ws in book.worksheets:
        for row in ws.iter_rows(min_col=1, max_col=1):
            if row[0].value == key:
                return ws, row[0].row
    raise SystemExit(f"no row with key {key}")


def main():
    source, target, *ops = sys.argv[1:]
    book = openpyxl.load_workbook(source)
    for op in ops:
        name, _, arg = op.partition(":")
        if name == "set":
            key, _, text = arg.partition("=")
            ws, row = row_of(book, key)
            ws.cell(row=row, column=3).value = value(text)
        elif name == "cell":
            ref, _, text = arg.partition("=")
            sheet, _, address = ref.rpartition("!")
            book[sheet][address].value = value(text)
        elif name == "delete-sheet":
            del book[arg]
        elif name == "rename-sheet":
            old, _, new = arg.partition("=")
            book[old].title = new
        elif name == "move":
            ws, row = row_of(book, arg)
            ws.move_range(f"A{row}:H{row}", rows=ws.max_row + 5 - row)
        elif name == "delete-row":
            ws, row = row_of(book, arg)
            ws.delete_rows(row)
        elif name == "version":
            book["hromada"]["B1"].value = value(arg)
        else:
            raise SystemExit(f"unknown op {op}")
    book.save(target)


main()
