"""GET /api/v1/peilingen, /peilingen/{id} and /peilingen/{id}/aantallen."""

import pytest

pytestmark = pytest.mark.django_db


def test_staff_token_lists_the_organisations_polls_in_pages(
    api, organisation, other_organisation, make_poll, token
):
    polls = [make_poll(organisation, title=f"Peiling {n}") for n in range(3)]
    make_poll(organisation, publish=False, title="Concept")
    make_poll(other_organisation, title="Van een ander")

    response = api.get("/api/v1/peilingen?paginaGrootte=2", token=token)

    assert response.status_code == 200
    body = response.json()
    assert body["aantal"] == 4
    assert len(body["resultaten"]) == 2 and body["vorige"] is None
    assert "pagina=2" in body["volgende"]
    second = api.get(body["volgende"], token=token).json()
    titles = {item["titel"] for item in body["resultaten"] + second["resultaten"]}
    assert titles == {"Concept", *(poll.title for poll in polls)}
    first = body["resultaten"][0]
    assert set(first) == {
        "id",
        "titel",
        "status",
        "doelgroep",
        "aangemaaktOp",
        "gewijzigdOp",
        "url",
        "versie",
        "aantalVragen",
    }
    by_title = {item["titel"]: item for item in body["resultaten"] + second["resultaten"]}
    assert by_title["Concept"]["status"] == "concept" and by_title["Concept"]["versie"] is None
    assert by_title["Peiling 0"]["status"] == "open" and by_title["Peiling 0"]["versie"] == 1
    assert by_title["Peiling 0"]["aantalVragen"] == 4
    assert by_title["Peiling 0"]["doelgroep"] == "bewoners"
    assert (
        by_title["Peiling 0"]["aangemaaktOp"].startswith("20")
        and "T" in by_title["Peiling 0"]["aangemaaktOp"]
    )
    assert by_title["Peiling 0"]["url"].endswith(f"/api/v1/peilingen/{polls[0].pk}")


def test_detail_gives_the_latest_version_with_its_questions(api, poll, token):
    response = api.get(f"/api/v1/peilingen/{poll.pk}", token=token)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == poll.pk and body["titel"] == "Veiligheid 2026" and body["status"] == "open"
    version = body["versie"]
    assert version["nummer"] == 1 and version["talen"] == ["nl", "en"]
    assert version["titel"]["en"] == "Safety in your neighbourhood"
    group = version["groepen"][0]
    assert group["id"] == "g1" and group["titel"]["nl"] == "Uw buurt"
    unsafe, where, mark, age = group["vragen"]
    assert unsafe == {
        "code": "unsafe",
        "type": "enkeleKeuze",
        "tekst": {"nl": "Voelt u zich wel eens onveilig?", "en": "Do you ever feel unsafe?"},
        "toelichting": {},
        "verplicht": True,
        "keuzes": [
            {"waarde": "yes", "label": {"nl": "Ja", "en": "Yes"}},
            {"waarde": "no", "label": {"nl": "Nee", "en": "No"}},
        ],
        "items": [],
        "weetNiet": False,
        "minimum": None,
        "maximum": None,
        "voorwaarde": None,
        "factor": 1,
        "indicator": "unsafe_ever",
        "omgekeerd": False,
    }
    assert where["voorwaarde"] == {"vraag": "unsafe", "operator": "eq", "waarde": "yes"}
    assert where["type"] == "tekst" and where["verplicht"] is False and where["factor"] is None
    assert mark["type"] == "rapportcijfer"
    assert (age["minimum"], age["maximum"]) == (16, 120)


def test_detail_of_a_poll_never_published_has_no_version(api, organisation, make_poll, token):
    poll = make_poll(organisation, publish=False)
    body = api.get(f"/api/v1/peilingen/{poll.pk}", token=token).json()
    assert body["status"] == "concept" and body["versie"] is None


def test_resident_sees_the_poll_of_their_invitation_only(api, organisation, poll, make_poll, invite):
    bearer = invite(poll)
    other_poll = make_poll(organisation, title="Andere peiling")

    assert api.get(f"/api/v1/peilingen/{poll.pk}", bearer=bearer).status_code == 200
    assert api.get(f"/api/v1/peilingen/{other_poll.pk}", bearer=bearer).status_code == 404
    # Staff-only operations refuse an invitation.
    assert api.get("/api/v1/peilingen", bearer=bearer).status_code == 403
    assert api.get(f"/api/v1/peilingen/{poll.pk}/aantallen", bearer=bearer).status_code == 403


