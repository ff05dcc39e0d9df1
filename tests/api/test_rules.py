"""The NL API Design Rules on every response: API-Version, no trailing slash (404, never a
redirect), errors as application/problem+json (RFC 9457)."""

import pytest

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def _assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_every_response_under_api_v1_carries_the_version(api, poll, token, invite):
    bearer = invite(poll)
    responses = [
        api.get("/api/v1/peilingen", token=token),
        api.get(f"/api/v1/peilingen/{poll.pk}", token=token),
        api.get(f"/api/v1/peilingen/{poll.pk}", bearer=bearer),
        api.get(f"/api/v1/peilingen/{poll.pk}/aantallen", token=token),
        api.post("/api/v1/antwoorden", {"antwoorden": {"mark": 4}}, bearer=bearer, key="k"),
        api.get("/api/v1/openapi.json"),
        api.get("/api/v1/docs"),
        api.get("/api/v1/peilingen"),  # 401
        api.get("/api/v1/nergens"),  # 404
        api.get("/api/v1"),
        api.get("/api/v1/"),
        api.post("/api/v1/peilingen", token=token),  # 405
    ]
    assert [r["API-Version"] for r in responses] == ["1.0.0"] * len(responses)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 200, 200, 200, 401, 404, 404, 404, 405]


def test_other_pages_carry_no_api_version(client):
    assert "API-Version" not in client.get("/")


@pytest.mark.parametrize("path", ["/api/v1/peilingen/", "/api/v1/antwoorden/", "/api/v1/openapi.json/"])
def test_a_trailing_slash_is_a_404_problem_not_a_redirect(api, token, path):
    body = _assert_problem(api.get(path, token=token), 404)
    assert path.rstrip("/") in body["detail"]  # says where to go instead
    assert body["instance"] == path


def test_a_trailing_slash_on_a_detail_path_is_a_404(api, poll, token):
    _assert_problem(api.get(f"/api/v1/peilingen/{poll.pk}/", token=token), 404)


def test_401_problem_with_a_challenge(api):
    response = api.get("/api/v1/peilingen")
    _assert_problem(response, 401)
    assert "Token" in response["WWW-Authenticate"] and "Bearer" in response["WWW-Authenticate"]
    _assert_problem(api.get("/api/v1/peilingen", token="bp_unknown"), 401)
    _assert_problem(api.get("/api/v1/peilingen", extra=None, HTTP_AUTHORIZATION="Token"), 401)


def test_403_problem_for_a_valid_token_on_the_wrong_operation(api, poll, invite, token):
    _assert_problem(api.get("/api/v1/peilingen", bearer=invite(poll)), 403)
    _assert_problem(api.post("/api/v1/antwoorden", {"antwoorden": {}}, token=token, key="k"), 403)


def test_404_problem(api, token):
    _assert_problem(api.get("/api/v1/peilingen/999999", token=token), 404)
    _assert_problem(api.get("/api/v1/bestaat-niet", token=token), 404)


def test_405_problem_names_the_allowed_methods(api, token):
    response = api.post("/api/v1/peilingen", token=token)
    _assert_problem(response, 405)
    assert "GET" in response["Allow"]
    _assert_problem(api.get("/api/v1/antwoorden", bearer="x"), 401)  # who asks is checked first


def test_405_problem_for_a_resident(api, poll, invite):
    response = api.get("/api/v1/antwoorden", bearer=invite(poll))
    _assert_problem(response, 405)
    assert response["Allow"] == "POST, OPTIONS"


def test_415_problem(api, poll, invite):
    response = api.post(
        "/api/v1/antwoorden", "antwoorden=1", bearer=invite(poll), key="k", content_type="text/plain"
    )
    _assert_problem(response, 415)


