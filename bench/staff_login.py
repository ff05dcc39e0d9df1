"""What the staff login's lock-out, audit and second step cost per request, printed as figures:
database queries and median time of (a) a wrong password (the name and the address already
counted, as in an attack), (b) a wrong password for an unknown name, (c) a password then an
authenticator code, and (d) a staff page with the session middleware's idle check. In process
(Django's test client, no sockets), with the test settings' fast password hasher, so the time
is ours and not the hasher's.

Run: .venv/bin/python bench/staff_login.py            (SQLite in a scratch folder)
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/bp_login_bench .venv/bin/python bench/staff_login.py
     (an empty database: createdb before, dropdb after)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from buurtpeil.organisations import totp, twofactor  # noqa: E402
from buurtpeil.organisations.models import TOTPDevice  # noqa: E402
from buurtpeil.organisations.services import membership_grant, organisation_upsert  # noqa: E402

ROUNDS = 200
PASSWORD = "a-long-bench-password"


def measure(label: str, action) -> None:
    times, queries = [], []
    for number in range(ROUNDS):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            action(number)
            times.append(time.perf_counter() - start)
        queries.append(len(captured))
    print(f"{label:<52} {statistics.median(times) * 1000:6.2f} ms  {statistics.median(queries):4.0f} queries")


def main() -> None:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    settings.STAFF_2FA_REQUIRED = True
    settings.STAFF_LOCKOUT_FAILURES = settings.STAFF_LOCKOUT_IP_FAILURES = 10**6  # counted, never locked
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    user = get_user_model().objects.create_user(username="inge", password=PASSWORD)
    membership_grant(user=user, organisation=organisation, role="analyst")
    secret = totp.secret_new()
    twofactor.device_confirm(user=user, secret=secret, code=totp.code_at(secret, totp.step_at()))
    client = Client()

    def wrong(_):
        assert client.post("/staff/login/", {"username": "inge", "password": "wrong"}).status_code == 200

    def unknown(_):
        assert client.post("/staff/login/", {"username": "nobody", "password": "wrong"}).status_code == 200

    def both_steps(_):
        TOTPDevice.objects.filter(user=user).update(last_step=0)  # the same code again, for the bench only
        assert client.post("/staff/login/", {"username": "inge", "password": PASSWORD}).status_code == 302
        code = totp.code_at(secret, totp.step_at())
        assert client.post("/staff/login/code/", {"code": code}).status_code == 302

    print(f"{connection.vendor}, {ROUNDS} rounds each, median")
    measure("(a) wrong password", wrong)
    measure("(b) wrong password, unknown name", unknown)
    measure("(c) password and authenticator code (2 requests)", both_steps)
    client.force_login(user)
    page = f"/staff/{organisation.code}/audit/"
    measure("(d) staff page (audit log) with the idle check", lambda _: client.get(page))


if __name__ == "__main__":
    main()
