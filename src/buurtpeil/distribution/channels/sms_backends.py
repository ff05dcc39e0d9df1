"""SMS providers behind one small interface. ``SMS_BACKEND`` picks one:

- ``cm``: CM.com's JSON messaging gateway over ``requests`` (``SMS_API_KEY`` is the product
  token, ``SMS_SENDER`` the sender name of at most 11 characters);
- ``locmem``: keeps messages in ``outbox`` (tests);
- ``console``: prints messages with the number partly hidden (the demo);
- empty: SMS is off.
"""

import logging
import re
import sys
from dataclasses import dataclass

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from buurtpeil.core.registry import Registry

logger = logging.getLogger(__name__)

CM_URL = "https://gw.cmtelecom.com/v1.0/message"
SENDER_MAX = 11


class SmsError(Exception):
    def __init__(self, reason: str, *, permanent: bool):
        super().__init__(reason)
        self.reason, self.permanent = reason, permanent


@dataclass(frozen=True)
class Sms:
    to: str  # E.164, "+31612345678"
    body: str
    reference: str


class SmsBackend:
    identifier: str

    def send(self, sms: Sms) -> None:
        """Hand one message to the provider; raise ``SmsError`` when it is not accepted."""
        raise NotImplementedError


backends: Registry[SmsBackend] = Registry()

outbox: list[Sms] = []  # the locmem backend's messages


@backends("locmem")
class LocmemSmsBackend(SmsBackend):
    def send(self, sms):
        outbox.append(sms)


@backends("console")
class ConsoleSmsBackend(SmsBackend):
    def send(self, sms):
        sys.stdout.write(f"SMS to {sms.to[:5]}…{sms.to[-2:]} ({sms.reference}):\n{sms.body}\n\n")
        sys.stdout.flush()


@backends("cm")
class CMSmsBackend(SmsBackend):
    """CM.com's gateway: one JSON POST per message; numbers in the 00-prefixed form CM expects."""

    def send(self, sms):
        api_key, sender = settings.SMS_API_KEY, settings.SMS_SENDER
        if not api_key or not sender:
            raise ImproperlyConfigured("SMS_BACKEND=cm needs SMS_API_KEY and SMS_SENDER.")
        if len(sender) > SENDER_MAX:
            raise ImproperlyConfigured(f"SMS_SENDER may have at most {SENDER_MAX} characters.")
        body = {
            "messages": {
                "authentication": {"producttoken": api_key},
                "msg": [
                    {
                        "allowedChannels": ["SMS"],
                        "from": sender,
                        "to": [{"number": "00" + sms.to.removeprefix("+")}],
                        "body": {"type": "auto", "content": sms.body},
                        "reference": sms.reference,
                    }
                ],
            }
        }
        try:
            response = requests.post(getattr(settings, "SMS_API_URL", "") or CM_URL, json=body, timeout=15)
        except requests.RequestException as error:
            raise SmsError(f"SMS gateway not reached ({type(error).__name__})", permanent=False) from None
        if response.status_code >= 500 or response.status_code == 429:
            raise SmsError(f"SMS gateway answered {response.status_code}", permanent=False)
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if response.status_code >= 400 or answer.get("errorCode"):
            details = str(answer.get("details") or response.status_code)[:120]
            raise SmsError(f"SMS gateway refused: {details}", permanent=True)


def backend() -> SmsBackend | None:
    name = getattr(settings, "SMS_BACKEND", "")
    if not name:
        return None
    if name not in backends:
        raise ImproperlyConfigured(f"SMS_BACKEND must be one of {', '.join(backends.identifiers())}.")
    return backends[name]


NON_DIGITS = re.compile(r"[\s\-./()]")
COUNTRY_CODES = {"NL": "31", "BE": "32"}
NATIONAL_LENGTH = {"31": (9,), "32": (8, 9)}  # digits after the country code


def phone_e164(number: str, country: str = "NL") -> str | None:
    """A Dutch or Belgian number in E.164 ("+31612345678"), or None for anything else.

    Spaces, dashes, dots and brackets are ignored; "00" is read as "+"; a number starting with
    one "0" is national, in the organisation's country; a "(0)" after the country code is
    dropped. Only +31 and +32 with the right number of digits are accepted.
    """
    digits = NON_DIGITS.sub("", number or "")
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = COUNTRY_CODES.get(country, "31") + digits[1:]
    else:
        return None
    if not digits.isdigit():
        return None
    code, national = digits[:2], digits[2:]
    if national.startswith("0"):  # "+31 (0)6 ...": the trunk zero written after the country code
        national = national[1:]
    if code not in NATIONAL_LENGTH or len(national) not in NATIONAL_LENGTH[code]:
        return None
    return f"+{code}{national}"
