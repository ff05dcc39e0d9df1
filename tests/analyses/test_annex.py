"""The annex of a safety plan holds the agreed neighbourhood analyses of the plan's areas, as
last agreed, with date and version, and says which priority came from which analysis."""

import datetime

import pytest

from buurtpeil.analyses import services
from tests.reports.conftest import odt_parts

pytestmark = pytest.mark.django_db


def test_the_annex_holds_the_agreed_analysis_and_not_a_later_draft(
    client, analysis, other_analysis, member, den_haag
):
    from buurtpeil.plans.models import Plan

    analyst = member("analyst")
    plan = Plan.objects.create(
        organisation=den_haag, title="IVP", starts=datetime.date(2027, 1, 1), ends=datetime.date(2030, 12, 31)
    )
    content = {
        "strengths": "Veel groen en actieve bewoners",
        "weaknesses": "Donkere stegen",
        "factors": {"7": "Slecht verlicht"},
    }
    services.analysis_save(analysis=analysis, content=content, based_on=1, membership=analyst)
    services.analysis_submit(analysis=analysis, membership=analyst)
    agreed = services.analysis_agree(analysis=analysis, membership=analyst)
    services.analysis_priority_adopt(
        analysis=agreed, plan=plan, factor=7, reasons="Donker", membership=analyst
    )
    services.analysis_reopen(analysis=agreed, membership=analyst)
    services.analysis_save(
        analysis=agreed,
        content={**content, "strengths": "Nog niet besproken"},
        based_on=5,
        membership=analyst,
    )
    for other in (other_analysis,):  # agreed, but not an area of the plan
        services.analysis_submit(analysis=other, membership=analyst)
        services.analysis_agree(analysis=other, membership=analyst)
    client.force_login(member("viewer").user)
    text = odt_parts(client.get(f"/staff/{den_haag.code}/plans/{plan.pk}/annex.odt").content).content
    assert "Buurtanalyses" in text and f"{analysis.area.name}: Buurtanalyse 2027" in text
    assert f"versie {agreed.version}" in text and "Vastgesteld op" in text
    assert "Veel groen en actieve bewoners" in text and "Slecht verlicht" in text
    assert "Nog niet besproken" not in text
    assert other_analysis.area.name not in text
    assert f"Buurtanalyse “Buurtanalyse 2027”, versie {agreed.version}" in text
