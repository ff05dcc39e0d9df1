"""SPSS .sav with variable labels, value labels and "don't know" declared missing, written by
pyreadstat (ReadStat) from a polars frame, with the byte-code compression SPSS itself uses by
default (a quarter of the size; every SPSS, PSPP, R haven and Stata reads it).

ReadStat writes a file from a whole frame, so the rows are gathered first: in batches, into
compact columns (coded answers as 16-bit integers). A million respondents with 65 columns take
about 300 MB (``bench/exports.py``). The file is written to a temporary file and then copied to
``out``.
Labels longer than SPSS holds are cut at a character boundary (variable labels 255 bytes,
value labels 120 bytes, the file label 64 bytes).
"""

import shutil
import tempfile
from itertools import islice
from typing import BinaryIO

import polars as pl
import pyreadstat
from django.utils.translation import gettext_lazy as _

from buurtpeil.reports.formats.registry import ExportFormat, register
from buurtpeil.reports.table import Table, Variable

ROWS_PER_BATCH = 10_000
LABEL_BYTES, VALUE_LABEL_BYTES, FILE_LABEL_BYTES = 255, 120, 64
CODE_MAX = 32_767


def _cut(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _dtype(variable: Variable) -> pl.DataType:
    if variable.kind == "integer":
        codes = [*variable.value_labels, *variable.missing]
        small = codes and max(abs(code) for code in codes) <= CODE_MAX
        return pl.Int16() if small else pl.Int32()
    return {"float": pl.Float64(), "string": pl.String(), "date": pl.Date()}[variable.kind]


def frame(table: Table) -> pl.DataFrame:
    """The table as a polars frame, read in batches so that only one batch of rows is held
    as Python objects at a time."""
    schema = {variable.name: _dtype(variable) for variable in table.variables}
    rows = iter(table.rows)
    batches = []
    while batch := list(islice(rows, ROWS_PER_BATCH)):
        batches.append(pl.DataFrame(batch, schema=schema, orient="row"))
    return pl.concat(batches) if batches else pl.DataFrame(schema=schema)


@register("sav")
class Sav(ExportFormat):
    verbose_name = _("SPSS (.sav)")
    description = _(
        "For SPSS, PSPP, R (haven) or Stata: every question with its label and the label of "
        "every code; “don't know” is declared missing."
    )
    extension = "sav"
    content_type = "application/x-spss-sav"

    def write(self, table: Table, out: BinaryIO) -> None:
        variables = table.variables
        data = frame(table)
        with tempfile.NamedTemporaryFile(suffix=".sav") as scratch:
            pyreadstat.write_sav(
                data,
                scratch.name,
                file_label=_cut(table.title, FILE_LABEL_BYTES),
                column_labels=[_cut(variable.label, LABEL_BYTES) for variable in variables],
                variable_value_labels={
                    v.name: {code: _cut(label, VALUE_LABEL_BYTES) for code, label in v.value_labels.items()}
                    for v in variables
                    if v.value_labels
                },
                missing_ranges={v.name: list(v.missing) for v in variables if v.missing},
                variable_measure={v.name: v.measure for v in variables},
                row_compress=True,
            )
            del data
            with open(scratch.name, "rb") as written:
                shutil.copyfileobj(written, out)
