"""Tenant isolation, generated from the URL configuration.

Every URL that carries an ``org_code`` is requested for organisation B by staff (or a resident)
of organisation A. Staff URLs must answer 404 (B's existence and data are not disclosed);
resident URLs must never show A's resident anything of B nor B's pages anything of A's
resident. A new view is covered automatically; a new URL argument needs a sample below,
or this test fails and says so.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

PLACEHOLDER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _routes(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def tenant_routes(area: str) -> list[str]:
    return sorted({r for r in _routes() if r.startswith(f"{area}/<str:org_code>/")})


@pytest.fixture
def tenant_b(organisation, other_organisation, make_staff):
    """Organisation B (``other_organisation``) with data behind every kind of URL argument."""
    from buurtpeil.areas.services import areas_import
    from buurtpeil.panel.models import Invitation, RecruitmentBatch
    from buurtpeil.partners.models import Professional

    areas_import(
        organisation=other_organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
    )
    buurt = other_organisation.areas.filter(level="buurt").first()
    batch = RecruitmentBatch.objects.create(organisation=other_organisation, name="B letters")
    Invitation.objects.create(organisation=other_organisation, batch=batch, code="BBBBCCCC", buurt=buurt)
    from django.utils import timezone

    from buurtpeil.distribution.models import Distribution
    from buurtpeil.polls import services as poll_services
    from tests.distribution.conftest import DEFINITION

    sent_poll = poll_services.poll_create(organisation=other_organisation, title="S", definition=DEFINITION)
    distribution = Distribution.objects.create(
        organisation=other_organisation,
        poll=sent_poll,
        version=poll_services.poll_publish(poll=sent_poll),
        starts_at=timezone.now(),
        ends_at=timezone.now() + timezone.timedelta(days=7),
    )
    poll = poll_services.poll_create(
        organisation=other_organisation,
        title="B poll",
        definition={"languages": ["nl", "en"], "title": {"nl": "B"}, "groups": []},
    )
    poll_services.poll_module_add(poll=poll, module_code="victimisation")
    from buurtpeil.api.services import api_token_create

    api_token, _secret = api_token_create(
        organisation=other_organisation, user=make_staff(other_organisation, "admin"), name="B dashboard"
    )
    from buurtpeil.reports.council.models import CouncilReport

    report = CouncilReport.objects.create(
        organisation=other_organisation, poll=poll, status="done", pdf=b"%PDF"
    )
    open_answer = _open_answer(other_organisation)
    plan, goal, action, partner = _plan(other_organisation, buurt)
    watch_group, checkin_token = _watch_group(other_organisation, buurt)
    concern = _concern(other_organisation, buurt)
    analysis = _analysis(other_organisation, buurt)
    membership, practice = _sharing(other_organisation, action)
    meeting, agreement, invitation_token = _meeting(other_organisation, buurt)
    samples = {
        "org_code": other_organisation.code,
        "poll_id": str(poll.pk),
        "group_id": "g_victimisation",
        "question_code": "victim",
        "language": "en",
        "distribution_id": str(distribution.pk),
        "batch_id": str(batch.pk),
        "token_id": str(api_token.pk),
        "report_id": str(report.pk),
        "area_code": buurt.code,
        "answer_id": str(open_answer.pk),
        "plan_id": str(plan.pk),
        "goal_id": str(goal.pk),
        "action_id": str(action.pk),
        "partner_id": str(partner.pk),
        "key_figure_id": str(_key_figure(other_organisation).pk),
        "professional_id": str(
            Professional.objects.create(organisation=other_organisation, name="B", role="other").pk
        ),
        "watch_group_id": str(watch_group.pk),
        # A real check-in link of B (watch: /p/<org_code>/watch/<checkin_token>/).
        "checkin_token": checkin_token,
        "concern_id": str(concern.pk),
        "analysis_id": str(analysis.pk),
        # B's consent to a region (regions: .../sharing/regions/<membership_id>/...).
        "membership_id": str(membership.pk),
        # B's draft practice (practices: .../practices/<practice_id>/).
        "practice_id": str(practice.pk),
        "meeting_id": str(meeting.pk),
        "agreement_id": str(agreement.pk),
        # A real invitation link of B (meetings: /p/<org_code>/meetings/i/<invitation_token>/).
        "invitation_token": invitation_token,
        # A real answering token of B (responses: /p/<org_code>/a/<token>).
        "token": _answering_token(distribution),
    }
    return samples


def _open_answer(organisation):
    """A sorted open answer of ``organisation`` (openanswers: .../open-answers/<answer_id>/)."""
    from buurtpeil.openanswers.models import OpenAnswer
    from tests.openanswers.conftest import open_poll

    poll, _version = open_poll(organisation, answers=[("Het is donker", "Licht")])
    response = poll.responses.get()
    return OpenAnswer.objects.create(
        organisation=organisation,
        poll=poll,
        response=response,
        question_code="open_unsafe",
        text="Het is donker",
        theme="lighting",
        factor=7,
    )


def _plan(organisation, buurt):
    """A plan of ``organisation`` with a goal, an action and a partner (plans, partners)."""
    import datetime

    from buurtpeil.partners.models import Partner
    from buurtpeil.plans.models import Action, Goal, Plan

    start, end = datetime.date(2027, 1, 1), datetime.date(2030, 12, 31)
    plan = Plan.objects.create(organisation=organisation, title="B plan", starts=start, ends=end)
    goal = Goal.objects.create(
        plan=plan, title="B goal", factor=1, indicator="buurt_unsafe", target=0.2, deadline=end, owner="B"
    )
    goal.areas.set([buurt])
    action = Action.objects.create(goal=goal, title="B action", starts=start, ends=end)
    partner = Partner.objects.create(organisation=organisation, name="B police", sector="police")
    action.partners.set([partner])
    return plan, goal, action, partner


def _key_figure(organisation):
    from django.utils import timezone

    from buurtpeil.partners.models import KeyFigure

    return KeyFigure.objects.create(
        organisation=organisation, name="B key figure", community="B", consent_at=timezone.now()
    )


def _watch_group(organisation, buurt):
    """A neighbourhood-watch group of ``organisation`` with an open check-in (watch)."""
    from buurtpeil.core.tokens import link_token_new
    from buurtpeil.watch.models import CheckIn, WatchGroup

    group = WatchGroup.objects.create(
        organisation=organisation, name="B buurtapp", kind="messaging", coordinator_name="B coordinator"
    )
    group.areas.set([buurt])
    token, digest = link_token_new()
    CheckIn.objects.create(
        organisation=organisation,
        group=group,
        period_start=group.created_at.date(),
        token_digest=digest,
    )
    return group, token


def _concern(organisation, buurt):
    """A resident's signal of ``organisation``, with a photo (concerns: .../signals/<concern_id>/)."""
    import uuid

    from buurtpeil.concerns.models import Concern

    return Concern.objects.create(
        organisation=organisation,
        member_key=uuid.uuid4(),
        category="drugs",
        buurt=buurt,
        text="B signal",
        photo=b"\xff\xd8\xff\xd9",
    )


