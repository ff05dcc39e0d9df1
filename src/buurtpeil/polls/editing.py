"""Pure changes to a definition document: find, move, rename, copy a module in, walk the texts.

No Django here; ``services`` wraps these in a locked transaction and validates the result.
Every function changes the definition passed in (callers pass a copy).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from buurtpeil.polls.definition import condition_clauses, questions
from buurtpeil.polls.library import module_codes, module_version


def group_index(definition: dict[str, Any], group_id: str) -> int:
    for index, group in enumerate(definition["groups"]):
        if group["id"] == group_id:
            return index
    raise KeyError(group_id)


def question_location(definition: dict[str, Any], code: str) -> tuple[int, int]:
    for g, group in enumerate(definition["groups"]):
        for q, question in enumerate(group["questions"]):
            if question["code"] == code:
                return g, q
    raise KeyError(code)


def question_get(definition: dict[str, Any], code: str) -> dict[str, Any]:
    g, q = question_location(definition, code)
    return definition["groups"][g]["questions"][q]


def condition_refs(condition: dict[str, Any] | None) -> set[str]:
    return {clause.get("question") for clause in condition_clauses(condition) if isinstance(clause, dict)}


def dependants(definition: dict[str, Any], codes: set[str]) -> list[str]:
    """Codes of the questions (outside ``codes``) whose condition refers to one of ``codes``."""
    return [
        question["code"]
        for question in questions(definition)
        if question["code"] not in codes and condition_refs(question.get("condition")) & codes
    ]


def condition_rename(condition: dict[str, Any] | None, renames: dict[str, str]) -> dict[str, Any] | None:
    if not condition:
        return condition
    for clause in condition_clauses(condition):
        if clause.get("question") in renames:
            clause["question"] = renames[clause["question"]]
    return condition


def references_rename(definition: dict[str, Any], renames: dict[str, str]) -> None:
    for question in questions(definition):
        condition_rename(question.get("condition"), renames)


def move(items: list, index: int, direction: str) -> bool:
    """Swap the entry with its neighbour ("up" or "down"); False at the edge."""
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    return True


def question_move(definition: dict[str, Any], code: str, direction: str) -> bool:
    """Within its group; at the group's edge into the neighbouring group (end or start)."""
    g, q = question_location(definition, code)
    groups = definition["groups"]
    if move(groups[g]["questions"], q, direction):
        return True
    target = g - 1 if direction == "up" else g + 1
    if not 0 <= target < len(groups):
        return False
    question = groups[g]["questions"].pop(q)
    if direction == "up":
        groups[target]["questions"].append(question)
    else:
        groups[target]["questions"].insert(0, question)
    return True


def free_code(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base[:60]}_{number}" in taken:
        number += 1
    return f"{base[:60]}_{number}"


def texts(definition: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Every text of the definition as ``(key, what, mapping)``; the mapping is the document's
    own dict, so setting a language in it changes the definition. Optional texts that are
    empty are skipped."""
    yield "title", "Title", definition.setdefault("title", {})
    if definition.get("intro"):
        yield "intro", "Introduction", definition["intro"]
    for group in definition["groups"]:
        if group.get("title"):
            yield f"g:{group['id']}", f"Group {group['id']}", group["title"]
        for question in group["questions"]:
            code = question["code"]
            yield f"q:{code}", f"Question {code}", question["text"]
            if question.get("help"):
                yield f"q:{code}:help", f"Question {code}, help", question["help"]
            for choice in question.get("choices", ()):
                yield (
                    f"q:{code}:c:{choice['value']}",
                    f"Question {code}, choice {choice['value']}",
                    choice["label"],
                )
            for item in question.get("items", ()):
                yield f"q:{code}:i:{item['code']}", f"Question {code}, item {item['code']}", item["text"]


def _group_texts(group: dict[str, Any]) -> Iterator[dict[str, str]]:
    yield from (mapping for _key, _what, mapping in texts({"title": {}, "groups": [group]}) if mapping)


def languages_keep(group: dict[str, Any], languages: list[str]) -> None:
    """Drop texts in languages the poll does not have."""
    for mapping in _group_texts(group):
        for language in list(mapping):
            if language not in languages:
                del mapping[language]


def module_groups(definition: dict[str, Any], module: dict[str, Any]) -> tuple[list[dict], dict[str, str]]:
    """The module's groups ready to append: question codes and group ids that clash with the
    poll's are renamed (conditions follow), texts trimmed to the poll's languages.
    Returns ``(groups, {old code: new code})``; the module itself is not changed."""
    groups = copy.deepcopy(module["groups"])
    taken_codes = {question["code"] for question in questions(definition)}
    taken_groups = {group["id"] for group in definition["groups"]}
    renames: dict[str, str] = {}
    for group in groups:
        # Where the group came from, so results can be compared across organisations only
        # between the same library module (regions).
        if module.get("code") in module_codes():
            group["module"] = {"code": module["code"], "version": module_version(module["code"])}
        group["id"] = free_code(group["id"], taken_groups)
        taken_groups.add(group["id"])
        for question in group["questions"]:
            new = free_code(question["code"], taken_codes)
            if new != question["code"]:
                renames[question["code"]] = new
                question["code"] = new
            taken_codes.add(new)
        languages_keep(group, definition["languages"])
    for group in groups:
        for question in group["questions"]:
            condition_rename(question.get("condition"), renames)
    return groups, renames
