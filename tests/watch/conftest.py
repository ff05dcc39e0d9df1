"""Neighbourhood-watch groups in Den Haag, and a coordinator's answers."""

import datetime

import pytest

HEALTHY = {
    "police_calls": 4,
    "calls_nothing": 1,
    "self_action": "never",
    "appearance_reports": "never",
    "neighbour_tracking": "never",
    "photos_shared": "never",
    "chat_tone": "mostly_friendly",
    "code_followed": "yes",
    "police_contact": "regular",
}
KORTENBOS = "BU05182811"


def make_group(organisation, name="Buurtapp Kortenbos", buurten=(KORTENBOS,), **fields):
    from buurtpeil.watch.models import WatchGroup

    defaults = {
        "kind": "messaging",
        "size": 80,
        "coordinator_name": "Fatima de Vries",
        "coordinator_email": "coordinator@example.org",
        "coordinator_phone": "06 12345678",
        "started_on": datetime.date(2024, 3, 1),
    }
    group = WatchGroup.objects.create(organisation=organisation, name=name, **{**defaults, **fields})
    group.areas.set(organisation.areas.filter(code__in=buurten))
    return group


@pytest.fixture
def group(den_haag):
    return make_group(den_haag)
