"""``buurtpeil retention``: delete whatever personal data is past its retention, now.

``buurtpeil send-due`` also runs it, once a day; running it by hand or twice is harmless."""

from django.core.management.base import BaseCommand

from buurtpeil.organisations.retention import retention_run, steps


class Command(BaseCommand):
    help = (
        "Delete personal data past its retention: contact data of members who left, unfinished "
        "sign-ups, expired login links, answers to polls past the retention period."
    )

    def handle(self, *args, **options):
        report = retention_run()
        for identifier, count in report.totals().items():
            self.stdout.write(f"{steps[identifier].label}: {count}")
        self.stdout.write(f"organisations: {len(report.counts)}")
