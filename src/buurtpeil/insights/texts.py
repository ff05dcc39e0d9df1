"""Texts of the results pages that other apps show too (in the user's language)."""

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
