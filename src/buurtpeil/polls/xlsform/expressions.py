"""XLSForm expressions that Buurtpeil understands: ``relevant`` as a condition, ``constraint``
of a number as a minimum and maximum. Anything else is refused with a reason.

Relevant, one of (``and`` chains or ``or`` chains, not mixed)::

    ${q} = 'x'      ${q} != 'x'     ${q} > 3 (>=, <, <=)     selected(${q}, 'x')
    ${q} != ''      (answered)      ${q} = 'a' or ${q} = 'b' (one of; in a chain in parentheses)

Values in quotes stay text; bare numbers become numbers. Writing gives the same text back, so
an exported poll reads in again unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

TOKEN = re.compile(
    r"""\s*(?:
      \$\{(?P<ref>[^}]*)\}
    | '(?P<sq>[^']*)' | "(?P<dq>[^"]*)"
    | (?P<num>-?\d+(?:\.\d+)?)
    | (?P<op>!=|>=|<=|=|>|<)
    | (?P<punct>[(),])
    | (?P<word>[A-Za-z_][A-Za-z0-9_:.-]*)
    )""",
    re.VERBOSE,
)
OPS = {"=": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le"}
OP_SYMBOLS = {op: symbol for symbol, op in OPS.items()}


class ExpressionError(ValueError):
    """An expression Buurtpeil cannot represent; the message says why."""


def _tokens(expression: str) -> list[tuple[str, Any]]:
    tokens, position = [], 0
    expression = expression.strip()
    while position < len(expression):
        match = TOKEN.match(expression, position)
        if not match or match.end() == position:
            raise ExpressionError(_("“%(part)s” is not understood.") % {"part": expression[position:][:30]})
        position = match.end()
        kind = match.lastgroup
        if kind == "ref":
            tokens.append(("ref", match["ref"].strip()))
        elif kind in ("sq", "dq"):
            tokens.append(("value", match[kind]))
        elif kind == "num":
            number = float(match["num"])
            tokens.append(
                ("value", int(number) if number.is_integer() and "." not in match["num"] else number)
            )
        elif kind == "word":
            tokens.append(("word", match["word"].lower()))
        else:
            tokens.append((kind, match[kind]))
    return tokens


class _Parser:
    def __init__(self, expression: str):
        self.tokens = _tokens(expression)
        self.at = 0

    def peek(self, offset=0):
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else (None, None)

    def take(self, kind, value=None):
        token = self.peek()
        if token[0] != kind or (value is not None and token[1] != value):
            raise ExpressionError(_("This condition is not one Buurtpeil can show."))
        self.at += 1
        return token[1]

    def chain(self) -> dict[str, Any]:
        terms = [self.term()]
        connectors = set()
        while self.peek() in (("word", "and"), ("word", "or")):
            connectors.add(self.take("word"))
            terms.append(self.term())
        if len(connectors) > 1:
            raise ExpressionError(_("A condition may join its parts with “and” or with “or”, not both."))
        if not connectors:
            return terms[0]
        in_clause = _as_in(terms) if connectors == {"or"} else None
        if in_clause:
            return in_clause
        if any("all" in term or "any" in term for term in terms):
            raise ExpressionError(_("Conditions within conditions are not supported."))
        return {"all" if connectors == {"and"} else "any": terms}

    def term(self) -> dict[str, Any]:
        kind, value = self.peek()
        if (kind, value) == ("punct", "("):
            self.take("punct", "(")
            inner = self.chain()
            self.take("punct", ")")
            if "any" in inner or "all" in inner:
                raise ExpressionError(_("Conditions within conditions are not supported."))
            return inner
        if (kind, value) == ("word", "selected"):
            self.take("word")
            self.take("punct", "(")
            question = self.take("ref")
            self.take("punct", ",")
            expected = self.take("value")
            self.take("punct", ")")
            return {"question": question, "op": "selected", "value": str(expected)}
        if kind == "ref":
            question = self.take("ref")
            symbol = self.take("op")
            expected = self.take("value")
            op = OPS[symbol]
            if expected == "":
                if op != "ne":
                    raise ExpressionError(_("Only “!= ''” (answered) can compare with an empty value."))
                return {"question": question, "op": "answered"}
            if op in ("gt", "ge", "lt", "le") and not isinstance(expected, int | float):
                raise ExpressionError(_("“%(symbol)s” needs a number.") % {"symbol": symbol})
            return {"question": question, "op": op, "value": expected}
        if kind == "word":
            raise ExpressionError(
                _("The function or word “%(word)s” is not supported in a condition.") % {"word": value}
            )
        raise ExpressionError(_("This condition is not one Buurtpeil can show."))


def _as_in(terms: list[dict]) -> dict | None:
    """``${q} = 'a' or ${q} = 'b'`` is the condition “q is one of a, b”."""
    if len(terms) < 2 or any(term.get("op") != "eq" for term in terms):
        return None
    if len({term["question"] for term in terms}) != 1:
        return None
    return {"question": terms[0]["question"], "op": "in", "value": [term["value"] for term in terms]}


def relevant_parse(expression: str) -> dict[str, Any]:
    """The condition for a ``relevant`` expression, or raise ``ExpressionError``."""
    parser = _Parser(expression)
    if not parser.tokens:
        raise ExpressionError(_("The condition is empty."))
    condition = parser.chain()
    if parser.peek()[0] is not None:
        raise ExpressionError(_("This condition is not one Buurtpeil can show."))
    return condition


def _literal(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        value = str(value)
        return f'"{value}"' if "'" in value else f"'{value}'"
    return str(value)


def _clause_text(clause: dict[str, Any], *, nested: bool) -> str:
    ref, op = "${" + clause["question"] + "}", clause["op"]
    if op == "answered":
        return f"{ref} != ''"
    if op == "selected":
        return f"selected({ref}, {_literal(clause['value'])})"
    if op == "in":
        text = " or ".join(f"{ref} = {_literal(value)}" for value in clause["value"])
        return f"({text})" if nested or len(clause["value"]) < 2 else text
    return f"{ref} {OP_SYMBOLS[op]} {_literal(clause['value'])}"


def condition_text(condition: dict[str, Any] | None) -> str:
    """The ``relevant`` expression for a condition ("" for none)."""
    if not condition:
        return ""
    for mode, joiner in (("all", " and "), ("any", " or ")):
        if mode in condition:
            return joiner.join(_clause_text(clause, nested=True) for clause in condition[mode])
    return _clause_text(condition, nested=False)


CONSTRAINT_PART = re.compile(r"^\(?\s*\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*\)?$")


def constraint_parse(expression: str, *, integer: bool) -> tuple[float | int | None, float | int | None]:
    """``. >= 0 and . <= 120`` → (0, 120). Strict bounds only for whole numbers (``. > 0`` → 1)."""
    low = high = None
    if not expression.strip():
        return low, high
    for part in re.split(r"\s+and\s+", expression.strip()):
        match = CONSTRAINT_PART.match(part.strip())
        if not match:
            raise ExpressionError(
                _("Only a minimum and maximum (such as “. >= 0 and . <= 120”) can be checked for a number.")
            )
        symbol, number = match.group(1), float(match.group(2))
        if symbol in (">", "<"):
            if not integer:
                raise ExpressionError(_("Use >= or <= for a decimal number."))
            number += 1 if symbol == ">" else -1
        value: float | int = int(number) if number.is_integer() else number
        if symbol.startswith(">"):
            low = value if low is None else max(low, value)
        else:
            high = value if high is None else min(high, value)
    return low, high


def constraint_text(low, high) -> str:
    parts = ([f". >= {low}"] if low is not None else []) + ([f". <= {high}"] if high is not None else [])
    return " and ".join(parts)
