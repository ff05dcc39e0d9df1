"""The indicators the module library measures, in one machine-readable registry.

Analysis computes every indicator from this one definition; nothing about scales, reversal or
counted answers is repeated elsewhere. An entry::

    "buurt_unsafe_often": {
        "label": {"nl": ..., "en": ...},
        "kind": "proportion",      # proportion | mean | scale | open
        "factor": None,            # Tafel van 12 factor 1..12, None for the outcome (perceived safety)
        "scale": "frequency3",     # the answer scale (see ``scales``), None for marks and free text
        "parts": [{"question": "buurt_unsafe"}],   # library question codes, with "item" for a grid
        "values": ["often"],       # proportion: a respondent counts when ANY part has one of these
        "exclude": ["dk"],         # answers left out of the denominator (don't know / no opinion)
        "of": None,                # proportion: only respondents who answered this question count
    }

- ``proportion``: weighted share of respondents who answered (a part, not excluded) with a
  counted value; with ``of`` the denominator is everyone who answered that question (so "often
  unsafe" is a share of all respondents, not only of those who ever feel unsafe).
- ``mean``: weighted mean of a number or report mark (one part).
- ``scale``: per respondent, the mean of the parts' scores (``scales.scale_score``, reversed
  where ``reverse``) rescaled to 0-10, when at least ``min_parts`` parts are answered; then the
  weighted mean.
- ``open``: free text, coded into themes later; no number.

Every library question carries ``"indicator": <its own library code>``, and that code is an
entry here whose first part is the question. A copy renamed on a clash keeps its tag, so
``library_codes(definition)`` still finds it.
"""

from __future__ import annotations

from typing import Any

from buurtpeil.polls import library
from buurtpeil.polls.definition import DONT_KNOW, questions

__all__ = [
    "FACTORS",
    "FACTOR_INDICATORS",
    "INDICATORS",
    "OUTCOME_INDICATOR",
    "UNFAVOURABLE",
    "factor_label",
    "higher_is_better",
    "indicator_is_share",
    "indicator_label",
    "library_codes",
]

# Tafel van 12 (CCV), DOMAIN.md §2.2: Dutch label as used by CCV (or derived), English label.
FACTORS: dict[int, dict[str, str]] = {
    1: {"nl": "Signaalcriminaliteit en -overlast", "en": "Signal crimes and signal disorder"},
    2: {"nl": "Verloedering", "en": "Physical decay and neglect"},
    3: {"nl": "Onbekende anderen", "en": "Unfamiliar others"},
    4: {"nl": "Het gesprek", "en": "The conversation about safety"},
    5: {
        "nl": "Sociale verbondenheid en collectieve zelfredzaamheid",
        "en": "Social connectedness and collective efficacy",
    },
    6: {"nl": "Invloed en perspectief", "en": "Influence and perspective"},
    7: {"nl": "Inrichting van de (gebouwde) omgeving", "en": "Design of the built environment"},
    8: {"nl": "Vertrouwenwekkend toezicht", "en": "Trust-inspiring supervision"},
    9: {"nl": "Kwaliteit van de aanpak", "en": "Quality of the approach"},
    10: {"nl": "Nazorg", "en": "Aftercare"},
    11: {"nl": "Responsiviteit en passend leiderschap", "en": "Responsiveness and fitting leadership"},
    12: {"nl": "Communicatie (framing)", "en": "Communication and framing"},
}

AGREE = ["4", "5"]  # (completely) agree, satisfied, likely, large, often-or-always


def factor_label(factor: int | None, language: str = "nl") -> str:
    if factor not in FACTORS:
        return ""
    return FACTORS[factor].get(language) or FACTORS[factor]["nl"]


def _library_questions() -> dict[str, dict[str, Any]]:
    return {question["code"]: question for entry in library.modules() for question in questions(entry)}


def _entry(nl, en, kind, parts, *, values=None, of=None, scale=None, factor=None, min_parts=None):
    entry: dict[str, Any] = {
        "label": {"nl": nl, "en": en},
        "kind": kind,
        "factor": factor,
        "scale": scale,
        "parts": parts,
        "values": list(values or []),
        "exclude": [DONT_KNOW] if kind in ("proportion", "scale") else [],
        "of": of,
    }
    if min_parts is not None:
        entry["min_parts"] = min_parts
    return entry


