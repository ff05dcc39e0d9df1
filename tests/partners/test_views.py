"""The network poll end to end: a round e-mails each partner a personal link, an answer through
it is stored (and replaced by a later one), and the staff page draws and measures the network."""

import re

import pytest
from django.urls import reverse

from buurtpeil.partners.models import NetworkTie, Partner


@pytest.fixture
def partners(organisation):
    rows = [
        ("Politie basisteam", "police", "politie@example.org"),
        ("Gemeente, team veiligheid", "municipality", "gemeente@example.org"),
        ("Haag Wonen", "housing", "wonen@example.org"),
        ("Basisschool De Vlinder", "school", "school@example.org"),
        ("Buurtwinkel zonder e-mail", "business", ""),
    ]
    return [
        Partner.objects.create(organisation=organisation, name=n, sector=s, contact_email=e)
        for n, s, e in rows
    ]


def _links(mailoutbox):
    return {m.to[0]: re.search(r"https?://\S+/p/\S+/network/\S+/", m.body).group(0) for m in mailoutbox}


def test_a_round_mails_every_partner_with_an_address_and_answers_shape_the_network(
    client, organisation, make_staff, partners, mailoutbox
):
    police, municipality, housing, _school, _shop = partners
    client.force_login(make_staff(organisation, "analyst"))
    page = reverse("partners:network", args=[organisation.code])
    client.post(page, {"title": "Netwerkpeiling 2026"})
    links = _links(mailoutbox)
    assert sorted(links) == sorted(p.contact_email for p in partners if p.contact_email)
    assert all(m.subject == "Netwerkpeiling 2026" for m in mailoutbox)

    answer = links["politie@example.org"].split("127.0.0.1:8000")[-1]
    form = client.get(answer).content.decode()
    assert "Haag Wonen" in form and "Politie basisteam (Politie)" not in form  # not asked about itself
    client.post(
        answer, {f"frequency_{municipality.pk}": "3", f"topics_{municipality.pk}": ["cases", "bogus"]}
    )
    client.post(answer, {f"frequency_{municipality.pk}": "3", f"frequency_{housing.pk}": "1"})  # changed mind
    ties = NetworkTie.objects.filter(source=police).order_by("target__name")
    assert [(t.target, t.frequency, t.topics) for t in ties] == [(municipality, 3, []), (housing, 1, [])]

    staff = client.get(page).content.decode()
    assert "1 van 4 partners hebben geantwoord" in staff
    assert "<svg" in staff and "geïsoleerd" in staff  # the school and the shop work with nobody
    assert "<li>Woningcorporatie \u2013 School</li>" in staff  # a sector gap


def test_a_wrong_or_foreign_link_gives_404(client, organisation, other_organisation, partners, mailoutbox):
    from buurtpeil.partners.services import network_round_open

    network_round_open(organisation=organisation, title="Ronde 1")
    link = next(iter(_links(mailoutbox).values())).split("127.0.0.1:8000")[-1]
    assert client.get(link).status_code == 200
    assert client.get(link.replace(organisation.code, other_organisation.code)).status_code == 404
    assert client.get(link[:-5] + "xxxx/").status_code == 404


def test_key_figures_need_consent_and_their_contact_details_are_for_analysts_only(
    client, organisation, make_staff
):
    from buurtpeil.organisations.models import AuditEvent
    from buurtpeil.partners.models import KeyFigure

    client.force_login(make_staff(organisation, "analyst"))
    new = reverse("partners:key_figure_new", args=[organisation.code])
    person = {
        "name": "Fatima El Amrani",
        "community": "Marokkaans-Nederlandse moeders",
        "email": "f@example.org",
    }
    page = client.post(new, person).content.decode()
    assert "Dit veld is vereist" in page and not KeyFigure.objects.exists()  # no consent, no record
    client.post(new, {**person, "consent": "on"})
    key_figure = KeyFigure.objects.get()
    assert key_figure.consent_at is not None

    client.force_login(make_staff(organisation, "viewer"))
    listing = client.get(reverse("partners:key_figures", args=[organisation.code])).content.decode()
    assert "Fatima El Amrani" in listing and "f@example.org" not in listing
    detail = reverse("partners:key_figure", args=[organisation.code, key_figure.pk])
    assert client.get(detail).status_code == 403

    client.force_login(make_staff(organisation, "analyst"))
    assert "f@example.org" in client.get(detail).content.decode()
    assert AuditEvent.objects.filter(
        action="view_personal_data", subject__contains=str(key_figure.pk)
    ).exists()
    client.post(reverse("partners:key_figure_erase", args=[organisation.code, key_figure.pk]))
    assert not KeyFigure.objects.exists()
