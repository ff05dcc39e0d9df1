"""Writing an analysis: versions, the status steps, and who may write or agree."""

import pytest

from buurtpeil.analyses import selectors, services
from buurtpeil.analyses.models import Analysis, AnalysisVersion


def _content(**factors):
    return {"strengths": "Veel groen", "weaknesses": "Donkere stegen", "factors": factors}


def test_every_save_keeps_a_version_with_author_and_what_changed(analysis, partner, member):
    analyst = member("analyst")
    services.analysis_save(
        analysis=analysis, content=_content(**{"2": "Zwerfvuil"}), based_on=1, membership=analyst
    )
    services.analysis_save(
        analysis=analysis,
        content=_content(**{"2": "Zwerfvuil", "8": "Wijkagent is bekend"}),
        based_on=2,
        membership=partner,
    )
    analysis.refresh_from_db()
    assert analysis.version == 3
    assert analysis.content["factors"]["8"] == "Wijkagent is bekend"
    versions = list(AnalysisVersion.objects.filter(analysis=analysis).order_by("number"))
    assert [v.event for v in versions] == ["created", "saved", "saved"]
    assert versions[2].author == partner.user and versions[2].author_role == "partner"
    assert versions[1].content["factors"]["8"] == ""  # the earlier version is kept as it was
    newest = selectors.versions_of(analysis)[0]
    assert [c["part"] for c in newest["changed"]] == ["8. Vertrouwenwekkend toezicht"]
    assert newest["changed"][0]["before"] == "" and newest["changed"][0]["after"] == "Wijkagent is bekend"


def test_a_save_on_an_older_version_is_refused_and_changes_nothing(analysis, partner, member):
    services.analysis_save(analysis=analysis, content=_content(), based_on=1, membership=member("analyst"))
    with pytest.raises(services.AnalysisRefused, match="in de tussentijd"):
        services.analysis_save(
            analysis=analysis, content=_content(**{"1": "x"}), based_on=1, membership=partner
        )
    analysis.refresh_from_db()
    assert analysis.version == 2 and analysis.content["factors"]["1"] == ""


def test_draft_review_agreed_and_reopened(analysis, partner, member):
    analyst = member("analyst")
    services.analysis_submit(analysis=analysis, membership=partner)
    with pytest.raises(services.AnalysisRefused):
        services.analysis_agree(analysis=analysis, membership=partner)  # agreeing needs an analyst
    agreed = services.analysis_agree(analysis=analysis, membership=analyst)
    assert agreed.status == Analysis.Status.AGREED and agreed.agreed_at is not None
    for writer in (analyst, partner, member("admin")):
        with pytest.raises(services.AnalysisRefused, match="vastgestelde analyse"):
            services.analysis_save(
                analysis=analysis, content=_content(), based_on=agreed.version, membership=writer
            )
    with pytest.raises(services.AnalysisRefused):
        services.analysis_reopen(analysis=analysis, membership=partner)
    reopened = services.analysis_reopen(analysis=analysis, membership=analyst)
    assert reopened.status == Analysis.Status.DRAFT
    assert selectors.last_agreed_version(reopened).number == agreed.version  # still in the history
    with pytest.raises(services.AnalysisRefused, match="concept"):
        services.analysis_agree(analysis=reopened, membership=analyst)  # review comes first


def test_viewers_and_partners_of_other_areas_cannot_write(other_analysis, partner, member):
    for who in (member("viewer"), partner):
        with pytest.raises(services.AnalysisRefused):
            services.analysis_save(analysis=other_analysis, content=_content(), based_on=1, membership=who)
        with pytest.raises(services.AnalysisRefused):
            services.analysis_submit(analysis=other_analysis, membership=who)
    assert other_analysis.versions.count() == 1


def test_only_analysts_start_an_analysis_of_a_wijk_or_buurt(den_haag, areas, partner, member):
    from buurtpeil.areas.models import Area

    with pytest.raises(services.AnalysisRefused):
        services.analysis_create(organisation=den_haag, area=areas["wijk"], title="X", membership=partner)
    gemeente = Area.objects.get(organisation=den_haag, level="gemeente")
    with pytest.raises(services.AnalysisRefused, match="wijk of buurt"):
        services.analysis_create(organisation=den_haag, area=gemeente, title="X", membership=member("admin"))


def test_an_agreed_analysis_becomes_a_priority_that_remembers_it(analysis, member, den_haag):
    import datetime

    from buurtpeil.plans.models import Plan

    analyst = member("analyst")
    plan = Plan.objects.create(
        organisation=den_haag, title="IVP", starts=datetime.date(2027, 1, 1), ends=datetime.date(2030, 12, 31)
    )
    with pytest.raises(services.AnalysisRefused, match="vastgestelde"):
        services.analysis_priority_adopt(
            analysis=analysis, plan=plan, factor=2, reasons="x", membership=analyst
        )
    services.analysis_submit(analysis=analysis, membership=analyst)
    analysis = services.analysis_agree(analysis=analysis, membership=analyst)
    link = services.analysis_priority_adopt(
        analysis=analysis,
        plan=plan,
        factor=2,
        reasons="Verloedering genoemd door alle partners",
        membership=analyst,
    )
    assert link.priority.plan == plan and link.priority.area == analysis.area and link.priority.factor == 2
    assert link.version == analysis.version
    assert selectors.priority_origins([link.priority_id])[link.priority_id].analysis == analysis
    with pytest.raises(services.AnalysisRefused, match="nog geen prioriteit"):
        services.analysis_priority_adopt(
            analysis=analysis, plan=plan, factor=2, reasons="x", membership=analyst
        )


def test_inviting_a_partner_makes_a_login_without_password_audits_it_and_mails_a_link(
    den_haag, areas, make_staff, mailoutbox, client, django_capture_on_commit_callbacks
):
    from buurtpeil.organisations.models import AuditEvent

    admin = make_staff(den_haag, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        membership, mailed = services.partner_invite(
            organisation=den_haag,
            email="Jan@Corporatie.example",
            name="Jan",
            areas=[areas["wijk"]],
            actor=admin,
        )
    user = membership.user
    assert mailed and membership.role == "partner" and user.username == "jan@corporatie.example"
    assert not user.has_usable_password()
    assert selectors.partner_area_ids(membership) == {areas["wijk"].pk}
    event = AuditEvent.objects.get(organisation=den_haag, action="role_change")
    assert event.actor == admin and "jan@corporatie.example is partner" in event.subject
    (mail,) = mailoutbox
    link = next(line for line in mail.body.splitlines() if "/staff/password/" in line).strip()
    page = client.get(link.split("127.0.0.1:8000")[-1], follow=True)
    assert "Kies uw wachtwoord" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "een-lang-wachtwoord-42", "new_password2": "een-lang-wachtwoord-42"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("een-lang-wachtwoord-42")


def test_staff_cannot_be_turned_into_a_partner(den_haag, areas, make_staff):
    staff = make_staff(den_haag, "analyst")
    with pytest.raises(services.AnalysisRefused):
        services.partner_invite(
            organisation=den_haag, email=staff.username, name="x", areas=[areas["wijk"]], actor=staff
        )


def test_inviting_a_partner_again_changes_the_areas_without_a_new_mail(den_haag, areas, partner, make_staff):
    membership, mailed = services.partner_invite(
        organisation=den_haag,
        email=partner.user.username,
        name="Wijkagent",
        areas=[areas["other"]],
        actor=make_staff(den_haag, "admin"),
    )
    assert membership == partner and not mailed
    assert selectors.partner_area_ids(membership) == {areas["other"].pk}
