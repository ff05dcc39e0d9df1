"""Shared fixtures: two organisations (for tenant isolation), staff users per role,
the real Den Haag demo data, an SMTP server and a Chromium browser."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in live-server tests

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "buurtpeil" / "demo" / "data"
DEMO_GEOJSON = DATA_DIR / "den-haag-buurten.geojson"
DEMO_POPULATION = DATA_DIR / "den-haag-bevolking.csv"


@pytest.fixture
def organisation(db):
    from buurtpeil.organisations.services import organisation_upsert

    return organisation_upsert(code="GM0518", name="'s-Gravenhage")


@pytest.fixture
def other_organisation(db):
    from buurtpeil.organisations.services import organisation_upsert

    return organisation_upsert(code="GM0344", name="Utrecht")


@pytest.fixture
def make_staff(db, django_user_model):
    """make_staff(organisation, role) -> a user with that role in that organisation."""
    from buurtpeil.organisations.services import membership_grant

    counter = iter(range(1, 10_000))

    def make(organisation, role="admin"):
        user = django_user_model.objects.create_user(
            username=f"staff{next(counter)}", password="a-long-test-password"
        )
        membership_grant(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def staff_client(client, organisation, make_staff):
    """A test client logged in as an admin of ``organisation``."""
    client.force_login(make_staff(organisation, "admin"))
    return client


def import_den_haag(organisation):
    """The demo's real areas and population (Den Haag, 2019) for ``organisation``."""
    from buurtpeil.areas.services import areas_import

    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )


@pytest.fixture
def den_haag(organisation):
    """``organisation`` with Den Haag's areas and population."""
    import_den_haag(organisation)
    return organisation


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in Dutch, whatever language an earlier test in this worker switched to."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")
