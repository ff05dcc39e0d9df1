"""The insights fixtures (Den Haag areas, an answered and computed poll with one small buurt),
an analyst with an e-mail address, a way to ask for council reports, and one finished report
shared by the tests that only read it (making one takes seconds)."""

import io
import re
import zipfile
from types import SimpleNamespace

import pytest

from tests.conftest import import_den_haag
from tests.insights.conftest import (  # noqa: F401  (fixtures)
    BIG,
    SMALL,
    SMALL_N,
    add_responses,
    answered_poll,
    computed,
    make_poll,
)
from tests.reports import factories

BIG_LEANING = BIG  # the same buurten, answering another wave more unsafely (lean > 0)
CONTACT = {"email": "bewoner.kleinebuurt@example.org", "phone": "+31612345678", "name": "Jansje Bewoner"}


@pytest.fixture
def analyst(den_haag, make_staff):
    user = make_staff(den_haag, "analyst")
    user.email = "analist@gemeente.example"
    user.save()
    return user


def _requester(analyst, monkeypatch, on_commit):
    """request(poll=..., period=..., language=...) -> the report, made at once (tasks run
    immediately in tests), with ``.html``: what its PDF was laid out from."""
    from buurtpeil.reports.council import build
    from buurtpeil.reports.council.services import council_report_request

    laid_out = []
    real = build.report_pdf
    monkeypatch.setattr(build, "report_pdf", lambda html: laid_out.append(html) or real(html))

    def request(*, poll=None, period=None, language="nl"):
        with on_commit():
            report = council_report_request(
                organisation=analyst.memberships.get().organisation,
                poll=poll,
                period=period,
                actor=analyst,
                language=language,
            )
        report.refresh_from_db()
        report.html = laid_out[-1] if laid_out else ""
        return report

    return request


@pytest.fixture
def request_report(analyst, monkeypatch, django_capture_on_commit_callbacks):
    return _requester(analyst, monkeypatch, lambda: django_capture_on_commit_callbacks(execute=True))


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    """A finished report of a computed poll, in its own organisation (GM9518: the tests' own
    GM0518 stays free), whose panel has a member with contact data. Made in a transaction that
    is rolled back after the module; each test runs in a savepoint inside it."""
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.db import transaction
    from django.test import TestCase

    from buurtpeil.insights.services import poll_results_compute
    from buurtpeil.organisations.services import membership_grant, organisation_upsert
    from buurtpeil.panel.models import Identity, PanelMember

    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as monkeypatch, transaction.atomic():
        organisation = organisation_upsert(code="GM9518", name="'s-Gravenhage")
        import_den_haag(organisation)
        member = PanelMember.objects.create(
            organisation=organisation,
            buurt=organisation.areas.get(code=SMALL),
            age_group="45_65",
            sex="female",
            status=PanelMember.Status.ACTIVE,
        )
        Identity.objects.create(member=member, organisation=organisation, email_digest="d" * 64, **CONTACT)
        poll, version = make_poll(organisation)
        add_responses(version, {**BIG, SMALL: SMALL_N})
        results = poll_results_compute(poll=poll)
        user = get_user_model().objects.create_user(
            username="report-analyst", email="analist@gemeente.example"
        )
        membership_grant(user=user, organisation=organisation, role="analyst")
        sent = len(mail.outbox)
        on_commit = lambda: TestCase.captureOnCommitCallbacks(execute=True)  # noqa: E731
        report = _requester(user, monkeypatch, on_commit)(poll=poll)
        try:
            yield SimpleNamespace(
                report=report,
                html=report.html,
                results=results,
                user=user,
                member=member,
                mails=mail.outbox[sent:],
            )
        finally:
            transaction.set_rollback(True)


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the PDF's pages, in reading order."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    texts = [
        box.text
        for page in document.pages
        for box in page._page_box.descendants()
        if isinstance(getattr(box, "text", None), str)
    ]
    return re.sub(r"\s+", " ", " ".join(texts))


def odt_parts(data: bytes) -> SimpleNamespace:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return SimpleNamespace(archive=archive, content=archive.read("content.xml").decode())


@pytest.fixture
def answered(organisation):
    """See ``factories.poll_answered``."""
    return factories.poll_answered(organisation)
