"""/health/live and /health/ready: what a load balancer or orchestrator asks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]


def test_live_answers_without_touching_the_database(client):
    # No database in this test: any query would fail it. A probe comes by address, not host name.
    response = client.get("/health/live", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_ready_when_the_database_answers_and_is_migrated(client, settings):
    settings.TASK_BACKEND = "database"
    response = client.get("/health/ready", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_is_cheap_once_migrations_were_found_applied(client, settings, django_assert_max_num_queries):
    settings.TASK_BACKEND = "database"
    client.get("/health/ready")
    with django_assert_max_num_queries(2):
        assert client.get("/health/ready").status_code == 200


@pytest.mark.django_db
def test_not_ready_when_the_task_queue_cannot_be_read(client, settings):
    settings.TASK_BACKEND = "database"
    with connection.cursor() as cursor:  # undone with the test's transaction
        cursor.execute("ALTER TABLE django_tasks_database_dbtaskresult RENAME TO queue_away")
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "task queue unreachable"}


def test_only_get_and_head(client):
    assert client.post("/health/live").status_code == 405


def _ready_in_a_fresh_process(database_url: str) -> tuple[int, dict]:
    """/health/ready of the production settings in a new process with this database."""
    script = (
        "import json, django; django.setup(); from django.test import Client; "
        "r = Client().get('/health/ready'); print(r.status_code, json.dumps(r.json()))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "health-test",
        "DJANGO_SETTINGS_MODULE": "buurtpeil.config.settings",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "CRITICAL",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=PROJECT, check=True
    )
    status, body = result.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(status), json.loads(body)


def test_not_ready_before_migrations(tmp_path):
    status, body = _ready_in_a_fresh_process(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert (status, body) == (503, {"status": "unavailable", "reason": "migrations not applied"})


def test_not_ready_when_the_database_does_not_answer():
    status, body = _ready_in_a_fresh_process("postgres://nobody@127.0.0.1:9/nothing")
    assert (status, body) == (503, {"status": "unavailable", "reason": "database unreachable"})
