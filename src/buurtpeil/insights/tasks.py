"""Background work of insights."""

from django_tasks import task

from buurtpeil.insights import services
from buurtpeil.polls.selectors import poll_by_id


@task()
def poll_results_compute_task(poll_id: int) -> int:
    """Compute a poll's results; returns the number of respondents."""
    poll = poll_by_id(poll_id)
    return services.poll_results_compute(poll=poll).respondents if poll else 0
