"""Municipalities with stored results, made directly (the figures themselves are computed and
tested in tests/insights): one cell for the whole municipality per indicator."""

import pytest

INDICATOR = "buurt_unsafe"


def member_with_results(
    code: str,
    name: str,
    *,
    n: int = 50,
    estimate: float = 0.3,
    privacy_minimum: int = 10,
    modules=("safety_buurt",),
    version: str | None = None,
    population: int = 50_000,
):
    """A municipality with one computed poll of library ``modules`` (the stamp's version replaced
    by ``version`` when given), ``n`` respondents and ``population`` inhabitants in one buurt."""
    from buurtpeil.areas.models import Area
    from buurtpeil.insights.models import PollResults, ResultPart
    from buurtpeil.organisations.services import organisation_upsert
    from buurtpeil.polls.definition import definition_empty
    from buurtpeil.polls.services import poll_create, poll_module_add

    organisation = organisation_upsert(code=code, name=name, privacy_minimum=privacy_minimum)
    poll = poll_create(
        organisation=organisation,
        title=f"Peiling {name}",
        definition=definition_empty(languages=["nl", "en"], title={"nl": "P"}),
    )
    for module in modules:
        poll_module_add(poll=poll, module_code=module)
    poll.refresh_from_db()
    definition = poll.definition
    if version:
        for group in definition["groups"]:
            group["module"]["version"] = version
    top = Area.objects.create(organisation=organisation, level="gemeente", code=code, name=name)
    Area.objects.create(
        organisation=organisation,
        level="buurt",
        code=f"BU{code[2:]}01",
        name="B",
        parent=top,
        population=population,
    )
    results = PollResults.objects.create(
        organisation=organisation,
        poll=poll,
        status=PollResults.Status.READY,
        respondents=n,
        summary={
            "areas": [[code, name, "gemeente", None]],
            "indicators": [INDICATOR],
            "definition": definition,
        },
    )
    figure = {"s": "shown", "n": n, "e": estimate, "l": estimate - 0.05, "h": estimate + 0.05, "se": 0.02}
    ResultPart.objects.create(
        results=results, key=f"cell:{code}::", data={"n": n, "columns": {f"i.{INDICATOR}": figure}}
    )
    return organisation


@pytest.fixture
def region(db):
    from buurtpeil.organisations.services import organisation_upsert

    return organisation_upsert(code="VR15", name="Veiligheidsregio Haaglanden", kind="region")
