"""Computed results: figures agree with the analysis core, small groups are never stored, and no
hidden figure can be worked out from the visible ones."""

import numpy as np
import pytest

from tests.insights.conftest import BIG, SMALL, SMALL_N


def _parts(results):
    return dict(results.parts.values_list("key", "data"))


def test_every_question_has_a_figure_for_the_municipality(computed):
    parts = _parts(computed)
    municipality = parts["cell:GM0518::"]
    assert municipality["n"] == sum(BIG.values()) + SMALL_N
    unsafe = municipality["columns"]["q.unsafe_ever"]
    assert unsafe["s"] == "shown"
    shares = {value: estimate for value, (estimate, _low, _high) in unsafe["c"].items()}
    assert sum(shares.values()) == pytest.approx(1.0)
    mark = municipality["columns"]["q.mark_safety"]
    assert mark["l"] < mark["e"] < mark["h"]
    assert computed.summary["weighting"]["weighted"] is True


def test_the_weighted_figure_is_the_analysis_cores_estimate(computed, answered_poll):
    from buurtpeil.analysis import estimate, margin, rake, survey_design
    from buurtpeil.responses.models import Response

    rows = list(
        Response.objects.filter(poll=answered_poll).values_list("answers", "buurt_code", "age_group", "sex")
    )
    marks = np.array([a.get("mark_safety", np.nan) for a, *_ in rows], dtype=float)
    wijk = np.array([b[:4].replace("BU", "WK") + b[4:8] for _, b, *_ in rows], dtype=object)
    # Rebuild the margins the way the documented weighting does: adults of the covered wijken.
    import csv

    from tests.conftest import DEMO_POPULATION

    population = list(csv.DictReader(DEMO_POPULATION.read_text(encoding="utf-8").splitlines()))
    ages = ("15_25", "25_45", "45_65", "65_plus")
    covered = set(wijk)
    in_covered = [p for p in population if p["wijkcode"] in covered]
    wijk_totals = {
        w: sum(int(p[f"leeftijd_{a}"]) for p in in_covered if p["wijkcode"] == w for a in ages)
        for w in covered
    }
    age_totals = {a: sum(int(p[f"leeftijd_{a}"]) for p in in_covered) for a in ages}
    adults = sum(age_totals.values())
    sex_all = {
        s: sum(int(p[col]) for p in in_covered) for s, col in (("female", "vrouwen"), ("male", "mannen"))
    }
    sex_totals = {s: v * adults / sum(sex_all.values()) for s, v in sex_all.items()}
    design = rake(
        survey_design(len(rows)),
        [
            margin("wijk", wijk, wijk_totals),
            margin("age_group", np.array([r[2] for r in rows], dtype=object), age_totals),
            margin("sex", np.array([r[3] for r in rows], dtype=object), sex_totals),
        ],
        trim_ratio=5.0,
    ).design
    expected = estimate({"mark": marks}, values=["mark"], design=design)
    stored = _parts(computed)["cell:GM0518::"]["columns"]["q.mark_safety"]
    assert stored["e"] == pytest.approx(expected.estimate[0], abs=1e-4)
    assert stored["se"] == pytest.approx(expected.se[0], abs=1e-6)


def test_a_buurt_below_the_privacy_minimum_stores_no_figure_at_all(computed):
    cell = _parts(computed)[f"cell:{SMALL}::"]
    assert cell["n"] is None
    assert cell["columns"], "every column is listed, as suppressed"
    assert all(figure == {"s": "suppressed"} for figure in cell["columns"].values())


def test_no_hidden_figure_can_be_worked_out_from_a_total(computed):
    """In every 'total = sum of parts' relation of the published cells, never exactly one is hidden."""
    parts = _parts(computed)
    areas = {code: (level, parent) for code, _name, level, parent in computed.summary["areas"]}
    for column in parts["cell:GM0518::"]["columns"]:
        for total in (c for c, (level, _) in areas.items() if level in ("gemeente", "wijk")):
            cells = [parts[f"cell:{total}::"]] + [parts[f"cell:{b}::"] for b in areas if areas[b][1] == total]
            hidden = sum(cell["columns"][column]["s"] == "suppressed" for cell in cells)
            assert hidden != 1, (column, total)


def test_maps_hold_the_same_figures_as_the_cells(computed):
    parts = _parts(computed)
    for code in (*BIG, SMALL):
        assert parts["map:i.buurt_unsafe"][code] == parts[f"cell:{code}::"]["columns"]["i.buurt_unsafe"]


def test_groups_by_age_and_sex_have_their_own_cells(computed):
    parts = _parts(computed)
    women = parts["cell:GM0518:sex:female"]
    men = parts["cell:GM0518:sex:male"]
    assert women["n"] + men["n"] == parts["cell:GM0518::"]["n"]


def test_the_tafel_profile_suggests_factors_per_wijk(computed):
    tafel = _parts(computed)["tafel:wijk"]
    assert len(tafel["municipality"]) == 12
    shown = tafel["areas"]["WK051828"]
    assert [row["factor"] for row in shown["factors"]] == list(range(1, 13))
    assert all(
        row["s"] == "suppressed" for row in tafel["areas"]["WK051844"]["factors"]
    )  # nobody answered there


def test_results_of_a_poll_without_answers_are_empty_not_an_error(den_haag):
    from buurtpeil.insights.services import poll_results_compute
    from tests.insights.conftest import make_poll

    poll, _ = make_poll(den_haag)
    results = poll_results_compute(poll=poll)
    assert results.status == "ready"
    assert results.respondents == 0
    assert _parts(results)["cell:GM0518::"]["n"] is None
