"""Named answer scales, the same as the national Veiligheidsmonitor uses (DOMAIN.md §4.4, §9).

A module question that uses a scale names it (``"scale": "agree5"``) and copies its choices, so
results are comparable between modules, polls and (as far as mode and wording allow) the VM.

Value codes are stable and never translated:
- the five-point scales use "1" to "5", where "1" is the lowest end (completely disagree, very
  dissatisfied, very unlikely, very small, never) and "5" the highest; analysis scores them by
  their number, and reverses an item by ``6 - score``;
- the short categorical scales use words ("often", "a_lot", "yes", "improved"), because
  their indicators count one or two categories rather than a mean.
"Don't know / no opinion" is not part of a scale: a question adds it with ``dont_know`` (the
value ``definition.DONT_KNOW``), and analysis leaves it out of the denominator where the VM does.
Choices are listed in the order residents see them; ``score`` orders them from low to high.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["SCALES", "scale", "scale_choices", "scale_score"]


def _choices(*rows: tuple[str, str, str]) -> list[dict[str, Any]]:
    return [{"value": value, "label": {"nl": nl, "en": en}} for value, nl, en in rows]


# name -> {"label", "choices" (display order), "scores" (value -> 0..k, higher = more of it),
#          "dont_know" (the VM offers "no opinion" / "not applicable" with this scale)}
SCALES: dict[str, dict[str, Any]] = {
    "yes_no": {
        "label": {"nl": "Ja / nee", "en": "Yes / no"},
        "choices": _choices(("yes", "Ja", "Yes"), ("no", "Nee", "No")),
        "scores": {"no": 0, "yes": 1},
        "dont_know": False,
    },
    "frequency3": {
        "label": {"nl": "Vaak / soms / (bijna) nooit", "en": "Often / sometimes / (almost) never"},
        "choices": _choices(
            ("often", "Vaak", "Often"),
            ("sometimes", "Soms", "Sometimes"),
            ("never", "(Bijna) nooit", "(Almost) never"),
        ),
        "scores": {"never": 0, "sometimes": 1, "often": 2},
        "dont_know": False,
    },
    "nuisance3": {
        "label": {"nl": "Veel / een beetje / geen last", "en": "A lot / some / no nuisance"},
        "choices": _choices(
            ("a_lot", "Veel last", "A lot"),
            ("some", "Een beetje last", "Some"),
            ("none", "Geen last", "None"),
        ),
        "scores": {"none": 0, "some": 1, "a_lot": 2},
        "dont_know": False,
    },
    "improved3": {
        "label": {"nl": "Beter / gelijk / slechter", "en": "Better / the same / worse"},
        "choices": _choices(
            ("improved", "Beter geworden", "Better"),
            ("same", "Gelijk gebleven", "The same"),
            ("declined", "Slechter geworden", "Worse"),
        ),
        "scores": {"declined": 0, "same": 1, "improved": 2},
        "dont_know": True,
    },
    "change3": {
        "label": {"nl": "Meer / evenveel / minder", "en": "More / the same / less"},
        "choices": _choices(
            ("more", "Meer geworden", "More"),
            ("same", "Gelijk gebleven", "The same"),
            ("less", "Minder geworden", "Less"),
        ),
        "scores": {"less": 0, "same": 1, "more": 2},
        "dont_know": True,
    },
    "agree5": {
        "label": {"nl": "Helemaal oneens … helemaal eens", "en": "Completely disagree … completely agree"},
        "choices": _choices(
            ("5", "Helemaal eens", "Completely agree"),
            ("4", "Eens", "Agree"),
            ("3", "Niet eens, niet oneens", "Neither agree nor disagree"),
            ("2", "Oneens", "Disagree"),
            ("1", "Helemaal oneens", "Completely disagree"),
        ),
        "scores": {str(n): n - 1 for n in range(1, 6)},
        "dont_know": True,
    },
    "satisfied5": {
        "label": {"nl": "Zeer ontevreden … zeer tevreden", "en": "Very dissatisfied … very satisfied"},
        "choices": _choices(
            ("5", "Zeer tevreden", "Very satisfied"),
            ("4", "Tevreden", "Satisfied"),
            ("3", "Niet tevreden, niet ontevreden", "Neither satisfied nor dissatisfied"),
            ("2", "Ontevreden", "Dissatisfied"),
            ("1", "Zeer ontevreden", "Very dissatisfied"),
        ),
        "scores": {str(n): n - 1 for n in range(1, 6)},
        "dont_know": True,
    },
    "likely5": {
        "label": {"nl": "Zeer onwaarschijnlijk … zeer waarschijnlijk", "en": "Very unlikely … very likely"},
        "choices": _choices(
            ("5", "Zeer waarschijnlijk", "Very likely"),
            ("4", "Waarschijnlijk", "Likely"),
            ("3", "Niet waarschijnlijk, niet onwaarschijnlijk", "Neither likely nor unlikely"),
            ("2", "Onwaarschijnlijk", "Unlikely"),
            ("1", "Zeer onwaarschijnlijk", "Very unlikely"),
        ),
        "scores": {str(n): n - 1 for n in range(1, 6)},
        "dont_know": True,
    },
    "chance5": {
        "label": {"nl": "Zeer klein … zeer groot", "en": "Very small … very large"},
        "choices": _choices(
            ("5", "Zeer groot", "Very large"),
            ("4", "Groot", "Large"),
            ("3", "Niet groot, niet klein", "Neither large nor small"),
            ("2", "Klein", "Small"),
            ("1", "Zeer klein", "Very small"),
        ),
        "scores": {str(n): n - 1 for n in range(1, 6)},
        "dont_know": True,
    },
    "never_always5": {
        "label": {"nl": "Nooit … altijd", "en": "Never … always"},
        "choices": _choices(
            ("5", "Altijd", "Always"),
            ("4", "Vaak", "Often"),
            ("3", "Soms", "Sometimes"),
            ("2", "Zelden", "Rarely"),
            ("1", "Nooit", "Never"),
        ),
        "scores": {str(n): n - 1 for n in range(1, 6)},
        "dont_know": True,
    },
}


def scale(name: str) -> dict[str, Any]:
    """A deep copy of the named scale; raises KeyError for an unknown name."""
    return copy.deepcopy(SCALES[name])


def scale_choices(name: str) -> list[dict[str, Any]]:
    """The scale's choices in the definition's shape (``value`` and ``label`` per language)."""
    return copy.deepcopy(SCALES[name]["choices"])


def scale_score(name: str, value: str, *, reverse: bool = False) -> int | None:
    """The value's position from low (0) to high, reversed if asked; None for don't know."""
    scores = SCALES[name]["scores"]
    if value not in scores:
        return None
    return (len(scores) - 1 - scores[value]) if reverse else scores[value]
