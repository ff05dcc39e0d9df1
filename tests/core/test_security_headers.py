"""Security headers and cookies, over plain HTTP, over HTTPS behind a TLS proxy, and as the
production settings read them from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PROXY = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client, organisation):
    response = client.get(f"/p/{organisation.code}/privacy/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    nonce = response.wsgi_request.csp_nonce
    assert f"script-src 'self' 'nonce-{nonce}'" in csp and "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp and "form-action 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert (
        "camera=()" in response["Permissions-Policy"]
        and "geolocation=(self)" in response["Permissions-Policy"]
    )
    assert "Strict-Transport-Security" not in response  # not over plain HTTP


@pytest.mark.django_db
def test_each_response_has_its_own_nonce(client, organisation):
    first = client.get(f"/p/{organisation.code}/privacy/")["Content-Security-Policy"]
    second = client.get(f"/p/{organisation.code}/privacy/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_https_through_the_proxy_gets_hsts(client, organisation, settings):
    settings.SECURE_PROXY_SSL_HEADER = PROXY
    response = client.get(f"/p/{organisation.code}/privacy/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    plain = client.get(f"/p/{organisation.code}/privacy/", HTTP_X_FORWARDED_PROTO="http")
    assert "Strict-Transport-Security" not in plain


@pytest.mark.django_db
def test_cookies_are_secure_httponly_and_same_site(client, organisation, make_staff, settings):
    settings.SECURE_PROXY_SSL_HEADER = PROXY
    make_staff(organisation, "admin")  # staff1
    page = client.get("/staff/login/", HTTP_X_FORWARDED_PROTO="https")
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/staff/login/",
        {"username": "staff1", "password": "a-long-test-password"},
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def _settings_in_a_fresh_process(**environment) -> dict:
    names = [
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "buurtpeil.config.settings", **environment}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=PROJECT, check=True
    )
    return json.loads(result.stdout)


def test_production_reads_proxy_and_hsts_from_the_environment():
    values = _settings_in_a_fresh_process(
        SECRET_KEY="x",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SECURE_SSL_REDIRECT="1",
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="yes",
    )
    assert values == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_production_defaults_and_the_development_exceptions():
    production = _settings_in_a_fresh_process(SECRET_KEY="x")
    assert production["SECURE_HSTS_SECONDS"] == 31536000 and production["SECURE_PROXY_SSL_HEADER"] is None
    assert production["SESSION_COOKIE_SECURE"] and not production["SECURE_SSL_REDIRECT"]
    development = _settings_in_a_fresh_process(DEBUG="1")
    assert development["SECURE_HSTS_SECONDS"] == 0 and not development["SESSION_COOKIE_SECURE"]
