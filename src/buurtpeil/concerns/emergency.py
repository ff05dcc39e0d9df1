"""Words that suggest a signal is an emergency: then the resident must call 112, not wait for us.

Residents' signals are read by staff during office hours. A resident who says it is happening
now is shown the emergency number and nothing is stored. Text with one of these words is not
refused outright (a burglary last month is no emergency): the resident is shown 112 and asked
to confirm that it is not happening now before the signal is stored.
"""

import re

EMERGENCY_WORDS = re.compile(
    r"\b(?:"
    r"brand|brandt|in brand|vuur|"  # fire
    r"wapen|wapens|mes|messen|pistool|vuurwapen|geweer|schiet|schieten|schietpartij|geschoten|schoten|"
    r"steekpartij|gestoken|neergestoken|"  # weapons, shooting, stabbing
    r"inbraak bezig|inbreker|inbrekers|wordt ingebroken|"  # burglary in progress
    r"nu bezig|nu aan de gang|op dit moment|gebeurt nu|nu gebeurt|"  # happening now
    r"gewond|bewusteloos|bloed|ambulance|levensgevaar|help|hulp nodig|"  # injured, danger
    r"gijzel\w*|ontvoer\w*|verkracht\w*|mishandel\w*|"  # violence
    # The same in English, the residents' second language.
    r"fire|on fire|burning|weapons?|knife|knives|gun|guns|shooting|shot|shots|stabbed|stabbing|"
    r"break-in in progress|breaking in|burglars?|happening now|right now|at this moment|"
    r"injured|unconscious|bleeding|blood|ambulance|help me|need help|"
    r"hostage\w*|kidnap\w*|rape\w*|assault\w*"
    r")\b",
    re.IGNORECASE,
)
EMERGENCY_NUMBER = "112"
# The police's number for what is not urgent, per country (Belgium has no national one).
POLICE_NON_EMERGENCY = {"NL": "0900-8844", "BE": ""}


def emergency_words(text: str) -> list[str]:
    """The emergency words in ``text``, lower case, in order of appearance, without repeats."""
    found: list[str] = []
    for match in EMERGENCY_WORDS.finditer(text or ""):
        word = match.group(0).lower()
        if word not in found:
            found.append(word)
    return found
