"""What the operations endpoints and jobs cost: the request log and metrics per request, one
/health/ready, one /metrics scrape, and the retention deleting the answers of a large poll.

In process (the test client, no sockets); the request log writes JSON lines to /dev/null.

Run: .venv/bin/python bench/operations.py [--responses 200000]          (SQLite in a scratch folder)
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/bp_ops_bench .venv/bin/python bench/operations.py
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
os.environ["LOG_FORMAT"] = "json"

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from buurtpeil.organisations.retention import retention_run  # noqa: E402
from buurtpeil.organisations.services import organisation_upsert  # noqa: E402
from buurtpeil.polls.models import Poll  # noqa: E402
from buurtpeil.responses.models import Response  # noqa: E402
from buurtpeil.responses.services import synthetic_responses_create  # noqa: E402
from tests.responses.factories import poll_published  # noqa: E402

OBSERVING = (
    "buurtpeil.core.middleware.OperationsMiddleware",
    "buurtpeil.core.middleware.RequestLogMiddleware",
)


def per_call_ms(call, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> str:
    times = sorted(times)
    return f"median {statistics.median(times):.3f} ms, p90 {times[int(len(times) * 0.9)]:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    console.setStream(open(os.devnull, "w"))  # noqa: SIM115

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage", retention_months=12)
    client = Client()
    path = f"/p/{organisation.code}/privacy/"
    without = [m for m in settings.MIDDLEWARE if m not in OBSERVING]
    for _ in range(200):
        client.get(path)
    # Alternate the two set-ups in rounds, so that the machine's other work falls on both alike.
    with_log, without_log = [], []
    for _ in range(10):
        with_log += per_call_ms(lambda: client.get(path), args.requests // 10)
        with override_settings(MIDDLEWARE=without):
            without_log += per_call_ms(lambda: client.get(path), args.requests // 10)
    print(f"{connection.vendor}: a page with request log and metrics: {summary(with_log)}")
    print(f"{connection.vendor}: the same page without them:         {summary(without_log)}")
    delta = statistics.median(with_log) - statistics.median(without_log)
    print(f"  request log and metrics add {delta * 1000:.0f} µs per request (median)")

    # What the middleware itself does per request, without the test client's noise around it.
    from buurtpeil.core import metrics
    from buurtpeil.core.middleware import request_logger

    def observe():
        metrics.request_observe(view="panel:privacy", status=200, seconds=0.001)
        request_logger.info(
            "%s %s %s %.1f ms",
            "GET",
            "panel:privacy",
            200,
            1.0,
            extra={"method": "GET", "view": "panel:privacy", "status": 200, "duration_ms": 1.0},
        )

    calls = 20_000
    started = time.perf_counter()
    for _ in range(calls):
        observe()
    micro = (time.perf_counter() - started) / calls * 1e6
    print(f"  of which one metrics update and one JSON log line: {micro:.1f} µs")

    print(f"/health/live: {summary(per_call_ms(lambda: client.get('/health/live'), 1000))}")
    print(f"/health/ready: {summary(per_call_ms(lambda: client.get('/health/ready'), 1000))}")

    poll, version = poll_published(organisation)
    started = time.perf_counter()
    rows = [(uuid.uuid4(), "BU05180000", "45_65", "female", {"mark": 7, "remarks": "x"})] * args.responses
    rows = [(uuid.uuid4(), *row[1:]) for row in rows]
    synthetic_responses_create(version=version, rows=rows)
    print(f"{args.responses} responses stored in {time.perf_counter() - started:.1f} s")

    auth = {"HTTP_AUTHORIZATION": "Bearer bench"}
    with override_settings(METRICS_TOKEN="bench", TASK_BACKEND="database", METRICS_GAUGES_MAX_AGE=0):
        scrape = per_call_ms(lambda: client.get("/metrics", **auth), 20)
    print(f"/metrics with {args.responses} responses, gauges read: {summary(scrape)}")
    with override_settings(METRICS_TOKEN="bench", TASK_BACKEND="database"):
        cached = per_call_ms(lambda: client.get("/metrics", **auth), 200)
    print(f"/metrics, gauges reused (within METRICS_GAUGES_MAX_AGE): {summary(cached)}")

    Poll.objects.filter(pk=poll.pk).update(status=Poll.Status.CLOSED)
    Response.objects.filter(poll=poll).update(updated_at=timezone.now() - timedelta(days=400))
    started = time.perf_counter()
    report = retention_run()
    seconds = time.perf_counter() - started
    deleted = report.counts[organisation.code]["answers"]
    print(f"retention: {deleted} answers of one poll deleted in {seconds:.1f} s ({deleted / seconds:,.0f}/s)")
    started = time.perf_counter()
    retention_run()
    print(f"retention again, nothing left to delete: {(time.perf_counter() - started) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
