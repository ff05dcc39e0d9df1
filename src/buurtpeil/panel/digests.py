"""Keyed digests of e-mail addresses and login tokens.

An address is looked up by the HMAC-SHA256 of its normalised form under a key derived from
``SECRET_KEY``, so that the look-up column holds nothing readable. Login tokens are never
stored: only their digest is, and a token is found again by hashing what the resident brings.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.encoding import force_bytes

TOKEN_BYTES = 32


def _key(purpose: str) -> bytes:
    return hashlib.sha256(force_bytes(f"buurtpeil.panel.{purpose}:{settings.SECRET_KEY}")).digest()


def email_normalise(address: str) -> str:
    """Lowercase and trimmed: the form in which an address is compared and stored."""
    return address.strip().lower()


def email_digest(address: str) -> str:
    return hmac.new(_key("email"), force_bytes(email_normalise(address)), hashlib.sha256).hexdigest()


def token_new() -> str:
    """A fresh login token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    return hmac.new(_key("magic-link"), force_bytes(token), hashlib.sha256).hexdigest()
