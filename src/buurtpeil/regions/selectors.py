"""Reads of the regions app: what a region and a municipality see of the organisations that
share with them. Nothing is cached: every page reads the consents and figures as they are now,
so a withdrawn consent hides a member's figures at the next request."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from buurtpeil.areas.selectors import organisation_populations
from buurtpeil.insights.selectors import latest_results, top_cells
from buurtpeil.organisations.models import Organisation
from buurtpeil.plans.services import value_text
from buurtpeil.polls.indicators import indicator_label
from buurtpeil.polls.selectors import indicator_modules, module_title
from buurtpeil.regions.models import ComparisonProfile, RegionMembership, SharingEvent

REGION_KINDS = (Organisation.Kind.POLICE_ZONE, Organisation.Kind.REGION)
# Similar municipalities: at most this factor larger or smaller in population ...
POPULATION_FACTOR = 2.0
# ... and at most this many classes apart in urbanity (CBS stedelijkheid 1-5).
URBANITY_RANGE = 1
# Fewer comparable municipalities than this and nothing is shown: one could single one out.
COMPARISON_MINIMUM = 3


def is_region(organisation: Organisation) -> bool:
    return organisation.kind in REGION_KINDS


def region_memberships(region: Organisation) -> QuerySet[RegionMembership]:
    return RegionMembership.objects.filter(region=region).select_related("member")


def memberships_of(member: Organisation) -> QuerySet[RegionMembership]:
    """The regions that asked ``member`` to share, with their state."""
    return RegionMembership.objects.filter(member=member).select_related("region").order_by("region__name")


def membership_of(member: Organisation, membership_id) -> RegionMembership | None:
    return memberships_of(member).filter(pk=membership_id).first()


def comparison_profile(organisation: Organisation) -> ComparisonProfile | None:
    return ComparisonProfile.objects.filter(organisation=organisation).first()


def sharing_events(organisation: Organisation, limit: int = 50) -> QuerySet[SharingEvent]:
    """The history of what ``organisation`` shares, with a region or for comparison."""
    return SharingEvent.objects.filter(organisation=organisation).select_related("region", "actor")[:limit]


def region_events(region: Organisation, limit: int = 50) -> QuerySet[SharingEvent]:
    return SharingEvent.objects.filter(region=region).select_related("organisation", "actor")[:limit]


@dataclass
class MemberFigure:
    """One organisation's figure of one indicator, under that organisation's own rules."""

    text: str = "\u2013"
    interval: str = ""
    n: int | None = None
    state: str = "none"  # shown | indicative | suppressed | none (not measured the same way)


@dataclass
class Column:
    name: str
    shared: bool
    poll: str = ""


@dataclass
class Row:
    indicator: str
    label: str
    module: str
    figures: list[MemberFigure] = field(default_factory=list)


@dataclass
class SideBySide:
    columns: list[Column]
    rows: list[Row]


def _figure(figure: dict | None, indicator: str, organisation: Organisation) -> MemberFigure:
    """A stored figure read with its own organisation's rules as they are now: hidden below its
    privacy minimum, indicative below its reliability minimum or as computed."""
    if not figure or figure.get("s") not in ("shown", "indicative") or figure.get("n") is None:
        return MemberFigure(state="suppressed")
    n = int(figure["n"])
    if n < max(organisation.privacy_minimum, 1):
        return MemberFigure(state="suppressed")
    indicative = figure["s"] == "indicative" or n < organisation.reliability_minimum
    return MemberFigure(
        text=value_text(figure.get("e"), indicator),
        interval=f"{value_text(figure.get('l'), indicator)}\u2013{value_text(figure.get('h'), indicator)}",
        n=n,
        state="indicative" if indicative else "shown",
    )


def side_by_side(organisations: list[Organisation], *, shared: set[int], language: str = "nl") -> SideBySide:
    """Per indicator measured with the same library module (code and version), each sharing
    organisation's figure for the whole municipality from its latest computed poll. Organisations
    not in ``shared`` get a column by name only and no figures. Four queries."""
    sharing = [o for o in organisations if o.pk in shared]
    results = latest_results([o.pk for o in sharing])
    cells = top_cells(results.values())
    stamps: dict[int, dict[str, tuple[str, str]]] = {}
    for org_id, found in results.items():
        indicators = set(found.summary.get("indicators", []))
        modules = indicator_modules(found.summary.get("definition") or {})
        stamps[org_id] = {code: stamp for code, stamp in modules.items() if code in indicators}
    counted: dict[tuple[str, tuple[str, str]], int] = {}
    for by_code in stamps.values():
        for code, stamp in by_code.items():
            counted[(code, stamp)] = counted.get((code, stamp), 0) + 1
    needed = min(2, len(stamps)) or 1
    keys = sorted((key for key, count in counted.items() if count >= needed), key=lambda k: (k[1][0], k[0]))
    rows = []
    for code, stamp in keys:
        row = Row(
            indicator=code,
            label=indicator_label(code, language),
            module=f"{module_title(stamp[0], language)} ({stamp[1][:6]})",
        )
        for organisation in organisations:
            found = results.get(organisation.pk)
            if organisation.pk not in shared or found is None or stamps[organisation.pk].get(code) != stamp:
                row.figures.append(MemberFigure())
                continue
            cell = cells.get(found.pk) or {}
            row.figures.append(_figure(cell.get("columns", {}).get(f"i.{code}"), code, organisation))
        rows.append(row)
    columns = [
        Column(
            name=o.name,
            shared=o.pk in shared,
            poll=results[o.pk].poll.title if o.pk in shared and o.pk in results else "",
        )
        for o in organisations
    ]
    return SideBySide(columns=columns, rows=rows)


def region_side_by_side(region: Organisation, language: str = "nl") -> SideBySide:
    """The region's members side by side; those who do not (or no longer) consent by name only."""
    memberships = list(region_memberships(region))
    members = [m.member for m in memberships]
    return side_by_side(members, shared={m.member_id for m in memberships if m.sharing}, language=language)


