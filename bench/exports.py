"""Print the speed (rows per second) and peak memory of the respondent-level exports, per format.

The poll is a full safety survey: 20 Likert items with "don't know", 6 yes/no questions,
2 multiple-choice questions of 6 choices, 2 grids of 6 items, 3 report marks, a number, a map
point and 2 open questions (a third of respondents write one, masked on export): 65 columns
with the background (respondent, version, date, wijk, buurt, age group, sex). Each format runs
in its own process, so its peak memory (maximum resident set size) is its own; "start" is the
process after its imports, before the first row, and "growth" the difference.

- ``table`` (default): the answers come from memory, so the figure is the table and the writer;
- ``--end-to-end``: the answers are stored as responses in SQLite first, and the export runs
  through ``export_answers`` (database read, audit row, file), as a download does.

Run: .venv/bin/python bench/exports.py [--rows 100000] [--end-to-end] [--formats csv,xlsx,sav]
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

AGREE = [{"value": str(n), "label": {"nl": f"Schaal {n}", "en": f"Scale {n}"}} for n in range(1, 6)]
YES_NO = [{"value": v, "label": {"nl": v, "en": v}} for v in ("ja", "nee")]
SIX = [{"value": f"c{n}", "label": {"nl": f"Keuze {n}", "en": f"Choice {n}"}} for n in range(1, 7)]
OFTEN = [{"value": v, "label": {"nl": v, "en": v}} for v in ("vaak", "soms", "nooit")]
TEXTS = [
    "Er wordt te hard gereden in de Beeklaan, vooral 's avonds.",
    "Bel meneer de Vries op 06-12345678 als er weer iets is, hij woont op Hoefkade 12.",
    "Meer verlichting in het park graag, het is er donker en er hangen jongeren rond.",
    "Mijn buurvrouw Fatima heeft de politie al vaak gebeld: fatima@example.org",
    "Goed dat deze peiling er is.",
]


def definition() -> dict:
    def q(code, kind, **more):
        return {"code": code, "type": kind, "text": {"nl": f"Vraag {code}", "en": f"Question {code}"}, **more}

    grid_items = [{"code": f"i{n}", "text": {"nl": f"Item {n}", "en": f"Item {n}"}} for n in range(1, 7)]
    questions = [
        *(q(f"likert{n}", "likert", choices=AGREE, dont_know=True) for n in range(1, 21)),
        *(q(f"single{n}", "single", choices=YES_NO) for n in range(1, 7)),
        *(q(f"multi{n}", "multiple", choices=SIX) for n in range(1, 3)),
        *(q(f"grid{n}", "grid", choices=OFTEN, items=grid_items, dont_know=True) for n in range(1, 3)),
        *(q(f"mark{n}", "mark") for n in range(1, 4)),
        q("years", "number", min=0, max=120),
        q("where", "point"),
        q("remarks", "text"),
        q("ideas", "text"),
    ]
    return {
        "languages": ["nl", "en"],
        "title": {"nl": "Veiligheidspeiling"},
        "intro": {},
        "groups": [{"id": "g1", "title": {}, "questions": questions}],
    }


def answer_pool(size: int = 1000, seed: int = 2026) -> list[dict]:
    rng = random.Random(seed)
    pool = []
    for _ in range(size):
        answers = {f"likert{n}": rng.choice(["1", "2", "3", "4", "5", "dk"]) for n in range(1, 21)}
        answers |= {f"single{n}": rng.choice(["ja", "nee"]) for n in range(1, 7)}
        answers |= {
            f"multi{n}": rng.sample([f"c{k}" for k in range(1, 7)], rng.randint(1, 3)) for n in (1, 2)
        }
        answers |= {
            f"grid{n}": {f"i{k}": rng.choice(["vaak", "soms", "nooit", "dk"]) for k in range(1, 7)}
            for n in (1, 2)
        }
        answers |= {f"mark{n}": rng.randint(1, 10) for n in range(1, 4)}
        answers |= {"years": rng.randint(0, 80), "where": {"lon": 4.3 + rng.random() / 10, "lat": 52.07}}
        if rng.random() < 1 / 3:
            answers["remarks"] = rng.choice(TEXTS)
        pool.append(answers)
    return pool


BUURTEN = [f"BU0518{n:04d}" for n in range(100)]
AGES, SEXES = ["15_25", "25_45", "45_65", "65_plus"], ["female", "male", "other"]


def table_in_memory(rows: int):
    from buurtpeil.reports.answers import Respondent, answers_table

    pool = answer_pool()
    traits = {"age_group": [(a, a) for a in AGES], "sex": [(s, s) for s in SEXES]}

    def respondents():
        for n in range(rows):
            yield Respondent(
                version=1,
                answers=pool[n % len(pool)],
                completed=date(2026, 3, 1) + timedelta(days=n % 30),
                buurt_code=BUURTEN[n % 100],
                wijk_code=BUURTEN[n % 100][:8],
                age_group=AGES[n % 4],
                sex=SEXES[n % 3],
            )

    return answers_table(
        title="Veiligheidspeiling",
        versions={1: definition()},
        language="nl",
        respondents=respondents(),
        row_count=rows,
        traits=traits,
    )


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child(fmt: str, rows: int, end_to_end: bool) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from buurtpeil.polls.models import Poll
    from buurtpeil.reports import formats, services

    translation.activate("nl")
    start = rss_mb()
    began = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        if end_to_end:
            export = services.export_answers(
                poll=Poll.objects.get(), actor=get_user_model().objects.get(), fmt=fmt, language="nl"
            )
            pieces = (
                iter(lambda: export.content.read(1 << 20), b"")
                if hasattr(export.content, "read")
                else export.content
            )
            for piece in pieces:
                out.write(piece)
        else:
            formats.register[fmt].write(table_in_memory(rows), out)
        size = out.tell()
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "bytes": size, "start_mb": start, "peak_mb": peak}))


def stored(rows: int) -> None:
    """A poll with ``rows`` completed responses in a fresh SQLite database, and an analyst."""
    import django

    django.setup()
    import uuid

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from buurtpeil.organisations.services import membership_grant, organisation_upsert
    from buurtpeil.polls.services import poll_create, poll_publish
    from buurtpeil.responses.models import Response

    call_command("migrate", verbosity=0)
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    poll = poll_create(organisation=organisation, title="Veiligheidspeiling", definition=definition())
    version = poll_publish(poll=poll)
    user = get_user_model().objects.create_user(username="analyst", password="not-used-here-1")
    membership_grant(user=user, organisation=organisation, role="analyst")
    pool, now = answer_pool(), timezone.now()
    batch = []
    for n in range(rows):
        batch.append(
            Response(
                organisation=organisation,
                poll=poll,
                version=version,
                member_key=uuid.uuid4(),
                buurt_code=BUURTEN[n % 100],
                age_group=AGES[n % 4],
                sex=SEXES[n % 3],
                language="nl",
                answers=pool[n % len(pool)],
                status=Response.Status.COMPLETE,
                completed_at=now - timedelta(minutes=n),
            )
        )
        if len(batch) == 5000:
            Response.objects.bulk_create(batch)
            batch = []
    Response.objects.bulk_create(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", default="csv,xlsx,sav")
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--store", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store:
        return stored(args.rows)
    if args.child:
        return child(args.child, args.rows, args.end_to_end)

    env = dict(os.environ)
    mode = "in memory"
    if args.end_to_end:
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
        began = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--store", "--rows", str(args.rows)], env=env, check=True)
        mode = f"end to end from SQLite (storing took {time.perf_counter() - began:.0f} s)"
    columns = len(table_in_memory(0).variables)
    print(f"Respondent-level export of {args.rows:,} respondents x {columns} columns, {mode}")
    print(
        f"{'format':<7}{'seconds':>9}{'rows/s':>10}{'file MB':>9}{'start MB':>10}{'peak MB':>9}{'growth':>8}"
    )
    for fmt in args.formats.split(","):
        command = [sys.executable, __file__, "--child", fmt, "--rows", str(args.rows)]
        if args.end_to_end:
            command.append("--end-to-end")
        result = json.loads(
            subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
        )
        print(
            f"{fmt:<7}{result['seconds']:>9.1f}{args.rows / result['seconds']:>10,.0f}"
            f"{result['bytes'] / 1e6:>9.1f}{result['start_mb']:>10.0f}{result['peak_mb']:>9.0f}"
            f"{result['peak_mb'] - result['start_mb']:>8.0f}"
        )


if __name__ == "__main__":
    main()
