"""Errors of the analysis core: each says what was expected, what was found and what to do."""

from __future__ import annotations


class AnalysisError(ValueError):
    """Bad input or a computation that cannot give a sound figure.

    ``column`` and ``row`` (1-based data row, header not counted) name the place when known,
    so the command line can print one line that points at it.
    """

    def __init__(
        self, expected: str, got: str, hint: str = "", *, column: str | None = None, row: int | None = None
    ) -> None:
        self.expected = expected
        self.got = got
        self.hint = hint
        self.column = column
        self.row = row
        super().__init__(self.message)

    @property
    def message(self) -> str:
        place = ""
        if self.column is not None:
            place = f"column {self.column!r}"
            if self.row is not None:
                place += f", row {self.row}"
            place += ": "
        text = f"{place}expected {self.expected}, got {self.got}"
        return f"{text}; {self.hint}" if self.hint else text


class MarginError(AnalysisError):
    """Population margins that cannot be reached: empty cells, unequal totals."""


class ConvergenceError(AnalysisError):
    """An iterative method (raking, REML) did not converge within its iterations."""
