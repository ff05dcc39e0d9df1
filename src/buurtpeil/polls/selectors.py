"""Reads of polls. Other apps import from here and from ``services`` only."""

from django.db.models import Max

from buurtpeil.polls.definition import questions
from buurtpeil.polls.models import Poll, PollVersion


def polls_for(organisation):
    return Poll.objects.filter(organisation=organisation)


def poll_for(organisation, poll_id) -> Poll | None:
    return Poll.objects.filter(organisation=organisation, pk=poll_id).first()


def poll_by_id(poll_id) -> Poll | None:
    """For background tasks, which get a primary key; pages use ``poll_for``."""
    return Poll.objects.select_related("organisation").filter(pk=poll_id).first()


def version_latest(poll: Poll) -> PollVersion | None:
    """The version new respondents get; None while the poll was never published."""
    return poll.versions.order_by("-number").first()


def version_latest_bare(poll_id: int) -> PollVersion | None:
    """``version_latest`` without its definition (read it with ``version_definition``)."""
    return PollVersion.objects.defer("definition").filter(poll_id=poll_id).order_by("-number").first()


_frozen: dict[tuple, dict] = {}
FROZEN_MAX = 200


def version_definition(version: PollVersion) -> dict:
    """The definition of ``version``, which may come without it (``.defer("definition")``).
    See ``version_definition_frozen``; the dict is shared: do not change it."""
    if "definition" in version.__dict__:
        return version.definition
    return version_definition_frozen(version.pk, version.created_at)


def version_definition_frozen(version_id: int, created_at) -> dict:
    """The definition of the version with this id and creation time (as the database gave it).

    A version is never changed once written, so its definition is read from the database
    once per process and kept. The key holds the creation time with the id, so a test
    database that hands out an id again after a rollback never gets another's definition.
    The dict is shared: do not change it."""
    key = (version_id, created_at)
    definition = _frozen.get(key)
    if definition is None:
        definition = PollVersion.objects.values_list("definition", flat=True).get(pk=version_id)
        if len(_frozen) >= FROZEN_MAX:
            _frozen.clear()
        _frozen[key] = definition
    return definition


def polls_with_latest(organisation) -> list[Poll]:
    """The organisation's polls, newest first, each with ``latest_number`` (None if never
    published) and ``question_count``; two queries."""
    polls = list(
        Poll.objects.filter(organisation=organisation).annotate(latest_number=Max("versions__number"))
    )
    for poll in polls:
        poll.question_count = sum(1 for _question in questions(poll.definition))
    return polls


def versions_for(poll: Poll) -> list[PollVersion]:
    """Every published version of ``poll``, oldest first, with its definition. One query."""
    return list(PollVersion.objects.filter(poll=poll).order_by("number"))


def poll_ids_closed(organisation) -> set[int]:
    """The organisation's polls that take no more answers: closed, or with results published."""
    closed = polls_for(organisation).filter(status__in=(Poll.Status.CLOSED, Poll.Status.PUBLISHED))
    return set(closed.values_list("pk", flat=True))


def indicator_modules(definition: dict) -> dict[str, tuple[str, str]]:
    """{indicator code: (library module code, module version)} for every registry indicator whose
    questions all sit in groups added from one library module (``editing.module_groups`` stamps
    them). An indicator with a question from elsewhere (an XLSForm, another module) is left out."""
    from buurtpeil.polls.indicators import INDICATORS, library_codes

    local = library_codes(definition)
    stamp_of: dict[str, tuple[str, str]] = {}
    for group in definition.get("groups", []):
        module = group.get("module")
        if isinstance(module, dict) and module.get("code") and module.get("version"):
            for question in group.get("questions", []):
                stamp_of[question.get("code")] = (str(module["code"]), str(module["version"]))
    found: dict[str, tuple[str, str]] = {}
    for code, entry in INDICATORS.items():
        parts = [local.get(part["question"]) for part in entry["parts"]]
        if entry.get("of"):
            parts.append(local.get(entry["of"]))
        stamps = {stamp_of.get(p) for p in parts if p}
        if parts and all(parts) and len(stamps) == 1 and None not in stamps:
            found[code] = stamps.pop()
    return found


def module_title(code: str, language: str = "nl") -> str:
    """The library module's title in ``language`` (the code for a module no longer there)."""
    from buurtpeil.polls import library

    try:
        titles = library.module(code)["title"]
    except KeyError:
        return code
    return titles.get(language) or titles.get("nl") or code
