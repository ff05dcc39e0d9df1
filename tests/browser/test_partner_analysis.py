"""A partner writes along in Chromium: an administrator invites the wijkagent for one wijk; the
invitation reaches a real SMTP server; the partner chooses a password with its link, logs in
through the staff login, finds only the analysis of that wijk and adds an observation, which is
kept as a new version. Every page free of WCAG A/AA violations (axe)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, STAFF_PASSWORD
from tests.conftest import import_den_haag

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://\S+/staff/password/\S+/")
WIJK, OTHER_WIJK = "WK051828", "WK051830"
PARTNER_PASSWORD = "wijkagent-wachtwoord-2027"


@pytest.fixture
def analyses(live_server, settings, transactional_db, django_user_model):
    from buurtpeil.analyses.services import analysis_create
    from buurtpeil.areas.models import Area
    from buurtpeil.organisations.services import membership_grant, organisation_upsert

    settings.SITE_URL = live_server.url
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    import_den_haag(organisation)
    admin = django_user_model.objects.create_user(username="beheerder", password=STAFF_PASSWORD)
    membership = membership_grant(user=admin, organisation=organisation, role="admin")
    made = {}
    for code in (WIJK, OTHER_WIJK):
        area = Area.objects.get(organisation=organisation, code=code)
        made[code] = analysis_create(
            organisation=organisation, area=area, title=f"Analyse {area.name}", membership=membership
        )
    return made


def _log_in(page, username, password):
    page.goto("/staff/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_label("Wachtwoord").press("Enter")


def test_an_invited_partner_sets_a_password_logs_in_and_adds_an_observation(
    browser, live_server, analyses, smtp_server, axe
):
    own, other = analyses[WIJK], analyses[OTHER_WIJK]
    admin = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="nl-NL", base_url=live_server.url
    )
    page = admin.new_page()
    _log_in(page, "beheerder", STAFF_PASSWORD)
    page.goto("/staff/GM0518/analyses/partners/")
    assert axe(page) == []
    page.get_by_label("E-mailadres").fill("wijkagent@politie.example")
    page.get_by_label("Naam").fill("Wijkagent Jansen")
    page.get_by_label("Gebieden die deze partner ziet").select_option(label=f"{own.area.name} (wijk)")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("De partner is uitgenodigd")).to_be_visible()
    admin.close()

    (mail,) = smtp_server.wait_for(1)
    assert mail["To"] == "wijkagent@politie.example"
    link = LINK.search(mail.get_content())[0]
    context = browser.new_context(viewport=PHONE, locale="nl-NL", base_url=live_server.url)
    phone = context.new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", name="Kies uw wachtwoord")).to_be_visible()
    assert axe(phone) == []
    phone.get_by_label("Nieuw wachtwoord", exact=True).fill(PARTNER_PASSWORD)
    phone.get_by_label("Nieuw wachtwoord bevestigen").fill(PARTNER_PASSWORD)
    phone.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(phone.get_by_role("heading", name="Wachtwoord opgeslagen")).to_be_visible()

    _log_in(phone, "wijkagent@politie.example", PARTNER_PASSWORD)
    expect(phone.get_by_role("heading", name="Buurtanalyses")).to_be_visible()
    assert axe(phone) == []
    expect(phone.get_by_role("link", name=re.escape(other.title))).to_have_count(0)
    phone.get_by_role("link", name=own.title).click()
    expect(phone.get_by_text("Score van bewoners (0-10): niet gemeten").first).to_be_visible()
    assert axe(phone) == []
    phone.get_by_role("link", name="Schrijf in deze analyse").click()
    assert axe(phone) == []
    phone.get_by_label("Waarnemingen bij 8. Vertrouwenwekkend toezicht").fill(
        "De wijkagent is overdag bekend, 's avonds zien bewoners hem weinig."
    )
    phone.get_by_role("button", name="Analyse opslaan").click()
    expect(phone.get_by_text("De analyse is opgeslagen als nieuwe versie.")).to_be_visible()
    expect(phone.get_by_text("'s avonds zien bewoners hem weinig.")).to_be_visible()
    phone.get_by_role("link", name="Versies en wijzigingen").click()
    expect(phone.get_by_role("heading", name="Versie 2: Tekst opgeslagen")).to_be_visible()
    assert axe(phone) == []
    response = phone.goto(f"/staff/GM0518/analyses/{other.pk}/")
    assert response.status == 404
    response = phone.goto("/staff/GM0518/results/")
    assert response.status == 403
    context.close()


def test_an_analyst_agrees_the_analysis_and_adopts_a_factor_into_the_plan(analyst_page, axe):
    import datetime

    from buurtpeil.analyses.services import analysis_create, analysis_save, analysis_submit
    from buurtpeil.areas.models import Area
    from buurtpeil.organisations.models import Membership
    from buurtpeil.plans.models import Plan

    membership = Membership.objects.get(user__username="analyst")
    organisation = membership.organisation
    import_den_haag(organisation)
    Plan.objects.create(
        organisation=organisation,
        title="IVP 2027-2030",
        starts=datetime.date(2027, 1, 1),
        ends=datetime.date(2030, 12, 31),
    )
    area = Area.objects.get(organisation=organisation, code=WIJK)
    analysis = analysis_create(
        organisation=organisation, area=area, title="Analyse 2027", membership=membership
    )
    content = {
        "weaknesses": "Weinig toezicht in de avond",
        "factors": {"8": "Wijkagent 's avonds onzichtbaar"},
    }
    analysis = analysis_save(analysis=analysis, content=content, based_on=1, membership=membership)
    analysis_submit(analysis=analysis, membership=membership)
    page = analyst_page
    page.goto(f"/staff/GM0518/analyses/{analysis.pk}/")
    page.get_by_role("button", name="Analyse vaststellen").click()
    expect(page.get_by_text("De analyse is vastgesteld.")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Factor").select_option(label="8. Vertrouwenwekkend toezicht")
    expect(page.get_by_label("Reden")).to_have_value("Weinig toezicht in de avond")
    page.get_by_role("button", name="Overnemen als prioriteit").click()
    expect(page.get_by_text("De factor is een prioriteit van het plan.")).to_be_visible()
    expect(page.get_by_role("heading", name="IVP 2027-2030")).to_be_visible()
    expect(page.get_by_text("Weinig toezicht in de avond")).to_be_visible()
