"""Staff pages of polls: viewers look, analysts edit; another organisation's poll is a 404;
the editor copies modules, saves questions from the form and publishes."""

import pytest

from buurtpeil.polls import services
from buurtpeil.polls.definition import questions
from buurtpeil.polls.models import Poll


@pytest.fixture(autouse=True)
def english(client):
    """The assertions read the English texts; Dutch is checked once below."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _url(poll, rest=""):
    return f"/staff/{poll.organisation.code}/polls/{poll.pk}/{rest}"


@pytest.fixture
def analyst_client(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    return client


def test_every_page_shows_for_a_viewer(client, organisation, make_staff, poll):
    client.force_login(make_staff(organisation, "viewer"))
    services.poll_language_add(poll=poll, language="tr")
    for url in ["/staff/GM0518/polls/", "/staff/GM0518/polls/library/", _url(poll), _url(poll, "library/"),
                _url(poll, "translations/")]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
    body = client.get(_url(poll)).content.decode()
    assert "Vertrouwen" in body and "8. Vertrouwenwekkend toezicht" in body
    assert "victim = yes" in body  # the condition of "reported"
    assert "Publish" not in body and "/delete/" not in body  # nothing to edit with


def test_a_viewer_cannot_edit(client, organisation, make_staff, poll):
    client.force_login(make_staff(organisation, "viewer"))
    posts = [
        ("modules/", {"module": "cohesion"}),
        ("questions/victim/delete/", {}),
        ("publish/", {}),
        ("translations/add/", {"language": "tr"}),
    ]
    for rest, data in posts:
        assert client.post(_url(poll, rest), data).status_code == 403, rest
    assert client.get(_url(poll, "questions/victim/")).status_code == 403
    assert client.get("/staff/GM0518/polls/new/").status_code == 403
    assert Poll.objects.get(pk=poll.pk).definition == poll.definition


def test_another_organisations_poll_is_not_found(analyst_client, other_organisation, poll):
    theirs = services.poll_create(
        organisation=other_organisation,
        title="Utrecht",
        definition={"languages": ["nl"], "title": {"nl": "Utrecht"}, "groups": []},
    )
    for rest in ["", "library/", "translations/", "settings/"]:
        assert analyst_client.get(f"/staff/GM0518/polls/{theirs.pk}/{rest}").status_code == 404
    assert (
        analyst_client.post(f"/staff/GM0518/polls/{theirs.pk}/modules/", {"module": "open"}).status_code
        == 404
    )
    assert analyst_client.get("/staff/GM0344/polls/").status_code == 404


def test_a_poll_is_created_in_the_chosen_languages(analyst_client):
    response = analyst_client.post(
        "/staff/GM0518/polls/new/", {"title": "Najaar 2026", "english": "on", "other_languages": "tr, AR"}
    )
    poll = Poll.objects.get(title="Najaar 2026")
    assert response["Location"] == f"/staff/GM0518/polls/{poll.pk}/"
    assert poll.definition["languages"] == ["nl", "en", "tr", "ar"]
    assert (
        analyst_client.post("/staff/GM0518/polls/new/", {"title": "X", "other_languages": "tr!"}).status_code
        == 200
    )


def test_a_module_is_added_and_renames_are_reported(analyst_client, poll):
    response = analyst_client.post(_url(poll, "modules/"), {"module": "victimisation"}, follow=True)
    assert "victim → victim_2" in response.content.decode()
    poll.refresh_from_db()
    assert poll.definition["groups"][-1]["id"] == "g_victimisation"


def test_a_question_is_added_from_the_form(analyst_client, poll):
    data = {
        "type": "single",
        "text_nl": "Hoe vaak ziet u de wijkagent?",
        "text_en": "How often do you see the community officer?",
        "scale": "frequency3",
        "required": "on",
        "condition_question": "victim",
        "condition_op": "eq",
        "condition_value": "yes",
        "factor": "8",
        "indicator": "wijkagent_seen",
        "code": "wijkagent",
    }
    response = analyst_client.post(_url(poll, "groups/g1/questions/new/"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    poll.refresh_from_db()
    question = poll.definition["groups"][0]["questions"][-1]
    assert question["code"] == "wijkagent"
    assert question["text"] == {
        "nl": "Hoe vaak ziet u de wijkagent?",
        "en": "How often do you see the community officer?",
    }
    assert [c["value"] for c in question["choices"]] == ["often", "sometimes", "never"]
    assert question["condition"] == {"question": "victim", "op": "eq", "value": "yes"}
    assert (question["factor"], question["indicator"], question["required"]) == (8, "wijkagent_seen", True)


def test_the_edit_form_keeps_own_choices_and_grid_items_per_language(analyst_client, poll):
    form = analyst_client.get(_url(poll, "questions/nuisance/")).content.decode()
    assert "litter|Rommel" in form
    data = {
        "type": "grid",
        "text_nl": "Overlast",
        "choices_nl": "yes|Ja\nno|Nee",
        "choices_en": "yes|Yes\nno|No",
        "items_nl": "litter|Rommel\nnoise|Lawaai\nsmell|Stank",
        "items_en": "smell|Smell",
        "dont_know": "on",
        "required": "on",
        "code": "nuisance",
    }
    assert analyst_client.post(_url(poll, "questions/nuisance/"), data).status_code == 302
    poll.refresh_from_db()
    question = poll.definition["groups"][1]["questions"][-1]
    assert question["items"][2] == {"code": "smell", "text": {"nl": "Stank", "en": "Smell"}}
    assert question["dont_know"] is True


def test_a_faulty_question_form_says_what_is_wrong(analyst_client, poll):
    data = {"type": "single", "text_nl": "Kies", "choices_nl": "zonder streep", "code": "kies"}
    response = analyst_client.post(_url(poll, "groups/g1/questions/new/"), data)
    assert response.status_code == 400
    assert "value|label" in response.content.decode()
    data["choices_nl"] = "a|A"
    response = analyst_client.post(_url(poll, "groups/g1/questions/new/"), data)
    assert "needs at least two choices" in response.content.decode()
    assert "kies" not in [q["code"] for q in questions(Poll.objects.get(pk=poll.pk).definition)]


def test_a_refused_delete_is_explained(analyst_client, poll):
    response = analyst_client.post(_url(poll, "questions/victim/delete/"), follow=True)
    assert "the condition of reported depends on it" in response.content.decode()


def test_translations_are_shown_side_by_side_and_saved(analyst_client, poll):
    assert analyst_client.post(_url(poll, "translations/add/"), {"language": "pl"}).status_code == 302
    page = analyst_client.get(_url(poll, "translations/")).content.decode()
    assert 'lang="pl"' in page and "missing" in page
    form = analyst_client.get(_url(poll, "translations/pl/")).content.decode()
    assert "Slachtoffer?" in form  # the source text as the label
    analyst_client.post(_url(poll, "translations/pl/"), {"t0": "Ankieta"})
    assert Poll.objects.get(pk=poll.pk).definition["title"]["pl"] == "Ankieta"
    assert analyst_client.get(_url(poll, "translations/nl/")).status_code == 404  # the source


def test_publish_shows_the_version_and_close_ends_editing(analyst_client, poll):
    response = analyst_client.post(_url(poll, "publish/"), follow=True)
    assert "version 1" in response.content.decode()
    assert analyst_client.post(_url(poll, "close/")).status_code == 302
    assert Poll.objects.get(pk=poll.pk).status == Poll.Status.CLOSED
    response = analyst_client.post(_url(poll, "modules/"), {"module": "open"}, follow=True)
    assert "can no longer be changed" in response.content.decode()


def test_an_empty_poll_is_not_published(analyst_client, organisation):
    poll = services.poll_create(
        organisation=organisation,
        title="Leeg",
        definition={"languages": ["nl"], "title": {"nl": "Leeg"}, "groups": []},
    )
    response = analyst_client.post(_url(poll, "publish/"), follow=True)
    assert "at least one question" in response.content.decode()
    assert not poll.versions.exists()


def test_the_pages_are_in_dutch_by_default(client, organisation, make_staff, poll):
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE")
    client.force_login(make_staff(organisation, "analyst"))
    body = client.get(_url(poll)).content.decode()
    assert "Peilingen" in body and "Module uit de bibliotheek toevoegen" in body
    response = client.post(_url(poll, "questions/victim/delete/"), follow=True)
    assert "de voorwaarde van reported hangt ervan af" in response.content.decode()
