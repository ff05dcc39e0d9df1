"""The demo's dialogue meetings: a buurt conversation held last month with what was said and
its agreements (one of them already an action of the plan), and a police café next month with
registrations and questions in advance."""

from datetime import timedelta

from django.utils import timezone

from buurtpeil.areas.models import Area
from buurtpeil.meetings.models import Meeting
from buurtpeil.meetings.selectors import meetings_for
from buurtpeil.meetings.services import (
    agreement_add,
    agreement_to_action,
    meeting_save,
    question_submit,
    registration_create,
    report_save,
)
from buurtpeil.panel.selectors import members_targeted
from buurtpeil.plans.selectors import goals_for

QUESTIONS = (
    "Waarom staat de straatverlichting bij het speelveld al weken uit?",
    "Er wordt 's avonds gedeald bij het winkelcentrum. Wat doet de politie daaraan?",
    "Jongeren hangen rond bij de bushalte en maken herrie tot laat.",
    "Kan er een drempel komen? Er wordt veel te hard gereden in onze straat.",
    "Ik meld overlast maar hoor nooit meer iets terug van de gemeente.",
    "Hoe kunnen we als buren beter samen opletten?",
)


def demo_meetings(organisation) -> None:
    """Made once: a run that finds meetings leaves them as they are."""
    if meetings_for(organisation).exists():
        return
    goal = goals_for(organisation).first()
    area = goal.areas.first() if goal is not None else None
    if area is None:
        area = (
            Area.objects.filter(organisation=organisation, level=Area.Level.DISTRICT).order_by("code").first()
        )
    if area is None:
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    held = _meeting(
        organisation,
        area,
        Meeting.Kind.BUURT,
        f"Buurtgesprek {area.name}: veilig over straat",
        now - timedelta(days=30),
    )
    report_save(
        meeting=held,
        held=True,
        report=(
            "Zo'n veertig bewoners, de wijkagent, de woningcorporatie en het jongerenwerk. Veel zorgen "
            "over donkere plekken bij het speelveld en over te hard rijden; jongeren zeiden dat er voor hen "
            "weinig te doen is. Bewoners willen horen wat er met hun meldingen gebeurt."
        ),
    )
    lights = agreement_add(
        meeting=held, text="Extra verlichting langs het pad bij het speelveld", who="Gemeente",
        due=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip
    agreement_add(
        meeting=held, text="De wijkagent loopt twee avonden per week langs het speelveld", who="Politie",
        due=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    agreement_add(
        meeting=held, text="Een avond voor jongeren en buren in het buurthuis", who="Jongerenwerk", due=None
    )
    if goal is not None:
        agreement_to_action(agreement=lights, goal=goal)

    coming = _meeting(
        organisation,
        area,
        Meeting.Kind.POLICE_CAFE,
        f"Politiecafé {area.name}",
        now + timedelta(days=21),
        capacity=60,
    )
    for key, _code in members_targeted(organisation, area_ids=[area.pk])[:14]:
        registration_create(meeting=coming, member_key=key)
    registration_create(meeting=coming, name="Buurtbewoner", email="bewoner@buurtpeil.invalid")
    for number, text in enumerate(QUESTIONS):
        question_submit(meeting=coming, text=text, asker=f"demo-{number}")


def _meeting(organisation, area, kind, title, starts, capacity=None) -> Meeting:
    return meeting_save(
        meeting=Meeting(
            organisation=organisation,
            area=area,
            kind=kind,
            title=title,
            description="Iedereen die in de buurt woont of werkt is welkom. Koffie en thee staan klaar.",
            place="Buurthuis, Hoofdstraat 1",
            starts_at=starts.replace(hour=18),
            ends_at=starts.replace(hour=20),
            capacity=capacity,
        )
    )
