"""The ``buurtpeil`` console command: every management task goes through it.

It wraps Django's management commands and accepts dashes for underscores, so
``buurtpeil import-areas FILE --organisation GM0518`` runs ``import_areas``.
``buurtpeil stats FILE.csv`` is the exception: it runs the analysis core on a table without
Django and without a database.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "stats":
        from buurtpeil.analysis.cli import main as stats_main

        sys.exit(stats_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtpeil.config.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "buurtpeil"

    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
