"""Modules that measure perceived safety itself: the outcome the Tafel van 12 factors explain.

Own wording (B1 Dutch); constructs and scales after the Veiligheidsmonitor (DOMAIN.md §4.4).
"""

from buurtpeil.polls.library._build import group, item, module, question

SAFETY_GENERAL = module(
    "safety_general",
    ("Veiligheidsgevoel in het algemeen", "Feeling safe in general"),
    (
        "Voelt iemand zich weleens onveilig, waar dan ook, en hoe vaak.",
        "Whether people ever feel unsafe, anywhere, and how often.",
    ),
    group(
        "g_safety_general",
        "Veilig voelen",
        "Feeling safe",
        question(
            "unsafe_ever",
            "single",
            "Voelt u zich weleens onveilig? Het gaat om alle plekken, niet alleen uw buurt.",
            "Do you ever feel unsafe? This is about any place, not only your neighbourhood.",
            scale="yes_no",
            required=True,
        ),
        question(
            "unsafe_often",
            "single",
            "Hoe vaak voelt u zich onveilig?",
            "How often do you feel unsafe?",
            scale="frequency3",
            required=True,
            condition={"question": "unsafe_ever", "op": "eq", "value": "yes"},
        ),
    ),
)

SAFETY_BUURT = module(
    "safety_buurt",
    ("Veiligheidsgevoel in de eigen buurt", "Feeling safe in your own neighbourhood"),
    (
        "Hoe vaak iemand zich onveilig voelt in de eigen buurt, en wat men van de criminaliteit daar vindt.",
        "How often people feel unsafe in their own neighbourhood, and what they think of crime there.",
    ),
    group(
        "g_safety_buurt",
        "Uw buurt",
        "Your neighbourhood",
        question(
            "buurt_unsafe",
            "single",
            "Hoe vaak voelt u zich onveilig in uw eigen buurt?",
            "How often do you feel unsafe in your own neighbourhood?",
            help=(
                "Met uw buurt bedoelen we de straten rond uw huis.",
                "By your neighbourhood we mean the streets around your home.",
            ),
            scale="frequency3",
            required=True,
        ),
        question(
            "crime_much",
            "single",
            "Is er volgens u veel criminaliteit in uw buurt?",
            "Do you think there is a lot of crime in your neighbourhood?",
            scale="yes_no",
        ),
        question(
            "crime_trend",
            "single",
            "Is de criminaliteit in uw buurt het afgelopen jaar meer of minder geworden?",
            "Has crime in your neighbourhood gone up or down over the past year?",
            scale="change3",
        ),
    ),
)

UNSAFE_SITUATIONS = module(
    "unsafe_situations",
    ("Onveilige situaties en vermijden", "Unsafe situations and avoidance"),
    (
        "Momenten waarop mensen zich onveilig voelen, en wat zij daarom laten of anders doen.",
        "Moments when people feel unsafe, and what they avoid or do differently because of it.",
    ),
    group(
        "g_unsafe_situations",
        "Onveilige momenten",
        "Unsafe moments",
        question(
            "unsafe_situations",
            "grid",
            "Hoe vaak voelt u zich onveilig op deze momenten?",
            "How often do you feel unsafe at these moments?",
            scale="frequency3",
            items=[
                item(
                    "street_evening",
                    "'s Avonds op straat in uw buurt",
                    "In the street in your neighbourhood in the evening",
                ),
                item("home_alone", "'s Avonds alleen thuis", "Alone at home in the evening"),
                item("public_transport", "In het openbaar vervoer", "On public transport"),
                item("nightlife", "Bij uitgaansplekken", "Near places where people go out at night"),
            ],
        ),
        question(
            "avoidance",
            "grid",
            "Hoe vaak doet u deze dingen omdat u het niet veilig vindt?",
            "How often do you do these things because you do not feel safe?",
            scale="frequency3",
            items=[
                item(
                    "door_evening", "'s Avonds de deur niet opendoen", "Not opening the door in the evening"
                ),
                item("detour", "Omlopen of omrijden", "Taking a longer way round"),
                item("avoid_places", "Plekken in de buurt mijden", "Avoiding places in the neighbourhood"),
                item(
                    "children_out",
                    "Kinderen niet alleen naar buiten laten gaan",
                    "Not letting children go out alone",
                ),
            ],
        ),
    ),
)

RISK = module(
    "risk",
    ("Kans op slachtofferschap", "Chance of becoming a victim"),
    (
        "Hoe groot iemand de kans schat dat hem of haar iets overkomt.",
        "How large people think the chance is that something happens to them.",
    ),
    group(
        "g_risk",
        "Kans dat het u overkomt",
        "Chance it happens to you",
        question(
            "risk",
            "grid",
            "Hoe groot is volgens u de kans dat u het komende jaar dit meemaakt?",
            "How large do you think the chance is that this happens to you in the coming year?",
            scale="chance5",
            items=[
                item("burglary", "Er wordt ingebroken in uw huis", "Someone breaks into your home"),
                item("robbery", "U wordt op straat beroofd", "You are robbed in the street"),
                item(
                    "pickpocket",
                    "Uw portemonnee of telefoon wordt gerold",
                    "Your wallet or phone is pickpocketed",
                ),
                item("assault", "U wordt geslagen of geschopt", "You are hit or kicked"),
                item("online_fraud", "U wordt online opgelicht", "You are cheated online"),
            ],
        ),
    ),
)

REPORT_MARKS = module(
    "report_marks",
    ("Rapportcijfers voor de buurt", "Report marks for the neighbourhood"),
    (
        "Een cijfer van 1 tot 10 voor wonen en voor veiligheid in de buurt, en of de buurt vooruit of "
        "achteruit gaat.",
        "A mark from 1 to 10 for living and for safety in the neighbourhood, and whether it is getting "
        "better or worse.",
    ),
    group(
        "g_report_marks",
        "Cijfers voor uw buurt",
        "Marks for your neighbourhood",
        question(
            "mark_liveability",
            "mark",
            "Welk cijfer geeft u uw buurt als plek om te wonen?",
            "What mark do you give your neighbourhood as a place to live?",
            help=("1 is heel slecht, 10 is heel goed.", "1 is very bad, 10 is very good."),
            required=True,
        ),
        question(
            "mark_safety",
            "mark",
            "Welk cijfer geeft u de veiligheid in uw buurt?",
            "What mark do you give safety in your neighbourhood?",
            help=("1 is heel onveilig, 10 is heel veilig.", "1 is very unsafe, 10 is very safe."),
            required=True,
        ),
        question(
            "buurt_trend",
            "single",
            "Is uw buurt het afgelopen jaar beter of slechter geworden?",
            "Has your neighbourhood got better or worse over the past year?",
            scale="improved3",
        ),
    ),
)

MODULES = [SAFETY_GENERAL, SAFETY_BUURT, UNSAFE_SITUATIONS, RISK, REPORT_MARKS]
