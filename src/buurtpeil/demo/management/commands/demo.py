from django.conf import settings
from django.core.management.base import BaseCommand

from buurtpeil.demo.services import demo_answer_url, demo_setup


class Command(BaseCommand):
    help = "Create or refresh the demo municipality Den Haag (GM0518) with a synthetic panel."

    def add_arguments(self, parser):
        parser.add_argument("--panel-size", type=int, default=2400)
        parser.add_argument("--seed", type=int, default=518)

    def handle(self, *args, panel_size, seed, **options):
        result = demo_setup(panel_size=panel_size, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo municipality {result.organisation_code}: {result.buurten} buurten, "
                f"{result.panel_size} synthetic panel members."
            )
        )
        self.stdout.write(
            f"Resident panel: {settings.SITE_URL}/p/{result.organisation_code}/\n"
            f"Answer the demo poll as a resident: {demo_answer_url()}\n"
            f"Staff login:    {settings.SITE_URL}/staff/login/\n"
            f"  username: {result.username}\n"
            f"  password: {result.password}\n"
            f"Partner login (sees only the neighbourhood analyses of its wijken): same page\n"
            f"  username: {result.partner_username}\n"
            f"  password: {result.partner_password}"
        )
