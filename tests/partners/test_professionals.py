"""Professionals (wijkagenten, boa's, the municipality's area staff) as a panel of their own:
registered by analysts, asked with the professionals' module, analysed apart from residents."""

import pytest
from django.urls import reverse

from buurtpeil.insights.services import poll_results_compute
from buurtpeil.organisations.models import AuditEvent
from buurtpeil.panel.models import Identity, PanelMember
from buurtpeil.partners.models import Professional
from buurtpeil.polls.definition import definition_empty
from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish
from buurtpeil.responses.services import response_save_by_token
from tests.partners.test_panel_types import LINK, key_figure_register, resident, send


@pytest.fixture
def analyst(client, den_haag, make_staff, settings):
    settings.QUIET_HOURS = "off"
    client.force_login(make_staff(den_haag, "analyst"))
    return client


def professional_register(client, organisation, number: int, **fields) -> Professional:
    response = client.post(
        reverse("partners:professional_new", args=[organisation.code]),
        {
            "name": f"Wijkagent {number}",
            "role": "community_officer",
            "employer": "Politie eenheid Den Haag",
            "email": f"wijkagent{number}@example.org",
            **fields,
        },
    )
    assert response.status_code == 302, response.content.decode()[:400]
    return Professional.objects.get(name=f"Wijkagent {number}")


def test_a_professional_joins_the_professionals_panel_and_viewers_see_no_contact_details(
    analyst, client, den_haag, make_staff
):
    buurt = den_haag.areas.get(code="BU05182811")
    professional = professional_register(analyst, den_haag, 1, areas=[buurt.pk])
    member = PanelMember.objects.get(key=professional.member_key)
    assert (member.kind, member.buurt, member.identity.email) == (
        "professionals",
        buurt,
        "wijkagent1@example.org",
    )

    listing = analyst.get(reverse("partners:professionals", args=[den_haag.code])).content.decode()
    assert "Wijkagent 1" in listing and "Wijkagent of wijkinspecteur" in listing
    assert "wijkagent1@example.org" not in listing
    analyst.get(reverse("partners:professional", args=[den_haag.code, professional.pk]))
    assert AuditEvent.objects.filter(
        action="view_personal_data", subject=f"contact details of professional {professional.pk}"
    ).exists()

    client.force_login(make_staff(den_haag, "viewer"))
    assert client.get(reverse("partners:professionals", args=[den_haag.code])).status_code == 200
    assert (
        client.get(reverse("partners:professional", args=[den_haag.code, professional.pk])).status_code == 403
    )


def test_a_professionals_poll_reaches_only_professionals_and_is_analysed_apart(
    analyst, den_haag, mailoutbox, django_capture_on_commit_callbacks
):
    buurt = den_haag.areas.get(code="BU05182811")
    for number in (1, 2):
        professional_register(analyst, den_haag, number, areas=[buurt.pk])
    key_figure_register(analyst, den_haag, 9)
    resident(den_haag, "bewoner@example.org", buurt)

    poll = poll_create(
        organisation=den_haag,
        title="Wat professionals zien",
        definition=definition_empty(languages=["nl"], title={"nl": "Wat professionals zien"}),
        audience="professionals",
    )
    poll_module_add(poll=poll, module_code="professionals")
    poll_publish(poll=poll)
    send(poll, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == ["wijkagent1@example.org", "wijkagent2@example.org"]
    for message in mailoutbox:
        token = LINK.search(message.body).group(1)
        result = response_save_by_token(
            organisation_code="GM0518",
            token=token,
            answers={"prof_trend": "improved", "prof_cooperation_residents": "4"},
            idempotency_key=f"k-{token[:10]}",
            complete=True,
            language="nl",
        )
        assert result is not None and result.status == "complete"

    results = poll_results_compute(poll=poll)
    assert results.respondents == 2 and results.summary["audience"] == "professionals"
    assert not results.summary["weighting"]["weighted"]
    page = analyst.get(reverse("insights:poll", args=[den_haag.code, poll.pk])).content.decode()
    assert "apart van het bewonerspanel" in page and "Professionals in de buurten" in page


def test_erasing_a_professional_erases_their_member_and_answers(analyst, den_haag):
    professional = professional_register(analyst, den_haag, 1)
    assert PanelMember.objects.filter(key=professional.member_key, kind="professionals").exists()
    analyst.post(reverse("partners:professional_erase", args=[den_haag.code, professional.pk]))
    assert not Professional.objects.exists()
    assert not PanelMember.objects.exists() and not Identity.objects.exists()
