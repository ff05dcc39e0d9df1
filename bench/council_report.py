"""Print how long a council report of the Den Haag demo takes, per step, and its file sizes.

The demo municipality (114 buurten, 44 wijken, a synthetic panel of 2,400) answers the demo
poll: RESPONDENTS members at random, with a made-up lean per buurt so that areas differ. The
results are computed once (timed too), then a council report is made twice: the first run
includes the one-off start-up of vl-convert and WeasyPrint in a fresh process.

Run: .venv/bin/python bench/council_report.py  (SQLite in a scratch folder; set DATABASE_URL
to measure on PostgreSQL, which must then be an empty database).
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from buurtpeil.demo.services import DEMO_CODE, DEMO_POLL_TITLE, demo_setup  # noqa: E402
from buurtpeil.demo.synthetic import synthetic_answers  # noqa: E402
from buurtpeil.insights.services import poll_results_compute  # noqa: E402
from buurtpeil.organisations.selectors import organisation_by_code  # noqa: E402
from buurtpeil.panel.models import PanelMember  # noqa: E402
from buurtpeil.polls.selectors import polls_for, version_latest  # noqa: E402
from buurtpeil.reports.council import build  # noqa: E402
from buurtpeil.reports.council.models import CouncilReport  # noqa: E402
from buurtpeil.responses.services import synthetic_responses_create  # noqa: E402

RESPONDENTS = 1500  # of the 2,400 panel members: a response of about 60%


def row(label: str, value: str) -> None:
    print(f"{label:<44} {value}")


def main() -> None:
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    demo_setup(panel_size=2400)
    organisation = organisation_by_code(DEMO_CODE)
    poll = polls_for(organisation).get(title=DEMO_POLL_TITLE["nl"])
    version = version_latest(poll)
    rng = random.Random(518)
    members = list(PanelMember.objects.filter(organisation=organisation).select_related("buurt"))
    lean = {m.buurt.code: rng.uniform(-0.6, 0.6) for m in members}
    rows = [
        (
            m.key,
            m.buurt.code,
            m.age_group,
            m.sex,
            synthetic_answers(version.definition, lean[m.buurt.code], rng),
        )
        for m in rng.sample(members, RESPONDENTS)
    ]
    synthetic_responses_create(version=version, rows=rows)
    started = time.perf_counter()
    results = poll_results_compute(poll=poll)
    row("respondents", str(results.respondents))
    row("computing the results (once per poll)", f"{time.perf_counter() - started:.1f} s")

    for run in ("first report in this process", "second report"):
        report = CouncilReport.objects.create(organisation=organisation, poll=poll, language="nl")
        steps: list[tuple[str, float]] = []

        def progress(percent: int, step: str, steps=steps) -> None:
            if not steps or steps[-1][0] != step:
                steps.append((step, time.perf_counter()))

        started = time.perf_counter()
        with translation.override("nl"):
            pdf, odt = build.make(report, progress)
        finished = time.perf_counter()
        row(run, f"{finished - started:.1f} s")
        spent: dict[str, float] = {}
        for (step, at), (_next, until) in zip(steps, [*steps[1:], ("end", finished)], strict=True):
            spent[step] = spent.get(step, 0.0) + until - at
        for step, seconds in spent.items():
            row(f"  {step}", f"{seconds:.2f} s")
    row("load average (1 min) at the end", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    row("PDF size", f"{len(pdf) / 1024:.0f} KB")
    row("ODT size", f"{len(odt) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
