"""Staff pages of sending under /staff/<org_code>/sending/: send a poll, the list, and a
distribution's progress and response monitor. Analysts and administrators send; viewers look."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from buurtpeil.areas.selectors import wijken_with_buurten
from buurtpeil.distribution import selectors, services
from buurtpeil.distribution.forms import SendForm
from buurtpeil.distribution.quiet import quiet_hours
from buurtpeil.distribution.targeting import TargetError, target_clean, target_members
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.polls.selectors import polls_for

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER


@staff_view(VIEWER)
@require_GET
def distribution_list(request, org_code):
    organisation = request.organisation
    return render(
        request,
        "distribution/staff/list.html",
        {
            "organisation": organisation,
            "distributions": selectors.distributions_for(organisation),
            "can_send": role_at_least(request.membership, ANALYST),
        },
    )


def _published_polls(organisation):
    return polls_for(organisation).filter(versions__isnull=False).distinct().order_by("title")


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def distribution_new(request, org_code):
    """Check first how many members the target reaches, then schedule the sending."""
    organisation = request.organisation
    wijken = wijken_with_buurten(organisation)
    area_ids = [area.pk for wijk in wijken for area in (wijk, *wijk.buurten)]
    polls = list(_published_polls(organisation))
    initial = {"poll": request.GET.get("poll", "")}
    form = SendForm(request.POST or None, polls=polls, area_ids=area_ids, initial=initial)
    reach = None
    if request.method == "POST" and form.is_valid():
        poll = next(poll for poll in polls if poll.pk == form.cleaned_data["poll"])
        try:
            target = target_clean(organisation, form.target())
            reach = len(target_members(organisation, target, kind=poll.audience))
        except TargetError as error:
            form.add_error(None, str(error))
        if reach is not None and request.POST.get("action") == "send":
            try:
                distribution = services.distribution_create(
                    poll=poll,
                    target=form.target(),
                    channels=form.cleaned_data["channels"],
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                    reminder_days=form.cleaned_data["reminder_days"],
                    actor=request.user,
                )
            except services.DistributionRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Sending is scheduled for %(count)d member.",
                        "Sending is scheduled for %(count)d members.",
                        reach,
                    )
                    % {"count": reach},
                )
                return redirect(
                    "distribution_staff:detail", org_code=organisation.code, distribution_id=distribution.pk
                )
    chosen = set(form["areas"].value() or ()) if form.is_bound else set()
    return render(
        request,
        "distribution/staff/new.html",
        {
            "organisation": organisation,
            "form": form,
            "polls": polls,
            "wijken": wijken,
            "chosen_areas": {int(area) for area in chosen if str(area).isascii() and str(area).isdigit()},
            "reach": reach,
            "quiet": quiet_hours(),
        },
    )


def _distribution_or_404(request, distribution_id):
    distribution = selectors.distribution_for(request.organisation, distribution_id)
    if distribution is None:
        raise Http404
    return distribution


def _progress_context(request, distribution):
    progress = selectors.distribution_progress(distribution)
    return {
        "organisation": request.organisation,
        "distribution": distribution,
        "progress": progress,
        "sending": selectors.distribution_sending(progress),
        "quiet": quiet_hours(),
    }


@staff_view(VIEWER)
@require_GET
def distribution_detail(request, org_code, distribution_id):
    distribution = _distribution_or_404(request, distribution_id)
    context = _progress_context(request, distribution)
    context["monitor"] = selectors.response_monitor(distribution)
    context["title"] = _("Sending of “%(title)s”") % {"title": distribution.poll.title}
    return render(request, "distribution/staff/detail.html", context)


@staff_view(VIEWER)
@require_GET
def distribution_progress(request, org_code, distribution_id):
    """The progress block alone, for htmx to refresh while messages go out."""
    distribution = _distribution_or_404(request, distribution_id)
    return render(request, "distribution/staff/_progress.html", _progress_context(request, distribution))
