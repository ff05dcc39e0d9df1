"""Read an area file (GeoJSON FeatureCollection) into a validated gemeente > wijk > buurt list.

``parse_area_file(data)`` returns an ``AreaFile`` with WGS84 geometry, or raises
``AreaImportError`` with every problem found (up to a cap), each naming the feature.
Wijken and gemeenten missing from the file are built by dissolving their buurten.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from shapely.errors import GEOSException
from shapely.geometry import shape

from buurtpeil.areas.importers import geometry as geo
from buurtpeil.areas.importers.errors import AreaImportError, ErrorList, refuse_binary
from buurtpeil.areas.importers.mappings import (
    BUURT,
    GEMEENTE,
    WIJK,
    FeatureRecord,
    detect_mapping,
    feature_label,
)
from buurtpeil.core.text import storable

POLYGON_TYPES = ("Polygon", "MultiPolygon")
MAX_CODE = 20  # Area.code


@dataclass
class AreaRecord:
    level: str
    code: str
    name: str
    parent_code: str | None
    geometry: dict
    display_geometry: dict


@dataclass
class AreaFile:
    mapping: str  # "cbs" or "statbel"
    projection: str  # e.g. "RD New (EPSG:28992)"
    areas: list[AreaRecord]  # gemeenten, then wijken, then buurten, each by code
    generated_wijk_names: list[str] = field(default_factory=list)  # wijk codes
    warnings: list[str] = field(default_factory=list)

    def of_level(self, level: str) -> list[AreaRecord]:
        return [area for area in self.areas if area.level == level]


def parse_area_file(data: bytes) -> AreaFile:
    # Coordinates near the limits of a float make shapely and pyproj warn of overflow; such
    # coordinates are refused in words by the checks (finite, in range), so the warnings say nothing.
    with np.errstate(all="ignore"):
        return _parse(data)


def _parse(data: bytes) -> AreaFile:
    features, crs_member = _load_feature_collection(data)
    errors = ErrorList()
    declared = _declared_projection(crs_member)
    mapping = _detect_mapping(features)

    records: list[FeatureRecord] = []
    shapes: list[shapely.Geometry] = []
    for index, feature in enumerate(features, start=1):
        record = _read_feature(index, feature, mapping, errors)
        if record is not None:
            records.append(record[0])
            shapes.append(record[1])

    projection = declared or _detect_projection(shapes)
    _check_range(records, shapes, projection, declared=declared is not None, errors=errors)
    _check_duplicates(records, errors)
    if not errors:
        _check_hierarchy(records, errors)
    errors.raise_if_any()
    return _build(records, shapes, projection, mapping)


def _load_feature_collection(data: bytes) -> tuple[list, object]:
    if not data.strip():
        raise AreaImportError([_("The file is empty.")])
    refuse_binary(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AreaImportError([_("The file is not UTF-8 text, so it is not a GeoJSON file.")]) from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise AreaImportError([_("The file is nested too deeply to be a GeoJSON file.")]) from None
    except (json.JSONDecodeError, ValueError) as error:
        position = ""
        if isinstance(error, json.JSONDecodeError):
            position = _(" (line %(line)d, column %(column)d)") % {
                "line": error.lineno,
                "column": error.colno,
            }
        raise AreaImportError(
            [_("The file is not valid JSON%(position)s.") % {"position": position}]
        ) from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        found = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise AreaImportError(
            [
                _("The file is not a GeoJSON FeatureCollection (its type is “%(found)s”).")
                % {"found": str(found)[:40]}
            ]
        )
    features = document.get("features")
    if not isinstance(features, list):
        raise AreaImportError([_("The FeatureCollection has no list of features.")])
    if not features:
        raise AreaImportError([_("The file contains no features.")])
    return features, document.get("crs")


def _refuse_constant(name: str):
    raise ValueError(name)


def _declared_projection(crs_member) -> geo.Projection | None:
    if crs_member is None:
        return None
    supported = ", ".join(p.label for p in geo.PROJECTIONS.values())
    epsg = geo.epsg_from_crs_member(crs_member)
    if epsg is None:
        raise AreaImportError(
            [
                _(
                    "The file's crs member “%(crs)s” names no projection that can be read. "
                    "Supported: %(supported)s."
                )
                % {"crs": geo.describe_crs(crs_member), "supported": supported}
            ]
        )
    if epsg not in geo.PROJECTIONS:
        raise AreaImportError(
            [
                _("The file uses projection EPSG:%(epsg)d, which is not supported. Supported: %(supported)s.")
                % {"epsg": epsg, "supported": supported}
            ]
        )
    return geo.PROJECTIONS[epsg]


def _detect_mapping(features: list):
    names = [
        {str(key).lower() for key in f["properties"]}
        for f in features
        if isinstance(f, dict) and isinstance(f.get("properties"), dict)
    ]
    mapping = detect_mapping(names)
    if mapping is None:
        found = sorted(set().union(*names)) if names else []
        raise AreaImportError(
            [
                _(
                    "The features have no fields that say which area they are. Expected “statcode” and "
                    "“statnaam” (CBS) or “CD_SECTOR” and “T_SEC_NL” (Statbel); found: %(found)s."
                )
                % {"found": ", ".join(found[:20]) or _("no fields")}
            ]
        )
    return mapping


def _read_feature(index: int, feature, mapping, errors: ErrorList):
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        errors.add(_("%(feature)s is not a GeoJSON Feature.") % {"feature": feature_label(index)})
        return None
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        errors.add(_("%(feature)s has no properties.") % {"feature": feature_label(index)})
        return None
    record = mapping.read(index, {str(k).lower(): v for k, v in properties.items()}, errors)
    if record is not None and not all(storable(text or "") for text in _texts(record)):
        errors.add(
            _(
                "%(feature)s: a code or name contains a character that cannot be stored "
                "(a NUL character or half of a character)."
            )
            % {"feature": feature_label(index)}
        )
        record = None
    if record is not None:
        too_long = [
            c for c in (record.code, record.wijk_code, record.gemeente_code) if c and len(c) > MAX_CODE
        ]
        for code in too_long:
            errors.add(
                _("%(feature)s: the code “%(code)s” is longer than %(max)d characters.")
                % {"feature": feature_label(index), "code": code[:40], "max": MAX_CODE}
            )
        if too_long:
            record = None
    code = record.code if record else str(properties.get("statcode") or properties.get("CD_SECTOR") or "")
    geometry = _read_geometry(feature.get("geometry"), feature_label(index, code), errors)
    if record is None or geometry is None:
        return None
    return record, geometry


def _texts(record: FeatureRecord) -> tuple:
    return (
        record.code,
        record.name,
        record.wijk_code,
        record.wijk_name,
        record.gemeente_code,
        record.gemeente_name,
    )


def _read_geometry(raw, label: str, errors: ErrorList) -> shapely.Geometry | None:
    if not isinstance(raw, dict):
        errors.add(_("%(feature)s has no geometry.") % {"feature": label})
        return None
    kind = raw.get("type")
    if kind not in POLYGON_TYPES:
        errors.add(
            _("%(feature)s: the geometry is a %(type)s; only Polygon and MultiPolygon are accepted.")
            % {"feature": label, "type": str(kind)[:40]}
        )
        return None
    try:
        geometry = shapely.force_2d(shape(raw))
    except (GEOSException, ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError):
        errors.add(
            _("%(feature)s: the coordinates of the %(type)s cannot be read.")
            % {"feature": label, "type": kind}
        )
        return None
    if geometry.is_empty:
        errors.add(_("%(feature)s has an empty geometry.") % {"feature": label})
        return None
    if not np.isfinite(shapely.get_coordinates(geometry)).all():
        errors.add(_("%(feature)s has coordinates that are not finite numbers.") % {"feature": label})
        return None
    if not geometry.is_valid:
        errors.add(
            _("%(feature)s: the polygon is invalid: %(reason)s.")
            % {"feature": label, "reason": geo.invalidity(geometry)}
        )
        return None
    return geometry


def _detect_projection(shapes: list) -> geo.Projection:
    if not shapes:
        return geo.WGS84  # nothing readable: the per-feature errors say why
    bounds = tuple(shapely.total_bounds(shapes))
    for projection in geo.DETECTABLE:
        if projection.contains(bounds):
            return projection
    raise AreaImportError(
        [
            _(
                "The projection of the file cannot be determined: it has no crs member and its "
                "coordinates (x %(xmin).0f to %(xmax).0f, y %(ymin).0f to %(ymax).0f) are neither "
                "WGS84 longitude/latitude nor RD New. Add a crs member or export the file in WGS84."
            )
            % dict(zip(("xmin", "ymin", "xmax", "ymax"), bounds, strict=True))
        ]
    )


def _check_range(records, shapes, projection: geo.Projection, *, declared: bool, errors: ErrorList) -> None:
    outside = 0
    for record, geometry in zip(records, shapes, strict=True):
        xmin, ymin, xmax, ymax = geometry.bounds
        if not projection.contains((xmin, ymin, xmax, ymax)):
            outside += 1
            errors.add(
                _(
                    "%(feature)s: the coordinates (x %(xmin)s to %(xmax)s, y %(ymin)s to %(ymax)s) "
                    "lie outside the range of %(projection)s."
                )
                % {
                    "feature": feature_label(record.index, record.code),
                    "xmin": f"{xmin:g}",
                    "xmax": f"{xmax:g}",
                    "ymin": f"{ymin:g}",
                    "ymax": f"{ymax:g}",
                    "projection": projection.label,
                }
            )
    if outside and declared:
        bounds = tuple(shapely.total_bounds(shapes))
        fits = [p for p in geo.PROJECTIONS.values() if p is not projection and p.contains(bounds)]
        if fits:
            errors.add(
                _("The coordinates look like %(other)s, but the file's crs member says %(projection)s.")
                % {"other": fits[0].label, "projection": projection.label}
            )


def _check_duplicates(records: list[FeatureRecord], errors: ErrorList) -> None:
    first: dict[str, int] = {}
    for record in records:
        if record.code in first:
            errors.add(
                _("%(feature)s: the code %(code)s also occurs in feature %(first)d.")
                % {"feature": feature_label(record.index), "code": record.code, "first": first[record.code]}
            )
        else:
            first[record.code] = record.index


def _check_hierarchy(records: list[FeatureRecord], errors: ErrorList) -> None:
    buurten = [r for r in records if r.level == BUURT]
    if not buurten:
        errors.add(_("The file contains no buurten (only wijken or gemeenten)."))
        return
    wijk_features = {r.code: r for r in records if r.level == WIJK}
    used_wijken = {b.wijk_code for b in buurten}
    used_gemeenten = {b.gemeente_code for b in buurten}
    for record in records:
        if record.level == WIJK and record.code not in used_wijken:
            message = _("%(feature)s: this wijk contains no buurt of the file.")
        elif record.level == GEMEENTE and record.code not in used_gemeenten:
            message = _("%(feature)s: this gemeente contains no buurt of the file.")
        else:
            continue
        errors.add(message % {"feature": feature_label(record.index, record.code)})
    for buurt in buurten:
        wijk = wijk_features.get(buurt.wijk_code)
        if wijk is not None and wijk.gemeente_code != buurt.gemeente_code:
            errors.add(
                _("%(feature)s: the buurt lies in gemeente %(gemeente)s, but its wijk %(wijk)s in %(other)s.")
                % {
                    "feature": feature_label(buurt.index, buurt.code),
                    "gemeente": buurt.gemeente_code,
                    "wijk": wijk.code,
                    "other": wijk.gemeente_code,
                }
            )


def _build(records: list[FeatureRecord], shapes: list, projection: geo.Projection, mapping) -> AreaFile:
    by_level: dict[str, list[int]] = defaultdict(list)
    for i in sorted(range(len(records)), key=lambda i: records[i].code):
        by_level[records[i].level].append(i)
    full = geo.to_wgs84(np.array(shapes, dtype=object), projection.epsg)
    if not np.isfinite(shapely.get_coordinates(full)).all():
        raise AreaImportError([_("The coordinates could not be converted to WGS84.")])

    warnings: list[str] = []
    buurt_ix = by_level[BUURT]
    buurt_full = full[buurt_ix]
    if not shapely.coverage_is_valid(buurt_full):
        warnings.append(
            _(
                "The buurt boundaries do not fit together exactly (overlaps, or shared edges whose "
                "vertices differ). The map may show small gaps or overlaps."
            )
        )
    buurt_display = geo.simplify_coverage(buurt_full)
    given_wijk_display = geo.simplify_coverage(full[by_level[WIJK]])
    given_gemeente_display = geo.simplify_coverage(full[by_level[GEMEENTE]])

    areas: list[AreaRecord] = []
    wijk_features = {records[i].code: (i, n) for n, i in enumerate(by_level[WIJK])}
    gemeente_features = {records[i].code: (i, n) for n, i in enumerate(by_level[GEMEENTE])}
    buurten = [records[i] for i in buurt_ix]

    # Gemeenten: from the file, or the union of their buurten.
    for gemeente_code in sorted({b.gemeente_code for b in buurten}):
        members = [n for n, b in enumerate(buurten) if b.gemeente_code == gemeente_code]
        if gemeente_code in gemeente_features:
            i, n = gemeente_features[gemeente_code]
            name, g_full, g_display = records[i].name, full[i], given_gemeente_display[n]
        else:
            name = next((buurten[n].gemeente_name for n in members if buurten[n].gemeente_name), "")
            g_full = geo.dissolve(buurt_full[members])
            g_display = geo.dissolve(buurt_display[members])
        areas.append(_area(GEMEENTE, gemeente_code, name, None, g_full, g_display))

    # Wijken: from the file, or the union of their buurten; names from the file when it has them.
    generated: list[str] = []
    for wijk_code in sorted({b.wijk_code for b in buurten}):
        members = [n for n, b in enumerate(buurten) if b.wijk_code == wijk_code]
        gemeente_code = buurten[members[0]].gemeente_code
        if wijk_code in wijk_features:
            i, n = wijk_features[wijk_code]
            name, w_full, w_display = records[i].name, full[i], given_wijk_display[n]
        else:
            names = Counter(buurten[n].wijk_name for n in members if buurten[n].wijk_name)
            name = names.most_common(1)[0][0] if names else ""
            w_full = geo.dissolve(buurt_full[members])
            w_display = geo.dissolve(buurt_display[members])
        if not name:
            name = mapping.generated_wijk_name(wijk_code)
            generated.append(wijk_code)
        areas.append(_area(WIJK, wijk_code, name, gemeente_code, w_full, w_display))

    for n, buurt in enumerate(buurten):
        areas.append(_area(BUURT, buurt.code, buurt.name, buurt.wijk_code, buurt_full[n], buurt_display[n]))

    if generated:
        warnings.append(
            ngettext(
                "%(count)d wijk has no name in the file and was named after its code (“%(example)s”).",
                "%(count)d wijken have no name in the file and were named after their code (“%(example)s”).",
                len(generated),
            )
            % {"count": len(generated), "example": mapping.generated_wijk_name(generated[0])}
        )
    return AreaFile(
        mapping=mapping.key,
        projection=projection.label,
        areas=areas,
        generated_wijk_names=generated,
        warnings=warnings,
    )


def _area(level, code, name, parent_code, full, display) -> AreaRecord:
    return AreaRecord(
        level=level,
        code=code,
        name=name[:200],
        parent_code=parent_code,
        geometry=geo.geojson(full, geo.FULL_DECIMALS),
        display_geometry=geo.geojson(display, geo.DISPLAY_DECIMALS),
    )
