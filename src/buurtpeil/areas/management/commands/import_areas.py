from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtpeil.areas.services import AreaImportError, areas_import
from buurtpeil.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Import an organisation's gemeente, wijken and buurten from a GeoJSON file (CBS or Statbel), "
        "optionally with population per buurt from a CSV file. Importing again updates in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="GeoJSON FeatureCollection of buurten (RD New or WGS84)")
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. GM0518")
        parser.add_argument("--population", type=Path, help="CSV with population per buurt")
        parser.add_argument(
            "--population-year",
            type=int,
            help="year of the population figures (default: the file's 'jaar' column, if any)",
        )

    def handle(self, *args, **options):
        try:
            organisation = Organisation.objects.get(code=options["organisation"])
        except Organisation.DoesNotExist:
            raise CommandError(
                _("There is no organisation with code “%(code)s”.") % {"code": options["organisation"]}
            ) from None
        geojson = _read(options["file"])
        population = _read(options["population"]) if options["population"] else None
        try:
            report = areas_import(
                organisation=organisation,
                geojson=geojson,
                population_csv=population,
                population_year=options["population_year"],
            )
        except AreaImportError as error:
            for message in error.errors:
                self.stderr.write(message)
            count = len(error.errors)
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)d problem in the files.",
                    "Nothing was imported: %(count)d problems in the files.",
                    count,
                )
                % {"count": count}
            ) from None
        for line in report.lines():
            self.stdout.write(line)


def _read(path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(reason)s.") % {"path": path, "reason": error.strerror}
        ) from None
