"""The SQL of a save: one read of everything a save needs, one write.

In the burst after a push every resident's save goes through here, so it is plain SQL rather
than the ORM (which spends more time building its statements than the database spends running
them). The read joins the invitation, its distribution, poll, latest version, the response so
far and whether the idempotency key was seen. The write is conditional, so no row lock is held
between the two: a first save inserts the response unless one exists; a later save updates it
only at the revision it read. A write that finds its condition gone (a concurrent save got
there first) reports nothing written and the caller reads again.

On PostgreSQL the write is one statement (the response, its key and the invitation's responded
mark in data-modifying WITH clauses), so it is atomic without a transaction of its own; SQLite
runs the same three statements in a transaction. Both statements are prepared once per
PostgreSQL connection: planning a join of this size costs the server about ten times more than
running it.
"""

import json
import threading
from dataclasses import dataclass
from datetime import datetime

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper

from buurtpeil.areas.models import Area
from buurtpeil.distribution.models import Distribution, Recipient
from buurtpeil.organisations.models import Organisation
from buurtpeil.panel.models import PanelMember
from buurtpeil.polls.models import Poll, PollVersion
from buurtpeil.responses.models import Response, SubmissionKey

TABLES = {
    "recipient": Recipient._meta.db_table,
    "organisation": Organisation._meta.db_table,
    "distribution": Distribution._meta.db_table,
    "poll": Poll._meta.db_table,
    "version": PollVersion._meta.db_table,
    "response": Response._meta.db_table,
    "key": SubmissionKey._meta.db_table,
    "member": PanelMember._meta.db_table,
    "area": Area._meta.db_table,
}

_STATE = """
SELECT r.id, o.default_language, (d.status = %(ended)s OR d.ends_at <= %(now)s), p.id, p.status = %(open)s,
       v.id, v.created_at, s.id, s.status, s.version_id, sv.created_at, s.answers, s.revision,
       EXISTS (SELECT 1 FROM {key} k WHERE k.response_id = s.id AND k.key = %(key)s)
FROM {recipient} r
JOIN {organisation} o ON o.id = r.organisation_id
JOIN {distribution} d ON d.id = r.distribution_id
JOIN {poll} p ON p.id = d.poll_id
LEFT JOIN {version} v ON v.id = (
    SELECT id FROM {version} WHERE poll_id = p.id ORDER BY number DESC LIMIT 1
)
LEFT JOIN {response} s ON s.recipient_id = r.id
LEFT JOIN {version} sv ON sv.id = s.version_id
WHERE {where}
"""
STATE_BY_TOKEN = _STATE.format(where="r.token_digest = %(digest)s AND o.code = %(organisation)s", **TABLES)
STATE_BY_RECIPIENT = _STATE.format(where="r.id = %(recipient)s", **TABLES)

_INSERT = """
INSERT INTO {response} (organisation_id, poll_id, version_id, recipient_id, member_key, buurt_code,
    age_group, sex, language, answers, status, started_at, updated_at, completed_at, revision)
SELECT r.organisation_id, %(poll)s, %(version)s, r.id, r.member_key,
    CASE WHEN m.id IS NULL THEN r.buurt_code ELSE COALESCE(b.code, '') END,
    COALESCE(m.age_group, ''), COALESCE(m.sex, ''), %(language)s, {answers}, %(status)s,
    %(now)s, %(now)s, {completed_at}, 0
FROM {recipient} r
LEFT JOIN {member} m ON m.organisation_id = r.organisation_id AND m.key = r.member_key
LEFT JOIN {area} b ON b.id = m.buurt_id
WHERE r.id = %(recipient)s
ON CONFLICT (recipient_id) DO NOTHING
RETURNING id
"""
_UPDATE = """
UPDATE {response}
SET answers = {answers}, language = COALESCE(NULLIF(%(language)s, ''), language),
    status = %(status)s, updated_at = %(now)s, completed_at = %(completed_at)s, revision = revision + 1
WHERE id = %(response)s AND revision = %(revision)s AND status = %(in_progress)s
RETURNING id
"""
_KEY = "INSERT INTO {key} (response_id, key, created_at) {source}"
_RESPONDED = """
UPDATE {recipient} SET responded_at = %(now)s
WHERE id = %(recipient)s AND responded_at IS NULL AND %(complete)s {also}
"""
_TOGETHER = """
WITH s AS ({write}), k AS ({key}), u AS ({responded})
SELECT id FROM s
"""


def _statements(vendor: str) -> dict[str, str]:
    answers = "CAST(%(answers)s AS jsonb)" if vendor == "postgresql" else "%(answers)s"
    completed_at = "CAST(%(completed_at)s AS timestamptz)" if vendor == "postgresql" else "%(completed_at)s"
    insert = _INSERT.format(answers=answers, completed_at=completed_at, **TABLES)
    update = _UPDATE.format(answers=answers, **TABLES)
    if vendor == "postgresql":
        key = _KEY.format(source="SELECT id, %(key)s, %(now)s FROM s", **TABLES)
        responded = _RESPONDED.format(also="AND EXISTS (SELECT 1 FROM s)", **TABLES)
        return {
            "insert": _TOGETHER.format(write=insert, key=key, responded=responded),
            "update": _TOGETHER.format(write=update, key=key, responded=responded),
        }
    return {
        "insert": insert,
        "update": update,
        "key": _KEY.format(source="VALUES (%(response)s, %(key)s, %(now)s)", **TABLES),
        "responded": _RESPONDED.format(also="", **TABLES),
    }


