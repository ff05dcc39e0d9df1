"""Reads of the resident panel."""

import uuid
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from buurtpeil.areas.selectors import wijken_with_buurten
from buurtpeil.organisations.models import Organisation
from buurtpeil.panel.codes import code_is_well_formed, code_normalise
from buurtpeil.panel.digests import token_digest
from buurtpeil.panel.models import (
    AgeGroup,
    Identity,
    Invitation,
    MagicLink,
    PanelMember,
    RecruitmentBatch,
    Sex,
)

SIGNED_IN_STATUSES = (PanelMember.Status.PENDING, PanelMember.Status.ACTIVE)


def session_key(organisation: Organisation) -> str:
    """The session key under which a resident of ``organisation`` is logged in."""
    return f"panel.member.{organisation.pk}"


def member_signed_in(organisation: Organisation, member_id) -> PanelMember | None:
    """The pending or active member with this id in this organisation, or None."""
    if not isinstance(member_id, int):
        return None
    return (
        PanelMember.objects.select_related("organisation", "buurt")
        .filter(pk=member_id, organisation=organisation, status__in=SIGNED_IN_STATUSES)
        .first()
    )


def member_email(member: PanelMember) -> str:
    return Identity.objects.filter(member=member).values_list("email", flat=True).first() or ""


def member_email_by_key(organisation: Organisation, key) -> str:
    """The e-mail address of the active member with this key; "" when there is none."""
    if key is None:
        return ""
    identity = Identity.objects.filter(
        organisation=organisation, member__key=key, member__status=PanelMember.Status.ACTIVE
    )
    return identity.values_list("email", flat=True).first() or ""


def invitation_open(organisation: Organisation, typed_code: str) -> Invitation | None:
    """The unused invitation with this letter code, as typed by a resident; None otherwise."""
    code = code_normalise(typed_code)
    if not code_is_well_formed(code):
        return None
    return Invitation.objects.filter(organisation=organisation, code=code, used_at__isnull=True).first()


def invitation_open_by_id(organisation: Organisation, invitation_id) -> Invitation | None:
    if not isinstance(invitation_id, int):
        return None
    return Invitation.objects.filter(
        organisation=organisation, pk=invitation_id, used_at__isnull=True
    ).first()


def _buurten_by_wijk(organisation: Organisation) -> list[tuple[object, list]]:
    """[(wijk, [buurt, ...])], wijken and buurten in alphabetical order. Two queries."""
    wijken = sorted(wijken_with_buurten(organisation), key=lambda wijk: wijk.name.casefold())
    return [(wijk, sorted(wijk.buurten, key=lambda buurt: buurt.name.casefold())) for wijk in wijken]


def buurt_choices(organisation: Organisation) -> list[tuple[str, list[tuple[str, str]]]]:
    """Buurten grouped by wijk, for a select with optgroups: [(wijk name, [(code, name)])]."""
    return [
        (wijk.name, [(buurt.code, buurt.name) for buurt in group])
        for wijk, group in _buurten_by_wijk(organisation)
    ]


@dataclass(frozen=True)
class WijkRow:
    code: str
    name: str
    members: int
    synthetic: int
    member_share: float | None
    population: int | None
    population_share: float | None


@dataclass(frozen=True)
class PanelOverview:
    status_counts: dict[str, int]  # status -> members (real residents only)
    synthetic: int
    wijken: list[WijkRow]
    without_buurt: int


