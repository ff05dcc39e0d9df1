"""Staff pages of feedback to residents: the polls and their feedback, and per poll the page to
write, preview and publish it. Analysts and administrators only."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.distribution.selectors import respondent_count
from buurtpeil.feedback import selectors, services
from buurtpeil.feedback.forms import FeedbackForm
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.polls.selectors import poll_for

ANALYST = Membership.Role.ANALYST


def _poll_or_404(request, poll_id):
    poll = poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    return poll


@staff_view(ANALYST)
@require_GET
def feedback_list(request, org_code):
    organisation = request.organisation
    return render(
        request,
        "feedback/staff/list.html",
        {"organisation": organisation, "polls": selectors.polls_with_feedback(organisation)},
    )


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def feedback_edit(request, org_code, poll_id):
    """Write or change the feedback; below the form, the saved version as residents will see it."""
    organisation = request.organisation
    poll = _poll_or_404(request, poll_id)
    feedback = selectors.feedback_for(poll)
    form = FeedbackForm(
        request.POST or None,
        languages=selectors.feedback_languages(poll),
        goals=selectors.plan_goals(organisation),
        actions=selectors.plan_actions(organisation),
        initial=FeedbackForm.initial_for(feedback),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_save(
                poll=poll,
                **form.texts(),
                goal_ids=[goal.pk for goal in form.cleaned_data["goals"]],
                action_ids=[action.pk for action in form.cleaned_data["actions"]],
                actor=request.user,
            )
        except services.FeedbackRefused as refused:
            form.add_error(None, str(refused))
        else:
            if feedback is not None and feedback.published_at is not None:
                messages.success(
                    request, _("Saved. The public page shows the change; nobody is notified again.")
                )
            else:
                messages.success(request, _("Saved. Check the preview below, then publish."))
            return redirect(reverse("feedback_staff:edit", args=[organisation.code, poll.pk]) + "#preview")
    language = get_language() or "nl"
    return render(
        request,
        "feedback/staff/edit.html",
        {
            "organisation": organisation,
            "poll": poll,
            "form": form,
            "feedback": feedback,
            "texts": selectors.feedback_texts(feedback, language) if feedback else None,
            "figures": selectors.key_figures(feedback, language) if feedback else [],
            "respondents": respondent_count(poll),
            "closed": poll.status in selectors.PUBLISHABLE,
        },
    )


@staff_view(ANALYST)
@require_POST
def feedback_publish(request, org_code, poll_id):
    organisation = request.organisation
    poll = _poll_or_404(request, poll_id)
    feedback = selectors.feedback_for(poll)
    if feedback is None:
        messages.error(request, _("Save the feedback before publishing it."))
        return redirect("feedback_staff:edit", organisation.code, poll.pk)
    try:
        notified = services.feedback_publish(feedback=feedback, actor=request.user)
    except services.FeedbackRefused as refused:
        messages.error(request, str(refused))
    else:
        if notified is None:
            messages.info(request, _("This feedback was published already; nobody was notified again."))
        else:
            messages.success(
                request,
                ngettext(
                    "The feedback is published. %(count)d resident who answered is being notified.",
                    "The feedback is published. %(count)d residents who answered are being notified.",
                    notified,
                )
                % {"count": notified},
            )
    return redirect("feedback_staff:edit", organisation.code, poll.pk)
