"""The answering page without script (?step=N), the JSON save endpoint, and the link's states."""

import json
import re

import pytest

from buurtpeil.responses.models import Response, SubmissionKey
from tests.responses import factories


def url(organisation, token, suffix=""):
    return f"/p/{organisation.code}/a/{token}{suffix}"


def post_step(client, organisation, token, step, data, go="next"):
    page = client.get(url(organisation, token, f"?step={step}"))
    key = re.search(r'name="key" value="([0-9a-f]+)"', page.content.decode())[1]
    return client.post(url(organisation, token, f"?step={step}&lang=nl"), {**data, "go": go, "key": key})


def test_a_wrong_token_gets_a_clear_404_page(client, organisation, invited):
    response = client.get(url(organisation, "not-the-token"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()


def test_a_token_of_another_organisation_gets_404(client, organisation, other_organisation):
    poll, _ = factories.poll_published(other_organisation)
    _recipient, token = factories.invitation(other_organisation, poll=poll)
    assert client.get(url(other_organisation, token)).status_code == 200
    response = client.get(url(organisation, token))
    assert response.status_code == 404 and "Veiligheid" not in response.content.decode()
    saved = client.post(url(organisation, token, "/save"), "{}", content_type="application/json")
    assert saved.status_code == 404


def test_the_whole_poll_is_one_page_with_the_first_group_shown(client, organisation, invited):
    _recipient, token = invited
    response = client.get(url(organisation, token), HTTP_ACCEPT_LANGUAGE="nl")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="bp-step') == 4 and body.count("hidden>") >= 3
    assert 'id="step-1" data-step="1" aria-labelledby' in body  # not hidden
    assert "Stap 1 van 4" in body and '<progress id="bp-progress" max="4" value="1"' in body
    assert "Bent u het afgelopen jaar slachtoffer geweest?" in body


def test_the_poll_content_follows_the_chosen_language(client, organisation, invited):
    _recipient, token = invited
    body = client.get(url(organisation, token, "?lang=en")).content.decode()
    assert "Were you a victim in the past year?" in body and 'lang="en"' in body


def test_the_step_flow_without_script_saves_each_group_and_completes(client, organisation, invited):
    _recipient, token = invited
    response = post_step(
        client, organisation, token, 1, {"victim": "yes", "reported": "no", "kinds": ["theft"]}
    )
    assert response.status_code == 302 and response["Location"].endswith("?step=2&lang=nl")
    assert Response.objects.get().answers == {"victim": "yes", "reported": "no", "kinds": ["theft"]}

    # A required question left open: the group is saved, and shown again with the error.
    response = post_step(client, organisation, token, 2, {"years": "3"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Beantwoord deze vraag." in body and 'href="#a-unsafe-1"' in body
    assert 'aria-describedby="e-unsafe"' in body and 'aria-invalid="true"' in body

    response = post_step(client, organisation, token, 2, {"unsafe": "5", "mark": "4", "years": "3"})
    assert response["Location"].endswith("?step=3&lang=nl")
    response = post_step(
        client, organisation, token, 3, {"nuisance__litter": "often", "nuisance__speeding": "never"}
    )
    assert response["Location"].endswith("?step=4&lang=nl")
    response = post_step(client, organisation, token, 4, {"remarks": "  Meer licht  "}, go="send")
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.status == Response.Status.COMPLETE
    assert stored.answers["remarks"] == "Meer licht" and stored.answers["years"] == 3
    thanks = client.get(url(organisation, token))
    assert "Bedankt" in thanks.content.decode()
    assert SubmissionKey.objects.count() == 5


def test_back_saves_without_asking_for_required_answers(client, organisation, invited):
    _recipient, token = invited
    post_step(client, organisation, token, 1, {"victim": "no"})
    response = post_step(client, organisation, token, 2, {"years": "7"}, go="back")
    assert response["Location"].endswith("?step=1&lang=nl")
    assert Response.objects.get().answers == {"victim": "no", "years": 7}


def test_a_returning_resident_sees_the_stored_answers_where_they_left_off(client, organisation, invited):
    _recipient, token = invited
    post_step(client, organisation, token, 1, {"victim": "no", "kinds": ["theft", "threat"]})
    body = client.get(url(organisation, token)).content.decode()
    assert 'id="step-2" data-step="2" aria-labelledby' in body
    assert re.search(r'value="no" id="a-victim-2" checked', body)
    assert re.search(r'value="threat" id="a-kinds-3" checked', body)


def test_a_double_posted_form_is_stored_once(client, organisation, invited):
    _recipient, token = invited
    page = client.get(url(organisation, token))
    key = re.search(r'name="key" value="([0-9a-f]+)"', page.content.decode())[1]
    for _ in range(2):
        client.post(url(organisation, token, "?step=1"), {"victim": "no", "go": "next", "key": key})
    assert SubmissionKey.objects.count() == 1


def test_the_json_endpoint_saves_and_replays(client, organisation, invited):
    _recipient, token = invited
    body = {"key": "abc", "answers": {"victim": "no"}, "complete": False, "language": "en"}
    first = client.post(url(organisation, token, "/save"), body, content_type="application/json")
    again = client.post(url(organisation, token, "/save"), body, content_type="application/json")
    assert first.status_code == again.status_code == 200
    assert first.json()["status"] == "saved" and not first.json()["replayed"]
    assert again.json()["replayed"]
    assert Response.objects.get().language == "en"


def test_the_json_endpoint_reports_errors_in_words(client, organisation, invited):
    _recipient, token = invited
    body = {"key": "k", "answers": {"victim": "no"}, "complete": True}
    response = client.post(url(organisation, token, "/save"), body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["mark"] == "Beantwoord deze vraag."


def test_the_json_endpoint_speaks_the_residents_language_with_the_security_headers(
    client, organisation, other_organisation, invited
):
    _recipient, token = invited
    for language, error in (("en", "Unknown link."), ("nl", "Onbekende link.")):
        address = url(organisation, "no-such-token", "/save")
        response = client.post(address, "{}", "application/json", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 404 and response.json()["error"] == error
        assert response["Content-Language"] == language
    body = {"key": "k", "answers": {"victim": "no"}, "complete": True}
    address = url(organisation, token, "/save")
    response = client.post(address, body, "application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["mark"] == "Answer this question."
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Accept-Language" in response["Vary"]
    # the token is valid, but not under another organisation's address
    assert client.post(url(other_organisation, token, "/save"), body, "application/json").status_code == 404


def test_a_bad_json_body_is_refused_in_words_and_stores_nothing(client, organisation, invited):
    _recipient, token = invited
    nested = "[" * 5000 + "]" * 5000
    for body, status in (("{not json", 400), ('["a list"]', 400), ('{"answers": 3}', 400), (nested, 400)):
        response = client.post(url(organisation, token, "/save"), body, "application/json")
        assert response.status_code == status
        assert response.json()["error"] == "Stuur een JSON-object met antwoorden."
    huge = json.dumps({"key": "k", "answers": {"victim": "x" * 300_000}})
    assert client.post(url(organisation, token, "/save"), huge, "application/json").status_code == 413
    assert not Response.objects.exists() and not SubmissionKey.objects.exists()


@pytest.mark.parametrize(
    ("headers", "content_type", "status"),
    [
        ({}, "text/plain", 415),
        ({"HTTP_ORIGIN": "https://evil.example"}, "application/json", 403),
        ({"HTTP_ORIGIN": "http://testserver"}, "application/json", 200),
    ],
)
def test_the_json_endpoint_refuses_cross_site_requests(
    client, organisation, invited, headers, content_type, status
):
    _recipient, token = invited
    body = json.dumps({"key": "k", "answers": {"victim": "no"}})
    response = client.post(url(organisation, token, "/save"), body, content_type=content_type, **headers)
    assert response.status_code == status


def test_after_completion_the_link_shows_the_thank_you_page_with_results(client, organisation, invited):
    from buurtpeil.polls.services import poll_settings_update

    recipient, token = invited
    poll = recipient.distribution.poll
    poll_settings_update(poll=poll, title=poll.title, intro="", show_results=True)
    body = {
        "key": "k",
        "complete": True,
        "answers": {
            "victim": "no",
            "unsafe": "2",
            "mark": 7,
            "nuisance": {"litter": "often", "speeding": "never"},
        },
    }
    client.post(url(organisation, token, "/save"), body, content_type="application/json")
    page = client.get(url(organisation, token), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Bedankt" in page and "Hoe anderen antwoordden" in page
    assert "Nog te weinig antwoorden om te tonen" in page  # 1 answer, minimum 10
    again = client.post(
        url(organisation, token, "/save"), {**body, "key": "k2"}, content_type="application/json"
    )
    assert again.status_code == 409


def test_an_ended_poll_says_so(client, organisation, invited):
    from buurtpeil.polls.services import poll_close

    recipient, token = invited
    poll_close(poll=recipient.distribution.poll)
    response = client.get(url(organisation, token), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 410 and "gesloten" in response.content.decode()


def test_the_service_worker_covers_the_answering_pages(client, organisation):
    response = client.get(f"/p/{organisation.code}/a/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == f"/p/{organisation.code}/a/"
    body = response.content.decode()
    assert "/static/buurtpeil/answer.js" in body and '"notificationclick"' in body and '"push"' in body


def test_while_the_database_is_unreachable_a_save_gets_503_and_the_retry_stores_once(organisation, invited):
    from django.db import OperationalError, connection
    from django.test import Client

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    _recipient, token = invited
    client = Client(raise_request_exception=False)  # as in production: the handler answers
    body = {"key": "same-key", "answers": {"victim": "no"}, "complete": False, "language": "nl"}
    with connection.execute_wrapper(unreachable):
        during = client.post(url(organisation, token, "/save"), body, content_type="application/json")
        page = client.get(url(organisation, token))
    assert during.status_code == page.status_code == 503 and during["Retry-After"] == "5"
    assert "Er is niets verloren gegaan" in page.content.decode()
    assert not Response.objects.exists()

    after = client.post(url(organisation, token, "/save"), body, content_type="application/json")
    again = client.post(url(organisation, token, "/save"), body, content_type="application/json")
    assert after.json()["status"] == "saved" and again.json()["replayed"]
    assert Response.objects.count() == SubmissionKey.objects.count() == 1


def test_under_the_api_an_unreachable_database_is_a_503_problem(client, organisation):
    from django.db import OperationalError, connection
    from django.test import Client

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("could not connect")

    with connection.execute_wrapper(unreachable):
        response = Client(raise_request_exception=False).get(
            "/api/v1/peilingen", HTTP_AUTHORIZATION="Bearer not-a-token"
        )
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response.json()["title"] == "Dienst niet beschikbaar"
