"""XLSX: the answers on the first sheet (one row per respondent, a header of variable names,
answers as codes) and the codebook on the second (each variable's label and type, and each
code's label). Written by openpyxl in write-only mode, which streams rows to a temporary
file, so memory stays flat; a sheet holds at most 1,048,576 rows.

Texts are always text: one that starts with ``=`` is not made a formula, and characters that
XLSX cannot hold (control characters) are dropped.
"""

from typing import Any, BinaryIO

from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from buurtpeil.reports.formats.registry import ExportFormat, register
from buurtpeil.reports.table import Table, Variable

SHEET_ROWS = 1_048_576
TITLE_MAX = 31  # characters in a sheet name
BOLD = Font(bold=True)


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _text_cell(sheet, value: str) -> Any:
    """``value`` as a text cell, even when a spreadsheet would read it as a formula or error."""
    value = _text(value)
    if not value.startswith("=") and value not in ERROR_CODES:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _header(sheet, names: list[str]) -> list[Any]:
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _kinds() -> dict[str, str]:
    return {
        "integer": pgettext("codebook", "whole number"),
        "float": pgettext("codebook", "number"),
        "string": pgettext("codebook", "text"),
        "date": pgettext("codebook", "date"),
    }


def _codebook(sheet, variables: list[Variable]) -> None:
    sheet.freeze_panes = "A2"
    headings = [
        pgettext("codebook", "Variable"),
        pgettext("codebook", "Label"),
        pgettext("codebook", "Type"),
        pgettext("codebook", "Code"),
        pgettext("codebook", "Code label"),
        pgettext("codebook", "Missing"),
    ]
    sheet.append(_header(sheet, headings))
    kinds, missing = _kinds(), pgettext("codebook", "missing")
    for variable in variables:
        sheet.append([variable.name, _text_cell(sheet, variable.label), kinds[variable.kind]])
        for code, label in variable.value_labels.items():
            sheet.append(
                [
                    None,
                    None,
                    None,
                    code,
                    _text_cell(sheet, label),
                    missing if code in variable.missing else None,
                ]
            )


@register("xlsx")
class Xlsx(ExportFormat):
    verbose_name = gettext_lazy("Excel (.xlsx)")
    description = gettext_lazy(
        "A workbook with the answers as codes on the first sheet and the codebook (questions and "
        "the label of every code) on the second."
    )
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    max_rows = SHEET_ROWS - 1

    def write(self, table: Table, out: BinaryIO) -> None:
        workbook = Workbook(write_only=True)
        answers = workbook.create_sheet(pgettext("codebook", "Answers")[:TITLE_MAX])
        codebook = workbook.create_sheet(pgettext("codebook", "Codebook")[:TITLE_MAX])
        answers.freeze_panes = "A2"
        answers.append(_header(answers, [variable.name for variable in table.variables]))
        texts = [n for n, variable in enumerate(table.variables) if variable.kind == "string"]
        for row in table.rows:
            if texts:
                row = list(row)
                for n in texts:
                    if row[n] is not None:
                        row[n] = _text_cell(answers, row[n])
            answers.append(row)
        _codebook(codebook, table.variables)
        workbook.save(out)
