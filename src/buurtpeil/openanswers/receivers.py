"""A closed poll's open answers are sorted in the background."""

from django.dispatch import receiver

from buurtpeil.polls.signals import poll_closed


@receiver(poll_closed, dispatch_uid="openanswers.poll_closed")
def poll_closed_sort(sender, *, poll_id, **kwargs):
    from buurtpeil.openanswers.tasks import open_answers_sort_task

    open_answers_sort_task.enqueue(poll_id)
