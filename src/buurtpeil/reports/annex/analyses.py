"""The annex's chapter on the agreed neighbourhood analyses of the plan's areas (the areas of its
priorities and goals): per analysis its latest agreed version, with the date and version number,
the strengths and weaknesses and the observations per Tafel van 12 factor. What partners and
staff wrote is text; no figure of residents is added here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from buurtpeil.analyses import selectors as analyses
from buurtpeil.reports.annex.goals import day, factor_text
from buurtpeil.reports.council.document import Heading, Paragraph, Table


def plan_area_ids(priorities, goals) -> set[int]:
    ids = {priority.area_id for priority in priorities}
    for facts in goals:
        ids |= {area.pk for area in facts.goal.areas.all()}
    return ids


def priority_sources(priorities) -> dict[int, str]:
    """{priority id: "Neighbourhood analysis <title>, version <n>"} for priorities adopted from one."""
    return {
        priority_id: _("Neighbourhood analysis “%(title)s”, version %(version)d")
        % {"title": link.analysis.title, "version": link.version}
        for priority_id, link in analyses.priority_origins([p.pk for p in priorities]).items()
    }


def analyses_chapter(plan, area_ids: set[int], language: str) -> list:
    agreed = analyses.agreed_for_areas(plan.organisation, area_ids)
    blocks: list = [Heading(_("Neighbourhood analyses"))]
    if not agreed:
        return [*blocks, Paragraph(_("No neighbourhood analysis of the plan's areas has been agreed yet."))]
    blocks.append(
        Paragraph(
            _(
                "The neighbourhood analyses that staff and partners wrote together and agreed, per Tafel "
                "van 12 factor, with the strengths and weaknesses of the area. An analysis reopened "
                "since is shown as it was last agreed."
            )
        )
    )
    for analysis, version in agreed:
        content = analyses.content_clean(version.content)
        blocks += [
            Heading(f"{analysis.area.name}: {analysis.title}", 2),
            Paragraph(
                _("Agreed on %(date)s, version %(version)d.")
                % {"date": day(version.created_at), "version": version.number},
                style="note",
            ),
            Paragraph(_("Strengths: %(text)s") % {"text": content["strengths"] or "\u2013"}),
            Paragraph(_("Weaknesses: %(text)s") % {"text": content["weaknesses"] or "\u2013"}),
        ]
        rows = [[factor_text(int(n), language), text] for n, text in content["factors"].items() if text]
        if rows:
            blocks.append(
                Table(
                    _("Observations per factor in %(area)s") % {"area": analysis.area.name},
                    [_("Factor"), _("Observations")],
                    rows,
                )
            )
    return blocks
