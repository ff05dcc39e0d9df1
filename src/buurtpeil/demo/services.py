"""The demo municipality: Den Haag with its real buurten, population and a synthetic panel."""

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from buurtpeil.areas.selectors import buurten
from buurtpeil.areas.services import areas_import
from buurtpeil.demo.synthetic import BuurtPopulation, synthetic_panel
from buurtpeil.organisations.services import membership_grant, organisation_upsert
from buurtpeil.panel.selectors import synthetic_member_count
from buurtpeil.panel.services import synthetic_members_create

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_CODE = "GM0518"
DEMO_USERNAME = "demo"


@dataclass
class DemoResult:
    organisation_code: str
    buurten: int
    panel_size: int
    username: str
    password: str


def _populations(organisation) -> list[BuurtPopulation]:
    result = []
    for buurt in buurten(organisation).prefetch_related("population_counts"):
        counts = {(c.variable, c.category): c.count for c in buurt.population_counts.all()}
        result.append(
            BuurtPopulation(
                code=buurt.code,
                age={cat: n for (var, cat), n in counts.items() if var == "age_group"},
                sex={cat: n for (var, cat), n in counts.items() if var == "sex"},
            )
        )
    return result


@transaction.atomic
def demo_setup(*, panel_size: int = 2400, seed: int = 518) -> DemoResult:
    """Create or refresh the demo municipality. Safe to run again: areas are updated in place,
    the synthetic panel is made once, and the staff password is renewed each time."""
    organisation = organisation_upsert(
        code=DEMO_CODE,
        name="'s-Gravenhage (Den Haag)",
        privacy_contact="privacy@buurtpeil.invalid",
    )
    areas_import(
        organisation=organisation,
        geojson=(DATA_DIR / "den-haag-buurten.geojson").read_bytes(),
        population_csv=(DATA_DIR / "den-haag-bevolking.csv").read_bytes(),
        population_year=2019,
    )
    if not synthetic_member_count(organisation):
        synthetic_members_create(
            organisation=organisation, members=synthetic_panel(_populations(organisation), panel_size, seed)
        )

    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.set_password(password)
    user.save()
    membership_grant(user=user, organisation=organisation, role="admin")
    return DemoResult(
        organisation_code=organisation.code,
        buurten=buurten(organisation).count(),
        panel_size=synthetic_member_count(organisation),
        username=DEMO_USERNAME,
        password=password,
    )
