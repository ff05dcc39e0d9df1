"""Reads of polls. Other apps import from here and from ``services`` only."""

from django.db.models import Max

from buurtpeil.polls.models import Poll, PollVersion


def polls_for(organisation):
    return Poll.objects.filter(organisation=organisation)


def poll_for(organisation, poll_id) -> Poll | None:
    return Poll.objects.filter(organisation=organisation, pk=poll_id).first()


def version_latest(poll: Poll) -> PollVersion | None:
    """The version new respondents get; None while the poll was never published."""
    return poll.versions.order_by("-number").first()


def polls_with_latest(organisation) -> list[Poll]:
    """The organisation's polls, newest first, each with ``latest_number`` (None if never
    published) and ``question_count``; two queries."""
    polls = list(
        Poll.objects.filter(organisation=organisation).annotate(latest_number=Max("versions__number"))
    )
    for poll in polls:
        poll.question_count = sum(
            len(group.get("questions", ())) for group in poll.definition.get("groups", ())
        )
    return polls
