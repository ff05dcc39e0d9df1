"""Concurrent answer submissions against a running server on loopback, as in the burst after a push.

Makes a fresh database (SQLite file or a PostgreSQL database of its own), a poll and N
invitations in it, starts granian on 127.0.0.1 with the production settings on that database
(or drives ``--url``, a server you started on the same DATABASE_URL), and posts one complete
submission per invitation to the JSON save endpoint, each with its idempotency key; a share of
them is sent a second time with the same key at once, as a double tap would. Prints
submissions per second, p50/p99 latency, the CPU one request costs the server and the
database, and stored versus sent: lost and doubled must both be 0.

The load comes from ``wrk`` (Debian package ``wrk``) when it is installed, so that the client
takes little of the machine's CPU; ``--client aiohttp`` uses a Python client instead (on a
2-core machine it costs about as much CPU as the server: an empty Django view measures
about 900 requests/s with it and 3,700/s with wrk).

Run: .venv/bin/python bench/submit.py --db sqlite
     .venv/bin/python bench/submit.py --db postgres
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = "bp_bench_submit"
ORG = "GM0518"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("-n", "--invitations", type=int, default=3000)
    parser.add_argument("-c", "--concurrency", type=int, default=32, help="requests in flight")
    parser.add_argument("--duplicates", type=float, default=0.1, help="share sent twice with the same key")
    parser.add_argument("--workers", type=int, default=4, help="granian worker processes (two per core)")
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--url", help="drive this server instead of starting one (same DATABASE_URL)")
    parser.add_argument(
        "--client", choices=("wrk", "aiohttp"), default="wrk" if shutil.which("wrk") else "aiohttp"
    )
    return parser.parse_args()


def database_url(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='bp-bench-')}/bench.sqlite3"
    import psycopg

    with psycopg.connect(PG_ADMIN.replace("postgres://", "postgresql://"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {PG_DB}")
    return f"postgres://postgres@127.0.0.1:5432/{PG_DB}"


def server_env(url: str) -> dict:
    """The environment of the server under test: production settings on ``url``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "buurtpeil.config.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-secret-key-" + uuid.uuid4().hex),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def prepare(count: int) -> tuple[list[str], dict]:
    """Migrate, then one organisation, a published poll, a running distribution and ``count``
    members with an invitation each. Returns the tokens and one complete set of answers."""
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from buurtpeil.distribution.models import Distribution, Recipient
    from buurtpeil.distribution.tokens import salt_new, token_digest, token_for
    from buurtpeil.organisations.services import organisation_upsert
    from buurtpeil.panel.models import PanelMember
    from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish

    call_command("migrate", verbosity=0)
    organisation = organisation_upsert(code=ORG, name="'s-Gravenhage")
    poll = poll_create(
        organisation=organisation,
        title="Bench",
        definition={"languages": ["nl", "en"], "title": {"nl": "Bench"}, "groups": []},
    )
    for module in ("safety_buurt", "report_marks", "victimisation"):
        poll_module_add(poll=poll, module_code=module)
    version = poll_publish(poll=poll)
    now = timezone.now()
    distribution = Distribution.objects.create(
        organisation=organisation,
        poll=poll,
        version=version,
        channels=["email"],
        starts_at=now,
        ends_at=now + timedelta(days=7),
        status=Distribution.Status.RUNNING,
    )
    members = PanelMember.objects.bulk_create(
        PanelMember(organisation=organisation, age_group="45_65", sex="female", status="active")
        for _ in range(count)
    )
    salts = [salt_new() for _ in range(count)]
    Recipient.objects.bulk_create(
        (
            Recipient(
                distribution=distribution,
                organisation=organisation,
                member_key=member.key,
                token_salt=salt,
                token_digest=token_digest(token_for(salt)),
                invited_at=now,
            )
            for member, salt in zip(members, salts, strict=True)
        ),
        batch_size=1000,
    )
    answers = {
        "buurt_unsafe": "sometimes",
        "crime_much": "no",
        "crime_trend": "same",
        "mark_liveability": 7,
        "mark_safety": 6,
        "buurt_trend": "same",
        "victim": "yes",
        "victim_types": ["bike_theft"],
        "victim_reported": "no",
        "victim_not_reported_why": ["no_use"],
    }
    return [token_for(salt) for salt in salts], answers


