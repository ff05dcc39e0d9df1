"""The kinds of safety concern a resident can report, each tied to one Tafel van 12 factor.

The list is fixed (not per organisation) so that counts compare between municipalities and
over the years, and so that a signal lands next to the poll results of the same factor.
"""

from django.utils.translation import gettext_lazy as _

# code: (label, Tafel van 12 factor; see polls.indicators.FACTORS)
CATEGORIES: dict[str, tuple[str, int]] = {
    "drugs": (_("Drug dealing or drug use"), 1),
    "nuisance": (_("Noise or nuisance from people"), 1),
    "vandalism": (_("Vandalism or graffiti"), 1),
    "litter": (_("Litter, dumped waste or decay"), 2),
    "loitering": (_("Groups hanging around"), 3),
    "dark_spot": (_("A dark or hidden spot"), 7),
    "traffic": (_("Dangerous traffic situation"), 7),
    "no_supervision": (_("No supervision or police when needed"), 8),
    "other": (_("Something else that feels unsafe"), 1),
}
CATEGORY_CHOICES = [(code, label) for code, (label, _factor) in CATEGORIES.items()]


def category_factor(code: str) -> int | None:
    entry = CATEGORIES.get(code)
    return entry[1] if entry else None


def category_label(code: str) -> str:
    entry = CATEGORIES.get(code)
    return str(entry[0]) if entry else code
