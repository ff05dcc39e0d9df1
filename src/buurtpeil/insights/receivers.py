"""A closed poll's results are computed in the background."""

from django.dispatch import receiver

from buurtpeil.polls.signals import poll_closed


@receiver(poll_closed, dispatch_uid="insights.poll_closed")
def poll_closed_compute(sender, *, poll_id, **kwargs):
    from buurtpeil.insights.tasks import poll_results_compute_task

    poll_results_compute_task.enqueue(poll_id)
