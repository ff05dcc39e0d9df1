"""Speed of a poll's results with 1,000,000 answers: computing them once, then the pages.

Sets up the demo municipality's areas (Den Haag, 114 buurten in 44 wijken), a poll of the seven
demo library modules, and N complete responses (default 1,000,000) spread over the buurten by
adult population. The answers are 20,000 made-up answer sets (``demo.synthetic``) used in turn;
the computation cost does not depend on them being distinct. Then:

(a) computes the results (``insights.services.poll_results_compute``) and prints the time, the
    number of stored documents and their size;
(b) requests the results page (with a random area and group), the map (a random indicator) and
    a buurt page, each REQUESTS times through Django's test client in this process (the whole
    request: middleware, session, queries, template), and prints p50, p95 and p99 in ms.

Run against PostgreSQL (production) or the default SQLite:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bp_bench .venv/bin/python bench/results_page.py
Options: --responses N, --requests N, --keep (reuse the responses of an earlier run),
--pages-only (with --keep: reuse its computed results too and time only the pages).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtpeil.config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/bench-results.sqlite3")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

BATCH = 20_000


def _setup(n: int, keep: bool):
    from django.contrib.auth import get_user_model

    from buurtpeil.areas.services import areas_import
    from buurtpeil.demo.services import DATA_DIR, DEMO_POLL_MODULES
    from buurtpeil.demo.synthetic import BuurtPopulation, allocate, synthetic_answers
    from buurtpeil.organisations.services import membership_grant, organisation_upsert
    from buurtpeil.polls.definition import definition_empty
    from buurtpeil.polls.selectors import polls_for
    from buurtpeil.polls.services import poll_create, poll_module_add, poll_publish
    from buurtpeil.responses.models import Response
    from buurtpeil.responses.services import synthetic_responses_create

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    areas_import(
        organisation=organisation,
        geojson=(DATA_DIR / "den-haag-buurten.geojson").read_bytes(),
        population_csv=(DATA_DIR / "den-haag-bevolking.csv").read_bytes(),
        population_year=2019,
    )
    user, _ = get_user_model().objects.get_or_create(username="bench")
    membership_grant(user=user, organisation=organisation, role="admin")
    poll = polls_for(organisation).filter(title="Bench").first()
    if poll is not None and keep and Response.objects.filter(poll=poll).count() == n:
        return organisation, poll, user
    if poll is not None:
        Response.objects.filter(poll=poll).delete()
        poll.delete()
    poll = poll_create(
        organisation=organisation,
        title="Bench",
        definition=definition_empty(languages=["nl", "en"], title={"nl": "Bench", "en": "Bench"}),
    )
    for code in DEMO_POLL_MODULES:
        poll_module_add(poll=poll, module_code=code)
    version = poll_publish(poll=poll)
    from buurtpeil.areas.selectors import buurt_populations

    populations = [
        BuurtPopulation(code=code, age=age, sex=sex)
        for code, (_wijk, age, sex) in buurt_populations(organisation).items()
    ]
    per_buurt = allocate(populations, n)
    rng = random.Random(2026)
    effects = {p.code: rng.gauss(0, 0.6) for p in populations}
    answer_sets = {
        code: [
            synthetic_answers(version.definition, effects[code], rng)
            for _ in range(20_000 // len(populations) + 1)
        ]
        for code in effects
    }
    ages, sexes = ("15_25", "25_45", "45_65", "65_plus"), ("female", "male")
    rows, started = [], time.perf_counter()
    for code, count in per_buurt.items():
        sets = answer_sets[code]
        for i in range(count):
            rows.append((uuid.uuid4(), code, rng.choice(ages), rng.choice(sexes), sets[i % len(sets)]))
            if len(rows) == BATCH:
                synthetic_responses_create(version=version, rows=rows)
                rows = []
    if rows:
        synthetic_responses_create(version=version, rows=rows)
    print(f"stored {n:,} responses in {time.perf_counter() - started:.0f} s", flush=True)
    return organisation, poll, user


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (
        f"p50 {pick(0.5):6.1f} ms   p95 {pick(0.95):6.1f} ms   p99 {pick(0.99):6.1f} ms   (n={len(ordered)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--pages-only", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}", flush=True)

    from buurtpeil.insights.services import poll_results_compute

    organisation, poll, user = _setup(args.responses, args.keep)
    from buurtpeil.insights.selectors import poll_results

    results = poll_results(poll)
    if not (args.pages_only and args.keep and results and results.status == "ready"):
        started = time.perf_counter()
        results = poll_results_compute(poll=poll)
        seconds = time.perf_counter() - started
        size = sum(len(str(d)) for d in results.parts.values_list("data", flat=True))
        print(
            f"(a) computed the results of {results.respondents:,} responses in {seconds:.1f} s: "
            f"{results.parts.count():,} documents, {size / 1e6:.1f} MB",
            flush=True,
        )

    client = Client()
    client.force_login(user)
    areas = results.summary["areas"]
    codes = [a[0] for a in areas]
    buurten = [a[0] for a in areas if a[2] == "buurt"]
    indicators = results.summary["indicators"]
    groups = ["", "age_group:25_45", "sex:female"]
    base = f"/staff/{organisation.code}/results/{poll.pk}/"
    rng = random.Random(1)
    pages = {
        "results page": lambda: base + f"?area={rng.choice(codes)}&group={rng.choice(groups)}",
        "map": lambda: (
            base + f"map/?indicator=i.{rng.choice(indicators)}&level={rng.choice(['buurt', 'wijk'])}"
        ),
        "buurt page": lambda: base + f"areas/{rng.choice(buurten)}/",
    }
    print(f"(b) {args.requests} requests per page, in process:")
    for name, url in pages.items():
        client.get(url())  # warm caches (templates, area map)
        samples = []
        for _ in range(args.requests):
            target = url()
            started = time.perf_counter()
            response = client.get(target)
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{target} answered {response.status_code}")
        print(f"    {name:13s} {_percentiles(samples)}", flush=True)


if __name__ == "__main__":
    main()