# (question code, kind, counted values, nl label, en label[, denominator question])
# fmt: off
_PRIMARY: list[tuple] = [
    ("unsafe_ever", "proportion", ["yes"], "Voelt zich weleens onveilig", "Ever feels unsafe"),
    ("unsafe_often", "proportion", ["often"], "Voelt zich vaak onveilig",
     "Often feels unsafe", "unsafe_ever"),
    ("buurt_unsafe", "proportion", ["often", "sometimes"], "Voelt zich weleens onveilig in de buurt",
     "Ever feels unsafe in own neighbourhood"),
    ("crime_much", "proportion", ["yes"], "Vindt dat er veel criminaliteit in de buurt is",
     "Thinks there is much crime in the neighbourhood"),
    ("crime_trend", "proportion", ["more"], "Vindt dat de criminaliteit is toegenomen",
     "Thinks crime went up"),
    ("unsafe_situations", "proportion", ["often"], "Voelt zich vaak onveilig op minstens één moment",
     "Often feels unsafe at one moment or more"),
    ("avoidance", "proportion", ["often"], "Mijdt vaak minstens één situatie",
     "Often avoids one situation or more"),
    ("risk", "proportion", AGREE, "Schat de kans op minstens één delict (zeer) groot",
     "Thinks the chance of one crime or more is (very) large"),
    ("mark_liveability", "mean", [], "Rapportcijfer leefbaarheid buurt", "Report mark for liveability"),
    ("mark_safety", "mean", [], "Rapportcijfer veiligheid buurt", "Report mark for safety"),
    ("buurt_trend", "proportion", ["improved"], "Vindt dat de buurt vooruit is gegaan",
     "Thinks the neighbourhood got better"),
    ("nuisance_physical", "proportion", ["a_lot"], "Veel last van fysieke verloedering (minstens één)",
     "A lot of nuisance from physical decay (one item or more)"),
    ("nuisance_social", "proportion", ["a_lot"], "Veel last van sociale overlast (minstens één)",
     "A lot of social nuisance (one item or more)"),
    ("nuisance_traffic", "proportion", ["a_lot"], "Veel last van verkeersoverlast (minstens één)",
     "A lot of traffic nuisance (one item or more)"),
    ("nuisance_bars", "proportion", ["a_lot"], "Veel last van horeca", "A lot of nuisance from bars"),
    ("amenities", "proportion", AGREE, "(Zeer) tevreden over minstens één voorziening",
     "(Very) satisfied with one amenity or more"),
    ("layout_overview", "proportion", AGREE, "Vindt de buurt overzichtelijk",
     "Finds the neighbourhood easy to overlook"),
    ("layout_dark_spots", "proportion", AGREE, "Vindt dat er donkere plekken zijn",
     "Finds there are dark spots"),
    ("unsafe_spot", "open", [], "Plekken die onveilig voelen (kaart)", "Spots that feel unsafe (map)"),
    ("unsafe_spot_why", "open", [], "Waarom een plek onveilig voelt", "Why a spot feels unsafe"),
    ("lifestyle_clash", "proportion", AGREE, "Ervaart botsende leefstijlen",
     "Experiences clashing lifestyles"),
    ("strangers_uneasy", "proportion", AGREE, "Onrustig door onbekenden", "Uneasy about unfamiliar people"),
    ("neighbours_known", "proportion", ["many"], "Kent veel mensen in de straat",
     "Knows many people in the street"),
    ("cohesion_know", "proportion", AGREE, "Mensen kennen elkaar nauwelijks",
     "People hardly know each other"),
    ("cohesion_pleasant", "proportion", AGREE, "Mensen gaan prettig met elkaar om", "People get on well"),
    ("cohesion_help", "proportion", AGREE, "Gezellige buurt waar men elkaar helpt",
     "Friendly, helpful neighbourhood"),
    ("cohesion_home", "proportion", AGREE, "Voelt zich thuis bij de buurtbewoners",
     "Feels at home with the neighbours"),
    ("collective_efficacy", "proportion", AGREE, "Verwacht dat buren ingrijpen (minstens één situatie)",
     "Expects neighbours to act (one situation or more)"),
    ("influence_can", "proportion", AGREE, "Kan invloed hebben op de buurt",
     "Can influence the neighbourhood"),
    ("influence_heard", "proportion", AGREE, "Wordt gehoord bij een melding",
     "Is listened to when reporting"),
    ("buurt_outlook", "proportion", ["improved"], "Verwacht dat de buurt beter wordt",
     "Expects the neighbourhood to get better"),
    ("prevention", "proportion", AGREE, "Neemt vaak of altijd minstens één voorzorg",
     "Often or always takes one precaution or more"),
    ("buurtpreventie", "proportion", ["app_group", "walking_team", "association"],
     "Doet mee aan buurtpreventie", "Takes part in neighbourhood watch"),
    ("buurtpreventie_effect", "proportion", AGREE, "Voelt zich veiliger door buurtpreventie",
     "Feels safer thanks to neighbourhood watch"),
    ("police_visible", "proportion", ["often"], "Ziet vaak politie of handhavers",
     "Often sees police or boa's"),
    ("supervision_trust", "proportion", AGREE, "Vertrouwt politie en handhavers", "Trusts police and boa's"),
    ("police_satisfied", "proportion", AGREE, "(Zeer) tevreden over de politie in de buurt",
     "(Very) satisfied with the police in the neighbourhood"),
    ("municipality_satisfied", "proportion", AGREE, "(Zeer) tevreden over de aanpak van de gemeente",
     "(Very) satisfied with the municipality's approach"),
    ("approach_serious", "proportion", AGREE, "Gemeente neemt problemen serieus",
     "Municipality takes problems seriously"),
    ("approach_works", "proportion", AGREE, "Aanpak van onveiligheid helpt", "Tackling unsafety works"),
    ("reports_acted", "proportion", AGREE, "Gemeente doet iets met meldingen",
     "Municipality acts on reports"),
    ("reports_feedback", "proportion", AGREE, "Gemeente koppelt meldingen terug",
     "Municipality gives feedback on reports"),
    ("safety_talk", "proportion", ["often"], "Praat of leest vaak over veiligheid",
     "Often talks or reads about safety"),
    ("communication_reassures", "proportion", AGREE, "Berichten van de gemeente stellen gerust",
     "Municipal messages reassure"),
    ("communication_worries", "proportion", AGREE, "Berichten van de gemeente maken ongerust",
     "Municipal messages worry"),
    ("incident", "proportion", ["yes"], "Ernstig voorval in de buurt",
     "Serious incident in the neighbourhood"),
    ("aftercare", "proportion", AGREE, "Tevreden over de nazorg (minstens één punt)",
     "Satisfied with aftercare (one point or more)"),
    ("victim", "proportion", ["yes"], "Slachtoffer van minstens één delict", "Victim of one crime or more"),
    ("victim_types", "proportion", ["burglary"], "Slachtoffer van inbraak", "Victim of burglary", "victim"),
    ("victim_reported", "proportion", ["yes", "partly"], "Heeft het delict gemeld", "Reported the crime"),
    ("victim_not_reported_why", "proportion", ["no_use"], "Meldt niet omdat het geen zin heeft",
     "Did not report because it is no use"),
    ("open_unsafe", "open", [], "Wat veilig of onveilig doet voelen",
     "What makes people feel safe or unsafe"),
    ("open_change", "open", [], "Wat eerst moet veranderen", "What should change first"),
    ("prof_trend", "proportion", ["improved"], "Ziet de veiligheid verbeteren", "Sees safety improving"),
    ("prof_seen_open", "open", [], "Wat professionals zien", "What professionals see"),
    ("prof_contact", "proportion", ["often"], "Spreekt bewoners vaak over veiligheid",
     "Often talks with residents about safety"),
    ("prof_residents_report", "proportion", AGREE, "Bewoners vertellen wat zij zien",
     "Residents tell what they see"),
    ("prof_cooperation_residents", "proportion", AGREE, "Samenwerking met bewoners werkt goed",
     "Working with residents goes well"),
    ("prof_cooperation_partners", "proportion", AGREE, "Samenwerking met andere organisaties werkt goed",
     "Working with other organisations goes well"),
    ("prof_help_open", "open", [], "Wat het werk met bewoners beter maakt",
     "What would make work with residents better"),
    ("meeting_useful", "proportion", AGREE, "Vond de bijeenkomst de moeite waard",
     "Found the meeting worth it"),
    ("meeting_heard", "proportion", AGREE, "Vindt dat er naar bewoners is geluisterd",
     "Feels residents were listened to"),
    ("meeting_trust", "proportion", AGREE, "Vertrouwt dat de afspraken worden nagekomen",
     "Trusts the agreements will be kept"),
    ("meeting_better", "open", [], "Wat de volgende keer beter kan", "What could be better next time"),
]

