"""``buurtpeil watch-checkin``: send a check-in to every active neighbourhood-watch group whose
last one is older than the interval. Run it daily (cron or a systemd timer); a group gets at
most one check-in per interval, however often it runs."""

from django.core.management.base import BaseCommand

from buurtpeil.watch.services import DEFAULT_INTERVAL_MONTHS, checkins_send_due


class Command(BaseCommand):
    help = "Send the periodic check-in to the coordinators of neighbourhood-watch groups that are due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=DEFAULT_INTERVAL_MONTHS,
            help=f"Months between two check-ins of a group (default {DEFAULT_INTERVAL_MONTHS}).",
        )

    def handle(self, *args, months, **options):
        if months < 1:
            self.stderr.write("--months must be 1 or more")
            raise SystemExit(2)
        sent = checkins_send_due(months=months)
        self.stdout.write(f"check-ins sent: {sent}")
