"""Meetings' services: registering (twice, capacity), questions (masked, sorted, limited),
invitations to the right members per panel type and area (once), agreements into actions."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from buurtpeil.meetings import selectors, services
from buurtpeil.meetings.models import Meeting, Registration
from tests.meetings.conftest import KORTENBOS, key_figure, partner, plan_meeting, professional


def test_a_member_who_registers_twice_is_registered_once(meeting, make_member, kortenbos):
    member = make_member(meeting.organisation, kortenbos)
    first, new = services.registration_create(meeting=meeting, member_key=member.key)
    again, new_again = services.registration_create(meeting=meeting, member_key=member.key)
    assert (new, new_again) == (True, False)
    assert first.pk == again.pk
    assert selectors.registration_count(meeting) == 1


def test_someone_outside_the_panel_registers_with_name_and_address_once(meeting):
    services.registration_create(meeting=meeting, name="Anouk", email="Anouk@Example.org")
    _registration, new = services.registration_create(
        meeting=meeting, name="Anouk", email="anouk@example.org"
    )
    assert new is False
    assert Registration.objects.get().email == "anouk@example.org"
    with pytest.raises(services.MeetingRefused, match="naam en e-mailadres"):
        services.registration_create(meeting=meeting, name="", email="")


def test_a_full_meeting_refuses_newcomers_in_dutch_but_not_those_already_registered(organisation, kortenbos):
    meeting = plan_meeting(organisation, kortenbos, capacity=1)
    services.registration_create(meeting=meeting, name="Anouk", email="anouk@example.org")
    with pytest.raises(services.MeetingRefused, match="deze bijeenkomst is vol"):
        services.registration_create(meeting=meeting, name="Bram", email="bram@example.org")
    _registration, new = services.registration_create(
        meeting=meeting, name="Anouk", email="anouk@example.org"
    )
    assert new is False and selectors.registration_count(meeting) == 1


def test_a_cancelled_meeting_takes_no_registrations(meeting):
    services.meeting_cancel(meeting=meeting)
    with pytest.raises(services.MeetingRefused, match="gesloten"):
        services.registration_create(meeting=meeting, name="Anouk", email="anouk@example.org")


def test_a_question_is_masked_sorted_into_a_theme_and_limited(meeting):
    question = services.question_submit(
        meeting=meeting,
        text="Jan de Vries (06-12345678) ziet jongeren dealen bij het speelveld. Wat doet de politie?",
        asker="a",
    )
    assert "12345678" not in question.text and "Jan de Vries" not in question.text
    assert question.theme  # a theme of the open-answer sorter
    groups = selectors.questions_by_theme(meeting)
    assert [group.count for group in groups] == [1]
    with pytest.raises(services.MeetingRefused, match="500 tekens"):
        services.question_submit(meeting=meeting, text="x" * 501, asker="b")
    for _ in range(services.QUESTIONS_PER_HOUR - 1):
        services.question_submit(meeting=meeting, text="Het is te donker op straat.", asker="a")
    with pytest.raises(services.MeetingRefused, match="over een uur"):
        services.question_submit(meeting=meeting, text="Nog een vraag.", asker="a")
    services.question_submit(meeting=meeting, text="Mijn vraag.", asker="c")  # another asker may


def test_questions_are_grouped_by_theme_with_counts(meeting):
    for text in ("De straatverlichting is kapot.", "Het is donker in het park.", "Er wordt hard gereden."):
        services.question_submit(meeting=meeting, text=text, asker=text)
    groups = selectors.questions_by_theme(meeting)
    assert sum(group.count for group in groups) == 3
    assert groups[0].count >= groups[-1].count
    assert all(group.label for group in groups)


@pytest.fixture
def people(organisation, buurten, make_member):
    """Residents in Kortenbos, in another buurt of its wijk and far away; a key figure and a
    wijkagent of the buurt, a partner of the wijk and one elsewhere; a resident who opted out of
    e-mail."""
    from buurtpeil.distribution.services import opt_out_record

    kortenbos = buurten[KORTENBOS]
    neighbour = next(
        b for b in buurten.values() if b.parent_id == kortenbos.parent_id and b.pk != kortenbos.pk
    )
    far = next(b for b in buurten.values() if b.parent_id != kortenbos.parent_id)
    opted_out = make_member(organisation, kortenbos, email="stil@example.org")
    opt_out_record(organisation_id=organisation.pk, member_key=opted_out.key, channel="email")
    return {
        "here": make_member(organisation, kortenbos, email="hier@example.org"),
        "no_address": make_member(organisation, kortenbos, email=None),
        "neighbour": make_member(organisation, neighbour, email="buur@example.org"),
        "far": make_member(organisation, far, email="ver@example.org"),
        "key_figure": key_figure(organisation, [kortenbos], "imam@example.org"),
        "partner": partner(organisation, [kortenbos.parent], "jongerenwerk@example.org"),
        "partner_far": partner(organisation, [far], "elders@example.org"),
        "professional": professional(organisation, [kortenbos], "wijkagent@example.org"),
        "wijk": kortenbos.parent,
    }


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_invitations_reach_the_area_s_residents_key_figures_partners_and_professionals_once(
    meeting, people, settings
):
    settings.QUIET_HOURS = "off"
    outcome = services.invitations_send(meeting=meeting)
    assert _recipients() == [
        "hier@example.org",
        "imam@example.org",
        "jongerenwerk@example.org",
        "wijkagent@example.org",
    ]
    assert outcome.sent == {"email": 4}
    assert outcome.unreachable == 2  # no address; opted out of e-mail
    link = next(line for line in mail.outbox[0].body.splitlines() if "/meetings/i/" in line)
    assert link.startswith(f"{settings.SITE_URL}/p/GM0518/meetings/i/")
    assert "Uitnodiging: Buurtgesprek Kortenbos" in [message.subject for message in mail.outbox]
    assert selectors.invitation_counts(meeting) == {"email": 4}

    again = services.invitations_send(meeting=meeting)
    assert len(mail.outbox) == 4  # nobody twice
    assert (again.sent, again.already) == ({}, 4)


def test_a_wijk_meeting_invites_the_residents_of_all_its_buurten(organisation, people, settings):
    settings.QUIET_HOURS = "off"
    services.invitations_send(meeting=plan_meeting(organisation, people["wijk"]))
    assert "buur@example.org" in _recipients() and "ver@example.org" not in _recipients()


def test_invitations_go_by_sms_to_members_with_only_a_phone(meeting, make_member, kortenbos, settings):
    from buurtpeil.distribution.channels import sms_backends
    from buurtpeil.panel.models import Identity

    settings.QUIET_HOURS = "off"
    settings.SMS_BACKEND = "locmem"
    sms_backends.outbox.clear()
    member = make_member(meeting.organisation, kortenbos, email="x@example.org", phone="0612345678")
    Identity.objects.filter(member=member).update(email="")
    outcome = services.invitations_send(meeting=meeting)
    assert outcome.sent == {"sms": 1}
    (sms,) = sms_backends.outbox
    assert "nodigt u uit" in sms.body and "/meetings/i/" in sms.body


def test_no_invitations_in_quiet_hours(meeting, people, settings):
    settings.QUIET_HOURS = "0-23"
    with pytest.raises(services.MeetingRefused, match="stille uren"):
        services.invitations_send(meeting=meeting, now=timezone.now().replace(hour=3))
    assert mail.outbox == [] and selectors.invitation_counts(meeting) == {}


def test_the_invitation_link_recognises_the_member(meeting, people, settings):
    settings.QUIET_HOURS = "off"
    services.invitations_send(meeting=meeting)
    body = next(m.body for m in mail.outbox if m.to == ["hier@example.org"])
    token = next(line for line in body.splitlines() if "/meetings/i/" in line).rstrip("/").rsplit("/", 1)[1]
    invitation = selectors.invitation_by_token(meeting.organisation, token)
    assert invitation.member_key == people["here"].key
    assert selectors.invitation_by_token(meeting.organisation, "wrong") is None


def test_an_agreement_becomes_one_action_under_the_goal(meeting, goal):
    services.report_save(meeting=meeting, report="Veel zorgen over het speelveld.", held=False)
    agreement = services.agreement_add(
        meeting=meeting,
        text="Extra verlichting bij het speelveld",
        who="Gemeente",
        due=datetime.date(2027, 3, 1),
    )
    agreement = services.agreement_to_action(agreement=agreement, goal=goal)
    action = agreement.action
    assert (action.goal, action.title, action.ends) == (
        goal,
        "Extra verlichting bij het speelveld",
        agreement.due,
    )
    assert "Buurtgesprek Kortenbos" in action.notes
    assert services.agreement_to_action(agreement=agreement, goal=goal).action == action
    assert goal.actions.count() == 1


def test_a_goal_of_another_organisation_is_refused(meeting, other_organisation):
    from buurtpeil.plans.models import Goal, Plan

    end = datetime.date(2030, 1, 1)
    plan = Plan.objects.create(
        organisation=other_organisation, title="B", starts=datetime.date(2026, 1, 1), ends=end
    )
    foreign = Goal.objects.create(
        plan=plan, title="B", factor=1, indicator="x", target=0, deadline=end, owner="B"
    )
    agreement = services.agreement_add(meeting=meeting, text="Afspraak", who="Politie", due=None)
    with pytest.raises(services.MeetingRefused):
        services.agreement_to_action(agreement=agreement, goal=foreign)
    agreement.refresh_from_db()
    assert agreement.action is None


def test_a_meeting_is_marked_held_only_after_it_started(meeting):
    with pytest.raises(services.MeetingRefused, match="nog niet begonnen"):
        services.report_save(meeting=meeting, report="", held=True)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    meeting.refresh_from_db()
    assert services.report_save(meeting=meeting, report="Goed gesprek.", held=True).status == "held"
    assert list(selectors.held_with_agreements(meeting.organisation)) == [meeting]


def test_names_of_registrants_outside_the_panel_are_deleted_after_the_meeting(
    meeting, make_member, kortenbos
):
    member = make_member(meeting.organisation, kortenbos)
    services.registration_create(meeting=meeting, member_key=member.key)
    services.registration_create(meeting=meeting, name="Anouk", email="anouk@example.org")
    assert services.registrants_forget(organisation=meeting.organisation, now=timezone.now()) == 0
    later = meeting.ends_at + services.REGISTRANTS_KEPT + datetime.timedelta(days=1)
    assert services.registrants_forget(organisation=meeting.organisation, now=later) == 1
    assert not Registration.objects.exclude(name="", email="").exists()
    assert selectors.registration_count(meeting) == 2


def test_the_follow_up_poll_goes_once_to_everyone_registered_and_is_analysed_apart(
    meeting, make_member, kortenbos, settings, django_capture_on_commit_callbacks
):
    from buurtpeil.distribution.models import Recipient
    from buurtpeil.panel.models import Identity, PanelMember

    settings.QUIET_HOURS = "off"
    came = make_member(meeting.organisation, kortenbos, email="kwam@example.org")
    make_member(meeting.organisation, kortenbos, email="thuis@example.org")  # did not register
    services.registration_create(meeting=meeting, member_key=came.key)
    services.registration_create(meeting=meeting, name="Anouk", email="anouk@example.org")
    with pytest.raises(services.MeetingRefused, match="eerst als gehouden"):
        services.followup_send(meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    meeting.refresh_from_db()
    services.report_save(meeting=meeting, report="", held=True)
    with django_capture_on_commit_callbacks(execute=True):
        poll = services.followup_send(meeting=meeting)
    poll.refresh_from_db()
    # Those who came are no sample of the residents: a panel type of their own, not weighted.
    assert poll.audience == "attendees" and poll.status == "open"
    assert poll.title == "Terugblik: Buurtgesprek Kortenbos"
    attendees = PanelMember.objects.filter(kind="attendees")
    assert sorted(Recipient.objects.values_list("member_key", flat=True)) == sorted(m.key for m in attendees)
    assert _recipients() == ["anouk@example.org", "kwam@example.org"]
    assert came.key not in set(Recipient.objects.values_list("member_key", flat=True))
    assert services.followup_send(meeting=meeting) == poll
    assert Recipient.objects.count() == 2

    # Once the registrants are forgotten, the attendees leave and their addresses go.
    later = meeting.ends_at + services.REGISTRANTS_KEPT + datetime.timedelta(days=1)
    services.registrants_forget(organisation=meeting.organisation, now=later)
    assert set(attendees.values_list("status", flat=True)) == {"left"}
    assert not Identity.objects.filter(member__kind="attendees").exists()
    assert Identity.objects.filter(email="kwam@example.org", member=came).exists()
