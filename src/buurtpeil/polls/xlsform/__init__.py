"""XLSForm (ODK, KoboToolbox, Enketo, Survey123) import and export of polls, read with pyxform.

Import: the upload is checked first (at most 5 MB, an .xlsx zip that does not unpack to more
than 60 MB), then pyxform reads the sheets and checks the form as a whole; then every survey
row is mapped to the poll definition (see ``reading``). Everything Buurtpeil cannot represent
is collected, row by row, and raised as one ``XLSFormError``; only a form without problems
becomes a poll (a draft), in one transaction with its audit row.

Decisions:
- A top-level group is one screen (a definition group). A group inside a group becomes a
  screen of its own; the outer group's later questions continue on a new screen with the
  outer title. Group conditions are added to each question's condition (``and``); a group
  condition and a question condition that use ``or`` cannot be combined and are refused.
- A ``table-list`` group (or a ``field-list`` group of ``list-nolabel`` select_one rows with one
  choice list) is a grid: the group is the question, its rows are the items.
- select_one with appearance ``likert`` is a Likert question; a choice named ``dk`` in a Likert
  or grid list is Buurtpeil's "don't know".
- An integer constrained to 1..10, or a range 1..10 step 1, is a report mark.
- Device metadata rows (start, end, today, deviceid, username, audit ...) are skipped: they
  are not questions. Refused per row: repeats, notes, calculate, hidden, date/time, media
  questions (photo, audio, video, file), barcode, geotrace/geoshape, ranking, choices from a
  file, or_other, choice filters (cascading selects), defaults, read-only, triggers, media
  columns, any other range, constraints other than a number's minimum and maximum, required
  as an expression, conditions other than those in ``expressions``, unknown languages.
- Plain ``label``/``hint`` columns are in the form's ``default_language`` (settings sheet) or,
  without one, in the organisation's default language. The source language is that default
  language; a column ``label::Name`` without ``(code)`` is recognised by its name.
- Own columns keep what XLSForm has no place for: ``buurtpeil::type``, ``buurtpeil::factor``,
  ``buurtpeil::indicator``, ``buurtpeil::reverse``, ``buurtpeil::dont_know`` on the survey
  sheet, ``buurtpeil::title::<language>`` and ``buurtpeil::intro::<language>`` on the settings
  sheet. pyxform passes them through; other tools ignore them.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.db import transaction

from buurtpeil.organisations.services import audit_record
from buurtpeil.polls.definition import DefinitionError, definition_validate, questions
from buurtpeil.polls.services import poll_create, problem_text
from buurtpeil.polls.xlsform import workbook
from buurtpeil.polls.xlsform.problems import Problem, XLSFormError
from buurtpeil.polls.xlsform.reading import Reader
from buurtpeil.polls.xlsform.workbook import MAX_BYTES
from buurtpeil.polls.xlsform.writing import xlsform_write

__all__ = [
    "MAX_BYTES",
    "Problem",
    "XLSFormError",
    "xlsform_export",
    "xlsform_import",
    "xlsform_read",
    "xlsform_write",
]


def xlsform_read(
    file, *, default_language: str = "nl", fallback_title: str = ""
) -> tuple[dict[str, Any], str]:
    """``(definition, title)`` from an XLSForm upload (bytes or a file object); raises
    ``XLSFormError`` listing every problem."""
    data = workbook.upload_bytes(file)
    book = workbook.book_read(data)
    fallback_title = fallback_title or PurePath(str(getattr(file, "name", "") or "")).stem or "XLSForm"
    first = workbook.pyxform_problem(book)
    reader = Reader(book, default_language=default_language, fallback_title=fallback_title)
    try:
        definition, title = reader.read()
    except XLSFormError as error:  # a sheet pyxform could not group
        reader.problems.extend(error.problems)
        definition, title = None, ""
    problems = reader.problems
    said = {(p.sheet, p.row) for p in problems if p.row}
    if first is not None and (first.sheet, first.row) not in said:
        problems = [first, *problems]  # pyxform's own objection, unless ours says it for that row
    if not problems and definition is not None:
        try:
            definition_validate(definition)
        except DefinitionError as error:  # a safety net: the reader should have said it per row
            problems = [Problem("", None, "", problem_text(problem)) for problem in error.problems]
    if problems:
        raise XLSFormError(problems)
    return definition, title


@transaction.atomic
def xlsform_import(*, organisation, file, actor=None):
    """A new draft poll from an XLSForm upload, with an audit row; nothing is created when the
    workbook has a problem (``XLSFormError``). ``xlsform_read`` has already checked the
    definition that ``poll_create`` stores."""
    definition, title = xlsform_read(file, default_language=organisation.default_language)
    poll = poll_create(organisation=organisation, title=title, definition=definition, actor=actor)
    count = sum(1 for _question in questions(definition))
    audit_record(
        organisation=organisation,
        actor=actor,
        action="import",
        subject=f"XLSForm import: poll {poll.pk} “{title}”, {count} questions",
    )
    return poll


@transaction.atomic
def xlsform_export(*, poll, actor=None) -> bytes:
    """The poll's editable definition as an XLSForm workbook, with an audit row."""
    data = xlsform_write(poll.definition, poll.title)
    audit_record(
        organisation=poll.organisation,
        actor=actor,
        action="export",
        subject=f"XLSForm export: poll {poll.pk} “{poll.title}”",
    )
    return data
