"""Sorting a poll's open answers: masked before they are stored, new and changed answers
sorted, staff labels kept and learnt from, erased responses gone."""

import pytest

from buurtpeil.openanswers import services
from buurtpeil.openanswers.models import OpenAnswer
from buurtpeil.openanswers.tasks import open_answers_sort_task
from buurtpeil.organisations.models import AuditEvent
from buurtpeil.responses.models import Response
from tests.openanswers.conftest import open_poll, respond

pytestmark = pytest.mark.django_db


def test_every_open_answer_of_a_complete_response_is_sorted_and_stored_masked(poll_with_answers):
    poll, _version = poll_with_answers

    summary = services.open_answers_sort(poll=poll)

    stored = OpenAnswer.objects.filter(poll=poll)
    assert summary.sorted == stored.count() == 10
    texts = " ".join(stored.values_list("text", flat=True))
    assert "06-12345678" not in texts and "piet@example.nl" not in texts and "Jansen" not in texts
    assert "[telefoon]" in texts and "[e-mail]" in texts and "Buurman [naam]" in texts
    assert all(answer.source == "auto" and 0 < answer.confidence <= 1 for answer in stored)


def test_clear_answers_get_their_theme_and_factor(poll_with_answers):
    poll, _version = poll_with_answers
    services.open_answers_sort(poll=poll)

    def label(start):
        answer = OpenAnswer.objects.get(poll=poll, text__startswith=start)
        return answer.theme, answer.factor

    assert label("De lantaarnpalen") == ("lighting", 7)
    assert label("Er wordt gedeald")[0] == "drugs"
    assert label("Bij ons is twee keer ingebroken")[0] == "burglary"


def test_only_new_answers_are_sorted_the_second_time(poll_with_answers):
    poll, version = poll_with_answers
    services.open_answers_sort(poll=poll)
    respond(poll, version, {"open_unsafe": "Het is hier veel te donker bij het pad"})
    respond(poll, version, {"open_unsafe": "Nog niet klaar"}, status=Response.Status.IN_PROGRESS)

    summary = services.open_answers_sort(poll=poll)

    assert (summary.sorted, summary.kept, summary.removed) == (1, 0, 0)
    assert OpenAnswer.objects.filter(poll=poll).count() == 11
    assert services.open_answers_sort(poll=poll).sorted == 0


def test_answers_of_an_erased_response_go(poll_with_answers):
    poll, _version = poll_with_answers
    services.open_answers_sort(poll=poll)
    response = Response.objects.filter(poll=poll).first()
    response.answers = {"open_unsafe": "  "}
    response.save()

    summary = services.open_answers_sort(poll=poll)

    assert summary.removed == 2
    assert not OpenAnswer.objects.filter(response=response).exists()
    Response.objects.filter(poll=poll).delete()
    assert not OpenAnswer.objects.filter(poll=poll).exists()


def test_a_correction_is_the_staff_label_and_is_audited(poll_with_answers, make_staff, organisation):
    poll, _version = poll_with_answers
    services.open_answers_sort(poll=poll)
    answer = OpenAnswer.objects.get(poll=poll, text__startswith="Buurman")
    analyst = make_staff(organisation, "analyst")

    services.open_answer_correct(answer=answer, theme="neighbours", factor=3, actor=analyst)

    answer.refresh_from_db()
    assert (answer.theme, answer.factor, answer.source, answer.confidence) == ("neighbours", 3, "staff", None)
    event = AuditEvent.objects.get(action="open_answer")
    assert event.actor == analyst and f"Open answer {answer.pk}" in event.subject


@pytest.mark.parametrize(("theme", "factor"), [("weather", 1), ("lighting", 13), ("lighting", "x"), ("", 7)])
def test_a_correction_with_a_wrong_theme_or_factor_is_refused_and_changes_nothing(
    poll_with_answers, theme, factor
):
    poll, _version = poll_with_answers
    services.open_answers_sort(poll=poll)
    answer = OpenAnswer.objects.filter(poll=poll).first()
    before = (answer.theme, answer.factor, answer.source)

    with pytest.raises(services.CorrectionRefused):
        services.open_answer_correct(answer=answer, theme=theme, factor=factor, actor=None)

    answer.refresh_from_db()
    assert (answer.theme, answer.factor, answer.source) == before
    assert not AuditEvent.objects.filter(action="open_answer").exists()


def test_sorting_again_never_overwrites_a_staff_label(poll_with_answers):
    poll, _version = poll_with_answers
    services.open_answers_sort(poll=poll)
    answer = OpenAnswer.objects.get(poll=poll, text__startswith="De lantaarnpalen")
    services.open_answer_correct(answer=answer, theme="other", factor=10, actor=None)

    summary = services.open_answers_sort(poll=poll, resort=True)

    answer.refresh_from_db()
    assert (answer.theme, answer.factor, answer.source) == ("other", 10, "staff")
    assert (summary.sorted, summary.kept) == (9, 1)


def test_corrections_teach_the_sorter_for_the_organisations_later_answers(organisation, other_organisation):
    wording = "De kikkers in de vijver kwaken de hele nacht"
    poll, _version = open_poll(organisation, answers=[(wording, "")])
    services.open_answers_sort(poll=poll)
    answer = OpenAnswer.objects.get(poll=poll)
    assert answer.theme != "neighbours"  # a sorter that knew it would prove nothing here

    services.open_answer_correct(answer=answer, theme="neighbours", factor=3, actor=None)
    later, _version = open_poll(organisation, answers=[(wording + " en ik slaap slecht", "")])
    elsewhere, _version = open_poll(other_organisation, answers=[(wording + " en ik slaap slecht", "")])
    services.open_answers_sort(poll=later)
    services.open_answers_sort(poll=elsewhere)

    assert OpenAnswer.objects.get(poll=later).theme == "neighbours"
    assert OpenAnswer.objects.get(poll=elsewhere).theme != "neighbours"  # another organisation's lesson


def test_the_task_sorts_a_poll_by_its_id(poll_with_answers):
    poll, _version = poll_with_answers

    result = open_answers_sort_task.enqueue(poll.pk)

    assert result.return_value == {"sorted": 10, "kept": 0, "removed": 0}
    assert open_answers_sort_task.enqueue(poll.pk + 1000).return_value == {}


def test_staff_asking_to_sort_again_is_audited_and_sorts(
    poll_with_answers, make_staff, organisation, django_capture_on_commit_callbacks
):
    poll, _version = poll_with_answers
    admin = make_staff(organisation, "admin")

    with django_capture_on_commit_callbacks(execute=True):
        services.open_answers_sort_request(poll=poll, actor=admin)

    assert OpenAnswer.objects.filter(poll=poll).count() == 10
    assert AuditEvent.objects.get(action="open_answer").actor == admin
