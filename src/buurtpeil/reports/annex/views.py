"""The annex of a plan as a download: /staff/<org_code>/plans/<plan_id>/annex.pdf and .odt, for
every role, in the language of the page (Dutch unless the user switched to English)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.plans.selectors import plan_for
from buurtpeil.reports.annex import services


@staff_view(Membership.Role.VIEWER)
@require_GET
def plan_annex(request, org_code, plan_id, kind):
    plan = plan_for(request.organisation, plan_id)
    if plan is None:
        raise Http404
    language = get_language()
    if language not in dict(settings.LANGUAGES):
        language = request.organisation.default_language
    annex = services.plan_annex_export(plan=plan, kind=kind, language=language, actor=request.user)
    response = HttpResponse(annex.content, content_type=annex.content_type)
    response["Content-Disposition"] = content_disposition_header(True, annex.filename)
    response["Cache-Control"] = "no-store"
    return response
