"""Reads of neighbourhood analyses: who sees which, the measured data beside the text, the
versions and what changed, and the agreed analyses for the plan's annex.

A partner sees only analyses of the areas of its ``PartnerAccess`` and, beside them, only
aggregated figures: the stored Tafel van 12 scores (suppressed below the privacy minimum when
they were computed) and counts of residents' signals. Never an answer, an open answer or the
text of a signal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from buurtpeil.analyses.models import Analysis, AnalysisPriority, AnalysisVersion, PartnerAccess
from buurtpeil.areas.models import Area
from buurtpeil.concerns.selectors import area_concern_counts
from buurtpeil.indicators.selectors import area_figures
from buurtpeil.insights.selectors import areas_waves, poll_results, result_parts
from buurtpeil.organisations.models import Membership
from buurtpeil.organisations.selectors import role_at_least
from buurtpeil.polls.indicators import FACTORS, factor_label

FACTOR_NUMBERS = sorted(FACTORS)
SIGNAL_PERIOD = timedelta(days=365)
TEXT_LIMIT = 5000


def is_partner(membership: Membership) -> bool:
    return membership.role == Membership.Role.PARTNER


def can_agree(membership: Membership) -> bool:
    """Analysts and administrators start, agree and reopen analyses and adopt priorities."""
    return role_at_least(membership, Membership.Role.ANALYST)


def partner_area_ids(membership: Membership) -> set[int]:
    access = PartnerAccess.objects.filter(membership=membership).first()
    return set(access.areas.values_list("pk", flat=True)) if access else set()


def can_write(membership: Membership, analysis: Analysis) -> bool:
    """Analysts, administrators and partners of the area; not viewers. Status is checked apart."""
    if is_partner(membership):
        return analysis.area_id in partner_area_ids(membership)
    return can_agree(membership)


def analyses_for(membership: Membership) -> QuerySet[Analysis]:
    """The analyses this member may open: all of the organisation for staff, those of its areas
    for a partner (none without areas)."""
    analyses = Analysis.objects.filter(organisation=membership.organisation).select_related("area")
    if is_partner(membership):
        analyses = analyses.filter(area_id__in=partner_area_ids(membership))
    return analyses.order_by("area__name", "-created_at")


def analysis_for(membership: Membership, analysis_id) -> Analysis | None:
    try:
        return analyses_for(membership).filter(pk=int(analysis_id)).first()
    except (TypeError, ValueError):
        return None


def analysis_areas(organisation) -> QuerySet[Area]:
    """The wijken and buurten an analysis can be about."""
    return Area.objects.filter(
        organisation=organisation, level__in=[Area.Level.DISTRICT, Area.Level.NEIGHBOURHOOD]
    ).order_by("level", "name")


def partner_memberships(organisation) -> list[tuple[Membership, list[Area], Any]]:
    """(membership, its areas, its partner) of every partner of the organisation."""
    memberships = Membership.objects.filter(organisation=organisation, role=Membership.Role.PARTNER)
    rows = []
    for membership in memberships.select_related("user").order_by("user__username"):
        access = PartnerAccess.objects.filter(membership=membership).select_related("partner").first()
        areas = list(access.areas.order_by("name")) if access else []
        rows.append((membership, areas, access.partner if access else None))
    return rows


def content_clean(content: dict) -> dict[str, Any]:
    """The content in its one shape: every factor present, texts stripped and cut to length."""
    factors = content.get("factors") or {}

    def text(value) -> str:
        return str(value or "").replace("\r\n", "\n").strip()[:TEXT_LIMIT]

    return {
        "factors": {str(n): text(factors.get(str(n))) for n in FACTOR_NUMBERS},
        "strengths": text(content.get("strengths")),
        "weaknesses": text(content.get("weaknesses")),
    }


@dataclass
class FactorFacts:
    """What is known of one factor in the area, beside what the writers observe."""

    factor: int
    label: str
    observation: str = ""
    score: float | None = None  # 0-10, None when suppressed or not measured
    score_state: str = "none"  # "shown", "suppressed", "none"
    municipality: float | None = None
    indicative: bool = False
    signals: int = 0
    figures: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Measured:
    poll_title: str = ""
    poll_id: int | None = None
    signals_since: Any = None
    factors: dict[int, FactorFacts] = field(default_factory=dict)


def measured(organisation, area: Area) -> Measured:
    """The Tafel van 12 scores of the latest poll with results for the area, the residents'
    signals per factor in the last year (counts), and the objective figures per factor."""
    language = get_language() or "nl"
    result = Measured(
        factors={n: FactorFacts(factor=n, label=factor_label(n, language)) for n in FACTOR_NUMBERS}
    )
    waves = areas_waves(organisation, [area.code])
    if waves:
        poll_id, title, _created, _cells = waves[-1]
        results = poll_results(poll_id)
        key = f"tafel:{area.level}"
        document = result_parts(results, [key]).get(key, {}) if results else {}
        profile = document.get("areas", {}).get(area.code)
        if profile:
            result.poll_id, result.poll_title = poll_id, title
            for row, municipality in zip(profile["factors"], document.get("municipality", []), strict=False):
                facts = result.factors.get(row["factor"])
                if facts is None:
                    continue
                facts.municipality = municipality if isinstance(municipality, int | float) else None
                if row.get("score") is None or row.get("s") == "suppressed":
                    facts.score_state = "suppressed"
                    continue
                facts.score, facts.score_state = row["score"], "shown"
                facts.indicative = row.get("s") == "indicative"
    until = timezone.now()
    result.signals_since = until - SIGNAL_PERIOD
    for row in area_concern_counts(organisation, area.code, result.signals_since, until):
        if row["factor"] in result.factors:
            result.factors[row["factor"]].signals += row["count"]
    for factor, figures in objective_figures(organisation, area).items():
        if factor in result.factors:
            result.factors[factor].figures = figures
    return result


CRIME_FACTOR = 1  # registered crime sits beside "Signaalcriminaliteit en -overlast"


def objective_figures(organisation, area: Area) -> dict[int, list[dict[str, Any]]]:
    """Objective figures per factor: ``{factor: [{"label", "value", "source"}]}``.

    Registered crime of the area's latest year with figures (``indicators.selectors.area_figures``,
    a wijk as the sum of its buurten), per 1,000 inhabitants, beside factor 1. Further figures
    per factor are added here."""
    codes = [area.code]
    if area.level == Area.Level.DISTRICT:
        codes = list(Area.objects.filter(parent=area).values_list("code", flat=True))
    figures = area_figures(organisation, codes)
    if not figures:
        return {}
    year = max(figure.year for figure in figures.values())
    latest = [figure for figure in figures.values() if figure.year == year]
    crimes = sum(figure.crimes for figure in latest)
    population = sum(figure.population or 0 for figure in latest)
    value = number_format(crimes / population * 1000, 1) if population else number_format(crimes, 0)
    label = (
        _("Registered crimes per 1,000 inhabitants in %(year)s")
        if population
        else _("Registered crimes in %(year)s")
    ) % {"year": year}
    if any(not figure.complete for figure in latest):
        label += " " + _("(not a full year)")
    return {CRIME_FACTOR: [{"label": label, "value": value, "source": latest[0].source}]}


def with_observations(facts: Measured, content: dict) -> list[FactorFacts]:
    rows = []
    for n in FACTOR_NUMBERS:
        row = facts.factors[n]
        row.observation = (content.get("factors") or {}).get(str(n), "")
        rows.append(row)
    return rows


def versions_of(analysis: Analysis) -> list[dict[str, Any]]:
    """Every version, newest first, with the parts that changed from the version before."""
    language = get_language() or "nl"
    versions = list(AnalysisVersion.objects.filter(analysis=analysis).select_related("author"))
    rows = []
    for version, previous in zip(versions, [*versions[1:], None], strict=True):
        rows.append(
            {
                "version": version,
                "changed": changes(previous.content if previous else {}, version.content, language),
            }
        )
    return rows


def changes(before: dict, after: dict, language: str = "nl") -> list[dict[str, str]]:
    """[{"part": label, "before": text, "after": text}] of every part whose text differs."""
    before, after = content_clean(before), content_clean(after)
    parts = [("strengths", _("Strengths")), ("weaknesses", _("Weaknesses"))]
    rows = [
        {"part": label, "before": before[key], "after": after[key]}
        for key, label in parts
        if before[key] != after[key]
    ]
    for n in FACTOR_NUMBERS:
        if before["factors"][str(n)] != after["factors"][str(n)]:
            rows.append(
                {
                    "part": f"{n}. {factor_label(n, language)}",
                    "before": before["factors"][str(n)],
                    "after": after["factors"][str(n)],
                }
            )
    return rows


def last_agreed_version(analysis: Analysis) -> AnalysisVersion | None:
    return (
        AnalysisVersion.objects.filter(analysis=analysis, event=AnalysisVersion.Event.AGREED)
        .order_by("-number")
        .first()
    )


def agreed_for_areas(organisation, area_ids) -> list[tuple[Analysis, AnalysisVersion]]:
    """The latest agreed version of each analysis of these areas (for the plan's annex), by area."""
    rows = []
    versions = (
        AnalysisVersion.objects.filter(
            analysis__organisation=organisation,
            analysis__area_id__in=list(area_ids),
            event=AnalysisVersion.Event.AGREED,
        )
        .select_related("analysis__area")
        .order_by("analysis__area__name", "analysis_id", "-number")
    )
    seen = set()
    for version in versions:
        if version.analysis_id in seen:
            continue
        seen.add(version.analysis_id)
        rows.append((version.analysis, version))
    return rows


def adopted_priorities(analysis: Analysis) -> QuerySet[AnalysisPriority]:
    return analysis.priorities.select_related("priority__plan").order_by("priority__factor")


def priority_origins(priority_ids) -> dict[int, AnalysisPriority]:
    """{priority id: where it came from} for the priorities adopted from an analysis."""
    links = AnalysisPriority.objects.filter(priority_id__in=list(priority_ids)).select_related("analysis")
    return {link.priority_id: link for link in links}
