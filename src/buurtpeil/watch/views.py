"""Staff pages of the neighbourhood-watch register (/staff/<org_code>/watch/) and the
coordinator's check-in page (/p/<org_code>/watch/<token>/).

Viewers read the register; analysts add and change groups, send check-ins and open a
coordinator's contact details (each opening is written to the audit log). Pages never show
contact details otherwise."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from buurtpeil.areas.selectors import buurt_map
from buurtpeil.organisations.access import staff_view, use_organisation_language
from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.selectors import organisation_by_code, role_at_least
from buurtpeil.organisations.services import audit_record
from buurtpeil.watch import selectors, services
from buurtpeil.watch.checkin import RiskWarning, checkin_warnings
from buurtpeil.watch.forms import CheckInForm, WatchGroupForm
from buurtpeil.watch.maps import group_map
from buurtpeil.watch.models import CODE_VERSION, WatchGroup

ANALYST = Membership.Role.ANALYST
VIEWER = Membership.Role.VIEWER


def warning_texts(warning: RiskWarning) -> dict[str, str]:
    """A warning's title, explanation and advice in the active language."""
    params = {key: _(value) if isinstance(value, str) else value for key, value in warning.params.items()}
    return {
        "code": warning.code,
        "level": warning.level,
        "level_label": _("Serious") if warning.level == "serious" else _("Attention"),
        "title": _(warning.title),
        "explanation": _(warning.explanation) % params,
        "advice": _(warning.advice),
    }


def _group_or_404(request, group_id) -> WatchGroup:
    group = selectors.group_for(request.organisation, group_id)
    if group is None:
        raise Http404
    return group


def _count_text(name: str, count: int) -> str:
    if not count:
        return _("%(name)s: no neighbourhood-watch group") % {"name": name}
    return ngettext(
        "%(name)s: %(count)d neighbourhood-watch group",
        "%(name)s: %(count)d neighbourhood-watch groups",
        count,
    ) % {"name": name, "count": count}


@staff_view(VIEWER)
@require_GET
def overview(request, org_code):
    """A map of the groups per buurt, with the same figures in a table."""
    organisation = request.organisation
    per_buurt = selectors.groups_per_buurt(organisation)
    outline = buurt_map(organisation)
    areas, legend = group_map(
        outline, {code: len(groups) for code, groups in per_buurt.items()}, describe=_count_text
    )
    names = {area.code: area.name for area in areas}
    rows = sorted(
        ((names.get(code, code), code, groups) for code, groups in per_buurt.items()),
        key=lambda row: row[0],
    )
    legend_labels = [
        (item.fill, _("no group") if item.count == 0 else _("3 or more groups") if item.count == 3
         else ngettext("%(count)d group", "%(count)d groups", item.count) % {"count": item.count})
        for item in legend
    ]  # fmt: skip
    kinds = selectors.kind_counts(organisation)
    return render(
        request,
        "watch/overview.html",
        {
            "organisation": organisation,
            "map": outline,
            "areas": areas,
            "legend": legend_labels,
            "rows": rows,
            "buurten_total": len(areas),
            "buurten_covered": len(per_buurt),
            "kinds": [(label, kinds.get(value, 0)) for value, label in WatchGroup.Kind.choices],
        },
    )


@staff_view(VIEWER)
@require_GET
def group_list(request, org_code):
    rows = selectors.checkin_rows(request.organisation)
    flagged = [row for row in rows if row.warnings]
    return render(
        request,
        "watch/list.html",
        {
            "organisation": request.organisation,
            "rows": [(row, [warning_texts(w) for w in row.warnings]) for row in rows],
            "flagged": len(flagged),
            "can_edit": role_at_least(request.membership, ANALYST),
            "due": len(_due_by_hand(request.organisation)),
            "guard_days": services.RESEND_GUARD_DAYS,
        },
    )


