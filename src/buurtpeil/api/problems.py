"""Errors as ``application/problem+json`` (RFC 9457), the NL API Design Rules' error format.

Every error of the API has ``type``, ``title``, ``status`` and ``detail`` (and ``instance``,
the path asked for); a 400 lists every invalid field at once in ``invalidParams``
(``name``, ``code``, ``reason``). Plain HTTP errors use the type ``about:blank`` with the
status's title; problems of this API have their own type, ``urn:buurtpeil:probleem:<code>``.
DRF's exceptions come through ``exception_handler``; errors raised outside a DRF view (an
unknown path, a server error) are rewritten by ``ApiMiddleware`` with ``problem_response``.
"""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions, status

CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:buurtpeil:probleem:"

INVALID = "ongeldige-invoer"
ANSWERED = "al-beantwoord"
CLOSED = "peiling-gesloten"
ENDED = "peiling-beeindigd"
NOT_PUBLISHED = "peiling-niet-gepubliceerd"


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Not authenticated"),
        403: _("Forbidden"),
        404: _("Not found"),
        405: _("Method not allowed"),
        406: _("Not acceptable"),
        409: _("Conflict"),
        413: _("Content too large"),
        415: _("Unsupported media type"),
        429: _("Too many requests"),
        500: _("Internal server error"),
        503: _("Service unavailable"),
    }


def title_for(status_code: int) -> str:
    return _titles().get(status_code, _("Error"))


def problem(
    *,
    status_code: int,
    detail: str = "",
    code: str = "",
    title: str = "",
    instance: str = "",
    invalid_params: list[dict] | None = None,
) -> dict:
    body = {
        "type": TYPE_PREFIX + code if code else "about:blank",
        "title": title or title_for(status_code),
        "status": status_code,
        "detail": detail or title or title_for(status_code),
    }
    if instance:
        body["instance"] = instance
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def invalid_params(errors, prefix: str = "") -> list[dict]:
    """DRF's nested error structure as a flat list: ``{"name": "antwoorden.q1", "code":
    "required", "reason": "..."}``; names are dotted paths (list positions as numbers)."""
    found: list[dict] = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = (
                (prefix or "body")
                if key == "non_field_errors"
                else (f"{prefix}.{key}" if prefix else str(key))
            )
            found += invalid_params(value, name)
    elif isinstance(errors, list):
        if all(isinstance(item, str) for item in errors):
            for item in errors:
                code = getattr(item, "code", "invalid")
                found.append({"name": prefix, "code": str(code), "reason": str(item)})
        else:
            for index, item in enumerate(errors):
                found += invalid_params(item, f"{prefix}.{index}" if prefix else str(index))
    else:
        found.append({"name": prefix, "code": str(getattr(errors, "code", "invalid")), "reason": str(errors)})
    return found


class Problem(exceptions.APIException):
    """A problem of this API: raise ``Problem(409, ANSWERED, detail)`` in a view."""

    def __init__(self, status_code: int, code: str, detail: str, title: str = ""):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.problem_code = code
        self.title = title


def exception_handler(exc, context):
    """DRF's exception handler setting: every ``APIException`` (and Http404,
    PermissionDenied, which DRF converts first) as problem+json. Anything else is left to
    Django (logged, then a 500 problem from the middleware)."""
    from rest_framework.views import exception_handler as drf_handler

    response = drf_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, Problem):
        body = problem(
            status_code=exc.status_code,
            code=exc.problem_code,
            title=exc.title,
            detail=str(exc.detail),
            instance=instance,
        )
    elif isinstance(exc, exceptions.ValidationError):
        params = invalid_params(exc.detail)
        body = problem(
            status_code=status.HTTP_400_BAD_REQUEST,
            code=INVALID,
            title=_("Invalid input"),
            detail=ngettext(
                "%(count)s field is not valid; see invalidParams.",
                "%(count)s fields are not valid; see invalidParams.",
                len(params),
            )
            % {"count": len(params)},
            instance=instance,
            invalid_params=params,
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        body = problem(status_code=response.status_code, detail=str(detail), instance=instance)
    response.data = body
    response.content_type = CONTENT_TYPE
    return response


def problem_response(request, status_code: int, detail: str = "", headers=None) -> HttpResponse:
    """A problem+json response outside DRF (from the middleware)."""
    body = problem(status_code=status_code, detail=detail, instance=request.path)
    response = HttpResponse(json.dumps(body), status=status_code, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
