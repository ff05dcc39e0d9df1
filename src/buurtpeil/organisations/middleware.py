import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.translation import gettext as _

from buurtpeil.organisations.staff_login import AUTH_AT, SEEN_AT

# Activity is written to the session at most this often, not on every request.
SEEN_RESOLUTION = 60


class StaffSessionMiddleware:
    """Ends a staff session after STAFF_SESSION_IDLE_MINUTES without a request, and
    STAFF_SESSION_MAX_HOURS after the login, whatever happened in between. The next request
    then goes to the login page with a message. Residents' sessions carry no Django login and are
    left alone (they keep SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            expired = self._expired(session)
            if expired:
                return self._log_out(request, expired)
        return self.get_response(request)

    def _expired(self, session) -> str:
        now = int(time.time())
        auth_at, seen_at = session.get(AUTH_AT), session.get(SEEN_AT)
        if auth_at is None or seen_at is None or now - auth_at > settings.STAFF_SESSION_MAX_HOURS * 3600:
            return "lifetime"
        if now - seen_at > settings.STAFF_SESSION_IDLE_MINUTES * 60:
            return "idle"
        if now - seen_at >= SEEN_RESOLUTION:
            session[SEEN_AT] = now
        return ""

    def _log_out(self, request, reason: str):
        logout(request)
        if reason == "idle":
            text = _(
                "You were logged out after %(minutes)d minutes without activity. Please log in again."
            ) % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES}
        else:
            text = _(
                "You were logged out because your session has reached its maximum of %(hours)d hours. "
                "Please log in again."
            ) % {"hours": settings.STAFF_SESSION_MAX_HOURS}
        messages.info(request, text)
        next_url = request.get_full_path() if request.method == "GET" else request.path
        response = redirect_to_login(next_url)
        if request.headers.get("HX-Request"):
            # htmx would put the login page inside the page; let it load the login page instead.
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        return response
