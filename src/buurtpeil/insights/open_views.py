"""Public open-data pages under /open/<org_code>/: the published polls, and per poll the
results per wijk and buurt as a table and a CSV file. No login; only published polls."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from buurtpeil.insights import open_data, selectors
from buurtpeil.insights.models import PollResults
from buurtpeil.organisations.selectors import organisation_by_code
from buurtpeil.polls.indicators import indicator_label
from buurtpeil.polls.selectors import polls_for


def _published(org_code, poll_id=None):
    organisation = organisation_by_code(org_code)
    polls = polls_for(organisation).filter(status="published", results__status=PollResults.Status.READY)
    if poll_id is None:
        return organisation, polls.order_by("-created_at")
    poll = polls.filter(pk=poll_id).first()
    if poll is None:
        raise Http404
    return organisation, poll


def _table(poll):
    results = selectors.poll_results(poll)
    summary = results.summary
    maps = selectors.result_parts(results, [f"map:i.{code}" for code in summary["indicators"]])
    return open_data.rows(summary["areas"], summary["indicators"], maps)


@require_GET
def open_polls(request, org_code):
    organisation, polls = _published(org_code)
    return render(request, "insights/open_list.html", {"organisation": organisation, "polls": polls})


@require_GET
def open_poll(request, org_code, poll_id):
    """One indicator at a time for every wijk and buurt; the CSV file holds them all."""
    organisation, poll = _published(org_code, poll_id)
    results = selectors.poll_results(poll)
    indicators = results.summary["indicators"]
    chosen = request.GET.get("indicator", "")
    if chosen not in indicators:
        chosen = indicators[0] if indicators else ""
    maps = selectors.result_parts(results, [f"map:i.{chosen}"])
    return render(
        request,
        "insights/open_poll.html",
        {
            "organisation": organisation,
            "poll": poll,
            "header": open_data.HEADER,
            "rows": list(open_data.rows(results.summary["areas"], [chosen] if chosen else [], maps)),
            "options": [(code, indicator_label(code, get_language() or "nl")) for code in indicators],
            "chosen": chosen,
        },
    )


@require_GET
def open_poll_csv(request, org_code, poll_id):
    organisation, poll = _published(org_code, poll_id)
    response = HttpResponse(open_data.csv_text(_table(poll)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="buurtpeil-{organisation.code}-{poll.pk}.csv"'
    return response
