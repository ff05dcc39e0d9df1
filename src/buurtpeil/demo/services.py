"""The demo municipality: Den Haag with its real buurten, population and a synthetic panel."""

import random
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from buurtpeil.areas.models import Area
from buurtpeil.areas.selectors import area_tree, buurt_geometries, buurten
from buurtpeil.areas.services import areas_import
from buurtpeil.concerns.selectors import concern_count
from buurtpeil.concerns.services import SyntheticConcern, concerns_synthetic_create
from buurtpeil.demo.analyses import demo_analyses
from buurtpeil.demo.crime import demo_crime_figures
from buurtpeil.demo.meetings import demo_meetings
from buurtpeil.demo.sharing import demo_sharing
from buurtpeil.demo.synthetic import BuurtPopulation, synthetic_answers, synthetic_panel
from buurtpeil.distribution.selectors import recipient_answer_url
from buurtpeil.distribution.services import distribution_create
from buurtpeil.insights.selectors import poll_results, result_parts
from buurtpeil.insights.services import poll_results_compute
from buurtpeil.insights.texts import reason_text
from buurtpeil.organisations.selectors import organisation_by_code
from buurtpeil.organisations.services import membership_grant, organisation_upsert
from buurtpeil.panel.selectors import members_targeted, synthetic_member_count, synthetic_member_traits
from buurtpeil.panel.services import synthetic_members_create
from buurtpeil.partners.models import KeyFigure, NetworkRound, NetworkTie, Partner, Professional
from buurtpeil.partners.services import key_figure_member_sync, professional_member_sync
from buurtpeil.plans.models import Action, Plan
from buurtpeil.plans.selectors import plans_for
from buurtpeil.plans.services import MAX_PRIORITIES, action_save, goal_check, goal_create, priorities_adopt
from buurtpeil.polls.definition import definition_empty
from buurtpeil.polls.selectors import polls_for, version_latest
from buurtpeil.polls.services import poll_close, poll_create, poll_module_add, poll_publish
from buurtpeil.responses.selectors import poll_has_responses
from buurtpeil.responses.services import synthetic_responses_create
from buurtpeil.watch.models import CODE_VERSION, CheckIn, WatchGroup
from buurtpeil.watch.selectors import groups_for

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_CODE = "GM0518"
DEMO_USERNAME = "demo"
DEMO_POLL_TITLE = {"nl": "Veiligheid in uw buurt 2026", "en": "Safety in your neighbourhood 2026"}
DEMO_EARLIER_TITLE = {"nl": "Veiligheid in uw buurt 2025", "en": "Safety in your neighbourhood 2025"}
DEMO_KEY_FIGURES_TITLE = {"nl": "Sleutelfiguren over veiligheid 2026", "en": "Key figures on safety 2026"}
DEMO_PROFESSIONALS_TITLE = {
    "nl": "Professionals over hun buurten 2026",
    "en": "Professionals on their neighbourhoods 2026",
}
# Communities the demo's key figures reach.
DEMO_COMMUNITIES = (
    "Jongeren op het pleintje",
    "Moskeevereniging",
    "Ouderen in de flat",
    "Sportclub",
    "Turkse vrouwengroep",
    "Ondernemersvereniging",
    "Huurdersvereniging",
    "Poolse werknemers",
)
DEMO_POLL_MODULES = (
    "safety_general",
    "safety_buurt",
    "report_marks",
    "nuisance",
    "cohesion",
    "supervision",
    "open",
)


@dataclass
class DemoResult:
    organisation_code: str
    buurten: int
    panel_size: int
    username: str
    password: str
    partner_username: str = ""
    partner_password: str = ""


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

    earlier, new = _library_poll(organisation, DEMO_EARLIER_TITLE)
    if new:
        poll_close(poll=earlier)
    _demo_results(organisation, earlier, _demo_poll(organisation))
    _demo_watch(organisation)
    _demo_concerns(organisation)
    _demo_key_figures(organisation)
    _demo_professionals(organisation)
    demo_crime_figures(organisation)
    demo_meetings(organisation)

    password = secrets.token_urlsafe(12)
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    user.set_password(password)
    user.save()
    membership_grant(user=user, organisation=organisation, role="admin")
    demo_sharing(organisation, _library_poll, user)
    partner_username, partner_password = demo_analyses(organisation, user)
    return DemoResult(
        organisation_code=organisation.code,
        buurten=buurten(organisation).count(),
        panel_size=synthetic_member_count(organisation),
        username=DEMO_USERNAME,
        password=password,
        partner_username=partner_username,
        partner_password=partner_password,
    )


