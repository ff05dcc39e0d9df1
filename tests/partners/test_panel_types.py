"""Key figures and partners as panels of their own: registering one with an address makes a
member of that panel type; a poll goes to one panel type only; its answers are analysed apart
from the residents' and not weighted; erasure removes the member and its answers."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from buurtpeil.distribution.services import distribution_create
from buurtpeil.insights.selectors import areas_waves
from buurtpeil.insights.services import poll_results_compute
from buurtpeil.panel.digests import email_digest
from buurtpeil.panel.models import Identity, PanelMember
from buurtpeil.panel.selectors import panel_overview
from buurtpeil.partners.models import KeyFigure, Partner
from buurtpeil.polls.definition import definition_empty
from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish
from buurtpeil.responses.models import Response
from buurtpeil.responses.services import response_save_by_token

LINK = re.compile(r"/p/GM0518/a/([A-Za-z0-9_-]+)")


@pytest.fixture
def analyst(client, den_haag, make_staff, settings):
    settings.QUIET_HOURS = "off"  # send at once, whatever the hour the tests run
    client.force_login(make_staff(den_haag, "analyst"))
    return client


def key_figure_register(client, organisation, number: int, **fields):
    client.post(
        reverse("partners:key_figure_new", args=[organisation.code]),
        {
            "name": f"Sleutelfiguur {number}",
            "community": "Jongeren op het plein",
            "email": f"sleutel{number}@example.org",
            "consent": "on",
            **fields,
        },
    )
    return KeyFigure.objects.get(name=f"Sleutelfiguur {number}")


def resident(organisation, email: str, buurt=None) -> PanelMember:
    member = PanelMember.objects.create(
        organisation=organisation, buurt=buurt, status="active", age_group="45_65", sex="female"
    )
    Identity.objects.create(
        member=member, organisation=organisation, email=email, email_digest=email_digest(email)
    )
    return member


def poll_to(organisation, audience: str):
    poll = poll_create(
        organisation=organisation,
        title=f"Veiligheid ({audience})",
        definition=definition_empty(languages=["nl"], title={"nl": "Veiligheid"}),
        audience=audience,
    )
    poll_module_add(poll=poll, module_code="safety_general")
    poll_publish(poll=poll)
    return poll


def send(poll, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        return distribution_create(
            poll=poll,
            target={},
            channels=["email"],
            starts_at=now,
            ends_at=now + timedelta(days=14),
            reminder_days=[],
            actor=None,
        )


def answer_all(mailoutbox, unsafe_ever: str) -> None:
    for message in mailoutbox:
        token = LINK.search(message.body).group(1)
        result = response_save_by_token(
            organisation_code="GM0518",
            token=token,
            answers={"unsafe_ever": unsafe_ever, "unsafe_often": "sometimes"},
            idempotency_key=f"k-{token[:10]}",
            complete=True,
            language="nl",
        )
        assert result is not None and result.status == "complete", result


def test_a_key_figure_with_an_address_joins_the_key_figures_panel_not_the_residents(analyst, den_haag):
    buurt = den_haag.areas.get(code="BU05182811")
    key_figure = key_figure_register(analyst, den_haag, 1, areas=[buurt.pk], phone="0612345678")

    member = PanelMember.objects.get(key=key_figure.member_key)
    assert (member.kind, member.status, member.buurt) == ("key_figures", "active", buurt)
    assert (member.identity.email, member.identity.phone) == ("sleutel1@example.org", "0612345678")
    assert panel_overview(den_haag).status_counts["active"] == 0  # not a resident

    # A changed address follows; without address and phone the member goes.
    analyst.post(
        reverse("partners:key_figure", args=[den_haag.code, key_figure.pk]),
        {"name": "Sleutelfiguur 1", "community": "Jongeren", "email": "nieuw@example.org", "consent": "on"},
    )
    member.refresh_from_db()
    assert (member.identity.email, member.buurt) == ("nieuw@example.org", None)
    analyst.post(
        reverse("partners:key_figure", args=[den_haag.code, key_figure.pk]),
        {"name": "Sleutelfiguur 1", "community": "Jongeren", "consent": "on"},
    )
    key_figure.refresh_from_db()
    assert key_figure.member_key is None and not PanelMember.objects.exists()


def test_someone_in_both_panels_stays_two_members_and_logs_in_as_the_resident(client, analyst, den_haag):
    member = resident(den_haag, "beide@example.org")
    key_figure = key_figure_register(analyst, den_haag, 2, email="beide@example.org")
    assert PanelMember.objects.filter(kind="key_figures", key=key_figure.member_key).exists()

    client.logout()
    client.post(reverse("panel:home", args=[den_haag.code]), {"email": "beide@example.org"})
    from buurtpeil.panel.models import MagicLink

    link = MagicLink.objects.get()
    assert link.member_id == member.pk  # the residents' login finds the resident only


def test_a_poll_reaches_only_its_panel_type_and_is_analysed_apart_unweighted(
    analyst, den_haag, mailoutbox, django_capture_on_commit_callbacks
):
    buurt = den_haag.areas.get(code="BU05182811")
    for number in range(1, 4):
        key_figure_register(analyst, den_haag, number, areas=[buurt.pk])
    Partner.objects.create(organisation=den_haag, name="Zonder contact", sector="school")
    analyst.post(
        reverse("partners:new", args=[den_haag.code]),
        {
            "name": "Haag Wonen",
            "sector": "housing",
            "contact_name": "P. de Vries",
            "contact_email": "p@example.org",
        },
    )
    residents = [resident(den_haag, f"bewoner{n}@example.org", buurt) for n in range(4)]

    key_figures_poll = poll_to(den_haag, "key_figures")
    send(key_figures_poll, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == [f"sleutel{n}@example.org" for n in (1, 2, 3)]
    answer_all(mailoutbox, unsafe_ever="no")

    mailoutbox.clear()
    residents_poll = poll_to(den_haag, "residents")
    send(residents_poll, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.identity.email for r in residents)
    answer_all(mailoutbox, unsafe_ever="yes")

    mailoutbox.clear()
    send(poll_to(den_haag, "partners"), django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mailoutbox] == ["p@example.org"]

    assert Response.objects.filter(poll=key_figures_poll, status="complete").count() == 3
    assert Response.objects.filter(poll=key_figures_poll, buurt_code="BU05182811").count() == 3
    ours = poll_results_compute(poll=key_figures_poll)
    theirs = poll_results_compute(poll=residents_poll)
    assert (ours.respondents, theirs.respondents) == (3, 4)
    assert ours.summary["audience"] == "key_figures" and not ours.summary["weighting"]["weighted"]
    assert theirs.summary["audience"] == "residents"

    # Trends and comparisons keep the panel types apart.
    top = den_haag.areas.get(level="gemeente").code
    assert [w[0] for w in areas_waves(den_haag, [top])] == [residents_poll.pk]
    assert [w[0] for w in areas_waves(den_haag, [top], "key_figures")] == [key_figures_poll.pk]

    page = analyst.get(reverse("insights:poll", args=[den_haag.code, key_figures_poll.pk])).content.decode()
    assert "apart van het bewonerspanel" in page and "Sleutelfiguren" in page


def test_erasing_a_key_figure_erases_their_member_and_answers(
    analyst, den_haag, mailoutbox, django_capture_on_commit_callbacks
):
    key_figure = key_figure_register(analyst, den_haag, 1)
    poll = poll_to(den_haag, "key_figures")
    send(poll, django_capture_on_commit_callbacks)
    answer_all(mailoutbox, unsafe_ever="no")
    assert Response.objects.filter(member_key=key_figure.member_key).exists()

    analyst.post(reverse("partners:key_figure_erase", args=[den_haag.code, key_figure.pk]))
    assert not KeyFigure.objects.exists()
    assert not PanelMember.objects.exists() and not Identity.objects.exists()
    assert not Response.objects.filter(member_key=key_figure.member_key).exists()


def test_a_new_poll_asks_who_answers(analyst, den_haag):
    analyst.post(reverse("polls:new", args=[den_haag.code]), {"title": "Signalen", "audience": "key_figures"})
    from buurtpeil.polls.models import Poll

    assert Poll.objects.get(title="Signalen").audience == "key_figures"
    listing = analyst.get(reverse("polls:list", args=[den_haag.code])).content.decode()
    assert "Sleutelfiguren" in listing
