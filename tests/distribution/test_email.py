"""Invitations by e-mail go over a real SMTP connection (aiosmtpd on localhost) with the personal
answering link and RFC 8058 one-click unsubscribe headers."""

import re

import pytest

from buurtpeil.distribution.models import Delivery, Recipient
from buurtpeil.distribution.selectors import recipient_by_token

pytestmark = pytest.mark.usefixtures("daytime")

ANSWER = re.compile(r"https?://[^/\s]+/p/(?P<org>[^/]+)/a/(?P<token>[A-Za-z0-9_-]+)")
UNSUBSCRIBE = re.compile(r"<(?P<url>https?://[^>]+/p/[^/]+/unsubscribe/[^>]+)>")


def test_the_invitation_reaches_a_real_smtp_server_with_link_and_unsubscribe_headers(
    smtp_server, settings, organisation, buurten, make_member, distribute
):
    settings.SITE_URL = "https://peil.denhaag.example"
    settings.UNSUBSCRIBE_MAILTO = "afmelden@denhaag.example"
    member = make_member(organisation, next(iter(buurten.values())), email="bewoner@example.org")

    distribute()

    [message] = smtp_server.wait_for(1)
    assert message["To"] == "bewoner@example.org"
    assert message["Subject"] == "Nieuwe peiling: Veiligheid in uw buurt"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = UNSUBSCRIBE.search(message["List-Unsubscribe"])["url"]
    assert unsubscribe.startswith("https://peil.denhaag.example/p/GM0518/unsubscribe/")
    assert "<mailto:afmelden@denhaag.example?subject=unsubscribe>" in message["List-Unsubscribe"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = ANSWER.search(text)
    assert link["org"] == "GM0518" and link.group(0) in html
    assert unsubscribe in text and "Goedendag," in text
    recipient = recipient_by_token(organisation=organisation, token=link["token"])
    assert recipient.member_key == member.key
    assert Recipient.objects.get().invited_at is not None


def test_an_unreachable_mail_server_is_a_passing_failure_retried_later(
    settings, organisation, buurten, make_member, distribute
):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    make_member(organisation, next(iter(buurten.values())))

    distribute()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.error.startswith("mail server not reached")


def test_the_answer_link_uses_the_answering_route(settings, organisation):
    from django.urls import NoReverseMatch, reverse

    from buurtpeil.distribution.sending import answer_url

    settings.SITE_URL = "https://peil.example"
    try:
        expected = "https://peil.example" + reverse(
            "responses:answer", kwargs={"org_code": "GM0518", "token": "t0k"}
        )
    except NoReverseMatch:
        expected = "https://peil.example/p/GM0518/a/t0k"
    assert answer_url("GM0518", "t0k") == expected