def _library_poll(
    organisation, title: dict, modules=DEMO_POLL_MODULES, audience: str = ""
) -> tuple[object, bool]:
    """The demo's poll of library modules with this title, published; (poll, newly made)."""
    poll = polls_for(organisation).filter(title=title["nl"]).first()
    if poll is not None:
        return poll, False
    poll = poll_create(
        organisation=organisation,
        title=title["nl"],
        definition=definition_empty(languages=["nl", "en"], title=title),
        audience=audience,
    )
    for code in modules:
        poll_module_add(poll=poll, module_code=code)
    poll_publish(poll=poll)
    return poll, True


def _demo_results(organisation, earlier, current) -> None:
    """Made-up answers of the synthetic panel to last year's wave and to most of this year's
    poll, and their results, so that the results pages, maps and trends have something to
    show. Buurten differ (a fixed lean per buurt; a higher lean picks answers further down each
    list, such as "(almost) never" unsafe) and feel a little safer this year; between the waves
    a safety plan starts in the wijk with the most panel members, whose buurten feel safer
    still in this year's wave."""
    members = synthetic_member_traits(organisation)
    rng = random.Random(2025)
    lean = {buurt: rng.gauss(0, 0.6) for _key, buurt, _age, _sex in members}
    parent = {code: up for code, _name, _level, up in area_tree(organisation)}
    wijken = Counter(parent[buurt] for _key, buurt, _age, _sex in members)
    plan_wijk = wijken.most_common(1)[0][0] if wijken else ""
    for poll, shift, share in ((earlier, 0.0, 0.55), (current, 0.25, 0.45)):
        if poll is current:
            _demo_plan(organisation, earlier, plan_wijk)
            lean.update({b: v + 0.4 for b, v in lean.items() if parent[b] == plan_wijk})
        if poll_has_responses(poll):
            continue
        version = version_latest(poll)
        synthetic_responses_create(
            version=version,
            rows=[
                (key, buurt, age, sex, synthetic_answers(version.definition, lean[buurt] + shift, rng))
                for key, buurt, age, sex in members
                if rng.random() < share
            ],
        )
        poll_results_compute(poll=poll)


# Two places where residents' signals pile up in the last weeks (buurt code, [(category, text)]).
DEMO_HOTSPOTS = (
    (
        "BU05182811",
        [
            ("drugs", "Elke avond wordt er gedeald bij het speeltuintje."),
            ("drugs", "Weer dealers bij de speeltuin, ook overdag."),
            ("drugs", "Dealen bij het speeltuintje, kinderen zien het."),
            ("loitering", "Groep jongeren hangt rond bij de bankjes tot laat."),
            ("loitering", "Jongeren op scooters bij het pleintje, veel lawaai."),
            ("nuisance", "Harde muziek en geschreeuw 's nachts."),
            ("litter", "Lachgaspatronen en blikjes bij de bankjes."),
            ("drugs", "Auto's stoppen kort bij de speeltuin, duidelijk dealen."),
            ("loitering", "Ik durf niet langs de groep bij het pleintje."),
        ],
    ),
    (
        "BU05183032",
        [
            ("dark_spot", "Het pad achter de flat is 's avonds helemaal donker."),
            ("dark_spot", "Lantaarnpaal bij het pad kapot, pikkedonker."),
            ("dark_spot", "Donker pad, struiken zijn te hoog."),
            ("litter", "Afval gedumpt naast de containers."),
            ("litter", "Grofvuil en matrassen naast de container."),
            ("vandalism", "Fietsen vernield in de stalling."),
            ("dark_spot", "Onverlicht steegje, ik loop liever om."),
        ],
    ),
)
DEMO_SCATTERED = (
    ("traffic", "Er wordt veel te hard gereden in de straat."),
    ("litter", "Hondenpoep en zwerfafval op de stoep."),
    ("vandalism", "Graffiti op de muur van de school."),
    ("nuisance", "Overlast van een feest in het park."),
    ("no_supervision", "Nooit een wijkagent te zien."),
    ("dark_spot", "Slecht verlicht fietspad langs het water."),
    ("other", "Verdachte personen die bij auto's naar binnen kijken."),
)


