"""Test data for answering, built through the services where they exist: a poll with every
question type published with ``poll_create``/``poll_publish``; a running distribution and
recipients as rows (with real tokens from ``distribution.tokens``)."""

import uuid
from datetime import timedelta

from django.utils import timezone

from buurtpeil.distribution.models import Distribution, Recipient
from buurtpeil.distribution.tokens import salt_new, token_digest, token_for
from buurtpeil.panel.models import PanelMember
from buurtpeil.polls.services import poll_create, poll_publish

YES_NO = [
    {"value": "yes", "label": {"nl": "Ja", "en": "Yes"}},
    {"value": "no", "label": {"nl": "Nee", "en": "No"}},
]
AGREE = [
    {"value": str(n), "label": {"nl": label_nl, "en": label_en}}
    for n, label_nl, label_en in [
        (1, "Helemaal oneens", "Strongly disagree"),
        (2, "Oneens", "Disagree"),
        (3, "Neutraal", "Neutral"),
        (4, "Eens", "Agree"),
        (5, "Helemaal eens", "Strongly agree"),
    ]
]


def definition_every_type() -> dict:
    """Four groups: a condition within the first group and one across groups, and every
    question type."""
    return {
        "languages": ["nl", "en"],
        "title": {"nl": "Veiligheid in uw buurt", "en": "Safety in your neighbourhood"},
        "intro": {"nl": "Een korte peiling.", "en": "A short poll."},
        "groups": [
            {
                "id": "g1",
                "title": {"nl": "Slachtofferschap", "en": "Victimisation"},
                "questions": [
                    {
                        "code": "victim",
                        "type": "single",
                        "required": True,
                        "choices": YES_NO,
                        "text": {
                            "nl": "Bent u het afgelopen jaar slachtoffer geweest?",
                            "en": "Were you a victim in the past year?",
                        },
                    },
                    {
                        "code": "reported",
                        "type": "single",
                        "required": True,
                        "choices": YES_NO,
                        "condition": {"question": "victim", "op": "eq", "value": "yes"},
                        "text": {
                            "nl": "Heeft u dat gemeld bij de politie?",
                            "en": "Did you report it to the police?",
                        },
                    },
                    {
                        "code": "kinds",
                        "type": "multiple",
                        "choices": [
                            {"value": "theft", "label": {"nl": "Diefstal", "en": "Theft"}},
                            {"value": "vandalism", "label": {"nl": "Vernieling", "en": "Vandalism"}},
                            {"value": "threat", "label": {"nl": "Bedreiging", "en": "Threat"}},
                        ],
                        "text": {"nl": "Wat gebeurde er?", "en": "What happened?"},
                    },
                ],
            },
            {
                "id": "g2",
                "title": {"nl": "Uw buurt", "en": "Your neighbourhood"},
                "questions": [
                    {
                        "code": "unsafe",
                        "type": "likert",
                        "required": True,
                        "choices": AGREE,
                        "dont_know": True,
                        "factor": 1,
                        "indicator": "unsafe_buurt",
                        "text": {
                            "nl": "Ik voel me vaak onveilig in mijn buurt.",
                            "en": "I often feel unsafe in my neighbourhood.",
                        },
                    },
                    {
                        "code": "mark",
                        "type": "mark",
                        "required": True,
                        "text": {
                            "nl": "Welk rapportcijfer geeft u de veiligheid in uw buurt?",
                            "en": "What mark do you give the safety of your neighbourhood?",
                        },
                    },
                    {
                        "code": "years",
                        "type": "number",
                        "min": 0,
                        "max": 120,
                        "text": {
                            "nl": "Hoeveel jaar woont u in deze buurt?",
                            "en": "How many years have you lived here?",
                        },
                    },
                ],
            },
            {
                "id": "g3",
                "title": {"nl": "Overlast", "en": "Nuisance"},
                "questions": [
                    {
                        "code": "nuisance",
                        "type": "grid",
                        "required": True,
                        "choices": [
                            {"value": "often", "label": {"nl": "Komt vaak voor", "en": "Often"}},
                            {"value": "sometimes", "label": {"nl": "Komt soms voor", "en": "Sometimes"}},
                            {
                                "value": "never",
                                "label": {"nl": "Komt (bijna) nooit voor", "en": "(Almost) never"},
                            },
                        ],
                        "items": [
                            {"code": "litter", "text": {"nl": "Rommel op straat", "en": "Litter"}},
                            {"code": "speeding", "text": {"nl": "Te hard rijden", "en": "Speeding"}},
                        ],
                        "text": {
                            "nl": "Hoe vaak komt dit voor in uw buurt?",
                            "en": "How often does this happen?",
                        },
                    },
                    {
                        "code": "where",
                        "type": "point",
                        "condition": {"question": "unsafe", "op": "in", "value": ["4", "5"]},
                        "text": {
                            "nl": "Waar voelt u zich het meest onveilig?",
                            "en": "Where do you feel least safe?",
                        },
                    },
                ],
            },
            {
                "id": "g4",
                "title": {"nl": "Tot slot", "en": "Finally"},
                "questions": [
                    {
                        "code": "remarks",
                        "type": "text",
                        "text": {"nl": "Wilt u nog iets kwijt?", "en": "Anything else?"},
                    },
                ],
            },
        ],
    }


def poll_published(organisation, definition=None, *, show_results=False):
    poll = poll_create(
        organisation=organisation, title="Veiligheid", definition=definition or definition_every_type()
    )
    version = poll_publish(poll=poll)
    if show_results:
        type(poll).objects.filter(pk=poll.pk).update(show_results=True)
        poll.show_results = True
    return poll, version


def distribution_running(poll, version=None, *, ends_in=timedelta(days=14)):
    now = timezone.now()
    return Distribution.objects.create(
        organisation=poll.organisation,
        poll=poll,
        version=version or poll.versions.order_by("-number").first(),
        channels=["email"],
        starts_at=now - timedelta(hours=1),
        ends_at=now + ends_in,
        status=Distribution.Status.RUNNING,
    )


def member(organisation, *, buurt=None, age_group="45_65", sex="female"):
    return PanelMember.objects.create(
        organisation=organisation, buurt=buurt, age_group=age_group, sex=sex, status=PanelMember.Status.ACTIVE
    )


def recipient(distribution, *, member_key=None) -> tuple[Recipient, str]:
    """A recipient and its token (the token as the invitation link carries it)."""
    salt = salt_new()
    token = token_for(salt)
    row = Recipient.objects.create(
        distribution=distribution,
        organisation=distribution.organisation,
        member_key=member_key or uuid.uuid4(),
        token_salt=salt,
        token_digest=token_digest(token),
        invited_at=timezone.now(),
    )
    return row, token


def invitation(organisation, *, poll=None, with_member=True, buurt=None):
    """(recipient loaded as the views load it, token) for a fresh member of a running poll."""
    from buurtpeil.distribution.selectors import recipient_by_token

    if poll is None:
        poll, _version = poll_published(organisation)
    distribution = poll.distributions.first() or distribution_running(poll)
    key = member(organisation, buurt=buurt).key if with_member else None
    _row, token = recipient(distribution, member_key=key)
    return recipient_by_token(organisation=organisation, token=token), token
