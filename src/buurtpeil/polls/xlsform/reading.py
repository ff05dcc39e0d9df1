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
from pyxform.xls2json import RE_SELECT

from buurtpeil.polls.definition import CODE_RE, DONT_KNOW, choice_values
from buurtpeil.polls.xlsform import workbook
from buurtpeil.polls.xlsform.expressions import ExpressionError, constraint_parse, relevant_parse
from buurtpeil.polls.xlsform.languages import language_code
from buurtpeil.polls.xlsform.problems import Problem
from buurtpeil.polls.xlsform.workbook import NO_LANGUAGE, Node

METADATA = {
    "start", "end", "today", "deviceid", "imei", "phonenumber", "username", "email", "simserial",
    "subscriberid", "audit", "start-geopoint", "uri:deviceid", "uri:email", "uri:phonenumber",
    "uri:username", "uri:subscriberid", "uri:simserial",
}  # fmt: skip
SIMPLE = {
    "integer": "number", "int": "number", "decimal": "number", "text": "text", "string": "text",
    "geopoint": "point", "location": "point", "gps": "point",
}  # fmt: skip
REFUSED = {
    "note": lambda: _("A note (text without a question) cannot be shown; put the text in a hint."),
    "calculate": lambda: _("Calculations are not supported."),
    "hidden": lambda: _("Hidden fields are not supported."),
    "date": lambda: _("Date questions are not supported."),
    "datetime": lambda: _("Date and time questions are not supported."),
    "time": lambda: _("Time questions are not supported."),
}
SELECT_KINDS = {constants.SELECT_ONE: "single", constants.SELECT_ALL_THAT_APPLY: "multiple"}
COMPATIBLE = {"single": {"single", "likert"}, "number": {"number", "mark"}}


