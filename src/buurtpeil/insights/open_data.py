"""Open data: a poll's published results per wijk and buurt as rows, for the public page and
its CSV (pure: no Django). Only stored figures appear; a suppressed cell is a row without a
value, marked as such, so the table shows every area and hides what the rules hide. A buurt's
model-based figure (``insights.smallarea``) has status "modelschatting" and no respondents."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from buurtpeil.polls.indicators import indicator_is_share, indicator_label

HEADER = [
    "gebiedscode",
    "gebiedsnaam",
    "niveau",
    "indicator",
    "omschrijving",
    "eenheid",
    "waarde",
    "ondergrens_95",
    "bovengrens_95",
    "respondenten",
    "status",
]
STATUS = {
    "shown": "betrouwbaar",
    "indicative": "indicatief",
    "model": "modelschatting",
    "suppressed": "onderdrukt",
}


def rows(
    areas: Sequence[Sequence[Any]], indicators: Sequence[str], maps: Mapping[str, Mapping[str, Any]]
) -> Iterator[list[Any]]:
    """Rows in ``HEADER`` order: every wijk and buurt by every indicator. Shares in percent."""
    for code, name, level, _parent in areas:
        if level not in ("wijk", "buurt"):
            continue
        for indicator in indicators:
            figure = maps.get(f"map:i.{indicator}", {}).get(code, {"s": "suppressed"})
            share = indicator_is_share(indicator)
            scale = 100.0 if share else 1.0
            shown = figure.get("e") is not None
            yield [
                code,
                name,
                level,
                indicator,
                indicator_label(indicator, "nl"),
                "procent" if share else "gemiddelde",
                round(figure["e"] * scale, 1) if shown else "",
                round(figure["l"] * scale, 1) if shown else "",
                round(figure["h"] * scale, 1) if shown else "",
                figure.get("n", "") if shown else "",
                STATUS.get(figure.get("s", "suppressed"), "onderdrukt"),
            ]


def csv_text(table: Iterator[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(table)
    return out.getvalue()
