"""Modules about police, municipality and the talk about safety: supervision, the approach,
responsiveness, the conversation, communication, aftercare and victimisation (Tafel van 12
factors 1, 4, 8 to 12)."""

from buurtpeil.polls.library._build import choice, group, item, module, question

SUPERVISION = module(
    "supervision",
    ("Toezicht, politie en gemeente", "Supervision, police and municipality"),
    (
        "Of politie en handhavers (boa's) zichtbaar zijn, of mensen hen vertrouwen, en hoe tevreden zij "
        "zijn over politie en gemeente in de buurt.",
        "Whether police and enforcement officers (boa's) are visible, whether people trust them, and how "
        "satisfied they are with the police and the municipality in the neighbourhood.",
    ),
    group(
        "g_supervision",
        "Toezicht in de buurt",
        "Supervision in the neighbourhood",
        question(
            "police_visible",
            "single",
            "Hoe vaak ziet u politie of handhavers (boa's) in uw buurt?",
            "How often do you see police or enforcement officers (boa's) in your neighbourhood?",
            scale="frequency3",
            factor=8,
        ),
        question(
            "supervision_trust",
            "likert",
            "Ik heb vertrouwen in de politie en de handhavers in mijn buurt.",
            "I trust the police and the enforcement officers in my neighbourhood.",
            scale="agree5",
            factor=8,
        ),
        question(
            "police_satisfied",
            "likert",
            "Hoe tevreden bent u over wat de politie in uw buurt doet?",
            "How satisfied are you with what the police do in your neighbourhood?",
            scale="satisfied5",
            factor=8,
            help=(
                "Heeft u geen mening, kies dan 'Weet niet / geen mening'.",
                "If you have no opinion, choose 'Don't know / no opinion'.",
            ),
        ),
        question(
            "municipality_satisfied",
            "likert",
            "Hoe tevreden bent u over hoe de gemeente leefbaarheid en veiligheid in uw buurt aanpakt?",
            "How satisfied are you with how the municipality deals with liveability and safety in your "
            "neighbourhood?",
            scale="satisfied5",
            factor=9,
        ),
    ),
)

APPROACH = module(
    "approach",
    ("Geloofwaardige aanpak en reageren op meldingen", "Credible approach and responsiveness"),
    (
        "Of de gemeente problemen serieus neemt, iets doet met meldingen en laat weten wat er gebeurt.",
        "Whether the municipality takes problems seriously, acts on reports and says what happens.",
    ),
    group(
        "g_approach",
        "De aanpak",
        "The approach",
        question(
            "approach_serious",
            "likert",
            "De gemeente neemt de problemen in mijn buurt serieus.",
            "The municipality takes the problems in my neighbourhood seriously.",
            scale="agree5",
            factor=9,
        ),
        question(
            "approach_works",
            "likert",
            "De aanpak van onveiligheid in mijn buurt helpt.",
            "The way unsafety is tackled in my neighbourhood works.",
            scale="agree5",
            factor=9,
        ),
        question(
            "reports_acted",
            "likert",
            "Als je iets meldt bij de gemeente, doen ze er ook iets mee.",
            "If you report something to the municipality, they do something about it.",
            scale="agree5",
            factor=11,
        ),
        question(
            "reports_feedback",
            "likert",
            "Na een melding laat de gemeente weten wat ermee gebeurd is.",
            "After a report, the municipality lets you know what was done with it.",
            scale="agree5",
            factor=11,
        ),
    ),
)

CONVERSATION = module(
    "conversation",
    ("Het gesprek en communicatie", "The conversation and communication"),
    (
        "Hoe vaak mensen over veiligheid praten of berichten zien, en of berichten van de gemeente "
        "geruststellen of juist zorgen geven.",
        "How often people talk about safety or see messages about it, and whether the municipality's "
        "messages reassure or worry them.",
    ),
    group(
        "g_conversation",
        "Praten over veiligheid",
        "Talking about safety",
        question(
            "safety_talk",
            "grid",
            "Hoe vaak praat of leest u over veiligheid in uw buurt …",
            "How often do you talk or read about safety in your neighbourhood …",
            scale="frequency3",
            factor=4,
            items=[
                item("neighbours", "met buren of bekenden", "with neighbours or people you know"),
                item("app", "in een buurtapp-groep", "in a neighbourhood app group"),
                item("social_media", "op sociale media", "on social media"),
                item("news", "in het nieuws of de lokale krant", "in the news or the local paper"),
            ],
        ),
    ),
    group(
        "g_communication",
        "Berichten van de gemeente",
        "Messages from the municipality",
        question(
            "communication_reassures",
            "likert",
            "Wat de gemeente vertelt over veiligheid in mijn buurt, stelt mij gerust.",
            "What the municipality says about safety in my neighbourhood reassures me.",
            scale="agree5",
            factor=12,
        ),
        question(
            "communication_worries",
            "likert",
            "Berichten van de gemeente over veiligheid maken mij ongerust.",
            "Messages from the municipality about safety make me worried.",
            scale="agree5",
            factor=12,
            reverse=True,
        ),
    ),
)

