"""The check-in of a neighbourhood-watch group: the coordinator's answers and the warnings they
raise on the known risks of buurtpreventie (pure Python: no Django).

The risks come from the CCV survey of municipalities (Lub, 2019): police and municipality
overloaded by reports, members taking action themselves (eigenrichting), fellow residents
wrongly suspected (ethnic profiling), excessive social control, and a hostile tone in the chat.
The texts are English message ids marked with ``gettext_noop`` below, so ``makemessages``
collects them; pages translate them (Dutch by default) and fill in ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ATTENTION = "attention"
SERIOUS = "serious"
LEVEL_ORDER = {ATTENTION: 1, SERIOUS: 2}

# Choices of the questions, in the order the form shows them.
FREQUENCY = ("never", "once", "several")  # something that should not happen
HABIT = ("never", "sometimes", "often")  # something that may creep in
TONE = ("friendly", "mostly_friendly", "sometimes_hostile", "often_hostile")
CODE_FOLLOWED = ("yes", "mostly", "no", "unknown")
POLICE_CONTACT = ("regular", "once", "none")

FIELDS = (
    "police_calls",
    "calls_nothing",
    "self_action",
    "appearance_reports",
    "neighbour_tracking",
    "photos_shared",
    "chat_tone",
    "code_followed",
    "police_contact",
)

TOO_FAST_SHARE = 0.5  # more than half of the calls were nothing
TOO_FAST_MIN_CALLS = 2  # one call that was nothing says little


def gettext_noop(message: str) -> str:
    """Marks a message id for translation without translating (a keyword ``makemessages`` knows)."""
    return message


@dataclass(frozen=True)
class RiskWarning:
    code: str
    level: str  # ATTENTION or SERIOUS
    title: str
    explanation: str
    advice: str
    params: dict[str, Any] = field(default_factory=dict)


def _warning(code: str, level: str, **params: Any) -> RiskWarning:
    title, explanation, advice = TEXTS[code]
    return RiskWarning(code, level, title, explanation, advice, params)


TEXTS: dict[str, tuple[str, str, str]] = {
    "calls_too_fast": (
        gettext_noop("Calls the police too fast"),
        gettext_noop(
            "%(nothing)s of the %(calls)s calls to the police in this period turned out to be nothing "
            "(%(percent)s%%). Many calls for nothing overload the police and make residents suspects "
            "without reason."
        ),
        gettext_noop(
            "Discuss with the wijkagent when to call 112 (danger or a crime happening now) and when "
            "0900-8844 (no hurry), and what behaviour is really suspicious."
        ),
    ),
    "self_action": (
        gettext_noop("Members take action themselves"),
        gettext_noop(
            "Members confronted or followed people themselves. That can escalate and is not the "
            "task of a neighbourhood watch."
        ),
        gettext_noop(
            "Go over the agreements again: observe, call 112, share in the group, and leave the "
            "action to the police. Discuss what happened with the coordinator and the wijkagent."
        ),
    ),
    "appearance": (
        gettext_noop("People suspected because of how they look"),
        gettext_noop(
            "People were reported as suspicious because of their appearance. That is ethnic "
            "profiling: it wrongly suspects fellow residents and visitors."
        ),
        gettext_noop(
            "Behaviour can be suspicious, appearance never. Arrange a training on what is "
            "suspicious, and let the moderator remove such messages."
        ),
    ),
    "social_control": (
        gettext_noop("Too much social control"),
        gettext_noop(
            "Members keep track of their neighbours' comings and goings or share photos of people. "
            "The group then watches residents instead of situations, and their privacy suffers."
        ),
        gettext_noop(
            "Agree that the group reports situations, not people's habits, and that no photos of "
            "people are shared in the group."
        ),
    ),
    "chat_tone": (
        gettext_noop("Hostile tone in the chat"),
        gettext_noop("The tone in the group's chat is hostile %(how_often)s."),
        gettext_noop(
            "Give the group house rules and a moderator who speaks to members and removes "
            "messages; the municipality can help with a meeting."
        ),
    ),
    "code_not_followed": (
        gettext_noop("The code of conduct is not followed"),
        gettext_noop("The coordinator says the agreements of the code of conduct are %(how)s."),
        gettext_noop(
            "Go through the code of conduct with the members again, and with the municipality "
            "if it keeps happening."
        ),
    ),
    "no_police_contact": (
        gettext_noop("No contact with the wijkagent"),
        gettext_noop("The group had no contact with the wijkagent in this period."),
        gettext_noop(
            "Ask the wijkagent for a meeting: who the contact is, how the group hears back about "
            "its reports, and when to call 112."
        ),
    ),
}

WORDS = {
    "sometimes_hostile": gettext_noop("sometimes"),
    "often_hostile": gettext_noop("often"),
    "mostly": gettext_noop("mostly followed"),
    "no": gettext_noop("not followed"),
    "unknown": gettext_noop("not known to be followed"),
}


class AnswerError(ValueError):
    """The answers are incomplete or contradict each other (the form prevents this)."""


def _count(answers: Mapping[str, Any], name: str) -> int:
    value = answers.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise AnswerError(f"{name} must be a whole number of at least 0, not {value!r}")
    return value


def _choice(answers: Mapping[str, Any], name: str, choices: tuple[str, ...]) -> str:
    value = answers.get(name)
    if value not in choices:
        raise AnswerError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def checkin_warnings(answers: Mapping[str, Any]) -> list[RiskWarning]:
    """The warnings a coordinator's answers raise, most serious first; none for a healthy group."""
    calls = _count(answers, "police_calls")
    nothing = _count(answers, "calls_nothing")
    if nothing > calls:
        raise AnswerError("calls_nothing cannot exceed police_calls")
    found: list[RiskWarning] = []
    if calls >= TOO_FAST_MIN_CALLS and nothing / calls > TOO_FAST_SHARE:
        level = SERIOUS if nothing / calls >= 0.75 and calls >= 4 else ATTENTION
        percent = round(100 * nothing / calls)
        found.append(_warning("calls_too_fast", level, calls=calls, nothing=nothing, percent=percent))

    self_action = _choice(answers, "self_action", FREQUENCY)
    if self_action != "never":
        found.append(_warning("self_action", SERIOUS if self_action == "several" else ATTENTION))

    appearance = _choice(answers, "appearance_reports", FREQUENCY)
    if appearance != "never":
        found.append(_warning("appearance", SERIOUS if appearance == "several" else ATTENTION))

    tracking = _choice(answers, "neighbour_tracking", HABIT)
    photos = _choice(answers, "photos_shared", HABIT)
    if tracking != "never" or photos != "never":
        serious = "often" in (tracking, photos) or (tracking != "never" and photos != "never")
        found.append(_warning("social_control", SERIOUS if serious else ATTENTION))

    tone = _choice(answers, "chat_tone", TONE)
    if tone in ("sometimes_hostile", "often_hostile"):
        level = SERIOUS if tone == "often_hostile" else ATTENTION
        found.append(_warning("chat_tone", level, how_often=WORDS[tone]))

    code = _choice(answers, "code_followed", CODE_FOLLOWED)
    if code != "yes":
        found.append(_warning("code_not_followed", SERIOUS if code == "no" else ATTENTION, how=WORDS[code]))

    if _choice(answers, "police_contact", POLICE_CONTACT) == "none":
        found.append(_warning("no_police_contact", ATTENTION))

    return sorted(found, key=lambda w: -LEVEL_ORDER[w.level])


def worst_level(warnings: list[RiskWarning]) -> str | None:
    return max((w.level for w in warnings), key=LEVEL_ORDER.__getitem__, default=None)
