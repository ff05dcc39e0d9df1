"""Web push: the VAPID-signed request a push service receives, with a payload encrypted for the
subscribed browser only (aes128gcm) that carries no personal data. The push service is a local
HTTP server; the test plays the browser with its own key pair and decrypts the payload."""

import base64
import io
import json
import os

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core.management import call_command
from django.utils import timezone

from buurtpeil.distribution import services
from buurtpeil.distribution.models import Delivery, PushSubscription

pytestmark = pytest.mark.usefixtures("daytime")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(params=["raw", "pem"])
def vapid(request, settings):
    """VAPID keys as ``buurtpeil vapid-keys`` prints them, or the private key as PEM."""
    out = io.StringIO()
    call_command("vapid_keys", stdout=out)
    keys = dict(line.split("=", 1) for line in out.getvalue().split())
    private = keys["VAPID_PRIVATE_KEY"]
    if request.param == "pem":
        number = int.from_bytes(unb64url(private), "big")
        key = ec.derive_private_key(number, ec.SECP256R1())
        private = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    settings.VAPID_PRIVATE_KEY = private
    settings.VAPID_PUBLIC_KEY = keys["VAPID_PUBLIC_KEY"]
    settings.VAPID_SUBJECT = "mailto:privacy@denhaag.example"
    return keys["VAPID_PUBLIC_KEY"]


@pytest.fixture
def browser_keys():
    """What a browser makes when it subscribes: a P-256 key pair and a 16-byte auth secret."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return private, b64url(public), os.urandom(16)


def _subscribe(organisation, member, endpoint, browser_keys):
    _, p256dh, auth = browser_keys
    return services.push_subscription_save(
        organisation=organisation, member_key=member.key, endpoint=endpoint, p256dh=p256dh, auth=b64url(auth)
    )


def test_the_push_message_is_signed_with_vapid_and_readable_only_by_the_browser(
    vapid, browser_keys, http_server, organisation, buurten, make_member, distribute
):
    member = make_member(organisation, next(iter(buurten.values())), email="push@example.org", name="Piet")
    _subscribe(organisation, member, http_server.url + "/push/v1/abc", browser_keys)

    distribute(channels=["push"])

    [request] = http_server.requests
    assert request["path"] == "/push/v1/abc"
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["content-encoding"] == "aes128gcm" and int(headers["ttl"]) > 0
    scheme, params = headers["authorization"].split(" ", 1)
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert scheme == "vapid" and fields["k"] == vapid

    jwt_header, jwt_claims, jwt_signature = fields["t"].split(".")
    signature = unb64url(jwt_signature)
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(vapid))
    public.verify(der, f"{jwt_header}.{jwt_claims}".encode(), ec.ECDSA(hashes.SHA256()))  # raises if forged
    claims = json.loads(unb64url(jwt_claims))
    assert json.loads(unb64url(jwt_header))["alg"] == "ES256"
    assert claims["aud"] == http_server.url and claims["sub"] == "mailto:privacy@denhaag.example"
    assert claims["exp"] > timezone.now().timestamp()

    private, _, auth = browser_keys
    plain = http_ece.decrypt(request["body"], private_key=private, auth_secret=auth, version="aes128gcm")
    payload = json.loads(plain)
    assert payload["title"] == "Er staat een nieuwe peiling voor u klaar"
    assert "/p/GM0518/a/" in payload["url"]
    assert set(payload) == {"title", "url"}
    assert "push@example.org" not in plain.decode() and "Piet" not in plain.decode()
    assert Delivery.objects.get().status == "sent"


def test_a_subscription_the_push_service_calls_gone_is_deleted(
    vapid, browser_keys, http_server, organisation, buurten, make_member, distribute
):
    member = make_member(organisation, next(iter(buurten.values())))
    _subscribe(organisation, member, http_server.url + "/push/gone", browser_keys)
    http_server.status = 410

    distribute(channels=["push"])

    assert not PushSubscription.objects.exists()
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "no push subscription" in delivery.error


def test_a_busy_push_service_is_tried_again_later(
    vapid, browser_keys, http_server, organisation, buurten, make_member, distribute
):
    member = make_member(organisation, next(iter(buurten.values())))
    _subscribe(organisation, member, http_server.url + "/push/busy", browser_keys)
    http_server.status = 503

    distribute(channels=["push"])

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1) and "503" in delivery.error
    assert PushSubscription.objects.count() == 1


def test_a_member_without_a_subscription_is_skipped_for_push(
    vapid, organisation, buurten, make_member, distribute
):
    make_member(organisation, next(iter(buurten.values())))

    distribute(channels=["push"])

    assert Delivery.objects.get().error == "no push subscription"


def test_push_cannot_be_chosen_without_vapid_keys(settings, poll, organisation, buurten, make_member):
    settings.VAPID_PRIVATE_KEY = ""
    make_member(organisation, next(iter(buurten.values())))

    with pytest.raises(services.DistributionRefused, match="niet ingesteld"):
        services.distribution_create(
            poll=poll,
            target={},
            channels=["push"],
            starts_at=timezone.now(),
            ends_at=timezone.now() + timezone.timedelta(days=3),
        )
