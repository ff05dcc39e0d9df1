"""Export formats register under a unique id (``buurtpeil.core.registry``).

A format writes any ``reports.table.Table`` to a binary file; one that can do so row by row
(CSV) also yields the file in pieces, so a download starts at once and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from buurtpeil.core.registry import Registry
from buurtpeil.reports.table import Table


class ExportFormat:
    identifier: ClassVar[str]
    verbose_name: ClassVar[Any]  # e.g. "SPSS (.sav)", translatable
    description: ClassVar[Any]  # one sentence on what it holds and what opens it
    extension: ClassVar[str]
    content_type: ClassVar[str]
    max_rows: ClassVar[int | None] = None  # more rows than the format can hold
    streams: ClassVar[bool] = False  # ``chunks`` yields the file while the rows are read

    def write(self, table: Table, out: BinaryIO) -> None:
        """Write the whole file to ``out``; the texts it adds (sheet names, headings) are in
        the active language."""
        raise NotImplementedError

    def chunks(self, table: Table) -> Iterator[bytes]:
        """The file in pieces, written while the rows are read (formats that ``stream``)."""
        raise NotImplementedError


register: Registry[ExportFormat] = Registry()
