import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from buurtpeil.panel.digests import token_digest
from buurtpeil.panel.models import Identity, MagicLink, PanelMember

pytestmark = pytest.mark.django_db


def test_the_mailed_token_is_stored_only_as_its_digest(client, organisation, request_link):
    token = request_link(organisation, "new@example.org")
    link = MagicLink.objects.get()
    assert link.token_digest == token_digest(token)
    assert token not in str(MagicLink.objects.values().get())
    assert abs(link.expires_at - link.created_at - timedelta(minutes=15)) < timedelta(seconds=1)


def test_get_shows_a_button_and_does_not_use_the_link(client, organisation, request_link):
    token = request_link(organisation, "new@example.org")
    response = client.get(f"/p/{organisation.code}/login/{token}/")
    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert MagicLink.objects.get().used_at is None
    assert not PanelMember.objects.exists()


def test_post_logs_in_and_redirects_to_a_url_without_the_token(client, organisation, request_link):
    token = request_link(organisation, "new@example.org")
    old_session = client.session.session_key
    response = client.post(f"/p/{organisation.code}/login/{token}/")
    assert response.status_code == 302
    assert response["Location"] == f"/p/{organisation.code}/profile/"
    assert token not in response["Location"]
    assert client.session.session_key != old_session  # cycle_key on login
    assert client.get(response["Location"]).status_code == 200


def test_an_expired_link_is_refused_with_a_new_link_form(client, organisation, request_link):
    token = request_link(organisation, "new@example.org")
    MagicLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(f"/p/{organisation.code}/login/{token}/")
    assert response.status_code == 410
    body = response.content.decode()
    assert "verlopen" in body  # Dutch by default: "This link has expired"
    assert 'name="email"' in body
    assert not PanelMember.objects.exists()


def test_a_link_works_once(client, organisation, request_link, django_user_model):
    from django.test import Client

    token = request_link(organisation, "new@example.org")
    assert client.post(f"/p/{organisation.code}/login/{token}/").status_code == 302
    other_browser = Client()
    for method in (other_browser.get, other_browser.post):
        response = method(f"/p/{organisation.code}/login/{token}/")
        assert response.status_code == 410
        assert "al gebruikt" in response.content.decode()  # "has already been used"
        assert 'name="email"' in response.content.decode()
    assert PanelMember.objects.count() == 1


def test_a_double_click_in_the_same_browser_lands_on_the_profile(client, organisation, request_link):
    token = request_link(organisation, "new@example.org")
    client.post(f"/p/{organisation.code}/login/{token}/")
    response = client.post(f"/p/{organisation.code}/login/{token}/")
    assert response.status_code == 302 and response["Location"].endswith("/profile/")
    assert PanelMember.objects.count() == 1 and Identity.objects.count() == 1


def test_an_unknown_token_is_refused(client, organisation):
    response = client.post(f"/p/{organisation.code}/login/made-up-token/")
    assert response.status_code == 400
    assert 'name="email"' in response.content.decode()


def test_a_link_works_only_in_its_own_organisation(client, organisation, other_organisation, request_link):
    token = request_link(organisation, "new@example.org")
    response = client.post(f"/p/{other_organisation.code}/login/{token}/")
    assert response.status_code == 400
    assert MagicLink.objects.get().used_at is None


def test_a_known_address_gets_a_login_link(client, organisation, make_member, request_link):
    member = make_member(organisation, "known@example.org")
    token = request_link(organisation, "Known@Example.org ")
    response = client.post(f"/p/{organisation.code}/login/{token}/")
    assert response["Location"] == f"/p/{organisation.code}/me/"
    assert PanelMember.objects.get() == member


def test_asking_again_and_again_sends_at_most_three_open_links(
    client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/p/{organisation.code}/", {"email": "flood@example.org"})
        assert response.status_code == 302
    assert len(mailoutbox) == 3


def test_logs_hold_neither_address_nor_token(client, organisation, request_link, caplog):
    caplog.set_level(logging.DEBUG)
    token = request_link(organisation, "quiet@example.org")
    client.post(f"/p/{organisation.code}/login/{token}/")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Magic link" in logged
    assert "quiet@example.org" not in logged and token not in logged


def test_the_task_takes_primary_keys_only(organisation, django_capture_on_commit_callbacks, monkeypatch):
    from types import SimpleNamespace

    from buurtpeil.panel import services, tasks

    calls = []
    stub = SimpleNamespace(enqueue=lambda *args, **kw: calls.append((args, kw)))
    monkeypatch.setattr(tasks, "magic_link_send", stub)
    with django_capture_on_commit_callbacks(execute=True):
        services.magic_link_request(organisation=organisation, email="pk@example.org", language="nl")
    assert calls == [((MagicLink.objects.get().pk, "nl"), {})]


def test_the_development_servers_access_log_goes_through_the_redacting_filter():
    from django.utils.log import ServerFormatter

    from buurtpeil.core.logging import RedactSecretsFilter

    handlers = logging.getLogger("django.server").handlers
    assert any(isinstance(f, RedactSecretsFilter) for handler in handlers for f in handler.filters)
    assert not any(isinstance(handler.formatter, ServerFormatter) for handler in handlers)
