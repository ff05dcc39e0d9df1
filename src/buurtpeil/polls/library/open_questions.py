"""The open questions: in residents' own words, later coded into themes and Tafel factors."""

from buurtpeil.polls.library._build import group, module, question

OPEN = module(
    "open",
    ("Open vragen", "Open questions"),
    (
        "Wat mensen zelf zeggen over (on)veiligheid in de buurt en wat eerst moet veranderen.",
        "What people say themselves about (un)safety in the neighbourhood and what should change first.",
    ),
    group(
        "g_open",
        "In uw eigen woorden",
        "In your own words",
        question(
            "open_unsafe",
            "text",
            "Wat zorgt ervoor dat u zich in uw buurt veilig of juist onveilig voelt?",
            "What makes you feel safe or unsafe in your neighbourhood?",
            help=("Noem geen namen van mensen.", "Please do not name people."),
        ),
        question(
            "open_change",
            "text",
            "Wat moet er als eerste veranderen om uw buurt veiliger te maken?",
            "What should change first to make your neighbourhood safer?",
        ),
    ),
)

MODULES = [OPEN]
