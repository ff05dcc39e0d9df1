"""Read population counts per buurt from a CSV in the wide CBS layout.

Columns: ``buurtcode, inwoners, mannen, vrouwen, leeftijd_0_15, leeftijd_15_25,
leeftijd_25_45, leeftijd_45_65, leeftijd_65_plus`` and optionally ``jaar``; other columns
(``buurtnaam``, ``wijkcode``) are ignored. Comma or semicolon separated, UTF-8 with or
without a byte order mark.

CBS rounds buurt counts to multiples of 5, so the men and women, or the age groups, need not
add up to ``inwoners``: each count is off by at most 2.5, so a sum over n categories may differ
by up to 2.5 * (n + 1). Larger differences are refused as real inconsistencies.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from buurtpeil.areas.importers.errors import AreaImportError, ErrorList, refuse_binary

CODE_COLUMN = "buurtcode"
TOTAL_COLUMN = "inwoners"
YEAR_COLUMN = "jaar"
# variable -> {category: column}
VARIABLES: dict[str, dict[str, str]] = {
    "sex": {"male": "mannen", "female": "vrouwen"},
    "age_group": {
        "0_15": "leeftijd_0_15",
        "15_25": "leeftijd_15_25",
        "25_45": "leeftijd_25_45",
        "45_65": "leeftijd_45_65",
        "65_plus": "leeftijd_65_plus",
    },
}
ROUNDING = 2.5  # CBS rounds each count to a multiple of 5
REQUIRED = [CODE_COLUMN, TOTAL_COLUMN, *(c for columns in VARIABLES.values() for c in columns.values())]
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_COUNT = 100_000_000  # far above any area; keeps sums within the database's integer range
_WHOLE = re.compile(r"^\d+$")
MAX_CODE = 20  # Area.code


@dataclass
class PopulationRow:
    line: int
    code: str
    total: int
    counts: dict[str, dict[str, int]]  # variable -> category -> count
    rounded: bool = False  # a sum differs from the total within the rounding margin


@dataclass
class PopulationTable:
    rows: dict[str, PopulationRow]  # by buurt code
    year: int | None
    rounding_differences: int = 0  # rows where a sum differs from the total within the margin
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows.values())


def tolerance(categories: int) -> float:
    return ROUNDING * (categories + 1)


def parse_population_csv(
    data: bytes,
    *,
    buurt_codes: set[str] | None,
    other_codes: dict[str, str] | None = None,
    year: int | None = None,
) -> PopulationTable:
    """Validate ``data`` against the buurten it should describe.

    ``buurt_codes`` None skips that check (when the area file itself could not be read).
    ``other_codes`` maps codes of wijken and gemeenten to their level, so that a row for
    one of those gets a precise message. ``year`` overrides (and must agree with) a ``jaar``
    column.
    """
    other_codes = other_codes or {}
    if not data.strip():
        raise AreaImportError([_("The population file is empty.")])
    refuse_binary(data, population=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's default for "CSV" in Dutch Windows
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error:
        raise AreaImportError([_unreadable(reader.line_num)]) from None

    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise AreaImportError(
            [
                _("The population file lacks the column(s) %(missing)s. Its header is: %(header)s.")
                % {"missing": ", ".join(missing), "header": ", ".join(header)[:300]}
            ]
        )
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if doubled:
        raise AreaImportError(
            [
                _("The population file has the column(s) %(columns)s twice.")
                % {"columns": ", ".join(doubled)[:300]}
            ]
        )
    position = {name: i for i, name in enumerate(header)}

    errors = ErrorList()
    rows: dict[str, PopulationRow] = {}
    years: dict[int, int] = {}  # year -> first line
    for values in _rows(reader, errors):
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            errors.add(
                _("Row %(line)d: %(found)d values, but the header has %(expected)d columns.")
                % {"line": line, "found": len(values), "expected": len(header)}
            )
            continue
        row = _read_row(line, values, position, errors)
        if row is None:
            continue
        if row.code in rows:
            errors.add(
                _("Row %(line)d: %(code)s also occurs in row %(first)d.")
                % {"line": line, "code": row.code, "first": rows[row.code].line}
            )
            continue
        if buurt_codes is not None and row.code not in buurt_codes:
            level = other_codes.get(row.code)
            if level:
                message = _("Row %(line)d: %(code)s is a %(level)s, not a buurt; give buurten only.")
            else:
                message = _("Row %(line)d: %(code)s is not a buurt of the area file.")
            errors.add(message % {"line": line, "code": row.code, "level": level})
            continue
        _check_sums(row, errors)
        rows[row.code] = row
        if YEAR_COLUMN in position:
            row_year = _read_year(values[position[YEAR_COLUMN]], line, errors)
            if row_year is not None:
                years.setdefault(row_year, line)

    if not rows and not errors:
        errors.add(_("The population file has a header but no rows."))
    year = _resolve_year(year, years, errors)
    errors.raise_if_any()

    table = PopulationTable(rows=rows, year=year)
    table.rounding_differences = sum(1 for row in rows.values() if row.rounded)
    return table


def _unreadable(line: int) -> str:
    return _(
        "Row %(line)d of the population file cannot be read as CSV: a cell is far too long, "
        "or a quote is never closed."
    ) % {"line": line}


def _rows(reader, errors: ErrorList):
    """The rows of ``reader``; a row the csv module cannot read ends the file with an error."""
    try:
        yield from reader
    except csv.Error:
        errors.add(_unreadable(reader.line_num))


def _read_row(
    line: int, values: list[str], position: dict[str, int], errors: ErrorList
) -> PopulationRow | None:
    code = values[position[CODE_COLUMN]].strip().upper()
    if not code:
        errors.add(_("Row %(line)d: the buurtcode is empty.") % {"line": line})
        return None
    if len(code) > MAX_CODE:
        errors.add(
            _("Row %(line)d: the buurtcode “%(code)s…” is longer than %(max)d characters.")
            % {"line": line, "code": code[:MAX_CODE], "max": MAX_CODE}
        )
        return None
    total = _read_count(line, code, TOTAL_COLUMN, values[position[TOTAL_COLUMN]], errors)
    counts: dict[str, dict[str, int]] = {}
    valid = total is not None
    for variable, columns in VARIABLES.items():
        counts[variable] = {}
        for category, column in columns.items():
            count = _read_count(line, code, column, values[position[column]], errors)
            if count is None:
                valid = False
            else:
                counts[variable][category] = count
    if not valid:
        return None
    return PopulationRow(line=line, code=code, total=total, counts=counts)


def _read_count(line: int, code: str, column: str, raw: str, errors: ErrorList) -> int | None:
    value = raw.strip()
    context = {"line": line, "code": code, "column": column, "value": value[:20]}
    if _WHOLE.match(value):
        count = _whole(value)
        if count <= MAX_COUNT:
            return count
        errors.add(_("Row %(line)d (%(code)s): %(column)s is not a plausible count (%(value)s).") % context)
        return None
    if not value or value in (".", "x", "-99999999"):
        errors.add(
            _("Row %(line)d (%(code)s): %(column)s is empty or secret (“%(value)s”); a count is needed.")
            % context
        )
    elif value.startswith("-"):
        errors.add(_("Row %(line)d (%(code)s): %(column)s is negative (%(value)s).") % context)
    else:
        errors.add(_("Row %(line)d (%(code)s): %(column)s is not a whole number (“%(value)s”).") % context)
    return None


def _whole(digits: str) -> int:
    """The number written in ``digits``; one of more than 18 digits counts as 10**18 (Python
    refuses to convert thousands of digits, and no count or year comes near)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else 10**18


