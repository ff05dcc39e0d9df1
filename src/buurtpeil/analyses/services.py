"""Writing neighbourhood analyses and inviting partners.

Every change is one transaction that appends an ``AnalysisVersion``. Analysts and
administrators, and partners of the analysis's area, write while it is a draft or in review;
nobody writes in an agreed analysis (reopening makes it a draft again, the agreed version stays
in the history); only analysts and administrators agree and reopen."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from buurtpeil.analyses.models import Analysis, AnalysisPriority, AnalysisVersion, PartnerAccess
from buurtpeil.analyses.selectors import FACTOR_NUMBERS, can_agree, can_write, content_clean
from buurtpeil.areas.models import Area
from buurtpeil.organisations.models import Membership, Organisation
from buurtpeil.organisations.services import membership_grant
from buurtpeil.plans.services import PlanRefused, priorities_adopt

Status = Analysis.Status
Event = AnalysisVersion.Event


class AnalysisRefused(ValueError):
    """A change that cannot be made; the message says why, in the user's language."""


def _version(analysis: Analysis, *, event: str, membership: Membership | None) -> AnalysisVersion:
    analysis.version += 1
    analysis.save()
    return AnalysisVersion.objects.create(
        analysis=analysis,
        number=analysis.version,
        event=event,
        status=analysis.status,
        content=analysis.content,
        author=membership.user if membership else None,
        author_role=membership.role if membership else "",
    )


def _locked(analysis: Analysis) -> Analysis:
    return Analysis.objects.select_for_update().select_related("area").get(pk=analysis.pk)


@transaction.atomic
def analysis_create(
    *, organisation: Organisation, area: Area, title: str, membership: Membership
) -> Analysis:
    """Start a draft analysis of a wijk or buurt (analysts and administrators)."""
    if not can_agree(membership):
        raise AnalysisRefused(_("Only analysts and administrators start an analysis."))
    if area.organisation_id != organisation.pk or area.level not in (
        Area.Level.DISTRICT,
        Area.Level.NEIGHBOURHOOD,
    ):
        raise AnalysisRefused(_("Choose a wijk or buurt of this municipality."))
    title = title.strip()
    if not title:
        raise AnalysisRefused(_("Give the analysis a title or period."))
    if Analysis.objects.filter(area=area, title=title).exists():
        raise AnalysisRefused(_("This area already has an analysis with that title."))
    analysis = Analysis.objects.create(
        organisation=organisation,
        area=area,
        title=title,
        content=content_clean({}),
        created_by=membership.user,
    )
    _version(analysis, event=Event.CREATED, membership=membership)
    return analysis


@transaction.atomic
def analysis_save(*, analysis: Analysis, content: dict, based_on: int, membership: Membership) -> Analysis:
    """Save new text. ``based_on`` is the version the writer started from: if someone saved in
    the meantime, the save is refused rather than overwriting their text."""
    analysis = _locked(analysis)
    if not can_write(membership, analysis):
        raise AnalysisRefused(_("You cannot change this analysis."))
    if analysis.status == Status.AGREED:
        raise AnalysisRefused(_("An agreed analysis is not changed. Reopen it as a new draft first."))
    if based_on != analysis.version:
        raise AnalysisRefused(
            _(
                "Someone else saved this analysis in the meantime (version %(version)d). "
                "Copy your text, reload and try again."
            )
            % {"version": analysis.version}
        )
    cleaned = content_clean(content)
    if cleaned == analysis.content:
        return analysis
    analysis.content = cleaned
    _version(analysis, event=Event.SAVED, membership=membership)
    return analysis


def _transition(analysis, membership, *, source: str, target: str, event: str, staff_only: bool) -> Analysis:
    analysis = _locked(analysis)
    allowed = can_agree(membership) if staff_only else can_write(membership, analysis)
    if not allowed:
        raise AnalysisRefused(_("You cannot change the status of this analysis."))
    if analysis.status != source:
        raise AnalysisRefused(
            _("This analysis is %(status)s; that step is not possible now.")
            % {"status": analysis.get_status_display().lower()}
        )
    analysis.status = target
    if target == Status.AGREED:
        analysis.agreed_at = timezone.now()
    _version(analysis, event=event, membership=membership)
    return analysis


@transaction.atomic
def analysis_submit(*, analysis: Analysis, membership: Membership) -> Analysis:
    """Draft → in review: the writers ask each other and the analyst to check it."""
    return _transition(
        analysis,
        membership,
        source=Status.DRAFT,
        target=Status.REVIEW,
        event=Event.SUBMITTED,
        staff_only=False,
    )


