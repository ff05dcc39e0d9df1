"""What the staff page of signals shows: bundles, hotspots and the map (pure: no Django).

Signals with a point are bundled and clustered with ``bundling``; a signal with only a buurt
(sent without the map) is a bundle of its own and in no hotspot. Map positions use the same
projection as the buurt outlines (``areas.selectors.buurt_map``), so the points fall in place.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from buurtpeil.concerns.bundling import Hotspot, Signal, bundle_reports, hotspots

HOTSPOT_MIN_R = 8.0  # SVG user units (the map is 1000 wide)
HOTSPOT_R_PER_ROOT = 5.0
POINT_R = 3.5
POINT_R_PER_ROOT = 1.5


@dataclass
class BundleRow:
    ids: list[int]
    first_id: int
    category: str
    buurt: str
    count: int
    since: datetime
    until: datetime
    text: str
    statuses: list[tuple[str, int]]  # (status label, count) in the order of the statuses
    photos: int
    x: float | None = None
    y: float | None = None
    r: float = POINT_R


@dataclass
class HotspotRow:
    number: int
    count: int
    bundles: int
    since: datetime
    until: datetime
    radius_m: int
    categories: list[tuple[str, int]]
    buurten: list[str]
    x: float | None = None
    y: float | None = None
    r: float = HOTSPOT_MIN_R
    ids: list[int] = field(default_factory=list)


def _project(project: Callable[[float, float], tuple[float, float]] | None, lon: float, lat: float):
    if project is None:
        return None, None
    x, y = project(lon, lat)
    return round(x, 1), round(y, 1)


def overview(
    concerns: Sequence[Any],
    *,
    project: Callable[[float, float], tuple[float, float]] | None,
    buurt_names: Mapping[str, str],
    category_label: Callable[[str], str],
    statuses: Sequence[tuple[str, str]] = (),
) -> tuple[list[BundleRow], list[HotspotRow]]:
    """``project``: (lon, lat) to the buurt map's SVG coordinates, None without a map;
    ``concerns``: objects with pk, lon, lat, created_at, category, text, status, buurt code
    (``buurt_code``) and ``photo_present``; ``statuses``: (code, label) in their order."""
    by_id = {c.pk: c for c in concerns}
    signals = [
        Signal(c.pk, c.lon, c.lat, c.created_at, c.category, c.text, c.buurt_code)
        for c in concerns
        if c.lon is not None and c.lat is not None
    ]
    located = bundle_reports(signals)
    bundle_of: dict[int, int] = {}
    rows = []
    for number, bundle in enumerate(located):
        members = [by_id[i] for i in bundle.ids]
        x, y = _project(project, bundle.lon, bundle.lat)
        rows.append(_row(members, bundle.ids, category_label, buurt_names, statuses, x, y))
        bundle_of.update({i: number for i in bundle.ids})
    for c in concerns:
        if c.lon is None or c.lat is None:
            rows.append(_row([c], [c.pk], category_label, buurt_names, statuses, None, None))
    rows.sort(key=lambda row: (-row.count, -row.until.timestamp(), row.first_id))
    spots = [
        _hotspot(number, spot, project, category_label, buurt_names, len({bundle_of[i] for i in spot.ids}))
        for number, spot in enumerate(hotspots(signals), start=1)
    ]
    return rows, spots


def _row(members, ids, category_label, buurt_names, statuses, x, y) -> BundleRow:
    first = members[0]
    counts = Counter(m.status for m in members)
    return BundleRow(
        ids=list(ids),
        first_id=first.pk,
        category=category_label(first.category),
        buurt=buurt_names.get(first.buurt_code, ""),
        count=len(members),
        since=min(m.created_at for m in members),
        until=max(m.created_at for m in members),
        text=first.text,
        statuses=[(label, counts[code]) for code, label in statuses if counts[code]],
        photos=sum(1 for m in members if m.photo_present),
        x=x,
        y=y,
        r=round(POINT_R + POINT_R_PER_ROOT * (math.sqrt(len(members)) - 1), 1),
    )


def _hotspot(number, spot: Hotspot, project, category_label, buurt_names, bundles: int) -> HotspotRow:
    x, y = _project(project, spot.lon, spot.lat)
    return HotspotRow(
        number=number,
        count=spot.count,
        bundles=bundles,
        since=spot.since,
        until=spot.until,
        radius_m=round(spot.radius_m),
        categories=[(category_label(code), n) for code, n in spot.categories.most_common()],
        buurten=[buurt_names.get(code, code) for code, _n in spot.buurten.most_common()],
        x=x,
        y=y,
        r=round(HOTSPOT_MIN_R + HOTSPOT_R_PER_ROOT * math.sqrt(spot.count), 1),
        ids=spot.ids,
    )
