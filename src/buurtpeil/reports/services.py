"""Exports: a dataset written in a registered format, with an audit row for every one.

``export_answers`` is the respondent-level export of a poll's answers. Only analysts and
administrators of the poll's organisation may make it; it holds no contact data (see
``answers``). ``export_file`` is the part every dataset shares: check the format, write the
audit row, write or stream the file.
"""

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.selectors import membership_for, role_at_least
from buurtpeil.organisations.services import audit_record
from buurtpeil.reports import formats, selectors
from buurtpeil.reports.table import Table

# Files up to this size stay in memory; larger ones spill to a temporary file on disk.
SPOOL_BYTES = 8 * 1024 * 1024


class ExportRefused(Exception):
    """The export cannot be made; the message says why, in the user's language."""


@dataclass(frozen=True)
class ExportFile:
    """A finished export: ``content`` is an open file (read it, then close it) or, for a
    format that streams, an iterator of bytes that reads the rows as it goes."""

    filename: str
    content_type: str
    rows: int
    content: BinaryIO | Iterator[bytes]


def may_export_respondents(membership: Membership | None) -> bool:
    """Respondent-level data is for analysts and administrators, not for viewers."""
    return membership is not None and role_at_least(membership, Membership.Role.ANALYST)


def export_format(fmt: str) -> formats.ExportFormat:
    if fmt in formats.register:
        return formats.register[fmt]
    known = ", ".join(formats.register.identifiers())
    if not fmt:
        raise ExportRefused(_("Choose an export format: %(formats)s.") % {"formats": known})
    raise ExportRefused(
        _("Unknown export format “%(format)s”: choose one of %(formats)s.")
        % {"format": fmt, "formats": known}
    )


def export_file(
    *, organisation, actor, table: Table, fmt: str, language: str, name: str, subject: str
) -> ExportFile:
    """Write ``table`` as ``fmt`` (the texts the format adds, such as sheet names, in
    ``language``), with an audit row "export" whose subject is ``subject`` followed by the
    format and the number of rows."""
    plugin = export_format(fmt)
    if plugin.max_rows is not None and table.row_count > plugin.max_rows:
        raise ExportRefused(
            _("%(format)s holds at most %(max)s rows and this export has %(rows)s: choose another format.")
            % {"format": plugin.verbose_name, "max": plugin.max_rows, "rows": table.row_count}
        )
    if plugin.streams:
        content: BinaryIO | Iterator[bytes] = plugin.chunks(table)
    else:
        content = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
        with translation.override(language):
            plugin.write(table, content)
        content.seek(0)
    with transaction.atomic():
        audit_record(
            organisation=organisation,
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            subject=f"{subject}, {plugin.identifier.upper()}, {table.row_count} rows",
        )
    return ExportFile(
        filename=f"{name}.{plugin.extension}",
        content_type=plugin.content_type,
        rows=table.row_count,
        content=content,
    )


def export_answers(*, poll, actor, fmt: str, language: str) -> ExportFile:
    """The answers of every completed response to ``poll``, one row per respondent, with the
    questions and labels in ``language`` (one of the poll's languages), as ``fmt`` (an
    identifier in ``formats.register``). Raises ``ExportRefused`` for a viewer, an unknown
    format or language, or more rows than the format holds; then nothing is recorded."""
    if not may_export_respondents(membership_for(actor, poll.organisation.code)):
        raise ExportRefused(
            _("Only analysts and administrators may export the answers of individual respondents.")
        )
    export_format(fmt)
    languages = selectors.export_languages(poll)
    if language not in languages:
        raise ExportRefused(
            _("This poll has no questions in the language “%(language)s”: choose one of %(languages)s.")
            % {"language": language, "languages": ", ".join(languages)}
        )
    table = selectors.answers_dataset(poll=poll, language=language, until=timezone.now())
    subject = f"respondent answers of poll {poll.pk} “{poll.title[:80]}” in {language}"
    return _poll_export(poll, actor, table, fmt, language, "answers", subject)


def _poll_export(poll, actor, table: Table, fmt: str, language: str, what: str, subject: str) -> ExportFile:
    return export_file(
        organisation=poll.organisation,
        actor=actor,
        table=table,
        fmt=fmt,
        language=language,
        name=f"{_file_stem(poll)}-{what}-{language}",
        subject=subject,
    )


def _file_stem(poll) -> str:
    return f"{slugify(poll.title)[:50] or 'poll'}-{poll.pk}"


def _results_or_refuse(poll, language):
    found = selectors.results_dataset(poll=poll, language=language)
    if found is None:
        raise ExportRefused(_("The results of this poll have not been computed yet."))
    return found


def export_results(*, poll, actor, fmt: str, language: str) -> ExportFile:
    """The poll's computed results (aggregated: no respondent, suppressed figures without
    numbers) as ``fmt``; everyone who may see the poll may export them. Audited."""
    export_format(fmt)
    table, _results = _results_or_refuse(poll, language)
    subject = f"aggregated results of poll {poll.pk} “{poll.title[:80]}”"
    return _poll_export(poll, actor, table, fmt, language, "results", subject)


def export_results_geojson(*, poll, actor) -> ExportFile:
    """Every indicator per buurt with the buurt's outline, as GeoJSON (WGS84). Audited."""
    import io

    from buurtpeil.areas.selectors import buurt_geometries
    from buurtpeil.insights.selectors import result_parts
    from buurtpeil.reports.results import results_geojson

    _table, results = _results_or_refuse(poll, poll.organisation.default_language)
    indicators = results.summary["indicators"]
    maps = result_parts(results, [f"map:i.{code}" for code in indicators])
    geometries = buurt_geometries(poll.organisation)
    content = results_geojson(geometries=geometries, maps=maps, indicators=indicators)
    with transaction.atomic():
        audit_record(
            organisation=poll.organisation,
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            subject=f"indicators per buurt of poll {poll.pk} “{poll.title[:80]}”, GEOJSON, "
            f"{len(geometries)} areas",
        )
    return ExportFile(
        filename=f"{_file_stem(poll)}-buurten.geojson",
        content_type="application/geo+json",
        rows=len(geometries),
        content=io.BytesIO(content),
    )
