"""Test data for exports: a published poll of every question type answered through the answering
service by panel members who have contact data (e-mail, phone, name) and came in by a letter
with a name and address, and whose open answers name people, phone numbers and addresses."""

import uuid

from buurtpeil.areas.models import Area
from buurtpeil.panel.digests import email_digest
from buurtpeil.panel.models import Identity, Invitation, InvitationContact, RecruitmentBatch
from buurtpeil.responses.services import response_save
from tests.responses import factories

# Contact data of the members, and personal data residents wrote in their open answers:
# none of it may appear in an export.
CONTACT = [
    {"email": "fatima.bakker@example.org", "phone": "+31612345678", "name": "Fatima Bakker"},
    {"email": "k.janssen@example.net", "phone": "0687654321", "name": "Kees Janssen"},
    {"email": "priya@example.com", "phone": "+31 70 123 4567", "name": "Priya Ramdin"},
]
LETTER = {"name": "Familie Bakker", "address": "Spui 70, 2511 BT Den Haag"}
OPEN_ANSWERS = [
    "Bel Jan de Vries op 06-12345678 of mail jan.devries@example.org, hij dealt op de Prinsegracht 12.",
    "Mevrouw Visser van 2512 AB belt steeds 070-3456789 over de auto XK-123-B.",
    '=HYPERLINK("http://example.org") Meneer Brouwer weet ervan: brouwer@example.com',
]
ANSWERS = [
    {
        "victim": "yes",
        "reported": "no",
        "kinds": ["theft", "threat"],
        "unsafe": "4",
        "mark": 6,
        "years": 12,
        "nuisance": {"litter": "often", "speeding": "never"},
        "where": {"lon": 4.3007, "lat": 52.0705},
        "remarks": OPEN_ANSWERS[0],
    },
    {
        "victim": "no",
        "unsafe": "dk",
        "mark": 8,
        "nuisance": {"litter": "sometimes", "speeding": "never"},
        "remarks": OPEN_ANSWERS[1],
    },
    {
        "victim": "no",
        "unsafe": "2",
        "mark": 7,
        "nuisance": {"litter": "never", "speeding": "often"},
        "remarks": OPEN_ANSWERS[2],
    },
]


def areas_two_wijken(organisation):
    """Two wijken with a buurt each: {buurt code: buurt}."""
    buurten = {}
    for wijk_code, buurt_code in (("WK051801", "BU05180101"), ("WK051802", "BU05180201")):
        wijk = Area.objects.create(organisation=organisation, level="wijk", code=wijk_code, name=wijk_code)
        buurten[buurt_code] = Area.objects.create(
            organisation=organisation, level="buurt", code=buurt_code, name=buurt_code, parent=wijk
        )
    return buurten


def _member_with_contact(organisation, buurt, contact, *, age_group, sex):
    member = factories.member(organisation, buurt=buurt, age_group=age_group, sex=sex)
    Identity.objects.create(
        member=member,
        organisation=organisation,
        email=contact["email"],
        email_digest=email_digest(contact["email"]),
        phone=contact["phone"],
        name=contact["name"],
    )
    return member


def answer(recipient, answers, *, complete=True, language="nl"):
    result = response_save(
        recipient=recipient,
        answers=answers,
        idempotency_key=uuid.uuid4().hex,
        complete=complete,
        language=language,
    )
    assert result.ok, result
    return result


def poll_answered(organisation):
    """A poll answered by three members (complete) and started by a fourth (not complete),
    in the buurten of ``areas_two_wijken``. Returns the poll with ``secrets``: every string
    that must never be in an export."""
    areas = areas_two_wijken(organisation)
    poll, _version = factories.poll_published(organisation)
    distribution = factories.distribution_running(poll)
    batch = RecruitmentBatch.objects.create(organisation=organisation, name="Voorjaar")
    invitation = Invitation.objects.create(
        organisation=organisation, batch=batch, code="ABCDEFGH", buurt=areas["BU05180101"]
    )
    InvitationContact.objects.create(invitation=invitation, **LETTER)
    secrets = [LETTER["name"], LETTER["address"], "2511 BT", "ABCDEFGH"]
    buurten = [areas["BU05180101"], areas["BU05180201"], areas["BU05180101"], areas["BU05180201"]]
    traits = [("45_65", "female"), ("25_45", "male"), ("65_plus", "other"), ("15_25", "female")]
    for n, (buurt, (age_group, sex)) in enumerate(zip(buurten, traits, strict=True)):
        contact = CONTACT[n] if n < len(CONTACT) else {"email": "late@example.org", "phone": "", "name": ""}
        member = _member_with_contact(organisation, buurt, contact, age_group=age_group, sex=sex)
        recipient, token = factories.recipient(distribution, member_key=member.key)
        if n < len(ANSWERS):
            answer(recipient, ANSWERS[n], language="en" if n == 2 else "nl")
        else:
            answer(recipient, {"victim": "no", "remarks": "Ik ben nog niet klaar, Sanne"}, complete=False)
        secrets += [*filter(None, contact.values()), str(member.key), member.key.hex, token]
    secrets += [
        "Jan de Vries",
        "06-12345678",
        "jan.devries@example.org",
        "Prinsegracht 12",
        "Visser",
        "2512 AB",
        "070-3456789",
        "XK-123-B",
        "Brouwer",
        "brouwer@example.com",
        "Sanne",
        "nog niet klaar",
    ]
    poll.secrets = secrets
    return poll
