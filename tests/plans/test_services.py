"""Priorities, SMART goals and their baseline, progress and evaluation, against the numbers the
analysis engine stored for each poll."""

import datetime
import math

import pytest
from django.utils import timezone

from buurtpeil.analysis import difference_in_differences, wave_change
from buurtpeil.insights.area_page import is_direct
from buurtpeil.plans import selectors, services
from buurtpeil.plans.models import Action
from tests.insights.conftest import BIG, SMALL
from tests.plans.conftest import INDICATOR, TREATED, area, computed_wave, stored_figure

FUTURE = timezone.localdate() + datetime.timedelta(days=400)


def check(organisation, *, code=TREATED, target, deadline=FUTURE, indicator=INDICATOR, factor=None):
    return services.goal_check(
        organisation=organisation,
        factor=factor,
        indicator=indicator,
        areas=[area(organisation, code)],
        target=target,
        deadline=deadline,
    )


def test_the_baseline_is_the_latest_stored_estimate_of_the_area(later_wave):
    organisation = later_wave.organisation
    latest = stored_figure(later_wave, TREATED)
    result = check(organisation, target=latest["l"] / 2)
    assert result.errors == [] and result.warnings == []
    assert result.baseline.poll_id == later_wave.pk
    assert result.baseline.figures[TREATED] == {k: latest[k] for k in ("e", "l", "h", "se", "n")}


def test_a_target_within_the_margin_of_error_is_warned_about_with_the_change_needed(baseline_wave):
    organisation = baseline_wave.organisation
    figure = stored_figure(baseline_wave, TREATED)
    inside = check(organisation, target=(figure["e"] + figure["l"]) / 2)
    assert inside.errors == []
    [warning] = inside.warnings
    needed = round(1.959964 * math.sqrt(2) * figure["se"] * 100)
    assert f"{round(figure['l'] * 100)}%" in warning and f"{needed}%" in warning
    assert check(organisation, target=figure["l"] - 0.01).warnings == []


def test_a_goal_that_is_not_smart_is_refused(baseline_wave):
    organisation = baseline_wave.organisation
    figure = stored_figure(baseline_wave, TREATED)
    better = figure["l"] - 0.05
    assert any("Niet meetbaar" in e for e in check(organisation, code=SMALL, target=0.1).errors)
    assert any(
        "toekomst" in e for e in check(organisation, target=better, deadline=datetime.date(2020, 1, 1)).errors
    )
    assert any("deadline" in e for e in check(organisation, target=better, deadline=None).errors)
    assert any("geen verbetering" in e for e in check(organisation, target=figure["e"] + 0.05).errors)
    wrong_factor = check(organisation, target=3.0, indicator="cohesion_scale", factor=1)
    assert any("meet niet de gekozen factor" in e for e in wrong_factor.errors)


def test_goal_create_stores_the_baseline_and_needs_confirmation_when_undetectable(baseline_wave, plan):
    organisation = baseline_wave.organisation
    figure = stored_figure(baseline_wave, TREATED)
    arguments = dict(
        plan=plan, title="Minder onveilig", factor=1, indicator=INDICATOR, owner="Wijkregisseur",
        areas=[area(organisation, TREATED)], target=figure["e"] - 0.01, deadline=FUTURE,
    )  # fmt: skip
    with pytest.raises(services.PlanRefused, match="foutmarge"):
        services.goal_create(**arguments)
    goal = services.goal_create(**arguments, confirm_undetectable=True)
    assert goal.baseline_poll_id == baseline_wave.pk and goal.baseline[TREATED]["e"] == figure["e"]


def test_an_area_takes_at_most_five_priorities_each_with_a_reason(baseline_wave, plan):
    buurt = area(plan.organisation, TREATED)
    services.priorities_adopt(plan=plan, area=buurt, reasons={1: "Overlast", 2: "Zwerfvuil", 3: "Onbekenden"})
    with pytest.raises(services.PlanRefused, match="reden"):
        services.priorities_adopt(plan=plan, area=buurt, reasons={4: ""})
    with pytest.raises(services.PlanRefused, match="hoogstens 5"):
        services.priorities_adopt(plan=plan, area=buurt, reasons={4: "a", 5: "b", 6: "c"})
    services.priorities_adopt(plan=plan, area=buurt, reasons={4: "a", 5: "b", 1: "already"})
    assert sorted(plan.priorities.values_list("factor", flat=True)) == [1, 2, 3, 4, 5]