def _analysis(organisation, buurt):
    """A neighbourhood analysis of ``organisation`` (analyses: .../analyses/<analysis_id>/)."""
    from buurtpeil.analyses.models import Analysis

    return Analysis.objects.create(
        organisation=organisation, area=buurt, title="B analyse", content={"strengths": "B sterk"}
    )


def _sharing(organisation, action):
    """A region's request to ``organisation`` and a draft practice of its ``action``."""
    from buurtpeil.organisations.services import organisation_upsert
    from buurtpeil.practices.services import practice_draft_save
    from buurtpeil.regions.services import region_member_request

    region = organisation_upsert(code="PZ5388", name="B zone", kind="police_zone")
    membership = region_member_request(region=region, member=organisation, actor=None)
    practice = practice_draft_save(
        organisation=organisation,
        action=action,
        actor=None,
        fields={"title": "B practice", "problem": "B", "factor": 1, "approach": "B"},
    )
    return membership, practice


@pytest.mark.django_db
def test_the_practice_library_crosses_organisations_only_with_published_practices(
    client, organisation, make_staff, tenant_b
):
    """The one deliberate exception: under its own org_code, staff of A read B's published
    practices. B's draft, and B's practice once withdrawn, answer 404 there too."""
    from buurtpeil.practices.models import Practice
    from buurtpeil.practices.services import practice_publish, practice_unpublish

    client.force_login(make_staff(organisation, "admin"))
    practice = Practice.objects.get(pk=tenant_b["practice_id"])
    own_code_url = f"/staff/{organisation.code}/practices/{practice.pk}/"
    for suffix in ("", "publish/", "unpublish/", "copy/"):
        assert client.post(own_code_url + suffix).status_code in (404, 405), suffix
    assert client.get(own_code_url).status_code == 404
    practice_publish(practice=practice, actor=None)
    assert "B practice" in client.get(own_code_url).content.decode()
    for suffix in ("publish/", "unpublish/"):
        assert client.post(own_code_url + suffix).status_code == 404, suffix
    practice_unpublish(practice=practice, actor=None)
    assert client.get(own_code_url).status_code == 404
    # B's consent cannot be given or withdrawn by A under A's own code either.
    from django.urls import reverse

    for name in ("regions:consent_give", "regions:consent_withdraw"):
        url = reverse(name, args=[organisation.code, tenant_b["membership_id"]])
        assert client.post(url).status_code == 404, url


