"""Metrics in the Prometheus text format, served at ``/metrics`` (``OperationsMiddleware``).

Two kinds:
- *request metrics*, counted by every application process (``RequestLogMiddleware``): requests
  and their duration by view name and status class. With several worker processes (granian
  ``--workers``), set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder before the processes
  start; each process then writes its counts to its own file there and a scrape adds them up
  (prometheus-client's multi-process mode, decision 0020).
- *database gauges*, read from the database at scrape time (at most every 30 seconds per
  process), so they are the same whichever process answers: tasks waiting and failed in the
  database queue, deliveries, responses.
  Apps register them in the ``gauges`` registry (``DatabaseGauge``), so core need not import
  them.

``/metrics`` answers only a request with ``Authorization: Bearer <METRICS_TOKEN>`` or from an
address in ``METRICS_ALLOWED_IPS``; any other request gets a 404, as if there were nothing.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.metrics_core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from buurtpeil.core.registry import Registry

logger = logging.getLogger(__name__)

MULTIPROCESS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
if MULTIPROCESS_DIR:
    os.makedirs(MULTIPROCESS_DIR, exist_ok=True)

# Created outside the default registry: a scrape builds its own (see ``metrics_text``).
REQUESTS = Counter(
    "buurtpeil_http_requests",
    "HTTP requests handled, by view and status class.",
    ["view", "status"],
    registry=None,
)
REQUEST_DURATION = Histogram(
    "buurtpeil_http_request_duration_seconds",
    "Time from the request reaching the application to its response, by view and status class.",
    ["view", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=None,
)


def request_observe(*, view: str, status: int, seconds: float) -> None:
    status_class = f"{status // 100}xx"
    REQUESTS.labels(view, status_class).inc()
    REQUEST_DURATION.labels(view, status_class).observe(seconds)


@dataclass(frozen=True)
class GaugeValue:
    labels: dict[str, str]
    value: float


class DatabaseGauge:
    """A gauge read from the database when metrics are scraped. Subclasses set ``name`` (the
    full metric name), ``documentation`` and ``labels``, and yield ``GaugeValue`` rows."""

    identifier: str
    name: str
    documentation: str
    labels: tuple[str, ...] = ()

    def values(self) -> Iterable[GaugeValue]:
        raise NotImplementedError


gauges: Registry[DatabaseGauge] = Registry()


# Database gauges are read at most every METRICS_GAUGES_MAX_AGE seconds per process: counting a
# large table on every scrape by every Prometheus server would cost more than it tells.
_gauge_cache: tuple[float, list[GaugeMetricFamily]] = (0.0, [])


def _gauge_families() -> list[GaugeMetricFamily]:
    families = []
    for gauge in gauges:
        family = GaugeMetricFamily(gauge.name, gauge.documentation, labels=list(gauge.labels))
        try:
            for row in gauge.values():
                family.add_metric([row.labels[label] for label in gauge.labels], row.value)
        except DatabaseError:
            # The scrape goes on without this gauge; /health/ready tells why.
            logger.warning("metrics: gauge %s could not be read", gauge.name)
            continue
        families.append(family)
    return families


class _DatabaseCollector:
    def collect(self) -> Iterator[GaugeMetricFamily]:
        global _gauge_cache
        read_at, families = _gauge_cache
        now = time.monotonic()
        if now - read_at >= settings.METRICS_GAUGES_MAX_AGE or not families:
            families = _gauge_families()
            _gauge_cache = (now, families)
        yield from families


def metrics_text() -> bytes:
    """Every metric in the Prometheus text format."""
    registry = CollectorRegistry()
    if MULTIPROCESS_DIR:
        MultiProcessCollector(registry, path=MULTIPROCESS_DIR)
    else:
        registry.register(REQUESTS)
        registry.register(REQUEST_DURATION)
    registry.register(_DatabaseCollector())
    return generate_latest(registry)


def metrics_allowed(request: HttpRequest) -> bool:
    """The request carries the metrics token or comes from an allowed address."""
    token = settings.METRICS_TOKEN
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip(), token):
        return True
    if settings.METRICS_ALLOWED_IPS:
        try:
            address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_IPS)
    return False


def metrics_response(request: HttpRequest) -> HttpResponse | None:
    """The metrics for an allowed request; None (so a 404) for anyone else."""
    if not metrics_allowed(request):
        return None
    response = HttpResponse(metrics_text(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


@gauges("tasks")
class TaskQueueGauge(DatabaseGauge):
    name = "buurtpeil_tasks"
    documentation = "Tasks in the database queue (TASK_BACKEND=database): ready to run, running, failed."
    labels = ("status",)

    def values(self) -> Iterable[GaugeValue]:
        if settings.TASK_BACKEND != "database":
            return []
        from django.db.models import Count
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        shown = {
            TaskResultStatus.READY: "ready",
            TaskResultStatus.RUNNING: "running",
            TaskResultStatus.FAILED: "failed",
        }
        counts = dict(
            DBTaskResult.objects.filter(status__in=list(shown))
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        return [GaugeValue({"status": label}, counts.get(status, 0)) for status, label in shown.items()]