def panel_overview(organisation: Organisation) -> PanelOverview:
    """Panel size by status, and active members per wijk beside the wijk's population share.
    Synthetic (demo) members are counted apart and never mixed into the residents' figures;
    key figures and partners are not residents and are not counted."""
    members = PanelMember.objects.filter(organisation=organisation, kind=PanelMember.Kind.RESIDENTS)
    synthetic = Q(source=PanelMember.Source.SYNTHETIC)
    real_and_synthetic = {"real": Count("pk", filter=~synthetic), "synthetic": Count("pk", filter=synthetic)}
    status_counts = {status: 0 for status in PanelMember.Status.values}
    synthetic_total = 0
    for row in members.values("status").annotate(**real_and_synthetic):
        status_counts[row["status"]] = row["real"]
        synthetic_total += row["synthetic"]
    active = members.filter(status=PanelMember.Status.ACTIVE)
    per_buurt = {row["buurt_id"]: row for row in active.values("buurt_id").annotate(**real_and_synthetic)}
    counted = []
    for wijk, group in _buurten_by_wijk(organisation):
        rows = [per_buurt.get(buurt.pk, {}) for buurt in group]
        real_n = sum(r.get("real", 0) for r in rows)
        # A wijk's population is the sum of its buurten (set by the areas import).
        counted.append((wijk, real_n, sum(r.get("synthetic", 0) for r in rows), wijk.population))
    total_members = sum(real_n for _, real_n, _, _ in counted)
    total_population = sum(p for *_, p in counted if p)
    wijk_rows = [
        WijkRow(
            code=wijk.code,
            name=wijk.name,
            members=real_n,
            synthetic=synthetic_n,
            member_share=real_n / total_members if total_members else None,
            population=population,
            population_share=population / total_population if population and total_population else None,
        )
        for wijk, real_n, synthetic_n, population in counted
    ]
    without_buurt = per_buurt.get(None, {}).get("real", 0)
    return PanelOverview(
        status_counts=status_counts,
        synthetic=synthetic_total,
        wijken=wijk_rows,
        without_buurt=without_buurt,
    )


def recruitment_batches(organisation: Organisation) -> QuerySet[RecruitmentBatch]:
    return RecruitmentBatch.objects.filter(organisation=organisation).annotate(
        letters=Count("invitations"),
        used=Count("invitations", filter=Q(invitations__used_at__isnull=False)),
    )


def recruitment_batch(organisation: Organisation, batch_id: int) -> RecruitmentBatch | None:
    return recruitment_batches(organisation).filter(pk=batch_id).first()


def batch_letters(batch: RecruitmentBatch) -> QuerySet[Invitation]:
    """The invitations of a batch that still have an address (unused codes), for printing."""
    return (
        Invitation.objects.filter(batch=batch, used_at__isnull=True, contact__isnull=False)
        .select_related("contact", "buurt")
        .order_by("buurt__code", "pk")
    )


def magic_link_state(organisation: Organisation, token: str) -> str:
    """ "open", "used", "expired" or "invalid", without using the link (for the GET page)."""
    link = (
        MagicLink.objects.filter(organisation=organisation, token_digest=token_digest(token))
        .only("used_at", "expires_at")
        .first()
    )
    if link is None:
        return "invalid"
    if link.used_at is not None:
        return "used"
    return "expired" if link.expires_at <= timezone.now() else "open"


# --- sending ----------------------------------------------------------------------------------

TARGET_TRAITS = ("age_group", "sex", "household", "migration_background")


def trait_choices() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """For each trait in ``TARGET_TRAITS``: its label and its ``(value, label)`` choices."""
    return {
        trait: (
            PanelMember._meta.get_field(trait).verbose_name,
            list(PanelMember._meta.get_field(trait).choices),
        )
        for trait in TARGET_TRAITS
    }


def members_targeted(
    organisation: Organisation,
    *,
    kind: str = PanelMember.Kind.RESIDENTS,
    area_ids=(),
    traits: dict | None = None,
) -> list[tuple[uuid.UUID, str]]:
    """Active members to invite, as ``(key, buurt code)`` ordered by key; never contact data.

    ``area_ids`` are wijk or buurt ids (a wijk stands for all its buurten); empty means the
    whole panel of that ``kind`` (panel type). ``traits`` maps a trait in ``TARGET_TRAITS`` to
    the values to keep; an empty list keeps all. Members who left are never returned;
    synthetic (demo) members are, and get no message because they have no contact data.
    One query.
    """
    members = PanelMember.objects.filter(
        organisation=organisation, kind=kind, status=PanelMember.Status.ACTIVE
    )
    if area_ids:
        members = members.filter(Q(buurt_id__in=area_ids) | Q(buurt__parent_id__in=area_ids))
    for trait, values in (traits or {}).items():
        if trait not in TARGET_TRAITS:
            raise ValueError(f"unknown trait {trait!r}")
        if values:
            members = members.filter(**{f"{trait}__in": list(values)})
    return [(key, code or "") for key, code in members.order_by("key").values_list("key", "buurt__code")]


@dataclass(frozen=True)
class MemberContact:
    email: str
    phone: str