@transaction.atomic
def analysis_return(*, analysis: Analysis, membership: Membership) -> Analysis:
    """In review → draft."""
    return _transition(
        analysis,
        membership,
        source=Status.REVIEW,
        target=Status.DRAFT,
        event=Event.RETURNED,
        staff_only=False,
    )


@transaction.atomic
def analysis_agree(*, analysis: Analysis, membership: Membership) -> Analysis:
    """In review → agreed (analysts and administrators)."""
    return _transition(
        analysis, membership, source=Status.REVIEW, target=Status.AGREED, event=Event.AGREED, staff_only=True
    )


@transaction.atomic
def analysis_reopen(*, analysis: Analysis, membership: Membership) -> Analysis:
    """Agreed → a new draft (analysts and administrators); the agreed version stays in the
    history and in the plan's annex until a later version is agreed."""
    return _transition(
        analysis, membership, source=Status.AGREED, target=Status.DRAFT, event=Event.REOPENED, staff_only=True
    )


@transaction.atomic
def analysis_priority_adopt(
    *, analysis: Analysis, plan, factor: int, reasons: str, membership: Membership
) -> AnalysisPriority:
    """Adopt a factor of an agreed analysis as a priority of ``plan`` for the analysis's area
    (``plans.services.priorities_adopt``); the priority records the analysis and its version."""
    if not can_agree(membership):
        raise AnalysisRefused(_("Only analysts and administrators adopt priorities."))
    analysis = _locked(analysis)
    if analysis.status != Status.AGREED:
        raise AnalysisRefused(_("Only an agreed analysis feeds the safety plan."))
    if plan.organisation_id != analysis.organisation_id or factor not in FACTOR_NUMBERS:
        raise AnalysisRefused(_("Choose a plan and a factor."))
    try:
        (priority,) = priorities_adopt(
            plan=plan, area=analysis.area, reasons={factor: reasons}, actor=membership.user
        )
    except PlanRefused as refused:
        raise AnalysisRefused(str(refused)) from refused
    return AnalysisPriority.objects.create(analysis=analysis, priority=priority, version=analysis.version)


@transaction.atomic
def partner_invite(
    *, organisation: Organisation, email: str, name: str, areas, partner=None, actor
) -> tuple[Membership, bool]:
    """Invite a partner: a user without a usable password (the user name is the e-mail address),
    a partner membership (ROLE_CHANGE in the audit log) that sees ``areas``, and an e-mail with a
    link to choose a password (only while there is none: someone who already logs in just gets
    the areas). The staff login's lock-out and two-step verification apply. Returns the
    membership and whether an e-mail goes out."""
    email = email.strip().lower()
    users = get_user_model()._default_manager
    user = users.filter(username__iexact=email).first() or users.filter(email__iexact=email).first()
    if user is None:
        user = users.model(username=email, email=email, first_name=name.strip()[:150])
        user.set_unusable_password()
        user.save()
    existing = Membership.objects.filter(user=user, organisation=organisation).first()
    if existing is not None and existing.role != Membership.Role.PARTNER:
        raise AnalysisRefused(_("This person already works for this organisation as staff."))
    if any(area.organisation_id != organisation.pk for area in areas):
        raise AnalysisRefused(_("Choose areas of this municipality."))
    if partner is not None and partner.organisation_id != organisation.pk:
        raise AnalysisRefused(_("Choose a partner of this municipality."))
    membership = membership_grant(
        user=user, organisation=organisation, role=Membership.Role.PARTNER, actor=actor
    )
    access, _created = PartnerAccess.objects.get_or_create(membership=membership)
    access.partner = partner
    access.save()
    access.areas.set(areas)
    mailed = not user.has_usable_password()
    if mailed:
        link = settings.SITE_URL + reverse(
            "staff:password_set",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        subject = _("Invitation to the neighbourhood analysis of %(organisation)s") % {
            "organisation": organisation.name
        }
        body = _(
            "Hello %(name)s,\n\n%(organisation)s invites you to write the neighbourhood analysis with us in "
            "Buurtpeil. Choose your password with this link (it works once, for a few days):\n\n%(link)s\n\n"
            "Then log in at %(login)s with your e-mail address (%(email)s) and your password, and set up "
            "two-step verification."
        ) % {
            "name": name.strip() or email,
            "organisation": organisation.name,
            "link": link,
            "login": settings.SITE_URL + reverse("staff:login"),
            "email": email,
        }
        transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return membership, mailed