def _demo_concerns(organisation) -> None:
    """Residents' signals from the synthetic panel: two hotspots in the last three weeks and
    signals scattered over the municipality in the last three months."""
    members = synthetic_member_traits(organisation)
    if concern_count(organisation) or not members:
        return
    import shapely
    from shapely.geometry import shape

    rng = random.Random(518)
    geometries = {code: shape(g) for code, (_name, g) in buurt_geometries(organisation).items() if g}
    areas = {area.code: area for area in buurten(organisation)}
    now = timezone.now()
    keys = [key for key, *_rest in members]

    def point_in(code: str, near=None, spread=0.0006):
        polygon = geometries[code]
        centre = near or polygon.representative_point()
        for _ in range(50):
            x = centre.x + rng.uniform(-spread, spread)
            y = centre.y + rng.uniform(-spread, spread) * 0.6
            if polygon.contains(shapely.Point(x, y)):
                return x, y
        return centre.x, centre.y

    rows = []
    for code, signals in DEMO_HOTSPOTS:
        if code not in geometries:
            continue
        for index, (category, text) in enumerate(signals):
            lon, lat = point_in(code, spread=0.0012 if index % 3 == 2 else 0.0004)
            when = now - timedelta(days=rng.uniform(1, 18), minutes=rng.randint(0, 600))
            rows.append(SyntheticConcern(rng.choice(keys), category, lon, lat, text, when, areas[code]))
    codes = sorted(geometries)
    for index in range(32):
        code = rng.choice(codes)
        category, text = DEMO_SCATTERED[index % len(DEMO_SCATTERED)]
        lon, lat = point_in(code, spread=0.003)
        when = now - timedelta(days=rng.uniform(1, 85), minutes=rng.randint(0, 600))
        status = "closed" if when < now - timedelta(days=40) else "new"
        rows.append(SyntheticConcern(rng.choice(keys), category, lon, lat, text, when, areas[code], status))
    concerns_synthetic_create(organisation=organisation, concerns=rows)


def _demo_plan(organisation, poll, wijk: str) -> None:
    """A safety plan for one wijk, written after last year's wave: the factors its Tafel van 12
    profile suggests, a goal on feeling unsafe in the buurt, and actions with partners (one of
    them overdue)."""
    if plans_for(organisation).exists() or not wijk:
        return
    plan = Plan.objects.create(
        organisation=organisation,
        title="Integraal Veiligheidsplan 2025-2028",
        starts=date(2025, 1, 1),
        ends=date(2028, 12, 31),
    )
    area = Area.objects.get(organisation=organisation, code=wijk)
    results = poll_results(poll)
    profile = result_parts(results, ["tafel:wijk"]).get("tafel:wijk", {}).get("areas", {}).get(wijk, {})
    reasons = {r["factor"]: reason_text(r) for r in profile.get("suggested", [])[:MAX_PRIORITIES]}
    if reasons:
        priorities_adopt(plan=plan, area=area, reasons=reasons, poll=poll)
    check = goal_check(
        organisation=organisation, factor=None, indicator="buurt_unsafe", areas=[area], target=0.0,
        deadline=plan.ends,
    )  # fmt: skip
    if check.baseline.poll_id is None:
        return
    goal = goal_create(
        plan=plan,
        title=f"Minder bewoners van {area.name} voelen zich weleens onveilig in hun buurt",
        factor=min(reasons, default=1),
        indicator="buurt_unsafe",
        areas=[area],
        target=round(check.baseline.figures[wijk]["e"] - 0.08, 2),
        deadline=plan.ends,
        owner="Wijkregisseur " + area.name,
        confirm_undetectable=True,
    )
    partners = {
        sector: Partner.objects.create(organisation=organisation, name=name, sector=sector)
        for name, sector in (
            ("Politie Den Haag, basisteam", "police"),
            ("Woningcorporatie Haag Wonen", "housing"),
            ("Jongerenwerk Den Haag", "youth_work"),
            ("Bewonersorganisatie " + area.name, "residents"),
            ("Gemeente Den Haag, team openbare orde en veiligheid", "municipality"),
            ("Basisschool De Regenboog", "school"),
            ("Welzijnsorganisatie Xtra", "care"),
            ("Winkeliersvereniging", "business"),
        )
    }
    _demo_network(organisation, partners)
    actions = (
        ("Buurtschouw met bewoners en corporatie", "housing residents", "2025-03-01", "2025-06-30", "done"),
        ("Extra verlichting in donkere stegen", "housing", "2025-05-01", "2026-10-01", "running"),
        (
            "Wijkagent en jongerenwerk samen op straat",
            "police youth_work",
            "2025-09-01",
            "2027-08-31",
            "running",
        ),
        ("Buurtpreventie-app met afspraken", "residents police", "2027-01-01", "2027-12-31", "planned"),
    )
    for title, sectors, starts, ends, status in actions:
        action = Action(
            goal=goal,
            title=title,
            starts=date.fromisoformat(starts),
            ends=date.fromisoformat(ends),
            status=status,
        )
        action_save(action=action, partners=[partners[s] for s in sectors.split()])