AFTERCARE = module(
    "aftercare",
    ("Nazorg na een ernstig voorval", "Aftercare after a serious incident"),
    (
        "Of er een ernstig voorval in de buurt was, en zo ja, of mensen goed zijn geïnformeerd en gesteund.",
        "Whether there was a serious incident in the neighbourhood and, if so, whether people were "
        "informed and supported well.",
    ),
    group(
        "g_aftercare",
        "Na een ernstig voorval",
        "After a serious incident",
        question(
            "incident",
            "single",
            "Is er het afgelopen jaar iets ernstigs gebeurd in uw buurt, zoals een schietpartij, "
            "een explosie of een grote brand?",
            "Did something serious happen in your neighbourhood in the past year, such as a shooting, "
            "an explosion or a big fire?",
            scale="yes_no",
            factor=10,
        ),
        question(
            "aftercare",
            "grid",
            "Wat vindt u van wat er daarna gebeurde?",
            "What do you think of what happened afterwards?",
            scale="agree5",
            factor=10,
            condition={"question": "incident", "op": "eq", "value": "yes"},
            items=[
                item("informed", "Ik kreeg op tijd goede informatie", "I got good information in time"),
                item("supported", "Ik voelde me gesteund", "I felt supported"),
                item(
                    "contact", "Het was duidelijk bij wie ik terecht kon", "It was clear whom I could turn to"
                ),
            ],
        ),
    ),
)

VICTIMISATION = module(
    "victimisation",
    ("Slachtofferschap (kort)", "Victimisation (short)"),
    (
        "Of iemand het afgelopen jaar slachtoffer werd, van wat, en of hij of zij het meldde bij de politie.",
        "Whether someone was a victim in the past year, of what, and whether they reported it to the police.",
    ),
    group(
        "g_victimisation",
        "Slachtoffer geworden?",
        "Were you a victim?",
        question(
            "victim",
            "single",
            "Bent u het afgelopen jaar slachtoffer geworden van een misdrijf?",
            "Were you the victim of a crime in the past year?",
            help=(
                "Bijvoorbeeld inbraak, diefstal, geweld, vernieling of oplichting via internet.",
                "For example burglary, theft, violence, damage to your property or fraud online.",
            ),
            scale="yes_no",
            factor=1,
            required=True,
        ),
        question(
            "victim_types",
            "multiple",
            "Waarvan was u slachtoffer?",
            "What were you a victim of?",
            factor=1,
            condition={"question": "victim", "op": "eq", "value": "yes"},
            choices=[
                choice("burglary", "Inbraak in huis", "Burglary at home"),
                choice("bike_theft", "Diefstal van fiets of scooter", "Theft of a bicycle or scooter"),
                choice("theft", "Andere diefstal", "Other theft"),
                choice("violence", "Geweld of bedreiging", "Violence or threats"),
                choice("vandalism", "Vernieling van uw spullen", "Damage to your things"),
                choice("online_fraud", "Oplichting via internet", "Fraud online"),
                choice("other", "Iets anders", "Something else"),
            ],
        ),
        question(
            "victim_reported",
            "single",
            "Heeft u het gemeld bij de politie?",
            "Did you report it to the police?",
            factor=9,
            condition={"question": "victim", "op": "eq", "value": "yes"},
            choices=[
                choice("yes", "Ja, alles", "Yes, everything"),
                choice("partly", "Een deel", "Some of it"),
                choice("no", "Nee", "No"),
            ],
        ),
        question(
            "victim_not_reported_why",
            "multiple",
            "Waarom heeft u het niet gemeld?",
            "Why did you not report it?",
            factor=9,
            condition={"question": "victim_reported", "op": "in", "value": ["partly", "no"]},
            choices=[
                choice("no_use", "Het heeft toch geen zin", "It is no use anyway"),
                choice("not_serious", "Het was niet ernstig genoeg", "It was not serious enough"),
                choice("effort", "Melden kost te veel moeite", "Reporting takes too much effort"),
                choice("afraid", "Ik was bang voor de gevolgen", "I was afraid of what might happen"),
                choice("other", "Een andere reden", "Another reason"),
            ],
        ),
    ),
)

MODULES = [SUPERVISION, APPROACH, CONVERSATION, AFTERCARE, VICTIMISATION]
