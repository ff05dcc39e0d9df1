"""Closing a poll computes its results and sorts its open answers, in the background."""

from buurtpeil.insights.models import PollResults
from buurtpeil.openanswers.models import OpenAnswer
from tests.insights.conftest import add_responses, make_poll


def test_closing_a_poll_computes_its_results_and_sorts_its_open_answers(
    den_haag, django_capture_on_commit_callbacks
):
    from buurtpeil.polls.services import poll_close

    poll, version = make_poll(den_haag, modules=("safety_buurt", "open"))
    add_responses(version, {"BU05182811": 60})
    with django_capture_on_commit_callbacks(execute=True):
        poll_close(poll=poll)
    results = PollResults.objects.get(poll=poll)
    assert results.status == "ready" and results.respondents == 60
    assert OpenAnswer.objects.filter(poll=poll).exists()
