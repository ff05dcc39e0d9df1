"""A problem in a workbook, pointed at its sheet, row and question, in words for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Problem:
    sheet: str  # "survey", "choices", "settings" or "" for the file as a whole
    row: int | None  # the spreadsheet row number (1 is the header row)
    name: str  # the question or choice name, or ""
    message: str  # a plain reason, already in the user's language

    def __str__(self) -> str:
        parts = [
            self.sheet,
            _("row %(row)d") % {"row": self.row} if self.row else "",
            f"“{self.name}”" if self.name else "",
        ]
        where = ", ".join(part for part in parts if part)
        return f"{where}: {self.message}" if where else self.message


class XLSFormError(ValueError):
    """The workbook cannot become a poll; ``problems`` lists every reason, row by row."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems
