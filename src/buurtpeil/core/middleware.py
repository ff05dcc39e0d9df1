import logging
import re
import secrets
import time
import uuid

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from buurtpeil.core import health, metrics
from buurtpeil.core.logging import request_id as current_request_id

request_logger = logging.getLogger("buurtpeil.request")
# An id sent by the proxy in X-Request-ID is kept when it looks like one (nginx's $request_id,
# a UUID); anything else is replaced, so a client cannot write its own text into the logs.
REQUEST_ID = re.compile(r"[0-9A-Fa-f-]{16,64}")
HEALTH_PATHS = ("/health/live", "/health/ready")
METRICS_PATH = "/metrics"


class OperationsMiddleware:
    """``/health/live``, ``/health/ready`` and ``/metrics``, answered first of all.

    Before any other middleware: probes and scrapers come by address, so their Host header is
    not checked against ``ALLOWED_HOSTS``, nor redirected to HTTPS, and nothing is logged for
    them. ``/metrics`` for anyone without its token or allowed address goes on like any
    unknown path (the site's 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path in HEALTH_PATHS:
            if request.method not in ("GET", "HEAD"):
                return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
            state = health.Health(True) if path == "/health/live" else health.readiness()
            return JsonResponse(
                state.as_json(), status=200 if state.ok else 503, headers={"Cache-Control": "no-store"}
            )
        if path == METRICS_PATH and request.method in ("GET", "HEAD"):
            response = metrics.metrics_response(request)
            if response is not None:
                return response
        return self.get_response(request)


def view_name(request: HttpRequest) -> str:
    """The URL name of the view that answered (``responses:save``), ``static`` for a static
    file, ``unmatched`` for a path no view has: never the path, which may hold a token."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name
    if request.path_info.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class RequestLogMiddleware:
    """Gives each request an id (``X-Request-ID``, also on the response and on every log line
    written meanwhile), counts it in the request metrics and writes one log line: method,
    view, status and duration — never the path, the address or a parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = request.META.get("HTTP_X_REQUEST_ID", "")
        rid = sent if REQUEST_ID.fullmatch(sent) else uuid.uuid4().hex
        request.request_id = rid
        # Cleared when the response is closed (``core.apps``), after Django's own line about it.
        current_request_id.set(rid)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        view = view_name(request)
        metrics.request_observe(view=view, status=response.status_code, seconds=seconds)
        response.headers["X-Request-ID"] = rid
        duration_ms = round(seconds * 1000, 1)
        request_logger.info(
            "%s %s %s %.1f ms",
            request.method,
            view,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "view": view,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy with a per-request nonce, and a Permissions-Policy.

    Scripts and styles come from our own origin only; inline ``<style>``/``<script>`` blocks
    need the request's nonce (the theme's token overrides are such a block). Forms post to our
    own origin only; a view whose form is answered by a redirect to another origin (the login
    with an identity provider) names that origin in ``request.csp_form_action``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        nonce = request.csp_nonce
        form_action = " ".join(["'self'", *getattr(request, "csp_form_action", ())])
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; "
            f"script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            f"base-uri 'self'; form-action {form_action}; frame-ancestors 'none'",
        )
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()"
        )
        return response
