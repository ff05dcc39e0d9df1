"""Reads of area figures. Other apps (insights, neighbourhood analysis) read through here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Sum

from buurtpeil.areas.models import Area
from buurtpeil.indicators.models import CRIME, FULL_YEAR, AreaFigure, ImportBatch

# A category that is already the total of all crimes (CBS 47018NED "Totaal misdrijven").
TOTAL_CATEGORIES = {"totaal", "total", "t001161", "0.0.0"}


@dataclass(frozen=True)
class AreaCrime:
    """Registered crime of one buurt in one year: all categories summed (or the file's total)."""

    code: str
    name: str
    year: int
    crimes: float
    months: int  # 12: a full year; fewer: only those months were published
    source: str
    population: int | None

    @property
    def complete(self) -> bool:
        return self.months >= FULL_YEAR

    @property
    def per_1000(self) -> float | None:
        return self.crimes / self.population * 1000 if self.population else None


def crime_years(organisation) -> list[int]:
    """The years with registered crime figures, oldest first."""
    return list(
        AreaFigure.objects.filter(organisation=organisation, indicator=CRIME)
        .order_by("year")
        .values_list("year", flat=True)
        .distinct()
    )


def crime_year_before(organisation, year: int) -> int | None:
    """The crime year nearest before ``year`` (a poll's year); else ``year`` itself if it has
    figures; else None."""
    years = crime_years(organisation)
    before = [y for y in years if y < year]
    if before:
        return before[-1]
    return year if year in years else None


def area_figures(
    organisation, areas: Iterable[Area | str] | None = None, year: int | None = None
) -> dict[str, AreaCrime]:
    """Per buurt code, registered crime in ``year`` (or, without a year, in the buurt's latest
    year with figures): the number, months covered, source and the buurt's population, so
    ``per_1000`` gives crime per 1,000 inhabitants. Buurten without figures are left out. One
    query."""
    rows = AreaFigure.objects.filter(organisation=organisation, indicator=CRIME)
    if areas is not None:
        codes = [a if isinstance(a, str) else a.code for a in areas]
        rows = rows.filter(area__code__in=codes)
    if year is not None:
        rows = rows.filter(year=year)
    per: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for row in rows.values_list(
        "area__code", "area__name", "area__population", "year", "category", "value", "months", "source"
    ):
        per[(row[0], row[3])].append(row)
    latest: dict[str, int] = {}
    for code, y in per:
        latest[code] = max(latest.get(code, y), y)
    result = {}
    for code, y in latest.items():
        found = per[(code, y)]
        totals = [r for r in found if r[4].strip().lower() in TOTAL_CATEGORIES]
        counted = totals[:1] or found
        result[code] = AreaCrime(
            code=code,
            name=found[0][1],
            year=y,
            crimes=sum(r[5] for r in counted),
            months=min(r[6] for r in counted),
            source=found[0][7],
            population=found[0][2],
        )
    return result


def figure_overview(organisation) -> list[dict]:
    """Per indicator and year: number of figures and buurten, their sum, the fewest months covered
    and the sources, newest year first."""
    rows = (
        AreaFigure.objects.filter(organisation=organisation)
        .values("indicator", "year")
        .annotate(
            figures=Count("pk"),
            buurten=Count("area", distinct=True),
            total=Sum("value"),
            months=Min("months"),
            imported=Max("batch__created_at"),
        )
        .order_by("indicator", "-year")
    )
    sources: dict[tuple[str, int], set[str]] = defaultdict(set)
    for indicator, year, source in (
        AreaFigure.objects.filter(organisation=organisation)
        .values_list("indicator", "year", "source")
        .distinct()
    ):
        sources[(indicator, year)].add(source)
    return [
        {
            **row,
            "sources": sorted(sources[(row["indicator"], row["year"])]),
            "complete": row["months"] >= FULL_YEAR,
        }
        for row in rows
    ]


def category_overview(organisation, indicator: str, year: int) -> list[dict]:
    """Per category of one indicator and year: its label, sum and number of buurten."""
    return list(
        AreaFigure.objects.filter(organisation=organisation, indicator=indicator, year=year)
        .values("category")
        .annotate(
            label=Max("category_label"), total=Sum("value"), buurten=Count("area"), months=Min("months")
        )
        .order_by("category")
    )


def batches(organisation, limit: int = 20) -> list[ImportBatch]:
    return list(
        ImportBatch.objects.filter(organisation=organisation)
        .select_related("created_by")
        .annotate(kept=Count("figures"))[:limit]
    )
