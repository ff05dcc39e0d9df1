"""Web push with VAPID (pywebpush). The payload carries no personal data: a fixed title and
the answering link, encrypted (aes128gcm) for the subscribed browser only.

``VAPID_PRIVATE_KEY`` is a PEM key or the raw 32-byte key in base64url (as printed by
``buurtpeil vapid-keys``); ``VAPID_PUBLIC_KEY`` is the raw public key in base64url, which the
browser needs to subscribe; ``VAPID_SUBJECT`` is a ``mailto:`` address push services can use.
"""

import json
from contextlib import contextmanager
from functools import lru_cache

import requests
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush

from buurtpeil.distribution.channels.registry import (
    ChannelPlugin,
    DeliveryFailed,
    DeliveryRefused,
    DeliverySkipped,
    Message,
    register,
)
from buurtpeil.distribution.models import PushSubscription
from buurtpeil.panel.selectors import member_contacts

TTL_SECONDS = 3 * 24 * 60 * 60  # a phone that is off for a weekend still gets it
GONE = (404, 410)


@lru_cache(maxsize=4)
def _vapid(private_key: str) -> Vapid02:
    if "-----BEGIN" in private_key:
        return Vapid02.from_pem(private_key.strip().encode())
    return Vapid02.from_string(private_key.strip())


def payload(message: Message) -> str:
    """The JSON the service worker shows: a fixed title (one per notice kind) and the link,
    nothing about the person."""
    with translation.override(message.language):
        title = str(message.notice.push_title) if message.notice else gettext("A new poll is waiting for you")
    return json.dumps({"title": title, "url": message.answer_url}, ensure_ascii=False)


@register("push")
class PushChannel(ChannelPlugin):
    verbose_name = _("Web push")
    missing = "no push subscription"

    def is_available(self) -> bool:
        return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY and settings.VAPID_SUBJECT)

    def addresses(self, organisation, member_keys):
        active = set(member_contacts(organisation, member_keys))
        found: dict = {}
        subscriptions = PushSubscription.objects.filter(organisation=organisation, member_key__in=active)
        for subscription in subscriptions.order_by("pk"):
            found.setdefault(subscription.member_key, []).append(subscription)
        return found

    @contextmanager
    def session(self):
        with requests.Session() as http:
            yield http

    def send(self, connection, address, message):
        if not self.is_available():
            raise DeliverySkipped("web push is not configured")
        vapid = _vapid(settings.VAPID_PRIVATE_KEY)
        data = payload(message)
        delivered, passing = 0, None
        for subscription in address:
            keys = {"p256dh": subscription.p256dh, "auth": subscription.auth}
            info = {"endpoint": subscription.endpoint, "keys": keys}
            try:
                webpush(
                    info,
                    data=data,
                    vapid_private_key=vapid,
                    vapid_claims={"sub": settings.VAPID_SUBJECT},  # a fresh dict: webpush adds "aud"
                    ttl=TTL_SECONDS,
                    timeout=10,
                    requests_session=connection,
                )
                delivered += 1
            except WebPushException as error:
                status = error.response.status_code if error.response is not None else None
                if status in GONE:
                    subscription.delete()  # the browser unsubscribed or the subscription expired
                elif status is None or status == 429 or status >= 500:
                    passing = f"push service answered {status or 'nothing'}"
                # any other answer (400, 403, 413) refuses this subscription for good
            except requests.RequestException as error:
                passing = f"push service not reached ({type(error).__name__})"
        if delivered:
            return
        if passing:
            raise DeliveryFailed(passing)
        raise DeliveryRefused("no push subscription accepted the message")
