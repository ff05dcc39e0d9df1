"""Exporting a plan's annex as PDF or ODT, with an audit row for every export.

The annex is laid out in the request, not in a background task like the council report: it
draws no charts or maps, so there is nothing to show progress of. ``bench/plan_annex.py``
measured 0.5 to 0.9 s for the PDF of a plan of 4 goals and 12 actions (10 pages) and 2.6 to 3.6 s
for one of 15 goals and 60 actions (28 pages), nearly all of it WeasyPrint's layout; the ODT
takes a tenth of that or less. Should annexes grow, make them like the council report: a stored
file made by a task."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify

from buurtpeil.organisations.models import AuditEvent
from buurtpeil.organisations.services import audit_record
from buurtpeil.reports.annex.content import annex_document
from buurtpeil.reports.council.odt import MIMETYPE, report_odt
from buurtpeil.reports.council.pdf import report_html, report_pdf

CONTENT_TYPES = {"pdf": "application/pdf", "odt": MIMETYPE}


@dataclass(frozen=True)
class AnnexFile:
    filename: str
    content_type: str
    content: bytes


def plan_annex_export(*, plan, kind: str, language: str, actor) -> AnnexFile:
    """The annex of ``plan`` in ``language`` as ``kind`` ("pdf": tagged PDF/UA-1, or "odt"),
    recorded in the audit log as an export by ``actor``."""
    if kind not in CONTENT_TYPES:
        raise ValueError(f"Unknown annex format {kind!r}: expected one of {', '.join(CONTENT_TYPES)}.")
    with translation.override(language):
        document = annex_document(plan)
        content = report_pdf(report_html(document)) if kind == "pdf" else report_odt(document)
    audit_record(
        organisation=plan.organisation,
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        subject=f"annex of plan {plan.pk} “{plan.title[:80]}” as {kind.upper()} ({language})",
    )
    return AnnexFile(
        filename=f"bijlage-{slugify(plan.title)[:60] or 'plan'}-{plan.pk}.{kind}",
        content_type=CONTENT_TYPES[kind],
        content=content,
    )
