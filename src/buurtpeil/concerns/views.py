"""Resident pages: /p/<org_code>/signals/. A logged-in panel member reports a safety concern.

Anonymous signals are not taken: a login limits abuse (a daily limit per member can hold) and
lets the signal count for the member's municipality only. Every page works without
JavaScript; the map is an enhancement of the buurt list and the place description.
"""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from buurtpeil.areas.selectors import buurt_map
from buurtpeil.concerns import services
from buurtpeil.concerns.emergency import EMERGENCY_NUMBER, POLICE_NON_EMERGENCY
from buurtpeil.concerns.forms import ConcernForm
from buurtpeil.panel.access import resident_view


def _numbers(organisation) -> dict:
    return {"emergency": EMERGENCY_NUMBER, "police": POLICE_NON_EMERGENCY.get(organisation.country, "")}


def _emergency(request):
    context = {
        "organisation": request.organisation,
        "member": request.member,
        "numbers": _numbers(request.organisation),
    }
    return render(request, "concerns/emergency.html", context)


@resident_view()
@require_http_methods(["GET", "POST"])
def report(request, org_code):
    organisation, member = request.organisation, request.member
    if request.method == "POST" and request.POST.get("happening_now") == "yes":
        return _emergency(request)  # nothing else is read, nothing is stored
    form = ConcernForm(request.POST or None, request.FILES or None, organisation=organisation)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.concern_report(
                organisation=organisation,
                member=member,
                submission_key=data["submission_key"],
                category=data["category"],
                text=data["text"],
                buurt=data["buurt"],
                lon=data["lon"],
                lat=data["lat"],
                place=data["place"],
                on_behalf_of=data["on_behalf_of"],
                photo=form.photo_bytes,
                happening_now=data["happening_now"],
                not_an_emergency=data["not_an_emergency"],
            )
        except services.ConcernRefused as refused:
            if refused.reason == refused.EMERGENCY:
                return _emergency(request)
            form.add_error(
                None,
                _(
                    "You have sent %(limit)d signals in the last 24 hours. That is the most we can take "
                    "from one person a day; please try again tomorrow."
                )
                % {"limit": services.DAILY_LIMIT},
            )
            status = 429
        else:
            return redirect("concerns:sent", org_code=organisation.code)
    return render(
        request,
        "concerns/report.html",
        {
            "organisation": organisation,
            "member": member,
            "form": form,
            "map": buurt_map(organisation),
            "numbers": _numbers(organisation),
        },
        status=status,
    )


@resident_view()
@require_GET
def sent(request, org_code):
    return render(
        request,
        "concerns/sent.html",
        {
            "organisation": request.organisation,
            "member": request.member,
            "numbers": _numbers(request.organisation),
        },
    )
