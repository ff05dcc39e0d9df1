"""Modules about residents together: social cohesion, collective efficacy, influence and
prevention (Tafel van 12 factors 5, 6 and 8)."""

from buurtpeil.polls.library._build import choice, group, item, module, question

COHESION = module(
    "cohesion",
    ("Sociale samenhang", "Social cohesion"),
    (
        "Vier stellingen over contact in de buurt, zoals in de Veiligheidsmonitor; de eerste is "
        "negatief gesteld en telt omgekeerd mee.",
        "Four statements about contact in the neighbourhood, as in the Veiligheidsmonitor; the first "
        "is worded negatively and counts in reverse.",
    ),
    group(
        "g_cohesion",
        "Contact in de buurt",
        "Contact in the neighbourhood",
        question(
            "cohesion_know",
            "likert",
            "De mensen in mijn buurt kennen elkaar nauwelijks.",
            "People in my neighbourhood hardly know each other.",
            scale="agree5",
            factor=5,
            reverse=True,
        ),
        question(
            "cohesion_pleasant",
            "likert",
            "De mensen in mijn buurt gaan prettig met elkaar om.",
            "People in my neighbourhood get on well with each other.",
            scale="agree5",
            factor=5,
        ),
        question(
            "cohesion_help",
            "likert",
            "Ik woon in een gezellige buurt waar mensen elkaar helpen.",
            "I live in a friendly neighbourhood where people help each other.",
            scale="agree5",
            factor=5,
        ),
        question(
            "cohesion_home",
            "likert",
            "Ik voel me thuis bij de mensen in mijn buurt.",
            "I feel at home with the people in my neighbourhood.",
            scale="agree5",
            factor=5,
        ),
    ),
)

COLLECTIVE_EFFICACY = module(
    "collective_efficacy",
    ("Samen zorgen voor de buurt", "Looking after the neighbourhood together"),
    (
        "Of buurtbewoners iets zouden doen als er iets mis is.",
        "Whether neighbours would do something when something is wrong.",
    ),
    group(
        "g_collective_efficacy",
        "Zouden buren iets doen?",
        "Would neighbours act?",
        question(
            "collective_efficacy",
            "grid",
            "Hoe waarschijnlijk is het dat mensen in uw buurt iets doen als …",
            "How likely is it that people in your neighbourhood do something if …",
            scale="likely5",
            factor=5,
            items=[
                item(
                    "children",
                    "kinderen iets vernielen of spijbelen",
                    "children damage things or skip school",
                ),
                item(
                    "suspicious",
                    "iemand zich verdacht gedraagt bij een huis",
                    "someone acts suspiciously near a house",
                ),
                item(
                    "harassed", "iemand op straat wordt lastiggevallen", "someone is harassed in the street"
                ),
                item("fight", "er voor een huis ruzie wordt gemaakt", "people fight in front of a house"),
            ],
        ),
    ),
)

INFLUENCE = module(
    "influence",
    ("Invloed en perspectief", "Influence and perspective"),
    (
        "Of mensen denken dat zij iets kunnen veranderen in de buurt, en of zij verwachten dat het beter "
        "wordt.",
        "Whether people think they can change things in the neighbourhood, and whether they expect it "
        "to get better.",
    ),
    group(
        "g_influence",
        "Invloed",
        "Influence",
        question(
            "influence_can",
            "likert",
            "Als ik wil, kan ik invloed hebben op wat er in mijn buurt gebeurt.",
            "If I want to, I can influence what happens in my neighbourhood.",
            scale="agree5",
            factor=6,
        ),
        question(
            "influence_heard",
            "likert",
            "Als ik een probleem in de buurt meld, wordt er naar mij geluisterd.",
            "When I report a problem in the neighbourhood, I am listened to.",
            scale="agree5",
            factor=6,
        ),
        question(
            "buurt_outlook",
            "single",
            "Denkt u dat uw buurt het komende jaar beter of slechter wordt?",
            "Do you think your neighbourhood will get better or worse in the coming year?",
            factor=6,
            choices=[
                choice("improved", "Beter", "Better"),
                choice("same", "Blijft gelijk", "Stays the same"),
                choice("declined", "Slechter", "Worse"),
            ],
        ),
    ),
)

PREVENTION = module(
    "prevention",
    ("Voorzorg en buurtpreventie", "Prevention and neighbourhood watch"),
    (
        "Wat mensen zelf doen om criminaliteit te voorkomen, en of zij meedoen aan buurtpreventie.",
        "What people do themselves to prevent crime, and whether they take part in neighbourhood watch.",
    ),
    group(
        "g_prevention",
        "Wat u zelf doet",
        "What you do yourself",
        question(
            "prevention",
            "grid",
            "Hoe vaak doet u dit?",
            "How often do you do this?",
            scale="never_always5",
            factor=5,
            items=[
                item(
                    "car_valuables",
                    "Spullen uit de auto halen als ik die parkeer",
                    "Take things out of the car when I park it",
                ),
                item(
                    "valuables_home",
                    "Dure spullen thuis laten als ik uitga",
                    "Leave valuable things at home when I go out",
                ),
                item("light_on", "Een lamp aan laten als ik weg ben", "Leave a light on when I am away"),
                item(
                    "bike_guarded",
                    "Mijn fiets in een bewaakte stalling zetten",
                    "Put my bicycle in a guarded bicycle park",
                ),
            ],
        ),
    ),
    group(
        "g_buurtpreventie",
        "Buurtpreventie",
        "Neighbourhood watch",
        question(
            "buurtpreventie",
            "multiple",
            "Doet u mee aan een van deze vormen van buurtpreventie?",
            "Do you take part in any of these forms of neighbourhood watch?",
            help=("Kies alles wat past.", "Choose all that apply."),
            factor=8,
            choices=[
                choice(
                    "app_group",
                    "Een buurtapp-groep (bijvoorbeeld WhatsApp)",
                    "A neighbourhood app group (for example WhatsApp)",
                ),
                choice(
                    "walking_team",
                    "Een buurtpreventieteam dat door de buurt loopt",
                    "A neighbourhood watch team that walks through the area",
                ),
                choice(
                    "association",
                    "Een bewonersvereniging die iets doet aan veiligheid",
                    "A residents' association that works on safety",
                ),
                choice("none", "Nee, aan geen van deze", "No, none of these"),
            ],
        ),
        question(
            "buurtpreventie_effect",
            "likert",
            "Door buurtpreventie voel ik me veiliger in mijn buurt.",
            "Neighbourhood watch makes me feel safer in my neighbourhood.",
            scale="agree5",
            factor=8,
            condition={
                "any": [
                    {"question": "buurtpreventie", "op": "selected", "value": value}
                    for value in ("app_group", "walking_team", "association")
                ]
            },
        ),
    ),
)

MODULES = [COHESION, COLLECTIVE_EFFICACY, INFLUENCE, PREVENTION]