def _goal(plan, wave, code=TREATED):
    figure = stored_figure(wave, code)
    return services.goal_create(
        plan=plan, title="Minder onveilig", factor=1, indicator=INDICATOR, owner="Wijkregisseur",
        areas=[area(plan.organisation, code)], target=figure["l"] - 0.02, deadline=FUTURE,
    )  # fmt: skip


def test_progress_tests_the_change_from_the_baseline_to_the_latest_poll(baseline_wave, plan):
    goal = _goal(plan, baseline_wave)
    [progress] = selectors.goal_progress(goal, target_label="doel")
    assert progress.change == "" and not progress.reached  # not measured again yet
    later_wave = computed_wave(plan.organisation, "Veiligheid 2026", 1.5, seed=23)
    [progress] = selectors.goal_progress(goal, target_label="doel")
    before, after = stored_figure(baseline_wave, TREATED), stored_figure(later_wave, TREATED)
    assert [title for title, _f in progress.waves] == ["Veiligheid 2025", "Veiligheid 2026"]
    test = wave_change([before["e"]], [before["se"]], [after["e"]], [after["se"]])
    assert after["e"] < before["e"] and test.significant[0]
    assert progress.change == "better"
    assert progress.reached == (after["e"] <= goal.target)
    assert progress.chart["layer"][-1]["data"]["values"][0]["target"] == goal.target


def test_the_evaluation_is_the_difference_in_differences_against_areas_without_actions(baseline_wave, plan):
    goal = _goal(plan, baseline_wave)
    Action.objects.create(
        goal=goal, title="Buurtconciërge", starts=datetime.date(2026, 1, 1), ends=FUTURE, status="planned"
    )
    later_wave = computed_wave(plan.organisation, "Veiligheid 2026", 1.5, seed=23)
    assert selectors.goal_evaluation(selectors.goal_for(plan, goal.pk)) is None  # no action has started
    goal.actions.update(status="running")
    goal = selectors.goal_for(plan, goal.pk)
    evaluation = selectors.goal_evaluation(goal)
    # Comparison: every other buurt with a figure in both waves (one is hidden to protect SMALL).
    others = [
        c
        for c in BIG
        if c != TREATED and all(is_direct(stored_figure(w, c)) for w in (baseline_wave, later_wave))
    ]
    before = [stored_figure(baseline_wave, c) for c in [TREATED, *others]]
    after = [stored_figure(later_wave, c) for c in [TREATED, *others]]
    expected = difference_in_differences(
        [f["e"] for f in before], [f["se"] for f in before],
        [f["e"] for f in after], [f["se"] for f in after],
        [True] + [False] * len(others),
    )  # fmt: skip
    assert evaluation.effect == pytest.approx(expected.effect.difference[0])
    assert evaluation.low == pytest.approx(expected.effect.ci_low[0])
    assert evaluation.n_treated == 1 and len(evaluation.comparison_areas) == len(others) >= 2
    assert evaluation.effect < 0 and evaluation.significant  # the treated buurt improved more


def test_overdue_actions_are_those_past_their_end_and_not_done(baseline_wave, plan):
    goal = _goal(plan, baseline_wave)
    today = datetime.date(2027, 6, 1)
    past = dict(goal=goal, starts=datetime.date(2027, 1, 1), ends=datetime.date(2027, 5, 1))
    assert selectors.is_overdue(Action(title="a", status="running", **past), today)
    assert not selectors.is_overdue(Action(title="b", status="done", **past), today)
    assert not selectors.is_overdue(
        Action(title="c", status="planned", goal=goal, starts=today, ends=FUTURE), today
    )
