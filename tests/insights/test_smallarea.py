"""Model-based figures for buurten whose own figure is hidden (pure: no database).

A made-up municipality of five wijken with four buurten each: the true mean of a report mark
follows one registry covariate, 17 buurten have enough respondents, one has three (suppressed),
one is hidden to protect it (complementary suppression), one has nobody."""

import json

import numpy as np
import pytest

from buurtpeil.analysis import SuppressionRules, fay_herriot, survey_design
from buurtpeil.insights.compute import AreaNode, poll_figures
from buurtpeil.insights.smallarea import MIN_DEGREES_OF_FREEDOM, buurt_covariates, model_figures
from buurtpeil.insights.table import Column, RespondentTable
from buurtpeil.insights.weighting import BuurtPopulation

COLUMN = "i.mark_safety"
SMALL, PARTNER, EMPTY = "B0", "B1", "B19"
SMALL_ANSWER = 1.2345  # every answer of the small buurt: its direct mean, were it computed
RULES = SuppressionRules(privacy_minimum=10, reliability_minimum=30, max_half_width=0.1)


def _municipality():
    areas = [AreaNode("G", "gemeente", None)]
    areas += [AreaNode(f"W{w}", "wijk", "G") for w in range(5)]
    areas += [AreaNode(f"B{b}", "buurt", f"W{b // 4}") for b in range(20)]
    covariate = {f"B{b}": b / 19 for b in range(20)}
    return areas, {code: (1.0, x) for code, x in covariate.items()}


def _respondents(small_answer: float = SMALL_ANSWER, seed: int = 3):
    rng = np.random.default_rng(seed)
    _areas, auxiliary = _municipality()
    buurten, values = [], []
    for b in range(20):
        code = f"B{b}"
        n = 3 if code == SMALL else 0 if code == EMPTY else 30 + b
        effect = rng.normal(0, 0.3)
        mean = 5.0 + 3.0 * auxiliary[code][1] + effect
        answers = [small_answer] * n if code == SMALL else list(rng.normal(mean, 1.5, n))
        buurten += [code] * n
        values += answers
    return np.array(buurten, dtype=object), np.array(values)


def _documents(buurt, values, auxiliary):
    areas, _aux = _municipality()
    n = len(values)
    column = Column(COLUMN, "mark_safety", "mean")
    table = RespondentTable(n=n, data={COLUMN: values}, columns=[column], indicators=["mark_safety"])
    return poll_figures(
        table,
        design=survey_design(n),
        buurt=buurt,
        wijk=np.array([f"W{int(code[1:]) // 4}" for code in buurt], dtype=object),
        age_group=np.full(n, "25_45", dtype=object),
        sex=np.full(n, "female", dtype=object),
        areas=areas,
        rules=RULES,
        auxiliary=auxiliary,
    )


@pytest.fixture(scope="module")
def documents():
    _areas, auxiliary = _municipality()
    return _documents(*_respondents(), auxiliary)


def test_a_hidden_buurt_gets_the_synthetic_estimate_of_a_fit_on_the_shown_buurten(documents):
    _areas, auxiliary = _municipality()
    figures = documents[f"map:{COLUMN}"]
    codes = [f"B{b}" for b in range(20)]
    modelled = [code for code in codes if figures[code]["s"] == "model"]
    assert modelled == [SMALL, PARTNER, EMPTY]  # too few, protecting the small one, nobody
    direct = [code for code in codes if code not in modelled]
    assert all(figures[code]["s"] in ("shown", "indicative") and figures[code]["n"] > 0 for code in direct)

    y = [figures[c]["e"] if c in direct else np.nan for c in codes]
    psi = [figures[c]["se"] ** 2 if c in direct else np.nan for c in codes]
    fit = fay_herriot(y, psi, [auxiliary[c] for c in codes])
    for code in modelled:
        i = codes.index(code)
        figure = figures[code]
        assert figure == documents[f"cell:{code}::"]["columns"][COLUMN]
        assert figure["e"] == pytest.approx(fit.synthetic[i], abs=1e-4)
        assert figure["se"] == pytest.approx(fit.rmse[i], abs=1e-6)
        assert figure["l"] == pytest.approx(figure["e"] - 1.959964 * figure["se"], abs=2e-4)
        assert figure["h"] == pytest.approx(figure["e"] + 1.959964 * figure["se"], abs=2e-4)


