"""The burst after a push to a panel of 100,000, with residents loading pages at the same time,
and optionally a fault in the middle: PostgreSQL restarted, or one application worker killed.

Makes a fresh PostgreSQL database with a poll and N invitations (``bench/submit.py``'s set-up),
starts granian on 127.0.0.1 with the production settings (workers respawn when they die), and
sends one complete submission per invitation, each with its own idempotency key. A client that
gets an error or no answer (a refused connection, a reset, a 5xx, a timeout) sends the same
body with the same key again after a short back-off, as the answer page's script does, until
it is accepted. Meanwhile other clients load residents' answer pages. When ``--fault`` is given
it strikes once ``--fault-at`` of the submissions were accepted.

Afterwards it counts what was sent against what was stored: every invitation must have exactly
one complete response (lost = 0) and exactly one idempotency key (doubled = 0).

Run: .venv/bin/python bench/load.py                         # 100,000, no fault
     .venv/bin/python bench/load.py --fault postgres-restart
     .venv/bin/python bench/load.py --fault worker-kill
"""

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from submit import ORG, cpu_seconds, database_url, prepare, serve, server_env, stop

RETRY_AFTER = (0.2, 0.5, 1.0, 2.0)  # seconds; the last one repeats


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--invitations", type=int, default=100_000)
    parser.add_argument("-c", "--concurrency", type=int, default=32, help="submissions in flight")
    parser.add_argument("--page-clients", type=int, default=4, help="residents loading pages meanwhile")
    parser.add_argument("--workers", type=int, default=4, help="granian worker processes")
    parser.add_argument("--port", type=int, default=8124)
    parser.add_argument("--fault", choices=("none", "postgres-restart", "worker-kill"), default="none")
    parser.add_argument("--fault-at", type=float, default=0.4, help="share accepted before the fault")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds before a client gives up and retries"
    )
    return parser.parse_args()


class Tally:
    def __init__(self, total: int):
        self.total = total
        self.accepted = 0
        self.requests = 0
        self.retries = 0
        self.replayed = 0
        self.errors: dict[str, int] = {}
        self.latencies: list[float] = []
        self.pages: dict[int | str, int] = {}
        self.page_latencies: list[float] = []
        self.fault_started: float | None = None
        self.fault_done: float | None = None
        self.recovered: float | None = None  # the first acceptance after the fault

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def submit_all(base: str, tokens: list[str], answers: dict, args, tally: Tally, fault) -> None:
    import aiohttp

    queue: asyncio.Queue = asyncio.Queue()
    for token in tokens:
        body = json.dumps({"key": uuid.uuid4().hex, "answers": answers, "complete": True, "language": "nl"})
        queue.put_nowait((token, body.encode()))
    fault_at = int(len(tokens) * args.fault_at)
    timeout = aiohttp.ClientTimeout(total=args.timeout)

    async def one(session, token: str, body: bytes) -> None:
        attempt = 0
        while True:
            started = time.perf_counter()
            tally.requests += 1
            try:
                async with session.post(
                    f"{base}/p/{ORG}/a/{token}/save", data=body, headers={"Content-Type": "application/json"}
                ) as response:
                    status = response.status
                    result = await response.json(content_type=None) if status < 500 else {}
            except (TimeoutError, aiohttp.ClientError, json.JSONDecodeError) as error:
                status, result = type(error).__name__, {}
            if status == 200 and result.get("status") == "complete":
                tally.latencies.append(time.perf_counter() - started)
                tally.accepted += 1
                tally.replayed += bool(result.get("replayed"))
                if tally.fault_done and tally.recovered is None:
                    tally.recovered = time.monotonic()
                if tally.accepted == fault_at and fault is not None:
                    asyncio.get_running_loop().run_in_executor(None, fault, tally)
                return
            tally.error(str(status))
            tally.retries += 1
            await asyncio.sleep(RETRY_AFTER[min(attempt, len(RETRY_AFTER) - 1)])
            attempt += 1

    async def worker(session) -> None:
        while not queue.empty():
            await one(session, *queue.get_nowait())

    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(worker(session) for _ in range(args.concurrency)))


async def load_pages(base: str, tokens: list[str], tally: Tally, stop: asyncio.Event, clients: int) -> None:
    """Residents opening their answer page (the HTML, as a phone's first request) meanwhile."""
    import aiohttp

    rng = random.Random(5)
    timeout = aiohttp.ClientTimeout(total=10)

    async def client(session) -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                async with session.get(f"{base}/p/{ORG}/a/{rng.choice(tokens)}") as response:
                    await response.read()
                    status: int | str = response.status
            except (TimeoutError, aiohttp.ClientError) as error:
                status = type(error).__name__
            tally.pages[status] = tally.pages.get(status, 0) + 1
            if status == 200:
                tally.page_latencies.append(time.perf_counter() - started)
            else:
                await asyncio.sleep(0.2)

    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))


