from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from buurtpeil.areas.models import Area, PopulationCount
from buurtpeil.insights.models import PollResults
from buurtpeil.panel.models import Identity, PanelMember
from buurtpeil.responses.models import Response
from buurtpeil.watch.models import WatchGroup


def _login_from(output: str) -> tuple[str, str]:
    lines = dict(
        line.strip().split(": ", 1)
        for line in output.splitlines()
        if line.strip().startswith(("username", "password"))
    )
    return lines["username"], lines["password"]


@pytest.mark.django_db
def test_demo_builds_den_haag_with_a_synthetic_panel(capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert Area.objects.filter(organisation__code="GM0518", level="buurt").count() == 114
    assert Area.objects.filter(organisation__code="GM0518", level="wijk").count() == 44

    members = PanelMember.objects.filter(organisation__code="GM0518", kind="residents")
    assert members.count() >= 2000
    assert set(members.values_list("source", flat=True)) == {"synthetic"}
    assert not Identity.objects.filter(member__kind="residents").exists()  # synthetic: no contact data

    # In proportion to population: the biggest buurten get the most members, empty ones none.
    per_buurt = Counter(members.values_list("buurt__code", flat=True))
    assert per_buurt["BU05180170"] == 0  # Oostduinen: 0 inhabitants
    adults = {
        code: sum(
            PopulationCount.objects.filter(
                area__code=code, variable="age_group", category__in=["15_25", "25_45", "45_65", "65_plus"]
            ).values_list("count", flat=True)
        )
        for code in per_buurt
    }
    total_adults = sum(adults.values())
    for code, n in per_buurt.items():
        assert abs(n - members.count() * adults[code] / total_adults) <= 1

    # Skewed in age: 65+ over-represented against the population.
    pop = Counter()
    for cell in PopulationCount.objects.filter(
        area__organisation__code="GM0518", variable="age_group"
    ).exclude(category="0_15"):
        pop[cell.category] += cell.count
    panel = Counter(members.values_list("age_group", flat=True))
    assert panel["65_plus"] / members.count() > 1.3 * pop["65_plus"] / sum(pop.values())

    username, password = _login_from(out)
    assert authenticate(username=username, password=password) is not None

    # A region of the demo municipality and two fictitious ones, all sharing; two practices.
    from buurtpeil.organisations.models import Organisation
    from buurtpeil.practices.selectors import practices_published
    from buurtpeil.regions.selectors import region_side_by_side

    table = region_side_by_side(Organisation.objects.get(code="VR15"))
    assert len(table.columns) == 3 and all(column.shared for column in table.columns)
    assert any(row.indicator == "buurt_unsafe" for row in table.rows)
    assert sum("(fictief)" in column.name for column in table.columns) == 2
    assert practices_published().filter(organisation__code="GM0518").count() == 2

    # Two waves of made-up answers with computed results, last year's closed.
    waves = list(
        PollResults.objects.filter(organisation__code="GM0518", poll__audience="residents")
        .order_by("poll__created_at")
        .values_list("poll__status", "status", "respondents")
    )
    assert [(status, ready) for status, ready, _n in waves] == [("closed", "ready"), ("open", "ready")]
    assert all(0.35 * members.count() < n < 0.65 * members.count() for *_, n in waves)
    # Its map shows model estimates for the buurten with too few respondents of their own.
    latest = (
        PollResults.objects.filter(organisation__code="GM0518", poll__audience="residents")
        .order_by("poll__created_at")
        .last()
    )
    figures = latest.parts.get(key="map:i.buurt_unsafe").data
    states = Counter(figures[code]["s"] for code in per_buurt if code in figures)
    assert states["model"] > 30 and states["shown"] + states["indicative"] > 30

    # Key figures answered a poll of their own, analysed apart and unweighted.
    key_figures = PollResults.objects.get(poll__audience="key_figures")
    assert key_figures.respondents == PanelMember.objects.filter(kind="key_figures").count() == 40
    assert not key_figures.summary["weighting"]["weighted"]
    their_map = key_figures.parts.get(key="map:i.buurt_unsafe").data
    assert "model" not in {figure.get("s") for figure in their_map.values()}  # no model estimates

    # Neighbourhood-watch groups, one of which raised warnings at its check-in.
    _assert_watch_groups_one_with_warnings()
    # Residents' signals with two hotspots for the staff map.
    from buurtpeil.concerns.bundling import Signal, hotspots
    from buurtpeil.concerns.models import Concern

    concerns = Concern.objects.filter(organisation__code="GM0518")
    assert concerns.count() == 48
    found = hotspots([Signal(c.pk, c.lon, c.lat, c.created_at, c.category) for c in concerns])
    assert len(found) >= 2 and sum(h.count for h in found[:2]) >= 14
    _assert_two_meetings()


@pytest.mark.django_db
def test_demo_runs_again_without_doubling_anything(capsys):
    call_command("demo")
    first = capsys.readouterr().out
    buurt_pks = set(Area.objects.filter(level="buurt").values_list("pk", flat=True))
    size = PanelMember.objects.count()
    responses = Response.objects.count()
    groups = sorted(WatchGroup.objects.values_list("name", flat=True))
    call_command("demo")
    second = capsys.readouterr().out
    assert set(Area.objects.filter(level="buurt").values_list("pk", flat=True)) == buurt_pks
    assert PanelMember.objects.count() == size
    assert Response.objects.count() == responses
    assert sorted(WatchGroup.objects.values_list("name", flat=True)) == groups
    from buurtpeil.concerns.models import Concern

    assert Concern.objects.count() == 48
    _assert_two_meetings()
    assert _login_from(first)[1] != _login_from(second)[1]  # a fresh password each run


def _assert_two_meetings():
    """One meeting held with agreements (one an action of the plan), one coming with
    registrations and questions sorted into themes."""
    from buurtpeil.meetings.models import Meeting

    held, coming = Meeting.objects.get(status="held"), Meeting.objects.get(status="planned")
    assert held.report and held.agreements.count() == 3
    assert held.agreements.filter(action__isnull=False).count() == 1
    assert coming.registrations.count() >= 10 and coming.questions.count() == 6
    assert coming.questions.values("theme").distinct().count() >= 3


def _assert_watch_groups_one_with_warnings():
    from buurtpeil.organisations.models import Organisation
    from buurtpeil.watch.selectors import checkin_rows

    rows = checkin_rows(Organisation.objects.get(code="GM0518"))
    assert len(rows) >= 4
    warned = {row.group.name: {w.code for w in row.warnings} for row in rows if row.warnings}
    assert warned == {
        "Loopgroep Duindorp": {
            "calls_too_fast",
            "self_action",
            "social_control",
            "chat_tone",
            "code_not_followed",
        }
    }
    assert not WatchGroup.objects.exclude(coordinator_email="").exists()  # the demo mails nobody
