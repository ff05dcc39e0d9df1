"""The good-practice library: a practice is seen by other organisations only while published,
never with personal data, and can be copied into another municipality's plan."""

import datetime

import pytest
from django.urls import reverse

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.practices import selectors, services
from buurtpeil.practices.models import Practice, PracticeCopy

pytestmark = pytest.mark.django_db


def _action(organisation, title="Cameratoezicht en verlichting bij het winkelcentrum", budget=12000):
    from buurtpeil.areas.models import Area
    from buurtpeil.partners.models import Partner
    from buurtpeil.plans.models import Action, Goal, Plan

    start, end = datetime.date(2027, 1, 1), datetime.date(2030, 12, 31)
    plan = Plan.objects.create(organisation=organisation, title="IVP 2027-2030", starts=start, ends=end)
    goal = Goal.objects.create(
        plan=plan,
        title="Minder overlast rond het winkelcentrum",
        factor=1,
        indicator="buurt_unsafe",
        target=0.2,
        deadline=end,
        owner="Team OOV",
    )
    area, _created = Area.objects.get_or_create(
        organisation=organisation, level="wijk", code=f"WK{organisation.code[2:]}01", defaults={"name": "W"}
    )
    goal.areas.set([area])
    action = Action.objects.create(
        goal=goal, title=title, starts=start, ends=end, budget=budget, notes="Samen met de winkeliers."
    )
    action.partners.set(
        [
            Partner.objects.get_or_create(
                organisation=organisation, name="Politie Haaglanden", sector="police"
            )[0]
        ]
    )
    return action


def _fields(**changes):
    fields = {
        "title": "Verlichting bij het winkelcentrum",
        "problem": "Overlast van jongeren bij het winkelcentrum",
        "factor": 1,
        "approach": "Betere verlichting en een vast aanspreekpunt bij de winkeliersvereniging.",
        "partners": "Politie, winkeliersvereniging",
        "cost": 12000,
        "effect": "",
        "caution": "Voor- en nameting zonder controlegroep.",
    }
    return {**fields, **changes}


def _draft(organisation, **changes):
    return services.practice_draft_save(
        organisation=organisation, action=_action(organisation), actor=None, fields=_fields(**changes)
    )


def test_the_form_is_prefilled_from_the_action(client, organisation, make_staff):
    action = _action(organisation)
    client.force_login(make_staff(organisation, "analyst"))
    page = client.get(reverse("practices:prepare", args=[organisation.code, action.pk])).content.decode()
    assert "Cameratoezicht en verlichting bij het winkelcentrum" in page
    assert "Minder overlast rond het winkelcentrum" in page  # the goal as the problem
    assert "Politie Haaglanden" in page and "12000" in page
    assert "Nog geen gemeten effect" in page  # no later poll yet: the caution says so


def test_a_practice_is_seen_by_others_only_while_published(
    client, organisation, other_organisation, make_staff
):
    practice = _draft(organisation)
    client.force_login(make_staff(other_organisation, "viewer"))
    library = reverse("practices:library", args=[other_organisation.code])
    page = reverse("practices:practice", args=[other_organisation.code, practice.pk])
    assert "Verlichting bij het winkelcentrum" not in client.get(library).content.decode()
    assert client.get(page).status_code == 404

    publisher = make_staff(organisation, "analyst")
    client.force_login(publisher)
    client.post(reverse("practices:publish", args=[organisation.code, practice.pk]))
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED and practice.published_at

    client.force_login(make_staff(other_organisation, "viewer"))
    listed = client.get(library).content.decode()
    assert "Verlichting bij het winkelcentrum" in listed and "s-Gravenhage" in listed
    shown = client.get(page).content.decode()
    assert "Gepubliceerd door" in shown and "Voor- en nameting zonder controlegroep" in shown

    client.force_login(publisher)
    client.post(reverse("practices:unpublish", args=[organisation.code, practice.pk]))
    client.force_login(make_staff(other_organisation, "viewer"))
    assert "Verlichting bij het winkelcentrum" not in client.get(library).content.decode()
    assert client.get(page).status_code == 404
    actions = set(AuditEvent.objects.filter(organisation=organisation).values_list("action", flat=True))
    assert {"practice.publish", "practice.unpublish"} <= actions