def serve(args, env: dict) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/granian"),
        "--interface=wsgi",
        "--host=127.0.0.1",
        f"--port={args.port}",
        f"--workers={args.workers}",
        "--blocking-threads=1",  # one thread runs the application per worker: no GIL contention
        "--log-level=warning",
        "buurtpeil.config.wsgi:application",
    ]
    # A session of its own, so that ``stop`` ends the workers too, whatever state they are in.
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 120  # a busy machine starts slowly
    while True:
        try:  # the save endpoint answers 404 to an unknown token once the server is up
            probe = urllib.request.Request(f"http://127.0.0.1:{args.port}/p/{ORG}/a/probe/save", b"{}")
            urllib.request.urlopen(probe, timeout=1)
        except urllib.error.HTTPError:
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                stop(server)
                raise SystemExit("granian did not start") from None
            time.sleep(0.2)


def stop(server: subprocess.Popen) -> None:
    """Stop granian and every worker of its session (a worker left behind would hold the port)."""
    os.killpg(server.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=10)
    subprocess.run(["pkill", "-KILL", "-s", str(server.pid)], check=False)
    server.wait()


async def drive(base: str, tokens: list[str], answers: dict, args) -> dict:
    import aiohttp

    jobs: list[tuple[str, bytes]] = []
    for token in tokens:
        body = json.dumps(
            {"key": uuid.uuid4().hex, "answers": answers, "complete": True, "language": "nl"}
        ).encode()
        jobs.append((token, body))
    repeats = random.Random(1).sample(jobs, int(len(jobs) * args.duplicates))
    order = jobs + repeats  # the retries come after their first sending, as after a timeout
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    queue: asyncio.Queue = asyncio.Queue()
    for job in order:
        queue.put_nowait(job)

    async def worker(session):
        while not queue.empty():
            token, body = queue.get_nowait()
            started = time.perf_counter()
            async with session.post(
                f"{base}/p/{ORG}/a/{token}/save", data=body, headers={"Content-Type": "application/json"}
            ) as response:
                result = await response.json()
            latencies.append(time.perf_counter() - started)
            outcome = "replayed" if result.get("replayed") else f"{response.status} {result.get('status')}"
            statuses[outcome] = statuses.get(outcome, 0) + 1

    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(args.concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "sent": len(order),
        "first": len(jobs),
        "retries": len(repeats),
        "elapsed": elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "statuses": statuses,
    }


WRK_SCRIPT = """
local tokens = {}
for line in io.lines("%(tokens)s") do tokens[#tokens + 1] = line end
-- every invitation once; every n-th a second time with the same key straight after (a double
-- submit: both are in flight at once)
local plan = {}
for k = 1, #tokens do
  plan[#plan + 1] = k
  if %(every)d > 0 and k %% %(every)d == 0 then plan[#plan + 1] = k end
end
local prefix, suffix = '%(prefix)s', '%(suffix)s'
local headers = {["Content-Type"] = "application/json"}
local sent, created = 0, 0
request = function()
  sent = sent + 1
  local k = plan[((sent - 1) %% #plan) + 1]
  return wrk.format("POST", "/p/%(org)s/a/" .. tokens[k] .. "/save", headers, prefix .. "key-" .. k .. suffix)
end
-- done once every invitation's response was created (its first or its double submit); the
-- requests after the plan repeat it from the start, as replays
response = function(status, headers, body)
  if body:find('"created": true', 1, true) then created = created + 1 end
  if created == #tokens then io.open("%(finished)s", "w"):close() end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK sent=%%d p50=%%.1f p99=%%.1f seconds=%%.3f failed=%%d\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6,
    e.status + e.connect + e.read + e.write + e.timeout))
end
"""