def test_a_resident_who_started_keeps_seeing_their_version(api, poll, invite):
    from buurtpeil.polls.services import poll_publish

    bearer = invite(poll)
    saved = api.post("/api/v1/antwoorden", {"antwoorden": {"mark": 7}}, bearer=bearer, key="k1")
    assert saved.status_code == 200
    definition = {**poll.definition, "title": {"nl": "Nieuwe titel", "en": "New title"}}
    poll.definition = definition
    poll.save()
    assert poll_publish(poll=poll).number == 2

    assert api.get(f"/api/v1/peilingen/{poll.pk}", bearer=bearer).json()["versie"]["nummer"] == 1
    assert api.get(f"/api/v1/peilingen/{poll.pk}", bearer=invite(poll)).json()["versie"]["nummer"] == 2


def test_counts_suppress_small_buurten_as_null_never_zero(api, organisation, poll, invite, token):
    from buurtpeil.distribution.models import Recipient

    organisation.privacy_minimum = 3
    organisation.save()
    big = [invite(poll, "BU05180001") for _ in range(5)]
    small = [invite(poll, "BU05180002") for _ in range(2)]
    middle = [invite(poll, "BU05180003") for _ in range(4)]
    for bearer in big[:4] + small[:1] + middle[:3]:
        answered = api.post(
            "/api/v1/antwoorden",
            {"antwoorden": {"unsafe": "no", "mark": 8}, "compleet": True},
            bearer=bearer,
            key="x",
        )
        assert answered.status_code == 200, answered.json()
    api.post("/api/v1/antwoorden", {"antwoorden": {"mark": 6}}, bearer=small[1], key="y")  # started only

    body = api.get(f"/api/v1/peilingen/{poll.pk}/aantallen", token=token).json()

    assert (body["uitgenodigd"], body["gestart"], body["voltooid"]) == (11, 9, 8)
    assert body["privacyMinimum"] == 3 and body["peiling"] == poll.pk
    rows = {row["buurtCode"]: row for row in body["perBuurt"]}
    assert rows["BU05180001"] == {
        "buurtCode": "BU05180001",
        "buurtNaam": "",
        "voltooid": 4,
        "onderdrukt": False,
    }
    assert rows["BU05180002"]["voltooid"] is None and rows["BU05180002"]["onderdrukt"] is True
    # Only one buurt below the minimum: the next smallest (3) is hidden too, or the total gives it away.
    assert rows["BU05180003"]["voltooid"] is None and rows["BU05180003"]["onderdrukt"] is True
    assert Recipient.objects.filter(responded_at__isnull=False).count() == 8


@pytest.mark.parametrize("suffix", ["", "/aantallen"])
def test_another_organisations_poll_is_not_found(api, other_organisation, make_poll, token, invite, suffix):
    theirs = make_poll(other_organisation)
    response = api.get(f"/api/v1/peilingen/{theirs.pk}{suffix}", token=token)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert theirs.title not in response.content.decode()


def test_another_organisations_resident_cannot_see_our_poll(api, poll, other_organisation, make_poll, invite):
    their_bearer = invite(make_poll(other_organisation))
    assert api.get(f"/api/v1/peilingen/{poll.pk}", bearer=their_bearer).status_code == 404


def test_another_organisations_token_lists_only_its_own(api, poll, other_token):
    body = api.get("/api/v1/peilingen", token=other_token).json()
    assert body["aantal"] == 0 and body["resultaten"] == []


def test_detail_and_counts_take_a_fixed_number_of_queries(
    api, organisation, poll, token, invite, django_assert_num_queries
):
    for _ in range(3):
        invite(poll)
    api.get("/api/v1/peilingen", token=token)  # the token's last use is now recorded
    with django_assert_num_queries(3):  # token, poll, version
        api.get(f"/api/v1/peilingen/{poll.pk}", token=token)
    with django_assert_num_queries(4):  # token, poll, counts, buurt names
        api.get(f"/api/v1/peilingen/{poll.pk}/aantallen", token=token)
    with django_assert_num_queries(2):  # token, polls with their latest version (counted in memory)
        api.get("/api/v1/peilingen", token=token)
