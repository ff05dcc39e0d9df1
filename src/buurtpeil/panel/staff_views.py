"""Staff pages under /staff/<org_code>/: the panel at a glance and letter invitations.

Each view passes ``@staff_view(role)`` first (404 for another organisation's staff), and
every query is filtered by ``request.organisation``.
"""

import csv

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from buurtpeil.areas.selectors import buurten
from buurtpeil.organisations.access import staff_view
from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.services import audit_record
from buurtpeil.panel import selectors, services
from buurtpeil.panel.codes import code_display
from buurtpeil.panel.forms import RecruitmentUploadForm
from buurtpeil.panel.recruitment import RecruitmentFileError, invitees_parse

ADMIN = Membership.Role.ADMIN
VIEWER = Membership.Role.VIEWER


@staff_view(VIEWER)
@require_GET
def overview(request, org_code):
    """Panel size by status, and members per wijk beside the population share."""
    organisation = request.organisation
    return render(
        request,
        "panel/staff/overview.html",
        {"organisation": organisation, "overview": selectors.panel_overview(organisation)},
    )


@staff_view(ADMIN)
@require_GET
def recruitment(request, org_code):
    organisation = request.organisation
    return render(
        request,
        "panel/staff/recruitment.html",
        {"organisation": organisation, "batches": selectors.recruitment_batches(organisation)},
    )


@staff_view(ADMIN)
@require_http_methods(["GET", "POST"])
def recruitment_upload(request, org_code):
    """A CSV of invitees becomes a batch of letters; one faulty row and nothing is created."""
    organisation = request.organisation
    form = RecruitmentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        known = set(buurten(organisation).values_list("code", flat=True))
        try:
            invitees = invitees_parse(form.cleaned_data["file"].read(), buurt_codes=known)
        except RecruitmentFileError as error:
            for message in error.errors:
                form.add_error("file", message)
        else:
            batch = services.recruitment_batch_create(
                organisation=organisation, name=form.cleaned_data["name"], invitees=invitees
            )
            audit_record(
                organisation=organisation,
                actor=request.user,
                action=AuditEvent.Action.IMPORT,
                subject=f"recruitment addresses, batch {batch.pk} ({len(invitees)} rows)",
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d letter is ready to print.",
                    "%(count)d letters are ready to print.",
                    len(invitees),
                )
                % {"count": len(invitees)},
            )
            return redirect("panel_staff:letters", org_code=organisation.code, batch_id=batch.pk)
    return render(
        request, "panel/staff/recruitment_upload.html", {"organisation": organisation, "form": form}
    )


def _batch_or_404(request, batch_id):
    batch = selectors.recruitment_batch(request.organisation, batch_id)
    if batch is None:
        raise Http404
    return batch


def _code_urls(organisation) -> tuple[str, str]:
    """The code page as printed in the letter, and the same with ``?code=`` for the QR code."""
    page = settings.SITE_URL + reverse("panel:code", kwargs={"org_code": organisation.code})
    return page, page + "?code="


def _qr_svg(url: str, title: str) -> str:
    svg = segno.make(url, error="m", micro=False).svg_inline(scale=3, title=title, svgclass="bp-qr")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno's own markup


@staff_view(ADMIN)
@require_GET
def letters(request, org_code, batch_id):
    """Printable letters, one per page, for the codes of a batch that are still unused."""
    organisation = request.organisation
    batch = _batch_or_404(request, batch_id)
    page_url, code_url = _code_urls(organisation)
    letters = [
        {
            "invitation": invitation,
            "code": code_display(invitation.code),
            "qr": _qr_svg(code_url + invitation.code, _("QR code to join the panel")),
        }
        for invitation in selectors.batch_letters(batch)
    ]
    audit_record(
        organisation=organisation,
        actor=request.user,
        action=AuditEvent.Action.VIEW_PERSONAL_DATA,
        subject=f"letters of batch {batch.pk} ({len(letters)} names and addresses)",
    )
    return render(
        request,
        "panel/staff/letters.html",
        {
            "organisation": organisation,
            "batch": batch,
            "letters": letters,
            "page_url": page_url,
        },
    )


@staff_view(ADMIN)
@require_GET
def codes_csv(request, org_code, batch_id):
    """The unused codes of a batch with name and address, for a mail merge."""
    organisation = request.organisation
    batch = _batch_or_404(request, batch_id)
    page_url, code_url = _code_urls(organisation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="letter-codes-{batch.pk}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["name", "address", "buurtcode", "code", "url", "qr_url"])
    for invitation in selectors.batch_letters(batch):
        writer.writerow(
            [
                _csv_safe(invitation.contact.name),
                _csv_safe(invitation.contact.address),
                invitation.buurt.code,
                code_display(invitation.code),
                page_url,
                code_url + invitation.code,
            ]
        )
    audit_record(
        organisation=organisation,
        actor=request.user,
        action=AuditEvent.Action.EXPORT,
        subject=f"letter codes of batch {batch.pk} (CSV with names and addresses)",
    )
    return response


def _csv_safe(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
