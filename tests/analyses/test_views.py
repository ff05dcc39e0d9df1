"""The pages of the neighbourhood analysis in Dutch: a partner writes in the analysis of its own
area beside the measured scores and signal counts (never a figure below the privacy minimum,
never a signal's text); another area's analysis is not found; staff agree and adopt priorities;
administrators invite partners."""

import datetime
import uuid

import pytest

from buurtpeil.analyses import services
from tests.analyses.conftest import OTHER_WIJK
from tests.insights.conftest import BIG, SMALL, SMALL_N, add_responses, make_poll

pytestmark = pytest.mark.django_db


def _url(analysis, page=""):
    return f"/staff/{analysis.organisation.code}/analyses/{analysis.pk}/{page}"


def _form(analysis, **fields):
    data = {"version": analysis.version, "strengths": "", "weaknesses": ""}
    data.update({f"factor_{n}": "" for n in range(1, 13)})
    data.update(fields)
    return data


def test_a_partner_writes_in_the_analysis_of_its_area_and_the_history_shows_the_change(
    client, analysis, partner
):
    client.force_login(partner.user)
    page = client.get(_url(analysis)).content.decode()
    assert "Buurtanalyse 2027" in page and "Concept" in page and "Schrijf in deze analyse" in page
    assert "Analyse vaststellen" not in page  # agreeing is for analysts
    edit = client.get(_url(analysis, "edit/")).content.decode()
    assert "Waarnemingen bij 1. Signaalcriminaliteit en -overlast" in edit
    response = client.post(
        _url(analysis, "edit/"), _form(analysis, factor_8="De wijkagent is goed bekend", weaknesses="Stegen")
    )
    assert response.status_code == 302
    page = client.get(_url(analysis)).content.decode()
    assert "De wijkagent is goed bekend" in page and "versie 2" in page
    history = client.get(_url(analysis, "versions/")).content.decode()
    assert "Versie 2: Tekst opgeslagen" in history and "8. Vertrouwenwekkend toezicht" in history
    assert "Wijkagent (partner)" in history


def test_a_save_on_an_old_version_says_so_in_dutch_and_keeps_the_text(client, analysis, partner, member):
    services.analysis_save(
        analysis=analysis, content={"strengths": "Eerst"}, based_on=1, membership=member("analyst")
    )
    client.force_login(partner.user)
    response = client.post(_url(analysis, "edit/"), _form(analysis, strengths="Later"))
    assert response.status_code == 200
    assert "Iemand anders heeft deze analyse in de tussentijd opgeslagen" in response.content.decode()
    analysis.refresh_from_db()
    assert analysis.content["strengths"] == "Eerst"


def test_a_partner_does_not_find_another_areas_analysis(client, other_analysis, partner):
    client.force_login(partner.user)
    for page in ("", "edit/", "versions/"):
        assert client.get(_url(other_analysis, page)).status_code == 404
    assert client.post(_url(other_analysis, "status/"), {"step": "submit"}).status_code == 404
    assert (
        "Buurtanalyse 2027"
        not in client.get(f"/staff/{other_analysis.organisation.code}/analyses/").content.decode()
    )


def test_a_partner_offers_for_review_but_only_an_analyst_agrees(client, analysis, partner, member):
    client.force_login(partner.user)
    client.post(_url(analysis, "status/"), {"step": "submit"})
    response = client.post(_url(analysis, "status/"), {"step": "agree"}, follow=True)
    assert "U kunt de status van deze analyse niet wijzigen." in response.content.decode()
    analysis.refresh_from_db()
    assert analysis.status == "review"
    client.force_login(member("analyst").user)
    response = client.post(_url(analysis, "status/"), {"step": "agree"}, follow=True)
    body = response.content.decode()
    assert "De analyse is vastgesteld." in body and "Vastgesteld op" in body
    assert "Schrijf in deze analyse" not in body and "Heropenen als nieuw concept" in body
    client.force_login(partner.user)
    assert client.get(_url(analysis, "edit/")).status_code == 403


@pytest.fixture
def computed(den_haag):
    """A computed poll: enough respondents in the partner's wijk, four in buurt SMALL."""
    from buurtpeil.insights.services import poll_results_compute

    poll, version = make_poll(den_haag)
    add_responses(version, {**BIG, SMALL: SMALL_N}, seed=5)
    poll_results_compute(poll=poll)
    return poll


