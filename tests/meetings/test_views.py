"""Meetings' pages: staff plan, invite, read questions by theme, record the report and
agreements and make an action (viewers only read); residents register and ask on the meeting's
page, recognised through their invitation link; the feedback and buurt pages show held meetings."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtpeil.meetings import services
from buurtpeil.meetings.models import Agreement, Meeting, Question, Registration
from tests.meetings.conftest import KORTENBOS


@pytest.fixture
def analyst(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    return client


def staff_url(name, meeting, *args):
    return reverse(f"meetings_staff:{name}", args=[meeting.organisation.code, meeting.pk, *args])


def page_url(meeting):
    return reverse("meetings:meeting", args=[meeting.organisation.code, meeting.pk])


def test_an_analyst_plans_a_meeting_and_bad_input_changes_nothing(analyst, organisation, kortenbos):
    new = reverse("meetings_staff:new", args=[organisation.code])
    data = {
        "kind": "police_cafe",
        "title": "Politiecafé Kortenbos",
        "area": kortenbos.pk,
        "place": "Buurthuis",
        "starts_at": "2027-05-01T19:00",
        "ends_at": "2027-05-01T18:00",
        "capacity": "30",
    }
    refused = analyst.post(new, data)
    assert refused.status_code == 400
    assert "De bijeenkomst moet eindigen na het begin." in refused.content.decode()
    assert not Meeting.objects.exists()
    response = analyst.post(new, {**data, "ends_at": "2027-05-01T21:00"}, follow=True)
    assert "De bijeenkomst is opgeslagen." in response.content.decode()
    meeting = Meeting.objects.get()
    assert (meeting.organisation, meeting.area, meeting.capacity) == (organisation, kortenbos, 30)
    listing = analyst.get(reverse("meetings_staff:list", args=[organisation.code])).content.decode()
    assert "Politiecafé Kortenbos" in listing and "Gepland" in listing


def test_a_viewer_reads_but_cannot_plan_or_write(client, meeting, make_staff):
    client.force_login(make_staff(meeting.organisation, "viewer"))
    page = client.get(staff_url("detail", meeting)).content.decode()
    assert "Buurtgesprek Kortenbos" in page and "Uitnodigingen versturen" not in page
    assert client.get(reverse("meetings_staff:new", args=[meeting.organisation.code])).status_code == 403
    assert client.post(staff_url("agreement_add", meeting), {"text": "x", "who": "y"}).status_code == 403
    assert not Agreement.objects.exists()


def test_invitations_are_sent_from_the_page_once(analyst, meeting, make_member, kortenbos, settings):
    settings.QUIET_HOURS = "off"
    make_member(meeting.organisation, kortenbos, email="hier@example.org")
    response = analyst.post(staff_url("invite", meeting), follow=True).content.decode()
    assert "1 uitnodiging verstuurd." in response and "E-mail: 1" in response
    again = analyst.post(staff_url("invite", meeting), follow=True).content.decode()
    assert "0 uitnodigingen verstuurd." in again and "Eerder uitgenodigd: 1." in again
    assert len(mail.outbox) == 1


def test_a_member_invited_by_link_registers_with_one_click_and_once(
    meeting, make_member, kortenbos, settings
):
    settings.QUIET_HOURS = "off"
    member = make_member(meeting.organisation, kortenbos, email="hier@example.org")
    services.invitations_send(meeting=meeting)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/meetings/i/" in line)
    resident = Client()
    page = resident.get(link, follow=True).content.decode()
    assert "U bent uitgenodigd als lid van het panel" in page
    assert 'name="email"' not in page
    for _ in range(2):
        response = resident.post(reverse("meetings:register", args=["GM0518", meeting.pk]), follow=True)
    assert "U was al aangemeld." in response.content.decode()
    assert list(Registration.objects.values_list("member_key", "name", "email")) == [(member.key, "", "")]
    assert Client().get(link.replace("/i/", "/i/x")).status_code == 404


def test_someone_else_registers_with_name_and_address_and_a_full_meeting_says_so(organisation, kortenbos):
    from tests.meetings.conftest import plan_meeting

    meeting = plan_meeting(organisation, kortenbos, capacity=1)
    register = reverse("meetings:register", args=[organisation.code, meeting.pk])
    empty = Client().post(register, {"name": "", "email": ""})
    assert empty.status_code == 400 and "Dit veld is vereist." in empty.content.decode()
    done = Client().post(register, {"name": "Anouk", "email": "anouk@example.org"}, follow=True)
    assert "U bent aangemeld. Tot dan!" in done.content.decode()
    full = Client().post(register, {"name": "Bram", "email": "bram@example.org"})
    assert full.status_code == 400
    assert "Helaas, deze bijeenkomst is vol. Er zijn geen plaatsen meer." in full.content.decode()
    assert Registration.objects.count() == 1


def test_a_question_is_sent_masked_and_too_long_ones_are_refused(meeting):
    resident = Client()
    ask = reverse("meetings:question", args=[meeting.organisation.code, meeting.pk])
    long = resident.post(ask, {"question": "x" * 501})
    assert long.status_code == 400 and "Gebruik maximaal 500 tekens (nu 501)." in long.content.decode()
    sent = resident.post(ask, {"question": "Bel mij op 0612345678 over de drugsoverlast"}, follow=True)
    assert "Dank u. Uw vraag is naar de organisatoren gestuurd." in sent.content.decode()
    assert "0612345678" not in Question.objects.get().text


def test_staff_see_questions_by_theme_record_the_report_and_make_an_action(analyst, meeting, goal):
    services.question_submit(meeting=meeting, text="De straatverlichting is kapot.", asker="a")
    page = analyst.get(staff_url("detail", meeting)).content.decode()
    assert "Vragen per thema" in page and "De straatverlichting is kapot." in page
    refused = analyst.post(staff_url("report", meeting), {"report": "Veel zorgen.", "held": "on"})
    assert refused.status_code == 400 and "De bijeenkomst is nog niet begonnen." in refused.content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    analyst.post(staff_url("report", meeting), {"report": "Veel zorgen over licht.", "held": "on"})
    analyst.post(staff_url("agreement_add", meeting), {"text": "Meer licht", "who": "Gemeente", "due": ""})
    agreement = Agreement.objects.get()
    response = analyst.post(
        staff_url("agreement_action", meeting, agreement.pk), {"goal": goal.pk}, follow=True
    )
    page = response.content.decode()
    assert "De afspraak is nu een actie van het plan." in page and "Actie van het plan:" in page
    assert "Maak actie" not in page
    assert goal.actions.get().title == "Meer licht"


def test_held_meetings_show_in_feedback_on_the_buurt_page_and_for_residents(meeting, analyst):
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    meeting.refresh_from_db()
    services.report_save(meeting=meeting, report="Gesprek", held=True)
    services.agreement_add(
        meeting=meeting, text="Wijkagent loopt vaker door het park", who="Politie", due=None
    )
    code = meeting.organisation.code
    feedback = Client().get(reverse("feedback_open:list", args=[code])).content.decode()
    assert "Bijeenkomsten met bewoners" in feedback and "Wijkagent loopt vaker door het park" in feedback
    residents = Client().get(reverse("meetings:list", args=[code]) + f"?buurt={KORTENBOS}").content.decode()
    assert "Wat er is afgesproken" in residents and "Wijkagent loopt vaker door het park" in residents
    from buurtpeil.core.sections import area_sections_render

    request = analyst.get(reverse("meetings_staff:list", args=[code])).wsgi_request
    (section,) = area_sections_render(request, organisation=meeting.organisation, area_code=KORTENBOS)
    assert "Bijeenkomsten in dit gebied" in section and "Wijkagent loopt vaker door het park" in section


def test_upcoming_meetings_are_listed_for_the_buurt(meeting):
    page = Client().get(reverse("meetings:list", args=["GM0518"]) + f"?buurt={KORTENBOS}").content.decode()
    assert "Binnenkort in Kortenbos" in page and "Buurtgesprek Kortenbos" in page


def test_a_held_meeting_sends_its_follow_up_poll_once_and_a_planned_one_can_be_cancelled(
    analyst, meeting, make_member, kortenbos, settings, django_capture_on_commit_callbacks
):
    settings.QUIET_HOURS = "off"
    member = make_member(meeting.organisation, kortenbos, email="kwam@example.org")
    services.registration_create(meeting=meeting, member_key=member.key)
    page = analyst.get(staff_url("detail", meeting)).content.decode()
    assert "Terugblik-peiling versturen" not in page  # not held yet
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    analyst.post(staff_url("report", meeting), {"report": "Goed gesprek.", "held": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        sent = analyst.post(staff_url("followup", meeting), follow=True).content.decode()
    assert "De terugblik-peiling is verstuurd naar iedereen die zich met een e-mailadres aanmeldde." in sent
    assert "Terugblik: Buurtgesprek Kortenbos" in sent and "Terugblik-peiling versturen" not in sent
    assert [message.to for message in mail.outbox] == [["kwam@example.org"]]
    refused = analyst.post(staff_url("cancel", meeting), follow=True).content.decode()
    assert "Een bijeenkomst die is gehouden kan niet worden afgelast." in refused


def test_a_cancelled_meeting_says_so_to_residents(analyst, meeting):
    analyst.post(staff_url("cancel", meeting))
    page = Client().get(page_url(meeting)).content.decode()
    assert "Deze bijeenkomst is afgelast." in page and "Aanmelden voor deze bijeenkomst" not in page
