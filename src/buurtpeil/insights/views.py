"""Staff pages of results under /staff/<org_code>/results/: the overview of polls and panel, and
a poll's results per area and group. Every figure is read from the stored results; nothing is
computed here. Analysts and administrators (re)compute; viewers look."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from buurtpeil.areas.selectors import buurt_populations
from buurtpeil.distribution.selectors import poll_response_counts
from buurtpeil.insights import selectors, services
from buurtpeil.insights.compute import TRAITS
from buurtpeil.insights.figures import question_figures
from buurtpeil.insights.models import PollResults
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.panel.models import AgeGroup, Sex
from buurtpeil.panel.selectors import panel_representation
from buurtpeil.polls.selectors import poll_for, polls_for

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER
UNDER_REPRESENTED = 0.8  # a group with less than 80% of its population share is flagged


@staff_view(VIEWER)
@require_GET
def overview(request, org_code):
    organisation = request.organisation
    results = selectors.results_by_poll(organisation)
    polls = []
    for poll in polls_for(organisation).exclude(status="draft").order_by("-created_at"):
        counts = poll_response_counts(poll)
        polls.append(
            {
                "poll": poll,
                "counts": counts,
                "rate": counts.completed / counts.invited if counts.invited else None,
                "results": results.get(poll.pk),
            }
        )
    representation = panel_representation(organisation, buurt_populations(organisation))
    missing = [r for r in representation.rows if r.ratio is not None and r.ratio < UNDER_REPRESENTED]
    return render(
        request,
        "insights/overview.html",
        {
            "organisation": organisation,
            "polls": polls,
            "representation": representation,
            "missing": sorted(missing, key=lambda r: r.ratio),
            "traits": {"age_group": _("Age"), "sex": _("Sex"), "wijk": _("Wijk")},
        },
    )


def _poll_or_404(request, poll_id):
    poll = poll_for(request.organisation, poll_id)
    if poll is None:
        raise Http404
    return poll


def _group_choices():
    labels = {"age_group": dict(AgeGroup.choices), "sex": dict(Sex.choices)}
    return [("", _("Everyone"))] + [
        (f"{trait}:{category}", str(labels[trait][category]))
        for trait, categories in TRAITS.items()
        for category in categories
    ]


@staff_view(VIEWER)
@require_GET
def poll_results_page(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    results = selectors.poll_results(poll)
    context = {
        "organisation": request.organisation,
        "poll": poll,
        "results": results,
        "can_compute": role_at_least(request.membership, ANALYST),
    }
    if results is None or results.status != PollResults.Status.READY or not results.summary:
        return render(request, "insights/poll.html", context)
    summary = results.summary
    areas = {code: (name, level) for code, name, level, _ in summary["areas"]}
    top = next((code for code, (_, level) in areas.items() if level == "gemeente"), "")
    area = request.GET.get("area") or top
    group = request.GET.get("group", "")
    if area not in areas:
        messages.error(
            request, _("That area is not one of this municipality's areas; showing the municipality.")
        )
        area = top
    if group not in dict(_group_choices()) or (group and areas[area][1] == "buurt"):
        if group:
            messages.error(request, _("Groups by age or sex are shown for the municipality and wijken only."))
        group = ""
    trait, _sep, category = group.partition(":")
    cell_key, top_key = f"cell:{area}:{trait}:{category}", f"cell:{top}::"
    parts = selectors.result_parts(results, {cell_key, top_key})
    cell = parts.get(cell_key, {})
    texts = {
        "share": _("Share of respondents"),
        "mean": _("Mean"),
        "this_area": areas[area][0] if area != top or group else _("Municipality"),
        "municipality": _("Municipality"),
    }
    figures = question_figures(
        summary["definition"], cell, parts.get(top_key), language=get_language() or "nl", texts=texts
    )
    context.update(
        area=area,
        area_name=areas[area][0],
        group=group,
        group_label=dict(_group_choices())[group],
        cell=cell,
        figures=figures,
        area_options=[(code, name, level) for code, (name, level) in areas.items()],
        group_options=_group_choices(),
        weighting=summary["weighting"],
    )
    return render(request, "insights/poll.html", context)


@staff_view(ANALYST)
@require_POST
def poll_results_compute_view(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    services.poll_results_request(poll=poll)
    messages.success(request, _("The results are being computed. This page shows them when they are ready."))
    return redirect("insights:poll", request.organisation.code, poll.pk)
