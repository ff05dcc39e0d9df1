"""A resident's login lives in the session, under a key per organisation.

A session for one municipality's panel therefore gives nothing in another's; the member is
looked up again on each request, so a member who left or was erased is logged out at once
on every device.
"""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from buurtpeil.organisations.access import use_organisation_language
from buurtpeil.organisations.selectors import organisation_by_code
from buurtpeil.panel.models import PanelMember
from buurtpeil.panel.selectors import member_signed_in, session_key


def resident_login(request, organisation, member: PanelMember) -> None:
    request.session.cycle_key()
    request.session[session_key(organisation)] = member.pk


def resident_logout(request, organisation) -> None:
    request.session.pop(session_key(organisation), None)
    request.session.cycle_key()


def resident_member(request, organisation) -> PanelMember | None:
    return member_signed_in(organisation, request.session.get(session_key(organisation)))


def _organisation(request, org_code):
    organisation = organisation_by_code(org_code)
    use_organisation_language(request, organisation.default_language)
    return organisation


def panel_view(view):
    """A public resident page: sets ``request.organisation`` (404 for an unknown code)."""

    @wraps(view)
    def wrapper(request, org_code, *args, **kwargs):
        request.organisation = _organisation(request, org_code)
        return view(request, org_code, *args, **kwargs)

    return wrapper


def resident_view(*, complete: bool = True):
    """A page for a logged-in resident: sets ``request.organisation`` and ``request.member``.

    Without a login the resident is sent to the panel's start page. With ``complete``, a
    member whose profile is not yet complete is sent to the profile form first.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, org_code, *args, **kwargs):
            organisation = _organisation(request, org_code)
            member = resident_member(request, organisation)
            if member is None:
                messages.info(request, _("Please log in first: enter your e-mail address."))
                return redirect("panel:home", org_code=organisation.code)
            if complete and member.status == PanelMember.Status.PENDING:
                return redirect("panel:profile", org_code=organisation.code)
            request.organisation, request.member = organisation, member
            return view(request, org_code, *args, **kwargs)

        return wrapper

    return decorator
