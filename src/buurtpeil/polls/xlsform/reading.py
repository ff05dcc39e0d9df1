"""XLSForm → poll definition. Every row Buurtpeil cannot represent becomes a ``Problem``.

Mapping (decisions are in the package docstring): select_one → single (``likert``
appearance → likert), select_multiple → multiple, integer/decimal → number (min/max from a
simple constraint; an integer from 1 to 10 → mark), range 1..10 step 1 → mark, text → text,
geopoint → point, a top-level group → a screen (a definition group), a nested group → its own
screen, a ``table-list`` group (or a field-list of ``list-nolabel`` select_one rows) → grid.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from pyxform import aliases, constants

from buurtpeil.polls.definition import CODE_RE, choice_values, condition_clauses
from buurtpeil.polls.xlsform import workbook
from buurtpeil.polls.xlsform.expressions import ExpressionError, relevant_parse
from buurtpeil.polls.xlsform.languages import language_code
from buurtpeil.polls.xlsform.problems import Problem
from buurtpeil.polls.xlsform.question_rows import QuestionRows
from buurtpeil.polls.xlsform.workbook import NO_LANGUAGE, Node


class Reader(QuestionRows):
    """Reads one workbook; ``problems`` collects everything Buurtpeil cannot take over."""

    def __init__(self, book, *, default_language: str, fallback_title: str):
        self.book, self.problems = book, []
        self.settings = workbook.settings_row(book)
        self.fallback_title = fallback_title
        self.language_key = self.settings.get("default_language") or NO_LANGUAGE
        self.languages = self._languages(default_language)
        self.seen: dict[str, dict] = {}  # question code → question, in page order
        self.names: dict[str, int] = {}  # every name → its row, for duplicates
        self.grid_items: dict[str, str] = {}  # item code → grid code
        self.group_ids: set[str] = set()

    def _languages(self, organisation_language: str) -> list[str]:
        """The poll's languages, the source first: the form's default language, else the
        organisation's (when the form has it or has no language columns), else the first."""
        key = self.language_key
        default = organisation_language if key == NO_LANGUAGE else language_code(key)
        if default is None:
            message = _("The default language “%(language)s” is not known.") % {"language": key}
            self.problems.append(Problem("settings", 2, "default_language", message))
            default = organisation_language
        self.codes: dict[str, str] = {key: default}  # column language → code
        found: list[str] = []
        for sheet in ("survey", "choices"):
            for language in workbook.column_languages(self.book, sheet):
                code = default if language in (NO_LANGUAGE, key) else language_code(language)
                if code is None:
                    message = _(
                        "Unknown language “%(language)s”; write it with its code, such as “Dutch (nl)”."
                    ) % {"language": language}
                    self.problems.append(Problem(sheet, 1, "", message))
                    continue
                self.codes[language] = code
                if code not in found:
                    found.append(code)
        source = default if default in found or not found else found[0]
        return [source] + [code for code in found if code != source]

    # --- texts ----------------------------------------------------------------------------

    def texts(self, value: Any) -> dict[str, str]:
        if isinstance(value, str | int | float):
            value = {self.language_key: str(value)}
        if not isinstance(value, dict):
            return {}
        result = {}
        for language, text in value.items():
            code = self.codes.get(language)
            if code and isinstance(text, str | int | float) and str(text).strip():
                result[code] = str(text).strip()
        return result

    def source_text(self, value, sheet: str, row: int, name: str, what: str) -> dict[str, str]:
        texts = self.texts(value)
        if not texts.get(self.languages[0]):
            self.problems.append(
                Problem(
                    sheet,
                    row,
                    name,
                    _("The %(what)s in the source language (%(language)s) is missing.")
                    % {"what": what, "language": self.languages[0]},
                )
            )
        return texts

    # --- the whole form -------------------------------------------------------------------

    def read(self) -> tuple[dict[str, Any], str]:
        self.choices = self._choice_lists()
        rows = workbook.sheet_rows(self.book, "survey", default_language=self.language_key)
        tree = workbook.survey_tree(rows, self.problems)
        groups: list[dict] = []
        loose = None
        for node in tree:
            if node.kind == "group" and not self._is_grid(node):
                loose = None
                self._group(node, [], groups)
                continue
            if loose is None:
                loose = self._screen(None, {}, groups)
            self._add(node, loose, [])
        title = {
            self.languages[0]: self.settings.get("form_title")
            or self.settings.get("title")
            or self.fallback_title
        }
        intro: dict[str, str] = {}
        for key, value in self.settings.items():
            parts = key.split("::")
            if len(parts) == 3 and parts[0] == "buurtpeil" and parts[1] in ("title", "intro"):
                code = language_code(parts[2])
                if code in self.languages:
                    (title if parts[1] == "title" else intro)[code] = value
        definition = {"languages": self.languages, "title": title, "intro": intro, "groups": groups}
        return definition, title[self.languages[0]]

    def _choice_lists(self) -> dict[str, list[tuple[int, str, Any]]]:
        lists: dict[str, list] = {}
        for row, data in workbook.sheet_rows(self.book, "choices", default_language=self.language_key):
            list_name, value = (
                str(data.get(constants.LIST_NAME_S, "")).strip(),
                str(data.get("name", "")).strip(),
            )
            if not data:
                continue
            if not list_name or not value:
                self.problems.append(
                    Problem("choices", row, value, _("A choice needs a list_name and a name."))
                )
                continue
            entries = lists.setdefault(list_name, [])
            if any(value == earlier for _row, earlier, _label in entries):
                message = _("The choice “%(value)s” is twice in the list “%(list)s”.")
                self.problems.append(
                    Problem("choices", row, value, message % {"value": value, "list": list_name})
                )
                continue
            entries.append((row, value, data.get("label")))
        return lists

    def _screen(self, node: Node | None, title: dict, groups: list[dict]) -> dict:
        wanted = node.name if node is not None else f"g{len(groups) + 1}"
        group_id, n = wanted, 1
        while group_id in self.group_ids:
            n += 1
            group_id = f"{wanted}_{n}"
        self.group_ids.add(group_id)
        screen = {"id": group_id, **({"title": title} if title else {}), "questions": []}
        groups.append(screen)
        return screen

    def _group(self, node: Node, inherited: list[dict], groups: list[dict]) -> None:
        """A group is a screen; a group inside it is a screen of its own, after which the
        rest of the outer group continues on a new screen (same title)."""
        if node.kind == "repeat":
            return self._refuse(
                node, _("Repeats (begin repeat) are not supported: every question is asked once.")
            )
        if not CODE_RE.match(node.name):
            self._refuse(
                node, _("A group name must start with a letter and hold only letters, digits and _.")
            )
        title = self.texts(node.data.get("label"))
        own = self._condition(node)
        conditions = inherited + ([own] if own else [])
        screen: dict | None = self._screen(node, title, groups)
        for child in node.children:
            if child.kind == "group" and not self._is_grid(child):
                self._group(child, conditions, groups)
                screen = None
                continue
            if screen is None:
                screen = self._screen(node, title, groups)
            self._add(child, screen, conditions)

    def _add(self, node: Node, screen: dict, conditions: list[dict]) -> None:
        if node.kind == "repeat":
            self._refuse(node, _("Repeats (begin repeat) are not supported: every question is asked once."))
            return
        question = self._grid(node) if node.kind == "group" else self._question(node)
        if question is None:
            return
        own = question.pop("condition", None)
        condition = self._combine(node, conditions + ([own] if own else []))
        if condition:
            question["condition"] = condition
        screen["questions"].append(question)
        self.seen[question["code"]] = question

    # --- checks ---------------------------------------------------------------------------

    def _refuse(self, node: Node, message: str) -> None:
        self.problems.append(Problem("survey", node.row, node.name, message))

    def _name(self, node: Node) -> None:
        name = node.name
        if not name:
            return self._refuse(node, _("The row has no name."))
        if node.kind == "question" and not CODE_RE.match(name):
            self._refuse(node, _("A name must start with a letter and hold only letters, digits and _."))
        if name in self.names:
            self._refuse(node, _("The name is also used in row %(row)d.") % {"row": self.names[name]})
        else:
            self.names[name] = node.row

    def _unsupported(self, node: Node, *, allow_parameters: bool) -> None:
        data = node.data
        checks = [
            (data.get("choice_filter"), _("Choice filters (cascading selects) are not supported.")),
            (node.bind("calculate"), _("Calculations are not supported.")),
            (data.get("default"), _("Default answers are not supported.")),
            (data.get("trigger"), _("Triggers are not supported.")),
            (aliases.yes_no.get(node.bind("readonly")), _("Read-only questions are not supported.")),
            (data.get("media"), _("Images, audio and video in a question are not supported.")),
            (data.get("parameters") and not allow_parameters, _("Parameters are not supported.")),
        ]
        for present, message in checks:
            if present:
                self._refuse(node, message)

    def _condition(self, node: Node) -> dict | None:
        expression = node.bind("relevant")
        if not expression:
            return None
        try:
            condition = relevant_parse(expression)
        except ExpressionError as error:
            return self._refuse(
                node,
                _("Condition “%(expression)s”: %(reason)s")
                % {"expression": expression[:200], "reason": error},
            )
        for clause in condition_clauses(condition):
            reason = self._clause_problem(clause)
            if reason:
                return self._refuse(
                    node,
                    _("Condition “%(expression)s”: %(reason)s")
                    % {"expression": expression[:200], "reason": reason},
                )
        return condition

    def _clause_problem(self, clause: dict) -> str:
        code = clause["question"]
        target = self.seen.get(code)
        if target is None:
            if code in self.grid_items:
                return _(
                    "it refers to a row of the grid “%(grid)s”; conditions on grid rows are not supported."
                ) % {"grid": self.grid_items[code]}
            return _("“%(code)s” is not an earlier question.") % {"code": code}
        op, kind = clause["op"], target["type"]
        if kind == "grid":
            return _("a condition on a grid is not supported.")
        if kind == "multiple" and op in ("eq", "ne", "in"):
            return _("use selected(${%(code)s}, 'value') for a multiple-choice question.") % {"code": code}
        if kind in ("single", "likert", "multiple") and op in ("eq", "ne", "in", "selected"):
            values = clause["value"] if op == "in" else [clause["value"]]
            unknown = [str(value) for value in values if str(value) not in choice_values(target)]
            if unknown:
                return _("“%(value)s” is not a choice of “%(code)s”.") % {"value": unknown[0], "code": code}
        return ""

    def _combine(self, node: Node, conditions: list[dict]) -> dict | None:
        """The conditions of the enclosing groups and of the question itself, as one."""
        if len(conditions) <= 1:
            return conditions[0] if conditions else None
        if any("any" in condition for condition in conditions):
            return self._refuse(
                node,
                _("A group condition and this row's condition can only be combined when neither uses “or”."),
            )
        return {"all": [clause for condition in conditions for clause in condition_clauses(condition)]}
