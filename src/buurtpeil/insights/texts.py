"""Texts of the results pages that other apps show too (in the user's language): the words of
the maps and the Tafel van 12 profile (``insights.maps``, ``insights.area_page``), and why a
factor is suggested."""

from django.utils.translation import gettext as _


def reason_text(reason) -> str:
    """Why a Tafel van 12 factor is suggested as a priority, from its stored reason."""
    lag = f"{reason['lag']:.1f}" if reason.get("lag") is not None else ""
    if reason["rule"] == "significant_lag":
        text = _("Scores significantly worse than the municipality (%(lag)s points behind on a 0-10 scale).")
    elif reason["rule"] == "lag":
        text = _("Scores worse than the municipality (%(lag)s points behind), though not significantly.")
    else:
        text = _("Does not lag behind, but this factor weighs most on feeling unsafe in the municipality.")
    if reason.get("indicative"):
        text += " " + _("The score is indicative: few respondents.")
    return text % {"lag": lag}


def map_words() -> dict[str, str]:
    return {
        "suppressed": _("too few respondents (or none)"),
        "no_answers": _("no respondents"),
        "to": _("to"),
        "indicative": _("indicative"),
        "model": _("model estimate (too few respondents for a figure of its own)"),
    }


def tafel_words() -> dict[str, str]:
    return {
        "suppressed": _("too few respondents"),
        "priority": _("priority"),
        "title": _("Score per factor (0-10, higher is better); the municipality as a tick"),
        "axis": _("Score (0-10)"),
    }