def member_contacts(organisation: Organisation, keys) -> dict[uuid.UUID, MemberContact]:
    """Contact data of the still-active members among ``keys``, for the sending task only
    (read at send time, never copied). A member without an identity (synthetic) has empty
    fields; a member who left or was erased is absent. One query."""
    rows = PanelMember.objects.filter(
        organisation=organisation, status=PanelMember.Status.ACTIVE, key__in=list(keys)
    ).values_list("key", "identity__email", "identity__phone")
    return {key: MemberContact(email=email or "", phone=phone or "") for key, email, phone in rows}


def synthetic_member_count(organisation: Organisation) -> int:
    return PanelMember.objects.filter(organisation=organisation, source=PanelMember.Source.SYNTHETIC).count()


# --- answering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSnapshot:
    buurt_code: str
    age_group: str
    sex: str


def member_snapshot(organisation_id: int, member_key) -> MemberSnapshot | None:
    """The buurt and weighting traits of the member with this key, copied onto an answer when
    it is first stored; never contact data. None for a member who was erased. One query."""
    row = (
        PanelMember.objects.filter(organisation_id=organisation_id, key=member_key)
        .values_list("buurt__code", "age_group", "sex")
        .first()
    )
    if row is None:
        return None
    buurt_code, age_group, sex = row
    return MemberSnapshot(buurt_code=buurt_code or "", age_group=age_group, sex=sex)


@dataclass(frozen=True)
class RepresentationRow:
    trait: str  # age_group | sex | wijk
    category: str
    label: str
    members: int
    member_share: float | None
    population_share: float | None

    @property
    def ratio(self) -> float | None:
        if not self.population_share or self.member_share is None:
            return None
        return self.member_share / self.population_share


@dataclass(frozen=True)
class Representation:
    members: int
    synthetic: bool  # the figures are of the synthetic demo panel (there are no real members)
    rows: list[RepresentationRow]


def panel_representation(organisation: Organisation, population: dict) -> Representation:
    """Active members per age group, sex and wijk beside the adult population's shares, to see
    who is missing from the panel. ``population`` is ``areas.selectors.buurt_populations``.
    Real residents only; a panel with none shows its synthetic demo members instead."""
    active = PanelMember.objects.filter(
        organisation=organisation, kind=PanelMember.Kind.RESIDENTS, status=PanelMember.Status.ACTIVE
    )
    real = active.exclude(source=PanelMember.Source.SYNTHETIC)
    synthetic = not real.exists()
    members = active if synthetic else real
    counted = {
        trait: dict(members.values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
        for trait, field in (("age_group", "age_group"), ("sex", "sex"), ("wijk", "buurt__parent__code"))
    }
    totals = {"age_group": {}, "sex": {}, "wijk": {}}
    for wijk, ages, sexes in population.values():
        for group in AgeGroup.values:
            totals["age_group"][group] = totals["age_group"].get(group, 0) + ages.get(group, 0)
            totals["wijk"][wijk] = totals["wijk"].get(wijk, 0) + ages.get(group, 0)
        for sex in (Sex.FEMALE, Sex.MALE):
            totals["sex"][sex] = totals["sex"].get(sex, 0) + sexes.get(sex, 0)
    labels = {"age_group": dict(AgeGroup.choices), "sex": dict(Sex.choices), "wijk": {}}
    labels["wijk"] = {wijk.code: wijk.name for wijk in wijken_with_buurten(organisation)}
    rows = []
    for trait, categories in totals.items():
        known = sum(counted[trait].get(c, 0) for c in categories)
        everyone = sum(categories.values())
        for category, inhabitants in categories.items():
            n = counted[trait].get(category, 0)
            rows.append(
                RepresentationRow(
                    trait=trait,
                    category=category,
                    label=str(labels[trait].get(category, category)),
                    members=n,
                    member_share=n / known if known else None,
                    population_share=inhabitants / everyone if everyone else None,
                )
            )
    return Representation(members=members.count(), synthetic=synthetic, rows=rows)


def synthetic_member_traits(organisation: Organisation) -> list[tuple[uuid.UUID, str, str, str]]:
    """(key, buurt code, age group, sex) of the synthetic demo members."""
    return list(
        PanelMember.objects.filter(organisation=organisation, source=PanelMember.Source.SYNTHETIC)
        .order_by("pk")
        .values_list("key", "buurt__code", "age_group", "sex")
    )


def left_member_keys(organisation: Organisation, *, before) -> QuerySet:
    """Keys of the members who left before ``before``, as a subquery for other apps' retention."""
    left = PanelMember.objects.filter(
        organisation=organisation, status=PanelMember.Status.LEFT, left_at__lt=before
    )
    return left.values("key")
