"""The steps of a staff login and what they leave behind.

After the password (or the organisation's identity provider) the user is *pending*: the session
holds who passed the first step, but nobody is logged in, so no staff page, the Django admin nor
anything else that asks ``request.user`` lets them in. Only the second step (an authenticator
code, a recovery code, or setting up an authenticator app) calls Django's ``login``. Every
login and every failure writes an audit row; a failure by an unknown name writes one without
an organisation and without the name.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from buurtpeil.organisations.models import AuditEvent, Organisation
from buurtpeil.organisations.services import audit_record

PENDING = "_staff_pending"
AUTH_AT = "_staff_auth_at"
SEEN_AT = "_staff_seen_at"
PENDING_MAX_AGE = 10 * 60  # seconds between the first step and the second

# How a login was made, as the audit log says it.
METHODS = {
    "password": "password",
    "password+totp": "password and authenticator app",
    "password+recovery": "password and recovery code",
    "password+setup": "password and a newly set up authenticator app",
    "oidc": "organisation account",
    "oidc+totp": "organisation account and authenticator app",
    "oidc+recovery": "organisation account and recovery code",
    "oidc+setup": "organisation account and a newly set up authenticator app",
}


def _organisations_of(user) -> list[Organisation | None]:
    organisations = list(Organisation.objects.filter(memberships__user=user).order_by("code"))
    return organisations or [None]


def user_by_name(username: str):
    """The user with exactly this user name (as the login backend matches it), or None."""
    model = get_user_model()
    try:
        return model._default_manager.get_by_natural_key(username)
    except model.DoesNotExist:
        return None


def login_failed_record(*, user, reason: str, organisation_account: bool = False) -> None:
    """LOGIN_FAILED in each organisation of ``user``; for an unknown name or an organisation
    account that matches no one (``user`` None) one row without organisation that names
    neither the name or address nor the password."""
    if user is None:
        who = "an organisation account" if organisation_account else "an unknown user name"
        audit_record(
            organisation=None,
            actor=None,
            action=AuditEvent.Action.LOGIN_FAILED,
            subject=f"failed login with {who}: {reason}",
        )
        return
    for organisation in _organisations_of(user):
        audit_record(
            organisation=organisation,
            actor=None,
            action=AuditEvent.Action.LOGIN_FAILED,
            subject=f"failed login as {user.get_username()}: {reason}",
        )


def login_complete(request, *, user, backend: str, method: str) -> None:
    """Log ``user`` in (a new session key) and write LOGIN in each of their organisations."""
    request.session.pop(PENDING, None)
    auth_login(request, user, backend=backend)
    for organisation in _organisations_of(user):
        audit_record(
            organisation=organisation,
            actor=user,
            action=AuditEvent.Action.LOGIN,
            subject=f"login ({METHODS[method]})",
        )


@receiver(user_logged_in, dispatch_uid="buurtpeil.staff_session_start")
def _staff_session_start(sender, request, user, **kwargs):
    """Every login starts the clocks of the idle timeout and of the absolute lifetime."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now
    request.session.set_expiry(settings.STAFF_SESSION_MAX_HOURS * 3600)


@dataclass(frozen=True)
class Pending:
    user: object
    backend: str
    method: str  # "password" or "oidc"
    next_url: str


def pending_start(request, *, user, backend: str, method: str, next_url: str) -> None:
    """The first step passed: remember who, in a fresh session key, until the second step."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": backend,
        "method": method,
        "next": next_url,
        "at": int(time.time()),
    }


def pending_get(request) -> Pending | None:
    """Who passed the first step in this session, if that was less than ten minutes ago."""
    data = request.session.get(PENDING)
    if not data:
        return None
    if int(time.time()) - data.get("at", 0) > PENDING_MAX_AGE:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model()._default_manager.filter(pk=data["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        return None
    return Pending(user=user, backend=data["backend"], method=data["method"], next_url=data["next"])


def pending_clear(request) -> None:
    request.session.pop(PENDING, None)
