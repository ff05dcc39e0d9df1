"""Staff pages of residents' signals: /staff/<org_code>/signals/. Viewers look; analysts set
the status of a signal or of a whole bundle (new, seen, forwarded, closed)."""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.areas.selectors import buurt_map, lonlat_to_svg
from buurtpeil.concerns import selectors, services
from buurtpeil.concerns.categories import CATEGORIES, CATEGORY_CHOICES, category_factor, category_label
from buurtpeil.concerns.models import Concern
from buurtpeil.concerns.overview import overview as build_overview
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.organisations.services import audit_record
from buurtpeil.polls.indicators import factor_label

PERIODS = (30, 90, 365)
DEFAULT_PERIOD = 90


def _period(params) -> int:
    try:
        days = int(params.get("days", DEFAULT_PERIOD))
    except ValueError:
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


@staff_view(Membership.Role.VIEWER)
@require_GET
def overview(request, org_code):
    """Bundles and hotspots on the map, the bundles as a list, and counts per buurt and category."""
    organisation = request.organisation
    days = _period(request.GET)
    category = request.GET.get("category", "")
    if category not in CATEGORIES:
        category = ""
    concerns = selectors.concerns_between(organisation, timezone.now() - timedelta(days=days))
    if category:
        concerns = concerns.filter(category=category)
    concerns = list(concerns)
    the_map = buurt_map(organisation)
    names = {b["code"]: b["name"] for b in the_map["buurten"]}
    bundles, spots = build_overview(
        concerns,
        project=partial(lonlat_to_svg, the_map["projection"]) if the_map["projection"] else None,
        buurt_names=names,
        category_label=category_label,
        statuses=Concern.Status.choices,
    )
    return render(
        request,
        "concerns/staff/overview.html",
        {
            "organisation": organisation,
            "map": the_map,
            "bundles": bundles,
            "hotspots": spots,
            "total": len(concerns),
            "per_buurt": selectors.counts_per_buurt(concerns),
            "categories": [
                (code, category_label(code), category_factor(code), factor_label(category_factor(code)))
                for code in CATEGORIES
            ],
            "category_choices": CATEGORY_CHOICES,
            "category": category,
            "days": days,
            "periods": PERIODS,
            "statuses": Concern.Status.choices,
            "can_edit": role_at_least(request.membership, Membership.Role.ANALYST),
        },
    )


@staff_view(Membership.Role.VIEWER)
@require_http_methods(["GET", "POST"])
def detail(request, org_code, concern_id):
    concern = selectors.concern_for(request.organisation, concern_id)
    if concern is None:
        raise Http404
    can_edit = role_at_least(request.membership, Membership.Role.ANALYST)
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        return _status_set(
            request, [concern.pk], reverse("concerns_staff:detail", args=[org_code, concern.pk])
        )
    return render(
        request,
        "concerns/staff/detail.html",
        {
            "organisation": request.organisation,
            "concern": concern,
            "factor": factor_label(category_factor(concern.category)),
            "statuses": Concern.Status.choices,
            "can_edit": can_edit,
        },
    )


@staff_view(Membership.Role.ANALYST)
@require_POST
def status(request, org_code):
    """The status of every signal of a bundle at once."""
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    query = {"days": _period(request.POST), "category": request.POST.get("category", "")}
    back = reverse("concerns_staff:overview", args=[org_code]) + "?" + urlencode(query)
    return _status_set(request, ids, back)


def _status_set(request, ids, back):
    chosen = request.POST.get("status", "")
    if chosen not in Concern.Status.values or not ids:
        messages.error(request, _("Choose a status."))
        return redirect(back)
    changed = services.concern_status_set(organisation=request.organisation, concern_ids=ids, status=chosen)
    text = ngettext("Status saved for %(count)d signal.", "Status saved for %(count)d signals.", changed)
    messages.success(request, text % {"count": changed})
    return redirect(back)


@staff_view(Membership.Role.VIEWER)
@require_GET
def photo(request, org_code, concern_id):
    """The photo, as stored: a re-encoded JPEG without metadata. It may show people, so every
    view is audited."""
    data = selectors.concern_photo(request.organisation, concern_id)
    if data is None:
        raise Http404
    audit_record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW_PERSONAL_DATA,
        subject=f"photo of signal {concern_id}",
    )
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="signaal-{concern_id}.jpg"'
    return response
