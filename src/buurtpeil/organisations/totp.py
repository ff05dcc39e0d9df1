"""Time-based one-time passwords (RFC 6238, HOTP of RFC 4226 with SHA-1, 6 digits, 30 seconds),
as authenticator apps make them. Pure functions on the standard library."""

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

DIGITS = 6
PERIOD = 30
# Codes of the previous and the next step are accepted too: phone clocks drift.
DRIFT_STEPS = 1


def secret_new() -> str:
    """A new shared secret: 160 random bits (RFC 4226's recommendation), base32 without padding."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest=hashlib.sha1) -> str:
    """RFC 4226: the dynamically truncated HMAC of the counter, as ``digits`` decimal digits."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def step_at(when: float | None = None) -> int:
    return int((time.time() if when is None else when) // PERIOD)


def code_at(secret: str, step: int) -> str:
    return hotp(_key(secret), step)


def matching_step(secret: str, code: str, *, after: int = 0, when: float | None = None) -> int | None:
    """The time step whose code is ``code`` (now, or one step either side), if that step is later
    than ``after``; else None. A code once accepted (its step stored as ``after``) never is again."""
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    key = _key(secret)
    now = step_at(when)
    found = None
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        # Compare with every candidate, so the time taken says nothing about which step matched.
        if hmac.compare_digest(hotp(key, step), code) and step > after and found is None:
            found = step
    return found


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """The otpauth:// URI that authenticator apps read from a QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": PERIOD})
    return f"otpauth://totp/{label}?{query}"


def secret_display(secret: str) -> str:
    """The secret in groups of four, for typing it into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
