"""The module for professionals working in the buurten (wijkagenten, wijkinspecteurs, boa's,
the municipality's area staff): what they see there and how they work with residents. Sent to
the professionals' panel and analysed apart from residents (decision 0019)."""

from buurtpeil.polls.library._build import group, module, question

PROFESSIONALS = module(
    "professionals",
    ("Professionals in de buurt", "Professionals in the neighbourhood"),
    (
        "Voor wijkagenten, wijkinspecteurs, handhavers en medewerkers van de gemeente die in de buurten "
        "werken: wat zij zien, en hoe zij met bewoners samenwerken.",
        "For community police officers, enforcement officers and municipal staff who work in the "
        "neighbourhoods: what they see, and how they work with residents.",
    ),
    group(
        "g_professionals_seen",
        "Wat u ziet in de buurten waar u werkt",
        "What you see in the neighbourhoods where you work",
        question(
            "prof_trend",
            "single",
            "Is de veiligheid in de buurten waar u werkt het afgelopen jaar beter of slechter geworden?",
            "Has safety in the neighbourhoods where you work become better or worse in the past year?",
            scale="improved3",
        ),
        question(
            "prof_seen_open",
            "text",
            "Wat ziet u in deze buurten dat bewoners misschien niet zien, of andersom?",
            "What do you see in these neighbourhoods that residents may not see, or the other way round?",
            help=("Noem geen namen van mensen.", "Please do not name people."),
        ),
    ),
    group(
        "g_professionals_residents",
        "Samenwerken met bewoners",
        "Working with residents",
        question(
            "prof_contact",
            "single",
            "Hoe vaak spreekt u bewoners van deze buurten over veiligheid?",
            "How often do you talk with residents of these neighbourhoods about safety?",
            scale="frequency3",
            factor=4,
        ),
        question(
            "prof_residents_report",
            "likert",
            "Bewoners vertellen mij wat zij zien en wat hen zorgen baart.",
            "Residents tell me what they see and what worries them.",
            scale="agree5",
            factor=4,
        ),
        question(
            "prof_cooperation_residents",
            "likert",
            "De samenwerking met bewoners in deze buurten werkt goed.",
            "Working together with residents in these neighbourhoods goes well.",
            scale="agree5",
            factor=9,
        ),
        question(
            "prof_cooperation_partners",
            "likert",
            "De samenwerking met andere organisaties in deze buurten werkt goed.",
            "Working together with other organisations in these neighbourhoods goes well.",
            scale="agree5",
            factor=9,
        ),
        question(
            "prof_help_open",
            "text",
            "Wat zou uw werk met bewoners in deze buurten beter maken?",
            "What would make your work with residents in these neighbourhoods better?",
        ),
    ),
)

MODULES = [PROFESSIONALS]
