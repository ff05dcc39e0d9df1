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
