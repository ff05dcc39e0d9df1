"""The annex of a safety plan as PDF and ODT: downloaded by everyone in the organisation, with
the priorities, the goals with their baseline, target, progress and evaluation, the actions with
their partners and owners; in the language of the page; audited; never another organisation's."""

import contextlib
import datetime
import re
import zipfile
import zlib
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from tests.conftest import import_den_haag
from tests.plans.conftest import INDICATOR, TREATED, area, computed_wave, stored_figure
from tests.reports.conftest import odt_parts, pdf_text

pytestmark = pytest.mark.django_db
FUTURE = timezone.localdate() + datetime.timedelta(days=400)
PAST = timezone.localdate() - datetime.timedelta(days=10)


def _percent(value):
    return f"{round(value * 100)}%"


def _interval(figure):
    return f"{_percent(figure['e'])} ({round(figure['l'] * 100)}\u2013{_percent(figure['h'])})"


def _pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams (object streams, metadata) inflated, to search in."""
    inflated = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):  # a stream that is not deflated: nothing to read
            inflated.append(zlib.decompress(stream[1]))
    return b"\n".join([data, *inflated])


@pytest.fixture(scope="module")
def annexed(django_db_setup, django_db_blocker):
    """A plan of Den Haag (GM9519) with two priorities in Kortenbos, a goal whose baseline is the
    2025 wave, three actions (one running with two partners, one overdue, one without partner)
    and a 2026 wave in which Kortenbos feels much safer; and a viewer. Made in a transaction that
    is rolled back after the module; each test runs in a savepoint inside it."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from buurtpeil.organisations.services import membership_grant, organisation_upsert
    from buurtpeil.partners.models import Partner
    from buurtpeil.plans import services
    from buurtpeil.plans.models import Action, Plan

    with django_db_blocker.unblock(), transaction.atomic():
        organisation = organisation_upsert(code="GM9519", name="'s-Gravenhage")
        import_den_haag(organisation)
        baseline_wave = computed_wave(organisation, "Veiligheid 2025", 0.0, seed=11)
        plan = Plan.objects.create(
            organisation=organisation,
            title="IVP 2027-2030",
            starts=datetime.date(2027, 1, 1),
            ends=datetime.date(2030, 12, 31),
        )
        kortenbos = area(organisation, TREATED)
        services.priorities_adopt(
            plan=plan,
            area=kortenbos,
            reasons={1: "Veel overlast van jongeren op het plein.", 7: "Donkere stegen."},
            poll=baseline_wave,
        )
        figure = stored_figure(baseline_wave, TREATED)
        goal = services.goal_create(
            plan=plan,
            title="Minder bewoners voelen zich onveilig in Kortenbos",
            factor=1,
            indicator=INDICATOR,
            areas=[kortenbos],
            target=figure["l"] - 0.02,
            deadline=FUTURE,
            owner="Wijkregisseur Centrum",
        )
        police = Partner.objects.create(organisation=organisation, name="Politie Haaglanden", sector="police")
        housing = Partner.objects.create(organisation=organisation, name="Staedion", sector="housing")
        january, february, march = (datetime.date(2026, month, 1) for month in (1, 2, 3))
        actions = [
            ("Buurtconciërge in de avond", "running", january, FUTURE, 12500, [police, housing]),
            ("Extra straatverlichting", "planned", march, PAST, None, [housing]),
            ("Buurtgesprek over veiligheid", "done", february, february, 800, []),
        ]
        for title, status, starts, ends, budget, partners in actions:
            action = Action.objects.create(
                goal=goal, title=title, status=status, starts=starts, ends=ends, budget=budget
            )
            action.partners.set(partners)
        later_wave = computed_wave(organisation, "Veiligheid 2026", 1.5, seed=23)
        viewer = get_user_model().objects.create_user(username="annex-viewer")
        membership_grant(user=viewer, organisation=organisation, role="viewer")
        try:
            yield SimpleNamespace(
                organisation=organisation,
                plan=plan,
                goal=goal,
                baseline=figure,
                latest=stored_figure(later_wave, TREATED),
                viewer=viewer,
                kortenbos=kortenbos,
            )
        finally:
            transaction.set_rollback(True)


