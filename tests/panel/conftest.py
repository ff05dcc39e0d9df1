"""Fixtures for the panel: the real Den Haag buurten, members, logged-in residents, and a
helper that asks for a magic link and returns the token from the e-mail."""

import re

import pytest

from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

LINK = re.compile(r"/p/(?P<org>[^/]+)/login/(?P<token>[^/\s]+)/")


@pytest.fixture
def buurten(organisation):
    """Import the real demo areas for ``organisation``; returns its buurten by code."""
    from buurtpeil.areas.selectors import buurten as buurten_of
    from buurtpeil.areas.services import areas_import

    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )
    return {buurt.code: buurt for buurt in buurten_of(organisation)}


@pytest.fixture
def buurt(buurten):
    return buurten["BU05180271"]  # Belgisch Park


@pytest.fixture
def make_member(db):
    """make_member(organisation, email, **fields) -> an active member with an identity."""
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember

    def make(organisation, email="resident@example.org", **fields):
        defaults = {"status": PanelMember.Status.ACTIVE, "age_group": "45_65", "sex": "female"}
        member = PanelMember.objects.create(organisation=organisation, **{**defaults, **fields})
        Identity.objects.create(
            member=member, organisation=organisation, email=email, email_digest=email_digest(email)
        )
        return member

    return make


@pytest.fixture
def login_as(client):
    """login_as(member): the test client holds a resident session for the member's organisation."""
    from buurtpeil.panel.selectors import session_key

    def login(member):
        session = client.session
        session[session_key(member.organisation)] = member.pk
        session.save()
        return client

    return login


@pytest.fixture
def request_link(client, mailoutbox, django_capture_on_commit_callbacks):
    """request_link(organisation, email) -> the token mailed to ``email`` (runs the task)."""

    def request(organisation, email, *, via=None):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(via or f"/p/{organisation.code}/", {"email": email})
        assert response.status_code == 302, response.content.decode()[:500]
        assert len(mailoutbox) == before + 1, "no e-mail was sent"
        message = mailoutbox[-1]
        assert [address.lower() for address in message.to] == [email.strip().lower()]
        return LINK.search(message.body)["token"]

    return request