def warm_up(base: str, token: str, workers: int) -> None:
    """Load a page a few times per worker first, so that no worker's imports count in the run."""
    from concurrent.futures import ThreadPoolExecutor
    from urllib.request import urlopen

    with ThreadPoolExecutor(workers * 2) as pool:
        list(pool.map(lambda _: urlopen(f"{base}/p/{ORG}/a/{token}", timeout=60).read(), range(workers * 8)))


def postgres_restart(tally: Tally) -> None:
    tally.fault_started = time.monotonic()
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"], check=True)
    tally.fault_done = time.monotonic()


def worker_kill(server: subprocess.Popen):
    def kill(tally: Tally) -> None:
        tally.fault_started = time.monotonic()
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        os.kill(int(children[0]), signal.SIGKILL)  # one worker, mid-request, no clean-up
        tally.fault_done = time.monotonic()

    return kill


def spread(seconds: list[float]) -> str:
    if not seconds:
        return "no latencies"
    values = sorted(seconds)
    p50, p99 = statistics.median(values), values[max(0, int(len(values) * 0.99) - 1)]
    return f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms"


async def run(base, tokens, answers, args, tally, fault) -> float:
    stop = asyncio.Event()
    pages = asyncio.create_task(load_pages(base, tokens, tally, stop, args.page_clients))
    started = time.perf_counter()
    await submit_all(base, tokens, answers, args, tally, fault)
    elapsed = time.perf_counter() - started
    stop.set()
    await pages
    return elapsed


def main() -> None:
    args = parse()
    url = database_url("postgres")
    env = {
        **server_env(url),
        "GRANIAN_RESPAWN_FAILED_WORKERS": "1",
        "GRANIAN_RESPAWN_INTERVAL": "0.5",
        "BUURTPEIL_VAR_DIR": tempfile.mkdtemp(prefix="bp-load-"),  # collected static files
    }
    os.environ.update(env)
    print(f"Preparing {args.invitations} invitations on PostgreSQL ...", flush=True)
    prepared = time.perf_counter()
    tokens, answers = prepare(args.invitations)
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:  # write out the set-up now, not during the load
        cursor.execute("CHECKPOINT")
    connection.close()
    print(f"  prepared in {time.perf_counter() - prepared:.0f} s", flush=True)
    call_command("collectstatic", "--noinput", verbosity=0)
    server = serve(args, env)
    warm_up(f"http://127.0.0.1:{args.port}", tokens[0], args.workers)
    fault = {"none": None, "postgres-restart": postgres_restart, "worker-kill": worker_kill(server)}[
        args.fault
    ]
    base = f"http://127.0.0.1:{args.port}"
    tally = Tally(len(tokens))
    cpu_before = {name: cpu_seconds(name) for name in ("granian", "postgres")}
    client_before = time.process_time()
    try:
        elapsed = asyncio.run(run(base, tokens, answers, args, tally, fault))
        cpu = {name: cpu_seconds(name) - before for name, before in cpu_before.items()}
        cpu["clients"] = time.process_time() - client_before
    finally:
        stop(server)

    from buurtpeil.distribution.models import Recipient
    from buurtpeil.responses.models import Response, SubmissionKey

    connection.close()  # after a restart the old connection is gone
    stored = Response.objects.filter(status=Response.Status.COMPLETE).count()
    keys = SubmissionKey.objects.count()
    responded = Recipient.objects.filter(responded_at__isnull=False).count()
    print(
        f"PostgreSQL; granian {args.workers} workers; {args.concurrency} submissions in flight and "
        f"{args.page_clients} residents loading pages; fault: {args.fault}; {os.cpu_count()} CPUs"
    )
    print(f"  submissions {len(tokens)} accepted in {elapsed:.1f} s: {len(tokens) / elapsed:.0f}/s")
    print(f"  latency     {spread(tally.latencies)} (accepted submissions)")
    errors = tally.errors or "no errors"
    print(
        f"  requests    {tally.requests}: {tally.retries} retried with the same key after {errors}; "
        f"{tally.replayed} answered as replays"
    )
    pages = sum(tally.pages.values())
    print(
        f"  pages       {pages} loaded meanwhile ({pages / elapsed:.0f}/s), statuses {tally.pages}, "
        f"{spread(tally.page_latencies)}"
    )
    if tally.fault_started and tally.fault_done:
        took = tally.fault_done - tally.fault_started
        recovered = (tally.recovered or tally.fault_done) - tally.fault_started
        print(
            f"  fault       {args.fault} at {args.fault_at:.0%}: took {took:.1f} s; "
            f"first acceptance after it {recovered:.1f} s after it began"
        )
    restarted = args.fault == "postgres-restart"
    database_cpu = "not counted (restarted)" if restarted else f"{cpu['postgres']:.0f} s"
    server_cpu, client_cpu = cpu["granian"], cpu["clients"]
    print(f"  CPU         server {server_cpu:.0f} s, PostgreSQL {database_cpu}, clients {client_cpu:.0f} s")
    lost, doubled = len(tokens) - stored, keys - len(tokens)
    print(
        f"  stored      {stored} complete responses, {keys} idempotency keys, {responded} invitations "
        f"marked answered; lost {lost}, doubled {doubled}"
    )
    if lost or doubled or responded != len(tokens):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