def _demo_network(organisation, partners) -> None:
    """Two rounds of the network poll: the school and the housing corporation have no tie in the
    first, and the school finds the youth workers in the second."""
    ties = [
        ("police", "municipality", 3), ("municipality", "police", 3), ("police", "youth_work", 2),
        ("municipality", "housing", 2), ("housing", "residents", 1), ("residents", "municipality", 2),
        ("care", "municipality", 1), ("business", "police", 1), ("youth_work", "care", 2),
    ]  # fmt: skip
    for title, extra in (("Netwerkpeiling 2025", []), ("Netwerkpeiling 2026", [("school", "youth_work", 1)])):
        network_round = NetworkRound.objects.create(organisation=organisation, title=title)
        NetworkTie.objects.bulk_create(
            NetworkTie(round=network_round, source=partners[a], target=partners[b], frequency=f)
            for a, b, f in ties + extra
        )


# Made-up neighbourhood-watch groups: (name, kind, buurten, size, status, police contact, code signed,
# answers of the latest check-in or None). No e-mail addresses, so the demo mails nobody.
DEMO_WATCH_HEALTHY = {
    "members": 140,
    "police_calls": 3,
    "calls_nothing": 1,
    "self_action": "never",
    "appearance_reports": "never",
    "neighbour_tracking": "never",
    "photos_shared": "never",
    "chat_tone": "friendly",
    "code_followed": "yes",
    "police_contact": "regular",
}
DEMO_WATCH = (
    ("Buurtapp Bomenbuurt", "messaging", ["BU05181252"], 140, "active", True, True, DEMO_WATCH_HEALTHY),
    (
        "Loopgroep Duindorp",
        "patrol",
        ["BU05180800"],
        14,
        "active",
        True,
        True,
        {
            **DEMO_WATCH_HEALTHY,
            "members": 14,
            "police_calls": 9,
            "calls_nothing": 7,
            "self_action": "once",
            "photos_shared": "sometimes",
            "chat_tone": "sometimes_hostile",
            "code_followed": "mostly",
            "police_contact": "once",
        },
    ),
    ("Buurtpreventie Kortenbos", "both", ["BU05182811"], 60, "active", False, False, None),
    (
        "Buurtapp Vogelwijk",
        "messaging",
        ["BU05181309"],
        220,
        "active",
        True,
        True,
        {**DEMO_WATCH_HEALTHY, "members": 220},
    ),
    ("Buurtapp Rivierenbuurt", "messaging", ["BU05182762", "BU05182763"], 35, "paused", False, True, None),
)


