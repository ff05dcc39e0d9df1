"""Making a council report: read the stored results, write the chapters, draw the charts and
maps, lay out the PDF and the ODT, and say how far it is after each step."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buurtpeil.areas.selectors import buurt_map
from buurtpeil.organisations.selectors import organisation_main_colour, suppression_rules
from buurtpeil.reports.council import graphics, method, sections
from buurtpeil.reports.council.content import Content, collect
from buurtpeil.reports.council.document import Document, TitlePage
from buurtpeil.reports.council.models import CouncilReport
from buurtpeil.reports.council.odt import report_odt
from buurtpeil.reports.council.pdf import report_html, report_pdf
from buurtpeil.reports.council.selectors import council_report_inputs

logger = logging.getLogger(__name__)
Step = CouncilReport.Step
Progress = Callable[[int, str], None]
# Where each step starts, in percent; drawing takes the span between CHARTS and PDF.
START = {Step.FIGURES: 2, Step.CHARTS: 10, Step.PDF: 70, Step.ODT: 90}


def house_logo(organisation) -> tuple[bytes | None, str]:
    """The organisation's logo for a report's title page (also the plan annex's), as PNG or JPEG
    (an office suite may not read WebP) with its media type; none if it cannot be read."""
    if not organisation.logo:
        return None, ""
    try:
        from PIL import Image

        with organisation.logo.open("rb") as handle:
            data = handle.read()
        image = Image.open(io.BytesIO(data))
        if image.format == "JPEG":
            return data, "image/jpeg"
        if image.format != "PNG":
            converted = io.BytesIO()
            image.save(converted, "PNG")
            data = converted.getvalue()
        return data, "image/png"
    except Exception:  # a missing or broken file: the report goes without
        logger.warning("logo of %s could not be read for a report", organisation.code)
        return None, ""


def compose(content: Content, *, subject: str) -> Document:
    organisation = content.organisation
    logo, logo_type = house_logo(organisation)
    title = _("Safety in %(name)s") % {"name": organisation.name}
    title_page = TitlePage(
        organisation=organisation.name,
        title=title,
        subtitle=_("Council report: %(subject)s") % {"subject": subject},
        made=_("Made on %(date)s with Buurtpeil") % {"date": date_format(timezone.localdate(), "j F Y")},
        logo=logo,
        logo_type=logo_type,
    )
    blocks = [
        title_page,
        *sections.summary(content),
        *sections.key_indicators(content),
        *sections.changes(content),
        *sections.priorities(content),
        *method.method(content),
        *method.annex(content),
    ]
    return Document(
        title=title,
        language=content.language,
        organisation=organisation.name,
        colour=organisation_main_colour(organisation),
        blocks=blocks,
    )


def make(report: CouncilReport, progress: Progress) -> tuple[bytes, bytes]:
    """The report's PDF and ODT. Call with the report's language active."""
    progress(START[Step.FIGURES], Step.FIGURES)
    inputs = council_report_inputs(report)
    if not inputs:
        raise ValueError(_("There are no computed results for this report any more."))
    organisation = report.organisation
    content = collect(
        organisation=organisation,
        polls=inputs,
        language=report.language,
        rules=suppression_rules(organisation),
    )
    document = compose(content, subject=report.label)
    drawings = document.graphics()
    the_map = buurt_map(organisation)
    span = START[Step.PDF] - START[Step.CHARTS]
    for k, graphic in enumerate(drawings):
        step = Step.CHARTS if graphic.kind == "chart" else Step.MAPS
        progress(START[Step.CHARTS] + span * k // max(len(drawings), 1), step)
        graphics.draw(graphic, the_map)
    progress(START[Step.PDF], Step.PDF)
    pdf = report_pdf(report_html(document))
    progress(START[Step.ODT], Step.ODT)
    return pdf, report_odt(document)
