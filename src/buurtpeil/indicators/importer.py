"""Reading a file of area figures (pure: bytes in, plain data or every problem out; no database).

Two shapes are read, told apart by the header:

- The long format of Buurtpeil: ``buurtcode,jaar,indicator,categorie,waarde[,maand][,buurtnaam]``,
  comma or semicolon separated, UTF-8. Rows with ``maand`` (1-12) are summed to a year, and the
  number of months is kept.
- A CBS StatLine CSV export (e.g. 47018NED, "Geregistreerde misdrijven; soort misdrijf, wijk,
  buurt"): semicolon separated, quoted, codes padded with spaces, ``Perioden`` like ``2019JJ00``
  (a year) or ``2019MM03`` (a month), and ``.`` where a figure is secret or unknown.

Columns are found through ``ALIASES`` (a column name may have several spellings), so a file with
e.g. ``aantal`` instead of ``waarde`` and ``categorie_code`` beside ``categorie`` is read the same
way. Unknown columns are ignored. ``match_areas`` then sets the figures beside the
organisation's buurten: unknown codes, and codes whose buurt name in the file clearly differs
from the buurt's name (a code reused for another area after a boundary revision), are skipped.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from buurtpeil.core.importing import ErrorList, ImportRefused

MAX_BYTES = 20 * 1024 * 1024
MAX_ERRORS = 30
MAX_CELL = 200
MIN_YEAR, MAX_YEAR = 1900, 2100
UNKNOWN_MARKERS = {".", "x", "-", ""}  # CBS: "." unknown or secret; "x" secret
# field -> column names, most specific first
ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("buurtcode", "wijkenenbuurten", "regiocode", "code"),
    "period": ("perioden",),
    "year": ("jaar",),
    "month": ("maand",),
    "indicator": ("indicator",),
    "category": ("categorie_code", "categorie", "soortmisdrijf", "soort"),
    "category_label": ("categorie_naam", "categorie_label", "categorie"),
    "value": ("waarde", "aantal", "geregistreerdemisdrijven_1", "geregistreerdemisdrijven"),
    "name": ("buurtnaam", "buurtnaam_bron", "naam"),
}
# How a missing field is named to the user (the documented column name).
FIELD_COLUMN = {"code": "buurtcode", "year": "jaar", "category": "categorie", "value": "waarde"}
_PERIOD = re.compile(r"^(\d{4})(JJ00|MM(\d{2}))$")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_IDENTIFIER = re.compile(r"^[\w.\-]+$")
_CRIME = "crime"


class IndicatorImportError(ImportRefused):
    """The file was refused; ``errors`` holds every message (each naming its line and column)."""


@dataclass(frozen=True)
class Figure:
    """One figure for one buurt code: the sum of its months (``months`` 12 for a year row)."""

    code: str
    indicator: str
    category: str
    category_label: str
    year: int
    value: float
    months: int


@dataclass
class ParsedFile:
    shape: str  # "long" | "cbs"
    rows: int
    figures: list[Figure]
    names: dict[str, str]  # buurt code -> the name the file gives it (first seen)
    unknown_values: int = 0  # cells with "." (secret or unknown): no figure
    other_levels: int = 0  # rows for a wijk, the gemeente or the country (CBS tables)


@dataclass
class Matched:
    figures: list[Figure]
    unknown_codes: dict[str, int] = field(default_factory=dict)  # code -> rows skipped
    other_areas: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (file, ours)


def parse_figures(data: bytes, *, default_indicator: str = _CRIME) -> ParsedFile:
    """The figures of ``data``, or ``IndicatorImportError`` with every problem."""
    if len(data) > MAX_BYTES:
        raise IndicatorImportError(
            [_("The file is larger than %(limit)d MB; split it by year.") % {"limit": MAX_BYTES // 2**20}]
        )
    if not data.strip():
        raise IndicatorImportError([_("The file is empty.")])
    if data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        raise IndicatorImportError(
            [_("The file is not a CSV file (a spreadsheet, PDF or other binary file?). Save it as CSV.")]
        )
    text = _decode(data)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise IndicatorImportError(
            [
                _("Line %(line)d holds a NUL character: the file is damaged or not a CSV file.")
                % {"line": line}
            ]
        )
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().strip('"').lower() for name in next(reader, [])]
    except csv.Error:
        raise IndicatorImportError([_("Line 1 cannot be read as CSV.")]) from None
    columns = _columns(header)
    shape = "cbs" if "period" in columns else "long"
    errors = ErrorList(MAX_ERRORS, IndicatorImportError)
    # (code, indicator, category, year) -> {month or 0: (line, value)}
    cells: dict[tuple[str, str, str, int], dict[int, tuple[int, float]]] = defaultdict(dict)
    labels: dict[tuple[str, str, str, int], str] = {}
    names: dict[str, str] = {}
    parsed = ParsedFile(shape=shape, rows=0, figures=[], names=names)
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            parsed.rows += 1
            if len(values) != len(header):
                errors.add(
                    _("Line %(line)d: %(found)d values, but the header has %(expected)d columns.")
                    % {"line": line, "found": len(values), "expected": len(header)}
                )
                continue
            row = _row(values, columns, header, line, default_indicator, errors)
            if row is None:
                continue
            code, indicator, category, label, year, month, value, name = row
            if not code.startswith("BU"):
                parsed.other_levels += 1
                continue
            if name:
                names.setdefault(code, name)
            key = (code, indicator, category, year)
            if label:
                labels.setdefault(key, label)
            months = cells[key]
            slot = month or 0
            if slot in months:
                errors.add(
                    _(
                        "Line %(line)d: %(code)s, %(indicator)s/%(category)s, %(period)s also occurs "
                        "on line %(first)d."
                    )
                    % {
                        "line": line,
                        "code": code,
                        "indicator": indicator,
                        "category": category,
                        "period": f"{year}-{month:02d}" if month else year,
                        "first": months[slot][0],
                    }
                )
                continue
            if (0 in months) != (slot == 0) and months:
                errors.add(
                    _(
                        "Line %(line)d: %(code)s, %(indicator)s/%(category)s %(year)d has both a year "
                        "row and month rows."
                    )
                    % {"line": line, "code": code, "indicator": indicator, "category": category, "year": year}
                )
                continue
            months[slot] = (line, value)
    except csv.Error:
        errors.add(
            _("Line %(line)d cannot be read as CSV: a cell is far too long, or a quote is never closed.")
            % {"line": reader.line_num}
        )
    if not parsed.rows and not errors.messages:
        errors.add(_("The file has a header but no rows."))
    errors.raise_if_any()
    for (code, indicator, category, year), months in cells.items():
        known = {slot: value for slot, (_line, value) in months.items() if value == value}  # NaN: unknown
        parsed.unknown_values += len(months) - len(known)
        if not known:
            continue
        parsed.figures.append(
            Figure(
                code=code,
                indicator=indicator,
                category=category,
                category_label=labels.get((code, indicator, category, year), ""),
                year=year,
                value=sum(known.values()),
                months=12 if 0 in known else len(known),
            )
        )
    return parsed


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise IndicatorImportError(
            [
                _(
                    "The file is not UTF-8 encoded (line %(line)d). Save it as “CSV UTF-8” and "
                    "choose it again."
                )
                % {"line": line}
            ]
        ) from None


def _columns(header: list[str]) -> dict[str, int]:
    """Field -> column position, through ``ALIASES``; a column serves one field only."""
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if doubled:
        raise IndicatorImportError(
            [_("The header has the column(s) %(columns)s twice.") % {"columns": ", ".join(doubled)[:300]}]
        )
    columns: dict[str, int] = {}
    used: set[int] = set()
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if alias in header and header.index(alias) not in used:
                columns[name] = header.index(alias)
                used.add(columns[name])
                break
    missing = [FIELD_COLUMN[name] for name in ("code", "category", "value") if name not in columns]
    if "year" not in columns and "period" not in columns:
        missing.insert(1, FIELD_COLUMN["year"])
    if missing:
        raise IndicatorImportError(
            [
                _("The file lacks the column(s) %(missing)s. Its header is: %(header)s.")
                % {"missing": ", ".join(missing), "header": ", ".join(header)[:300]}
            ]
        )
    return columns


def _row(values, columns, header, line, default_indicator, errors):
    """(code, indicator, category, label, year, month, value, name) of one line, or None."""

    def cell(name: str) -> str:
        return values[columns[name]].strip() if name in columns else ""

    def where(name: str) -> dict[str, object]:
        return {"line": line, "column": header[columns[name]]}

    for name in columns:
        if len(values[columns[name]]) > MAX_CELL:
            errors.add(_("Line %(line)d, column %(column)s: the cell is too long.") % where(name))
            return None
    code = cell("code").upper()
    if not code:
        errors.add(_("Line %(line)d, column %(column)s: the code is empty.") % where("code"))
        return None
    indicator = cell("indicator").lower() or default_indicator
    if "indicator" in columns and not _IDENTIFIER.match(indicator):
        errors.add(
            _("Line %(line)d, column %(column)s: “%(value)s” is not an indicator code (letters, digits, _).")
            % {**where("indicator"), "value": indicator[:40]}
        )
        return None
    category = cell("category")
    if not category:
        errors.add(_("Line %(line)d, column %(column)s: the category is empty.") % where("category"))
        return None
    label = cell("category_label")
    if "period" in columns:
        period = _period(cell("period"))
        if period is None:
            errors.add(
                _(
                    "Line %(line)d, column %(column)s: the period “%(value)s” is not a year (like "
                    "2019JJ00) or a month (like 2019MM03)."
                )
                % {**where("period"), "value": cell("period")[:20]}
            )
            return None
        year, month = period
    else:
        year = _whole(cell("year"))
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            errors.add(
                _("Line %(line)d, column %(column)s: “%(value)s” is not a year.")
                % {**where("year"), "value": cell("year")[:20]}
            )
            return None
        month = None
        if "month" in columns and cell("month"):
            month = _whole(cell("month"))
            if month is None or not 1 <= month <= 12:
                errors.add(
                    _("Line %(line)d, column %(column)s: “%(value)s” is not a month (1 to 12).")
                    % {**where("month"), "value": cell("month")[:20]}
                )
                return None
    raw = cell("value")
    if raw in UNKNOWN_MARKERS:
        value = float("nan")  # secret or unknown: counted, no figure
    elif not _NUMBER.match(raw):
        errors.add(
            _("Line %(line)d, column %(column)s: “%(value)s” is not a number.")
            % {**where("value"), "value": raw[:20]}
        )
        return None
    else:
        value = float(raw.replace(",", "."))
        if value < 0:
            errors.add(
                _("Line %(line)d, column %(column)s: the value %(value)s is negative.")
                % {**where("value"), "value": raw[:20]}
            )
            return None
        if indicator == _CRIME and not value.is_integer():
            errors.add(
                _("Line %(line)d, column %(column)s: a number of crimes is a whole number, not %(value)s.")
                % {**where("value"), "value": raw[:20]}
            )
            return None
        if value > 1e12:
            errors.add(
                _("Line %(line)d, column %(column)s: %(value)s is not a plausible figure.")
                % {**where("value"), "value": raw[:20]}
            )
            return None
    return code, indicator[:40], category[:60], label, year, month, value, cell("name")


def _whole(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


def _period(text: str) -> tuple[int, int | None] | None:
    found = _PERIOD.match(text.upper())
    if not found:
        return None
    year = int(found.group(1))
    if found.group(3) is None:
        return year, None
    month = int(found.group(3))
    return (year, month) if 1 <= month <= 12 else None


def normalised_name(name: str) -> str:
    """Lower case, without accents, punctuation or spaces, with ij and y as i: "Eykenduynen" and
    "Eykenduinen" are both "eikenduinen"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("ij", "i").replace("y", "i")
    return re.sub(r"[^a-z0-9]", "", text)


