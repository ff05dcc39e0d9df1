"""The page of a request that failed. While the database is unreachable (a restart, a
fail-over) the answer is 503 with Retry-After instead of 500: nothing was stored, and the
answering page's outbox and API clients send the same submission again with the same key."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 5


def plain_page(status: int, title: str, *paragraphs: str) -> HttpResponse:
    """A page without templates or the database, in the active language: for answers given
    before a view runs or when something underneath failed."""
    text = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
    body = (
        f'<!DOCTYPE html><html lang="{escape(get_language() or "nl")}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"</head><body><h1>{escape(title)}</h1>{text}</body></html>"
    )
    return HttpResponse(body, status=status)


def server_error(request):
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    if unavailable:
        title, text = _("Briefly unavailable"), _("Nothing was lost. Try again in a few seconds.")
    else:
        title, text = _("Something went wrong"), _("The error has been logged. Try again later.")
    response = plain_page(503 if unavailable else 500, title, text)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
