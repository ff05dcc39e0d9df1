"""Letter codes: the alphabet, uniqueness, typing leniency, and joining with a code."""

import pytest
from django.test import Client

from buurtpeil.organisations.models import LoginThrottle
from buurtpeil.panel import codes, services
from buurtpeil.panel.models import Invitation, InvitationContact, PanelMember, RecruitmentBatch

AMBIGUOUS = set("0O1IL")


def test_codes_use_eight_characters_without_look_alikes():
    assert not AMBIGUOUS & set(codes.ALPHABET)
    assert len(set(codes.ALPHABET)) == len(codes.ALPHABET) == 31
    made = {codes.code_new() for _ in range(2000)}
    assert len(made) == 2000
    assert all(len(code) == 8 and set(code) <= set(codes.ALPHABET) for code in made)


def test_typed_codes_are_normalised():
    assert codes.code_normalise(" abcd-2345 ") == "ABCD2345"
    assert codes.code_normalise("abcd 2345") == "ABCD2345"
    assert codes.code_normalise("AbCd\u20132345") == "ABCD2345"
    assert codes.code_display("ABCD2345") == "ABCD-2345"
    assert codes.code_is_well_formed("ABCD2345")
    assert not codes.code_is_well_formed("ABCD0345")  # 0 is never issued
    assert not codes.code_is_well_formed("ABCD234")


@pytest.mark.django_db
def test_new_codes_are_unique_among_themselves_and_in_the_database(organisation, buurt, monkeypatch):
    batch = RecruitmentBatch.objects.create(organisation=organisation, name="old")
    Invitation.objects.create(organisation=organisation, batch=batch, code="AAAAAAAA", buurt=buurt)
    draws = iter(["AAAAAAAA", "BBBBBBBB", "BBBBBBBB", "CCCCCCCC", "DDDDDDDD"])
    monkeypatch.setattr(services, "code_new", lambda: next(draws))
    assert sorted(services.invitation_codes_new(3)) == ["BBBBBBBB", "CCCCCCCC", "DDDDDDDD"]


@pytest.fixture
def invitation(organisation, buurten):
    batch = RecruitmentBatch.objects.create(organisation=organisation, name="Spring")
    invitation = Invitation.objects.create(
        organisation=organisation, batch=batch, code="ABCD2345", buurt=buurten["BU05180271"]
    )
    InvitationContact.objects.create(invitation=invitation, name="J. de Vries", address="Laan 1")
    return invitation


def _join_with_code(client, organisation, typed, request_link, email="letter@example.org"):
    response = client.post(f"/p/{organisation.code}/code/", {"code": typed})
    assert response.status_code == 302, response.content.decode()[:300]
    token = request_link(organisation, email, via=f"/p/{organisation.code}/code/email/")
    return client.post(f"/p/{organisation.code}/login/{token}/")


@pytest.mark.django_db
def test_a_letter_code_joins_with_the_buurt_preset(client, organisation, invitation, request_link):
    response = _join_with_code(client, organisation, "abcd 2345", request_link)
    assert response["Location"] == f"/p/{organisation.code}/profile/"
    member = PanelMember.objects.get()
    assert member.source == PanelMember.Source.LETTER
    assert member.buurt == invitation.buurt
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert not InvitationContact.objects.exists()  # the letter's address is gone
    page = client.get(f"/p/{organisation.code}/profile/").content.decode()
    assert '<option value="BU05180271" selected>' in page


@pytest.mark.django_db
def test_the_qr_code_prefills_the_code(client, organisation, invitation):
    page = client.get(f"/p/{organisation.code}/code/?code=ABCD2345").content.decode()
    assert 'value="ABCD2345"' in page


@pytest.mark.django_db
def test_a_code_is_used_once_and_unknown_and_used_codes_get_the_same_message(
    client, organisation, invitation, request_link
):
    _join_with_code(client, organisation, "ABCD-2345", request_link)
    used = Client().post(f"/p/{organisation.code}/code/", {"code": "ABCD-2345"})
    unknown = Client().post(f"/p/{organisation.code}/code/", {"code": "ZZZZ-9999"})
    assert used.status_code == unknown.status_code == 200
    message = "Deze code is niet geldig"
    assert message in used.content.decode() and message in unknown.content.decode()


@pytest.mark.django_db
def test_the_email_step_needs_a_valid_code_first(client, organisation, invitation):
    response = client.get(f"/p/{organisation.code}/code/email/")
    assert response["Location"] == f"/p/{organisation.code}/code/"


@pytest.mark.django_db
def test_a_code_redeemed_meanwhile_joins_without_preset(client, organisation, invitation, request_link):
    client.post(f"/p/{organisation.code}/code/", {"code": "ABCD2345"})
    token = request_link(organisation, "late@example.org", via=f"/p/{organisation.code}/code/email/")
    Invitation.objects.update(used_at="2026-01-01T00:00:00Z")
    client.post(f"/p/{organisation.code}/login/{token}/")
    member = PanelMember.objects.get()
    assert member.source == PanelMember.Source.SELF and member.buurt is None


@pytest.mark.django_db
def test_guessing_codes_is_slowed_down_per_address_in_the_database(
    client, organisation, invitation, settings
):
    settings.RESIDENT_CODE_FAILURES_MAX = 3
    for _ in range(2):
        client.post(f"/p/{organisation.code}/code/", {"code": "ZZZZ9999"})
    # A right code is no failure: it does not bring the address closer to the limit.
    assert client.post(f"/p/{organisation.code}/code/", {"code": "ABCD2345"}).status_code == 302
    client.post(f"/p/{organisation.code}/code/", {"code": "ZZZZ9999"})
    response = client.post(f"/p/{organisation.code}/code/", {"code": "ABCD2345"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert Invitation.objects.get().used_at is None
    # Counted in the database, so another process sees it; another address is not held up.
    assert LoginThrottle.objects.filter(locked_until__isnull=False).count() == 1
    other = client.post(f"/p/{organisation.code}/code/", {"code": "ABCD2345"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302