def _meeting(organisation, buurt):
    """A meeting of ``organisation`` with an agreement and a member's invitation (meetings)."""
    import uuid

    from django.utils import timezone

    from buurtpeil.core.tokens import link_token_new
    from buurtpeil.meetings.models import Agreement, Invitation, Meeting

    starts = timezone.now() + timezone.timedelta(days=3)
    meeting = Meeting.objects.create(
        organisation=organisation, area=buurt, kind="buurt", title="B meeting", place="B",
        starts_at=starts, ends_at=starts + timezone.timedelta(hours=2),
    )  # fmt: skip
    agreement = Agreement.objects.create(meeting=meeting, text="B agreement", who="B")
    token, digest = link_token_new()
    Invitation.objects.create(
        meeting=meeting, member_key=uuid.uuid4(), kind="residents", channel="email", token_digest=digest
    )
    return meeting, agreement, token


def _answering_token(distribution) -> str:
    from buurtpeil.distribution.models import Recipient
    from buurtpeil.distribution.tokens import salt_new, token_digest, token_for

    salt = salt_new()
    Recipient.objects.create(
        distribution=distribution,
        organisation=distribution.organisation,
        member_key="00000000-0000-4000-8000-00000000000b",
        token_salt=salt,
        token_digest=token_digest(token_for(salt)),
    )
    return token_for(salt)


@pytest.mark.django_db
def test_an_answering_token_of_another_organisation_gives_404(client, organisation, tenant_b):
    from django.urls import reverse

    for name in ("responses:answer", "responses:save"):
        own = reverse(name, kwargs={"org_code": tenant_b["org_code"], "token": tenant_b["token"]})
        other = reverse(name, kwargs={"org_code": organisation.code, "token": tenant_b["token"]})
        method = client.get if name == "responses:answer" else client.post
        assert method(own).status_code != 404, own
        assert method(other).status_code == 404, other
    token = tenant_b["checkin_token"]
    own = reverse("watch_checkin:answer", kwargs={"org_code": tenant_b["org_code"], "checkin_token": token})
    other = reverse("watch_checkin:answer", kwargs={"org_code": organisation.code, "checkin_token": token})
    assert "B buurtapp" in client.get(own).content.decode(), own
    response = client.get(other)
    assert response.status_code == 404 and "B buurtapp" not in response.content.decode(), other
    token = tenant_b["invitation_token"]
    own = reverse("meetings:invited", kwargs={"org_code": tenant_b["org_code"], "invitation_token": token})
    other = reverse("meetings:invited", kwargs={"org_code": organisation.code, "invitation_token": token})
    assert client.get(own).status_code == 302, own
    assert client.get(other).status_code == 404, other
    other_page = reverse("meetings:meeting", args=[organisation.code, tenant_b["meeting_id"]])
    assert client.get(other_page).status_code == 404, other_page


def _fill(route: str, samples: dict[str, str]) -> str:
    def value(match):
        name = match["name"]
        if name not in samples:
            pytest.fail(f"Add a sample value for URL argument <{name}> (route {route!r}).")
        return samples[name]

    return "/" + PLACEHOLDER.sub(value, route)


def test_every_tenant_url_is_covered():
    staff = tenant_routes("staff")
    resident = tenant_routes("p")
    assert len(staff) >= 5, staff
    assert len(resident) >= 5, resident


@pytest.mark.django_db
def test_staff_of_another_organisation_gets_404_everywhere(client, organisation, make_staff, tenant_b):
    client.force_login(make_staff(organisation, "admin"))
    for route in tenant_routes("staff"):
        url = _fill(route, tenant_b)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 404, f"{method.__name__.upper()} {url}: {response.status_code}"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_everywhere(client, tenant_b):
    for route in tenant_routes("staff"):
        url = _fill(route, tenant_b)
        response = client.get(url)
        assert response.status_code == 302 and "/staff/login/" in response["Location"], url


@pytest.mark.django_db
def test_resident_of_one_organisation_sees_nothing_of_another(client, organisation, tenant_b):
    from buurtpeil.areas.services import areas_import
    from buurtpeil.panel import selectors
    from buurtpeil.panel.models import Identity, PanelMember

    areas_import(organisation=organisation, geojson=DEMO_GEOJSON.read_bytes())
    member = PanelMember.objects.create(
        organisation=organisation,
        buurt=organisation.areas.filter(level="buurt").first(),
        age_group="45_65",
        sex="female",
        status=PanelMember.Status.ACTIVE,
    )
    Identity.objects.create(
        member=member, organisation=organisation, email="resident-a@example.org", email_digest="x" * 64
    )
    session = client.session
    session[selectors.session_key(organisation)] = member.pk
    session.save()
    own = client.get(f"/p/{organisation.code}/me/")
    assert own.status_code == 200 and "resident-a@example.org" in own.content.decode()  # the session works

    for route in tenant_routes("p"):
        url = _fill(route, tenant_b)
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode(errors="replace")
        assert "resident-a@example.org" not in body, url
        assert str(member.key) not in body, url
