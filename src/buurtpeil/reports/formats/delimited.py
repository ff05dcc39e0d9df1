"""CSV as Excel in the Netherlands opens it with a double click: UTF-8 with a byte order mark,
``;`` between fields, a decimal comma, dates as 2026-03-31 and CRLF line ends (the dialect of
R's ``write.csv2``; read it back with ``read.csv2`` or ``pandas.read_csv(sep=";",
decimal=",")``). Coded answers are their codes; the codebook is in the XLSX and SPSS files.

A text that starts with ``=``, ``+``, ``-``, ``@`` or a tab would be taken for a formula by a
spreadsheet, so it gets a leading ``'`` (OWASP's advice against CSV injection): residents
write these texts.
"""

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from itertools import islice
from typing import Any, BinaryIO

from django.utils.translation import gettext_lazy as _

from buurtpeil.reports.formats.registry import ExportFormat, register
from buurtpeil.reports.table import Table

BOM = "\ufeff"
ROWS_PER_CHUNK = 2000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _decimal_comma(value: float) -> str:
    return repr(value).replace(".", ",")


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


# How a value of each kind is written; whole numbers and None (empty) as the csv module does.
CONVERT: dict[str, Callable[[Any], str]] = {"float": _decimal_comma, "date": date.isoformat, "string": _text}


@register("csv")
class Csv(ExportFormat):
    verbose_name = _("CSV (.csv)")
    description = _(
        "Plain text for Excel, R or Python: one row per respondent, answers as codes; "
        "fields separated by semicolons, decimal comma."
    )
    extension = "csv"
    content_type = "text/csv; charset=utf-8"
    streams = True

    def chunks(self, table: Table) -> Iterator[bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        buffer.write(BOM)
        writer.writerow(variable.name for variable in table.variables)
        converters = [(n, CONVERT[v.kind]) for n, v in enumerate(table.variables) if v.kind in CONVERT]
        rows = iter(table.rows)
        while True:
            for row in islice(rows, ROWS_PER_CHUNK):
                cells = list(row)
                for n, convert in converters:
                    if cells[n] is not None:
                        cells[n] = convert(cells[n])
                writer.writerow(cells)
            piece = buffer.getvalue()
            if not piece:
                return
            yield piece.encode("utf-8")
            buffer.seek(0)
            buffer.truncate()

    def write(self, table: Table, out: BinaryIO) -> None:
        for piece in self.chunks(table):
            out.write(piece)
