"""Print the time to import the Den Haag areas and the throughput of the point-in-buurt lookup.

Run: .venv/bin/python bench/areas_lookup.py  (SQLite in a temporary directory by default;
set DATABASE_URL to measure on PostgreSQL, which must then be an empty database).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

import django  # noqa: E402

django.setup()

import shapely  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from buurtpeil.areas import spatial  # noqa: E402
from buurtpeil.areas.models import Area  # noqa: E402
from buurtpeil.areas.selectors import buurt_map, locate_point  # noqa: E402
from buurtpeil.areas.services import areas_import  # noqa: E402
from buurtpeil.organisations.services import organisation_upsert  # noqa: E402

DATA = ROOT / "src" / "buurtpeil" / "demo" / "data"
POINTS = 20_000


def row(label: str, value: str) -> None:
    print(f"{label:<46} {value}")


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    call_command("migrate", verbosity=0)
    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    geojson = (DATA / "den-haag-buurten.geojson").read_bytes()
    population = (DATA / "den-haag-bevolking.csv").read_bytes()

    first = timed(
        lambda: areas_import(organisation=organisation, geojson=geojson, population_csv=population), 1
    )
    again = timed(
        lambda: areas_import(organisation=organisation, geojson=geojson, population_csv=population), 5
    )
    row("database", connection.vendor)
    row("import 114 buurten + population, first time", f"{first[0] * 1000:.0f} ms")
    row("import again (in place, nothing changed)", f"{statistics.median(again) * 1000:.0f} ms (median of 5)")

    # Random points over the city's bounding box: about two thirds fall inside a buurt.
    outline = shapely.union_all(
        [
            shapely.geometry.shape(a.geometry)
            for a in Area.objects.filter(organisation=organisation, level="buurt")
        ]
    )
    lon_min, lat_min, lon_max, lat_max = outline.bounds
    rng = np.random.default_rng(518)
    points = np.column_stack(
        [rng.uniform(lon_min, lon_max, POINTS), rng.uniform(lat_min, lat_max, POINTS)]
    ).tolist()

    spatial.forget()
    build = timed(lambda: locate_point(organisation=organisation, lon=points[0][0], lat=points[0][1]), 1)[0]
    row("first lookup (builds the STRtree)", f"{build * 1000:.1f} ms")

    started = time.perf_counter()
    found = sum(locate_point(organisation=organisation, lon=lon, lat=lat) is not None for lon, lat in points)
    elapsed = time.perf_counter() - started
    row(
        f"locate_point, {POINTS:,} random points",
        f"{POINTS / elapsed:,.0f} per second ({elapsed / POINTS * 1e6:.0f} µs each, with the "
        f"freshness query); {found:,} inside a buurt",
    )

    locator = spatial.build_locator(organisation)
    started = time.perf_counter()
    for lon, lat in points:
        locator.locate(lon, lat)
    elapsed = time.perf_counter() - started
    row("the index alone (no database)", f"{POINTS / elapsed:,.0f} per second")

    svg = buurt_map(organisation)
    row("buurt_map path data", f"{sum(len(b['d']) for b in svg['buurten']):,} characters")


if __name__ == "__main__":
    main()
