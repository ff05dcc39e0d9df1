"""Fan-out: recipients and deliveries made in bulk, sent in batches, each message at most once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from buurtpeil.distribution import sending, services
from buurtpeil.distribution.channels import DeliveryFailed, DeliveryRefused
from buurtpeil.distribution.channels.email import EmailChannel
from buurtpeil.distribution.models import Delivery, Distribution, Recipient
from buurtpeil.distribution.selectors import distribution_progress, recipient_by_token
from buurtpeil.distribution.tasks import deliveries_send_task

pytestmark = pytest.mark.usefixtures("daytime")

ANSWER = re.compile(r"/p/(?P<org>[^/]+)/a/(?P<token>[A-Za-z0-9_-]+)")


@pytest.fixture
def members(organisation, buurten, make_member):
    buurt = next(iter(buurten.values()))
    return [make_member(organisation, buurt, email=f"r{index}@example.org") for index in range(3)]


def test_a_distribution_starting_now_invites_every_member_once(distribute, members, mailoutbox):
    distribution = distribute()

    assert sorted(message.to[0] for message in mailoutbox) == [
        "r0@example.org",
        "r1@example.org",
        "r2@example.org",
    ]
    assert Recipient.objects.filter(distribution=distribution, invited_at__isnull=False).count() == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}
    distribution.refresh_from_db()
    assert distribution.status == Distribution.Status.RUNNING


def test_the_link_in_the_message_finds_the_recipient_and_no_token_is_stored(
    distribute, members, mailoutbox, organisation
):
    distribute()
    message = next(m for m in mailoutbox if m.to == ["r0@example.org"])
    token = ANSWER.search(message.body)["token"]

    recipient = recipient_by_token(organisation=organisation, token=token)

    assert recipient.member_key == members[0].key
    stored = Recipient.objects.values_list("token_salt", "token_digest")
    assert all(token not in (salt, digest) for salt, digest in stored)


def test_running_the_batch_task_twice_sends_nothing_twice(distribute, members, mailoutbox):
    distribution = distribute()
    ids = list(Delivery.objects.filter(recipient__distribution=distribution).values_list("pk", flat=True))

    deliveries_send_task.enqueue(ids)
    deliveries_send_task.enqueue(ids)

    assert len(mailoutbox) == 3


def test_starting_twice_adds_no_recipients_or_deliveries(distribute, members, mailoutbox):
    distribution = distribute()
    Distribution.objects.filter(pk=distribution.pk).update(status=Distribution.Status.SCHEDULED)

    again = services.distribution_start(distribution_id=distribution.pk)
    sending.deliveries_send(again)

    assert Recipient.objects.count() == 3 and Delivery.objects.count() == 3
    assert again == [] and len(mailoutbox) == 3


def test_a_crash_after_the_claim_never_leads_to_a_second_message(distribute, members, mailoutbox):
    distribution = distribute(starts_at=timezone.now() + timedelta(hours=1))
    assert mailoutbox == []
    start = timezone.now() + timedelta(hours=2)
    ids = services.distribution_start(distribution_id=distribution.pk, now=start)

    claimed = sending.deliveries_claim(ids, now=start)  # ... and the worker dies here
    sending.deliveries_send(ids, now=start)
    deliveries_send_task.enqueue(ids)

    assert sorted(claimed) == sorted(ids) and mailoutbox == []
    assert sending.claims_expire(now=start + timedelta(minutes=16)) == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}
    sending.deliveries_send(ids, now=start + timedelta(hours=1))
    assert mailoutbox == []


def test_a_passing_failure_is_retried_with_back_off_and_then_given_up(
    distribute, members, mailoutbox, monkeypatch
):
    def fail(self, connection, address, message):
        raise DeliveryFailed("mail server not reached (ConnectionRefusedError)")

    monkeypatch.setattr(EmailChannel, "send", fail)
    distribution = distribute()
    delivery = Delivery.objects.filter(recipient__distribution=distribution).first()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.due_at > timezone.now() and "not reached" in delivery.error

    moment = delivery.due_at
    for _ in range(sending.ATTEMPTS_MAX - 1):
        sending.deliveries_send([delivery.pk], now=moment)
        delivery.refresh_from_db()
        moment = delivery.due_at

    assert (delivery.status, delivery.attempts) == ("failed", sending.ATTEMPTS_MAX)
    assert "gave up after" in delivery.error
    assert mailoutbox == []


def test_a_retry_that_succeeds_sends_once(distribute, members, mailoutbox, monkeypatch):
    real_send = EmailChannel.send
    calls = []

    def flaky(self, connection, address, message):
        calls.append(address)
        if len(calls) == 1:
            raise DeliveryFailed("time-out")
        return real_send(self, connection, address, message)

    monkeypatch.setattr(EmailChannel, "send", flaky)
    distribution = distribute()
    failed = Delivery.objects.get(recipient__distribution=distribution, status="pending")

    sending.deliveries_send([failed.pk], now=failed.due_at)
    sending.deliveries_send([failed.pk], now=failed.due_at + timedelta(hours=1))

    assert len(mailoutbox) == 3
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 2)


def test_a_refusal_fails_at_once(distribute, members, mailoutbox, monkeypatch):
    def refuse(self, connection, address, message):
        raise DeliveryRefused("the mail server refused the address")

    monkeypatch.setattr(EmailChannel, "send", refuse)
    distribute()

    assert list(Delivery.objects.values_list("status", "attempts").distinct()) == [("failed", 1)]


def test_members_without_an_address_such_as_synthetic_ones_are_skipped(
    distribute, organisation, buurten, make_member, mailoutbox
):
    from buurtpeil.panel.models import PanelMember

    buurt = next(iter(buurten.values()))
    make_member(organisation, buurt, email=None, source=PanelMember.Source.SYNTHETIC)
    make_member(organisation, buurt, email="real@example.org")

    distribution = distribute()

    assert [m.to for m in mailoutbox] == [["real@example.org"]]
    progress = distribution_progress(distribution)
    assert [(row.channel, row.sent, row.skipped, row.waiting) for row in progress] == [("email", 1, 1, 0)]
    assert Delivery.objects.get(status="skipped").error == "no e-mail address"


def test_a_member_who_left_after_the_start_gets_nothing(distribute, members, mailoutbox):
    from buurtpeil.panel.services import member_leave

    distribution = distribute(starts_at=timezone.now() + timedelta(hours=1))
    start = timezone.now() + timedelta(hours=2)
    ids = services.distribution_start(distribution_id=distribution.pk, now=start)
    member_leave(member=members[0])

    sending.deliveries_send(ids, now=start)

    assert sorted(m.to[0] for m in mailoutbox) == ["r1@example.org", "r2@example.org"]


def test_batches_are_cut_to_the_batch_size(distribute, organisation, buurten, make_member, monkeypatch):
    batches = []
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)
    monkeypatch.setattr(sending, "deliveries_send", lambda ids: batches.append(list(ids)) or {})
    buurt = next(iter(buurten.values()))
    for _ in range(5):
        make_member(organisation, buurt)

    distribute()

    assert [len(batch) for batch in batches] == [2, 2, 1]


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_batch_at_once_send_each_message_once(
    organisation, buurten, make_member, poll, mailoutbox
):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the test database of SQLite is in memory, where a second writer fails at once")
    buurt = next(iter(buurten.values()))
    for _ in range(40):
        make_member(organisation, buurt)
    start = timezone.now() + timedelta(hours=1)
    distribution = services.distribution_create(
        poll=poll, target={}, channels=["email"], starts_at=start, ends_at=start + timedelta(days=3)
    )
    ids = services.distribution_start(distribution_id=distribution.pk, now=start)
    barrier, errors = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait()
            sending.deliveries_send(ids, now=start)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(m.to[0] for m in mailoutbox) == sorted(set(m.to[0] for m in mailoutbox))
    assert len(mailoutbox) == 40
