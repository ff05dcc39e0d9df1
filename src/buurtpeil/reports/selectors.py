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


def results_dataset(*, poll, language: str):
    """The poll's computed results as (table, GeoJSON builder arguments), or None while they
    are not computed. Labels in ``language``."""
    from buurtpeil.insights.selectors import poll_results, result_cells
    from buurtpeil.polls.definition import questions, text
    from buurtpeil.polls.indicators import indicator_label
    from buurtpeil.reports.results import results_table

    results = poll_results(poll)
    if results is None or results.status != "ready" or not results.summary:
        return None
    summary = results.summary
    top = next((code for code, _name, level, _parent in summary["areas"] if level == "gemeente"), "")
    cells = result_cells(results)
    languages = summary["definition"].get("languages", [])
    labels = {f"i.{code}": indicator_label(code, language) for code in summary["indicators"]}
    for question in questions(summary["definition"]):
        labels[f"q.{question['code']}"] = text(question.get("text"), language, languages)
        for item in question.get("items", ()):
            labels[f"q.{question['code']}.{item['code']}"] = text(item.get("text"), language, languages)
    # Indicators for every cell; the answer shares of every question for the municipality.
    for key, cell in cells.items():
        if key != f"cell:{top}::":
            cell["columns"] = {k: v for k, v in cell.get("columns", {}).items() if k.startswith("i.")}
    with override(language):
        texts = {
            "area_code": gettext("Area code"),
            "area_name": gettext("Area"),
            "level": gettext("Level"),
            "group_variable": gettext("Group variable"),
            "group_value": gettext("Group"),
            "figure": gettext("Figure"),
            "figure_label": gettext("Description"),
            "answer": gettext("Answer"),
            "estimate": gettext("Estimate (share 0-1 or mean)"),
            "ci_low": gettext("95% interval, lower bound"),
            "ci_high": gettext("95% interval, upper bound"),
            "respondents": gettext("Respondents"),
            "status": gettext("Status"),
            "status_shown": gettext("reliable"),
            "status_indicative": gettext("indicative"),
            "status_suppressed": gettext("suppressed"),
            "status_model": gettext("model estimate"),
        }
    return results_table(
        title=poll.title, areas=summary["areas"], cells=cells, labels=labels, texts=texts
    ), results
