"""The demo's region and good-practice library: Veiligheidsregio Haaglanden (an example) with the
demo municipality and two fictitious municipalities that agree to share, each with a small
synthetic panel and computed results, and practices published from the demo plan's actions."""

import json
import random

from buurtpeil.areas.services import areas_import
from buurtpeil.demo.synthetic import BuurtPopulation, synthetic_answers, synthetic_panel
from buurtpeil.insights.services import poll_results_compute
from buurtpeil.organisations.services import membership_grant, organisation_upsert
from buurtpeil.panel.selectors import synthetic_member_count, synthetic_member_traits
from buurtpeil.panel.services import synthetic_members_create
from buurtpeil.plans.selectors import actions_of_organisation
from buurtpeil.polls.selectors import version_latest
from buurtpeil.polls.services import poll_close
from buurtpeil.practices.selectors import action_prefill, practices_own
from buurtpeil.practices.services import practice_draft_save, practice_publish
from buurtpeil.regions.selectors import memberships_of
from buurtpeil.regions.services import (
    comparison_settings_save,
    region_consent_give,
    region_member_request,
)
from buurtpeil.responses.selectors import poll_has_responses
from buurtpeil.responses.services import synthetic_responses_create

REGION_CODE = "VR15"
REGION_NAME = "Veiligheidsregio Haaglanden (voorbeeld)"
# (code, name, lean of the answers, inhabitants per buurt, urbanity): clearly made up.
FICTITIOUS = (
    ("GM9901", "Voorbeeldgemeente Noord (fictief)", 0.3, 140_000, 1),
    ("GM9902", "Voorbeeldgemeente Zuid (fictief)", -0.3, 160_000, 2),
)
FICTITIOUS_PANEL = 300
POLL_TITLE = {"nl": "Veiligheid in uw buurt 2026", "en": "Safety in your neighbourhood 2026"}
POLL_MODULES = ("safety_general", "safety_buurt", "report_marks")
PRACTICE_ACTIONS = ("Extra verlichting in donkere stegen", "Wijkagent en jongerenwerk samen op straat")


def demo_sharing(organisation, library_poll, user) -> None:
    """``library_poll(organisation, title, modules)`` makes the demo's poll of library modules;
    ``user`` (the demo's staff login) also gets to see the region."""
    region = organisation_upsert(code=REGION_CODE, name=REGION_NAME, kind="region")
    membership_grant(user=user, organisation=region, role="admin")
    members = [organisation]
    for code, name, lean, inhabitants, urbanity in FICTITIOUS:
        member = organisation_upsert(code=code, name=name)
        _fictitious_results(member, lean, inhabitants, library_poll)
        comparison_settings_save(organisation=member, urbanity=urbanity, consent=True, actor=None)
        members.append(member)
    comparison_settings_save(organisation=organisation, urbanity=1, consent=True, actor=None)
    for member in members:
        membership = memberships_of(member).filter(region=region).first()
        if membership is None:
            membership = region_member_request(region=region, member=member, actor=None)
        region_consent_give(membership=membership, actor=None)
    _demo_practices(organisation)


def _geojson(code: str, name: str) -> bytes:
    """Two square buurten of one wijk, in RD coordinates, far from any real municipality."""
    features = []
    for i in (1, 2):
        x = 10_000 + i * 2_000
        ring = [[x, 300_000], [x + 2_000, 300_000], [x + 2_000, 302_000], [x, 302_000], [x, 300_000]]
        properties = {
            "statcode": f"BU{code[2:]}010{i}",
            "statnaam": f"Buurt {i}",
            "gmCode": code,
            "rubriek": "buurt",
            "wijkcode": f"WK{code[2:]}01",
            "gemeentenaam": name,
        }
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    return json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}).encode()


def _population(code: str, inhabitants: int) -> bytes:
    rows = ["buurtcode,buurtnaam,wijkcode,inwoners,mannen,vrouwen,"
            "leeftijd_0_15,leeftijd_15_25,leeftijd_25_45,leeftijd_45_65,leeftijd_65_plus"]  # fmt: skip
    for i in (1, 2):
        n = inhabitants // 2
        men = n // 2
        ages = [n * p // 100 for p in (15, 12, 28, 27, 18)]
        rows.append(
            f"BU{code[2:]}010{i},Buurt {i},WK{code[2:]}01,{n},{men},{n - men}," + ",".join(map(str, ages))
        )
    return "\n".join(rows).encode()


def _fictitious_results(member, lean: float, inhabitants: int, library_poll) -> None:
    """A small synthetic panel answering the demo's library modules, and its results."""
    if not synthetic_member_count(member):
        areas_import(
            organisation=member,
            geojson=_geojson(member.code, member.name),
            population_csv=_population(member.code, inhabitants),
            population_year=2019,
        )
        half = inhabitants // 2
        populations = [
            BuurtPopulation(
                code=f"BU{member.code[2:]}010{i}",
                age={"15_25": half // 8, "25_45": half // 4, "45_65": half // 4, "65_plus": half // 6},
                sex={"female": half // 2, "male": half // 2},
            )
            for i in (1, 2)
        ]
        synthetic_members_create(
            organisation=member, members=synthetic_panel(populations, FICTITIOUS_PANEL, 99)
        )
    poll, new = library_poll(member, POLL_TITLE, POLL_MODULES)
    if new:
        poll_close(poll=poll)
    if poll_has_responses(poll):
        return
    rng = random.Random(member.code)
    version = version_latest(poll)
    synthetic_responses_create(
        version=version,
        rows=[
            (key, buurt, age, sex, synthetic_answers(version.definition, lean, rng))
            for key, buurt, age, sex in synthetic_member_traits(member)
            if rng.random() < 0.6
        ],
    )
    poll_results_compute(poll=poll)


def _demo_practices(organisation) -> None:
    """Two actions of the demo plan published as practices, with the goal's evaluation."""
    if practices_own(organisation).exists():
        return
    for action in actions_of_organisation(organisation).filter(title__in=PRACTICE_ACTIONS):
        text = action_prefill(action)
        fields = {name: getattr(text, name) for name in vars(text)}
        if action.title == PRACTICE_ACTIONS[0]:
            fields["problem"] = "Bewoners mijden 's avonds donkere stegen en achterpaden in de wijk."
        practice = practice_draft_save(organisation=organisation, action=action, actor=None, fields=fields)
        practice_publish(practice=practice, actor=None)
