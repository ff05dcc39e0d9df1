"""Writes of the areas app. Other apps import from here and from ``selectors`` only."""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.areas.importers.errors import AreaImportError
from buurtpeil.areas.importers.geojson import AreaFile, AreaRecord, parse_area_file
from buurtpeil.areas.importers.population import PopulationTable, parse_population_csv
from buurtpeil.areas.models import Area, PopulationCount
from buurtpeil.areas.report import ImportReport, LevelCounts
from buurtpeil.organisations.models import Organisation

__all__ = ["AreaImportError", "ImportReport", "areas_import"]

logger = logging.getLogger(__name__)

GEMEENTE, WIJK, BUURT = Area.Level.MUNICIPALITY, Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD
LEVELS = (GEMEENTE, WIJK, BUURT)
WRITTEN_FIELDS = [
    "level",
    "name",
    "parent_id",
    "geometry",
    "display_geometry",
    "population",
    "population_year",
]
NAMED_IN_WARNING = 10


@dataclass(frozen=True)
class _Figures:
    total: int | None = None
    year: int | None = None
    counts: dict[tuple[str, str], int] | None = None  # (variable, category) -> count


def areas_import(
    *,
    organisation: Organisation,
    geojson: bytes,
    population_csv: bytes | None = None,
    population_year: int | None = None,
) -> ImportReport:
    """Import (or re-import) the organisation's gemeente > wijk > buurt hierarchy.

    Areas are matched on code and updated in place, so whatever refers to a buurt stays
    valid. Areas missing from the new file are removed, unless something still refers to
    them: then nothing is imported. Without a population file the population figures of
    remaining buurten are kept. Raises ``AreaImportError`` with every problem found; the
    database is then unchanged.
    """
    area_file, table = _parse(geojson, population_csv, population_year)
    with transaction.atomic():
        # One import per organisation at a time (PostgreSQL; SQLite writes are serial anyway).
        list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
        existing = {area.code: area for area in Area.objects.filter(organisation=organisation)}
        new_codes = {record.code for record in area_file.areas}
        removed = [area for code, area in existing.items() if code not in new_codes]
        _refuse_removing_areas_in_use(removed)

        figures = _figures(organisation, area_file, table, existing)
        report = ImportReport(mapping=area_file.mapping, projection=area_file.projection)
        saved: dict[str, Area] = {}
        now = timezone.now()
        for level, counts in ((GEMEENTE, report.gemeenten), (WIJK, report.wijken), (BUURT, report.buurten)):
            _write_level(organisation, area_file.of_level(level), existing, saved, figures, now, counts)
        for level, counts in ((BUURT, report.buurten), (WIJK, report.wijken), (GEMEENTE, report.gemeenten)):
            ids = [area.pk for area in removed if area.level == level]
            if ids:
                Area.objects.filter(pk__in=ids).delete()
                counts.removed = len(ids)
        _write_population_counts(organisation, saved, figures)
    _complete_report(report, organisation, area_file, table, figures)
    logger.info("Areas of %s imported: %s", organisation.code, report.summary())
    return report


def _parse(
    geojson: bytes, population_csv: bytes | None, population_year: int | None
) -> tuple[AreaFile, PopulationTable | None]:
    """Both files validated in full; the errors of both are reported together."""
    errors: list[str] = []
    area_file = table = None
    try:
        area_file = parse_area_file(geojson)
    except AreaImportError as error:
        errors.extend(error.errors)
    if population_csv is not None:
        buurt_codes = other_codes = None
        if area_file is not None:
            buurt_codes = {a.code for a in area_file.of_level(BUURT)}
            other_codes = {a.code: a.level for a in area_file.areas if a.level != BUURT}
        try:
            table = parse_population_csv(
                population_csv, buurt_codes=buurt_codes, other_codes=other_codes, year=population_year
            )
        except AreaImportError as error:
            errors.extend(error.errors)
    elif population_year is not None:
        errors.append(_("A population year was given without a population file."))
    if errors:
        raise AreaImportError(errors)
    return area_file, table


