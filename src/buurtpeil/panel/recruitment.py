"""Reading the CSV of invitees for a letter batch: bytes in, validated rows or all errors out.

Columns: ``name`` (optional), ``address``, ``buurtcode``; separated by ``;`` or ``,``;
UTF-8 with or without a byte-order mark. Other columns are ignored and never stored.
"""

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.core.text import storable

MAX_ROWS = 20_000
MAX_ERRORS_SHOWN = 25
NAME_MAX = 200
ADDRESS_MAX = 1000


@dataclass(frozen=True)
class Invitee:
    name: str
    address: str
    buurt_code: str


class RecruitmentFileError(Exception):
    """The file cannot be used; ``errors`` says why, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def invitees_parse(data: bytes, *, buurt_codes: Collection[str]) -> list[Invitee]:
    """The invitees in ``data``; raises ``RecruitmentFileError`` listing every faulty row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecruitmentFileError(
            [_("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")]
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise RecruitmentFileError([_("The file is empty.")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[0]))
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error:
        raise RecruitmentFileError(
            [
                _("Row %(row)d cannot be read as CSV: a cell is far too long, or a quote is never closed.")
                % {"row": len(rows) + 1}
            ]
        ) from None

    header = [column.strip().lower() for column in rows[0]]
    missing = [column for column in ("address", "buurtcode") if column not in header]
    if missing:
        raise RecruitmentFileError(
            [
                _("The first row must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)}
            ]
        )
    index = {column: header.index(column) for column in ("name", "address", "buurtcode") if column in header}
    known = {code.upper() for code in buurt_codes}
    invitees, errors = [], []
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise RecruitmentFileError(
            [_("The file has more than %(max)d rows; split it into several batches.") % {"max": MAX_ROWS}]
        )
    for number, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            errors.append(_("Row %(row)d has more values than there are columns.") % {"row": number})
            continue
        cells = {column: (row[i].strip() if i < len(row) else "") for column, i in index.items()}
        name, address, buurt_code = cells.get("name", ""), cells["address"], cells["buurtcode"].upper()
        if not address:
            errors.append(_("Row %(row)d: the address is empty.") % {"row": number})
        elif len(address) > ADDRESS_MAX or len(name) > NAME_MAX:
            errors.append(_("Row %(row)d: the name or address is too long.") % {"row": number})
        elif not storable(name + address):
            errors.append(
                _("Row %(row)d: the name or address contains a character that cannot be stored (NUL).")
                % {"row": number}
            )
        if not buurt_code:
            errors.append(_("Row %(row)d: the buurt code is empty.") % {"row": number})
        elif buurt_code not in known:
            errors.append(
                _("Row %(row)d: unknown buurt code “%(code)s”.") % {"row": number, "code": buurt_code[:20]}
            )
        invitees.append(Invitee(name=name, address=address, buurt_code=buurt_code))
    if not invitees and not errors:
        errors.append(_("The file has no invitees, only a header row."))
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        if len(errors) > MAX_ERRORS_SHOWN:
            more = len(errors) - MAX_ERRORS_SHOWN
            shown.append(ngettext("… and %(n)d more error.", "… and %(n)d more errors.", more) % {"n": more})
        raise RecruitmentFileError(shown)
    return invitees
