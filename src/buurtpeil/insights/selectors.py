"""Reads of computed results. Other apps import from here and from ``services`` only."""

from buurtpeil.insights.models import PollResults, ResultPart
from buurtpeil.polls.models import Poll

RESIDENTS = Poll.Audience.RESIDENTS


def poll_results(poll) -> PollResults | None:
    return PollResults.objects.filter(poll=poll).first()


def result_parts(results: PollResults, keys) -> dict[str, dict]:
    """The named documents of ``results`` (missing ones are left out). One query."""
    return dict(ResultPart.objects.filter(results=results, key__in=list(keys)).values_list("key", "data"))


def result_cells(results: PollResults) -> dict[str, dict]:
    """Every ``cell:`` document of ``results`` (each area and group), by key. One query."""
    parts = ResultPart.objects.filter(results=results, key__startswith="cell:").order_by("pk")
    return dict(parts.values_list("key", "data"))


def results_by_poll(organisation) -> dict[int, PollResults]:
    return {r.poll_id: r for r in PollResults.objects.filter(organisation=organisation).defer("summary")}


def area_waves(
    organisation, area_code: str, audience: str = RESIDENTS
) -> list[tuple[int, str, object, dict]]:
    """(poll id, poll title, poll created at, the area's cell for everyone) of every poll of the
    organisation to ``audience`` with computed results, oldest first. One query."""
    return [
        (poll, title, created, cells[area_code])
        for poll, title, created, cells in areas_waves(organisation, [area_code], audience)
    ]


def areas_waves(
    organisation, area_codes, audience: str = RESIDENTS
) -> list[tuple[int, str, object, dict[str, dict]]]:
    """(poll id, poll title, poll created at, {area code: the area's cell for everyone}) of every
    poll of the organisation to ``audience`` (a panel type; the residents' panel unless said)
    with computed results for any of ``area_codes``, oldest first. One query."""
    rows = (
        ResultPart.objects.filter(
            results__organisation=organisation,
            results__status=PollResults.Status.READY,
            results__poll__audience=audience,
            key__in=[f"cell:{code}::" for code in area_codes],
        )
        .order_by("results__poll__created_at", "results__poll_id")
        .values_list("results__poll_id", "results__poll__title", "results__poll__created_at", "key", "data")
    )
    waves: dict[int, tuple[int, str, object, dict[str, dict]]] = {}
    for poll, title, created, key, data in rows:
        waves.setdefault(poll, (poll, title, created, {}))[3][key.split(":")[1]] = data
    return list(waves.values())


def latest_results(organisation_ids, audience: str = RESIDENTS) -> dict[int, PollResults]:
    """{organisation id: the computed results of its latest poll to ``audience``} (by the poll's
    creation), with the poll. Two queries."""
    rows = (
        PollResults.objects.filter(
            organisation_id__in=list(organisation_ids),
            status=PollResults.Status.READY,
            poll__audience=audience,
        )
        .order_by("poll__created_at", "poll_id")
        .values_list("organisation_id", "pk")
    )
    latest = dict(rows)  # the last (newest) per organisation wins
    found = PollResults.objects.filter(pk__in=latest.values()).select_related("poll")
    return {results.organisation_id: results for results in found}


def top_cells(results_list) -> dict[int, dict]:
    """{results id: the document of the whole municipality for everyone} (``cell:<top>::``).
    One query."""
    keys = []
    for results in results_list:
        top = next((a[0] for a in results.summary.get("areas", []) if a[2] == "gemeente"), None)
        if top:
            keys.append((results.pk, f"cell:{top}::"))
    if not keys:
        return {}
    wanted = {key for _pk, key in keys}
    rows = ResultPart.objects.filter(results_id__in=[pk for pk, _k in keys], key__in=wanted)
    expected = dict(keys)
    return {
        pk: data for pk, key, data in rows.values_list("results_id", "key", "data") if expected.get(pk) == key
    }
