"""Who a distribution reaches: the whole active panel, chosen wijken and buurten, traits, and
optionally a random sample of a fixed size per buurt.

A target is a small JSON object stored on the distribution::

    {"areas": [wijk or buurt ids], "traits": {"age_group": ["25_45"], ...},
     "sample_per_buurt": 50, "seed": 912873}

or only the members named by key, ``{"members": ["<key>", ...]}`` (the attendees of a meeting).

The seed is drawn once when the distribution is created and stored, so the sample can be
drawn again and checked: the same seed over the same panel gives the same members.
"""

import random
import secrets
import uuid
from collections import defaultdict

from django.utils.translation import gettext as _

from buurtpeil.areas.selectors import wijken_with_buurten
from buurtpeil.panel.selectors import TARGET_TRAITS, members_targeted

SEED_MAX = 2**31 - 1


class TargetError(ValueError):
    pass


def target_clean(organisation, target: dict) -> dict:
    """The target in its stored form, with a seed when it samples; raises ``TargetError``."""
    if not isinstance(target, dict):
        raise TargetError(_("The target must be an object."))
    unknown = set(target) - {"areas", "traits", "sample_per_buurt", "seed", "members"}
    if unknown:
        raise TargetError(_("Unknown target keys: %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    known_areas = set()
    for wijk in wijken_with_buurten(organisation):
        known_areas.add(wijk.pk)
        known_areas.update(buurt.pk for buurt in wijk.buurten)
    areas = sorted({int(area) for area in target.get("areas") or ()})
    if set(areas) - known_areas:
        raise TargetError(_("The target names areas that are not this organisation's wijken or buurten."))
    traits = {}
    for trait, values in (target.get("traits") or {}).items():
        if trait not in TARGET_TRAITS:
            raise TargetError(_("Unknown trait %(trait)r.") % {"trait": trait})
        if values:
            traits[trait] = sorted({str(value) for value in values})
    cleaned: dict = {"areas": areas, "traits": traits}
    if target.get("members"):  # only these members (a meeting's attendees), by key
        try:
            cleaned["members"] = sorted({str(uuid.UUID(str(key))) for key in target["members"]})
        except ValueError:
            raise TargetError(_("The target names members that do not exist.")) from None
    size = target.get("sample_per_buurt")
    if size not in (None, "", 0):
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise TargetError(_("The sample size per buurt must be a whole number of at least 1."))
        seed = target.get("seed")
        cleaned["sample_per_buurt"] = size
        cleaned["seed"] = int(seed) if seed is not None else secrets.randbelow(SEED_MAX)
    return cleaned


def target_members(organisation, target: dict, *, kind: str) -> list[tuple[uuid.UUID, str]]:
    """``(member key, buurt code)`` of every member of the panel type ``kind`` (the poll's
    audience) the target reaches, in a fixed order."""
    members = members_targeted(
        organisation, kind=kind, area_ids=target.get("areas") or (), traits=target.get("traits")
    )
    if target.get("members"):
        chosen = set(target["members"])
        members = [member for member in members if str(member[0]) in chosen]
    size = target.get("sample_per_buurt")
    if not size:
        return members
    return sample_per_buurt(members, size=size, seed=target["seed"])


def sample_per_buurt(members: list[tuple[uuid.UUID, str]], *, size: int, seed: int) -> list:
    """``size`` members drawn at random from each buurt (all of a smaller buurt). Members without
    a buurt form a group of their own. Deterministic for a given seed and member list."""
    by_buurt: dict[str, list] = defaultdict(list)
    for member in sorted(members):
        by_buurt[member[1]].append(member)
    rng = random.Random(seed)  # a survey sample, not a secret
    chosen = []
    for code in sorted(by_buurt):
        group = by_buurt[code]
        chosen.extend(group if len(group) <= size else rng.sample(group, size))
    return chosen
