"""The documented backup and restore (docs/operations.md) on a real PostgreSQL: fill a database,
back it up with ``scripts/backup backup``, restore into a fresh database with ``scripts/backup
restore``, and find every row, sequence and uploaded file again."""

import io
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
from django.conf import settings
from django.db import connection

PROJECT = Path(__file__).resolve().parent.parent
SCRIPT = PROJECT / "scripts" / "backup"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL (DATABASE_URL)"
)


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _tables_fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Rows and a digest of their text, per table; the sequences' last values."""
    fingerprint = {}
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        for table in tables:
            rows = "string_agg(t::text, E'\\n' ORDER BY t::text)"
            query = f"SELECT count(*), md5(coalesce({rows}, '')) FROM \"{table}\" t"  # noqa: S608
            count, digest = conn.execute(query).fetchone()
            fingerprint[table] = (count, digest)
        for name, value in conn.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"):
            fingerprint[f"sequence {name}"] = (value or 0, "")
    return fingerprint


def _backup(action: str, directory: Path, url: str, var_dir: Path) -> None:
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": url, "BUURTPEIL_VAR_DIR": str(var_dir)}
    subprocess.run(["sh", str(SCRIPT), action, str(directory)], env=env, check=True, capture_output=True)


@pytest.fixture
def fresh_database():
    name = settings.DATABASES["default"]["NAME"] + "_restored"
    admin = _url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _url(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_holds_every_row_and_file(den_haag, make_staff, fresh_database, tmp_path):
    from django.core.management import call_command

    from buurtpeil.panel.services import synthetic_members_create
    from tests.responses import factories

    organisation = den_haag
    make_staff(organisation, "admin")
    buurten = list(organisation.areas.filter(level="buurt")[:5])
    members = [
        SimpleNamespace(
            buurt_code=b.code, age_group="25_45", sex="female", household="", migration_background=""
        )
        for b in buurten
        for _ in range(20)
    ]
    synthetic_members_create(organisation=organisation, members=members)
    for _ in range(3):
        factories.invitation(organisation)
    call_command("retention", stdout=io.StringIO())  # audit rows too
    var_dir = tmp_path / "var"
    (var_dir / "media" / "logos").mkdir(parents=True)
    logo = var_dir / "media" / "logos" / "gemeente.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))

    source = _url(settings.DATABASES["default"]["NAME"])
    before = _tables_fingerprint(source)
    assert before["panel_panelmember"][0] >= 100 and before["areas_area"][0] > 100

    backup_dir = tmp_path / "backup"
    _backup("backup", backup_dir, source, var_dir)
    assert (backup_dir / "buurtpeil.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    restored_var = tmp_path / "restored-var"
    _backup("restore", backup_dir, fresh_database, restored_var)

    assert _tables_fingerprint(fresh_database) == before
    assert (restored_var / "media" / "logos" / "gemeente.png").read_bytes() == logo.read_bytes()
