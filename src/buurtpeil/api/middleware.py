"""What every response under /api/v1 carries, whichever code made it.

- ``API-Version`` (NL API Design Rules /core/version-header), also on errors;
- errors as problem+json: a 404 for an unknown path (a trailing slash included: paths of
  this API have none, and such a request gets a 404, never a redirect), a 405, a 500;
  responses of DRF views already are problem+json and pass unchanged;
- ``Cache-Control: no-store`` unless the view chose otherwise (answers and counts are not
  for shared caches).
"""

from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from buurtpeil.api.problems import CONTENT_TYPE, problem_response

API_VERSION = "1.0.0"
BASE_PATH = "/api/v1"


def is_api(path: str) -> bool:
    return path == BASE_PATH or path.startswith(BASE_PATH + "/")


def _without_slash_resolves(path: str) -> bool:
    if not path.endswith("/") or path == BASE_PATH + "/":
        return False
    try:
        resolve(path.rstrip("/"))
    except Resolver404:
        return False
    return True


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request.path):
            return self.get_response(request)
        response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(CONTENT_TYPE):
            detail = ""
            if response.status_code == 404 and _without_slash_resolves(request.path):
                detail = _("Paths of this API do not end with a slash: ask for %(path)s.") % {
                    "path": request.path.rstrip("/")
                }
            headers = {
                name: response[name]
                for name in ("Allow", "WWW-Authenticate", "Retry-After")
                if name in response
            }
            response = problem_response(request, response.status_code, detail=detail, headers=headers)
        response["API-Version"] = API_VERSION
        response.headers.setdefault("Cache-Control", "no-store")
        return response
