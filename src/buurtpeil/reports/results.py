"""A poll's computed results as an export table and as GeoJSON (pure: no Django).

Rows come from the stored result documents (``insights.compute``): every indicator for every
area and group, and the answer shares of every question for the municipality. A suppressed
figure was never stored, so its row has a status and no numbers; a buurt's model-based figure
(``insights.smallarea``) has status "model" and no number of respondents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from buurtpeil.reports.table import Table, Variable

STATUS_CODES = {"shown": 1, "indicative": 2, "suppressed": 3, "model": 4}


def results_variables(texts: Mapping[str, str]) -> list[Variable]:
    """``texts``: labels of the variables and of the status codes, in the user's language."""
    return [
        Variable("area_code", texts["area_code"], "string"),
        Variable("area_name", texts["area_name"], "string"),
        Variable("level", texts["level"], "string"),
        Variable("group_variable", texts["group_variable"], "string"),
        Variable("group_value", texts["group_value"], "string"),
        Variable("figure", texts["figure"], "string"),
        Variable("figure_label", texts["figure_label"], "string"),
        Variable("answer", texts["answer"], "string"),
        Variable("estimate", texts["estimate"], "float", measure="scale"),
        Variable("ci_low", texts["ci_low"], "float", measure="scale"),
        Variable("ci_high", texts["ci_high"], "float", measure="scale"),
        Variable("respondents", texts["respondents"], "integer", measure="scale"),
        Variable(
            "status",
            texts["status"],
            "integer",
            value_labels={code: texts[f"status_{name}"] for name, code in STATUS_CODES.items()},
        ),
    ]


def _rows(
    areas: Sequence[Sequence[Any]],
    cells: Mapping[str, Mapping[str, Any]],
    labels: Mapping[str, str],
) -> Iterator[tuple[Any, ...]]:
    names = {code: (name, level) for code, name, level, _parent in areas}
    for key, cell in cells.items():
        _prefix, area, trait, category = key.split(":", 3)
        name, level = names.get(area, (area, ""))
        for column, figure in cell.get("columns", {}).items():
            head = (area, name, level, trait, category, column, labels.get(column, column))
            status = STATUS_CODES[figure.get("s", "suppressed")]
            if "c" in figure:  # shares of each answer of a question
                for answer, (estimate, low, high) in figure["c"].items():
                    yield (*head, answer, estimate, low, high, figure.get("n"), status)
            elif "e" in figure:
                yield (*head, "", figure["e"], figure["l"], figure["h"], figure.get("n"), status)
            else:
                yield (*head, "", None, None, None, None, status)


def results_table(
    *,
    title: str,
    areas: Sequence[Sequence[Any]],
    cells: Mapping[str, Mapping[str, Any]],
    labels: Mapping[str, str],
    texts: Mapping[str, str],
) -> Table:
    rows = list(_rows(areas, cells, labels))
    return Table(title=title, variables=results_variables(texts), rows=rows, row_count=len(rows))


def results_geojson(
    *,
    geometries: Mapping[str, tuple[str, dict[str, Any] | None]],
    maps: Mapping[str, Mapping[str, Any]],
    indicators: Sequence[str],
) -> bytes:
    """A FeatureCollection of the buurten (WGS84) with, per indicator, its estimate, interval,
    n and status; a suppressed figure is ``null`` with status "suppressed", a model-based one has
    status "model" and n ``null``."""
    features = []
    for code, (name, geometry) in geometries.items():
        properties: dict[str, Any] = {"code": code, "name": name}
        for indicator in indicators:
            figure = maps.get(f"map:i.{indicator}", {}).get(code, {"s": "suppressed"})
            shown = figure.get("e") is not None
            properties[indicator] = figure["e"] if shown else None
            properties[f"{indicator}_low"] = figure["l"] if shown else None
            properties[f"{indicator}_high"] = figure["h"] if shown else None
            properties[f"{indicator}_n"] = figure.get("n") if shown else None
            properties[f"{indicator}_status"] = figure.get("s", "suppressed")
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")