def test_search_by_factor_and_text(organisation):
    lighting = _draft(organisation)
    services.practice_publish(practice=lighting, actor=None)
    talk = services.practice_draft_save(
        organisation=organisation,
        action=_action(organisation, title="Buurtgesprekken"),
        actor=None,
        fields=_fields(
            title="Buurtgesprekken", problem="Weinig contact", approach="Koffie op het plein", factor=4
        ),
    )
    services.practice_publish(practice=talk, actor=None)
    assert list(selectors.practices_published(factor=4)) == [talk]
    assert list(selectors.practices_published(text="verlichting")) == [lighting]
    assert list(selectors.practices_published(text="koffie plein")) == [talk]
    assert not selectors.practices_published(factor=4, text="verlichting").exists()


def test_personal_data_is_masked_in_the_form_and_refused(client, organisation, make_staff):
    action = _action(organisation)
    client.force_login(make_staff(organisation, "analyst"))
    url = reverse("practices:prepare", args=[organisation.code, action.pk])
    data = _fields(approach="Bel 06-12345678 of mail jan@example.org, Kerkstraat 12 2511 AB.")
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200 and "persoonsgegevens" in body
    assert "06-12345678" not in body and "jan@example.org" not in body and "2511 AB" not in body
    assert "[telefoon]" in body and "[e-mail]" in body
    assert not Practice.objects.exists()
    with pytest.raises(services.PracticeRefused):
        _draft(organisation, partners="Mevrouw Jansen, tel. 070-3456789")
    assert not Practice.objects.exists()


def test_copy_into_my_plan(client, organisation, other_organisation, make_staff):
    practice = _draft(organisation)
    services.practice_publish(practice=practice, actor=None)
    mine = _action(other_organisation, title="Iets anders")
    user = make_staff(other_organisation, "analyst")
    client.force_login(user)
    response = client.post(
        reverse("practices:copy", args=[other_organisation.code, practice.pk]), {"goal": mine.goal_id}
    )
    assert response.status_code == 302
    copy = PracticeCopy.objects.get()
    assert copy.organisation == other_organisation and copy.practice == practice and copy.actor == user
    action = copy.action
    assert action.goal == mine.goal and action.title == "Verlichting bij het winkelcentrum"
    assert action.status == "planned" and not action.partners.exists()
    assert "'s-Gravenhage" in action.notes and "Betere verlichting" in action.notes
    assert AuditEvent.objects.filter(organisation=other_organisation, action="practice.copy").exists()
    # A goal of another organisation is no choice.
    response = client.post(
        reverse("practices:copy", args=[other_organisation.code, practice.pk]),
        {"goal": practice.source_action.goal_id},
    )
    assert PracticeCopy.objects.count() == 1


def test_a_draft_cannot_be_copied(client, organisation, other_organisation, make_staff):
    practice = _draft(organisation)
    mine = _action(other_organisation)
    client.force_login(make_staff(other_organisation, "analyst"))
    url = reverse("practices:copy", args=[other_organisation.code, practice.pk])
    assert client.post(url, {"goal": mine.goal_id}).status_code == 404
    with pytest.raises(services.PracticeRefused):
        services.practice_copy(practice=practice, organisation=other_organisation, goal=mine.goal, actor=None)


def test_roles(client, organisation, other_organisation, make_staff):
    practice = _draft(organisation)
    client.force_login(make_staff(organisation, "viewer"))
    assert client.get(reverse("practices:library", args=[organisation.code])).status_code == 200
    assert client.get(reverse("practices:practice", args=[organisation.code, practice.pk])).status_code == 200
    assert client.post(reverse("practices:publish", args=[organisation.code, practice.pk])).status_code == 403
    assert client.get(reverse("practices:actions", args=[organisation.code])).status_code == 403
    # Another organisation's analyst cannot publish or withdraw it through its own URL.
    services.practice_publish(practice=practice, actor=None)
    client.force_login(make_staff(other_organisation, "analyst"))
    url = reverse("practices:unpublish", args=[other_organisation.code, practice.pk])
    assert client.post(url).status_code == 404
    practice.refresh_from_db()
    assert practice.status == Practice.Status.PUBLISHED
    action = _action(organisation, title="Van de ander")
    assert (
        client.get(reverse("practices:prepare", args=[other_organisation.code, action.pk])).status_code == 404
    )