def test_400_problem_lists_every_invalid_field(api, poll, invite):
    body = _assert_problem(api.post("/api/v1/antwoorden", {}, bearer=invite(poll)), 400)
    assert {param["name"] for param in body["invalidParams"]} == {"antwoorden", "Idempotency-Key"}
    assert all(param["reason"] and param["code"] for param in body["invalidParams"])


def test_400_problem_for_a_body_that_is_not_an_object(api, poll, invite):
    body = _assert_problem(api.post("/api/v1/antwoorden", [1, 2], bearer=invite(poll), key="k"), 400)
    assert [param["name"] for param in body["invalidParams"]] == ["body"]


def test_406_problem_for_an_accept_header_without_json(api, token):
    body = _assert_problem(api.get("/api/v1/peilingen", token=token, Accept="text/html"), 406)
    assert body["detail"] == "Kan niet voldoen aan de opgegeven Accept header."


@pytest.mark.parametrize(
    ("raw", "content_type", "detail"),
    [
        ('{"antwoorden"', "application/json", "De inhoud is geen geldige JSON (regel 1, kolom 14)."),
        ("[" * 5000 + "]" * 5000, "application/json", "De inhoud is te diep genest."),
        (
            '{"antwoorden": {"age": NaN}}',
            "application/json",
            "De inhoud bevat een getal dat niet te gebruiken is: NaN.",
        ),
        (
            '{"antwoorden": {"age": 1e400}}',
            "application/json",
            "De inhoud bevat een getal dat niet te gebruiken is: 1e400.",
        ),
        (
            '{"antwoorden": {"age": ' + "9" * 5000 + "}}",
            "application/json",
            "De inhoud bevat een getal dat niet te gebruiken is: 99999999999999999999.",
        ),
        (b'{"antwoorden": {"where": "\xff"}}', "application/json", "De inhoud is geen geldige utf-8-tekst."),
    ],
    ids=["cut-off", "nested-deeply", "nan", "beyond-a-float", "thousands-of-digits", "not-utf8"],
)
def test_400_problem_for_a_body_that_is_no_json_says_why_in_dutch(
    api, poll, invite, raw, content_type, detail
):
    response = api.post("/api/v1/antwoorden", raw, bearer=invite(poll), key="k", content_type=content_type)
    assert _assert_problem(response, 400)["detail"] == detail


def test_400_problem_for_a_charset_that_is_no_text_encoding(client, poll, invite):
    headers = {"Authorization": f"Bearer {invite(poll)}", "Idempotency-Key": "k"}
    response = client.generic(
        "POST", "/api/v1/antwoorden", b"{}", content_type="application/json; charset=rot13", headers=headers
    )
    detail = _assert_problem(response, 400)["detail"]
    assert detail == "De tekenset in de header Content-Type wordt niet ondersteund; stuur UTF-8."


def test_409_problem(api, poll, invite):
    bearer = invite(poll)
    api.post(
        "/api/v1/antwoorden",
        {"antwoorden": {"unsafe": "no", "mark": 5}, "compleet": True},
        bearer=bearer,
        key="1",
    )
    body = _assert_problem(api.post("/api/v1/antwoorden", {"antwoorden": {}}, bearer=bearer, key="2"), 409)
    assert body["type"] == "urn:buurtpeil:probleem:al-beantwoord"


def test_500_problem(client, poll, token, monkeypatch):
    from django.test import Client

    from buurtpeil.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "polls_with_latest", broken)
    response = Client(raise_request_exception=False).get(
        "/api/v1/peilingen", headers={"Authorization": f"Token {token}"}
    )
    body = _assert_problem(response, 500)
    assert "boom" not in response.content.decode()
    assert body["type"] == "about:blank"


def test_problems_are_in_dutch(api):
    body = api.get("/api/v1/peilingen").json()
    assert body["title"] == "Niet geauthenticeerd"


def test_api_responses_are_not_cached_by_shared_caches(api, token):
    assert api.get("/api/v1/peilingen", token=token)["Cache-Control"] == "no-store"
