"""Residents' signals bundled for staff: near-duplicates merged, hotspots found (pure: no Django).

Coordinates are WGS84 longitude and latitude; distances are computed in metres on a local
equirectangular projection around the signals' mean latitude, which is exact to well under a
metre over a municipality.

Near-duplicates (``bundle_reports``): two signals are the same matter when they have the same
category, lie within ``distance_m`` (50 m) of each other, were made within ``days`` (7) of
each other and their texts are similar (character trigram Jaccard at least ``similarity``;
an empty text is similar to everything). Bundles are the connected groups of such pairs
(single linkage, with a union-find), found with a k-d tree so that only pairs within the
distance are compared. A bundle is represented by its earliest signal.

Hotspots (``hotspots``): clusters in place and time, found with DBSCAN (scikit-learn) on
(x, y, t * metres_per_day) in metres, where a time difference of ``window_days`` (14) weighs as
much as ``radius_m`` (250 m) of distance. DBSCAN was chosen over a grid with a time window
because its clusters do not depend on where grid lines fall (a cluster on a cell border is not
split in two) and it needs no number of clusters; its two parameters read as "at least
``min_signals`` signals, each within radius_m and window_days of another". Every signal counts,
duplicates included: many residents reporting the same spot is itself a sign of unease. A
signal outside any cluster (DBSCAN's noise) is in no hotspot.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

__all__ = ["Bundle", "Hotspot", "Signal", "bundle_reports", "hotspots", "text_similarity"]

METRES_PER_DEGREE_LAT = 110_574.0
METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320.0


@dataclass(frozen=True)
class Signal:
    id: int
    lon: float
    lat: float
    at: datetime
    category: str
    text: str = ""
    buurt: str = ""


@dataclass
class Bundle:
    signals: list[Signal]  # earliest first

    @property
    def first(self) -> Signal:
        return self.signals[0]

    @property
    def count(self) -> int:
        return len(self.signals)

    @property
    def ids(self) -> list[int]:
        return [s.id for s in self.signals]

    @property
    def category(self) -> str:
        return self.first.category

    @property
    def lon(self) -> float:
        return float(np.mean([s.lon for s in self.signals]))

    @property
    def lat(self) -> float:
        return float(np.mean([s.lat for s in self.signals]))

    @property
    def since(self) -> datetime:
        return self.first.at

    @property
    def until(self) -> datetime:
        return self.signals[-1].at


@dataclass
class Hotspot:
    ids: list[int]
    lon: float
    lat: float
    radius_m: float  # the largest distance of a signal from the centre
    since: datetime
    until: datetime
    categories: Counter = field(default_factory=Counter)
    buurten: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.ids)


def to_metres(lon: np.ndarray, lat: np.ndarray, lat0: float) -> np.ndarray:
    """(n, 2) metres east and north of (0, lat0) on a local equirectangular projection."""
    k = METRES_PER_DEGREE_LON_AT_EQUATOR * math.cos(math.radians(lat0))
    return np.column_stack(
        [np.asarray(lon, float) * k, (np.asarray(lat, float) - lat0) * METRES_PER_DEGREE_LAT]
    )


def _trigrams(text: str) -> set[str]:
    words = " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())
    padded = f"  {words} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)} if words else set()


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the character trigrams of two texts (1.0 when either is empty)."""
    ta, tb = _trigrams(a), _trigrams(b)
    if not ta or not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def bundle_reports(
    signals: Sequence[Signal], *, distance_m: float = 50.0, days: float = 7.0, similarity: float = 0.25
) -> list[Bundle]:
    """Near-duplicates merged: bundles, the largest first (then the most recent)."""
    from scipy.spatial import cKDTree

    items = sorted(signals, key=lambda s: (s.at, s.id))
    if not items:
        return []
    lat0 = float(np.mean([s.lat for s in items]))
    xy = to_metres(np.array([s.lon for s in items]), np.array([s.lat for s in items]), lat0)
    parent = list(range(len(items)))
    window = days * 86_400.0
    for i, j in cKDTree(xy).query_pairs(r=distance_m):
        a, b = items[i], items[j]
        if a.category != b.category or abs((a.at - b.at).total_seconds()) > window:
            continue
        if text_similarity(a.text, b.text) < similarity:
            continue
        ra, rb = _find(parent, i), _find(parent, j)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[Signal]] = {}
    for index, signal in enumerate(items):
        groups.setdefault(_find(parent, index), []).append(signal)
    bundles = [Bundle(members) for members in groups.values()]
    bundles.sort(key=lambda b: (-b.count, -b.until.timestamp(), b.first.id))
    return bundles


def hotspots(
    signals: Sequence[Signal],
    *,
    radius_m: float = 250.0,
    window_days: float = 14.0,
    min_signals: int = 5,
) -> list[Hotspot]:
    """Clusters in place and time, the largest first."""
    if len(signals) < min_signals:
        return []
    from sklearn.cluster import DBSCAN

    lat0 = float(np.mean([s.lat for s in signals]))
    xy = to_metres(np.array([s.lon for s in signals]), np.array([s.lat for s in signals]), lat0)
    metres_per_day = radius_m / window_days
    days = np.array([s.at.timestamp() / 86_400.0 for s in signals])
    points = np.column_stack([xy, (days - days.min()) * metres_per_day])
    labels = DBSCAN(eps=radius_m, min_samples=min_signals).fit_predict(points)
    found = []
    for label in sorted(set(labels.tolist()) - {-1}):
        members = np.flatnonzero(labels == label)
        centre = xy[members].mean(axis=0)
        chosen = [signals[i] for i in members]
        found.append(
            Hotspot(
                ids=[s.id for s in chosen],
                lon=float(np.mean([s.lon for s in chosen])),
                lat=float(np.mean([s.lat for s in chosen])),
                radius_m=float(np.max(np.hypot(*(xy[members] - centre).T))),
                since=min(s.at for s in chosen),
                until=max(s.at for s in chosen),
                categories=Counter(s.category for s in chosen),
                buurten=Counter(s.buurt for s in chosen if s.buurt),
            )
        )
    found.sort(key=lambda h: (-h.count, -h.until.timestamp()))
    return found
