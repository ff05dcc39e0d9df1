"""``buurtpeil send-due``: start, remind, end and send whatever is due. Run it every few
minutes (cron or a systemd timer); it is safe to run twice at the same time. Once a day it also
runs the retention (``buurtpeil retention``), so one timer is all an installation needs."""

from django.core.management.base import BaseCommand

from buurtpeil.distribution.scheduling import distribution_tick
from buurtpeil.organisations.retention import retention_run_if_due


class Command(BaseCommand):
    help = "Start due distributions, create due reminders, end finished ones and send due messages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-retention", action="store_true", help="Do not run the daily retention from this command."
        )

    def handle(self, *args, **options):
        report = distribution_tick()
        self.stdout.write(
            f"started {report.started}, reminders {report.reminders}, ended {report.ended}, "
            f"expired claims {report.expired_claims}, queued {report.queued}"
        )
        if not options["no_retention"] and (retention := retention_run_if_due()) is not None:
            totals = ", ".join(f"{identifier} {count}" for identifier, count in retention.totals().items())
            self.stdout.write(f"retention: {totals}")
