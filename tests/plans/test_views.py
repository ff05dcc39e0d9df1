"""The plan pages: a goal form that refuses goals that are not SMART and asks to confirm an
undetectable target, priorities adopted from an area's profile, actions on the board, roles."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtpeil.partners.models import Partner
from buurtpeil.plans.models import Action, Goal
from tests.insights.conftest import SMALL
from tests.plans.conftest import INDICATOR, TREATED, area, stored_figure

FUTURE = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()


@pytest.fixture
def analyst(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "analyst"))
    return client


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.organisation.code, plan.pk, *args])


def goal_form(organisation, code=TREATED, **changes):
    data = {
        "title": "Minder bewoners voelen zich onveilig in Kortenbos",
        "areas": [area(organisation, code).pk],
        "factor": 1,
        "indicator": INDICATOR,
        "target": "20",
        "deadline": FUTURE,
        "owner": "Wijkregisseur Centrum",
    }
    return {**data, **changes}


def test_the_goal_form_refuses_a_goal_that_is_not_smart_in_dutch(analyst, plan, baseline_wave):
    organisation = plan.organisation
    page = analyst.post(url("goal_new", plan), goal_form(organisation, code=SMALL)).content.decode()
    assert "Niet meetbaar" in page
    page = analyst.post(url("goal_new", plan), goal_form(organisation, deadline="")).content.decode()
    assert "Dit veld is vereist" in page
    page = analyst.post(url("goal_new", plan), goal_form(organisation, target="99")).content.decode()
    assert "geen verbetering" in page
    assert not Goal.objects.exists()


def test_an_undetectable_target_is_saved_only_once_confirmed(analyst, plan, baseline_wave):
    figure = stored_figure(baseline_wave, TREATED)
    inside = f"{(figure['e'] - 0.005) * 100:.1f}"
    page = analyst.post(url("goal_new", plan), goal_form(plan.organisation, target=inside)).content.decode()
    assert "binnen de foutmarge" in page and not Goal.objects.exists()
    confirmed = goal_form(plan.organisation, target=inside, confirm_undetectable="on")
    response = analyst.post(url("goal_new", plan), confirmed)
    goal = Goal.objects.get()
    assert response.status_code == 302 and goal.target == pytest.approx(float(inside) / 100)
    page = analyst.get(url("goal", plan, goal.pk)).content.decode()
    assert "Veiligheid 2025 (nulmeting)" in page and f"{round(figure['e'] * 100)}%" in page


def test_priorities_are_adopted_from_the_area_profile_with_the_suggested_reasons(
    analyst, plan, baseline_wave
):
    adopt = reverse("plans:adopt", args=[plan.organisation.code]) + f"?poll={baseline_wave.pk}&area={TREATED}"
    area_page = reverse("insights:area", args=[plan.organisation.code, baseline_wave.pk, TREATED])
    assert adopt.replace("&", "&amp;") in analyst.get(area_page).content.decode()
    form = analyst.get(adopt).context["form"]
    suggested = [f for f in range(1, 13) if form[f"adopt_{f}"].initial]
    assert 1 <= len(suggested) <= 5 and all(form[f"reason_{f}"].initial for f in suggested)
    data = {"plan": plan.pk, **{f"adopt_{f}": "on" for f in suggested}}
    data.update({f"reason_{f}": form[f"reason_{f}"].initial for f in suggested})
    assert analyst.post(adopt, data).status_code == 302
    assert sorted(plan.priorities.values_list("factor", flat=True)) == suggested
    assert plan.priorities.first().poll == baseline_wave


def test_actions_with_partners_move_over_the_board_and_overdue_ones_are_flagged(analyst, plan, baseline_wave):
    from buurtpeil.plans import services

    figure = stored_figure(baseline_wave, TREATED)
    goal = services.goal_create(
        plan=plan, title="Minder onveilig", factor=1, indicator=INDICATOR, owner="Wijkregisseur",
        areas=[area(plan.organisation, TREATED)], target=figure["l"] - 0.02,
        deadline=timezone.localdate() + datetime.timedelta(days=400),
    )  # fmt: skip
    police = Partner.objects.create(organisation=plan.organisation, name="Politie Den Haag", sector="police")
    response = analyst.post(
        url("action_new", plan, goal.pk),
        {"title": "Extra surveillance", "partners": [police.pk], "starts": "2026-01-01", "ends": "2026-02-01",
         "status": "running", "budget": "12000"},
    )  # fmt: skip
    assert response.status_code == 302
    action = Action.objects.get()
    assert list(action.partners.all()) == [police]
    board = analyst.get(url("board", plan)).content.decode()
    assert "Extra surveillance" in board and "over tijd" in board
    analyst.post(url("action_status", plan, action.pk), {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    assert "over tijd" not in analyst.get(url("board", plan)).content.decode()
    timeline = analyst.get(url("timeline", plan)).content.decode()
    assert "<svg" in timeline and "Extra surveillance" in timeline


def test_an_action_ending_before_it_starts_is_refused(analyst, plan, baseline_wave):
    goal = Goal.objects.create(
        plan=plan,
        title="g",
        factor=1,
        indicator=INDICATOR,
        target=0.2,
        deadline=datetime.date(2030, 1, 1),
        owner="x",
    )
    page = analyst.post(
        url("action_new", plan, goal.pk),
        {"title": "a", "starts": "2027-03-01", "ends": "2027-02-01", "status": "planned"},
    ).content.decode()
    assert "De einddatum kan niet voor de startdatum liggen" in page and not Action.objects.exists()


def test_a_viewer_reads_the_plan_but_cannot_change_it(client, make_staff, plan):
    client.force_login(make_staff(plan.organisation, "viewer"))
    assert client.get(url("plan", plan)).status_code == 200
    assert client.get(url("goal_new", plan)).status_code == 403
    assert (
        client.post(reverse("plans:list", args=[plan.organisation.code]), {"title": "x"}).status_code == 403
    )


def test_partners_are_registered_once_per_name(analyst, den_haag):
    new = reverse("partners:new", args=[den_haag.code])
    assert analyst.post(new, {"name": "Haag Wonen", "sector": "housing"}).status_code == 302
    page = analyst.post(new, {"name": "haag wonen", "sector": "housing"}).content.decode()
    assert "Er is al een partner met deze naam" in page
    assert Partner.objects.filter(organisation=den_haag).count() == 1
