"""Fixtures for meetings: the real Den Haag areas, a meeting in Kortenbos, panel members, a key
figure and a partner, and a plan with a goal."""

import datetime

import pytest
from django.utils import timezone

from tests.distribution.conftest import buurten, make_member  # noqa: F401  (reused fixtures)

KORTENBOS = "BU05182811"  # a buurt of the wijk Zuidwal (WK051828)


@pytest.fixture
def kortenbos(buurten):  # noqa: F811
    return buurten[KORTENBOS]


def plan_meeting(organisation, area, *, days=7, capacity=None, **fields):
    from buurtpeil.meetings.models import Meeting
    from buurtpeil.meetings.services import meeting_save

    starts = timezone.now() + datetime.timedelta(days=days)
    meeting = Meeting(
        organisation=organisation,
        area=area,
        kind=fields.pop("kind", Meeting.Kind.BUURT),
        title=fields.pop("title", "Buurtgesprek Kortenbos"),
        place="Buurthuis De Mussen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=capacity,
        **fields,
    )
    return meeting_save(meeting=meeting)


@pytest.fixture
def meeting(organisation, kortenbos):
    return plan_meeting(organisation, kortenbos)


@pytest.fixture
def goal(organisation, kortenbos):
    from buurtpeil.plans.models import Goal, Plan

    start, end = datetime.date(2026, 1, 1), datetime.date(2030, 12, 31)
    plan = Plan.objects.create(organisation=organisation, title="IVP 2026-2030", starts=start, ends=end)
    goal = Goal.objects.create(
        plan=plan, title="Minder onveiligheid in Kortenbos", factor=1, indicator="buurt_unsafe",
        target=0.2, deadline=end, owner="Wijkregisseur",
    )  # fmt: skip
    goal.areas.set([kortenbos])
    return goal


def key_figure(organisation, areas, email):
    from buurtpeil.partners.models import KeyFigure
    from buurtpeil.partners.services import key_figure_member_sync

    figure = KeyFigure.objects.create(
        organisation=organisation,
        name="Imam Yusuf",
        community="Moskee",
        email=email,
        consent_at=timezone.now(),
    )
    figure.areas.set(areas)
    return key_figure_member_sync(key_figure=figure)


def partner(organisation, areas, email):
    from buurtpeil.panel.services import contact_member_save
    from buurtpeil.partners.models import Partner

    record = Partner.objects.create(
        organisation=organisation, name=email.split("@")[0], sector="youth_work", contact_email=email
    )
    record.areas.set(areas)
    record.member_key = contact_member_save(
        organisation=organisation, kind="partners", email=email, name="Contact"
    )
    record.save(update_fields=["member_key"])
    return record


def professional(organisation, areas, email):
    from buurtpeil.partners.models import Professional
    from buurtpeil.partners.services import professional_member_sync

    record = Professional.objects.create(
        organisation=organisation, name="Wijkagent Jansen", role="community_officer", email=email
    )
    record.areas.set(areas)
    return professional_member_sync(professional=record)
