"""Every staff page is scoped to one organisation and checks the user's role in it.

A staff view is decorated with ``@staff_view(role)``; its URL carries ``org_code``. A user
without a membership gets 404 (the organisation's existence is not disclosed); a member
whose role is too low gets 403. ``request.organisation`` and ``request.membership`` are set.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import membership_for, role_at_least


def staff_view(role: str = Membership.Role.VIEWER):
    def decorator(view):
        @wraps(view)
        def wrapper(request, org_code, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, org_code)
            if membership is None:
                raise Http404
            if not role_at_least(membership, role):
                raise PermissionDenied
            request.organisation = membership.organisation
            request.membership = membership
            return view(request, org_code, *args, **kwargs)

        wrapper.staff_role = role
        return wrapper

    return decorator


def use_organisation_language(request, language: str) -> None:
    """Show the organisation's default language to visitors who chose no language themselves
    and whose browser asks for none that Buurtpeil offers."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        return
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        try:
            get_supported_language_variant(code)
        except LookupError:
            continue
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language
