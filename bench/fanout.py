"""Print the time to fan a poll out to 10,000 panel members: targeting, recipients with their
token digests, invitation deliveries, and sending every e-mail in batches (Django's locmem
e-mail backend, so the figure is Buurtpeil's own work, not an SMTP server's), then a second run
of every batch (which must send nothing).

Run: .venv/bin/python bench/fanout.py  (SQLite in a temporary directory by default; set
DATABASE_URL to measure on PostgreSQL, which must then be an empty database).
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
MEMBERS = int(os.environ.get("MEMBERS", "10000"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import get_resolver  # noqa: E402
from django.utils import timezone  # noqa: E402

from buurtpeil.distribution import sending, services  # noqa: E402
from buurtpeil.distribution.models import Delivery  # noqa: E402
from buurtpeil.organisations.services import organisation_upsert  # noqa: E402
from buurtpeil.panel.digests import email_digest  # noqa: E402
from buurtpeil.panel.models import Identity, PanelMember  # noqa: E402
from buurtpeil.polls.services import poll_create, poll_publish  # noqa: E402

DEFINITION = {
    "languages": ["nl"],
    "title": {"nl": "Veiligheid"},
    "groups": [
        {
            "id": "g",
            "title": {"nl": "G"},
            "questions": [{"code": "m", "type": "mark", "text": {"nl": "Cijfer"}}],
        }
    ],
}


def row(label: str, value: str) -> None:
    print(f"{label:<46} {value}")


def main() -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QUIET_HOURS = "off"
    mail.outbox = []
    call_command("migrate", verbosity=0)
    assert get_resolver().url_patterns  # import every view once, as a running worker already has
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    members = PanelMember.objects.bulk_create(
        PanelMember(organisation=organisation, status=PanelMember.Status.ACTIVE) for _ in range(MEMBERS)
    )
    members = PanelMember.objects.filter(organisation=organisation)
    Identity.objects.bulk_create(
        Identity(
            member=member,
            organisation=organisation,
            email=f"r{member.pk}@example.org",
            email_digest=email_digest(f"r{member.pk}@example.org"),
        )
        for member in members
    )
    poll = poll_create(organisation=organisation, title="Bench", definition=DEFINITION)
    poll_publish(poll=poll)
    now = timezone.now()
    distribution = services.distribution_create(
        poll=poll,
        target={},
        channels=["email"],
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(days=7),
    )

    started = time.perf_counter()
    ids = services.distribution_start(distribution_id=distribution.pk, now=now + timedelta(hours=1))
    created = time.perf_counter()
    for start in range(0, len(ids), sending.BATCH_SIZE):
        sending.deliveries_send(ids[start : start + sending.BATCH_SIZE], now=now + timedelta(hours=1))
    sent = time.perf_counter()
    for start in range(0, len(ids), sending.BATCH_SIZE):
        sending.deliveries_send(ids[start : start + sending.BATCH_SIZE], now=now + timedelta(hours=1))
    again = time.perf_counter()

    row("database", connection.vendor)
    row("members", f"{MEMBERS:,}")
    row("recipients + deliveries created", f"{created - started:.2f} s")
    row(f"e-mails sent in batches of {sending.BATCH_SIZE}", f"{sent - created:.2f} s")
    row("fan-out total", f"{sent - started:.2f} s ({MEMBERS / (sent - started):,.0f} recipients/s)")
    row("every batch run again", f"{again - sent:.2f} s")
    row("e-mails in the outbox", f"{len(mail.outbox):,}")
    row("deliveries sent", f"{Delivery.objects.filter(status='sent').count():,}")


if __name__ == "__main__":
    main()
