"""A short follow-up poll after a meeting with residents (``meetings``): was it worth coming,
were people heard, and do they trust the agreements will be kept."""

from buurtpeil.polls.library._build import group, module, question

MEETING_FOLLOWUP = module(
    "meeting_followup",
    ("Terugblik op een bijeenkomst", "Looking back on a meeting"),
    (
        "Drie stellingen en een open vraag voor wie bij een buurtgesprek, politiecafé of dialoog was.",
        "Three statements and an open question for those who came to a buurt conversation, police café "
        "or dialogue.",
    ),
    group(
        "g_meeting_followup",
        "De bijeenkomst",
        "The meeting",
        question(
            "meeting_useful",
            "likert",
            "Het was de moeite waard om naar de bijeenkomst te komen.",
            "It was worth coming to the meeting.",
            scale="agree5",
        ),
        question(
            "meeting_heard",
            "likert",
            "Ik heb het gevoel dat er naar bewoners is geluisterd.",
            "I feel that residents were listened to.",
            scale="agree5",
        ),
        question(
            "meeting_trust",
            "likert",
            "Ik heb er vertrouwen in dat de afspraken worden nagekomen.",
            "I trust that the agreements will be kept.",
            scale="agree5",
        ),
        question(
            "meeting_better",
            "text",
            "Wat kan er de volgende keer beter?",
            "What could be better next time?",
            help=("Noem geen namen van mensen.", "Please do not name people."),
        ),
    ),
)

MODULES = [MEETING_FOLLOWUP]
