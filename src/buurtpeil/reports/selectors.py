"""Reads of the reports app: the datasets that exports write.

``answers_dataset`` reads what the pure ``answers.answers_table`` needs from the other apps'
selectors: the poll's versions, its completed responses (without member key or invitation),
the wijk of each buurt and the labels of age group and sex. It never reads contact data.
"""

from django.utils import timezone
from django.utils.translation import gettext, override

from buurtpeil.areas.selectors import wijken_with_buurten
from buurtpeil.panel.selectors import trait_choices
from buurtpeil.polls.selectors import versions_for
from buurtpeil.reports.answers import Respondent, answers_table
from buurtpeil.reports.table import Table
from buurtpeil.responses.selectors import completed_until

ROWS_PER_QUERY = 2000


def export_languages(poll) -> list[str]:
    """The languages the poll's questions can be exported in: those of its latest version."""
    versions = versions_for(poll)
    definition = versions[-1].definition if versions else poll.definition
    return list(definition.get("languages") or [poll.organisation.default_language])


def completed_count(poll, *, until=None) -> int:
    return completed_until(poll_id=poll.pk, until=until or timezone.now()).count()


def _wijk_by_buurt(organisation) -> dict[str, str]:
    return {buurt.code: wijk.code for wijk in wijken_with_buurten(organisation) for buurt in wijk.buurten}


def answers_dataset(*, poll, language: str, until) -> Table:
    """The answers of every response to ``poll`` completed by ``until``, one row each, with
    labels in ``language``. The rows are read from the database while the table is written,
    ``ROWS_PER_QUERY`` at a time."""
    versions = versions_for(poll)
    number_by_id = {version.pk: version.number for version in versions}
    wijk_of = _wijk_by_buurt(poll.organisation)
    responses = completed_until(poll_id=poll.pk, until=until)

    def respondents():
        for version_id, answers, buurt_code, age_group, sex, completed_at in responses.iterator(
            ROWS_PER_QUERY
        ):
            yield Respondent(
                version=number_by_id[version_id],
                answers=answers,
                completed=timezone.localdate(completed_at),
                buurt_code=buurt_code,
                wijk_code=wijk_of.get(buurt_code, ""),
                age_group=age_group,
                sex=sex,
            )

    with override(language):
        traits = {
            name: [(value, str(label)) for value, label in choices]
            for name, (_label, choices) in trait_choices().items()
        }
        return answers_table(
            title=poll.title,
            versions={version.number: version.definition for version in versions},
            language=language,
            respondents=respondents(),
            row_count=responses.count(),
            traits=traits,
            translate=gettext,
        )
