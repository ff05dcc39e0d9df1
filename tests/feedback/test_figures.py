"""The few figures a feedback page shows: municipality-wide, from the computed results, the
indicators of the linked goals first, and only figures whose status is "shown"."""

import pytest
from django.urls import reverse

from buurtpeil.feedback.selectors import figure_codes, key_figures, shown_figures
from buurtpeil.feedback.services import feedback_publish, feedback_save
from tests.feedback.conftest import TEXTS, make_plan


def test_goal_indicators_come_first_then_the_headline_ones_at_most_four():
    measured = [
        "mark_safety",
        "unsafe_ever",
        "buurt_unsafe",
        "nuisance_physical",
        "mark_liveability",
        "open_unsafe",
    ]

    assert figure_codes(measured, ["nuisance_physical"]) == [
        "nuisance_physical",
        "buurt_unsafe",
        "unsafe_ever",
        "mark_safety",
    ]
    assert figure_codes(measured, ["not_measured"]) == [
        "buurt_unsafe",
        "unsafe_ever",
        "mark_safety",
        "mark_liveability",
    ]


def test_suppressed_and_indicative_figures_are_never_shown():
    cell = {
        "n": 500,
        "columns": {
            "i.buurt_unsafe": {"s": "shown", "n": 480, "e": 0.31, "l": 0.27, "h": 0.35, "se": 0.02},
            "i.unsafe_ever": {"s": "suppressed"},
            "i.mark_safety": {"s": "indicative", "n": 12, "e": 6.1, "l": 5.2, "h": 7.0, "se": 0.45},
        },
    }

    figures = shown_figures(cell, ["buurt_unsafe", "unsafe_ever", "mark_safety"], "nl")

    assert [(f.code, f.value, f.percent, f.n) for f in figures] == [("buurt_unsafe", 0.31, True, 480)]


@pytest.mark.django_db
def test_the_public_page_shows_the_computed_municipality_figures(client, organisation):
    from buurtpeil.insights.selectors import poll_results, result_parts
    from buurtpeil.insights.services import poll_results_compute
    from buurtpeil.polls.services import poll_close
    from tests.conftest import import_den_haag
    from tests.insights.conftest import BIG, add_responses, make_poll

    import_den_haag(organisation)
    poll, version = make_poll(organisation, modules=("safety_general", "safety_buurt", "report_marks"))
    add_responses(version, BIG)
    poll_close(poll=poll)
    poll_results_compute(poll=poll)
    _plan, goal, _action = make_plan(organisation)
    feedback = feedback_save(poll=poll, **TEXTS, goal_ids=[goal.pk])
    feedback_publish(feedback=feedback)

    figures = key_figures(feedback, "nl")

    cell = result_parts(poll_results(poll), ["cell:GM0518::"])["cell:GM0518::"]["columns"]
    assert figures and figures[0].code == "buurt_unsafe"  # the goal's indicator
    assert all(cell[f"i.{f.code}"]["s"] == "shown" and cell[f"i.{f.code}"]["e"] == f.value for f in figures)
    body = client.get(reverse("feedback_open:detail", args=["GM0518", poll.pk])).content.decode()
    assert "Enkele cijfers voor heel &#x27;s-Gravenhage" in body
    assert f"{round(figures[0].value * 100)}%" in body
