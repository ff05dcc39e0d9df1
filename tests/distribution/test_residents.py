"""Resident endpoints: one-click unsubscribe (GET changes nothing, POST opts out, the next send
skips), the push subscription endpoint, and erasure of everything sending kept."""

import base64
import json
import os
import re

import pytest

from buurtpeil.distribution import services
from buurtpeil.distribution.models import Delivery, OptOut, PushSubscription, Recipient
from buurtpeil.distribution.tokens import token_for
from buurtpeil.distribution.unsubscribe import unsubscribe_read, unsubscribe_token

pytestmark = pytest.mark.usefixtures("daytime")

UNSUBSCRIBE = re.compile(r"<https?://[^/]+(?P<path>/p/[^/]+/unsubscribe/[^>]+)>")


@pytest.fixture
def member(organisation, buurten, make_member):
    return make_member(organisation, next(iter(buurten.values())), email="lid@example.org")


def test_unsubscribe_get_changes_nothing_post_opts_out_and_the_next_send_skips(
    client, member, distribute, mailoutbox
):
    distribute()
    path = UNSUBSCRIBE.search(mailoutbox[0].extra_headers["List-Unsubscribe"])["path"]

    page = client.get(path)
    assert page.status_code == 200 and "Ja, afmelden" in page.content.decode()
    assert not OptOut.objects.exists()

    done = client.post(path, {"List-Unsubscribe": "One-Click"})  # as a mail client does, no CSRF token
    assert done.status_code == 200 and "U bent afgemeld" in done.content.decode()
    assert OptOut.objects.filter(member_key=member.key, channel="email").count() == 1
    assert client.post(path).status_code == 200  # a second click is fine
    assert OptOut.objects.count() == 1

    distribute()

    assert len(mailoutbox) == 1
    assert Delivery.objects.filter(status="skipped", error="unsubscribed from this channel").count() == 1


def test_the_unsubscribe_page_speaks_english_when_asked(client, member):
    token = unsubscribe_token(organisation_id=member.organisation_id, member_key=member.key, channel="email")

    page = client.get(f"/p/GM0518/unsubscribe/{token}", HTTP_ACCEPT_LANGUAGE="en")

    assert "Yes, unsubscribe" in page.content.decode()


def test_a_forged_or_foreign_unsubscribe_token_opts_out_nobody(client, member, other_organisation):
    token = unsubscribe_token(organisation_id=member.organisation_id, member_key=member.key, channel="email")
    foreign = unsubscribe_token(organisation_id=other_organisation.pk, member_key=member.key, channel="email")

    assert client.post(f"/p/GM0518/unsubscribe/{token[:-2]}xx").status_code == 400
    assert client.post(f"/p/GM0518/unsubscribe/{foreign}").status_code == 400
    assert client.post(f"/p/GM0344/unsubscribe/{token}").status_code == 400
    assert not OptOut.objects.exists()


def test_unsubscribe_tokens_are_derived_not_stored(member):
    token = unsubscribe_token(organisation_id=member.organisation_id, member_key=member.key, channel="sms")

    asked = unsubscribe_read(token)

    assert (asked.organisation_id, asked.member_key, asked.channel) == (
        member.organisation_id,
        member.key,
        "sms",
    )
    assert len(token) < 100


def _subscription(endpoint="https://fcm.googleapis.com/fcm/send/abc"):
    p256dh = base64.urlsafe_b64encode(b"\x04" + os.urandom(64)).decode().rstrip("=")
    auth = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
    return {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}}


def _post(client, body, **headers):
    return client.post(
        "/p/GM0518/push/subscribe", json.dumps(body), content_type="application/json", **headers
    )


def test_a_logged_in_member_stores_a_push_subscription_and_lifts_a_push_opt_out(client, member):
    from buurtpeil.panel.selectors import session_key

    services.opt_out_record(organisation_id=member.organisation_id, member_key=member.key, channel="push")
    session = client.session
    session[session_key(member.organisation)] = member.pk
    session.save()

    response = _post(client, _subscription())
    again = _post(client, _subscription())  # the same endpoint again: one row

    assert response.status_code == 201 and again.status_code == 201
    assert PushSubscription.objects.get().member_key == member.key
    assert not OptOut.objects.exists()


def test_an_invitation_token_also_allows_subscribing(client, member, distribute):
    distribute()
    token = token_for(Recipient.objects.get().token_salt)

    by_body = _post(
        client, {**_subscription("https://updates.push.services.mozilla.com/wpush/v2/a"), "token": token}
    )
    by_header = _post(client, _subscription("https://web.push.apple.com/b"), HTTP_X_INVITATION_TOKEN=token)

    assert by_body.status_code == 201 and by_header.status_code == 201
    assert set(PushSubscription.objects.values_list("member_key", flat=True)) == {member.key}


@pytest.mark.parametrize(
    "body",
    [
        {**_subscription("http://fcm.googleapis.com/fcm/send/plain")},
        {**_subscription("https://169.254.169.254/latest/meta-data")},
        {**_subscription("https://fcm.googleapis.com.evil.example/x")},
        {**_subscription("https://fcm.googleapis.com:8443/x")},
        {
            "endpoint": "https://fcm.googleapis.com/a",
            "keys": {"p256dh": "dG9vLXNob3J0", "auth": "dG9vLXNob3J0"},
        },
        {"endpoint": "https://fcm.googleapis.com/a"},
        ["not", "an", "object"],
    ],
)
def test_a_malformed_subscription_is_refused(client, member, body, distribute):
    distribute()
    token = token_for(Recipient.objects.get().token_salt)

    response = _post(client, body, HTTP_X_INVITATION_TOKEN=token)

    assert response.status_code == 400 and not PushSubscription.objects.exists()


def test_without_login_or_token_nobody_subscribes(client, member):
    assert _post(client, _subscription()).status_code == 403
    assert _post(client, {**_subscription(), "token": "made-up"}).status_code == 403
    assert not PushSubscription.objects.exists()


def test_erasure_deletes_subscriptions_opt_outs_and_invitations(member, distribute):
    from buurtpeil.panel.services import member_erase

    distribute()
    services.opt_out_record(organisation_id=member.organisation_id, member_key=member.key, channel="email")
    services.push_subscription_save(
        organisation=member.organisation,
        member_key=member.key,
        endpoint="https://push.example/z",
        p256dh="k",
        auth="a",
    )
    assert Recipient.objects.exists() and Delivery.objects.exists()

    member_erase(member=member)

    for model in (PushSubscription, OptOut, Recipient, Delivery):
        assert not model.objects.filter().exists(), model.__name__


def test_the_push_button_appears_on_the_me_page_when_push_is_configured(client, member, settings):
    from buurtpeil.panel.selectors import session_key

    settings.VAPID_PUBLIC_KEY, settings.VAPID_PRIVATE_KEY, settings.VAPID_SUBJECT = (
        "BPUB",
        "x",
        "mailto:a@b.example",
    )
    session = client.session
    session[session_key(member.organisation)] = member.pk
    session.save()

    page = client.get("/p/GM0518/me/").content.decode()

    assert "Meldingen aanzetten" in page and 'data-key="BPUB"' in page
    assert 'data-url="/p/GM0518/push/subscribe"' in page and "push.js" in page
    settings.VAPID_PUBLIC_KEY = ""
    assert "Meldingen aanzetten" not in client.get("/p/GM0518/me/").content.decode()
