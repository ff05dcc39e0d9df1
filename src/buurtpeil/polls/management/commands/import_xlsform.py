from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.organisations.models import Organisation
from buurtpeil.polls.definition import questions
from buurtpeil.polls.xlsform import XLSFormError, xlsform_import


class Command(BaseCommand):
    help = (
        "Create a draft poll from an XLSForm workbook (.xlsx, as made for ODK or KoboToolbox). "
        "Rows Buurtpeil cannot represent are listed with their sheet and row; then nothing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="XLSForm workbook (.xlsx)")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. GM0518")

    def handle(self, *args, **options):
        try:
            organisation = Organisation.objects.get(code=options["organisation"])
        except Organisation.DoesNotExist:
            raise CommandError(
                _("There is no organisation with code “%(code)s”.") % {"code": options["organisation"]}
            ) from None
        path = options["file"]
        try:
            with path.open("rb") as upload:
                poll = xlsform_import(organisation=organisation, file=upload, actor=None)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
            ) from None
        except XLSFormError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            count = len(error.problems)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)d problem in the workbook.",
                    "Nothing was imported: %(count)d problems in the workbook.",
                    count,
                )
                % {"count": count}
            ) from None
        count = sum(1 for _question in questions(poll.definition))
        self.stdout.write(
            _(
                "Poll %(id)d “%(title)s” created as a draft: %(count)d questions in %(groups)d groups, "
                "languages %(languages)s."
            )
            % {
                "id": poll.pk,
                "title": poll.title,
                "count": count,
                "groups": len(poll.definition["groups"]),
                "languages": ", ".join(poll.definition["languages"]),
            }
        )
