"""A synthetic resident panel for the demo municipality.

Members are spread over the buurten in proportion to their adult population (largest
remainder), and skewed in age the way real panels are: older residents join more often.
Nothing here is a real person; every member is stored with source "synthetic".
"""

import random
from dataclasses import dataclass

AGE_GROUPS = ["15_25", "25_45", "45_65", "65_plus"]
# Relative propensity to join a panel by age group (older residents are over-represented).
AGE_PROPENSITY = {"15_25": 0.45, "25_45": 0.8, "45_65": 1.3, "65_plus": 1.7}
HOUSEHOLDS = [
    ("single", 0.38),
    ("couple", 0.27),
    ("couple_children", 0.24),
    ("single_parent", 0.07),
    ("other", 0.04),
]
MIGRATION = [("none", 0.45), ("second_generation", 0.2), ("first_generation", 0.25), ("", 0.10)]


@dataclass(frozen=True)
class BuurtPopulation:
    code: str
    age: dict[str, int]  # adult age groups -> count
    sex: dict[str, int]  # "male"/"female" -> count

    @property
    def adults(self) -> int:
        return sum(self.age.get(group, 0) for group in AGE_GROUPS)


@dataclass(frozen=True)
class SyntheticMember:
    buurt_code: str
    age_group: str
    sex: str
    household: str
    migration_background: str


def allocate(populations: list[BuurtPopulation], size: int) -> dict[str, int]:
    """Members per buurt in proportion to adult population (largest-remainder rounding)."""
    total = sum(p.adults for p in populations)
    if total == 0:
        raise ValueError("The buurten have no adult population to spread a panel over.")
    quotas = {p.code: size * p.adults / total for p in populations}
    counts = {code: int(quota) for code, quota in quotas.items()}
    remainder = size - sum(counts.values())
    for code in sorted(quotas, key=lambda c: quotas[c] - counts[c], reverse=True)[:remainder]:
        counts[code] += 1
    return counts


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def synthetic_panel(populations: list[BuurtPopulation], size: int, seed: int = 518) -> list[SyntheticMember]:
    rng = random.Random(seed)
    members = []
    counts = allocate(populations, size)
    for population in populations:
        age_weights = [(g, population.age.get(g, 0) * AGE_PROPENSITY[g]) for g in AGE_GROUPS]
        sex_weights = [(s, population.sex.get(s, 0) or 1) for s in ("female", "male")]
        for _ in range(counts[population.code]):
            members.append(
                SyntheticMember(
                    buurt_code=population.code,
                    age_group=_pick(rng, age_weights),
                    sex=_pick(rng, sex_weights),
                    household=_pick(rng, HOUSEHOLDS),
                    migration_background=_pick(rng, MIGRATION),
                )
            )
    return members


OPEN_TEXTS = [
    "Slecht verlichte steegjes achter de flats, daar loop ik 's avonds liever niet.",
    "Hangjongeren bij het winkelcentrum, ze roepen dingen naar voorbijgangers.",
    "Er wordt hard gereden in onze straat, ook door scooters.",
    "Veel zwerfafval en volle containers, het ziet er verwaarloosd uit.",
    "Ik voel me veilig, de buren letten op elkaar.",
    "Meer politie op straat zou helpen, je ziet ze bijna nooit.",
    "Er wordt gedeald bij het park, iedereen weet het maar er gebeurt niks.",
    "Inbraken in de schuurtjes, al drie keer dit jaar.",
    "De gemeente doet niets met meldingen, dat is frustrerend.",
    "Fietsen worden gestolen bij het station.",
]


def synthetic_answers(definition: dict, buurt_effect: float, rng: random.Random) -> dict:
    """Made-up answers to every visible question of ``definition``: ordered choices lean to the
    unsafe end when ``buurt_effect`` (about -1..1) is high, so areas differ."""
    from buurtpeil.polls.definition import choice_values, question_visible, questions

    lean = buurt_effect + rng.gauss(0, 0.8)
    answers: dict = {}

    def ordered(values: list[str]) -> str:
        real = [v for v in values if v != "dk"]
        if values != real and rng.random() < 0.04:
            return "dk"
        position = min(max(0.5 + 0.28 * lean + rng.gauss(0, 0.25), 0.0), 0.999)
        return real[int(position * len(real))]

    for question in questions(definition):
        if not question_visible(question, answers) or (rng.random() < 0.03 and not question.get("required")):
            continue
        kind, values = question["type"], choice_values(question)
        if kind in ("single", "likert"):
            answers[question["code"]] = ordered(values)
        elif kind == "grid":
            answers[question["code"]] = {item["code"]: ordered(values) for item in question.get("items", ())}
        elif kind == "multiple":
            answers[question["code"]] = [v for v in values if rng.random() < 0.25] or values[:1]
        elif kind == "mark":
            answers[question["code"]] = min(10, max(1, round(7.2 - 1.2 * lean + rng.gauss(0, 1))))
        elif kind == "number":
            low, high = question.get("min", 0), question.get("max", 10)
            answers[question["code"]] = rng.randint(int(low), int(min(high, low + 20)))
        elif kind == "text" and rng.random() < 0.3:
            answers[question["code"]] = rng.choice(OPEN_TEXTS)
    return answers
