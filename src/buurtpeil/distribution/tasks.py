"""Background work of sending. Tasks take primary keys only: personal tokens and addresses are
made or looked up inside the task, so they never sit in a queue or a log."""

from django_tasks import task

from buurtpeil.distribution import sending, services


@task()
def distribution_start_task(distribution_id: int) -> int:
    """Start a distribution whose start has come and queue its invitations."""
    ids = services.distribution_start(distribution_id=distribution_id)
    return sending.deliveries_enqueue(ids)


@task()
def deliveries_send_task(delivery_ids: list[int]) -> dict[str, int]:
    """Send one batch of deliveries. Safe to run twice: only pending deliveries are claimed."""
    return dict(sending.deliveries_send(delivery_ids))
