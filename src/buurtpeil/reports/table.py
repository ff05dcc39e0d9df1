"""A dataset to export: variables (name, label, type, value labels, missing codes) and rows.

Every export format writes a ``Table`` and knows nothing of where it came from, so a new
dataset (aggregated results, say) only has to build one. Pure Python: no Django here.

Variable names are safe for SPSS (and so for R, Stata and Excel): at most 64 characters,
ASCII letters, digits and ``_``, starting with a letter, not a reserved word, and unique
regardless of case (``names_unique``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["KINDS", "MEASURES", "NAME_MAX", "Table", "Variable", "name_safe", "names_unique"]

KINDS = ("integer", "float", "string", "date")
MEASURES = ("nominal", "ordinal", "scale")
NAME_MAX = 64
# SPSS keywords that cannot name a variable.
RESERVED = frozenset({"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"})
NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]+")


@dataclass(frozen=True)
class Variable:
    """One column. Integer values may carry labels (``value_labels``: code -> label); codes in
    ``missing`` are answers that count as missing in analysis, such as "don't know"."""

    name: str
    label: str
    kind: Literal["integer", "float", "string", "date"]
    value_labels: dict[int, str] = field(default_factory=dict)
    missing: tuple[int, ...] = ()
    measure: Literal["nominal", "ordinal", "scale"] = "nominal"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}: expected one of {', '.join(KINDS)}")
        if self.measure not in MEASURES:
            raise ValueError(f"unknown measure {self.measure!r}: expected one of {', '.join(MEASURES)}")
        if (self.value_labels or self.missing) and self.kind != "integer":
            raise ValueError(f"{self.name}: only integer variables have value labels and missing codes")


@dataclass(frozen=True)
class Table:
    """``rows`` yields one tuple per row, its values in the order of ``variables`` (None is
    missing: int, float, str or ``datetime.date`` otherwise, as the variable's kind says).
    It may be a one-off iterator: a writer reads it once. ``row_count`` is how many it yields."""

    title: str
    variables: list[Variable]
    rows: Iterable[tuple[Any, ...]]
    row_count: int

    def __post_init__(self) -> None:
        names = [variable.name for variable in self.variables]
        if names_unique(names) != names:
            raise ValueError("variable names must be safe and unique (see names_unique)")


def name_safe(raw: str) -> str:
    """``raw`` as a variable name: accents dropped, other characters as ``_``, a ``v`` in
    front when it does not start with a letter or is a reserved word, at most 64 characters."""
    ascii_only = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    name = NOT_IN_NAME.sub("_", ascii_only)
    if not name[:1].isalpha() or name.upper() in RESERVED:
        name = "v" + name
    return name[:NAME_MAX]


def names_unique(raws: Iterable[str]) -> list[str]:
    """Safe names (``name_safe``) for ``raws`` in order; a name already taken (in any case)
    gets ``_2``, ``_3``, ... (shortened to fit)."""
    taken: set[str] = set()
    names = []
    for raw in raws:
        name = candidate = name_safe(raw)
        number = 1
        while candidate.upper() in taken:
            number += 1
            suffix = f"_{number}"
            candidate = name[: NAME_MAX - len(suffix)] + suffix
        taken.add(candidate.upper())
        names.append(candidate)
    return names
