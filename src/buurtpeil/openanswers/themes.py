"""The themes open answers are sorted into, each with the Tafel van 12 factor it usually
belongs to (DOMAIN.md §2.2). An answer's own factor is sorted apart and may differ: "more
light on the path" is design of the environment (7), "I reported the broken lamp three times"
is the quality of the approach (9)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from buurtpeil.polls.indicators import FACTORS

# code: (label, usual factor)
THEMES = {
    "lighting": (_("Lighting"), 7),
    "youth": (_("Youths hanging around"), 1),
    "drugs": (_("Drugs and dealing"), 1),
    "burglary": (_("Burglary"), 1),
    "traffic": (_("Traffic and speeding"), 1),
    "litter": (_("Litter and neglect"), 2),
    "neighbours": (_("Nuisance from neighbours"), 3),
    "police": (_("Police and supervision"), 8),
    "cohesion": (_("Contact between neighbours"), 5),
    "municipality": (_("Municipality: approach and reports"), 11),
    "theft": (_("Theft, bicycle theft included"), 1),
    "intimidation": (_("Intimidation in the street"), 1),
    "positive": (_("Positive: feels safe"), 5),
    "other": (pgettext_lazy("theme", "Other"), 4),
}
THEME_CHOICES = [(code, label) for code, (label, _factor) in THEMES.items()]
FACTOR_NUMBERS = tuple(FACTORS)


def theme_label(code: str) -> str:
    return str(THEMES[code][0]) if code in THEMES else code