def _url(plan, kind, code=None):
    return f"/staff/{code or plan.organisation.code}/plans/{plan.pk}/annex.{kind}"


@pytest.fixture
def laid_out(monkeypatch):
    """The HTML every PDF annex of the test was laid out from."""
    from buurtpeil.reports.annex import services

    pages = []
    real = services.report_pdf
    monkeypatch.setattr(services, "report_pdf", lambda html: pages.append(html) or real(html))
    return pages


def test_the_pdf_annex_has_the_priorities_goals_actions_partners_and_owners(client, annexed, laid_out):
    client.force_login(annexed.viewer)
    response = client.get(_url(annexed.plan, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="bijlage-ivp-2027-2030-{annexed.plan.pk}.pdf"'
    )
    objects = _pdf_objects(response.content)  # tagged PDF/UA-1 in Dutch
    assert b"/StructTreeRoot" in objects and b"/Lang (nl)" in objects and b'pdfuaid:part="1"' in objects
    [html] = laid_out
    assert '<html lang="nl">' in html and "<title>Bijlage: IVP 2027-2030</title>" in html
    text = pdf_text(html)
    for expected in (
        # title page
        "'s-Gravenhage",
        "IVP 2027-2030",
        "Bijlage bij het integraal veiligheidsplan: prioriteiten, doelen en acties, "
        "1 januari 2027 tot en met 31 december 2030",
        # priorities with reasons
        "Prioriteiten per gebied",
        "Kortenbos",
        "1. Signaalcriminaliteit en -overlast",
        "7. Inrichting van de (gebouwde) omgeving",
        "Veel overlast van jongeren op het plein.",
        "Donkere stegen.",
        # the goal's SMART elements: baseline with interval and poll, target, deadline, owner
        "Doel 1: Minder bewoners voelen zich onveilig in Kortenbos",
        f"{_interval(annexed.baseline)}, n = {annexed.baseline['n']} (95%-interval), "
        "gemeten in “Veiligheid 2025”",
        f"{_percent(annexed.goal.target)} of lager",
        FUTURE.strftime("%Y"),
        "Wijkregisseur Centrum",
        # progress and evaluation with its caution
        f"{_interval(annexed.latest)} in “Veiligheid 2026”",
        "Significant beter dan de nulmeting.",
        "Verschil in verschillen:",
        "Het verschil is significant.",
        "Lees dit met voorzichtigheid",
        # actions with partners, status (overdue marked) and budget
        "Buurtconciërge in de avond",
        "Politie Haaglanden, Staedion",
        "Gepland (over tijd)",
        "€ 12.500",
        # who does what
        "Wie doet wat",
        "Politie Haaglanden (Politie)",
        "Staedion (Woningcorporatie)",
        "Geen partner genoemd",
        # method
        "Methode",
        "nooit getoond",
        "nooit modelschattingen",
    ):
        assert expected in text, expected
    assert "Bijlage" in text and "Annex" not in text


def test_the_odt_annex_says_the_same(client, annexed):
    client.force_login(annexed.viewer)
    response = client.get(_url(annexed.plan, "odt"))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    odt = odt_parts(response.content)
    assert odt.archive.infolist()[0].filename == "mimetype"
    assert odt.archive.infolist()[0].compress_type == zipfile.ZIP_STORED
    content = odt.content
    for expected in (
        "IVP 2027-2030",
        "Veel overlast van jongeren op het plein.",
        "Doel 1: Minder bewoners voelen zich onveilig in Kortenbos",
        f"{_interval(annexed.baseline)}, n = {annexed.baseline['n']}",
        f"{_percent(annexed.goal.target)} of lager",
        "Wijkregisseur Centrum",
        "Buurtconciërge in de avond",
        "Politie Haaglanden, Staedion",
        "Staedion (Woningcorporatie)",
        "Gepland (over tijd)",
    ):
        assert expected in content, expected
    assert '<text:h text:style-name="Chapter" text:outline-level="1">Wie doet wat</text:h>' in content
    assert "<dc:language>nl</dc:language>" in odt.archive.read("meta.xml").decode()


def test_with_the_page_in_english_the_annex_is_in_english(client, annexed, laid_out, settings):
    client.force_login(annexed.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override(translation.get_language()):  # the request leaves English active
        assert client.get(_url(annexed.plan, "pdf")).status_code == 200
    text = pdf_text(laid_out[-1])
    assert '<html lang="en">' in laid_out[-1]
    assert "Annex to the integral safety plan" in text and "Who does what" in text
    assert (
        "1. Signal crimes and signal disorder" in text and "or lower" in text and "Planned (overdue)" in text
    )
    assert "Bijlage" not in text and "Wie doet wat" not in text


def test_every_annex_download_is_audited(client, annexed):
    from buurtpeil.organisations.models import AuditEvent

    client.force_login(annexed.viewer)
    client.get(_url(annexed.plan, "pdf"))
    client.get(_url(annexed.plan, "odt"))
    events = AuditEvent.objects.filter(organisation=annexed.organisation, action="export").order_by("pk")
    plan = annexed.plan.pk
    assert [(e.actor, e.subject) for e in events] == [
        (annexed.viewer, f"annex of plan {plan} “IVP 2027-2030” as PDF (nl)"),
        (annexed.viewer, f"annex of plan {plan} “IVP 2027-2030” as ODT (nl)"),
    ]


@pytest.fixture
def empty_plan(organisation):
    from buurtpeil.plans.models import Plan

    starts, ends = datetime.date(2026, 1, 1), datetime.date(2031, 12, 31)
    return Plan.objects.create(organisation=organisation, title="ZVP 2026-2031", starts=starts, ends=ends)


def test_a_plan_without_priorities_goals_or_actions_exports(client, empty_plan, make_staff, laid_out):
    organisation = empty_plan.organisation
    organisation.country = "BE"
    organisation.save()
    client.force_login(make_staff(organisation, "viewer"))
    assert client.get(_url(empty_plan, "pdf")).status_code == 200
    text = pdf_text(laid_out[-1])
    assert "Bijlage bij het zonaal veiligheidsplan" in text
    assert "In dit plan zijn nog geen prioriteiten vastgesteld." in text
    assert "In dit plan zijn nog geen doelen gesteld." in text and "Nog geen acties." in text
    odt = client.get(_url(empty_plan, "odt"))
    assert (
        odt.status_code == 200
        and "In dit plan zijn nog geen doelen gesteld." in odt_parts(odt.content).content
    )


def test_another_organisations_plan_is_not_found(client, empty_plan, other_organisation, make_staff):
    from buurtpeil.organisations.models import AuditEvent

    outsider = make_staff(other_organisation, "admin")
    client.force_login(outsider)
    for kind in ("pdf", "odt"):
        assert client.get(_url(empty_plan, kind)).status_code == 404  # not their organisation
        assert (
            client.get(_url(empty_plan, kind, other_organisation.code)).status_code == 404
        )  # not their plan
    client.logout()
    response = client.get(_url(empty_plan, "pdf"))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_plan_page_links_to_the_annex(client, empty_plan, make_staff):
    client.force_login(make_staff(empty_plan.organisation, "viewer"))
    page = client.get(f"/staff/{empty_plan.organisation.code}/plans/{empty_plan.pk}/").text
    assert f'href="{_url(empty_plan, "pdf")}" download>Bijlage als PDF</a>' in page
    assert f'href="{_url(empty_plan, "odt")}" download>Bijlage als ODT (Word, LibreOffice)</a>' in page
