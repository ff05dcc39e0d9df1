"""Check-in links: a random token goes into the e-mail, only its SHA-256 digest is stored."""

import hashlib
import secrets


def token_new() -> str:
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
