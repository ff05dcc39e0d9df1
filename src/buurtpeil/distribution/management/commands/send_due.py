"""``buurtpeil send-due``: start, remind, end and send whatever is due. Run it every few
minutes (cron or a systemd timer); it is safe to run twice at the same time."""

from django.core.management.base import BaseCommand

from buurtpeil.distribution.scheduling import distribution_tick


class Command(BaseCommand):
    help = "Start due distributions, create due reminders, end finished ones and send due messages."

    def handle(self, *args, **options):
        report = distribution_tick()
        self.stdout.write(
            f"started {report.started}, reminders {report.reminders}, ended {report.ended}, "
            f"expired claims {report.expired_claims}, queued {report.queued}"
        )
