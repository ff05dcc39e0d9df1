"""Writes of the insights app: computing a poll's results and storing them."""

import logging

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtpeil.analysis import survey_design
from buurtpeil.areas.selectors import area_tree, buurt_populations
from buurtpeil.insights.compute import AreaNode, poll_figures
from buurtpeil.insights.models import PollResults, ResultPart
from buurtpeil.insights.smallarea import buurt_covariates
from buurtpeil.insights.table import respondent_table
from buurtpeil.insights.weighting import AGE_GROUPS, UNKNOWN, BuurtPopulation, WeightingResult, weights
from buurtpeil.organisations.selectors import suppression_rules
from buurtpeil.polls.models import Poll
from buurtpeil.polls.selectors import version_definition, version_latest
from buurtpeil.responses.selectors import complete_answers

logger = logging.getLogger(__name__)


def poll_results_request(*, poll) -> PollResults:
    """Mark the poll's results as wanted and compute them in the background."""
    from buurtpeil.insights.tasks import poll_results_compute_task

    with transaction.atomic():
        results, _ = PollResults.objects.get_or_create(
            poll=poll, defaults={"organisation": poll.organisation}
        )
        if results.status != PollResults.Status.COMPUTING:
            results.status = PollResults.Status.PENDING
            results.save(update_fields=["status"])
        transaction.on_commit(lambda: poll_results_compute_task.enqueue(poll.pk))
    return results


def _codes(values: list[str]) -> np.ndarray:
    return np.array([v or UNKNOWN for v in values], dtype=object)


def poll_results_compute(*, poll) -> PollResults:
    """Compute every figure of the poll from its completed responses and replace the stored ones."""
    organisation = poll.organisation
    results, _ = PollResults.objects.get_or_create(poll=poll, defaults={"organisation": organisation})
    kept = results.status == PollResults.Status.READY and results.respondents > 0
    PollResults.objects.filter(pk=results.pk).update(status=PollResults.Status.COMPUTING)
    try:
        version = version_latest(poll)
        definition = version_definition(version) if version else poll.definition
        answers, buurten, ages, sexes = complete_answers(poll.pk)
        if kept and not answers:
            # The answers were deleted after the retention period (or every respondent was
            # erased): the figures computed from them hold no personal data and stay.
            PollResults.objects.filter(pk=results.pk).update(status=PollResults.Status.READY)
            logger.info("results of poll %s kept: its answers are gone", poll.pk)
            return results
        tree = area_tree(organisation)
        population = {
            code: BuurtPopulation(
                wijk=wijk, adults=sum(age.get(a, 0) for a in AGE_GROUPS), age_group=age, sex=sex
            )
            for code, (wijk, age, sex) in buurt_populations(organisation).items()
        }
        buurt = np.array([b if b in population else "" for b in buurten], dtype=object)
        wijk = np.array([population[b].wijk if b else "" for b in buurt.tolist()], dtype=object)
        age_codes, sex_codes = _codes(ages), _codes(sexes)
        residents = poll.audience == Poll.Audience.RESIDENTS
        # Key figures and partners are no sample of the population: their answers are not
        # weighted and no model estimates are made for their areas.
        weighting = (
            weights(buurt=_codes(list(buurt)), age_group=age_codes, sex=sex_codes, population=population)
            if residents
            else WeightingResult(survey_design(len(buurt)), False, "", float(len(buurt)), 1.0, ())
        )
        table = respondent_table(definition, answers)
        documents = poll_figures(
            table,
            design=weighting.design,
            buurt=buurt,
            wijk=wijk,
            age_group=age_codes,
            sex=sex_codes,
            areas=[AreaNode(code, level, parent) for code, _, level, parent in tree],
            rules=suppression_rules(organisation),
            auxiliary=buurt_covariates(population) if residents else None,
        )
    except Exception as error:
        logger.exception("results of poll %s could not be computed", poll.pk)
        PollResults.objects.filter(pk=results.pk).update(
            status=PollResults.Status.FAILED, error=str(error)[:2000]
        )
        raise
    summary = {
        "areas": [[code, name, level, parent] for code, name, level, parent in tree],
        "columns": [[c.key, c.question, c.kind, c.item, c.choice] for c in table.columns],
        "indicators": table.indicators,
        "weighting": {
            "weighted": weighting.weighted,
            "note": weighting.note,
            "n_effective": round(weighting.n_effective, 1),
            "design_effect": round(weighting.design_effect, 3),
            "wijken": list(weighting.wijken),
        },
        "audience": poll.audience,
        "version": version.number if version else None,
        "definition": definition,
    }
    with transaction.atomic():
        results.parts.all().delete()
        ResultPart.objects.bulk_create(
            [ResultPart(results=results, key=key, data=data) for key, data in documents.items()],
            batch_size=500,
        )
        results.status = PollResults.Status.READY
        results.computed_at = timezone.now()
        results.respondents = table.n
        results.summary = summary
        results.error = ""
        results.save()
    return results


class PublishRefused(Exception):
    pass


def poll_results_publish(*, poll, actor) -> None:
    """Publish a closed poll's computed results as open data: the public page and CSV per buurt
    and wijk. Only figures the organisation's rules allow were ever stored, so only those appear."""
    from buurtpeil.organisations.services import audit_record
    from buurtpeil.polls.services import poll_results_published

    results = PollResults.objects.filter(poll=poll, status=PollResults.Status.READY).first()
    if results is None:
        raise PublishRefused(_("Compute the results before publishing them."))
    if poll.status not in ("closed", "published"):
        raise PublishRefused(_("Close the poll before publishing its results."))
    with transaction.atomic():
        poll_results_published(poll=poll)
        audit_record(
            organisation=poll.organisation, actor=actor, action="results.publish", subject=poll.title
        )