class Reader:
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
            lists.setdefault(list_name, []).append((row, value, data.get("label")))
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

    # --- questions ------------------------------------------------------------------------

    def _question(self, node: Node) -> dict | None:
        kind = node.type.lower()
        if kind in METADATA:
            return None  # device metadata (start, end, deviceid...): not a question
        select = RE_SELECT.match(node.type)
        list_name = None
        if select:
            command = aliases.select[select["select_command"]]
            if select["select_command"] in aliases.select_from_file or command not in SELECT_KINDS:
                return self._refuse(
                    node, _("Choices from a file, external choices and ranking are not supported.")
                )
            if select["specify_other"]:
                return self._refuse(
                    node, _("“or_other” is not supported; add an “other” choice and a text question.")
                )
            qtype, list_name = SELECT_KINDS[command], select["list_name"]
            if qtype == "single" and "likert" in node.appearance:
                qtype = "likert"
        elif kind in SIMPLE:
            qtype = SIMPLE[kind]
        elif kind == "range":
            qtype = "mark"
        elif kind in REFUSED:
            return self._refuse(node, REFUSED[kind]())
        else:
            return self._refuse(
                node, _("Questions of type “%(type)s” are not supported.") % {"type": node.type}
            )
        own_type = node.own("type")
        if own_type:
            if own_type in COMPATIBLE.get(qtype if qtype != "likert" else "single", {qtype}) and (
                own_type != "mark" or kind in ("integer", "int", "range")
            ):
                qtype = own_type
            else:
                return self._refuse(
                    node, _("buurtpeil::type “%(own)s” does not fit this question.") % {"own": own_type}
                )
        before = len(self.problems)
        self._name(node)
        question: dict[str, Any] = {"code": node.name, "type": qtype}
        question["text"] = self.source_text(node.data.get("label"), "survey", node.row, node.name, _("label"))
        self._common(node, question)
        self._unsupported(node, allow_parameters=kind == "range")
        if qtype in ("number", "mark") or kind == "range":
            self._bounds(node, question, kind)
        elif node.bind("constraint"):
            self._refuse(node, _("Constraints are only supported as a minimum and maximum of a number."))
        if list_name is not None:
            self._choices(node, question, list_name)
        if own := self._condition(node):
            question["condition"] = own
        return question if len(self.problems) == before else None

    def _common(self, node: Node, question: dict) -> None:
        help_ = self.texts(node.data.get("hint"))
        if help_:
            question["help"] = help_
        required = node.bind("required")
        if required and aliases.yes_no.get(required) is None:
            self._refuse(node, _("“required” must be yes or no; a condition there is not supported."))
        elif aliases.yes_no.get(required):
            question["required"] = True
        factor, indicator, reverse = node.own("factor"), node.own("indicator"), node.own("reverse")
        if factor:
            if factor.isdigit() and 1 <= int(factor) <= 12:
                question["factor"] = int(factor)
            else:
                self._refuse(node, _("buurtpeil::factor must be a number from 1 to 12."))
        if indicator:
            if CODE_RE.match(indicator):
                question["indicator"] = indicator
            else:
                self._refuse(node, _("buurtpeil::indicator must be a code of letters, digits and _."))
        if aliases.yes_no.get(reverse):
            question["reverse"] = True
        scale = node.own("scale")
        if scale:
            if CODE_RE.match(scale):
                question["scale"] = scale
            else:
                self._refuse(node, _("buurtpeil::scale must be a code of letters, digits and _."))

    def _bounds(self, node: Node, question: dict, kind: str) -> None:
        if kind == "range":
            parameters = " ".join(
                str(node.data.get("parameters", "")).replace(";", " ").replace(",", " ").split()
            )
            if sorted(parameters.split()) != ["end=10", "start=1", "step=1"]:
                self._refuse(node, _("A range is only supported from 1 to 10 in steps of 1 (a report mark)."))
            question["type"] = "mark"
            return
        try:
            low, high = constraint_parse(node.bind("constraint"), integer=kind in ("integer", "int"))
        except ExpressionError as error:
            return self._refuse(node, str(error))
        if question["type"] == "mark" and (low, high) != (1, 10):
            return self._refuse(node, _("A report mark needs the constraint “. >= 1 and . <= 10”."))
        if (
            question["type"] == "number"
            and kind in ("integer", "int")
            and (low, high) == (1, 10)
            and not node.own("type")
        ):
            question["type"] = "mark"
            return
        if question["type"] == "number":
            question.update({key: value for key, value in (("min", low), ("max", high)) if value is not None})

    def _choices(self, node: Node, question: dict, list_name: str) -> None:
        entries = self.choices.get(list_name)
        if not entries:
            return self._refuse(
                node, _("The choice list “%(list)s” is not on the choices sheet.") % {"list": list_name}
            )
        choices = []
        for row, value, label in entries:
            if value == DONT_KNOW and question["type"] in ("likert", "grid"):
                question["dont_know"] = True
                continue
            choices.append(
                {"value": value, "label": self.source_text(label, "choices", row, value, _("choice label"))}
            )
        question["choices"] = choices
        if aliases.yes_no.get(node.own("dont_know")) and question["type"] in ("likert", "grid"):
            question["dont_know"] = True
        if len(choices) < (1 if question["type"] == "multiple" else 2):
            self._refuse(node, _("A question with choices needs at least two choices."))

    def _is_grid(self, node: Node) -> bool:
        if node.kind != "group":
            return False
        if "table-list" in node.appearance or node.own("type") == "grid":
            return True
        rows = [child for child in node.children if child.kind == "question"]
        return (
            "field-list" in node.appearance
            and len(rows) == len(node.children) > 1
            and all(RE_SELECT.match(child.type) for child in rows)
            and any("list-nolabel" in child.appearance for child in rows)
        )

    def _grid(self, node: Node) -> dict | None:
        """A table-list group: one question, each select_one row an item on the shared scale."""
        before = len(self.problems)
        self._name(node)
        if node.name and not CODE_RE.match(node.name):
            self._refuse(node, _("A name must start with a letter and hold only letters, digits and _."))
        rows = [child for child in node.children if child.appearance.strip() != "label"]
        header = next((child for child in node.children if child.appearance.strip() == "label"), None)
        label = node.data.get("label") or (header.data.get("label") if header else None)
        question: dict[str, Any] = {"code": node.name, "type": "grid"}
        question["text"] = self.source_text(label, "survey", node.row, node.name, _("label"))
        self._common(node, question)
        lists, items, required = set(), [], set()
        for child in rows:
            select = child.kind == "question" and RE_SELECT.match(child.type)
            if (
                not select
                or aliases.select.get(select["select_command"]) != constants.SELECT_ONE
                or select["specify_other"]
            ):
                self._refuse(child, _("A grid (table-list) can only hold select_one questions."))
                continue
            lists.add(select["list_name"])
            if not CODE_RE.match(child.name):
                self._refuse(child, _("A name must start with a letter and hold only letters, digits and _."))
            elif child.name in {item["code"] for item in items}:
                self._refuse(child, _("The name is used twice in this grid."))
            if child.bind("relevant"):
                self._refuse(
                    child, _("A condition on one row of a grid is not supported; put it on the group.")
                )
            self._unsupported(child, allow_parameters=False)
            required.add(bool(aliases.yes_no.get(child.bind("required"))))
            items.append(
                {
                    "code": child.name,
                    "text": self.source_text(
                        child.data.get("label"), "survey", child.row, child.name, _("label")
                    ),
                }
            )
            self.grid_items[child.name] = node.name
        if len(lists) > 1:
            self._refuse(node, _("All rows of a grid must use the same choice list."))
        if len(required) > 1:
            self._refuse(node, _("Either all rows of a grid are required or none."))
        if not items:
            self._refuse(node, _("A grid needs at least one row."))
        if lists and len(lists) == 1:
            self._choices(node, question, lists.pop())
        if required == {True}:
            question["required"] = True
        question["items"] = items
        if own := self._condition(node):
            question["condition"] = own
        return question if len(self.problems) == before else None

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
        clauses = condition.get("all") or condition.get("any") or [condition]
        for clause in clauses:
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
        return {"all": [clause for condition in conditions for clause in condition.get("all", [condition])]}
