"""Logs never contain personal data (privacy by structure, BIO 8.15).

``RedactSecretsFilter`` sits on every handler (``settings.LOGGING``) and rewrites each record
before any formatter sees it: e-mail addresses, phone numbers, tokens in resident links
(``/p/<org>/a/<token>`` and the like), tokens in query strings and Authorization headers, and
API tokens are replaced by a placeholder; IP addresses are cut to their network (/24, /48).
The same is done to the text of an exception, whose message may quote a database row.

``JsonFormatter`` writes one JSON object per line (``LOG_FORMAT=json``, the default without
``DEBUG``); ``request_id`` ties every line written while a request was handled to that
request's own line (``RequestLogMiddleware``).
"""

import contextvars
import ipaddress
import json
import logging
import re
from datetime import UTC, datetime

# The id of the request being handled in this thread, "" outside a request.
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Resident paths whose next segment is a personal token (the URL configuration's <token>,
# <checkin_token> and <invitation_token>); ``tests/core/test_logging.py`` checks every such
# URL against this list.
TOKEN_PATHS = ("a", "login", "unsubscribe", "network", "watch", "meetings/i")

# Not followed by "/<digits>": an address already cut to its network stays as it is.
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|/\d)")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:]|/\d)")

# (texts one of which a match contains, pattern, replacement): a pattern runs only on text that
# holds one of them, which keeps a log line's cost low (most lines hold none).
_PATTERNS = [
    (("@",), re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    (
        ("/p/",),
        re.compile(r"(/p/[^/\s\"?]+/(?:%s)/)(?!sw\.js\b)[^/\s\"?]+" % "|".join(TOKEN_PATHS)),  # noqa: UP031
        r"\1[token]",
    ),
    (("/login/",), re.compile(r"(/login/)[^/\s\"?]+"), r"\1[token]"),
    # A staff member's first-password link: /staff/password/<uidb64>/<token>/.
    (("/password/",), re.compile(r"(/staff/password/[^/\s\"?]+/)(?!set-password\b)[^/\s\"?]+"), r"\1[token]"),
    (("=",), re.compile(r"([?&](?:code|token|t)=)[^&\s\"]+"), r"\1[redacted]"),
    (("Bearer", "Token"), re.compile(r"\b(Bearer|Token)\s+[\w.~+/=-]+"), r"\1 [redacted]"),
    (("bp_",), re.compile(r"\bbp_[\w-]{16,}"), "[api-token]"),
    # Phone numbers: international (+31 6 1234 5678, 0032 470 12 34 56) and national with
    # nine or ten digits (06-12345678, 020 123 4567, 02 123 45 67); not inside longer numbers,
    # dates or identifiers.
    (
        ("+", "00"),
        re.compile(r"(?<![\w+-])(?:\+|00)\d{2}(?:[ -]?\(0\))?(?:[ -]?\d){8,10}(?![\w-])"),
        "[phone]",
    ),
    (("0",), re.compile(r"(?<![\w+-])0\d(?:[ -]?\d){7,8}(?![\w-])"), "[phone]"),
]


def _ipv4_network(match: re.Match) -> str:
    try:
        address = ipaddress.IPv4Address(match[0])
    except ValueError:
        return match[0]
    return f"{ipaddress.IPv4Network(f'{address}/24', strict=False).network_address}/24"


def _ipv6_network(match: re.Match) -> str:
    try:
        address = ipaddress.IPv6Address(match[0])
    except ValueError:
        return match[0]
    return f"{ipaddress.IPv6Network(f'{address}/48', strict=False).network_address.compressed}/48"


def redact(text: str) -> str:
    """``text`` without e-mail addresses, phone numbers or tokens, with IP addresses cut short."""
    for needles, pattern, replacement in _PATTERNS:
        if any(needle in text for needle in needles):
            text = pattern.sub(replacement, text)
    if "." in text:
        text = _IPV4.sub(_ipv4_network, text)
    if "::" in text or text.count(":") >= 7:
        text = _IPV6.sub(_ipv6_network, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrites each record's message and exception text so that no personal data reaches a
    log, and stamps it with the id of the request being handled."""

    _plain = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._plain.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        if not getattr(record, "request_id", ""):
            record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, the request's fields
    where there are any, and the exception's text."""

    FIELDS = ("request_id", "method", "view", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in self.FIELDS:
            value = getattr(record, name, None)
            if value not in (None, ""):
                entry[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)
