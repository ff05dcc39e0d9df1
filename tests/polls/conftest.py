"""Fixtures for polls: a small definition with each question type and a condition chain."""

import pytest


def small_definition():
    yes_no = [
        {"value": "yes", "label": {"nl": "Ja", "en": "Yes"}},
        {"value": "no", "label": {"nl": "Nee", "en": "No"}},
    ]
    agree = [{"value": str(n), "label": {"nl": f"{n}", "en": f"{n}"}} for n in range(1, 6)]
    return {
        "languages": ["nl", "en"],
        "title": {"nl": "Peiling", "en": "Poll"},
        "intro": {},
        "groups": [
            {
                "id": "g1",
                "title": {"nl": "Eerste", "en": "First"},
                "questions": [
                    {
                        "code": "victim",
                        "type": "single",
                        "text": {"nl": "Slachtoffer?"},
                        "required": True,
                        "choices": yes_no,
                    },
                    {
                        "code": "reported",
                        "type": "single",
                        "text": {"nl": "Gemeld?"},
                        "required": True,
                        "choices": yes_no,
                        "condition": {"question": "victim", "op": "eq", "value": "yes"},
                    },
                    {
                        "code": "kinds",
                        "type": "multiple",
                        "text": {"nl": "Wat?"},
                        "choices": [
                            {"value": "a", "label": {"nl": "A"}},
                            {"value": "b", "label": {"nl": "B"}},
                        ],
                    },
                    {
                        "code": "trust",
                        "type": "likert",
                        "text": {"nl": "Vertrouwen"},
                        "choices": agree,
                        "dont_know": True,
                        "factor": 8,
                        "indicator": "trust",
                    },
                ],
            },
            {
                "id": "g2",
                "questions": [
                    {"code": "mark", "type": "mark", "text": {"nl": "Cijfer"}, "required": True},
                    {"code": "age", "type": "number", "text": {"nl": "Jaren"}, "min": 0, "max": 120},
                    {"code": "open", "type": "text", "text": {"nl": "Open"}},
                    {"code": "spot", "type": "point", "text": {"nl": "Plek"}},
                    {
                        "code": "nuisance",
                        "type": "grid",
                        "text": {"nl": "Overlast"},
                        "required": True,
                        "choices": yes_no,
                        "items": [
                            {"code": "litter", "text": {"nl": "Rommel"}},
                            {"code": "noise", "text": {"nl": "Lawaai"}},
                        ],
                    },
                ],
            },
        ],
    }


@pytest.fixture
def definition():
    return small_definition()


@pytest.fixture
def poll(organisation):
    from buurtpeil.polls.services import poll_create

    return poll_create(organisation=organisation, title="Veiligheid 2026", definition=small_definition())
