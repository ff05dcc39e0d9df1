"""A published poll with the library's open questions, and complete responses with free text
written as residents write it (personal data included, to see it masked)."""

import uuid

import pytest

from buurtpeil.polls import services as poll_services
from buurtpeil.responses.models import Response

ANSWERS = [
    ("De lantaarnpalen in onze straat doen het al weken niet, het is 's avonds pikkedonker.", "Meer licht"),
    ("Jongeren die elke avond bij het winkelcentrum hangen en mensen naroepen.", "Jongerenwerk"),
    ("Er wordt gedeald bij de speeltuin, bel 06-12345678 als je het ziet.", "Dealers oppakken"),
    ("Buurman Jansen schreeuwt elke nacht, mail me op piet@example.nl", "Overlast buren aanpakken"),
    ("Bij ons is twee keer ingebroken, via de achterdeur.", "Betere sloten"),
]


def respond(poll, version, answers: dict, *, status=Response.Status.COMPLETE) -> Response:
    return Response.objects.create(
        organisation=poll.organisation,
        poll=poll,
        version=version,
        member_key=uuid.uuid4(),
        answers=answers,
        status=status,
    )


def open_poll(organisation, answers=ANSWERS):
    """A published poll with the open questions (open_unsafe, open_change) and one complete
    response per pair of answers."""
    poll = poll_services.poll_create(
        organisation=organisation,
        title="Veiligheid 2026",
        definition={"languages": ["nl", "en"], "title": {"nl": "Veiligheid"}, "groups": []},
    )
    poll_services.poll_module_add(poll=poll, module_code="open")
    version = poll_services.poll_publish(poll=poll)
    for unsafe, change in answers:
        respond(poll, version, {"open_unsafe": unsafe, "open_change": change})
    return poll, version


@pytest.fixture
def poll_with_answers(organisation):
    return open_poll(organisation)
