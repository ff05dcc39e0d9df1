"""Writes of polls. Other apps create and publish polls only through these functions."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from buurtpeil.polls import editing, library
from buurtpeil.polls.definition import (
    LANGUAGE_RE,
    DefinitionError,
    Problem,
    definition_copy,
    definition_validate,
)
from buurtpeil.polls.models import Poll, PollVersion
from buurtpeil.polls.signals import poll_closed


@transaction.atomic
def poll_create(*, organisation, title: str, definition: dict, actor=None, audience: str = "") -> Poll:
    """A new draft poll with this definition; raises ``DefinitionError`` listing every fault."""
    definition_validate(definition)
    return Poll.objects.create(
        organisation=organisation,
        title=title[:200],
        definition=definition,
        audience=audience or Poll.Audience.RESIDENTS,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def poll_publish(*, poll: Poll, actor=None) -> PollVersion:
    """Freeze the current definition as a new version (or return the latest if unchanged) and
    open the poll. Residents who already started keep the version they started on."""
    poll = Poll.objects.select_for_update().get(pk=poll.pk)
    definition_validate(poll.definition)
    latest = poll.versions.order_by("-number").first()
    if latest is None or latest.definition != poll.definition:
        number = latest.number + 1 if latest else 1
        latest = PollVersion.objects.create(poll=poll, number=number, definition=poll.definition)
    if poll.status == Poll.Status.DRAFT:
        poll.status = Poll.Status.OPEN
        poll.save(update_fields=["status", "updated_at"])
    return latest


# --- editing ------------------------------------------------------------------------------
# Every edit locks the poll row, changes a copy of the editable definition, validates the whole
# document and saves it, or raises ``PollEditError`` and changes nothing. An open poll's
# residents keep answering the published version; ``poll_publish`` makes the next one.


def problem_text(problem) -> str:
    """A fault found by ``definition_validate`` in the active language."""
    if not isinstance(problem, Problem):
        return str(problem)
    if not problem.params:
        return gettext(problem.template)
    return gettext(problem.template) % {name: problem_text(value) for name, value in problem.params.items()}


class PollEditError(DefinitionError):
    """An edit that was refused; ``problems`` says why, in words for staff."""

    def __init__(self, problems: list[str]):
        super().__init__([problem_text(problem) for problem in problems])


EDITABLE = (Poll.Status.DRAFT, Poll.Status.OPEN)
DIRECTIONS = ("up", "down")


def _edit(poll: Poll, change: Callable[[dict], Any]) -> Any:
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.status not in EDITABLE:
        raise PollEditError([gettext("A closed poll can no longer be changed.")])
    definition = definition_copy(locked.definition)
    try:
        result = change(definition)
    except KeyError as error:
        raise PollEditError(
            [gettext("“%(name)s” is not part of this poll.") % {"name": error.args[0]}]
        ) from None
    try:
        definition_validate(definition)
    except DefinitionError as error:
        raise PollEditError(error.problems) from None
    locked.definition = definition
    locked.save(update_fields=["definition", "updated_at"])
    poll.definition = definition
    return result


def _refuse_if_depended_on(definition: dict, codes: set[str], what: str) -> None:
    depending = editing.dependants(definition, codes)
    if depending:
        raise PollEditError(
            [
                gettext("%(what)s cannot be removed: the condition of %(questions)s depends on it.")
                % {"what": what, "questions": ", ".join(depending)}
            ]
        )


def _texts(texts: dict[str, str]) -> dict[str, str]:
    return {language: value.strip() for language, value in texts.items() if value and value.strip()}


@transaction.atomic
def poll_module_add(*, poll: Poll, module_code: str, actor=None) -> dict[str, str]:
    """Copy a library module's groups to the end of the poll. Question codes that are already
    in the poll get a suffix (conditions follow); returns those renames. The library is never
    changed: it hands out copies."""
    try:
        entry = library.module(module_code)
    except KeyError:
        raise PollEditError([gettext("There is no module “%(code)s”.") % {"code": module_code}]) from None

    def change(definition):
        groups, renames = editing.module_groups(definition, entry)
        definition["groups"].extend(groups)
        return renames

    return _edit(poll, change)


@transaction.atomic
def poll_group_add(*, poll: Poll, title: dict[str, str], actor=None) -> str:
    def change(definition):
        group_id = editing.free_code(
            f"g{len(definition['groups']) + 1}", {g["id"] for g in definition["groups"]}
        )
        definition["groups"].append({"id": group_id, "title": _texts(title), "questions": []})
        return group_id

    return _edit(poll, change)


@transaction.atomic
def poll_group_update(*, poll: Poll, group_id: str, title: dict[str, str], actor=None) -> None:
    def change(definition):
        definition["groups"][editing.group_index(definition, group_id)]["title"] = _texts(title)

    _edit(poll, change)


@transaction.atomic
def poll_group_delete(*, poll: Poll, group_id: str, actor=None) -> None:
    """Remove a group with its questions; refused while a later condition depends on one."""

    def change(definition):
        index = editing.group_index(definition, group_id)
        codes = {question["code"] for question in definition["groups"][index]["questions"]}
        _refuse_if_depended_on(definition, codes, gettext("This group"))
        del definition["groups"][index]

    _edit(poll, change)


@transaction.atomic
def poll_group_move(*, poll: Poll, group_id: str, direction: str, actor=None) -> None:
    def change(definition):
        editing.move(definition["groups"], editing.group_index(definition, group_id), direction)

    _check_direction(direction)
    _edit(poll, change)


@transaction.atomic
def poll_question_add(*, poll: Poll, group_id: str, question: dict, actor=None) -> str:
    def change(definition):
        definition["groups"][editing.group_index(definition, group_id)]["questions"].append(question)
        return question["code"]

    return _edit(poll, change)


@transaction.atomic
def poll_question_update(*, poll: Poll, code: str, question: dict, actor=None) -> None:
    """Replace the question in place. A new code is followed by the conditions that refer to
    the old one."""

    def change(definition):
        g, q = editing.question_location(definition, code)
        definition["groups"][g]["questions"][q] = question
        if question["code"] != code:
            editing.references_rename(definition, {code: question["code"]})

    _edit(poll, change)


@transaction.atomic
def poll_question_delete(*, poll: Poll, code: str, actor=None) -> None:
    def change(definition):
        g, q = editing.question_location(definition, code)
        _refuse_if_depended_on(definition, {code}, gettext("Question %(code)s") % {"code": code})
        del definition["groups"][g]["questions"][q]

    _edit(poll, change)


@transaction.atomic
def poll_question_move(*, poll: Poll, code: str, direction: str, actor=None) -> None:
    """One place up or down (across a group edge too); refused when a condition would then
    refer to a later question."""
    _check_direction(direction)
    _edit(poll, lambda definition: editing.question_move(definition, code, direction))


def _check_direction(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise PollEditError([gettext("Move a question or group up or down.")])


@transaction.atomic
def poll_language_add(*, poll: Poll, language: str, actor=None) -> None:
    """Offer the poll in one more language; its texts are then filled in on the translations page."""
    language = language.strip().lower()

    def change(definition):
        if not LANGUAGE_RE.match(language):
            raise PollEditError([gettext("A language code is two or three letters, such as “tr” or “ar”.")])
        if language in definition["languages"]:
            raise PollEditError([gettext("The poll already has this language.")])
        definition["languages"].append(language)

    _edit(poll, change)


@transaction.atomic
def poll_language_remove(*, poll: Poll, language: str, actor=None) -> None:
    """Stop offering a language; its texts are removed. The source language stays."""

    def change(definition):
        if language not in definition["languages"]:
            raise PollEditError([gettext("The poll does not have this language.")])
        if language == definition["languages"][0]:
            raise PollEditError([gettext("The source language cannot be removed.")])
        definition["languages"].remove(language)
        for _key, _what, mapping in editing.texts(definition):
            mapping.pop(language, None)

    _edit(poll, change)


@transaction.atomic
def poll_translations_save(*, poll: Poll, language: str, texts: dict[str, str], actor=None) -> int:
    """Set the texts in ``language`` by key (see ``editing.texts``); an empty text removes the
    translation. Returns how many texts the language now has."""

    def change(definition):
        if language not in definition["languages"]:
            raise PollEditError([gettext("The poll does not have this language.")])
        count = 0
        for key, _what, mapping in editing.texts(definition):
            if key in texts:
                value = texts[key].strip()
                if value:
                    mapping[language] = value
                else:
                    mapping.pop(language, None)
            count += bool(mapping.get(language))
        return count

    return _edit(poll, change)


@transaction.atomic
def poll_settings_update(*, poll: Poll, title: str, intro: str, show_results: bool, actor=None) -> None:
    """The title and introduction in the source language, and whether residents see results."""

    def change(definition):
        source = definition["languages"][0]
        definition["title"][source] = title.strip()
        definition.setdefault("intro", {})
        if intro.strip():
            definition["intro"][source] = intro.strip()
        else:
            definition["intro"].pop(source, None)

    _edit(poll, change)
    Poll.objects.filter(pk=poll.pk).update(title=title.strip()[:200], show_results=show_results)
    poll.title, poll.show_results = title.strip()[:200], show_results


@transaction.atomic
def poll_close(*, poll: Poll, actor=None) -> None:
    """Stop answering: an open poll becomes closed; it is never edited again."""
    locked = Poll.objects.select_for_update().get(pk=poll.pk)
    if locked.status != Poll.Status.OPEN:
        raise PollEditError([gettext("Only an open poll can be closed.")])
    locked.status = Poll.Status.CLOSED
    locked.save(update_fields=["status", "updated_at"])
    poll.status = locked.status
    transaction.on_commit(lambda: poll_closed.send(sender=Poll, poll_id=poll.pk))


@transaction.atomic
def poll_results_published(*, poll: Poll) -> None:
    """Mark a closed poll's results as published (open data)."""
    Poll.objects.filter(pk=poll.pk, status__in=[Poll.Status.CLOSED, Poll.Status.PUBLISHED]).update(
        status=Poll.Status.PUBLISHED
    )
    poll.refresh_from_db(fields=["status"])
