"""Bundling and hotspots on a constructed set whose duplicates and clusters are known."""

import math
from datetime import UTC, datetime, timedelta

from buurtpeil.concerns.bundling import Signal, bundle_reports, hotspots, text_similarity

LON0, LAT0 = 4.30, 52.07  # Den Haag
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(east_m: float, north_m: float) -> tuple[float, float]:
    """(lon, lat) that many metres east and north of (LON0, LAT0)."""
    return (
        LON0 + east_m / (111_320 * math.cos(math.radians(LAT0))),
        LAT0 + north_m / 110_574,
    )


def signal(id, east, north, day, category="drugs", text="", buurt="B1"):
    lon, lat = at(east, north)
    return Signal(id, lon, lat, START + timedelta(days=day), category, text, buurt)


def test_near_duplicates_in_place_time_category_and_text_are_one_bundle():
    signals = [
        signal(1, 0, 0, 0, text="Er wordt gedeald bij de speeltuin"),
        signal(2, 30, 10, 2, text="Weer dealen bij de speeltuin, elke avond"),
        signal(3, 10, 35, 5, text=""),  # no text: similar to everything
        signal(4, 0, 0, 1, category="litter", text="Er wordt gedeald bij de speeltuin"),  # other category
        signal(5, 200, 0, 1, text="Er wordt gedeald bij de speeltuin"),  # 200 m away
        signal(6, 5, 5, 20, text="Er wordt gedeald bij de speeltuin"),  # two weeks later
        signal(7, -5, -30, 1, text="Auto's racen hier 's nachts over de stoep"),  # another matter
    ]
    bundles = bundle_reports(signals)
    by_first = {b.first.id: sorted(b.ids) for b in bundles}
    assert by_first == {1: [1, 2, 3], 4: [4], 5: [5], 6: [6], 7: [7]}
    assert bundles[0].count == 3 and bundles[0].category == "drugs"
    assert bundles[0].since == START and bundles[0].until == START + timedelta(days=5)


def test_bundles_link_through_a_chain_of_near_duplicates():
    signals = [signal(i, 40 * i, 0, i, category="litter", text="afval") for i in range(4)]
    (bundle,) = bundle_reports(signals)
    assert bundle.ids == [0, 1, 2, 3]


def test_text_similarity_sees_the_same_words_and_not_other_ones():
    assert text_similarity("Dealers bij de speeltuin", "dealers bij speeltuin!") > 0.5
    assert text_similarity("Dealers bij de speeltuin", "Kapotte lantaarnpaal") < 0.15
    assert text_similarity("", "anything") == 1.0


def test_hotspots_find_the_two_constructed_clusters_and_leave_scattered_signals_out():
    signals = []
    # Cluster A: 8 signals within 100 m of the origin over 10 days.
    for i in range(8):
        signals.append(signal(100 + i, 12 * i, -10 * i, i * 1.2, category="drugs" if i % 2 else "loitering"))
    # Cluster B: 6 signals 3 km away within 60 m, over 4 days, two months later.
    for i in range(6):
        signals.append(signal(200 + i, 3000 + 10 * i, 3000, 60 + i * 0.7, category="dark_spot", buurt="B2"))
    # The same place as A, but spread over a year: one every 30 days is no cluster in time.
    for i in range(6):
        signals.append(signal(300 + i, 20, 20, 100 + 30 * i))
    # Scattered: 2 km apart.
    for i in range(6):
        signals.append(signal(400 + i, -2000 * (i + 1), 1500, 3 * i))
    found = hotspots(signals)
    assert [sorted(h.ids) for h in found] == [list(range(100, 108)), list(range(200, 206))]
    a, b = found
    assert a.count == 8 and a.categories == {"drugs": 4, "loitering": 4} and a.buurten == {"B1": 8}
    assert a.radius_m < 120
    assert b.since == START + timedelta(days=60) and b.categories == {"dark_spot": 6}
    lon, lat = at(3025, 3000)
    assert abs(b.lon - lon) < 1e-6 and abs(b.lat - lat) < 1e-6


def test_too_few_signals_make_no_hotspot():
    assert hotspots([signal(i, 0, 0, 0) for i in range(4)]) == []
    assert len(hotspots([signal(i, 0, 0, 0) for i in range(5)])) == 1
    assert bundle_reports([]) == [] and hotspots([]) == []
