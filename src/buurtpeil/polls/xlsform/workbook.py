"""Reading the workbook with pyxform: size and type checks, pyxform's own validation, the
sheets as rows with their row numbers, the language columns, and the begin/end tree."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pyxform import aliases, constants
from pyxform.errors import PyXFormError
from pyxform.parsing.sheet_headers import dealias_and_group_headers
from pyxform.question import MultipleChoiceQuestion, Option
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from buurtpeil.polls.xlsform.problems import Problem, XLSFormError

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a zip that unpacks to more is refused (zip bomb)
ZIP_MAGIC = b"PK\x03\x04"
PYXFORM_ROW = re.compile(r"\[row : (\d+)\]")
PYXFORM_SHEET = re.compile(r"On the '(survey|choices|settings)' sheet")
NO_LANGUAGE = "default"  # pyxform's key for a column without ``::language``


def upload_bytes(file) -> bytes:
    """The upload's bytes after the size and type checks, before anything parses it."""
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        size = getattr(file, "size", None)
        if size is not None and size > MAX_BYTES:
            raise _too_large(size)
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    if not data.startswith(ZIP_MAGIC):
        raise XLSFormError([Problem("", None, "", _("This is not an Excel workbook (.xlsx)."))])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise XLSFormError(
            [Problem("", None, "", _("The workbook is damaged and cannot be read."))]
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise XLSFormError([Problem("", None, "", _("The workbook unpacks to more than can be read."))])
    return data


def _too_large(size: int) -> XLSFormError:
    message = _("The file is %(size)s; workbooks up to %(limit)s can be imported.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(MAX_BYTES),
    }
    return XLSFormError([Problem("", None, "", message)])


def book_read(data: bytes):
    """pyxform's reading of the sheets (raw rows keyed by the header text)."""
    try:
        return get_xlsform(xlsform=io.BytesIO(data), file_type=".xlsx")
    except Exception:
        raise XLSFormError(
            [Problem("", None, "", _("The workbook is damaged and cannot be read."))]
        ) from None


def pyxform_problem(book) -> Problem | None:
    """pyxform's own check of the whole form (it stops at its first error)."""
    try:
        workbook_to_json(workbook_dict=copy.deepcopy(book), form_name="data", warnings=[])
    except PyXFormError as error:
        reason = str(error).strip()
        match = PYXFORM_ROW.search(reason)
        reason = PYXFORM_ROW.sub("", reason).strip()
        sheet = PYXFORM_SHEET.search(reason)
        return Problem(
            sheet.group(1) if sheet else "survey" if match else "",
            int(match.group(1)) if match else None,
            "",
            _("pyxform: %(reason)s") % {"reason": reason[:400]},
        )
    except Exception as error:
        return Problem(
            "", None, "", _("pyxform cannot read this form (%(error)s).") % {"error": type(error).__name__}
        )
    return None


def sheet_rows(book, sheet: str, *, default_language: str) -> list[tuple[int, dict[str, Any]]]:
    """Rows of a sheet with columns grouped as pyxform does (``label::Dutch (nl)`` →
    ``{"label": {"Dutch (nl)": ...}}``, ``relevant`` → ``{"bind": {"relevant": ...}}``)."""
    data = getattr(book, sheet, None) or []
    header = getattr(book, f"{sheet}_header", None) or []
    if not data:
        return []
    if sheet == constants.SURVEY:
        aliases_, columns = aliases.survey_header, set(MultipleChoiceQuestion.get_slot_names())
    else:
        aliases_, columns = aliases.list_header, set(Option.get_slot_names())
    try:
        result = dealias_and_group_headers(
            sheet_name=sheet,
            sheet_data=data,
            sheet_header=header,
            header_aliases=aliases_,
            header_columns=columns,
            default_language=default_language,
        )
    except PyXFormError as error:
        raise XLSFormError(
            [Problem(sheet, 1, "", _("pyxform: %(reason)s") % {"reason": str(error)[:400]})]
        ) from None
    return list(enumerate(result.data, start=2))


def settings_row(book) -> dict[str, str]:
    rows = getattr(book, "settings", None) or []
    return {str(key).strip(): str(value).strip() for key, value in (rows[0] if rows else {}).items() if value}


def column_languages(book, sheet: str) -> list[str]:
    """Languages named in the text columns of a sheet, in column order (``NO_LANGUAGE`` for a
    plain ``label``)."""
    found: list[str] = []
    for header in (getattr(book, f"{sheet}_header", None) or [{}])[0]:
        parts = [part.strip() for part in str(header or "").split("::")]
        if parts[0].lower() in ("label", "hint", "caption") and len(parts) <= 2:
            language = parts[1] if len(parts) == 2 else NO_LANGUAGE
            if language and language not in found:
                found.append(language)
    return found


@dataclass
class Node:
    """A survey row, or a begin group/repeat row with the rows up to its end."""

    row: int
    data: dict[str, Any]
    kind: str  # "question", "group", "repeat"
    children: list[Node] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.data.get("name", "") or "").strip()

    @property
    def type(self) -> str:
        return " ".join(str(self.data.get("type", "") or "").split())

    @property
    def appearance(self) -> str:
        control = self.data.get("control")
        return str(control.get("appearance", "")) if isinstance(control, dict) else ""

    def bind(self, key: str) -> str:
        bind = self.data.get("bind")
        value = bind.get(key) if isinstance(bind, dict) else None
        return str(value).strip() if value not in (None, "") else ""

    def own(self, key: str) -> str:
        """A ``buurtpeil::key`` column."""
        own = self.data.get("buurtpeil")
        value = own.get(key) if isinstance(own, dict) else None
        return str(value).strip() if isinstance(value, str | int | float) else ""


def survey_tree(rows: list[tuple[int, dict]], problems: list[Problem]) -> list[Node]:
    """The survey as a tree of groups; unmatched begin and end rows are problems."""
    root = Node(0, {}, "group")
    stack = [root]
    for number, data in rows:
        if not data:
            continue
        node = Node(number, data, "question")
        kind = node.type.lower()
        if not kind:
            if node.name or data.get("label"):
                problems.append(Problem("survey", number, node.name, _("The row has no type.")))
            continue
        begin, end = RE_BEGIN_CONTROL.search(kind), RE_END_CONTROL.search(kind)
        if begin:
            node.kind = "group" if aliases.control[begin["type"]] == constants.GROUP else "repeat"
            stack[-1].children.append(node)
            stack.append(node)
        elif end:
            if len(stack) == 1:
                problems.append(
                    Problem("survey", number, "", _("“end group” without a “begin group” above it."))
                )
            else:
                stack.pop()
        else:
            stack[-1].children.append(node)
    for open_node in stack[1:]:
        problems.append(Problem("survey", open_node.row, open_node.name, _("This group has no “end group”.")))
    return root.children
