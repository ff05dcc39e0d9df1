"""A poll's answers as columns for the analysis core: one array per question, choice, indicator
and Tafel van 12 factor, one row per respondent.

Pure Python and NumPy (no Django), so that it runs on answers from the database, a file or a
test. Choice answers become integer codes into the question's choices (-1: no answer), numbers
become floats (NaN: no answer), each choice of a multiple-choice question a 0/1 column. The
indicators of the library registry (``polls.indicators``) are computed per respondent from
those columns, as are the twelve factor scores on 0-10 (10 is always the good end).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from buurtpeil.analysis import Categorical
from buurtpeil.polls.definition import choice_values, questions
from buurtpeil.polls.indicators import (
    FACTOR_INDICATORS,
    FACTORS,
    INDICATORS,
    higher_is_better,
    library_codes,
)
from buurtpeil.polls.scales import SCALES

CATEGORICAL_TYPES = ("single", "likert")
NUMERIC_TYPES = ("mark", "number")
NO_ANSWER = -1


@dataclass
class Column:
    """One estimable column: ``key`` names it in the table; ``kind`` is ``choice`` (a
    Categorical, shares per choice), ``binary`` (0/1, the share of 1s) or ``mean``."""

    key: str
    question: str
    kind: str
    item: str | None = None
    choice: str | None = None


@dataclass
class RespondentTable:
    n: int
    data: dict[str, Any] = field(default_factory=dict)  # key -> Categorical or float array
    columns: list[Column] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)  # registry codes present, in registry order
    factor_scores: np.ndarray | None = None  # (n, 12), NaN where a respondent has no score


def _codes(values: Iterable[Any], choices: Sequence[str], n: int) -> np.ndarray:
    index = {value: code for code, value in enumerate(choices)}
    return np.fromiter(
        (index.get(str(v), NO_ANSWER) if v is not None else NO_ANSWER for v in values), np.int64, n
    )


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return np.nan
    return float(value)


def respondent_table(definition: Mapping[str, Any], answers: Sequence[Mapping[str, Any]]) -> RespondentTable:
    """Columns for every question of ``definition`` and every registry indicator it measures."""
    n = len(answers)
    table = RespondentTable(n=n)
    parts: dict[tuple[str, str | None], tuple[str, Any]] = {}  # (question, item) -> (type, array)
    for question in questions(definition):
        code, kind = question["code"], question["type"]
        raw = [a.get(code) for a in answers]
        if kind in CATEGORICAL_TYPES:
            choices = choice_values(question)
            codes = _codes(raw, choices, n)
            _add(
                table,
                Column(f"q.{code}", code, "choice"),
                Categorical(codes, np.array(choices, dtype=object)),
            )
            parts[(code, None)] = ("choice", (codes, choices))
        elif kind == "grid":
            choices = choice_values(question)
            for item in question.get("items", ()):
                values = [r.get(item["code"]) if isinstance(r, dict) else None for r in raw]
                codes = _codes(values, choices, n)
                key = f"q.{code}.{item['code']}"
                _add(
                    table,
                    Column(key, code, "choice", item=item["code"]),
                    Categorical(codes, np.array(choices, dtype=object)),
                )
                parts[(code, item["code"])] = ("choice", (codes, choices))
        elif kind == "multiple":
            answered = np.fromiter((isinstance(r, list) for r in raw), bool, n)
            chosen = {}
            for value in choice_values(question):
                column = np.where(answered, 0.0, np.nan)
                column[[i for i, r in enumerate(raw) if isinstance(r, list) and value in map(str, r)]] = 1.0
                _add(table, Column(f"q.{code}={value}", code, "binary", choice=value), column)
                chosen[value] = column
            parts[(code, None)] = ("multiple", (answered, chosen))
        elif kind in NUMERIC_TYPES:
            column = np.fromiter((_number(r) for r in raw), np.float64, n)
            _add(table, Column(f"q.{code}", code, "mean"), column)
            parts[(code, None)] = ("number", column)
    _add_indicators(table, definition, parts)
    _add_factor_scores(table)
    return table


def _add(table: RespondentTable, column: Column, data: Any) -> None:
    table.columns.append(column)
    table.data[column.key] = data


def _part_state(
    part: tuple[str, Any], counted: set[str], excluded: set[str]
) -> tuple[np.ndarray, np.ndarray]:
    """(answered and not excluded, has a counted value) for one part of an indicator."""
    kind, data = part
    if kind == "choice":
        codes, choices = data
        in_counted = [i for i, v in enumerate(choices) if v in counted]
        in_excluded = [i for i, v in enumerate(choices) if v in excluded]
        answered = (codes != NO_ANSWER) & ~np.isin(codes, in_excluded)
        return answered, np.isin(codes, in_counted)
    if kind == "multiple":
        answered, chosen = data
        hit = np.zeros(answered.shape[0], dtype=bool)
        for value, column in chosen.items():
            if value in counted:
                hit |= column == 1.0
        return answered, hit
    column = data
    answered = ~np.isnan(column)
    hit = np.isin(np.where(answered, column, -1.0), [float(v) for v in counted if _is_float(v)])
    return answered, hit


def _is_float(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _add_indicators(table: RespondentTable, definition: Mapping[str, Any], parts: dict) -> None:
    local = library_codes(definition)
    for code, entry in INDICATORS.items():
        keys = [(local.get(p["question"]), p.get("item")) for p in entry["parts"]]
        if entry["kind"] == "open" or any(k not in parts for k in keys):
            continue
        if entry["of"] and (local.get(entry["of"]), None) not in parts:
            continue
        values = _indicator_values(entry, [parts[k] for k in keys], parts.get((local.get(entry["of"]), None)))
        if values is None:
            continue
        table.indicators.append(code)
        _add(table, Column(f"i.{code}", code, "mean"), values)


def _indicator_values(entry: Mapping[str, Any], found: list, of_part: Any) -> np.ndarray | None:
    counted = {str(v) for v in entry["values"]}
    excluded = {str(v) for v in entry["exclude"]}
    if entry["kind"] == "proportion":
        answered = np.zeros(0, dtype=bool)
        hit = np.zeros(0, dtype=bool)
        for i, part in enumerate(found):
            a, h = _part_state(part, counted, excluded)
            answered, hit = (a, h & a) if i == 0 else (answered | a, hit | (h & a))
        if of_part is not None:
            answered, _ = _part_state(of_part, set(), excluded)
        return np.where(answered, hit.astype(np.float64), np.nan)
    if entry["kind"] == "mean":
        kind, data = found[0]
        return data if kind == "number" else None
    if entry["kind"] == "scale":
        return _scale_values(entry, found)
    return None


def _scale_values(entry: Mapping[str, Any], found: list) -> np.ndarray | None:
    scale = SCALES.get(entry["scale"] or "")
    if scale is None or any(kind != "choice" for kind, _ in found):
        return None
    top = len(scale["scores"]) - 1
    total = np.zeros(found[0][1][0].shape[0])
    count = np.zeros_like(total)
    for part, (_, (codes, choices)) in zip(entry["parts"], found, strict=True):
        score = np.array([scale["scores"].get(v, np.nan) for v in choices] + [np.nan], dtype=np.float64)
        if part.get("reverse"):
            score = top - score
        values = score[codes]  # code -1 picks the trailing NaN
        ok = ~np.isnan(values)
        total[ok] += values[ok] * 10.0 / top
        count += ok
    enough = count >= entry.get("min_parts", len(found))
    return np.where(enough, total / np.maximum(count, 1), np.nan)


def _oriented(code: str, values: np.ndarray) -> np.ndarray:
    """An indicator on 0-10 with 10 the good end: shares times ten, marks stretched from 1-10."""
    kind = INDICATORS[code]["kind"]
    scaled = (
        values * 10.0 if kind == "proportion" else (values - 1.0) * 10.0 / 9.0 if kind == "mean" else values
    )
    return scaled if higher_is_better(code) else 10.0 - scaled


def _add_factor_scores(table: RespondentTable) -> None:
    present = set(table.indicators)
    scores = np.full((table.n, len(FACTORS)), np.nan)
    for f, factor in enumerate(sorted(FACTORS)):
        codes = [c for c in FACTOR_INDICATORS[factor] if c in present]
        if not codes:
            continue
        stack = np.column_stack([_oriented(c, table.data[f"i.{c}"]) for c in codes])
        answered = ~np.isnan(stack)
        counts = answered.sum(axis=1)
        sums = np.where(answered, stack, 0.0).sum(axis=1)
        scores[:, f] = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    table.factor_scores = scores
