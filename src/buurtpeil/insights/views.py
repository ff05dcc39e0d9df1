"""Staff pages of results under /staff/<org_code>/results/: the overview of polls and panel, and
a poll's results per area and group. Every figure is read from the stored results; nothing is
computed here. Analysts and administrators (re)compute; viewers look."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from buurtpeil.areas.selectors import buurt_map, buurt_populations
from buurtpeil.concerns.selectors import area_concern_counts
from buurtpeil.core.sections import area_sections_render
from buurtpeil.distribution.selectors import poll_response_counts
from buurtpeil.insights import selectors, services
from buurtpeil.insights.area_page import indicator_rows, tafel
from buurtpeil.insights.compute import TRAITS
from buurtpeil.insights.crime import crime_comparison
from buurtpeil.insights.figures import question_figures
from buurtpeil.insights.maps import choropleth
from buurtpeil.insights.models import PollResults
from buurtpeil.insights.texts import map_words, reason_text, tafel_words
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.panel.models import AgeGroup, Sex
from buurtpeil.panel.selectors import panel_representation
from buurtpeil.polls.indicators import indicator_is_share, indicator_label
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


def _area_option(name: str, level: str) -> str:
    prefix = {"wijk": _("Wijk"), "buurt": _("Buurt")}.get(level)
    return f"{prefix}: {name}" if prefix else name


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
    group_options = _group_choices()
    if group not in dict(group_options) or (group and areas[area][1] == "buurt"):
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
        area_level=areas[area][1],
        group=group,
        group_label=dict(group_options)[group],
        cell=cell,
        has_model=any(f.get("s") == "model" for f in cell.get("columns", {}).values()),
        figures=figures,
        area_options=[(code, _area_option(name, level)) for code, (name, level) in areas.items()],
        words={
            "suppressed": _(
                "Suppressed: too few respondents to show a figure (or hidden so that another small "
                "group cannot be worked out)."
            ),
            "no_answers": _("No answers."),
            "indicative": _("Indicative: few respondents or a wide interval; read with care."),
            "behind": _("The figures behind the chart"),
            "answer": _("Answer"),
            "share": _("Share"),
            "mean": _("Mean"),
            "interval": _("95% interval"),
        },
        group_options=group_options,
        weighting=summary["weighting"],
    )
    return render(request, "insights/poll.html", context)


@staff_view(ANALYST)
@require_POST
def poll_results_publish_view(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    try:
        services.poll_results_publish(poll=poll, actor=request.user)
    except services.PublishRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The results are published as open data."))
    return redirect("insights:poll", request.organisation.code, poll.pk)


@staff_view(ANALYST)
@require_POST
def poll_results_compute_view(request, org_code, poll_id):
    poll = _poll_or_404(request, poll_id)
    services.poll_results_request(poll=poll)
    messages.success(request, _("The results are being computed. This page shows them when they are ready."))
    return redirect("insights:poll", request.organisation.code, poll.pk)


def _ready_results_or_404(request, poll_id):
    poll = _poll_or_404(request, poll_id)
    results = selectors.poll_results(poll)
    if results is None or results.status != PollResults.Status.READY or not results.summary:
        raise Http404(_("The results of this poll have not been computed yet."))
    return poll, results


def _indicator_options(summary, language):
    return [(f"i.{code}", indicator_label(code, language)) for code in summary["indicators"]]


@staff_view(VIEWER)
@require_GET
def poll_map(request, org_code, poll_id):
    poll, results = _ready_results_or_404(request, poll_id)
    language = get_language() or "nl"
    options = _indicator_options(results.summary, language)
    column = request.GET.get("indicator") or (options[0][0] if options else "")
    level = request.GET.get("level", "buurt")
    if column not in dict(options) or level not in ("buurt", "wijk"):
        messages.error(request, _("Choose an indicator and a level from the lists."))
        column, level = (options[0][0] if options else ""), "buurt"
    names = {code: name for code, name, _level, _parent in results.summary["areas"]}
    at_level = {code for code, _name, lvl, _parent in results.summary["areas"] if lvl == level}
    stored = selectors.result_parts(results, [f"map:{column}"]).get(f"map:{column}", {})
    figures = {code: figure for code, figure in stored.items() if code in at_level}
    outline = buurt_map(request.organisation)
    areas, legend = choropleth(
        outline,
        figures,
        level=level,
        names=names,
        percent=indicator_is_share(column.removeprefix("i.")),
        words=map_words(),
    )
    rows = sorted({(a.target_name, a.target, a.text, a.state) for a in areas})
    return render(
        request,
        "insights/map.html",
        {
            "organisation": request.organisation,
            "poll": poll,
            "map": outline,
            "areas": areas,
            "legend": legend,
            "has_model": any(a.state == "model" for a in areas),
            "rows": rows,
            "column": column,
            "column_label": dict(options).get(column, ""),
            "level": level,
            "options": options,
        },
    )


@staff_view(VIEWER)
@require_GET
def poll_area(request, org_code, poll_id, area_code):
    poll, results = _ready_results_or_404(request, poll_id)
    areas = {code: (name, level, parent) for code, name, level, parent in results.summary["areas"]}
    if area_code not in areas or areas[area_code][1] == "gemeente":
        raise Http404(_("That area is not a wijk or buurt of this municipality."))
    name, level, parent = areas[area_code]
    top = next(code for code, (_n, lvl, _p) in areas.items() if lvl == "gemeente")
    cell_key, top_key, tafel_key = f"cell:{area_code}::", f"cell:{top}::", f"tafel:{level}"
    parts = selectors.result_parts(results, [cell_key, top_key, tafel_key])
    language = get_language() or "nl"
    waves = [
        (title, data)
        for _id, title, _created, data in selectors.area_waves(request.organisation, area_code, poll.audience)
    ]
    rows = indicator_rows(
        results.summary["indicators"],
        parts.get(cell_key, {}),
        parts.get(top_key, {}),
        waves,
        language=language,
    )
    crime = crime_comparison(request.organisation, poll, results) if level == "buurt" else None
    reasons, profile_chart, profile_rows = tafel(
        parts.get(tafel_key),
        area_code,
        language=language,
        reason_text=reason_text,
        words=tafel_words(),
    )
    return render(
        request,
        "insights/area.html",
        {
            "organisation": request.organisation,
            "poll": poll,
            "area_code": area_code,
            "area_name": name,
            "level": level,
            "parent": areas.get(parent, ("",))[0] if parent else "",
            "cell": parts.get(cell_key, {}),
            "rows": rows,
            "has_model": any(row.area.get("s") == "model" for row in rows),
            "reasons": reasons,
            "profile_chart": profile_chart,
            "profile_rows": profile_rows,
            "waves": [title for title, _data in waves],
            "can_plan": role_at_least(request.membership, ANALYST),
            "crime": crime,
            "crime_row": crime.row(area_code) if crime else None,
            **_signals_in(request.organisation, area_code, results),
            "sections": area_sections_render(request, organisation=request.organisation, area_code=area_code),
        },
    )


@staff_view(VIEWER)
@require_GET
def poll_crime(request, org_code, poll_id):
    poll, results = _ready_results_or_404(request, poll_id)
    return render(
        request,
        "insights/crime.html",
        {
            "organisation": request.organisation,
            "poll": poll,
            "crime": crime_comparison(request.organisation, poll, results),
            "residents": poll.audience == selectors.RESIDENTS,
        },
    )


SIGNAL_PERIOD = timedelta(days=365)


def _signals_in(organisation, area_code: str, results) -> dict:
    """Residents' signals in the area per category, in the year before the results were computed."""
    until = results.computed_at or timezone.now()
    since = until - SIGNAL_PERIOD
    rows = area_concern_counts(organisation, area_code, since, until)
    return {
        "signals": rows,
        "signals_total": sum(row["count"] for row in rows),
        "signals_since": since,
        "signals_until": until,
    }
