"""Public pages under /open/<org_code>/feedback/: every published feedback of the organisation
and one page per feedback. No login and no personal data: texts staff wrote, figures for the
whole municipality that the results show, and the linked goals and actions."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from buurtpeil.feedback import selectors
from buurtpeil.meetings.selectors import held_with_agreements
from buurtpeil.organisations.access import use_organisation_language
from buurtpeil.organisations.selectors import organisation_by_code

MEETINGS_SHOWN = 20


def _organisation(request, org_code):
    organisation = organisation_by_code(org_code)
    use_organisation_language(request, organisation.default_language)
    return organisation


@require_GET
def feedback_list(request, org_code):
    organisation = _organisation(request, org_code)
    language = get_language() or organisation.default_language
    items = [
        (feedback, selectors.feedback_texts(feedback, language))
        for feedback in selectors.published_feedback(organisation)
    ]
    meetings = held_with_agreements(organisation)[:MEETINGS_SHOWN]
    return render(
        request,
        "feedback/open_list.html",
        {"organisation": organisation, "items": items, "meetings": meetings},
    )


@require_GET
def feedback_detail(request, org_code, poll_id):
    organisation = _organisation(request, org_code)
    feedback = selectors.published_feedback_for(organisation, poll_id)
    if feedback is None:
        raise Http404
    language = get_language() or organisation.default_language
    return render(
        request,
        "feedback/open_detail.html",
        {
            "organisation": organisation,
            "feedback": feedback,
            "poll": feedback.poll,
            "texts": selectors.feedback_texts(feedback, language),
            "figures": selectors.key_figures(feedback, language),
        },
    )
