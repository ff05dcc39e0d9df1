"""Reads of the concerns app. Other apps import from here and from ``services`` only."""

from collections import Counter
from datetime import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from buurtpeil.concerns.categories import CATEGORIES, category_factor, category_label
from buurtpeil.concerns.models import Concern

__all__ = [
    "area_concern_counts",
    "concern_count",
    "concern_for",
    "concern_photo",
    "concerns_between",
    "counts_per_buurt",
]

HAS_PHOTO = ExpressionWrapper(Q(photo__isnull=False), output_field=BooleanField())


def concerns_between(organisation, since: datetime, until: datetime | None = None) -> QuerySet[Concern]:
    """The organisation's signals made since ``since`` (and before ``until``), without the photo;
    ``photo_present`` says whether there is one."""
    queryset = (
        Concern.objects.filter(organisation=organisation, created_at__gte=since)
        .defer("photo")
        .annotate(
            photo_present=HAS_PHOTO,
            buurt_code=Coalesce(F("buurt__code"), Value("")),
            buurt_name=Coalesce(F("buurt__name"), Value("")),
        )
        .order_by("created_at", "pk")
    )
    return queryset.filter(created_at__lt=until) if until else queryset


def concern_count(organisation) -> int:
    return Concern.objects.filter(organisation=organisation).count()


def concern_for(organisation, concern_id) -> Concern | None:
    return (
        Concern.objects.filter(organisation=organisation, pk=concern_id)
        .defer("photo")
        .annotate(photo_present=HAS_PHOTO)
        .select_related("buurt")
        .first()
    )


def concern_photo(organisation, concern_id) -> bytes | None:
    row = (
        Concern.objects.filter(organisation=organisation, pk=concern_id)
        .values_list("photo", flat=True)
        .first()
    )
    return bytes(row) if row is not None else None


def counts_per_buurt(concerns) -> list[dict]:
    """[{"code", "name", "total", "counts": [n per category in CATEGORIES order]}], most signals first."""
    per_buurt: dict[tuple[str, str], Counter] = {}
    for c in concerns:
        key = (c.buurt_code, c.buurt_name)
        per_buurt.setdefault(key, Counter())[c.category] += 1
    rows = [
        {
            "code": code,
            "name": name,
            "total": sum(counter.values()),
            "counts": [counter.get(category, 0) for category in CATEGORIES],
        }
        for (code, name), counter in per_buurt.items()
    ]
    rows.sort(key=lambda row: (-row["total"], row["name"]))
    return rows


def area_concern_counts(organisation, area_code: str, since: datetime, until: datetime) -> list[dict]:
    """Signals per category in a buurt, or in the buurten of a wijk, in [since, until): one query.

    [{"category", "label", "factor", "count"}] for the categories with at least one signal.
    """
    rows = (
        Concern.objects.filter(organisation=organisation, created_at__gte=since, created_at__lt=until)
        .filter(Q(buurt__code=area_code) | Q(buurt__parent__code=area_code))
        .values("category")
        .annotate(n=Count("pk"))
    )
    counts = {row["category"]: row["n"] for row in rows}
    return [
        {
            "category": code,
            "label": category_label(code),
            "factor": category_factor(code),
            "count": counts[code],
        }
        for code in CATEGORIES
        if counts.get(code)
    ]
