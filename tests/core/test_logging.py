"""No personal data reaches a log: the redacting filter on every handler, and the request log."""

import io
import json
import logging
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from buurtpeil.core.logging import RedactSecretsFilter, redact

PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
TOKEN = "Zx9-abc_DEF123ghijklmnopQRSTUV"


def test_email_addresses_and_tokens_are_redacted():
    line = 'GET /p/GM0518/login/Zx9-abc_DEF123/ from jan.de.vries+panel@example.nl "code=ABCD2345"'
    cleaned = redact(line)
    assert "jan.de.vries" not in cleaned
    assert "Zx9-abc_DEF123" not in cleaned
    assert "[e-mail]" in cleaned and "/login/[token]" in cleaned


def test_filter_rewrites_formatted_records():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "sent link to %s", ("a@b.nl",), None)
    assert RedactSecretsFilter().filter(record) is True
    assert record.getMessage() == "sent link to [e-mail]"


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "0612345678",
        "06 1234 5678",
        "+31 6 12345678",
        "+31612345678",
        "0031 20 123 4567",
        "020-1234567",
        "+32 470 12 34 56",
        "0470 12 34 56",
        "02 123 45 67",
        "+31 (0)20 123 4567",
    ],
)
def test_phone_numbers_are_redacted(phone):
    cleaned = redact(f"call {phone} today")
    assert cleaned == "call [phone] today", cleaned


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-03 03:19:31,123 duration 12.5 ms",
        "member 00000000-0000-4000-8000-00000000000b",
        "task 3f2b6c1e0a9d4b7c8e5f1a2b3c4d5e6f queued",
        "poll 1234567 with 250000 invitations",
        "version 2.8.7",
        "at 12:30:45 or 12:30",
    ],
)
def test_ordinary_numbers_dates_and_keys_stay(text):
    assert redact(text) == text


def test_ip_addresses_are_cut_to_their_network():
    cleaned = redact("from 203.0.113.77 and 2001:db8:85a3:8d3:1319:8a2e:370:7348 via [::1]")
    assert cleaned == "from 203.0.113.0/24 and 2001:db8:85a3::/48 via [::/48]"
    assert redact(cleaned) == cleaned  # a second handler changes nothing more


def test_credentials_in_headers_and_api_tokens_are_redacted():
    cleaned = redact("Authorization: Bearer abc.DEF-123_x= and Token bp_0123456789abcdefghijKLMN")
    assert "abc.DEF" not in cleaned and "0123456789abcdef" not in cleaned


def _routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def test_every_token_in_a_url_of_the_url_configuration_is_redacted():
    """Generated from the URL configuration: a new URL with a token in its path is covered, or
    this test fails until ``core.logging.TOKEN_PATHS`` knows it."""
    # ``<token_id>`` (an API token's id) is no token itself.
    token_routes = [r for r in _routes() if any(m["name"].endswith("token") for m in PLACEHOLDER.finditer(r))]
    assert len(token_routes) >= 7, token_routes
    for route in token_routes:

        def sample(match):
            return TOKEN if "token" in match["name"] else {"org_code": "GM0518"}.get(match["name"], "1")

        path = "/" + PLACEHOLDER.sub(sample, route)
        line = f'"GET {path}?x=1 HTTP/1.1" 404 and "Not Found: {path}"'
        assert TOKEN not in redact(line), route


def _console_output(emit) -> str:
    """What the configured console handler (settings.LOGGING) writes while ``emit`` runs."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        emit()
    finally:
        handler.setStream(previous)
    return stream.getvalue()


def test_the_console_writes_json_lines_without_personal_data_even_in_an_exception():
    def emit():
        try:
            raise ValueError("duplicate key (email)=(jan@example.nl) phone 06-12345678")
        except ValueError:
            logging.getLogger("buurtpeil.test").exception("could not store %s", "piet@example.nl")

    output = _console_output(emit)
    entry = json.loads(output)
    assert entry["level"] == "ERROR" and entry["logger"] == "buurtpeil.test"
    assert entry["message"] == "could not store [e-mail]"
    assert "ValueError" in entry["exception"]
    assert "example.nl" not in output and "12345678" not in output


@pytest.mark.django_db
def test_each_request_writes_one_line_with_its_id_view_status_and_duration(client, organisation):
    path = f"/p/{organisation.code}/a/{TOKEN}"
    holder = {}

    def emit():
        holder["response"] = client.get(path, HTTP_X_FORWARDED_FOR="198.51.100.23")

    output = _console_output(emit)
    response = holder["response"]
    lines = [json.loads(line) for line in output.splitlines()]
    request_lines = [line for line in lines if line["logger"] == "buurtpeil.request"]
    assert len(request_lines) == 1, lines
    entry = request_lines[0]
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["view"] == "responses:answer" and entry["status"] == response.status_code
    assert entry["method"] == "GET" and entry["duration_ms"] >= 0
    assert TOKEN not in output and "198.51.100.23" not in output
    # Lines written while the request was handled (a 404's warning) carry the same id.
    assert all(line.get("request_id") == entry["request_id"] for line in lines)


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_and_anything_else_replaced(client):
    kept = client.get("/", HTTP_X_REQUEST_ID="0f8fad5b-d9cb-469f-a165-70867728950e")
    assert kept["X-Request-ID"] == "0f8fad5b-d9cb-469f-a165-70867728950e"
    replaced = client.get("/", HTTP_X_REQUEST_ID="jan@example.nl")
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])
