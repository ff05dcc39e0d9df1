"""Leaving keeps pseudonymous traits; erasure leaves nothing that holds the address."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from buurtpeil.panel.models import Identity, MagicLink, PanelMember
from buurtpeil.panel.services import CONSENT_VERSION

pytestmark = pytest.mark.django_db

ADDRESS = "erase.me@example.org"


def _database_text() -> str:
    """Every row of every table as text, with session data decoded."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table names from introspection
            parts.extend(repr(row) for row in cursor.fetchall())
            if table == "django_session":
                cursor.execute(f"SELECT session_data FROM {quoted}")  # noqa: S608
                parts.extend(repr(SessionStore().decode(data)) for (data,) in cursor.fetchall())
    return "\n".join(parts).lower()


def _join(client, organisation, buurt, request_link, email=ADDRESS):
    token = request_link(organisation, email)
    client.post(f"/p/{organisation.code}/login/{token}/")
    client.post(
        f"/p/{organisation.code}/profile/",
        {"buurt": buurt.code, "age_group": "25_45", "sex": "female", "consent": "on"},
    )
    return PanelMember.objects.get(identity__email=email)


def test_erasure_leaves_nothing_that_holds_the_address(client, organisation, buurt, request_link):
    member = _join(client, organisation, buurt, request_link)
    # A second, unused link for the same address, and an address change under way.
    request_link(organisation, ADDRESS.upper())
    request_link(organisation, "next.address@example.org", via=f"/p/{organisation.code}/me/email/")
    assert ADDRESS in _database_text()

    assert client.get(f"/p/{organisation.code}/erase/").status_code == 200
    response = client.post(f"/p/{organisation.code}/erase/")
    assert response["Location"] == f"/p/{organisation.code}/"

    assert not PanelMember.objects.filter(pk=member.pk).exists()
    assert not Identity.objects.exists() and not MagicLink.objects.exists()
    text = _database_text()
    assert ADDRESS not in text and "next.address@example.org" not in text
    assert str(member.key).replace("-", "") not in text.replace("-", "")
    assert client.get(f"/p/{organisation.code}/me/").status_code == 302


def test_erasure_logs_out_every_device(client, organisation, buurt, request_link):
    member = _join(client, organisation, buurt, request_link)
    laptop = Client()  # a second device, logged in with its own link
    token = request_link(organisation, ADDRESS)
    laptop.post(f"/p/{organisation.code}/login/{token}/")
    assert laptop.get(f"/p/{organisation.code}/me/").status_code == 200
    client.post(f"/p/{organisation.code}/erase/")
    assert laptop.get(f"/p/{organisation.code}/me/").status_code == 302
    assert not PanelMember.objects.filter(pk=member.pk).exists()


def test_erasure_tells_apps_that_keep_data_under_the_member_key(organisation, make_member):
    from buurtpeil.panel.services import member_erase
    from buurtpeil.panel.signals import member_erased

    member = make_member(organisation)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    member_erased.connect(receiver)
    try:
        member_erase(member=member)
    finally:
        member_erased.disconnect(receiver)
    assert received == [
        {"signal": member_erased, "organisation_id": organisation.pk, "member_key": member.key}
    ]


def test_leaving_deletes_contact_data_and_keeps_the_pseudonymous_traits(
    client, organisation, buurt, request_link
):
    member = _join(client, organisation, buurt, request_link)
    assert client.get(f"/p/{organisation.code}/leave/").status_code == 200
    response = client.post(f"/p/{organisation.code}/leave/")
    assert response["Location"] == f"/p/{organisation.code}/"

    member.refresh_from_db()
    assert member.status == PanelMember.Status.LEFT and member.left_at is not None
    assert (member.buurt, member.age_group, member.sex) == (buurt, "25_45", "female")
    assert member.consent_version == CONSENT_VERSION
    assert not Identity.objects.exists() and not MagicLink.objects.exists()
    assert ADDRESS not in _database_text()
    assert client.get(f"/p/{organisation.code}/me/").status_code == 302

    # Coming back later is joining anew: a new member, not the old one.
    _join(Client(), organisation, buurt, request_link)
    assert PanelMember.objects.count() == 2
