"""Survey rows that are questions, and table-list groups that are grids (see ``reading``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from pyxform import aliases, constants
from pyxform.xls2json import RE_SELECT

from buurtpeil.polls.definition import CODE_RE, DONT_KNOW
from buurtpeil.polls.xlsform.expressions import ExpressionError, constraint_parse
from buurtpeil.polls.xlsform.workbook import Node

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


class QuestionRows:
    """Part of ``reading.Reader``: one question from a row, one grid from a group."""

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
            if factor.isascii() and factor.isdigit() and 1 <= int(factor) <= 12:
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
