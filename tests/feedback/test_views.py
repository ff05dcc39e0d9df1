"""The pages of feedback: staff write, preview and publish it (once, whatever is submitted
twice); the public pages show published feedback only; the resident sees the polls they
answered with what came of each; another organisation's staff and residents get nothing."""

import pytest
from django.urls import reverse

from buurtpeil.distribution.models import Delivery
from buurtpeil.feedback.models import Feedback
from buurtpeil.feedback.services import feedback_publish, feedback_save
from tests.feedback.conftest import TEXTS, make_plan

pytestmark = pytest.mark.usefixtures("daytime")


def edit_url(poll):
    return reverse("feedback_staff:edit", args=[poll.organisation.code, poll.pk])


def publish_url(poll):
    return reverse("feedback_staff:publish", args=[poll.organisation.code, poll.pk])


def form_data(**overrides):
    data = {
        "title_nl": "Meer licht in het park",
        "said_nl": "U vond het park 's avonds te donker.",
        "done_nl": "We plaatsen twintig nieuwe lantaarns.",
        "title_en": "",
        "said_en": "",
        "done_en": "",
    }
    return {**data, **overrides}


@pytest.fixture
def analyst(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    return client


def log_in_resident(client, organisation, member):
    from buurtpeil.panel.selectors import session_key

    session = client.session
    session[session_key(organisation)] = member.pk
    session.save()


# --- staff -------------------------------------------------------------------------------------


def test_staff_write_preview_and_publish_feedback(
    analyst, answered, plan, mailoutbox, django_capture_on_commit_callbacks
):
    _plan, goal, action = plan
    page = analyst.get(edit_url(answered))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Terugkoppeling op Veiligheid 2026" in body and "Nog niet geschreven." in body
    assert goal.title in body and action.title in body and "Engels (optioneel)" in body

    saved = analyst.post(
        edit_url(answered),
        form_data(title_en="More light", goals=[goal.pk], actions=[action.pk]),
        follow=True,
    )
    body = saved.content.decode()
    assert "Opgeslagen. Bekijk het voorbeeld hieronder en publiceer dan." in body
    assert "Voorbeeld" in body and "twintig nieuwe lantaarns" in body and "Betere straatverlichting" in body
    assert "geeft de 2 bewoners die antwoordden bericht" in body
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        published = analyst.post(publish_url(answered), follow=True)

    assert "De terugkoppeling is gepubliceerd. 2 bewoners die antwoordden krijgen bericht." in (
        published.content.decode()
    )
    assert len(mailoutbox) == 2
    feedback = Feedback.objects.get()
    assert feedback.title == {"nl": "Meer licht in het park", "en": "More light"}
    assert list(feedback.goals.all()) == [goal] and list(feedback.actions.all()) == [action]


def test_a_double_submit_of_publish_notifies_once(
    analyst, feedback, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        analyst.post(publish_url(feedback.poll))
    with django_capture_on_commit_callbacks(execute=True):
        again = analyst.post(publish_url(feedback.poll), follow=True)

    assert "Deze terugkoppeling was al gepubliceerd; niemand kreeg opnieuw bericht." in again.content.decode()
    assert len(mailoutbox) == 2
    assert Delivery.objects.filter(kind="feedback").count() == 2


def test_editing_after_publishing_updates_the_public_page_without_notifying(
    analyst, client, feedback, mailoutbox, django_capture_on_commit_callbacks
):
    feedback_publish(feedback=feedback)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        saved = analyst.post(
            edit_url(feedback.poll), form_data(done_nl="We plaatsen dertig lantaarns."), follow=True
        )

    assert "niemand krijgt opnieuw bericht" in saved.content.decode()
    public = client.get(reverse("feedback_open:detail", args=["GM0518", feedback.poll_id]))
    assert "We plaatsen dertig lantaarns." in public.content.decode()
    assert mailoutbox == []


def test_bad_input_gets_a_dutch_error_and_keeps_what_was_typed(analyst, answered):
    response = analyst.post(edit_url(answered), form_data(title_nl="", said_nl="Mijn lange tekst"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf een titel." in body and "Mijn lange tekst" in body
    assert not Feedback.objects.exists()


def test_publishing_an_open_poll_is_refused_with_a_reason(analyst, poll, plan):
    feedback_save(poll=poll, **TEXTS)

    response = analyst.post(publish_url(poll), follow=True)

    assert "Sluit de peiling voordat u de terugkoppeling publiceert." in response.content.decode()
    assert Feedback.objects.get().published_at is None


def test_publishing_before_saving_asks_to_save_first(analyst, answered):
    response = analyst.post(publish_url(answered), follow=True)

    assert "Sla de terugkoppeling op voordat u haar publiceert." in response.content.decode()


def test_viewers_may_not_write_or_publish_feedback(client, organisation, make_staff, feedback):
    client.force_login(make_staff(organisation, "viewer"))

    assert client.get(edit_url(feedback.poll)).status_code == 403
    assert client.post(publish_url(feedback.poll)).status_code == 403
    assert client.get(reverse("feedback_staff:list", args=["GM0518"])).status_code == 403
    assert Feedback.objects.get().published_at is None


def test_the_staff_list_shows_each_sent_poll_with_its_feedback_state(analyst, feedback):
    feedback_publish(feedback=feedback)

    body = analyst.get(reverse("feedback_staff:list", args=["GM0518"])).content.decode()

    assert "Veiligheid 2026" in body and "2 bewoners kregen bericht" in body


def test_the_poll_page_links_to_its_feedback(analyst, answered):
    body = analyst.get(reverse("polls:detail", args=["GM0518", answered.pk])).content.decode()

    assert edit_url(answered) in body


# --- tenant isolation ----------------------------------------------------------------------------


@pytest.fixture
def other_feedback(other_organisation):
    """Published feedback on a closed poll of the other organisation."""
    from buurtpeil.polls.services import poll_close, poll_create, poll_publish
    from tests.distribution.conftest import DEFINITION

    poll = poll_create(organisation=other_organisation, title="Utrecht peiling", definition=DEFINITION)
    poll_publish(poll=poll)
    poll_close(poll=poll)
    _plan, goal, _action = make_plan(other_organisation)
    feedback = feedback_save(poll=poll, **TEXTS, goal_ids=[goal.pk])
    feedback_publish(feedback=feedback)
    return feedback


def test_staff_of_another_organisation_get_404_for_its_poll_ids(analyst, other_feedback):
    poll = other_feedback.poll
    for url in (
        reverse("feedback_staff:edit", args=["GM0518", poll.pk]),
        reverse("feedback_staff:publish", args=["GM0518", poll.pk]),
    ):
        assert analyst.get(url).status_code in (404, 405), url
        assert analyst.post(url, form_data()).status_code == 404, url
    assert Feedback.objects.get().title == TEXTS["title"]


def test_staff_of_another_organisation_get_404_under_its_code(analyst, other_feedback):
    poll = other_feedback.poll
    for url in (
        reverse("feedback_staff:list", args=["GM0344"]),
        reverse("feedback_staff:edit", args=["GM0344", poll.pk]),
        reverse("feedback_staff:publish", args=["GM0344", poll.pk]),
    ):
        assert analyst.get(url).status_code == 404, url
        assert analyst.post(url).status_code == 404, url


def test_goals_of_another_organisation_cannot_be_linked(analyst, answered, other_organisation):
    _plan, goal, _action = make_plan(other_organisation)

    response = analyst.post(edit_url(answered), form_data(goals=[goal.pk]))

    assert response.status_code == 200 and "Kies alleen doelen uit de plannen van deze organisatie." in (
        response.content.decode()
    )
    assert goal.title not in response.content.decode()
    assert not Feedback.objects.exists()


def test_public_pages_show_only_the_organisations_own_feedback(client, feedback, other_feedback):
    feedback_publish(feedback=feedback)

    assert (
        client.get(reverse("feedback_open:detail", args=["GM0518", other_feedback.poll_id])).status_code
        == 404
    )
    body = client.get(reverse("feedback_open:list", args=["GM0518"])).content.decode()
    assert "Veiligheid 2026" in body and "Utrecht peiling" not in body


# --- public pages --------------------------------------------------------------------------------


def test_the_public_pages_show_published_feedback_only(client, feedback, plan):
    detail = reverse("feedback_open:detail", args=["GM0518", feedback.poll_id])
    assert client.get(detail).status_code == 404
    listing = client.get(reverse("feedback_open:list", args=["GM0518"])).content.decode()
    assert "Er is nog geen terugkoppeling gepubliceerd." in listing and "Meer licht" not in listing

    feedback_publish(feedback=feedback)

    listing = client.get(reverse("feedback_open:list", args=["GM0518"])).content.decode()
    assert detail in listing and "Meer licht in het park" in listing
    body = client.get(detail).content.decode()
    assert (
        "U zei" in body and "te donker" in body and "Wij doen" in body and "twintig nieuwe lantaarns" in body
    )
    _plan, goal, action = plan
    assert goal.title in body and "Woningcorporatie GM0518" in body
    assert f"{action.title}: gepland, 1 maart 2027 tot en met 30 september 2027" in body


def test_the_public_page_holds_no_personal_data(client, feedback, members):
    feedback_publish(feedback=feedback)

    body = client.get(reverse("feedback_open:detail", args=["GM0518", feedback.poll_id])).content.decode()

    assert "@example.org" not in body
    assert all(str(member.key) not in body for member in members)


def test_the_public_page_is_shown_in_english_when_asked(client, feedback):
    feedback_publish(feedback=feedback)

    body = client.get(
        reverse("feedback_open:detail", args=["GM0518", feedback.poll_id]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "More light in the park" in body and "You said" in body


def test_an_unknown_organisation_gives_404(client, db):
    assert client.get(reverse("feedback_open:list", args=["GM9999"])).status_code == 404


def test_the_open_data_page_links_to_the_feedback(client, organisation):
    body = client.get(reverse("open_data:list", args=["GM0518"])).content.decode()

    assert reverse("feedback_open:list", args=["GM0518"]) in body


# --- the resident's own page ---------------------------------------------------------------------


def test_a_resident_sees_the_polls_they_answered_with_the_feedback(client, organisation, feedback, members):
    feedback_publish(feedback=feedback)
    log_in_resident(client, organisation, members[0])

    body = client.get(reverse("feedback_resident:my_polls", args=["GM0518"])).content.decode()

    assert "Mijn peilingen" in body and "Veiligheid 2026" in body and "U antwoordde op" in body
    assert "Meer licht in het park" in body and "twintig nieuwe lantaarns" in body


def test_before_publishing_the_resident_sees_the_poll_without_feedback(
    client, organisation, feedback, members
):
    log_in_resident(client, organisation, members[0])

    body = client.get(reverse("feedback_resident:my_polls", args=["GM0518"])).content.decode()

    assert "Veiligheid 2026" in body and "Meer licht" not in body
    assert "De gemeente heeft nog niet verteld" in body


def test_a_resident_who_did_not_answer_sees_no_poll(client, organisation, feedback, members):
    feedback_publish(feedback=feedback)
    log_in_resident(client, organisation, members[2])  # invited, never answered

    body = client.get(reverse("feedback_resident:my_polls", args=["GM0518"])).content.decode()

    assert "U heeft nog geen peiling beantwoord." in body and "Veiligheid 2026" not in body


def test_the_residents_page_needs_a_login_and_the_profile_links_to_it(client, organisation, members):
    url = reverse("feedback_resident:my_polls", args=["GM0518"])
    assert client.get(url)["Location"] == reverse("panel:home", args=["GM0518"])

    log_in_resident(client, organisation, members[0])
    assert url in client.get(reverse("panel:me", args=["GM0518"])).content.decode()


def test_the_residents_page_reads_in_a_fixed_number_of_queries(
    client, organisation, feedback, members, django_assert_max_num_queries
):
    feedback_publish(feedback=feedback)
    log_in_resident(client, organisation, members[0])
    url = reverse("feedback_resident:my_polls", args=["GM0518"])
    client.get(url)  # warm the session

    with django_assert_max_num_queries(6):
        client.get(url)


def test_the_public_page_reads_in_a_fixed_number_of_queries(client, feedback, django_assert_num_queries):
    feedback_publish(feedback=feedback)
    url = reverse("feedback_open:detail", args=["GM0518", feedback.poll_id])

    # organisation, feedback with poll, goals, actions, their partners, the results
    with django_assert_num_queries(6):
        client.get(url)
