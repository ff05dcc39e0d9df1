"""Resident pages under /p/<org_code>/meetings/: the meetings of a buurt (upcoming, and held ones
with what was agreed), a meeting's page with registration and a question in advance, and the
personal link from an invitation. No password: a panel member is recognised by their login or
by the invitation link; anyone else gives a name and e-mail address."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from buurtpeil.areas.selectors import buurt_by_code
from buurtpeil.meetings import selectors, services
from buurtpeil.meetings.forms import QuestionForm, RegistrationForm
from buurtpeil.panel.access import panel_view, resident_member
from buurtpeil.panel.selectors import buurt_choices

SESSION_INVITED = "meetings:invited"


def _meeting_or_404(request, meeting_id):
    meeting = selectors.meeting_for(request.organisation, meeting_id)
    if meeting is None:
        raise Http404
    return meeting


def _member_key(request, meeting) -> uuid.UUID | None:
    """The panel member on this page: logged in, or arrived through their invitation link."""
    member = resident_member(request, request.organisation)
    if member is not None:
        return member.key
    invited = request.session.get(SESSION_INVITED, {}).get(str(meeting.pk))
    return uuid.UUID(invited) if invited else None


@panel_view
@require_GET
def meeting_list(request, org_code):
    organisation = request.organisation
    member = resident_member(request, organisation)
    code = request.GET.get("buurt") or (member.buurt.code if member and member.buurt_id else "")
    buurt = buurt_by_code(organisation, code) if code else None
    context = {
        "organisation": organisation,
        "member": member,
        "buurt": buurt,
        "choices": buurt_choices(organisation),
        "upcoming": selectors.upcoming(organisation, area=buurt),
        "held": selectors.held_with_agreements(organisation, area=buurt)[:10] if buurt else [],
    }
    return render(request, "meetings/list.html", context)


def _page(request, meeting, *, registration_form=None, question_form=None, status=200):
    member_key = _member_key(request, meeting)
    recognised = member_key is not None
    context = {
        "organisation": request.organisation,
        "member": resident_member(request, request.organisation),
        "meeting": meeting,
        "recognised": recognised,
        "registered": selectors.is_registered(meeting, member_key)
        or str(meeting.pk) in request.session.get("meetings:registered", []),
        "open": meeting.status == meeting.Status.PLANNED,
        "registration_form": registration_form or RegistrationForm(recognised=recognised),
        "question_form": question_form or QuestionForm(),
    }
    return render(request, "meetings/meeting.html", context, status=status)


@panel_view
@require_GET
def meeting_page(request, org_code, meeting_id):
    return _page(request, _meeting_or_404(request, meeting_id))


@panel_view
@require_GET
def invited(request, org_code, invitation_token):
    invitation = selectors.invitation_by_token(request.organisation, invitation_token)
    if invitation is None:
        raise Http404
    known = request.session.get(SESSION_INVITED, {})
    known[str(invitation.meeting_id)] = str(invitation.member_key)
    request.session[SESSION_INVITED] = known
    return redirect("meetings:meeting", request.organisation.code, invitation.meeting_id)


@panel_view
@require_POST
def register(request, org_code, meeting_id):
    meeting = _meeting_or_404(request, meeting_id)
    member_key = _member_key(request, meeting)
    form = RegistrationForm(request.POST, recognised=member_key is not None)
    if form.is_valid():
        try:
            _registration, new = services.registration_create(
                meeting=meeting,
                member_key=member_key,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
            )
        except services.MeetingRefused as refused:
            form.add_error(None, str(refused))
        else:
            done = request.session.get("meetings:registered", [])
            request.session["meetings:registered"] = [*done, str(meeting.pk)]
            messages.success(
                request, _("You are registered. See you there!") if new else _("You were already registered.")
            )
            return redirect("meetings:meeting", request.organisation.code, meeting.pk)
    return _page(request, meeting, registration_form=form, status=400)


@panel_view
@require_POST
def question(request, org_code, meeting_id):
    meeting = _meeting_or_404(request, meeting_id)
    form = QuestionForm(request.POST)
    if form.is_valid():
        if not request.session.session_key:
            request.session.save()
        try:
            services.question_submit(
                meeting=meeting,
                text=form.cleaned_data["question"],
                asker=services.asker_digest(request.session.session_key),
            )
        except services.MeetingRefused as refused:
            form.add_error("question", str(refused))
        else:
            messages.success(request, _("Thank you. Your question is sent to the organisers."))
            return redirect("meetings:meeting", request.organisation.code, meeting.pk)
    return _page(request, meeting, question_form=form, status=400)
