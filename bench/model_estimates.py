"""What the model estimates for hidden buurten cost and give, on the demo municipality.

Builds the demo (``buurtpeil demo``: Den Haag, 114 buurten, a synthetic panel and two polls
with made-up answers) in its own database if it is not there yet, then for the demo's 2026 poll:

(a) computes its results (``insights.services.poll_results_compute``) REPEAT times with the
    model estimates and REPEAT times without them (no registry data passed), alternating, and
    prints the median time of each, and the median time spent inside the model fits
    (``insights.smallarea.model_figures``, every indicator), which does not depend on how busy
    the database and the machine are;
(b) prints, for a few indicators, how many buurten on the map have their own figure (shown or
    indicative), a model estimate, or nothing (suppressed).

Run against the default SQLite or PostgreSQL:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bp_bench .venv/bin/python bench/model_estimates.py
Options: --repeat N (default 5).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtpeil.config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/bench-model.sqlite3")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

INDICATORS = ("buurt_unsafe", "unsafe_ever", "mark_safety", "cohesion_scale")


def _timed(poll, *, model: bool) -> tuple[float, float]:
    """(seconds for the whole computation, seconds inside the model fits)."""
    from buurtpeil.insights import compute, services

    covariates, fits = services.buurt_covariates, compute.model_figures
    inside = [0.0]

    def timed_fits(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fits(*args, **kwargs)
        finally:
            inside[0] += time.perf_counter() - started

    compute.model_figures = timed_fits
    if not model:
        services.buurt_covariates = lambda population: {}
    try:
        started = time.perf_counter()
        services.poll_results_compute(poll=poll)
        return time.perf_counter() - started, inside[0]
    finally:
        services.buurt_covariates, compute.model_figures = covariates, fits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.makedirs("var", exist_ok=True)
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}", flush=True)

    from buurtpeil.demo.services import DEMO_POLL_TITLE, demo_setup
    from buurtpeil.insights.selectors import result_parts
    from buurtpeil.polls.models import Poll

    poll = Poll.objects.filter(title=DEMO_POLL_TITLE["nl"]).first()
    if poll is None:
        demo_setup()
        poll = Poll.objects.get(title=DEMO_POLL_TITLE["nl"])

    times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(args.repeat):
        for model in (False, True):
            times[model].append(_timed(poll, model=model))
    without = statistics.median(t for t, _fits in times[False])
    with_model = statistics.median(t for t, _fits in times[True])
    fits = statistics.median(f for _t, f in times[True])
    results = poll.results
    print(f"(a) computing “{poll.title}” ({results.respondents} respondents), median of {args.repeat}:")
    print(f"    without model estimates  {without:.3f} s")
    print(f"    with model estimates     {with_model:.3f} s")
    print(f"    of which the model fits  {fits:.3f} s ({len(results.summary['indicators'])} indicators)")

    buurten = {code for code, _name, level, _parent in results.summary["areas"] if level == "buurt"}
    keys = [f"map:i.{code}" for code in INDICATORS if code in results.summary["indicators"]]
    print(f"(b) the {len(buurten)} buurten on the map: own figure / model estimate / suppressed")
    for key, figures in sorted(result_parts(results, keys).items()):
        states = Counter(figures[code]["s"] for code in buurten if code in figures)
        own, model, hidden = states["shown"] + states["indicative"], states["model"], states["suppressed"]
        print(f"    {key.removeprefix('map:i.'):16s} {own:4d} / {model:4d} / {hidden:4d}")


if __name__ == "__main__":
    main()
