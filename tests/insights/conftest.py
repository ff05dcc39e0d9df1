"""A municipality with the real Den Haag areas and population, a poll of library modules, and
made-up complete responses: many in a few buurten, and a handful in one small buurt; with
``modelled`` also enough buurten with a figure of their own for model-based estimates."""

import random
import uuid

import pytest

MODULES = ("safety_general", "safety_buurt", "report_marks", "nuisance", "cohesion", "supervision", "open")
# buurt code -> respondents
BIG = {"BU05182811": 160, "BU05182915": 150, "BU05183032": 120, "BU05183033": 110}
SMALL = "BU05183034"  # the third buurt of wijk WK051830: protecting it needs a partner
SMALL_WIJK = "WK051830"
SMALL_N = 4
# Twenty respondents in each of 16 more buurten (each alone in its wijk): with BIG, enough
# buurten with a figure of their own to fit a model for the others (insights.smallarea).
MODELLED = dict.fromkeys(
    [
        "BU05180271",
        "BU05180477",
        "BU05180546",
        "BU05180703",
        "BU05180800",
        "BU05180907",
        "BU05181143",
        "BU05181251",
        "BU05181309",
        "BU05181492",
        "BU05181697",
        "BU05181786",
        "BU05181840",
        "BU05181953",
        "BU05182054",
        "BU05182110",
    ],
    20,
)
NO_INHABITANTS = "BU05180170"  # Oostduinen: no registry figures, so no model estimate


def make_poll(organisation, modules=MODULES):
    from buurtpeil.polls.definition import definition_empty
    from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish

    poll = poll_create(
        organisation=organisation,
        title="Veiligheid 2026",
        definition=definition_empty(languages=["nl", "en"], title={"nl": "Veiligheid", "en": "Safety"}),
    )
    for code in modules:
        poll_module_add(poll=poll, module_code=code)
    return poll, poll_publish(poll=poll)


def add_responses(version, per_buurt: dict[str, int], seed: int = 7, lean: float = 0.0):
    from buurtpeil.demo.synthetic import synthetic_answers
    from buurtpeil.responses.services import synthetic_responses_create

    rng = random.Random(seed)
    rows = []
    for buurt, n in per_buurt.items():
        for i in range(n):
            age = ["15_25", "25_45", "45_65", "65_plus"][i % 4]
            sex = ["female", "male"][(i // 4) % 2]
            rows.append((uuid.uuid4(), buurt, age, sex, synthetic_answers(version.definition, lean, rng)))
    return synthetic_responses_create(version=version, rows=rows)


@pytest.fixture
def answered_poll(den_haag):
    poll, version = make_poll(den_haag)
    add_responses(version, {**BIG, SMALL: SMALL_N})
    return poll


@pytest.fixture
def computed(answered_poll):
    from buurtpeil.insights.services import poll_results_compute

    return poll_results_compute(poll=answered_poll)


@pytest.fixture
def modelled(den_haag):
    from buurtpeil.insights.services import poll_results_compute

    poll, version = make_poll(den_haag)
    add_responses(version, {**BIG, **MODELLED, SMALL: SMALL_N})
    return poll_results_compute(poll=poll)