def test_a_suppressed_buurts_own_answers_do_not_change_its_model_figure(documents):
    _areas, auxiliary = _municipality()
    other = _documents(*_respondents(small_answer=9.9), auxiliary)
    buurten = [f"B{b}" for b in range(20)]
    assert [other[f"map:{COLUMN}"][b] for b in buurten] == [documents[f"map:{COLUMN}"][b] for b in buurten]
    assert other[f"cell:{SMALL}::"] == documents[f"cell:{SMALL}::"]
    assert other["cell:W0::"] != documents["cell:W0::"]  # the wijk's figure does count them


def test_nothing_stored_for_a_suppressed_buurt_reveals_its_n_or_its_own_figure(documents):
    for code in (SMALL, PARTNER, EMPTY):
        cell = documents[f"cell:{code}::"]
        assert cell["n"] is None
        assert set(cell["columns"][COLUMN]) == {"s", "e", "l", "h", "se"}
    text = json.dumps(documents)
    assert str(SMALL_ANSWER) not in text
    assert '"n": 3,' not in text and '"n": 3}' not in text


def test_without_registry_data_hidden_buurten_stay_suppressed():
    assert _documents(*_respondents(), None)[f"map:{COLUMN}"][SMALL] == {"s": "suppressed"}
    _areas, auxiliary = _municipality()
    del auxiliary[SMALL]
    figures = _documents(*_respondents(), auxiliary)[f"map:{COLUMN}"]
    assert figures[SMALL] == {"s": "suppressed"}
    assert figures[EMPTY]["s"] == "model"


def _figures(shown: int):
    """``shown`` buurten with a direct figure on the line 5 + 3x (and a little noise), one hidden."""
    rng = np.random.default_rng(1)
    figures = {
        f"B{b}": {"s": "shown", "n": 50, "e": 5 + 3 * b / shown + rng.normal(0, 0.2), "se": 0.2}
        for b in range(shown)
    }
    figures["H"] = {"s": "suppressed"}
    auxiliary = {code: (1.0, b / shown) for b, code in enumerate(figures)}
    return figures, auxiliary


def test_a_model_needs_enough_buurten_beyond_its_coefficients():
    enough = 2 + MIN_DEGREES_OF_FREEDOM
    assert model_figures(*_figures(enough - 1), (1.0, 10.0)) == {}
    assert model_figures(*_figures(enough), (1.0, 10.0))["H"]["s"] == "model"


def test_a_figure_without_spread_is_left_out_of_the_fit_and_keeps_its_place():
    figures, auxiliary = _figures(2 + MIN_DEGREES_OF_FREEDOM)
    figures["B0"]["se"] = 0.0  # e.g. 0% of a buurt's respondents: no sampling variance
    assert model_figures(figures, auxiliary, (1.0, 10.0)) == {}


def test_model_figures_stay_on_the_indicators_scale():
    figures, auxiliary = _figures(20)
    for code in figures:
        if code != "H":
            figures[code]["e"] = min(max((figures[code]["e"] - 5) / 3, 0.0), 1.0) * 0.1  # shares near 0
            figures[code]["se"] = 0.02
    auxiliary["H"] = (1.0, -3.0)  # far outside: the prediction falls below 0
    figure = model_figures(figures, auxiliary, (0.0, 1.0))["H"]
    assert figure["e"] == 0.0 and figure["l"] == 0.0 and 0.0 < figure["h"] <= 1.0


def test_covariates_come_from_the_population_register():
    population = {
        "B1": BuurtPopulation(
            wijk="W1",
            adults=800,
            age_group={"0_15": 200, "15_25": 100, "25_45": 300, "45_65": 200, "65_plus": 200},
            sex={"female": 600, "male": 400},
        ),
        "PARK": BuurtPopulation(wijk="W1", adults=0, age_group={}, sex={}),
    }
    assert buurt_covariates(population) == {"B1": pytest.approx((1.0, np.log(1000), 0.2, 0.1, 0.2, 0.6))}
