"""Lock-out of staff logins after repeated failures, counted in the database.

Each attempt (a password, or a code of the second step) first *reserves* a failure on the
user name and on the client address, under a row lock, before the password or code is checked.
Concurrent guesses therefore cannot slip past the limit while the first ones are still being
checked. A correct password or code gives its reservation back; a complete login clears the
user name's count. The table holds keyed digests, never names or addresses, and rows whose window
and lock have passed are deleted as new attempts come in.
"""

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes

from buurtpeil.organisations.models import LoginThrottle


def _digest(kind: str, value: str) -> str:
    key = hashlib.sha256(
        force_bytes(f"buurtpeil.organisations.login-throttle:{settings.SECRET_KEY}")
    ).digest()
    return hmac.new(key, force_bytes(f"{kind}:{value}"), hashlib.sha256).hexdigest()


def username_key(username: str) -> str:
    # Case-folded, so that "Jan" and "jan" count together whatever the database's collation.
    return _digest("user", username.strip().casefold())


def address_key(address: str, scope: str = "ip") -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return _digest(scope, address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return _digest(scope, str(ip.ipv4_mapped))
        # One IPv6 connection usually has a whole /64 to choose addresses from.
        return _digest(scope, str(ipaddress.ip_network(f"{ip}/64", strict=False)))
    return _digest(scope, str(ip))


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or the address the nearest of TRUSTED_PROXY_COUNT
    trusted proxies appended to X-Forwarded-For."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _window() -> timedelta:
    return timedelta(minutes=settings.STAFF_LOCKOUT_MINUTES)


def _limits(user_key: str, address_key: str) -> dict[str, int]:
    return {user_key: settings.STAFF_LOCKOUT_FAILURES, address_key: settings.STAFF_LOCKOUT_IP_FAILURES}


@dataclass(frozen=True)
class Attempt:
    """A reserved attempt: ``allowed`` False when the name or the address is locked."""

    allowed: bool
    user_key: str
    address_key: str

    def give_back(self) -> None:
        """The password or code was right: this attempt was no failure."""
        _give_back(_limits(self.user_key, self.address_key))

    def succeed(self) -> None:
        """The login is complete: the user name starts again with a clean count."""
        _give_back({self.address_key: settings.STAFF_LOCKOUT_IP_FAILURES})
        LoginThrottle.objects.filter(key=self.user_key).delete()


def attempt_begin(*, username: str, address: str) -> Attempt:
    """Reserve a failure for this name and address, unless either is locked."""
    user, where = username_key(username), address_key(address)
    return Attempt(_reserve(_limits(user, where)), user, where)


def _reserve(limits: dict[str, int]) -> bool:
    """Count one failure on every key, unless one of them is locked (then count nothing)."""
    now = timezone.now()
    with transaction.atomic():
        LoginThrottle.objects.filter(updated_at__lt=now - 2 * _window()).delete()
        rows = _locked_rows(sorted(limits), now)
        if any(row.locked_until and row.locked_until > now for row in rows):
            return False
        for row in rows:
            if row.window_started_at <= now - _window():
                row.failures, row.window_started_at = 0, now
            row.failures += 1
            # Reaching the limit locks at once; a right password or code in this very attempt
            # gives the reservation (and with it the lock) back.
            row.locked_until = now + _window() if row.failures >= limits[row.key] else None
            row.updated_at = now
            row.save(update_fields=["failures", "window_started_at", "locked_until", "updated_at"])
    return True


@dataclass(frozen=True)
class AddressAttempt:
    """A reserved attempt of one kind from one client address (letter codes, login links)."""

    allowed: bool
    key: str
    limit: int

    def give_back(self) -> None:
        """The attempt was no failure (a right letter code): it does not count."""
        _give_back({self.key: self.limit})


def address_attempt_begin(*, scope: str, address: str, limit: int) -> AddressAttempt:
    """Reserve one attempt of ``scope`` from this address, in the same table, window and lock
    as staff logins, so the limit holds across processes and machines. After ``limit`` attempts
    in the window the address is refused for the window."""
    key = address_key(address, scope=f"ip:{scope}")
    return AddressAttempt(_reserve({key: limit}), key, limit)


def _locked_rows(keys: list[str], now) -> list[LoginThrottle]:
    """The rows of these keys, created if missing, locked until the transaction ends (in the
    same order everywhere, so two attempts never wait for each other's rows)."""
    rows = list(LoginThrottle.objects.select_for_update().filter(key__in=keys).order_by("key"))
    if len(rows) == len(keys):
        return rows
    for key in keys:
        # get_or_create: of two first attempts at once, one inserts and the other reads it.
        LoginThrottle.objects.get_or_create(
            key=key, defaults={"window_started_at": now, "updated_at": now, "failures": 0}
        )
    return list(LoginThrottle.objects.select_for_update().filter(key__in=keys).order_by("key"))


def _give_back(limits: dict[str, int]) -> None:
    with transaction.atomic():
        for row in LoginThrottle.objects.select_for_update().filter(key__in=sorted(limits)).order_by("key"):
            row.failures = max(row.failures - 1, 0)
            if row.failures < limits[row.key]:
                row.locked_until = None
            row.save(update_fields=["failures", "locked_until"])


def is_locked(*, username: str) -> bool:
    """Whether this user name is locked now (for pages of the second step)."""
    return LoginThrottle.objects.filter(key=username_key(username), locked_until__gt=timezone.now()).exists()


def username_clear(username: str) -> None:
    """A complete login by another way than a counted attempt: the name's count starts again."""
    LoginThrottle.objects.filter(key=username_key(username)).delete()
