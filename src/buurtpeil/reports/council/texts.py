"""Words the report shares with the stored-results helpers of ``insights`` (maps, Tafel van 12),
in the language that is active while the report is made."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from buurtpeil.insights.figures import printed


def number(value: float | None, percent: bool, language: str | None = None) -> str:
    """A figure as printed in the report: "34%" or "7.2" (a decimal comma in Dutch)."""
    text = printed(value, percent)
    return text.replace(".", ",") if (language or get_language()) == "nl" else text


def decimal(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if get_language() == "nl" else text


def interval(figure: Mapping[str, Any], percent: bool, language: str | None = None) -> str:
    """The estimate and its 95% interval, "34% (30-38%)" with an en dash; "" for a hidden figure."""
    if figure.get("e") is None:
        return ""
    low, high = number(figure["l"], percent, language), number(figure["h"], percent, language)
    if percent:
        low = low.removesuffix("%")
    return f"{number(figure['e'], percent, language)} ({low}\u2013{high})"


def reason_text(reason: Mapping[str, Any], shown: bool) -> str:
    """Why a Tafel van 12 factor is suggested. The lag is named only when the wijk's score on
    the factor is shown."""
    named = shown and reason.get("lag") is not None and abs(reason["lag"]) >= 0.05  # not "0.0 behind"
    lag = number(reason["lag"], False) if named else ""
    if reason["rule"] == "significant_lag" and lag:
        text = _("Scores significantly worse than the municipality (%(lag)s points behind on a 0-10 scale).")
    elif reason["rule"] == "significant_lag":
        text = _("Scores significantly worse than the municipality.")
    elif reason["rule"] == "lag" and lag:
        text = _("Scores worse than the municipality (%(lag)s points behind), though not significantly.")
    elif reason["rule"] == "lag":
        text = _("Scores worse than the municipality, though not significantly.")
    else:
        text = _("Does not lag behind, but this factor weighs most on feeling unsafe in the municipality.")
    if reason.get("indicative"):
        text += " " + _("The score is indicative: few respondents.")
    return text % {"lag": lag} if lag else text
