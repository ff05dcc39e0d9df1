"""SMS: numbers from the panel normalised to E.164 (NL and BE only), the locmem test double,
and CM.com's JSON request as a local HTTP server receives it (no internet)."""

import json

import pytest

from buurtpeil.distribution.channels import sms_backends
from buurtpeil.distribution.channels.sms_backends import Sms, SmsError, phone_e164
from buurtpeil.distribution.models import Delivery, Recipient

pytestmark = pytest.mark.usefixtures("daytime")


@pytest.fixture
def sms_outbox(settings):
    settings.SMS_BACKEND = "locmem"
    sms_backends.outbox.clear()
    yield sms_backends.outbox
    sms_backends.outbox.clear()


@pytest.mark.parametrize(
    ("number", "country", "expected"),
    [
        ("06 12 34 56 78", "NL", "+31612345678"),
        ("06-12345678", "NL", "+31612345678"),
        ("+31 (0)6 1234 5678", "NL", "+31612345678"),
        ("+31 6 12345678", "NL", "+31612345678"),
        ("0031612345678", "NL", "+31612345678"),
        ("0470 12 34 56", "BE", "+32470123456"),
        ("+32 470 12.34.56", "NL", "+32470123456"),
        ("+49 151 12345678", "NL", None),
        ("612345678", "NL", None),
        ("06 1234", "NL", None),
        ("", "NL", None),
        ("bel me", "NL", None),
    ],
)
def test_numbers_are_normalised_to_e164_for_the_netherlands_and_belgium_only(number, country, expected):
    assert phone_e164(number, country) == expected


def test_an_invitation_by_sms_goes_to_the_number_from_the_panel(
    sms_outbox, organisation, buurten, make_member, distribute
):
    member = make_member(organisation, next(iter(buurten.values())), phone="06 12345678")

    distribute(channels=["sms"])

    [sms] = sms_outbox
    assert sms.to == "+31612345678"
    assert "peiling" in sms.body and "/p/GM0518/a/" in sms.body and "/p/GM0518/unsubscribe/" in sms.body
    assert Delivery.objects.get().status == "sent"
    assert Recipient.objects.get().member_key == member.key
    assert not Recipient.objects.filter(buurt_code__contains="0612").exists()  # the number is never copied


def test_a_member_without_a_usable_number_is_skipped(
    sms_outbox, organisation, buurten, make_member, distribute
):
    make_member(organisation, next(iter(buurten.values())), phone="+49 151 12345678")

    distribute(channels=["sms"])

    assert sms_outbox == []
    assert Delivery.objects.get().error == "no Dutch or Belgian phone number"


def test_the_cm_client_posts_the_documented_json_to_the_gateway(settings, http_server):
    settings.SMS_BACKEND, settings.SMS_API_KEY, settings.SMS_SENDER = "cm", "0000-product-token", "Gemeente"
    settings.SMS_API_URL = http_server.url + "/v1.0/message"
    http_server.status, http_server.body = 200, b'{"details": "Created 1 message(s)", "errorCode": 0}'

    sms_backends.backend().send(Sms(to="+31612345678", body="Er staat een peiling klaar", reference="bp-7"))

    [request] = http_server.requests
    assert request["path"] == "/v1.0/message"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "messages": {
            "authentication": {"producttoken": "0000-product-token"},
            "msg": [
                {
                    "allowedChannels": ["SMS"],
                    "from": "Gemeente",
                    "to": [{"number": "0031612345678"}],
                    "body": {"type": "auto", "content": "Er staat een peiling klaar"},
                    "reference": "bp-7",
                }
            ],
        }
    }


@pytest.mark.parametrize(
    ("status", "body", "permanent"),
    [
        (400, b'{"details": "No account found for the given authentication", "errorCode": 101}', True),
        (503, b"", False),
    ],
)
def test_cm_refusals_are_permanent_and_outages_passing(settings, http_server, status, body, permanent):
    settings.SMS_BACKEND, settings.SMS_API_KEY, settings.SMS_SENDER = "cm", "token", "Gemeente"
    settings.SMS_API_URL = http_server.url + "/v1.0/message"
    http_server.status, http_server.body = status, body

    with pytest.raises(SmsError) as error:
        sms_backends.backend().send(Sms(to="+31612345678", body="x", reference="bp-1"))

    assert error.value.permanent is permanent


def test_a_sender_name_longer_than_eleven_characters_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.SMS_BACKEND, settings.SMS_API_KEY, settings.SMS_SENDER = "cm", "token", "GemeenteDenHaag"
    with pytest.raises(ImproperlyConfigured):
        sms_backends.backend().send(Sms(to="+31612345678", body="x", reference="bp-1"))


def test_the_console_backend_hides_most_of_the_number(settings, capsys):
    settings.SMS_BACKEND = "console"

    sms_backends.backend().send(Sms(to="+31612345678", body="Hallo", reference="bp-2"))

    out = capsys.readouterr().out
    assert "Hallo" in out and "+31612345678" not in out
