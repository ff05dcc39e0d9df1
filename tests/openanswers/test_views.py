"""The staff page of open answers: counts, filters, search, pages, corrections with and
without htmx, and sorting again; never a resident's personal data; viewers only read."""

import html
import re

import pytest
from django.urls import reverse

from buurtpeil.openanswers import services
from buurtpeil.openanswers.models import OpenAnswer
from tests.openanswers.conftest import open_poll

pytestmark = pytest.mark.django_db

PERSONAL = ("06-12345678", "piet@example.nl", "Jansen")


@pytest.fixture
def sorted_poll(poll_with_answers):
    poll, _version = poll_with_answers
    services.open_answers_sort(poll=poll)
    return poll


def url(poll, name="list", **kwargs):
    return reverse(
        f"openanswers:{name}", kwargs={"org_code": poll.organisation.code, "poll_id": poll.pk, **kwargs}
    )


def test_the_page_shows_counts_and_the_masked_answers_only(client, organisation, make_staff, sorted_poll):
    client.force_login(make_staff(organisation, "viewer"))

    page = client.get(url(sorted_poll)).content.decode()

    assert "Open antwoorden: Veiligheid 2026" in page
    assert "Verlichting" in page and "Vertrouwenwekkend toezicht" in page  # a theme and a factor
    assert "[telefoon]" in page and "Buurman [naam]" in page
    assert not [value for value in PERSONAL if value in page]
    assert "bp-answer__form" not in page and "Sorteer de antwoorden" not in page  # a viewer reads only


def test_theme_factor_question_and_search_filter_the_answers(staff_client, sorted_poll):
    lighting = OpenAnswer.objects.get(poll=sorted_poll, text__startswith="De lantaarnpalen")

    def texts(**query):
        page = staff_client.get(url(sorted_poll), query).content.decode()
        found = re.findall(r'<p class="utrecht-paragraph bp-answer__text">(.*?)</p>', page)
        return [html.unescape(text) for text in found]

    assert len(texts()) == 10
    assert lighting.text in texts(theme="lighting")
    factor_7 = list(OpenAnswer.objects.filter(poll=sorted_poll, factor=7).values_list("text", flat=True))
    assert factor_7 and sorted(texts(factor=7)) == sorted(factor_7)
    assert len(texts(question="open_change")) == 5
    assert texts(q="LANTAARN") == [lighting.text]
    assert texts(q="Jansen") == []  # the name is not stored, so not found


def test_a_wrong_filter_says_so_and_filters_nothing(staff_client, sorted_poll):
    response = staff_client.get(url(sorted_poll), {"theme": "weather", "factor": "99"})

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Selecteer een geldige keuze.") == 2
    assert page.count('class="utrecht-paragraph bp-answer__text"') == 10


def test_answers_come_in_pages(staff_client, organisation):
    poll, _version = open_poll(organisation, answers=[(f"Het is donker bij lamp {n}", "") for n in range(30)])
    services.open_answers_sort(poll=poll)

    first = staff_client.get(url(poll)).content.decode()
    second = staff_client.get(url(poll), {"page": 2}).content.decode()

    assert first.count("bp-answer__text") == 25 and second.count("bp-answer__text") == 5
    assert "Pagina 1 van 2" in first and "?page=2" in first


def test_an_analyst_corrects_an_answer_without_javascript(client, organisation, make_staff, sorted_poll):
    client.force_login(make_staff(organisation, "analyst"))
    answer = OpenAnswer.objects.get(poll=sorted_poll, text__startswith="Buurman")
    back = url(sorted_poll) + "?theme=" + answer.theme

    response = client.post(
        url(sorted_poll, "correct", answer_id=answer.pk), {"theme": "neighbours", "factor": "3", "next": back}
    )

    assert response.status_code == 302 and response["Location"] == back
    answer.refresh_from_db()
    assert (answer.theme, answer.factor, answer.source) == ("neighbours", 3, "staff")
    page = client.get(back, follow=True).content.decode()
    assert "Het thema en de factor van het antwoord zijn opgeslagen." in page


def test_with_htmx_the_corrected_answer_comes_back_alone(staff_client, sorted_poll):
    answer = OpenAnswer.objects.get(poll=sorted_poll, text__startswith="Er wordt gedeald")

    response = staff_client.post(
        url(sorted_poll, "correct", answer_id=answer.pk),
        {"theme": "police", "factor": "8"},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert page.startswith(f'<li class="bp-answer" id="answer-{answer.pk}">')
    assert "Opgeslagen." in page and "door medewerker gecorrigeerd" in page
    assert "06-12345678" not in page


def test_a_wrong_correction_says_so_and_changes_nothing(staff_client, sorted_poll):
    answer = OpenAnswer.objects.filter(poll=sorted_poll).first()
    before = (answer.theme, answer.factor, answer.source)

    htmx = staff_client.post(
        url(sorted_poll, "correct", answer_id=answer.pk),
        {"theme": "weather", "factor": "3"},
        HTTP_HX_REQUEST="true",
    )
    plain = staff_client.post(url(sorted_poll, "correct", answer_id=answer.pk), {"factor": "13"}, follow=True)

    assert 'role="alert"' in htmx.content.decode()
    assert "Kies een thema en een factor uit de lijsten." in plain.content.decode()
    answer.refresh_from_db()
    assert (answer.theme, answer.factor, answer.source) == before


def test_a_viewer_cannot_correct_or_sort(client, organisation, make_staff, sorted_poll):
    client.force_login(make_staff(organisation, "viewer"))
    answer = OpenAnswer.objects.filter(poll=sorted_poll).first()

    assert (
        client.post(
            url(sorted_poll, "correct", answer_id=answer.pk), {"theme": "police", "factor": "8"}
        ).status_code
        == 403
    )
    assert client.post(url(sorted_poll, "sort")).status_code == 403


def test_the_sort_button_sorts_new_answers(
    staff_client, poll_with_answers, django_capture_on_commit_callbacks
):
    poll, _version = poll_with_answers
    before = staff_client.get(url(poll)).content.decode()
    assert "10 antwoorden zijn nog niet gesorteerd." in before

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(poll, "sort"))

    assert response.status_code == 302
    page = staff_client.get(response["Location"]).content.decode()
    assert "Het sorteren is begonnen." in page and "nog niet gesorteerd" not in page
    assert page.count("bp-answer__text") == 10


def test_an_answer_of_another_poll_is_not_found(staff_client, organisation, sorted_poll):
    other, _version = open_poll(organisation, answers=[("Donker", "")])
    answer = OpenAnswer.objects.filter(poll=sorted_poll).first()

    assert (
        staff_client.post(
            url(other, "correct", answer_id=answer.pk), {"theme": "police", "factor": "8"}
        ).status_code
        == 404
    )


def test_the_page_reads_in_a_fixed_number_of_queries(staff_client, sorted_poll, django_assert_num_queries):
    staff_client.get(url(sorted_poll))  # sessions and the like settle
    # session, user, membership, poll, answers page count + rows, theme and factor counts,
    # stored keys and open texts (unsorted)
    with django_assert_num_queries(11):  # with the finished-report notice of every staff page
        staff_client.get(url(sorted_poll))
