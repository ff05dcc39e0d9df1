"""Writing area figures: an import replaces, in one transaction, the figures it brings anew."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.areas.selectors import buurten
from buurtpeil.indicators.importer import (
    Figure,
    IndicatorImportError,
    incomplete_years,
    match_areas,
    parse_figures,
)
from buurtpeil.indicators.models import CRIME, AreaFigure, ImportBatch
from buurtpeil.organisations.models import AuditEvent, Organisation
from buurtpeil.organisations.services import audit_record

__all__ = [
    "Figure",
    "ImportReport",
    "IndicatorImportError",
    "area_figures_import",
    "area_figures_synthetic_create",
]
SHOWN_CODES = 20  # skipped codes listed by name in the report; the rest are counted


@dataclass
class ImportReport:
    batch: ImportBatch
    figures: int
    replaced: int
    years: dict[tuple[str, int], int]  # (indicator, year) -> figures
    incomplete: dict[tuple[str, int], int]  # (indicator, year) -> months covered
    unknown_codes: dict[str, int] = field(default_factory=dict)
    other_areas: dict[str, tuple[str, str]] = field(default_factory=dict)
    unknown_values: int = 0
    other_levels: int = 0

    def lines(self) -> list[str]:
        lines = [
            ngettext(
                "%(count)d figure imported from %(rows)d rows (%(source)s).",
                "%(count)d figures imported from %(rows)d rows (%(source)s).",
                self.figures,
            )
            % {"count": self.figures, "rows": self.batch.rows, "source": self.batch.source}
        ]
        for (indicator, year), count in sorted(self.years.items()):
            lines.append(
                ngettext(
                    "%(indicator)s %(year)d: %(count)d figure.",
                    "%(indicator)s %(year)d: %(count)d figures.",
                    count,
                )
                % {"indicator": indicator, "year": year, "count": count}
            )
        for (indicator, year), months in sorted(self.incomplete.items()):
            lines.append(
                _("%(indicator)s %(year)d covers only %(months)d months: it is marked as an incomplete year.")
                % {"indicator": indicator, "year": year, "months": months}
            )
        if self.replaced:
            lines.append(
                ngettext(
                    "%(count)d earlier figure was replaced.",
                    "%(count)d earlier figures were replaced.",
                    self.replaced,
                )
                % {"count": self.replaced}
            )
        if self.unknown_codes:
            codes = sorted(self.unknown_codes)
            lines.append(
                ngettext(
                    "Skipped %(count)d code that is not a buurt of this organisation: %(codes)s.",
                    "Skipped %(count)d codes that are not buurten of this organisation: %(codes)s.",
                    len(codes),
                )
                % {"count": len(codes), "codes": _listed(codes)}
            )
        if self.other_areas:
            names = [
                f"{code} ({theirs} ≠ {ours})" for code, (theirs, ours) in sorted(self.other_areas.items())
            ]
            lines.append(
                ngettext(
                    "Skipped %(count)d code whose name in the file differs from the buurt's name, so it is "
                    "probably another area: %(codes)s.",
                    "Skipped %(count)d codes whose name in the file differs from the buurt's name, so they "
                    "are probably other areas: %(codes)s.",
                    len(names),
                )
                % {"count": len(names), "codes": _listed(names)}
            )
        if self.unknown_values:
            lines.append(
                ngettext(
                    "%(count)d value was secret or unknown (“.”) and is left out.",
                    "%(count)d values were secret or unknown (“.”) and are left out.",
                    self.unknown_values,
                )
                % {"count": self.unknown_values}
            )
        if self.other_levels:
            lines.append(
                ngettext(
                    "%(count)d row for a wijk, gemeente or the country was not used.",
                    "%(count)d rows for wijken, gemeenten or the country were not used.",
                    self.other_levels,
                )
                % {"count": self.other_levels}
            )
        return lines

    def summary(self) -> str:
        return self.lines()[0]


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:SHOWN_CODES])
    if len(items) > SHOWN_CODES:
        shown += " " + _("and %(count)d more") % {"count": len(items) - SHOWN_CODES}
    return shown


@transaction.atomic
def area_figures_import(
    *,
    organisation: Organisation,
    data: bytes,
    file_name: str,
    source: str,
    actor=None,
    default_indicator: str = CRIME,
) -> ImportReport:
    """Import a file of figures per buurt (see ``indicators.importer``). Figures of the same
    source, indicator and year, and any other figure for the same buurt, indicator, category and
    year, are replaced; everything or nothing is written. Raises ``IndicatorImportError``."""
    parsed = parse_figures(data, default_indicator=default_indicator)
    areas = {area.code: area for area in buurten(organisation).only("pk", "code", "name")}
    matched = match_areas(parsed, {code: area.name for code, area in areas.items()})
    if not matched.figures:
        problems = [_("No row of the file is for a buurt of this organisation; nothing was imported.")]
        if matched.unknown_codes:
            problems.append(
                _("Codes in the file: %(codes)s.") % {"codes": _listed(sorted(matched.unknown_codes))}
            )
        if matched.other_areas:
            problems.append(
                _("Codes whose name differs: %(codes)s.") % {"codes": _listed(sorted(matched.other_areas))}
            )
        raise IndicatorImportError(problems)
    source = source.strip()[:200] or file_name[:200]
    batch, replaced = _store(
        organisation,
        source,
        matched.figures,
        areas,
        file_name=file_name[:200],
        rows=parsed.rows,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    report = ImportReport(
        batch=batch,
        figures=len(matched.figures),
        replaced=replaced,
        years=dict(Counter((f.indicator, f.year) for f in matched.figures)),
        incomplete=incomplete_years(matched.figures),
        unknown_codes=matched.unknown_codes,
        other_areas=matched.other_areas,
        unknown_values=parsed.unknown_values,
        other_levels=parsed.other_levels,
    )
    audit_record(
        organisation=organisation,
        actor=actor,
        action=AuditEvent.Action.IMPORT,
        subject=f"area figures: {len(matched.figures)} from {file_name}"[:200],
    )
    return report


def _replace(organisation: Organisation, source: str, figures: list[Figure]) -> int:
    """Delete what the new figures replace: the same source's figures of each indicator and year
    in the file, and any figure for a buurt, indicator, category and year the file brings."""
    keys: dict[tuple[str, int], set[str]] = {}
    for f in figures:
        keys.setdefault((f.indicator, f.year), set()).add(f.category)
    if not keys:
        return 0
    condition = Q()
    for (indicator, year), categories in keys.items():
        condition |= Q(indicator=indicator, year=year) & (Q(source=source) | Q(category__in=categories))
    deleted, _per_model = AreaFigure.objects.filter(organisation=organisation).filter(condition).delete()
    return deleted


def _store(organisation, source, figures: list[Figure], areas, *, file_name, rows, actor=None):
    """One batch of ``figures`` for the buurten in ``areas`` (by code), after deleting what they
    replace; (batch, figures replaced)."""
    batch = ImportBatch.objects.create(
        organisation=organisation, source=source, file_name=file_name, rows=rows, created_by=actor
    )
    replaced = _replace(organisation, source, figures)
    AreaFigure.objects.bulk_create(
        [
            AreaFigure(
                organisation=organisation,
                area=areas[f.code],
                indicator=f.indicator,
                category=f.category,
                category_label=f.category_label[:200],
                year=f.year,
                value=f.value,
                months=f.months,
                source=source,
                batch=batch,
            )
            for f in figures
            if f.code in areas
        ],
        batch_size=2000,
    )
    return batch, replaced


@transaction.atomic
def area_figures_synthetic_create(
    *, organisation: Organisation, source: str, figures: list[Figure]
) -> ImportBatch:
    """Store generated figures (the demo's) as one batch, replacing the same source's figures."""
    areas = {area.code: area for area in buurten(organisation).only("pk", "code")}
    return _store(organisation, source, figures, areas, file_name="", rows=len(figures))[0]
