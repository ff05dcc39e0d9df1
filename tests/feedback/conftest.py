"""Fixtures for feedback: a poll sent to three members of whom two answered, then closed; a
safety plan with a goal and an action; and the feedback written for the poll."""

from datetime import date

import pytest

from tests.distribution.conftest import (  # noqa: F401  (fixtures reused)
    buurten,
    daytime,
    distribute,
    make_member,
    poll,
    smtp_server,
)


@pytest.fixture
def members(organisation, buurten, make_member):  # noqa: F811
    buurt = next(iter(buurten.values()))
    return [make_member(organisation, buurt, email=f"r{index}@example.org") for index in range(3)]


def answer(poll, member):  # noqa: F811
    """Mark ``member``'s invitation to ``poll`` as answered, as finishing the answers does."""
    from buurtpeil.distribution.models import Recipient
    from buurtpeil.distribution.services import recipient_responded

    recipient_responded(recipient=Recipient.objects.get(distribution__poll=poll, member_key=member.key))


@pytest.fixture
def answered(poll, members, distribute, mailoutbox):  # noqa: F811
    """The poll sent to the three members, answered by the first two and closed; the
    invitations are taken out of the outbox."""
    from buurtpeil.polls.services import poll_close

    distribute()
    answer(poll, members[0])
    answer(poll, members[1])
    poll_close(poll=poll)
    mailoutbox.clear()
    return poll


def make_plan(organisation, *, title="Integraal veiligheidsplan 2027-2030"):
    """A plan of ``organisation`` with one goal (in its first buurt) and one action with a partner."""
    from buurtpeil.partners.models import Partner
    from buurtpeil.plans.models import Action, Goal, Plan

    plan = Plan.objects.create(
        organisation=organisation, title=title, starts=date(2027, 1, 1), ends=date(2030, 12, 31)
    )
    goal = Goal.objects.create(
        plan=plan,
        title="Minder bewoners voelen zich onveilig in de buurt",
        factor=7,
        indicator="buurt_unsafe",
        target=0.25,
        deadline=date(2028, 12, 31),
        owner="Team Veiligheid",
    )
    action = Action.objects.create(
        goal=goal,
        title="Betere straatverlichting in het park",
        starts=date(2027, 3, 1),
        ends=date(2027, 9, 30),
    )
    partner = Partner.objects.create(
        organisation=organisation, name=f"Woningcorporatie {organisation.code}", sector="housing"
    )
    action.partners.add(partner)
    return plan, goal, action


@pytest.fixture
def plan(organisation):
    return make_plan(organisation)


TEXTS = {
    "title": {"nl": "Meer licht in het park", "en": "More light in the park"},
    "said": {"nl": "U vond het park 's avonds te donker.", "en": "You found the park too dark at night."},
    "done": {"nl": "We plaatsen twintig nieuwe lantaarns.", "en": "We put up twenty new street lights."},
}


@pytest.fixture
def feedback(answered, plan):
    from buurtpeil.feedback.services import feedback_save

    _plan, goal, action = plan
    return feedback_save(poll=answered, **TEXTS, goal_ids=[goal.pk], action_ids=[action.pk])
