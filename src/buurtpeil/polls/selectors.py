"""Reads of polls. Other apps import from here and from ``services`` only."""

from buurtpeil.polls.models import Poll, PollVersion


def polls_for(organisation):
    return Poll.objects.filter(organisation=organisation)


def poll_for(organisation, poll_id) -> Poll | None:
    return Poll.objects.filter(organisation=organisation, pk=poll_id).first()


def version_latest(poll: Poll) -> PollVersion | None:
    """The version new respondents get; None while the poll was never published."""
    return poll.versions.order_by("-number").first()
