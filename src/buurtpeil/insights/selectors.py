"""Reads of computed results. Other apps import from here and from ``services`` only."""

from buurtpeil.insights.models import PollResults, ResultPart


def poll_results(poll) -> PollResults | None:
    return PollResults.objects.filter(poll=poll).first()


def result_parts(results: PollResults, keys) -> dict[str, dict]:
    """The named documents of ``results`` (missing ones are left out). One query."""
    return dict(ResultPart.objects.filter(results=results, key__in=list(keys)).values_list("key", "data"))


def results_by_poll(organisation) -> dict[int, PollResults]:
    return {r.poll_id: r for r in PollResults.objects.filter(organisation=organisation).defer("summary")}
