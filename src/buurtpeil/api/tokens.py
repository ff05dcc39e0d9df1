"""Staff API tokens: a random secret shown once, stored only as a keyed digest."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.encoding import force_bytes

PREFIX = "bp_"
TOKEN_MAX = 100


def token_new() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    key = hashlib.sha256(force_bytes(f"buurtpeil.api.token:{settings.SECRET_KEY}")).digest()
    return hmac.new(key, force_bytes(token), hashlib.sha256).hexdigest()
