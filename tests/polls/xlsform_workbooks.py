"""XLSForm workbooks built in memory for the XLSForm tests (openpyxl, no files on disk)."""

import io

from openpyxl import Workbook

YES_NO = [
    ["list_name", "name", "label::Dutch (nl)", "label::English (en)"],
    ["yn", "yes", "Ja", "Yes"],
    ["yn", "no", "Nee", "No"],
]


def workbook(survey, choices=None, settings=None, *, sheet_names=("survey", "choices", "settings")) -> bytes:
    """An .xlsx with the given sheets; each is a list of rows, the first row the header."""
    book = Workbook()
    sheets = [rows for rows in (survey, choices, settings)]
    first = True
    for name, rows in zip(sheet_names, sheets, strict=True):
        if rows is None:
            continue
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = name
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def survey_nl_en(*rows, header=("type", "name", "label::Dutch (nl)", "label::English (en)")):
    return [list(header), *[list(row) for row in rows]]