def _demo_watch(organisation) -> None:
    """A handful of neighbourhood-watch groups; one check-in raises warnings (Duindorp)."""
    if groups_for(organisation).exists():
        return
    today = timezone.localdate()
    for name, kind, codes, size, status, police, signed, answers in DEMO_WATCH:
        group = WatchGroup.objects.create(
            organisation=organisation,
            name=name,
            kind=kind,
            size=size,
            status=status,
            started_on=today - timedelta(days=3 * 365),
            coordinator_name="Coördinator " + name.split()[-1],
            coordinator_phone="070 000 0000",
            police_contact=police,
            police_last_contact=today - timedelta(days=40) if police else None,
            municipality_contact=True,
            municipality_last_contact=today - timedelta(days=120),
            code_signed_on=today - timedelta(days=300) if signed else None,
            code_version=CODE_VERSION if signed else "",
        )
        group.areas.set(Area.objects.filter(organisation=organisation, code__in=codes))
        if answers is not None:
            sent = timezone.now() - timedelta(days=12)
            CheckIn.objects.create(
                organisation=organisation,
                group=group,
                period_start=today - timedelta(days=182),
                sent_at=sent,
                answered_at=sent + timedelta(days=2),
                answers=answers,
            )


def _demo_key_figures(organisation, count: int = 40) -> None:
    """Key figures in a few wijken, each in the key figures' panel, and their own closed poll
    with made-up answers: they see a little more trouble than the residents do. Its results
    are shown apart from the residents' and unweighted."""
    if KeyFigure.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(40)
    places = list(buurten(organisation).filter(population__gt=3000).order_by("code")[:12])
    now = timezone.now()
    for number in range(1, count + 1):
        key_figure = KeyFigure.objects.create(
            organisation=organisation,
            name=f"Sleutelfiguur {number}",
            community=DEMO_COMMUNITIES[number % len(DEMO_COMMUNITIES)],
            languages=rng.choice(("Nederlands", "Nederlands, Turks", "Nederlands, Arabisch", "Pools")),
            email=f"sleutelfiguur{number}@buurtpeil.invalid",
            consent_at=now,
        )
        key_figure.areas.set([rng.choice(places)])
        key_figure_member_sync(key_figure=key_figure)
    _demo_own_poll(
        organisation, DEMO_KEY_FIGURES_TITLE, ("safety_buurt", "nuisance", "cohesion"), "key_figures", rng
    )


def _demo_professionals(organisation, count: int = 24) -> None:
    """Wijkagenten, boa's and area staff in the professionals' panel, and their closed poll of
    the professionals' module, shown apart from the residents' and unweighted."""
    if Professional.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(24)
    wijken = list(organisation.areas.filter(level="wijk").order_by("code")[:12])
    roles = list(Professional.Role.values)
    for number in range(1, count + 1):
        professional = Professional.objects.create(
            organisation=organisation,
            name=f"Professional {number}",
            role=roles[number % len(roles)],
            employer="Politie eenheid Den Haag" if number % 2 else "Gemeente Den Haag",
            email=f"professional{number}@buurtpeil.invalid",
        )
        professional.areas.set([wijken[number % len(wijken)]])
        professional_member_sync(professional=professional)
    _demo_own_poll(organisation, DEMO_PROFESSIONALS_TITLE, ("professionals",), "professionals", rng)


def _demo_own_poll(organisation, title, modules, kind: str, rng) -> None:
    """A closed poll of ``kind``'s own panel, with made-up answers that see a little more
    trouble than the residents do."""
    poll, _new = _library_poll(organisation, title, modules, kind)
    version = version_latest(poll)
    synthetic_responses_create(
        version=version,
        rows=[
            (key, buurt, "", "", synthetic_answers(version.definition, -0.3, rng))
            for key, buurt in members_targeted(organisation, kind=kind)
        ],
    )
    poll_close(poll=poll)
    poll_results_compute(poll=poll)


def _demo_poll(organisation):
    """A published poll of library modules, sent to the synthetic panel (whose members have no
    address, so nothing is mailed)."""
    poll, new = _library_poll(organisation, DEMO_POLL_TITLE)
    if new:
        now = timezone.now()
        distribution_create(
            poll=poll,
            target={},
            channels=["email"],
            starts_at=now,
            ends_at=now + timedelta(days=28),
            reminder_days=[7],
        )
    return poll


def demo_answer_url() -> str:
    """One synthetic member's personal link to the demo poll, to try answering; "" if none."""
    poll = polls_for(organisation_by_code(DEMO_CODE)).filter(title=DEMO_POLL_TITLE["nl"]).first()
    distribution = poll.distributions.first() if poll else None
    recipient = (
        distribution.recipients.select_related("organisation").order_by("pk").first()
        if distribution
        else None
    )
    return recipient_answer_url(recipient) if recipient else ""
