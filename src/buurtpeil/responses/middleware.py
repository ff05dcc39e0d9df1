"""A resident's save goes straight to its view, past the middleware it has no use for.

The JSON save endpoint (POST /p/<org_code>/a/<token>/save) carries the burst after a push. Its
token is the credential and it answers small JSON, so sessions, CSRF (the view is exempt),
authentication, messages, htmx and compression have nothing to do there, and its path is
known without the URL resolver. Placed right after the security headers, this middleware calls
the view at once; the language is chosen as LocaleMiddleware chooses it. It spares about a
third of the CPU a save costs the server (``bench/submit.py``).
"""

import re

from django.urls import ResolverMatch
from django.utils import translation
from django.utils.cache import patch_vary_headers

from buurtpeil.responses import views

SAVE_PATH = re.compile(r"/p/(?P<org_code>[^/]+)/a/(?P<token>[^/]+)/save")


class SaveShortcutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = SAVE_PATH.fullmatch(request.path_info) if request.method == "POST" else None
        if match is None:
            return self.get_response(request)
        # What the resolver would have said, for the request log and metrics (``view_name``).
        kwargs = match.groupdict()
        request.resolver_match = ResolverMatch(
            views.save, (), kwargs, url_name="save", app_names=["responses"], namespaces=["responses"]
        )
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = views.save(request, **kwargs)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