def same_area_name(in_file: str, ours: str) -> bool:
    """Whether two names clearly name the same buurt: equal once normalised, or one contains the
    other ("Kraayenstein" in "Kraayenstein en Vroondaal")."""
    a, b = normalised_name(in_file), normalised_name(ours)
    if not a or not b:
        return True
    return a == b or a in b or b in a


def match_areas(parsed: ParsedFile, buurten: Mapping[str, str]) -> Matched:
    """The figures for the organisation's buurten (``buurten``: code -> name)."""
    matched = Matched(figures=[])
    rows: dict[str, int] = defaultdict(int)
    for figure in parsed.figures:
        rows[figure.code] += 1
    for figure in parsed.figures:
        code = figure.code
        if code not in buurten:
            matched.unknown_codes[code] = rows[code]
        elif code in parsed.names and not same_area_name(parsed.names[code], buurten[code]):
            matched.other_areas[code] = (parsed.names[code], buurten[code])
        else:
            matched.figures.append(figure)
    return matched


def incomplete_years(figures: Iterable[Figure]) -> dict[tuple[str, int], int]:
    """(indicator, year) -> the fewest months of a figure, for years with fewer than 12."""
    fewest: dict[tuple[str, int], int] = {}
    for figure in figures:
        key = (figure.indicator, figure.year)
        fewest[key] = min(fewest.get(key, 12), figure.months)
    return {key: months for key, months in fewest.items() if months < 12}
