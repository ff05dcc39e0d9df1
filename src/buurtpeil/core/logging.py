"""Logs never contain e-mail addresses or tokens (privacy by structure, BIO 8.15)."""

import logging
import re

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    (re.compile(r"(/login/)[^/\s\"?]+"), r"\1[token]"),
    (re.compile(r"([?&](?:code|token|t)=)[^&\s\"]+"), r"\1[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrites each record's message so that e-mail addresses and tokens never reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
