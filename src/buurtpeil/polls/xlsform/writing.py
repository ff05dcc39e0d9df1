"""Poll definition → XLSForm workbook (survey, choices and settings sheets), written so that
reading it back gives the same definition, and so that ODK and KoboToolbox can use it."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

from buurtpeil.polls.definition import DONT_KNOW, DONT_KNOW_LABEL
from buurtpeil.polls.xlsform.expressions import condition_text, constraint_text
from buurtpeil.polls.xlsform.languages import language_column

OWN = ("type", "factor", "indicator", "reverse", "dont_know", "scale")


def xlsform_write(definition: dict[str, Any], title: str) -> bytes:
    languages = definition["languages"]
    columns = {code: language_column(code) for code in languages}
    survey_header = (
        ["type", "name"]
        + [f"label::{columns[code]}" for code in languages]
        + [f"hint::{columns[code]}" for code in languages]
        + ["required", "relevant", "constraint", "appearance"]
        + [f"buurtpeil::{key}" for key in OWN]
    )
    lists: dict[tuple, str] = {}  # (values and labels) → list name, so questions share lists
    choice_rows: list[list] = []
    survey: list[dict[str, Any]] = []

    def texts(prefix: str, mapping: dict | None) -> dict[str, str]:
        return {
            f"{prefix}::{columns[code]}": text for code, text in (mapping or {}).items() if code in columns
        }

    def choice_list(question: dict) -> str:
        choices = list(question["choices"])
        if question.get("dont_know"):
            label = {code: DONT_KNOW_LABEL.get(code, DONT_KNOW_LABEL["en"]) for code in languages}
            choices.append({"value": DONT_KNOW, "label": label})
        key = tuple((c["value"], tuple(sorted(c["label"].items()))) for c in choices)
        if key not in lists:
            name = question["code"]
            lists[key] = name
            for choice in choices:
                choice_rows.append(
                    {"list_name": name, "name": choice["value"], **texts("label", choice["label"])}
                )
        return lists[key]

    def own(question: dict) -> dict[str, Any]:
        values = {
            "buurtpeil::type": question["type"],
            "buurtpeil::factor": question.get("factor"),
            "buurtpeil::indicator": question.get("indicator"),
            "buurtpeil::reverse": "yes" if question.get("reverse") else None,
            "buurtpeil::dont_know": "yes" if question.get("dont_know") else None,
            "buurtpeil::scale": question.get("scale"),
        }
        return {key: value for key, value in values.items() if value is not None}

    for group in definition["groups"]:
        survey.append({"type": "begin group", "name": group["id"], **texts("label", group.get("title"))})
        for question in group["questions"]:
            row: dict[str, Any] = {
                "name": question["code"],
                **texts("label", question["text"]),
                **texts("hint", question.get("help")),
                "required": "yes" if question.get("required") else None,
                "relevant": condition_text(question.get("condition")) or None,
                **own(question),
            }
            kind = question["type"]
            if kind == "grid":
                list_name = choice_list(question)
                survey.append({**row, "type": "begin group", "appearance": "table-list", "required": None})
                for item in question["items"]:
                    survey.append(
                        {
                            "type": f"select_one {list_name}",
                            "name": item["code"],
                            **texts("label", item["text"]),
                            "required": row["required"],
                        }
                    )
                survey.append({"type": "end group"})
                continue
            if kind in ("single", "likert", "multiple"):
                command = "select_multiple" if kind == "multiple" else "select_one"
                row["type"] = f"{command} {choice_list(question)}"
                if kind == "likert":
                    row["appearance"] = "likert"
            elif kind == "mark":
                row.update(type="integer", constraint=constraint_text(1, 10))
            elif kind == "number":
                row.update(
                    type="decimal",
                    constraint=constraint_text(question.get("min"), question.get("max")) or None,
                )
            else:
                row["type"] = {"text": "text", "point": "geopoint"}[kind]
            survey.append(row)
        survey.append({"type": "end group"})

    source = languages[0]
    settings = {
        "form_title": definition.get("title", {}).get(source) or title,
        "form_id": "buurtpeil",
        "default_language": columns[source],
        **{
            f"buurtpeil::title::{columns[c]}": t
            for c, t in definition.get("title", {}).items()
            if c != source
        },
        **{
            f"buurtpeil::intro::{columns[c]}": t
            for c, t in (definition.get("intro") or {}).items()
            if c in columns
        },
    }
    book = Workbook()
    _sheet(book.active, "survey", survey_header, survey)
    _sheet(
        book.create_sheet(),
        "choices",
        ["list_name", "name"] + [f"label::{columns[c]}" for c in languages],
        choice_rows,
    )
    _sheet(book.create_sheet(), "settings", list(settings), [settings])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet, title: str, header: list[str], rows: list[dict[str, Any]]) -> None:
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
