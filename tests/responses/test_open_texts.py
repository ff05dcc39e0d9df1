"""The free-text answers of a poll's complete responses, as open-answer sorting reads them."""

import uuid

import pytest

from buurtpeil.responses.models import Response
from buurtpeil.responses.selectors import OpenText, open_texts
from tests.responses import factories

pytestmark = pytest.mark.django_db


def test_only_non_empty_text_answers_of_complete_responses(organisation, django_assert_num_queries):
    poll, version = factories.poll_published(organisation)

    def respond(answers, status=Response.Status.COMPLETE):
        return Response.objects.create(
            organisation=organisation,
            poll=poll,
            version=version,
            member_key=uuid.uuid4(),
            answers=answers,
            status=status,
        ).pk

    first = respond({"remarks": "  Te donker bij de brug ", "victim": "no"})
    respond({"remarks": "   ", "victim": "yes"})
    respond({"remarks": "Nog bezig"}, status=Response.Status.IN_PROGRESS)
    respond({"victim": "Tekst in een keuzevraag telt niet"})

    assert open_texts(poll.pk) == [
        OpenText(response_id=first, question_code="remarks", text="Te donker bij de brug")
    ]
    with django_assert_num_queries(1):  # the version's definition is read once per process
        open_texts(poll.pk)
