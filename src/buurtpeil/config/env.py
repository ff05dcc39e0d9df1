"""Settings from the environment through one typed helper."""

import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


def env(name: str, default: Any = _MISSING, *, cast: type = str) -> Any:
    """Read ``name`` from the environment, cast to ``cast``; fail loudly if required and absent."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        if default is _MISSING:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    if cast is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return cast(raw)


def proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """``SECURE_PROXY_SSL_HEADER`` from a header name such as ``X-Forwarded-Proto``: that header
    saying ``https`` marks a request as secure. None for an empty name."""
    name = name.strip()
    if not name:
        return None
    meta = name.upper().replace("-", "_")
    return (meta if meta.startswith("HTTP_") else f"HTTP_{meta}", "https")
