"""POST /api/v1/antwoorden: saving and handing in answers with an invitation token, once per
Idempotency-Key."""

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/antwoorden"


def _responses():
    from buurtpeil.responses.models import Response, SubmissionKey

    return Response.objects.all(), SubmissionKey.objects.all()


def test_answers_are_saved_and_handed_in(api, poll, invite):
    bearer = invite(poll)

    first = api.post(
        URL, {"antwoorden": {"unsafe": "yes", "where": "Station"}, "taal": "nl"}, bearer=bearer, key="a"
    )
    assert first.status_code == 200
    assert first.json()["status"] == "bezig" and first.json()["voltooidOp"] is None
    done = api.post(URL, {"antwoorden": {"mark": 6}, "compleet": True}, bearer=bearer, key="b")

    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "compleet" and body["peiling"] == poll.pk and body["versie"] == 1
    assert body["antwoorden"] == {"unsafe": "yes", "where": "Station", "mark": 6}
    assert body["taal"] == "nl" and "T" in body["voltooidOp"] and "T" in body["gestartOp"]
    responses, _keys = _responses()
    assert responses.get().answers == {"unsafe": "yes", "where": "Station", "mark": 6}


def test_the_same_key_twice_is_stored_once_with_the_same_answer(api, poll, invite):
    bearer = invite(poll)
    body = {"antwoorden": {"unsafe": "no", "mark": 9}, "compleet": True}

    first = api.post(URL, body, bearer=bearer, key="5f0c-retry")
    again = api.post(URL, body, bearer=bearer, key="5f0c-retry")

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert "Idempotent-Replayed" not in first and again["Idempotent-Replayed"] == "true"
    responses, keys = _responses()
    assert responses.count() == 1 and keys.count() == 1


def test_a_new_key_after_handing_in_is_a_conflict(api, poll, invite):
    bearer = invite(poll)
    api.post(URL, {"antwoorden": {"unsafe": "no", "mark": 9}, "compleet": True}, bearer=bearer, key="one")

    response = api.post(URL, {"antwoorden": {"mark": 1}}, bearer=bearer, key="two")

    assert response.status_code == 409
    problem = response.json()
    assert problem["type"] == "urn:buurtpeil:probleem:al-beantwoord" and problem["status"] == 409
    assert _responses()[0].get().answers["mark"] == 9


def test_invalid_answers_are_all_reported_per_question_and_nothing_is_stored(api, poll, invite):
    bearer = invite(poll)

    response = api.post(
        URL, {"antwoorden": {"unsafe": "maybe", "age": 5}, "compleet": True}, bearer=bearer, key="k"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:buurtpeil:probleem:ongeldige-invoer"
    params = {param["name"]: param for param in problem["invalidParams"]}
    assert set(params) == {"antwoorden.unsafe", "antwoorden.mark", "antwoorden.age"}
    assert params["antwoorden.mark"]["code"] == "required"
    assert params["antwoorden.unsafe"]["code"] == "invalid_choice"
    assert params["antwoorden.age"]["code"] == "min_value"
    assert params["antwoorden.mark"]["reason"] == "Deze vraag moet beantwoord worden."
    assert not _responses()[0].exists()


def test_body_and_header_faults_are_reported_at_once(api, poll, invite):
    response = api.post(
        URL, {"antwoorden": "geen object", "compleet": "misschien", "taal": "!!"}, bearer=invite(poll)
    )

    assert response.status_code == 400
    names = {param["name"] for param in response.json()["invalidParams"]}
    assert names == {"antwoorden", "compleet", "taal", "Idempotency-Key"}


@pytest.mark.parametrize("text", ["Station\x00", "half \ud800 a character"], ids=["nul", "half-a-character"])
def test_a_text_that_cannot_be_stored_is_refused_and_nothing_is_stored(api, poll, invite, text):
    response = api.post(URL, {"antwoorden": {"unsafe": "yes", "where": text}}, bearer=invite(poll), key="k")

    assert response.status_code == 400
    assert response.json()["invalidParams"] == [
        {
            "name": "antwoorden.where",
            "code": "invalid",
            "reason": "De tekst bevat een teken dat niet kan worden opgeslagen (NUL of een half teken).",
        }
    ]
    assert not _responses()[0].exists()


def test_a_text_too_long_is_refused_in_dutch(api, poll, invite):
    body = {"antwoorden": {"unsafe": "yes", "where": "x" * 2001}}
    response = api.post(URL, body, bearer=invite(poll), key="k")
    assert response.status_code == 400
    (param,) = response.json()["invalidParams"]
    assert (param["code"], param["reason"]) == ("max_length", "De tekst is langer dan 2000 tekens.")


@pytest.mark.parametrize(
    ("body", "name", "reason"),
    [
        (None, "body", "De inhoud moet een JSON-object met antwoorden zijn."),
        ({"antwoorden": {}, "compleet": "misschien"}, "compleet", "Moet true of false zijn."),
        ({"antwoorden": {}, "taal": {"nl": 1}}, "taal", "Geen tekst."),
    ],
    ids=["null", "compleet", "taal"],
)
def test_a_field_of_the_wrong_kind_is_refused_in_dutch(api, poll, invite, body, name, reason):
    raw = json.dumps(body)
    response = api.post(URL, raw, bearer=invite(poll), key="k")
    assert response.status_code == 400
    assert [(p["name"], p["reason"]) for p in response.json()["invalidParams"]] == [(name, reason)]


@pytest.mark.parametrize("key", ["", "   ", "x" * 101, "a\x00b", "a\x1bb"])
def test_the_idempotency_key_is_required_and_short(api, poll, invite, key):
    response = api.post(URL, {"antwoorden": {"mark": 5}}, bearer=invite(poll), key=key)
    assert response.status_code == 400
    assert [param["name"] for param in response.json()["invalidParams"]] == ["Idempotency-Key"]
    assert not _responses()[0].exists()


def test_a_closed_poll_takes_no_answers(api, poll, invite):
    bearer = invite(poll)
    poll.status = poll.Status.CLOSED
    poll.save()

    response = api.post(URL, {"antwoorden": {"mark": 5}}, bearer=bearer, key="k")

    assert response.status_code == 409
    assert response.json()["type"] == "urn:buurtpeil:probleem:peiling-gesloten"
    assert response.json()["detail"]


def test_answers_need_an_invitation_token(api, poll, token, invite):
    assert api.post(URL, {"antwoorden": {"mark": 5}}, key="k").status_code == 401
    assert api.post(URL, {"antwoorden": {"mark": 5}}, token=token, key="k").status_code == 403
    assert api.post(URL, {"antwoorden": {"mark": 5}}, bearer="not-a-token", key="k").status_code == 401
    assert not _responses()[0].exists()


def test_a_token_answers_only_for_its_own_invitation(api, poll, other_organisation, make_poll, invite):
    ours, theirs = invite(poll), invite(make_poll(other_organisation))

    api.post(URL, {"antwoorden": {"mark": 3}}, bearer=ours, key="same")
    api.post(URL, {"antwoorden": {"mark": 8}}, bearer=theirs, key="same")

    responses, _keys = _responses()
    assert sorted((r.organisation_id, r.answers["mark"]) for r in responses) == sorted(
        [(poll.organisation_id, 3), (other_organisation.pk, 8)]
    )
