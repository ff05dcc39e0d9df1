"""Print how long the annex of a safety plan takes as PDF and as ODT, its pages and file sizes.

The Den Haag demo (two computed waves) gets two plans whose goals have the earlier wave as
baseline, so that every goal has progress and, with its actions started, an evaluation (the
slowest case): a large one of 5 wijken x 5 priority factors, 15 SMART goals (3 per wijk) and 60
actions (4 per goal) carried by 8 partners, and a smaller one of 2 wijken x 3 factors, 4 goals
and 12 actions. Each annex is made three times per format, timed as wall-clock and as CPU time
of this process (on a shared machine the first is the longer); the first run in the process
includes the one-off start-up of WeasyPrint. The reading of the plan (progress and evaluation
of every goal) is timed on its own too.

Run: .venv/bin/python bench/plan_annex.py  (SQLite in a scratch folder; set DATABASE_URL to
measure on PostgreSQL, which must then be an empty database).
"""

import datetime
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
from django.utils import timezone, translation  # noqa: E402
from weasyprint import HTML  # noqa: E402

from buurtpeil.areas.models import Area  # noqa: E402
from buurtpeil.demo.services import DEMO_CODE, demo_setup  # noqa: E402
from buurtpeil.insights.area_page import is_direct  # noqa: E402
from buurtpeil.insights.selectors import areas_waves  # noqa: E402
from buurtpeil.organisations.selectors import organisation_by_code  # noqa: E402
from buurtpeil.partners.models import Partner  # noqa: E402
from buurtpeil.plans import services as plan_services  # noqa: E402
from buurtpeil.plans.models import Action, Goal, Plan  # noqa: E402
from buurtpeil.polls.indicators import higher_is_better, indicator_is_share  # noqa: E402
from buurtpeil.reports.annex.content import annex_document  # noqa: E402
from buurtpeil.reports.annex.services import plan_annex_export  # noqa: E402
from buurtpeil.reports.council.pdf import report_html  # noqa: E402

# (wijken, priority factors per wijk, goals per wijk, actions per goal)
SIZES = {"large plan": (5, 5, 3, 4), "smaller plan": (2, 3, 2, 3)}
PARTNERS = 8
RUNS = 3


def row(label: str, value: str) -> None:
    print(f"{label:<48} {value}")


def _target(indicator: str, baseline: float) -> float:
    """A fifth of the way from the baseline to the best value (means: 0.4 points)."""
    better = higher_is_better(indicator)
    if indicator_is_share(indicator):
        return baseline + (1 - baseline) * 0.2 if better else baseline * 0.8
    return baseline + (0.4 if better else -0.4)


def _goal_candidates(waves, code: str) -> list[str]:
    """Indicators shown in both waves for the wijk: (earlier, later) both with an interval."""
    (_p1, _t1, _c1, first), (_p2, _t2, _c2, second) = waves[-2:]
    columns = first.get(code, {}).get("columns", {})
    later = second.get(code, {}).get("columns", {})
    return [
        column[2:]
        for column, figure in columns.items()
        if column.startswith("i.")
        and is_direct(figure)
        and is_direct(later.get(column))
        and column[2:] in plan_services.indicators_of(None)
    ]


def make_plan(organisation, size: tuple[int, int, int, int], title: str) -> Plan:
    wijken_count, factor_count, goals_per_wijk, actions_per_goal = size
    rng = random.Random(2027)
    today = timezone.localdate()
    plan = Plan.objects.create(
        organisation=organisation,
        title=title,
        starts=datetime.date(2027, 1, 1),
        ends=datetime.date(2030, 12, 31),
    )
    partners = [
        Partner.objects.get_or_create(organisation=organisation, name=f"Partner {k + 1}", sector=sector)[0]
        for k, sector in enumerate(rng.choices([s for s, _l in Partner.Sector.choices], k=PARTNERS))
    ]
    wijken = list(Area.objects.filter(organisation=organisation, level="wijk").order_by("code"))
    waves = areas_waves(organisation, [w.code for w in wijken])
    chosen = [w for w in wijken if len(_goal_candidates(waves, w.code)) >= goals_per_wijk][:wijken_count]
    assert len(chosen) == wijken_count, "too few wijken with figures in both waves"
    earlier_poll = waves[-2][0]
    for wijk in chosen:
        factors = rng.sample(range(1, 13), factor_count)
        plan_services.priorities_adopt(
            plan=plan, area=wijk, reasons={f: f"Reden voor factor {f} in {wijk.name}." for f in factors}
        )
        for k, indicator in enumerate(_goal_candidates(waves, wijk.code)[:goals_per_wijk]):
            figure = waves[-2][3][wijk.code]["columns"][f"i.{indicator}"]
            goal = Goal.objects.create(
                plan=plan,
                title=f"{wijk.name}: doel {k + 1}",
                factor=factors[k],
                indicator=indicator,
                baseline_poll_id=earlier_poll,
                baseline={wijk.code: {key: figure[key] for key in ("e", "l", "h", "se", "n")}},
                target=_target(indicator, figure["e"]),
                deadline=datetime.date(2030, 12, 1),
                owner=f"Wijkregisseur {wijk.name}",
            )
            goal.areas.set([wijk])
            for a in range(actions_per_goal):
                starts = today - datetime.timedelta(days=rng.randint(30, 400))
                action = Action.objects.create(
                    goal=goal,
                    title=f"Actie {a + 1} voor {goal.title}",
                    starts=starts,
                    ends=starts + datetime.timedelta(days=rng.randint(60, 700)),
                    status=rng.choice([Action.Status.RUNNING, Action.Status.DONE, Action.Status.PLANNED]),
                    budget=rng.choice([None, 5000, 12500, 40000]),
                )
                action.partners.set(rng.sample(partners, rng.randint(1, 2)))
    return plan


def measure(plan: Plan) -> None:
    print(
        f"{plan.title}: {plan.priorities.count()} priorities, {plan.goals.count()} goals, "
        f"{Action.objects.filter(goal__plan=plan).count()} actions"
    )
    with translation.override("nl"):
        started = time.perf_counter()
        document = annex_document(plan)
        row("  reading and writing the annex (no layout)", f"{time.perf_counter() - started:.2f} s")
        evaluated = sum("Verschil in verschillen" in getattr(b, "text", "") for b in document.blocks)
        row("  goals with an evaluation", str(evaluated))
        pages = len(HTML(string=report_html(document)).render().pages)
    sizes = {}
    for kind in ("pdf", "odt"):
        for run in range(1, RUNS + 1):
            started, cpu = time.perf_counter(), time.process_time()
            annex = plan_annex_export(plan=plan, kind=kind, language="nl", actor=None)
            took = f"{time.perf_counter() - started:.2f} s wall, {time.process_time() - cpu:.2f} s CPU"
            row(f"  {kind.upper()} annex, run {run}", took)
        sizes[kind] = len(annex.content)
    row("  PDF pages and size", f"{pages} pages, {sizes['pdf'] / 1024:.0f} KB")
    row("  ODT size", f"{sizes['odt'] / 1024:.0f} KB")


def main() -> None:
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    demo_setup(panel_size=2400)
    organisation = organisation_by_code(DEMO_CODE)
    for name, size in SIZES.items():
        measure(make_plan(organisation, size, f"Integraal veiligheidsplan 2027-2030 ({name})"))
    row("load average (1 min) at the end", f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
