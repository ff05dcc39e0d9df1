"""Which poll and which version a caller may see. Staff: any poll of their organisation.
A resident: only the poll of their own invitation, in the version they answer."""

from buurtpeil.polls.selectors import poll_for, version_latest
from buurtpeil.responses.selectors import response_for_recipient


def poll_for_caller(caller, poll_id: int):
    if caller.is_staff:
        return poll_for(caller.organisation, poll_id)
    poll = caller.recipient.distribution.poll
    return poll if poll.pk == poll_id and poll.organisation_id == caller.organisation.pk else None


def version_for_caller(caller, poll):
    """The latest published version; for a resident who started, the version their answers
    are checked against (it stays the same when the poll is published again)."""
    if caller.recipient is not None:
        response = response_for_recipient(caller.recipient)
        if response is not None:
            return response.version
    return version_latest(poll)