def _refuse_removing_areas_in_use(removed: list[Area]) -> None:
    """Every model that refers to an area (other than this app's own) blocks its removal."""
    if not removed:
        return
    ids = [area.pk for area in removed]
    uses: dict[int, list[str]] = defaultdict(list)
    for model in apps.get_models(include_auto_created=True):
        if model in (Area, PopulationCount):
            continue
        for field in model._meta.concrete_fields:
            if not (field.is_relation and field.related_model is Area):
                continue
            rows = (
                model._base_manager.filter(**{f"{field.attname}__in": ids})
                .order_by()
                .values(field.attname)
                .annotate(n=Count("pk"))
                .values_list(field.attname, "n")
            )
            for area_id, n in rows:
                meta = model._meta
                uses[area_id].append(f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}")
    if not uses:
        return
    errors = [
        _("%(code)s %(name)s is not in the new file, but cannot be removed: it is still in use (%(uses)s).")
        % {"code": area.code, "name": area.name, "uses": ", ".join(uses[area.pk])}
        for area in sorted(removed, key=lambda a: a.code)
        if area.pk in uses
    ]
    errors.append(_("Keep these areas in the file, or first move what refers to them to another area."))
    raise AreaImportError(errors)


def _figures(
    organisation: Organisation, area_file: AreaFile, table: PopulationTable | None, existing: dict[str, Area]
) -> dict[str, _Figures]:
    """Population per area code: buurten from the file (or kept), wijken and gemeenten summed."""
    figures: dict[str, _Figures] = {}
    kept_counts: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    if table is None:
        rows = PopulationCount.objects.filter(area__organisation=organisation, area__level=BUURT)
        for area_id, variable, category, count in rows.values_list(
            "area_id", "variable", "category", "count"
        ):
            kept_counts[area_id][(variable, category)] = count
    for buurt in area_file.of_level(BUURT):
        if table is not None:
            row = table.rows.get(buurt.code)
            figures[buurt.code] = (
                _Figures(
                    total=row.total,
                    year=table.year,
                    counts={(v, c): n for v, categories in row.counts.items() for c, n in categories.items()},
                )
                if row
                else _Figures()
            )
        else:
            old = existing.get(buurt.code)
            if old is not None and old.level == BUURT and old.population is not None:
                figures[buurt.code] = _Figures(old.population, old.population_year, kept_counts.get(old.pk))
            else:
                figures[buurt.code] = _Figures()
    children: dict[str, list[str]] = defaultdict(list)
    for record in area_file.areas:
        if record.parent_code:
            children[record.parent_code].append(record.code)
    for level in (WIJK, GEMEENTE):
        for record in area_file.of_level(level):
            figures[record.code] = _sum_figures([figures[code] for code in children[record.code]])
    return figures


def _sum_figures(parts: list[_Figures]) -> _Figures:
    if not parts or any(part.total is None for part in parts):
        return _Figures()
    years = {part.year for part in parts}
    keys = {frozenset(part.counts) if part.counts else None for part in parts}
    counts = None
    if len(keys) == 1 and None not in keys:
        counts = defaultdict(int)
        for part in parts:
            for key, n in part.counts.items():
                counts[key] += n
        counts = dict(counts)
    return _Figures(sum(part.total for part in parts), years.pop() if len(years) == 1 else None, counts)


