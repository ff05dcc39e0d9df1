"""Creating a distribution: only a published poll, an end after the start, a known channel and a
target that reaches someone; what is stored."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from buurtpeil.distribution.models import Distribution
from buurtpeil.distribution.services import DistributionRefused, distribution_create

pytestmark = pytest.mark.usefixtures("daytime")


@pytest.fixture
def member(organisation, buurten, make_member):
    return make_member(organisation, next(iter(buurten.values())), age_group="25_45")


def _create(poll, **overrides):
    start = timezone.now() + timedelta(days=1)
    arguments = {
        "poll": poll,
        "target": {},
        "channels": ["email"],
        "starts_at": start,
        "ends_at": start + timedelta(days=14),
        "reminder_days": [3, 7],
        **overrides,
    }
    return distribution_create(**arguments)


def test_a_distribution_records_the_latest_version_target_and_schedule(
    poll, member, make_staff, organisation
):
    actor = make_staff(organisation, "analyst")

    distribution = _create(poll, target={"sample_per_buurt": 5}, actor=actor)

    assert distribution.status == Distribution.Status.SCHEDULED
    assert distribution.version == poll.versions.get()
    assert distribution.target["sample_per_buurt"] == 5 and isinstance(distribution.target["seed"], int)
    assert distribution.reminder_days == [3, 7] and distribution.created_by == actor


def test_an_unpublished_poll_cannot_be_sent(organisation, member):
    from buurtpeil.polls.services import poll_create
    from tests.distribution.conftest import DEFINITION

    draft = poll_create(organisation=organisation, title="Concept", definition=DEFINITION)

    with pytest.raises(DistributionRefused, match="Publiceer de peiling"):
        _create(draft)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"ends_at": timezone.now()}, "after the start"),
        ({"channels": ["fax"]}, "Unknown channel"),
        ({"channels": []}, "at least one channel"),
        ({"target": {"traits": {"age_group": ["65_plus"]}}}, "reaches no"),
        ({"reminder_days": [20]}, "before the end"),
        ({"reminder_days": [0]}, "between 1 and"),
        ({"target": {"religion": 1}}, "Unknown target"),
    ],
)
def test_a_distribution_that_cannot_work_is_refused(poll, member, overrides, reason):
    with translation.override("en"), pytest.raises(DistributionRefused, match=reason):
        _create(poll, **overrides)
    assert not Distribution.objects.exists()


def test_a_refusal_is_told_in_the_staff_members_language(poll, member):
    with translation.override("nl"), pytest.raises(DistributionRefused, match="geen enkel actief panellid"):
        _create(poll, target={"traits": {"age_group": ["65_plus"]}})


def test_an_end_in_the_past_is_refused(poll, member):
    past = timezone.now() - timedelta(days=3)

    with pytest.raises(DistributionRefused, match="al voorbij"):
        _create(poll, starts_at=past, ends_at=past + timedelta(days=1), reminder_days=[])