def drive_wrk(base: str, tokens: list[str], answers: dict, args) -> dict:
    """One wrk thread with ``--concurrency`` connections, stopped (SIGINT, after which it prints
    its figures) once every invitation's answers were accepted: its script then leaves a file."""
    folder = Path(tempfile.mkdtemp(prefix="bp-wrk-"))
    (folder / "tokens").write_text("\n".join(tokens) + "\n")
    body = json.dumps({"answers": answers, "complete": True, "language": "nl", "key": "@"})
    prefix, suffix = body.split('"@"')
    every = round(1 / args.duplicates) if args.duplicates else 0
    script = WRK_SCRIPT % {
        "tokens": folder / "tokens",
        "org": ORG,
        "every": every,
        "finished": folder / "finished",
        "prefix": prefix + '"',
        "suffix": '"' + suffix,
    }
    (folder / "submit.lua").write_text(script)
    client = subprocess.Popen(
        ["wrk", "-t1", f"-c{args.concurrency}", "-d600s", "-s", str(folder / "submit.lua"), base],
        stdout=subprocess.PIPE,
        text=True,
    )
    while not (folder / "finished").exists() and client.poll() is None:
        time.sleep(0.01)
    client.send_signal(signal.SIGINT)
    output = client.communicate(timeout=30)[0]
    if "WRK sent=" not in output:
        raise SystemExit(f"wrk printed no figures:\n{output}")
    figures = dict(re.findall(r"(\w+)=([\d.]+)", output))
    return {
        "sent": int(figures["sent"]),
        "first": len(tokens),
        "retries": int(figures["sent"]) - len(tokens),
        "elapsed": float(figures["seconds"]),
        "p50": float(figures["p50"]),
        "p99": float(figures["p99"]),
        "statuses": {"failed": int(figures["failed"])},  # HTTP errors and socket errors
    }


def cpu_seconds(name: str) -> float:
    """CPU time (user + system) used so far by every process with this command name:
    ``granian`` for the server's workers, ``postgres`` for the database. With the wall time it
    tells what one submission costs the machine, however busy the machine is otherwise."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm, rest = text[text.index("(") + 1 : text.rindex(")")], text[text.rindex(")") + 2 :].split()
        if comm.startswith(name):
            total += int(rest[11]) + int(rest[12])
    return total / ticks


def main() -> None:
    args = parse()
    url = database_url(args.db) if not args.url else os.environ["DATABASE_URL"]
    env = server_env(url)
    os.environ.update(env)
    print(f"Preparing {args.invitations} invitations on {args.db} ...", flush=True)
    tokens, answers = prepare(args.invitations)
    if args.db == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:  # write out the set-up now, not during the load
            cursor.execute("CHECKPOINT")
    server = None if args.url else serve(args, env)
    base = args.url.rstrip("/") if args.url else f"http://127.0.0.1:{args.port}"
    cpu_before = {name: cpu_seconds(name) for name in ("granian", "postgres")}
    try:
        if args.client == "wrk":
            figures = drive_wrk(base, tokens, answers, args)
        else:
            figures = asyncio.run(drive(base, tokens, answers, args))
        cpu = {name: cpu_seconds(name) - before for name, before in cpu_before.items()}
    finally:
        if server is not None:
            stop(server)

    from buurtpeil.responses.models import Response, SubmissionKey

    stored = Response.objects.filter(status=Response.Status.COMPLETE).count()
    keys = SubmissionKey.objects.count()
    server_text = args.url or f"granian, {args.workers} workers"
    sent, first, retries = figures["sent"], figures["first"], figures["retries"]
    print(
        f"database {args.db}; server {server_text}; client {args.client}, {args.concurrency} in flight; "
        f"{os.cpu_count()} CPUs"
    )
    print(f"  sent        {sent} requests: {first} submissions + {retries} repeats (double submits, replays)")
    if figures["statuses"]:
        print(f"  outcomes    {figures['statuses']}")
    print(
        f"  throughput  {figures['sent'] / figures['elapsed']:.0f} requests/s, "
        f"{figures['first'] / figures['elapsed']:.0f} submissions/s ({figures['elapsed']:.1f} s)"
    )
    print(f"  latency     p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms")
    per_request = {name: seconds * 1000 / sent for name, seconds in cpu.items()}
    print(
        f"  CPU         {per_request['granian']:.2f} ms in the server and "
        f"{per_request['postgres']:.2f} ms in PostgreSQL per request"
    )
    print(
        f"  stored      {stored} complete responses, {keys} keys; "
        f"lost {figures['first'] - stored}, doubled {keys - figures['first']}"
    )


if __name__ == "__main__":
    main()
