"""Modules about the buurt itself: nuisance, decay, the built environment and unfamiliar others
(Tafel van 12 factors 1, 2, 3 and 7)."""

from buurtpeil.polls.library._build import group, item, module, question

NUISANCE = module(
    "nuisance",
    ("Overlast in de buurt", "Nuisance in the neighbourhood"),
    (
        "Hoeveel last mensen hebben van rommel, van gedrag van anderen en van verkeer: de drie "
        "groepen van de Veiligheidsmonitor, plus horeca.",
        "How much nuisance people have from mess, from other people's behaviour and from traffic: the "
        "three clusters of the Veiligheidsmonitor, plus bars and restaurants.",
    ),
    group(
        "g_nuisance_physical",
        "Rommel en vernielingen",
        "Mess and damage",
        question(
            "nuisance_physical",
            "grid",
            "Hoeveel last heeft u van deze dingen in uw buurt?",
            "How much nuisance do you have from these things in your neighbourhood?",
            scale="nuisance3",
            factor=2,
            items=[
                item("litter", "Rommel en zwerfvuil op straat", "Litter and rubbish in the street"),
                item(
                    "vandalism",
                    "Kapotte banken, bushokjes of lantaarnpalen",
                    "Broken benches, bus shelters or street lights",
                ),
                item("graffiti", "Bekladde muren of gebouwen", "Graffiti on walls or buildings"),
                item("dog_fouling", "Hondenpoep", "Dog fouling"),
            ],
        ),
    ),
    group(
        "g_nuisance_social",
        "Gedrag van mensen",
        "People's behaviour",
        question(
            "nuisance_social",
            "grid",
            "Hoeveel last heeft u van dit gedrag in uw buurt?",
            "How much nuisance do you have from this behaviour in your neighbourhood?",
            scale="nuisance3",
            factor=1,
            items=[
                item("drunk", "Dronken mensen op straat", "Drunk people in the street"),
                item("drugs", "Drugs gebruiken of verkopen", "People using or selling drugs"),
                item("neighbours", "Overlast van buren", "Nuisance from neighbours"),
                item(
                    "harassment",
                    "Mensen die op straat worden lastiggevallen",
                    "People being harassed in the street",
                ),
                item(
                    "youth", "Groepen jongeren die overlast geven", "Groups of young people causing nuisance"
                ),
            ],
        ),
    ),
    group(
        "g_nuisance_traffic",
        "Verkeer",
        "Traffic",
        question(
            "nuisance_traffic",
            "grid",
            "Hoeveel last heeft u van het verkeer in uw buurt?",
            "How much nuisance do you have from traffic in your neighbourhood?",
            scale="nuisance3",
            factor=1,
            items=[
                item("speeding", "Te hard rijden", "Driving too fast"),
                item("parking", "Problemen met parkeren", "Parking problems"),
                item("aggressive", "Agressief gedrag in het verkeer", "Aggressive behaviour in traffic"),
            ],
        ),
        question(
            "nuisance_bars",
            "single",
            "Hoeveel last heeft u van cafés, restaurants of snackbars in uw buurt?",
            "How much nuisance do you have from bars, restaurants or snack bars in your neighbourhood?",
            scale="nuisance3",
            factor=1,
        ),
    ),
)

AMENITIES = module(
    "amenities",
    ("Voorzieningen en inrichting", "Amenities and layout"),
    (
        "Onderhoud van straten en groen, verlichting, speelplekken, hoe overzichtelijk de buurt is, en "
        "een plek op de kaart die onveilig voelt.",
        "Upkeep of streets and green spaces, lighting, play areas, how easy the neighbourhood is to "
        "overlook, and a spot on the map that feels unsafe.",
    ),
    group(
        "g_amenities",
        "Voorzieningen",
        "Amenities",
        question(
            "amenities",
            "grid",
            "Hoe tevreden bent u over deze dingen in uw buurt?",
            "How satisfied are you with these things in your neighbourhood?",
            scale="satisfied5",
            factor=2,
            items=[
                item("pavements", "Onderhoud van stoepen en straten", "Upkeep of pavements and streets"),
                item("green", "Onderhoud van parken en groen", "Upkeep of parks and green spaces"),
                item("lighting", "Straatverlichting", "Street lighting"),
                item("play", "Speelplekken voor kinderen", "Play areas for children"),
                item("youth", "Plekken voor jongeren", "Places for young people"),
            ],
        ),
    ),
    group(
        "g_layout",
        "Inrichting van de buurt",
        "Layout of the neighbourhood",
        question(
            "layout_overview",
            "likert",
            "In mijn buurt kun je goed zien wat er op straat gebeurt.",
            "In my neighbourhood you can easily see what is happening in the street.",
            scale="agree5",
            factor=7,
        ),
        question(
            "layout_dark_spots",
            "likert",
            "In mijn buurt zijn donkere of onoverzichtelijke plekken.",
            "In my neighbourhood there are dark or hard-to-overlook spots.",
            scale="agree5",
            factor=7,
            reverse=True,
        ),
        question(
            "unsafe_spot",
            "point",
            "Is er een plek in uw buurt waar u zich onveilig voelt? Wijs die aan op de kaart.",
            "Is there a spot in your neighbourhood where you feel unsafe? Point it out on the map.",
            help=("U mag deze vraag overslaan.", "You may skip this question."),
            factor=7,
        ),
        question(
            "unsafe_spot_why",
            "text",
            "Wat maakt deze plek onveilig?",
            "What makes this spot unsafe?",
            factor=7,
            condition={"question": "unsafe_spot", "op": "answered"},
        ),
    ),
)

LIFESTYLES = module(
    "lifestyles",
    ("Onbekende anderen", "Unfamiliar others"),
    (
        "Of verschillende manieren van leven botsen, en of mensen in de buurt elkaar kennen.",
        "Whether different ways of life clash, and whether people in the neighbourhood know each other.",
    ),
    group(
        "g_lifestyles",
        "Samenleven",
        "Living together",
        question(
            "lifestyle_clash",
            "likert",
            "In mijn buurt zijn er groepen die zo anders leven dat het botst.",
            "In my neighbourhood there are groups who live so differently that it causes friction.",
            scale="agree5",
            factor=3,
            reverse=True,
        ),
        question(
            "strangers_uneasy",
            "likert",
            "Ik voel me onrustig door mensen in de buurt die ik niet ken.",
            "People in the neighbourhood I do not know make me feel uneasy.",
            scale="agree5",
            factor=3,
            reverse=True,
        ),
        question(
            "neighbours_known",
            "single",
            "Hoeveel mensen in uw straat kent u bij naam?",
            "How many people in your street do you know by name?",
            factor=3,
            choices=[
                {"value": "none", "label": {"nl": "Niemand", "en": "Nobody"}},
                {"value": "few", "label": {"nl": "Een paar", "en": "A few"}},
                {"value": "many", "label": {"nl": "Veel", "en": "Many"}},
            ],
        ),
    ),
)

MODULES = [NUISANCE, AMENITIES, LIFESTYLES]
