"""Background work of council reports."""

from django_tasks import task

from buurtpeil.reports.council import services


@task()
def council_report_build_task(report_id: int) -> str:
    """Make a requested council report; returns its status."""
    report = services.council_report_build(report_id=report_id)
    return report.status if report else "missing"
