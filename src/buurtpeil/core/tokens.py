"""Personal link tokens for people outside the panel (partners, coordinators): random, shown
once in the link, and stored only as a keyed digest."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.encoding import force_bytes


def link_token_new() -> tuple[str, str]:
    """(token for the link, digest to store)."""
    token = secrets.token_urlsafe(24)
    return token, link_token_digest(token)


def link_token_digest(token: str) -> str:
    key = hashlib.sha256(force_bytes(f"buurtpeil.core.link-token:{settings.SECRET_KEY}")).digest()
    return hmac.new(key, force_bytes(token), hashlib.sha256).hexdigest()