def _check_sums(row: PopulationRow, errors: ErrorList) -> None:
    for variable, counts in row.counts.items():
        difference = sum(counts.values()) - row.total
        if difference == 0:
            continue
        margin = tolerance(len(counts))
        if abs(difference) <= margin:
            row.rounded = True
            continue
        columns = " + ".join(VARIABLES[variable].values())
        errors.add(
            _(
                "Row %(line)d (%(code)s): %(columns)s = %(sum)d, but inwoners = %(total)d. "
                "The difference of %(difference)d is more than CBS rounding can explain (%(margin)s)."
            )
            % {
                "line": row.line,
                "code": row.code,
                "columns": columns,
                "sum": sum(counts.values()),
                "total": row.total,
                "difference": abs(difference),
                "margin": f"{margin:g}",
            }
        )


def _read_year(raw: str, line: int, errors: ErrorList) -> int | None:
    value = raw.strip()
    if _WHOLE.match(value) and MIN_YEAR <= _whole(value) <= MAX_YEAR:
        return _whole(value)
    errors.add(_("Row %(line)d: the year “%(value)s” is not a year.") % {"line": line, "value": value[:20]})
    return None


def _resolve_year(year: int | None, years: dict[int, int], errors: ErrorList) -> int | None:
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        errors.add(_("The population year %(year)d is not a plausible year.") % {"year": year})
        return None
    if len(years) > 1:
        found = ", ".join(
            _("%(year)d (from row %(line)d)") % {"year": y, "line": line} for y, line in sorted(years.items())
        )
        errors.add(_("The population file mixes several years: %(years)s.") % {"years": found})
        return None
    file_year = next(iter(years), None)
    if year is not None and file_year is not None and year != file_year:
        errors.add(
            _("The population year %(year)d differs from the year in the file (%(file_year)d).")
            % {"year": year, "file_year": file_year}
        )
    return year if year is not None else file_year
