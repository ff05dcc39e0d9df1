"""The resident's own page of polls they answered and what came of each: /p/<org_code>/me/polls/.

It lives here, above the panel, because it reads feedback; the panel links to it by URL name."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from buurtpeil.feedback import selectors
from buurtpeil.panel.access import resident_view


@never_cache
@resident_view()
@require_GET
def my_polls(request, org_code):
    organisation, member = request.organisation, request.member
    language = get_language() or organisation.default_language
    return render(
        request,
        "feedback/my_polls.html",
        {
            "organisation": organisation,
            "member": member,
            "answered": selectors.answered_polls(organisation, member, language),
        },
    )
