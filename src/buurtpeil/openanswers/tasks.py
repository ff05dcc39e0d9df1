"""Background work of open answers: sorting a poll's answers. The task takes the poll's
primary key; the answers are read and masked inside it."""

from dataclasses import asdict

from django_tasks import task

from buurtpeil.openanswers import services
from buurtpeil.polls.selectors import poll_by_id


@task()
def open_answers_sort_task(poll_id: int, resort: bool = False) -> dict[str, int]:
    """Sort the poll's new and changed open answers (with ``resort``, every automatically
    sorted one again). Safe to run twice: the second run finds nothing new."""
    poll = poll_by_id(poll_id)
    if poll is None:
        return {}
    return asdict(services.open_answers_sort(poll=poll, resort=resort))
