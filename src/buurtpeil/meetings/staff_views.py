"""Staff pages of meetings under /staff/<org_code>/meetings/: the list, planning and editing,
and a meeting's page with invitations, registrations, questions by theme, the report and the
agreements, each of which can become an action. Analysts and administrators write; viewers look."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.meetings import selectors, services
from buurtpeil.meetings.forms import AgreementForm, GoalChoiceForm, MeetingForm, ReportForm
from buurtpeil.meetings.models import Meeting
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.plans.selectors import goal_of_organisation, goals_for

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER


def _meeting_or_404(request, meeting_id) -> Meeting:
    meeting = selectors.meeting_for(request.organisation, meeting_id)
    if meeting is None:
        raise Http404
    return meeting


@staff_view(VIEWER)
@require_GET
def meeting_list(request, org_code):
    context = {
        "organisation": request.organisation,
        "can_edit": role_at_least(request.membership, ANALYST),
        "meetings": selectors.meetings_for(request.organisation),
    }
    return render(request, "meetings/staff/list.html", context)


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def meeting_edit(request, org_code, meeting_id=None):
    meeting = (
        _meeting_or_404(request, meeting_id) if meeting_id else Meeting(organisation=request.organisation)
    )
    form = MeetingForm(request.POST or None, instance=meeting, organisation=request.organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                meeting = services.meeting_save(meeting=form.save(commit=False), actor=request.user)
            except services.MeetingRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect("meetings_staff:detail", request.organisation.code, meeting.pk)
        status = 400
    context = {"organisation": request.organisation, "meeting": meeting, "form": form}
    return render(request, "meetings/staff/edit.html", context, status=status)


def _detail(request, meeting, *, status=200, report_form=None, agreement_form=None):
    goals = list(goals_for(request.organisation))
    context = {
        "organisation": request.organisation,
        "meeting": meeting,
        "can_edit": role_at_least(request.membership, ANALYST),
        "registered": selectors.registration_count(meeting),
        "invited": sorted(selectors.invitation_counts(meeting).items()),
        "themes": selectors.questions_by_theme(meeting),
        "agreements": list(meeting.agreements.select_related("action__goal__plan")),
        "report_form": report_form
        or ReportForm(initial={"report": meeting.report, "held": meeting.status == "held"}),
        "agreement_form": agreement_form or AgreementForm(),
        "goal_form": GoalChoiceForm(goals=goals) if goals else None,
        "is_planned": meeting.status == Meeting.Status.PLANNED,
    }
    return render(request, "meetings/staff/detail.html", context, status=status)


@staff_view(VIEWER)
@require_GET
def meeting_detail(request, org_code, meeting_id):
    return _detail(request, _meeting_or_404(request, meeting_id))


@staff_view(ANALYST)
@require_POST
def meeting_invite(request, org_code, meeting_id):
    meeting = _meeting_or_404(request, meeting_id)
    try:
        outcome = services.invitations_send(meeting=meeting)
    except services.MeetingRefused as refused:
        messages.error(request, str(refused))
    else:
        sent = sum(outcome.sent.values())
        messages.success(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent) % {"count": sent}
            + " "
            + _("Not reachable: %(unreachable)d. Invited before: %(already)d.")
            % {"unreachable": outcome.unreachable, "already": outcome.already},
        )
    return redirect("meetings_staff:detail", request.organisation.code, meeting.pk)


@staff_view(ANALYST)
@require_POST
def meeting_report(request, org_code, meeting_id):
    meeting = _meeting_or_404(request, meeting_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_save(
                meeting=meeting, report=form.cleaned_data["report"], held=form.cleaned_data["held"]
            )
        except services.MeetingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The report is saved."))
            return redirect("meetings_staff:detail", request.organisation.code, meeting.pk)
    return _detail(request, meeting, status=400, report_form=form)


def _step(request, meeting, step, done: str):
    """Take one step of ``services`` on the meeting; its refusal or ``done`` as the message."""
    try:
        step(meeting=meeting)
    except services.MeetingRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, done)
    return redirect("meetings_staff:detail", request.organisation.code, meeting.pk)


@staff_view(ANALYST)
@require_POST
def meeting_followup(request, org_code, meeting_id):
    return _step(
        request,
        _meeting_or_404(request, meeting_id),
        partial(services.followup_send, actor=request.user),
        _("The follow-up poll is sent to everyone registered with an e-mail address."),
    )


@staff_view(ANALYST)
@require_POST
def meeting_cancel(request, org_code, meeting_id):
    return _step(
        request, _meeting_or_404(request, meeting_id), services.meeting_cancel, _("The meeting is cancelled.")
    )


@staff_view(ANALYST)
@require_POST
def agreement_add(request, org_code, meeting_id):
    meeting = _meeting_or_404(request, meeting_id)
    form = AgreementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agreement_add(meeting=meeting, text=data["text"], who=data["who"], due=data["due"])
        except services.MeetingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The agreement is added."))
            return redirect("meetings_staff:detail", request.organisation.code, meeting.pk)
    return _detail(request, meeting, status=400, agreement_form=form)


@staff_view(ANALYST)
@require_POST
def agreement_action(request, org_code, meeting_id, agreement_id):
    meeting = _meeting_or_404(request, meeting_id)
    agreement = selectors.agreement_for(meeting, agreement_id)
    if agreement is None:
        raise Http404
    form = GoalChoiceForm(request.POST, goals=goals_for(request.organisation))
    goal = goal_of_organisation(request.organisation, form.data.get("goal")) if form.is_valid() else None
    if goal is None:
        messages.error(request, _("Choose a goal of the plan."))
    else:
        try:
            services.agreement_to_action(agreement=agreement, goal=goal)
        except services.MeetingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The agreement is now an action of the plan."))
    return redirect("meetings_staff:detail", request.organisation.code, meeting.pk)
