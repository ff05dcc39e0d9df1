"""Resident pages under /p/<org_code>/: joining, logging in, letter codes, profile, leaving.

Views are thin: they validate a form and call one service. Every page works without
JavaScript; the buurt map on the profile page is an enhancement of the select.
"""

import math

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.areas.selectors import buurt_map, locate_point
from buurtpeil.organisations.services import address_attempt_begin, client_address
from buurtpeil.panel import selectors, services
from buurtpeil.panel.access import (
    panel_view,
    resident_login,
    resident_logout,
    resident_member,
    resident_view,
)
from buurtpeil.panel.forms import CodeForm, EmailForm, ProfileForm
from buurtpeil.panel.models import PanelMember

REFUSED_STATUS = {"invalid": 400, "expired": 410, "used": 410, "address_taken": 409}


def _invitation_key(organisation) -> str:
    return f"panel.invitation.{organisation.pk}"


def _after_login(member: PanelMember) -> str:
    name = "panel:profile" if member.status == PanelMember.Status.PENDING else "panel:me"
    return reverse(name, kwargs={"org_code": member.organisation.code})


@panel_view
@require_http_methods(["GET", "POST"])
def home(request, org_code):
    """What the panel is, and the one field to join or log in: an e-mail address."""
    organisation = request.organisation
    form = EmailForm(request.POST or None)
    if request.method == "POST" and _link_form_valid(request, form):
        services.magic_link_request(
            organisation=organisation, email=form.cleaned_data["email"], language=get_language()
        )
        return redirect("panel:sent", org_code=organisation.code)
    return render(
        request,
        "panel/home.html",
        {"organisation": organisation, "form": form, "member": resident_member(request, organisation)},
        status=_form_status(form),
    )


@panel_view
@require_GET
def sent(request, org_code):
    """The same page whether or not the address is known (no account enumeration)."""
    return render(
        request,
        "panel/sent.html",
        {
            "organisation": request.organisation,
            "email_change": request.GET.get("for") == "email",
            "minutes": services.magic_link_minutes(),
        },
    )


@never_cache
@panel_view
@require_http_methods(["GET", "POST"])
def login(request, org_code, token):
    """GET shows a button (link scanners fetch GETs); POST uses the link once and logs in."""
    organisation = request.organisation
    if request.method == "GET":
        state = selectors.magic_link_state(organisation, token)
        if state != "open":
            return _link_refused(request, state)
        return render(request, "panel/login_confirm.html", {"organisation": organisation})
    try:
        member = services.magic_link_consume(organisation=organisation, token=token)
    except services.MagicLinkRefused as refused:
        signed_in = resident_member(request, organisation)
        if refused.reason == refused.USED and signed_in and signed_in.pk == refused.member_id:
            return redirect(_after_login(signed_in))  # a double click on the button
        return _link_refused(request, refused.reason)
    resident_login(request, organisation, member)
    return redirect(_after_login(member))


def _link_refused(request, reason: str):
    return render(
        request,
        "panel/link_refused.html",
        {
            "organisation": request.organisation,
            "reason": reason,
            "form": EmailForm(),
            "minutes": services.magic_link_minutes(),
        },
        status=REFUSED_STATUS[reason],
    )


def _attempt(request, scope: str, limit: int):
    """One counted attempt of ``scope`` from this client address, in the database (so the
    limit holds across processes and machines); ``allowed`` is False while it is refused."""
    return address_attempt_begin(
        scope=f"{scope}:{request.organisation.pk}", address=client_address(request), limit=limit
    )


def _link_form_valid(request, form) -> bool:
    """A valid address, and fewer than RESIDENT_LINK_REQUESTS_MAX links asked for from this
    client address in the window (besides the few open links per e-mail address), so nobody
    can flood many inboxes. A refusal is a form error, shown with status 429."""
    if not form.is_valid():
        return False
    if _attempt(request, "login-link", settings.RESIDENT_LINK_REQUESTS_MAX).allowed:
        return True
    form.add_error(
        None, _("Too many requests from your connection. Please wait a quarter of an hour and try again.")
    )
    form.status = 429
    return False


def _form_status(form) -> int:
    return getattr(form, "status", 200)


@panel_view
@require_http_methods(["GET", "POST"])
def code(request, org_code):
    """Step 1 of joining with a letter: the code (also pre-filled from the letter's QR code)."""
    organisation = request.organisation
    if request.method == "POST":
        # Reserved before the code is checked, so parallel guesses get no extra tries; a right
        # code gives its reservation back.
        attempt = _attempt(request, "letter-code", settings.RESIDENT_CODE_FAILURES_MAX)
        if not attempt.allowed:
            form = CodeForm(organisation=organisation)
            context = {"organisation": organisation, "form": form, "too_many": True}
            return render(request, "panel/code.html", context, status=429)
        form = CodeForm(request.POST, organisation=organisation)
        if form.is_valid():
            attempt.give_back()
            request.session[_invitation_key(organisation)] = form.invitation.pk
            return redirect("panel:code_email", org_code=organisation.code)
    else:
        form = CodeForm(initial={"code": request.GET.get("code", "")[:40]}, organisation=organisation)
    return render(request, "panel/code.html", {"organisation": organisation, "form": form})


