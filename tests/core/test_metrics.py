"""/metrics: the Prometheus text format, for the token's holder or an allowed address only."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

PROJECT = Path(__file__).resolve().parents[2]


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _requests(samples, view, status) -> float:
    return samples.get(("buurtpeil_http_requests_total", (("status", status), ("view", view))), 0.0)


@pytest.mark.django_db
def test_without_a_token_or_address_configured_metrics_do_not_exist(client, settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", []
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.django_db
def test_a_wrong_token_or_another_address_gets_404(client, settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "s3cret-metrics-token", ["10.1.0.0/16"]
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.2.0.5").status_code == 404


@pytest.mark.django_db
def test_requests_are_counted_by_view_and_status_class(client, settings, organisation):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    auth = {"HTTP_AUTHORIZATION": "Bearer s3cret-metrics-token"}
    before = _samples(client.get("/metrics", **auth).content.decode())
    client.get(f"/p/{organisation.code}/privacy/")
    client.get(f"/p/{organisation.code}/privacy/")
    client.get("/p/UNKNOWN/privacy/")
    response = client.get("/metrics", HTTP_HOST="10.0.0.7:8000", **auth)  # scraped by address
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    after = _samples(response.content.decode())
    assert _requests(after, "panel:privacy", "2xx") - _requests(before, "panel:privacy", "2xx") == 2
    assert _requests(after, "panel:privacy", "4xx") - _requests(before, "panel:privacy", "4xx") == 1
    bucket = ("buurtpeil_http_request_duration_seconds_count", (("status", "2xx"), ("view", "panel:privacy")))
    assert after[bucket] - before.get(bucket, 0) == 2


@pytest.mark.django_db
def test_an_allowed_address_gets_the_gauges_of_queue_sending_and_answers(client, settings, organisation):
    from django_tasks_db.models import DBTaskResult

    from buurtpeil.distribution.models import Delivery
    from tests.responses import factories

    settings.METRICS_ALLOWED_IPS = ["192.0.2.0/24"]
    settings.TASK_BACKEND = "database"
    settings.METRICS_GAUGES_MAX_AGE = 0  # read now, not what an earlier scrape read
    poll, _version = factories.poll_published(organisation)
    distribution = factories.distribution_running(poll)
    for status in ("pending", "pending", "failed", "sent"):
        recipient, _token = factories.recipient(distribution)
        Delivery.objects.create(recipient=recipient, kind="invite", channel="email", status=status)
    recipient, _token = factories.recipient(distribution)
    poll.responses.create(
        organisation=organisation,
        version=distribution.version,
        recipient=recipient,
        member_key=recipient.member_key,
    )
    common = {
        "args_kwargs": {},
        "task_path": "x.y",
        "backend_name": "default",
        "run_after": "9999-01-01T00:00Z",
    }
    DBTaskResult.objects.create(status="READY", **common)
    DBTaskResult.objects.create(status="FAILED", **common)
    DBTaskResult.objects.create(status="SUCCESSFUL", **common)

    samples = _samples(client.get("/metrics", REMOTE_ADDR="192.0.2.44").content.decode())
    assert samples[("buurtpeil_deliveries", (("status", "pending"),))] == 2
    assert samples[("buurtpeil_deliveries", (("status", "failed"),))] == 1
    assert samples[("buurtpeil_deliveries", (("status", "sending"),))] == 0
    assert samples[("buurtpeil_responses", (("status", "in_progress"),))] == 1
    assert samples[("buurtpeil_responses", (("status", "complete"),))] == 0
    assert samples[("buurtpeil_tasks", (("status", "ready"),))] == 1
    assert samples[("buurtpeil_tasks", (("status", "failed"),))] == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, headers=None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_several_granian_workers_report_one_sum(tmp_path):
    """Multi-process mode: whichever worker answers a scrape, it reports every worker's requests."""
    port = _free_port()
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "metrics-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        # No tables: the gauges are left out, the request metrics still count.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "METRICS_TOKEN": "s3cret-metrics-token",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "LOG_LEVEL": "CRITICAL",
    }
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--workers",
        "2",
        "--blocking-threads",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "error",
        "buurtpeil.config.wsgi:application",
    ]
    server = subprocess.Popen(
        command,
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                if _get(port, "/health/live")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        requests = 40
        for _ in range(requests):
            assert _get(port, "/no-such-page")[0] == 404
        auth = {"Authorization": "Bearer s3cret-metrics-token"}
        counts = []
        for _ in range(10):
            status, text = _get(port, "/metrics", auth)
            assert status == 200
            counts.append(_requests(_samples(text), "unmatched", "4xx"))
        assert counts == [requests] * 10, counts
        # Both workers answered some of them: each wrote its counts to files of its own.
        writers = {path.stem.rsplit("_", 1)[1] for path in (tmp_path / "metrics").iterdir()}
        assert len(writers) == 2, writers
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:  # granian stopped while a worker was still starting
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.django_db
def test_the_gauges_are_read_from_the_database_at_most_every_so_often(
    client, settings, organisation, django_assert_max_num_queries
):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    auth = {"HTTP_AUTHORIZATION": "Bearer s3cret-metrics-token"}
    settings.METRICS_GAUGES_MAX_AGE = 0
    client.get("/metrics", **auth)
    settings.METRICS_GAUGES_MAX_AGE = 30
    with django_assert_max_num_queries(0):
        assert "buurtpeil_responses" in client.get("/metrics", **auth).content.decode()
