"""Lock-out of staff logins: five failures lock a user name for fifteen minutes, many failures lock
a client address, and nothing in the answers says whether a name exists."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F

from buurtpeil.organisations.models import AuditEvent, LoginThrottle
from tests.organisations.conftest import PASSWORD

WRONG = "not-the-password"
LOCKED = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."
INVALID = "Voer een juiste gebruikersnaam en wachtwoord in."


def _message(response) -> str:
    """The page's error, without the per-request CSRF token and CSP nonce."""
    body = response.content.decode()
    return re.sub(r'(value|nonce)="[^"]*"', "", body)


def _fifteen_minutes_pass():
    """Move the stored attempts fifteen minutes into the past (instead of waiting)."""
    shift = timedelta(minutes=15, seconds=1)
    LoginThrottle.objects.update(
        window_started_at=F("window_started_at") - shift,
        locked_until=F("locked_until") - shift,
        updated_at=F("updated_at") - shift,
    )


@pytest.mark.django_db
def test_five_failures_lock_the_name_even_for_the_right_password(client, staff_member, log_in):
    for _ in range(4):
        response = log_in("inge", WRONG)
        assert response.status_code == 200 and INVALID in response.content.decode()
    response = log_in("inge", WRONG)
    assert INVALID in response.content.decode()

    response = log_in("inge", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lock_ends_after_fifteen_minutes(client, staff_member, log_in):
    for _ in range(5):
        log_in("inge", WRONG)
    assert log_in("inge", PASSWORD).status_code == 429

    _fifteen_minutes_pass()
    response = log_in("inge", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_member.pk)


@pytest.mark.django_db
def test_a_login_clears_the_count_and_failures_outside_the_window_are_forgotten(staff_member, log_in):
    for _ in range(4):
        log_in("inge", WRONG)
    assert log_in("inge", PASSWORD).status_code == 302  # the fifth attempt, and right
    for _ in range(4):
        assert log_in("inge", WRONG).status_code == 200
    _fifteen_minutes_pass()
    for _ in range(4):
        assert log_in("inge", WRONG).status_code == 200
    assert log_in("inge", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_unknown_name_gets_the_same_answers_as_a_known_one(staff_member, log_in):
    known = [_message(log_in("inge", WRONG)) for _ in range(6)]
    unknown = [_message(log_in("nobody-here", WRONG)) for _ in range(6)]
    assert known == unknown
    assert INVALID in known[0] and LOCKED in known[-1]
    assert [log_in("inge", WRONG).status_code, log_in("nobody-here", WRONG).status_code] == [429, 429]


@pytest.mark.django_db
def test_a_client_address_is_locked_whatever_names_it_tries(settings, staff_member, log_in):
    settings.STAFF_LOCKOUT_IP_FAILURES = 8
    for number in range(8):
        log_in(f"guess{number}", WRONG, REMOTE_ADDR="203.0.113.9")
    assert LOCKED in log_in("inge", PASSWORD, REMOTE_ADDR="203.0.113.9").content.decode()
    assert log_in("inge", PASSWORD, REMOTE_ADDR="198.51.100.4").status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_address_counts(settings, staff_member, log_in):
    settings.STAFF_LOCKOUT_IP_FAILURES = 3
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(3):
        log_in(f"guess{number}", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert log_in("inge", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy).status_code == 429
    # A forged first entry does not help: the proxy's own entry (the last) is the one read.
    forged = "198.51.100.4, 203.0.113.9"
    assert log_in("inge", PASSWORD, HTTP_X_FORWARDED_FOR=forged, **proxy).status_code == 429
    assert log_in("inge", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy).status_code == 302


@pytest.mark.django_db
def test_the_table_holds_neither_names_nor_addresses_and_old_rows_go(staff_member, log_in):
    log_in("inge", WRONG, REMOTE_ADDR="203.0.113.9")
    keys = " ".join(LoginThrottle.objects.values_list("key", flat=True))
    assert LoginThrottle.objects.count() == 2
    assert "inge" not in keys and "203.0.113" not in keys
    _fifteen_minutes_pass()
    _fifteen_minutes_pass()
    log_in("someone", WRONG, REMOTE_ADDR="198.51.100.4")
    assert LoginThrottle.objects.count() == 2  # the earlier two were pruned


@pytest.mark.django_db
def test_failed_logins_are_audited_without_the_typed_name_or_password(
    organisation, other_organisation, staff_member, log_in, caplog
):
    from buurtpeil.organisations.services import membership_grant

    membership_grant(user=staff_member, organisation=other_organisation, role="viewer")
    caplog.set_level("INFO")
    log_in("inge", WRONG)
    log_in("Typed-Name-Of-Nobody", "Secret-Typed-Password")

    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert sorted(e.organisation.code for e in failed.filter(organisation__isnull=False)) == [
        "GM0344",
        "GM0518",
    ]
    assert all("inge" in e.subject for e in failed.filter(organisation__isnull=False))
    unknown = failed.get(organisation__isnull=True)
    assert unknown.actor is None
    everything = " ".join(failed.values_list("subject", flat=True)) + caplog.text
    for secret in ("Typed-Name-Of-Nobody", "Secret-Typed-Password", WRONG):
        assert secret not in everything


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent attempts need PostgreSQL's row locks"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_get_no_more_than_five_tries():
    from buurtpeil.organisations.lockout import attempt_begin

    start = threading.Barrier(12)
    allowed = []

    def guess():
        from django.db import connection as own

        try:
            start.wait()
            allowed.append(attempt_begin(username="inge", address="203.0.113.9").allowed)
        finally:
            own.close()

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 5 and allowed.count(False) == 7
