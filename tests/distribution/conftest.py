"""Fixtures for sending: the real Den Haag buurten, panel members with traits and contact data,
a published poll, a real SMTP server and a local HTTP server that records requests."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import smtp_server  # noqa: F401  (a real SMTP server, reused)
from tests.conftest import DEMO_GEOJSON, DEMO_POPULATION

DEFINITION = {
    "languages": ["nl", "en"],
    "title": {"nl": "Veiligheid in uw buurt", "en": "Safety in your neighbourhood"},
    "intro": {},
    "groups": [
        {
            "id": "g1",
            "title": {"nl": "Uw buurt", "en": "Your neighbourhood"},
            "questions": [
                {"code": "mark", "type": "mark", "text": {"nl": "Rapportcijfer", "en": "Report mark"}}
            ],
        }
    ],
}


@pytest.fixture
def buurten(organisation):
    """The real demo areas for ``organisation``, buurten by code."""
    from buurtpeil.areas.selectors import buurten as buurten_of
    from buurtpeil.areas.services import areas_import

    areas_import(
        organisation=organisation,
        geojson=DEMO_GEOJSON.read_bytes(),
        population_csv=DEMO_POPULATION.read_bytes(),
        population_year=2019,
    )
    return {buurt.code: buurt for buurt in buurten_of(organisation)}


@pytest.fixture
def make_member(db):
    """make_member(organisation, buurt, email=..., phone=..., **traits) -> an active member.
    ``email=None`` makes a member without an identity (like the synthetic demo panel)."""
    from buurtpeil.panel.digests import email_digest
    from buurtpeil.panel.models import Identity, PanelMember

    counter = iter(range(1, 1_000_000))

    def make(organisation, buurt=None, *, email="", phone="", name="", **fields):
        defaults = {"status": PanelMember.Status.ACTIVE, "age_group": "45_65", "sex": "female"}
        member = PanelMember.objects.create(organisation=organisation, buurt=buurt, **{**defaults, **fields})
        if email is not None:
            email = email or f"resident{next(counter)}@example.org"
            Identity.objects.create(
                member=member,
                organisation=organisation,
                email=email,
                email_digest=email_digest(email),
                phone=phone,
                name=name,
            )
        return member

    return make


@pytest.fixture
def poll(organisation):
    """A published poll of ``organisation``."""
    from buurtpeil.polls.services import poll_create, poll_publish

    poll = poll_create(organisation=organisation, title="Veiligheid 2026", definition=DEFINITION)
    poll_publish(poll=poll)
    return poll


@pytest.fixture
def daytime(settings):
    """Quiet hours off, so tests do not depend on the hour they run at."""
    settings.QUIET_HOURS = "off"


class Recorder:
    """Requests a local HTTP server received, and the status it answers with."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 201
        self.body = b""

    def json(self, index=-1):
        return json.loads(self.requests[index]["body"])


@pytest.fixture
def http_server():
    """A local HTTP server (no internet): records each POST, answers ``recorder.status``."""
    recorder = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            recorder.requests.append(
                {"path": self.path, "headers": dict(self.headers), "body": self.rfile.read(length)}
            )
            self.send_response(recorder.status)
            self.send_header("Content-Length", str(len(recorder.body)))
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(recorder.body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    recorder.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def distribute(poll, django_capture_on_commit_callbacks):
    """distribute(**overrides) -> a distribution of ``poll`` created through the service, with
    its on-commit work (the start task, on the immediate backend) run."""
    from datetime import timedelta

    from django.utils import timezone

    from buurtpeil.distribution.services import distribution_create

    def create(**overrides):
        now = timezone.now()
        arguments = {
            "poll": poll,
            "target": {},
            "channels": ["email"],
            "starts_at": now,
            "ends_at": now + timedelta(days=14),
            "reminder_days": [],
            "actor": None,
            **overrides,
        }
        with django_capture_on_commit_callbacks(execute=True):
            return distribution_create(**arguments)

    return create
