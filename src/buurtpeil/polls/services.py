"""Writes of polls. Other apps create and publish polls only through these functions."""

from django.db import transaction
from django.db.models import Max

from buurtpeil.polls.definition import definition_validate
from buurtpeil.polls.models import Poll, PollVersion


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
        number = (poll.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        latest = PollVersion.objects.create(poll=poll, number=number, definition=poll.definition)
    if poll.status == Poll.Status.DRAFT:
        poll.status = Poll.Status.OPEN
        poll.save(update_fields=["status", "updated_at"])
    return latest