@dataclass
class Comparison:
    ready: bool  # the organisation consents and has its urbanity and population
    similar: SideBySide | None  # None: fewer than COMPARISON_MINIMUM comparable municipalities
    population: int
    urbanity: int | None


def similar_municipalities(
    organisation: Organisation, own: ComparisonProfile | None = None
) -> list[Organisation]:
    """Municipalities that consent to comparison, of similar population (within a factor
    ``POPULATION_FACTOR``) and urbanity (within ``URBANITY_RANGE`` classes); ``own`` is the
    organisation's profile when the caller has read it already."""
    own = own or comparison_profile(organisation)
    if own is None or not own.sharing or own.urbanity is None:
        return []
    profiles = list(
        ComparisonProfile.objects.filter(
            consent_at__isnull=False,
            withdrawn_at__isnull=True,
            urbanity__gte=own.urbanity - URBANITY_RANGE,
            urbanity__lte=own.urbanity + URBANITY_RANGE,
            organisation__kind=Organisation.Kind.MUNICIPALITY,
        )
        .exclude(organisation=organisation)
        .select_related("organisation")
    )
    populations = organisation_populations([organisation.pk, *(p.organisation_id for p in profiles)])
    mine = populations.get(organisation.pk, 0)
    if mine <= 0:
        return []
    return [
        p.organisation
        for p in profiles
        if mine / POPULATION_FACTOR <= populations.get(p.organisation_id, 0) <= mine * POPULATION_FACTOR
    ]


def comparison(organisation: Organisation, language: str = "nl") -> Comparison:
    own = comparison_profile(organisation)
    urbanity = own.urbanity if own else None
    population = organisation_populations([organisation.pk]).get(organisation.pk, 0)
    if not (own and own.sharing and urbanity and population):
        return Comparison(False, None, population, urbanity)
    others = similar_municipalities(organisation, own)
    if len(others) < COMPARISON_MINIMUM:
        return Comparison(True, None, population, urbanity)
    everyone = [organisation, *sorted(others, key=lambda o: o.name)]
    similar = side_by_side(everyone, shared={o.pk for o in everyone}, language=language)
    return Comparison(True, similar, population, urbanity)