# Scales on 0-10 over several parts: (code, nl, en, parts as (question, item, reverse)).
_SCALES: list[tuple] = [
    (
        "cohesion_scale",
        "Schaalscore sociale samenhang",
        "Social cohesion scale score",
        [
            ("cohesion_know", None, True),
            ("cohesion_pleasant", None, False),
            ("cohesion_help", None, False),
            ("cohesion_home", None, False),
        ],
    ),
    (
        "amenities_scale",
        "Schaalscore fysieke voorzieningen",
        "Physical amenities scale score",
        [("amenities", item, False) for item in ("pavements", "green", "lighting", "play", "youth")],
    ),
    (
        "approach_scale",
        "Schaalscore aanpak en responsiviteit",
        "Approach and responsiveness scale score",
        [
            (code, None, False)
            for code in ("approach_serious", "approach_works", "reports_acted", "reports_feedback")
        ],
    ),
]
# fmt: on


def _build() -> dict[str, dict[str, Any]]:
    found = _library_questions()
    registry: dict[str, dict[str, Any]] = {}
    for code, kind, values, nl, en, *rest in _PRIMARY:
        question = found[code]
        parts = (
            [{"question": code, "item": item["code"]} for item in question["items"]]
            if question["type"] == "grid"
            else [{"question": code}]
        )
        registry[code] = _entry(
            nl,
            en,
            kind,
            parts,
            values=values,
            of=rest[0] if rest else None,
            scale=question.get("scale"),
            factor=question.get("factor"),
        )
        # Per grid item: the share with a counted value on that one item.
        for item in question.get("items", ()):
            registry[f"{code}_{item['code']}"] = _entry(
                f"{nl.split(' (')[0]}: {item['text']['nl']}",
                f"{en.split(' (')[0]}: {item['text']['en']}",
                kind,
                [{"question": code, "item": item["code"]}],
                values=values,
                scale=question.get("scale"),
                factor=question.get("factor"),
            )
    registry["buurt_unsafe_often"] = _entry(  # the VM's second cut of the same question
        "Voelt zich vaak onveilig in de buurt",
        "Often feels unsafe in own neighbourhood",
        "proportion",
        [{"question": "buurt_unsafe"}],
        values=["often"],
        scale="frequency3",
    )
    for code in ("mark_liveability", "mark_safety"):
        registry[f"{code}_low"] = _entry(
            f"{registry[code]['label']['nl']}: onvoldoende (lager dan 6)",
            f"{registry[code]['label']['en']}: below 6",
            "proportion",
            [{"question": code}],
            values=[1, 2, 3, 4, 5],
        )
    for code, nl, en, parts in _SCALES:
        first = found[parts[0][0]]
        registry[code] = _entry(
            nl,
            en,
            "scale",
            [
                {"question": q, **({"item": i} if i else {}), **({"reverse": True} if r else {})}
                for q, i, r in parts
            ],
            scale=first.get("scale"),
            factor=first.get("factor"),
            min_parts=len(parts) - 1,
        )
    return registry


