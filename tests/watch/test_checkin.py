"""The warnings a coordinator's check-in raises on the known risks of buurtpreventie."""

import pytest

from buurtpeil.watch.checkin import ATTENTION, SERIOUS, AnswerError, checkin_warnings, worst_level
from tests.watch.conftest import HEALTHY


def warned(**changes) -> dict[str, str]:
    return {w.code: w.level for w in checkin_warnings({**HEALTHY, **changes})}


def test_a_healthy_group_raises_no_warning():
    assert checkin_warnings(HEALTHY) == []
    assert checkin_warnings({**HEALTHY, "police_calls": 0, "calls_nothing": 0}) == []
    assert worst_level([]) is None


def test_more_than_half_of_the_calls_for_nothing_is_calling_too_fast():
    assert warned(police_calls=4, calls_nothing=2) == {}  # half is not more than half
    assert warned(police_calls=4, calls_nothing=3) == {"calls_too_fast": SERIOUS}
    assert warned(police_calls=3, calls_nothing=2) == {"calls_too_fast": ATTENTION}
    assert warned(police_calls=1, calls_nothing=1) == {}  # a single call says too little
    (warning,) = checkin_warnings({**HEALTHY, "police_calls": 10, "calls_nothing": 6})
    assert warning.params == {"calls": 10, "nothing": 6, "percent": 60}
    assert "0900-8844" in warning.advice


def test_members_acting_themselves_and_suspecting_people_by_their_looks():
    assert warned(self_action="once") == {"self_action": ATTENTION}
    assert warned(self_action="several") == {"self_action": SERIOUS}
    assert warned(appearance_reports="once") == {"appearance": ATTENTION}
    assert warned(appearance_reports="several") == {"appearance": SERIOUS}


def test_keeping_track_of_neighbours_or_sharing_photos_is_excessive_social_control():
    assert warned(neighbour_tracking="sometimes") == {"social_control": ATTENTION}
    assert warned(photos_shared="sometimes") == {"social_control": ATTENTION}
    assert warned(photos_shared="often") == {"social_control": SERIOUS}
    assert warned(neighbour_tracking="sometimes", photos_shared="sometimes") == {"social_control": SERIOUS}


def test_tone_code_of_conduct_and_contact_with_the_wijkagent():
    assert warned(chat_tone="friendly") == {}
    assert warned(chat_tone="sometimes_hostile") == {"chat_tone": ATTENTION}
    assert warned(chat_tone="often_hostile") == {"chat_tone": SERIOUS}
    assert warned(code_followed="mostly") == {"code_not_followed": ATTENTION}
    assert warned(code_followed="unknown") == {"code_not_followed": ATTENTION}
    assert warned(code_followed="no") == {"code_not_followed": SERIOUS}
    assert warned(police_contact="once") == {}
    assert warned(police_contact="none") == {"no_police_contact": ATTENTION}


def test_a_troubled_group_gets_every_warning_most_serious_first():
    warnings = checkin_warnings(
        {
            "police_calls": 8,
            "calls_nothing": 7,
            "self_action": "several",
            "appearance_reports": "once",
            "neighbour_tracking": "often",
            "photos_shared": "never",
            "chat_tone": "sometimes_hostile",
            "code_followed": "no",
            "police_contact": "none",
        }
    )
    assert [w.code for w in warnings] == [
        "calls_too_fast",
        "self_action",
        "social_control",
        "code_not_followed",
        "appearance",
        "chat_tone",
        "no_police_contact",
    ]
    assert [w.level for w in warnings] == [SERIOUS] * 4 + [ATTENTION] * 3
    assert worst_level(warnings) == SERIOUS


@pytest.mark.parametrize(
    "changes",
    [
        {"police_calls": 1, "calls_nothing": 2},
        {"police_calls": -1},
        {"police_calls": "3"},
        {"chat_tone": "grim"},
        {"self_action": None},
    ],
)
def test_answers_that_do_not_fit_are_refused(changes):
    with pytest.raises(AnswerError):
        checkin_warnings({**HEALTHY, **changes})
