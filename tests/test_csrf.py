"""Every view that takes a POST is protected against cross-site requests, generated from the URL
configuration so that a new view cannot be forgotten.

Each URL is POSTed without a CSRF token by a logged-in staff member (also a superuser) of the
organisation the URL belongs to, so the session alone would let the request through. Every
view must refuse it through Django's CSRF check, except:
- the views in ``TOKEN_VIEWS``, whose credential is a token in the URL (never the session),
  which must refuse a wrong token whatever the session;
- the API (``/api/v1``), authenticated by a token in a header: it must refuse the session.
A new exemption needs an entry below with its reason.
"""

import re

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.test_tenant_isolation import tenant_b  # noqa: F401  (samples behind every URL argument)

PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")
ADMIN_SAMPLES = {
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "app_label": "organisations",
    "url": "x/",
    "uidb64": "MQ",  # the link to choose a first password (staff:password_set)
}
TOKEN_VIEWS = {
    "responses:save": "the answering token in the URL is the credential; JSON only, Origin checked",
    "distribution:unsubscribe": "RFC 8058: mail clients POST one-click unsubscribes without a CSRF token",
}
REFUSED = "refused by the CSRF check"


def csrf_refused(request, reason=""):
    return HttpResponse(REFUSED, status=403)


def _routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _path(route: str, samples: dict[str, str]) -> str:
    def value(match):
        name = match["name"] or match["group"]
        if name not in samples:
            pytest.fail(f"Add a sample value for URL argument <{name}> (route {route!r}).")
        return samples[name]

    return "/" + PLACEHOLDER.sub(value, route).replace("^", "").replace("$", "")


@pytest.fixture
def session_client(other_organisation, make_staff, settings):
    """A client that enforces CSRF, logged in as an admin (and superuser) of organisation B."""
    settings.CSRF_FAILURE_VIEW = "tests.test_csrf.csrf_refused"
    user = make_staff(other_organisation, "admin")
    user.is_superuser = user.is_staff = True
    user.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_every_post_without_a_csrf_token_is_refused(session_client, tenant_b):  # noqa: F811
    samples = {**ADMIN_SAMPLES, **tenant_b}
    checked = 0
    for route, pattern in _routes():
        path = _path(route, samples)
        response = session_client.post(path, {"a": "b"})
        body = response.content.decode(errors="replace")
        if route.startswith("api/v1/"):
            assert response.status_code in (401, 403, 405), f"API {path}: {response.status_code}"
            continue
        name = pattern.name and _view_name(path)
        if name in TOKEN_VIEWS:
            wrong = path.replace(samples["token"], "not-a-real-token")
            refused = session_client.post(wrong, {"a": "b"}, content_type="application/json")
            assert refused.status_code in (400, 403, 404), f"{wrong}: {refused.status_code}"
            continue
        assert response.status_code == 403 and body == REFUSED, f"POST {path}: {response.status_code}"
        checked += 1
    assert checked >= 100, checked


def _view_name(path: str) -> str:
    from django.urls import resolve

    return resolve(path).view_name


@pytest.mark.django_db
def test_the_same_post_with_its_token_passes_the_check(session_client):
    session_client.get("/staff/login/")  # sets the CSRF cookie
    token = session_client.cookies["csrftoken"].value
    response = session_client.post("/i18n/setlang/", {"language": "en"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