def test_the_page_shows_scores_and_signal_counts_but_nothing_below_the_privacy_minimum(
    client, den_haag, areas, partner, member, computed
):
    from buurtpeil.analyses.models import PartnerAccess
    from buurtpeil.areas.models import Area
    from buurtpeil.concerns.models import Concern

    small = Area.objects.get(organisation=den_haag, code=SMALL)
    assert small.parent.code == OTHER_WIJK
    Concern.objects.create(
        organisation=den_haag,
        member_key=uuid.uuid4(),
        category="litter",
        buurt=small,
        text="Vuilniszakken bij nr 12",
    )
    analyst = member("analyst")
    wijk = services.analysis_create(organisation=den_haag, area=areas["wijk"], title="A", membership=analyst)
    buurt = services.analysis_create(organisation=den_haag, area=small, title="B", membership=analyst)
    PartnerAccess.objects.get(membership=partner).areas.add(small)
    client.force_login(partner.user)
    body = client.get(_url(wijk)).content.decode()
    assert "Scores uit de peiling" in body and "Score van bewoners (0-10): <strong>" in body
    body = client.get(_url(buurt)).content.decode()
    assert "te weinig respondenten om te tonen" in body and "<strong>" not in body.split("Per factor")[1]
    assert "Signalen van bewoners in het afgelopen jaar: 1" in body
    assert "Vuilniszakken" not in body
    assert "Objectieve cijfers: nog niet beschikbaar" in body


def test_an_analyst_adopts_a_factor_of_an_agreed_analysis_into_the_plan(client, analysis, member, den_haag):
    from buurtpeil.plans.models import Plan, Priority

    analyst = member("analyst")
    plan = Plan.objects.create(
        organisation=den_haag, title="IVP", starts=datetime.date(2027, 1, 1), ends=datetime.date(2030, 12, 31)
    )
    services.analysis_submit(analysis=analysis, membership=analyst)
    services.analysis_agree(analysis=analysis, membership=analyst)
    client.force_login(analyst.user)
    assert "Overnemen als prioriteit van het veiligheidsplan" in client.get(_url(analysis)).content.decode()
    response = client.post(
        _url(analysis, "adopt/"), {"plan": plan.pk, "factor": 7, "reasons": "Donkere stegen"}
    )
    assert response.status_code == 302 and response["Location"] == f"/staff/{den_haag.code}/plans/{plan.pk}/"
    priority = Priority.objects.get(plan=plan)
    assert (priority.area, priority.factor, priority.reasons) == (analysis.area, 7, "Donkere stegen")
    assert "Prioriteiten overgenomen uit deze analyse" in client.get(_url(analysis)).content.decode()


def test_an_administrator_invites_a_partner_for_some_areas(
    client, den_haag, areas, make_staff, mailoutbox, django_capture_on_commit_callbacks
):
    from buurtpeil.organisations.models import AuditEvent, Membership

    client.force_login(make_staff(den_haag, "admin"))
    url = f"/staff/{den_haag.code}/analyses/partners/"
    assert "Een partner uitnodigen" in client.get(url).content.decode()
    refused = client.post(url, {"email": "geen-adres", "name": "Piet", "areas": [areas["wijk"].pk]})
    assert refused.status_code == 200 and not Membership.objects.filter(role="partner").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"email": "piet@corporatie.example", "name": "Piet", "areas": [areas["wijk"].pk]}
        )
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "piet@corporatie.example" in body and areas["wijk"].name in body
    assert len(mailoutbox) == 1 and "/staff/password/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(
        action="role_change", subject__contains="piet@corporatie.example"
    ).exists()
    client.force_login(make_staff(den_haag, "analyst"))
    assert client.get(url).status_code == 403


def test_the_pages_read_in_a_fixed_number_of_queries(client, analysis, partner, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(partner.user)

    def counts():
        result = []
        for page in ("", "edit/", "versions/"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(_url(analysis, page)).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    writers = [partner, member("analyst"), member("admin")]
    for k in range(6):
        current = analysis.__class__.objects.get(pk=analysis.pk)
        services.analysis_save(
            analysis=current, content={"factors": {str(k + 1): f"tekst {k}"}}, based_on=current.version,
            membership=writers[k % 3],
        )  # fmt: skip
    assert counts() == before and max(before) <= 17, before


def test_registered_crime_of_the_wijk_stands_beside_factor_1(client, den_haag, analysis, partner):
    from django.utils.formats import number_format

    from buurtpeil.areas.models import Area
    from buurtpeil.indicators.services import area_figures_import

    buurten = list(Area.objects.filter(parent=analysis.area).order_by("code")[:2])
    rows = [f"{b.code},2025,crime,totaal,{n}" for b, n in zip(buurten, (40, 25), strict=True)]
    data = "\n".join(["buurtcode,jaar,indicator,categorie,waarde", *rows]).encode()
    area_figures_import(organisation=den_haag, data=data, file_name="f.csv", source="CBS 47018NED")
    people = sum(b.population or 0 for b in buurten)
    client.force_login(partner.user)
    body = client.get(_url(analysis)).content.decode()
    factor_1 = body.split("1. Signaalcriminaliteit en -overlast")[1].split("2. Verloedering")[0]
    expected = number_format(65 / people * 1000, 1)
    assert f"Geregistreerde misdrijven per 1.000 inwoners in 2025: {expected} (CBS 47018NED)" in factor_1
    assert "Geregistreerde misdrijven" not in body.split("2. Verloedering")[1]
