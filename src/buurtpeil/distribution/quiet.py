"""Quiet hours: no message goes out between ``QUIET_HOURS`` (default 21 to 8) Amsterdam time.

A delivery that falls due in quiet hours waits; the first tick after the quiet period sends it.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ZONE = ZoneInfo("Europe/Amsterdam")


def quiet_hours() -> tuple[int, int] | None:
    """``(start hour, end hour)`` from ``QUIET_HOURS`` ("21-8"); None when off ("" or "off")."""
    value = str(getattr(settings, "QUIET_HOURS", "21-8")).strip().lower()
    if value in ("", "off", "none"):
        return None
    try:
        start, end = (int(part) for part in value.split("-"))
    except ValueError:
        raise ImproperlyConfigured(f"QUIET_HOURS must look like 21-8, not {value!r}") from None
    if not (0 <= start <= 23 and 0 <= end <= 23):
        raise ImproperlyConfigured(f"QUIET_HOURS hours must be 0 to 23, not {value!r}")
    return None if start == end else (start, end)


def quiet_until(moment: datetime) -> datetime | None:
    """The end of the quiet period ``moment`` lies in, or None outside quiet hours."""
    hours = quiet_hours()
    if hours is None:
        return None
    start, end = hours
    local = moment.astimezone(ZONE)
    quiet = (local.hour >= start or local.hour < end) if start > end else start <= local.hour < end
    if not quiet:
        return None
    day = local.date() if local.hour < end else local.date() + timedelta(days=1)
    return datetime.combine(day, time(end), tzinfo=ZONE)