def _due_by_hand(organisation):
    since = timezone.now() - timezone.timedelta(days=services.RESEND_GUARD_DAYS)
    return services.groups_due(since=since, organisation=organisation)


@staff_view(ANALYST)
@require_POST
def checkins_send(request, org_code):
    """Send the check-in now to every active group that had none in the last two weeks."""
    ids = services.checkins_create(groups=_due_by_hand(request.organisation))
    if ids:
        messages.success(
            request,
            ngettext(
                "The check-in was sent to %(count)d coordinator.",
                "The check-in was sent to %(count)d coordinators.",
                len(ids),
            )
            % {"count": len(ids)},
        )
    else:
        messages.info(request, _("No group is due for a check-in: every active group with an e-mail "
                                 "address had one recently."))  # fmt: skip
    return redirect("watch:list", request.organisation.code)


@staff_view(VIEWER)
@require_GET
def group_detail(request, org_code, watch_group_id):
    group = _group_or_404(request, watch_group_id)
    checkins = []
    for checkin in selectors.group_checkins(group)[:6]:
        warnings = checkin_warnings(checkin.answers) if checkin.answered_at else []
        checkins.append((checkin, [warning_texts(w) for w in warnings]))
    return render(
        request,
        "watch/detail.html",
        {
            "organisation": request.organisation,
            "group": group,
            "areas": group.areas.order_by("name"),
            "checkins": checkins,
            "can_edit": role_at_least(request.membership, ANALYST),
            "code_current": group.code_version == CODE_VERSION,
            "code_version": CODE_VERSION,
        },
    )


@staff_view(ANALYST)
@require_GET
def group_contact(request, org_code, watch_group_id):
    """The coordinator's name, e-mail address and phone number; every opening is audited."""
    group = _group_or_404(request, watch_group_id)
    audit_record(
        organisation=request.organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW_PERSONAL_DATA,
        subject=f"coordinator's contact details of neighbourhood-watch group {group.pk}",
    )
    return render(request, "watch/contact.html", {"organisation": request.organisation, "group": group})


@staff_view(ANALYST)
@require_http_methods(["GET", "POST"])
def group_edit(request, org_code, watch_group_id=None):
    group = _group_or_404(request, watch_group_id) if watch_group_id is not None else None
    form = WatchGroupForm(request.POST or None, instance=group, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        group = form.save()
        messages.success(request, _("The group is saved."))
        return redirect("watch:detail", request.organisation.code, group.pk)
    if group is not None and request.method == "GET":
        audit_record(
            organisation=request.organisation,
            actor=request.user,
            action=AuditEvent.Action.VIEW_PERSONAL_DATA,
            subject=f"edit form (coordinator's contact details) of neighbourhood-watch group {group.pk}",
        )
    return render(
        request,
        "watch/edit.html",
        {"organisation": request.organisation, "form": form, "group": group, "code_version": CODE_VERSION},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def checkin_answer(request, org_code, checkin_token):
    """The coordinator's check-in, reached by the personal link in the e-mail."""
    organisation = organisation_by_code(org_code)
    use_organisation_language(request, organisation.default_language)
    checkin = selectors.checkin_by_token(organisation, checkin_token)
    context = {"organisation": organisation, "checkin": checkin}
    if checkin is None:
        return render(request, "watch/checkin.html", {**context, "state": "invalid"}, status=404)
    if not selectors.checkin_answerable(checkin):
        state = "answered" if checkin.answered_at else "superseded"
        return render(request, "watch/checkin.html", {**context, "state": state})
    since = date_format(checkin.period_start, "j F Y")
    form = CheckInForm(request.POST or None, since=since)
    if request.method == "POST" and form.is_valid():
        services.checkin_answer(checkin=checkin, answers=form.answers())
        return render(request, "watch/checkin.html", {**context, "state": "thanks"})
    return render(request, "watch/checkin.html", {**context, "state": "form", "form": form, "since": since})