INDICATORS: dict[str, dict[str, Any]] = _build()


def library_codes(definition: dict[str, Any]) -> dict[str, str]:
    """{library question code: the question's code in this poll}, found by the indicator tag."""
    return {
        question["indicator"]: question["code"]
        for question in questions(definition)
        if question.get("indicator") in INDICATORS
    }


# Indicators where a higher value is worse for the area (more nuisance, more worry, ...).
UNFAVOURABLE = frozenset(
    {
        "unsafe_ever", "unsafe_often", "buurt_unsafe", "buurt_unsafe_often", "crime_much", "crime_trend",
        "unsafe_situations", "avoidance", "risk", "mark_liveability_low", "mark_safety_low",
        "nuisance_physical", "nuisance_social", "nuisance_traffic", "nuisance_bars", "layout_dark_spots",
        "lifestyle_clash", "strangers_uneasy", "cohesion_know", "safety_talk", "communication_worries",
        "incident", "victim", "victim_types", "victim_not_reported_why",
    }
)  # fmt: skip
# Behaviour and events, not judgements of the neighbourhood: left out of the factor scores.
_NOT_SCORED = frozenset({"victim_types", "victim_reported", "prevention", "buurtpreventie", "incident"})
# Per Tafel van 12 factor, the primary indicators whose mean (oriented so that 10 is good) is a
# respondent's score on that factor.
FACTOR_INDICATORS: dict[int, list[str]] = {
    factor: [
        row[0]
        for row in _PRIMARY
        if INDICATORS[row[0]]["factor"] == factor
        and INDICATORS[row[0]]["kind"] != "open"
        and row[0] not in _NOT_SCORED
    ]
    for factor in FACTORS
}
# The overall safety feeling the Tafel van 12 profile relates the factors to.
OUTCOME_INDICATOR = "buurt_unsafe"


def higher_is_better(code: str) -> bool:
    return code not in UNFAVOURABLE


def indicator_label(code: str, language: str = "nl") -> str:
    labels = INDICATORS[code]["label"] if code in INDICATORS else {}
    return labels.get(language) or labels.get("nl") or code


def indicator_is_share(code: str) -> bool:
    return code in INDICATORS and INDICATORS[code]["kind"] == "proportion"
