"""``buurtpeil api-token --organisation CODE --user USERNAME --name NAME``: make a staff API
token and print it (once; only its digest is stored)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from buurtpeil.api.services import ApiTokenError, api_token_create
from buurtpeil.organisations.models import Organisation


class Command(BaseCommand):
    help = "Make an API token for a staff member of an organisation and print it once."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="Organisation code, e.g. GM0518.")
        parser.add_argument("--user", required=True, help="Username of a member of that organisation.")
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with code {options['organisation']}.")
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user {options['user']}.")
        try:
            api_token, token = api_token_create(organisation=organisation, user=user, name=options["name"])
        except ApiTokenError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(f"Token “{api_token.name}” made for {user.get_username()} in {organisation.code}.")
        self.stderr.write("It is shown only this once; send it as: Authorization: Token <token>")
        self.stdout.write(token)