def _write_level(
    organisation: Organisation,
    records: list[AreaRecord],
    existing: dict[str, Area],
    saved: dict[str, Area],
    figures: dict[str, _Figures],
    now,
    counts: LevelCounts,
) -> None:
    gemeenten = len(records) if records and records[0].level == GEMEENTE else 0
    to_create: list[Area] = []
    to_update: list[Area] = []
    for record in records:
        area = existing.get(record.code)
        values = {
            "level": record.level,
            "name": record.name or _fallback_name(record, area, organisation, gemeenten),
            "parent_id": saved[record.parent_code].pk if record.parent_code else None,
            "geometry": record.geometry,
            "display_geometry": record.display_geometry,
            "population": figures[record.code].total,
            "population_year": figures[record.code].year,
        }
        if area is None:
            area = Area(organisation=organisation, code=record.code, **values)
            to_create.append(area)
            counts.created += 1
        elif any(getattr(area, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(area, name, value)
            area.updated_at = now  # bulk_update does not touch auto_now fields
            to_update.append(area)
            counts.updated += 1
        else:
            counts.unchanged += 1
        saved[record.code] = area
    Area.objects.bulk_create(to_create)
    Area.objects.bulk_update(to_update, [*WRITTEN_FIELDS, "updated_at"])


def _write_population_counts(organisation: Organisation, saved: dict[str, Area], figures) -> None:
    """Replace the organisation's population counts, unless they already are what they should be."""
    wanted = {
        (saved[code].pk, variable, category): count
        for code, figure in figures.items()
        if figure.counts
        for (variable, category), count in figure.counts.items()
    }
    current_rows = PopulationCount.objects.filter(area__organisation=organisation)
    current = {
        (area_id, variable, category): count
        for area_id, variable, category, count in current_rows.values_list(
            "area_id", "variable", "category", "count"
        )
    }
    if current == wanted:
        return
    current_rows.delete()
    PopulationCount.objects.bulk_create(
        PopulationCount(area_id=area_id, variable=variable, category=category, count=count)
        for (area_id, variable, category), count in wanted.items()
    )


def _fallback_name(record: AreaRecord, area: Area | None, organisation: Organisation, gemeenten: int) -> str:
    """A gemeente without a name in the file keeps its name, or takes the organisation's."""
    if area is not None:
        return area.name
    if gemeenten == 1:
        return organisation.name
    return record.code


def _complete_report(
    report: ImportReport,
    organisation: Organisation,
    area_file: AreaFile,
    table: PopulationTable | None,
    figures: dict[str, _Figures],
) -> None:
    buurt_codes = [record.code for record in area_file.of_level(BUURT)]
    known = [figures[code].total for code in buurt_codes if figures[code].total is not None]
    report.population_total = sum(known) if known else None
    report.empty_buurten = [code for code in buurt_codes if figures[code].total == 0]
    report.buurten_without_population = [code for code in buurt_codes if figures[code].total is None]
    report.generated_wijk_names = list(area_file.generated_wijk_names)
    if table is not None:
        report.population_rows = len(table.rows)
        report.population_year = table.year
        report.rounding_differences = table.rounding_differences
    else:
        years = {figures[code].year for code in buurt_codes if figures[code].total is not None}
        report.population_year = years.pop() if len(years) == 1 else None

    warnings = list(area_file.warnings)
    gemeente_codes = sorted(record.code for record in area_file.of_level(GEMEENTE))
    if organisation.code not in gemeente_codes and _looks_like_gemeente_code(organisation.code, area_file):
        warnings.append(
            _("The file describes %(codes)s, but the code of this organisation is %(code)s.")
            % {"codes": ", ".join(gemeente_codes), "code": organisation.code}
        )
    if report.rounding_differences:
        warnings.append(
            ngettext(
                "In %(count)d row the men and women or the age groups do not add up exactly to the "
                "inhabitants; the difference is within CBS rounding and was accepted.",
                "In %(count)d rows the men and women or the age groups do not add up exactly to the "
                "inhabitants; the differences are within CBS rounding and were accepted.",
                report.rounding_differences,
            )
            % {"count": report.rounding_differences}
        )
    if report.empty_buurten:
        warnings.append(
            ngettext(
                "%(count)d buurt has 0 inhabitants: %(codes)s.",
                "%(count)d buurten have 0 inhabitants: %(codes)s.",
                len(report.empty_buurten),
            )
            % {"count": len(report.empty_buurten), "codes": _codes(report.empty_buurten)}
        )
    missing = report.buurten_without_population
    if missing and table is not None:
        warnings.append(
            ngettext(
                "%(count)d buurt has no row in the population file, so its population is unknown: %(codes)s.",
                "%(count)d buurten have no row in the population file, so their population is unknown: "
                "%(codes)s.",
                len(missing),
            )
            % {"count": len(missing), "codes": _codes(missing)}
        )
    elif missing:
        warnings.append(
            ngettext(
                "%(count)d buurt has no population figures yet: %(codes)s. Import a population file.",
                "%(count)d buurten have no population figures yet: %(codes)s. Import a population file.",
                len(missing),
            )
            % {"count": len(missing), "codes": _codes(missing)}
        )
    report.warnings = warnings


def _looks_like_gemeente_code(code: str, area_file: AreaFile) -> bool:
    if area_file.mapping == "cbs":
        return len(code) == 6 and code.startswith("GM") and code[2:].isdigit()
    return len(code) == 5 and code.isdigit()


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:NAMED_IN_WARNING])
    return shown + (" …" if len(codes) > NAMED_IN_WARNING else "")
