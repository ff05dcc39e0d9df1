"""A ceiling on the size of any request body, checked before anything reads it.

Each upload form checks its own, smaller limit and type (areas 20 MB, lists and workbooks
5 MB, photos, logos); this stops a larger body at the door, so a huge upload is never spooled
to disk first. Put the same ceiling in the proxy in front (``client_max_body_size``).
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from buurtpeil.core.errors import plain_page


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = settings.MAX_REQUEST_BYTES
        if length < 0:
            return _refusal(400, _("The request's length is not a number."))
        if length > limit:
            return _refusal(
                413,
                _("What you sent is %(size)s; at most %(limit)s can be sent at once.")
                % {"size": filesizeformat(length), "limit": filesizeformat(limit)},
            )
        return self.get_response(request)


def _refusal(status: int, message: str):
    """A short page in the user's language (under /api/ it becomes problem+json)."""
    response = plain_page(
        status, _("Your request was not accepted"), message, _("Go back and try a smaller file.")
    )
    response["Connection"] = "close"
    return response