@panel_view
@require_http_methods(["GET", "POST"])
def code_email(request, org_code):
    """Step 2 of joining with a letter: the e-mail address the link goes to."""
    organisation = request.organisation
    invitation = selectors.invitation_open_by_id(
        organisation, request.session.get(_invitation_key(organisation))
    )
    if invitation is None:
        messages.error(request, _("Enter the code from your letter first."))
        return redirect("panel:code", org_code=organisation.code)
    form = EmailForm(request.POST or None)
    if request.method == "POST" and _link_form_valid(request, form):
        services.magic_link_request(
            organisation=organisation,
            email=form.cleaned_data["email"],
            language=get_language(),
            invitation=invitation,
        )
        request.session.pop(_invitation_key(organisation), None)
        return redirect("panel:sent", org_code=organisation.code)
    context = {"organisation": organisation, "form": form}
    return render(request, "panel/code_email.html", context, status=_form_status(form))


@resident_view(complete=False)
@require_http_methods(["GET", "POST"])
def profile(request, org_code):
    """Buurt (list or map), traits for weighting, and consent; completes joining."""
    organisation, member = request.organisation, request.member
    ask_consent = member.consent_version != services.CONSENT_VERSION
    form = ProfileForm(
        request.POST or None,
        initial=ProfileForm.initial_for(member),
        organisation=organisation,
        ask_consent=ask_consent,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.profile_update(
            member=member,
            buurt=data["buurt"],
            age_group=data["age_group"],
            sex=data["sex"],
            household=data["household"],
            migration_background=data["migration_background"],
            consent=data.get("consent", False),
        )
        if member.status == PanelMember.Status.PENDING:
            messages.success(request, _("Welcome to the panel! Your profile is saved."))
        else:
            messages.success(request, _("Your profile is saved."))
        return redirect("panel:me", org_code=organisation.code)
    return render(
        request,
        "panel/profile.html",
        {
            "organisation": organisation,
            "member": member,
            "form": form,
            "joining": member.status == PanelMember.Status.PENDING,
            "map": buurt_map(organisation),
        },
    )


@resident_view(complete=False)
@require_POST
def locate(request, org_code):
    """The buurt at a point (from the phone's location), as JSON for the map script."""
    try:
        lon, lat = float(request.POST["lon"]), float(request.POST["lat"])
    except (KeyError, ValueError):
        lon = lat = math.nan
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return JsonResponse({"error": _("No valid location was sent.")}, status=400)
    area = locate_point(organisation=request.organisation, lon=lon, lat=lat)
    if area is None:
        return JsonResponse({"error": _("Your location is not in one of our buurten.")}, status=404)
    return JsonResponse({"code": area.code, "name": area.name})


@resident_view()
@require_GET
def me(request, org_code):
    member = request.member
    return render(
        request,
        "panel/me.html",
        {"organisation": request.organisation, "member": member, "email": selectors.member_email(member)},
    )


@resident_view()
@require_http_methods(["GET", "POST"])
def email_change(request, org_code):
    """A new address takes effect when the link sent to it is confirmed."""
    form = EmailForm(request.POST or None)
    if request.method == "POST" and _link_form_valid(request, form):
        services.email_change_request(
            member=request.member, email=form.cleaned_data["email"], language=get_language()
        )
        return redirect(reverse("panel:sent", kwargs={"org_code": org_code}) + "?for=email")
    context = {"organisation": request.organisation, "form": form}
    return render(request, "panel/email_change.html", context, status=_form_status(form))


@resident_view(complete=False)
@require_http_methods(["GET", "POST"])
def leave(request, org_code):
    organisation = request.organisation
    if request.method == "POST":
        services.member_leave(member=request.member)
        resident_logout(request, organisation)
        messages.success(request, _("You have left the panel. Your e-mail address has been deleted."))
        return redirect("panel:home", org_code=organisation.code)
    return render(request, "panel/leave.html", {"organisation": organisation})


@resident_view(complete=False)
@require_http_methods(["GET", "POST"])
def erase(request, org_code):
    organisation = request.organisation
    if request.method == "POST":
        services.member_erase(member=request.member)
        request.session.flush()
        messages.success(request, _("All your data has been erased."))
        return redirect("panel:home", org_code=organisation.code)
    return render(request, "panel/erase.html", {"organisation": organisation})


@panel_view
@require_POST
def logout(request, org_code):
    resident_logout(request, request.organisation)
    messages.info(request, _("You are logged out."))
    return redirect("panel:home", org_code=request.organisation.code)


@panel_view
@require_GET
def privacy(request, org_code):
    return render(
        request,
        "panel/privacy.html",
        {"organisation": request.organisation, "consent_version": services.CONSENT_VERSION},
    )
