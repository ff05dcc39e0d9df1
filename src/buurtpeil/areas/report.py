"""What an area import did, for the staff page, the console and the log."""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        """Areas of this level after the import."""
        return self.created + self.updated + self.unchanged


@dataclass
class ImportReport:
    mapping: str  # "cbs" or "statbel"
    projection: str  # "RD New (EPSG:28992)"
    gemeenten: LevelCounts = field(default_factory=LevelCounts)
    wijken: LevelCounts = field(default_factory=LevelCounts)
    buurten: LevelCounts = field(default_factory=LevelCounts)
    population_rows: int = 0  # rows read from the population file (0: no file given)
    population_total: int | None = None  # inhabitants over all buurten, when all are known
    population_year: int | None = None
    rounding_differences: int = 0  # rows whose sums differ from the total within CBS rounding
    empty_buurten: list[str] = field(default_factory=list)  # codes of buurten with 0 inhabitants
    buurten_without_population: list[str] = field(default_factory=list)
    generated_wijk_names: list[str] = field(default_factory=list)  # wijk codes
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One sentence on what changed."""
        text = ngettext(
            "Areas imported: %(buurten)d buurten in %(wijken)d wijken and %(gemeenten)d gemeente "
            "(%(created)d new, %(updated)d changed, %(unchanged)d unchanged, %(removed)d removed).",
            "Areas imported: %(buurten)d buurten in %(wijken)d wijken and %(gemeenten)d gemeenten "
            "(%(created)d new, %(updated)d changed, %(unchanged)d unchanged, %(removed)d removed).",
            self.gemeenten.total,
        )
        return text % {
            "gemeenten": self.gemeenten.total,
            "wijken": self.wijken.total,
            "buurten": self.buurten.total,
            "created": self._sum("created"),
            "updated": self._sum("updated"),
            "unchanged": self._sum("unchanged"),
            "removed": self._sum("removed"),
        }

    def population_summary(self) -> str:
        if not self.population_rows:
            return _("No population file: the population figures were kept.")
        if self.population_year:
            text = _("Population %(year)s: %(total)s inhabitants in %(rows)s buurten.")
        else:
            text = _("Population (year not given): %(total)s inhabitants in %(rows)s buurten.")
        return text % {
            "year": self.population_year,
            "total": number_format(self.population_total or 0, force_grouping=True),
            "rows": self.population_rows,
        }

    def lines(self) -> list[str]:
        """Everything worth telling, one line each: summary, population, then the warnings."""
        return [
            self.summary(),
            _("Source: %(mapping)s file in %(projection)s.")
            % {
                "mapping": self.mapping.upper() if self.mapping == "cbs" else self.mapping.title(),
                "projection": self.projection,
            },
            self.population_summary(),
            *self.warnings,
        ]

    def _sum(self, attribute: str) -> int:
        return sum(getattr(level, attribute) for level in (self.gemeenten, self.wijken, self.buurten))
