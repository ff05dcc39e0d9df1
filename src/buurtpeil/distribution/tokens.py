"""Personal answering tokens.

A recipient's token is derived from its random ``token_salt`` and a key made from
``SECRET_KEY``, so the invitation and every reminder carry the same link without the token
being stored; the table holds only a keyed digest to find the recipient again.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.encoding import force_bytes


def _key(purpose: str) -> bytes:
    return hashlib.sha256(force_bytes(f"buurtpeil.distribution.{purpose}:{settings.SECRET_KEY}")).digest()


def salt_new() -> str:
    return secrets.token_hex(16)


def token_for(salt: str) -> str:
    mac = hmac.new(_key("answer-token"), force_bytes(salt), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:24]).decode().rstrip("=")


def token_digest(token: str) -> str:
    return hmac.new(_key("answer-digest"), force_bytes(token), hashlib.sha256).hexdigest()