_SQL: dict[str, dict[str, str]] = {}


def _sql(vendor: str, name: str) -> str:
    if vendor not in _SQL:
        _SQL[vendor] = _statements(vendor)
    return _SQL[vendor][name]


@dataclass(frozen=True)
class State:
    """What a save needs to know, as read in one query."""

    recipient_id: int
    organisation_language: str
    ended: bool  # the distribution was ended or is past its end
    poll_id: int
    poll_open: bool
    latest_version: tuple[int, object] | None  # (id, created_at) of the poll's latest version
    response_id: int | None
    response_status: str
    response_version: tuple[int, object] | None  # (id, created_at) of the version answered
    answers: dict
    revision: int
    key_seen: bool


_kept = threading.local()


def _postgresql_cursor(connection):
    """The PostgreSQL cursor of the hot path: it binds on the server, so psycopg prepares each
    statement on its connection (the ORM's cursors bind on the client and prepare nothing). One
    per connection and thread, kept between requests; wrapped as Django wraps its own, so
    query logging and counting see it."""
    connection.ensure_connection()
    raw = getattr(_kept, "cursor", None)
    if raw is None or raw.closed or raw.connection is not connection.connection:
        raw = _kept.cursor = psycopg.Cursor(connection.connection)
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    return wrapper(raw, connection)


def _fetchone(connection, sql: str, params: dict):
    if connection.vendor == "postgresql":
        cursor = _postgresql_cursor(connection)
        cursor.execute(sql, params)
        return cursor.fetchone()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def state_read(
    *, key: str, now: datetime, digest: str = "", organisation_code: str = "", recipient_id: int | None = None
) -> State | None:
    """The save state of the invitation with this token digest in this organisation, or with
    this recipient id. None when there is no such invitation."""
    connection = connections[DEFAULT_DB_ALIAS]  # once: each use of django.db.connection costs a look-up
    params = {
        "key": key,
        "now": connection.ops.adapt_datetimefield_value(now),
        "ended": Distribution.Status.ENDED,
        "open": Poll.Status.OPEN,
        "digest": digest,
        "organisation": organisation_code,
        "recipient": recipient_id,
    }
    sql = STATE_BY_RECIPIENT if recipient_id is not None else STATE_BY_TOKEN
    row = _fetchone(connection, sql, params)
    if row is None:
        return None
    (recipient, language, ended, poll, poll_open, version, version_at, response, status) = row[:9]
    response_version, response_version_at, answers, revision, key_seen = row[9:]
    return State(
        recipient_id=recipient,
        organisation_language=language,
        ended=bool(ended),
        poll_id=poll,
        poll_open=bool(poll_open),
        latest_version=(version, version_at) if version is not None else None,
        response_id=response,
        response_status=status or "",
        response_version=(response_version, response_version_at) if response is not None else None,
        answers=(json.loads(answers) if isinstance(answers, str) else answers or {}),
        revision=revision or 0,
        key_seen=bool(key_seen),
    )


def response_write(
    *,
    state: State,
    version_id: int,
    answers: dict,
    key: str,
    language: str,
    complete: bool,
    now: datetime,
) -> int | None:
    """Insert (no response yet) or update (at the revision read) the response with the key, and
    mark the invitation responded when ``complete``. Returns the response id, or None when a
    concurrent save changed the response since ``state`` was read: nothing was written then."""
    connection = connections[DEFAULT_DB_ALIAS]
    vendor = connection.vendor
    moment = connection.ops.adapt_datetimefield_value(now)
    params = {
        "recipient": state.recipient_id,
        "poll": state.poll_id,
        "version": version_id,
        "response": state.response_id,
        "revision": state.revision,
        "in_progress": Response.Status.IN_PROGRESS,
        "language": language,
        "answers": json.dumps(answers, ensure_ascii=False),
        "status": Response.Status.COMPLETE if complete else Response.Status.IN_PROGRESS,
        "completed_at": moment if complete else None,
        "complete": complete,
        "key": key,
        "now": moment,
    }
    write = "insert" if state.response_id is None else "update"
    if vendor == "postgresql":  # one statement: atomic without a transaction of its own
        row = _fetchone(connection, _sql(vendor, write), params)
        return row[0] if row else None
    with connection.cursor() as cursor, transaction.atomic():
        cursor.execute(_sql(vendor, write), params)
        row = cursor.fetchone()
        if row is None:
            return None
        params["response"] = row[0]
        cursor.execute(_sql(vendor, "key"), params)
        cursor.execute(_sql(vendor, "responded"), params)
        return row[0]
