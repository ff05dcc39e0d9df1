from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.indicators.services import IndicatorImportError, area_figures_import
from buurtpeil.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import figures per buurt (registered crime, CBS key figures) from a CSV file: the long format "
        "buurtcode,jaar,indicator,categorie,waarde[,maand][,buurtnaam] or a CBS StatLine export. "
        "A new import replaces the figures of the same source, indicator and year."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file of figures per buurt")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. GM0518")
        parser.add_argument(
            "--source", default="", help="where the figures come from (default: the file name)"
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(
                _("There is no organisation with code “%(code)s”.") % {"code": options["organisation"]}
            )
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
            ) from None
        try:
            report = area_figures_import(
                organisation=organisation, data=data, file_name=path.name, source=options["source"]
            )
        except IndicatorImportError as error:
            for message in error.errors:
                self.stderr.write(message)
            count = len(error.errors)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)d problem in the file.",
                    "Nothing was imported: %(count)d problems in the file.",
                    count,
                )
                % {"count": count}
            ) from None
        for line in report.lines():
            self.stdout.write(line)
