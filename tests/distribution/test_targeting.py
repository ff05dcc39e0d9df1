"""Who a distribution reaches: areas, traits, a sample of exact size per buurt, never leavers."""

from collections import Counter

import pytest

from buurtpeil.distribution.targeting import TargetError, target_clean, target_members


@pytest.fixture
def three_buurten(buurten):
    codes = sorted(buurten)[:3]
    return [buurten[code] for code in codes]


def test_the_whole_panel_is_every_active_member_and_never_one_who_left(organisation, buurten, make_member):
    from buurtpeil.panel.models import PanelMember

    buurt = next(iter(buurten.values()))
    active = make_member(organisation, buurt)
    make_member(organisation, buurt, status=PanelMember.Status.LEFT)
    make_member(organisation, buurt, status=PanelMember.Status.PENDING)

    members = target_members(organisation, target_clean(organisation, {}), kind="residents")

    assert members == [(active.key, buurt.code)]


def test_members_of_another_organisation_are_never_reached(
    organisation, other_organisation, buurten, make_member
):
    make_member(other_organisation)
    mine = make_member(organisation, next(iter(buurten.values())))

    assert [
        key for key, _ in target_members(organisation, target_clean(organisation, {}), kind="residents")
    ] == [mine.key]


def test_a_wijk_stands_for_all_its_buurten_and_a_buurt_for_itself(organisation, buurten, make_member):
    first = next(iter(buurten.values()))
    wijk = first.parent
    in_wijk = [buurt for buurt in buurten.values() if buurt.parent_id == wijk.pk]
    elsewhere = next(buurt for buurt in buurten.values() if buurt.parent_id != wijk.pk)
    wijk_members = {make_member(organisation, buurt).key for buurt in in_wijk}
    other = make_member(organisation, elsewhere)

    by_wijk = target_members(organisation, target_clean(organisation, {"areas": [wijk.pk]}), kind="residents")
    by_buurt = target_members(
        organisation, target_clean(organisation, {"areas": [elsewhere.pk]}), kind="residents"
    )

    assert {key for key, _ in by_wijk} == wijk_members
    assert by_buurt == [(other.key, elsewhere.code)]


def test_traits_narrow_the_target_and_combine(organisation, three_buurten, make_member):
    buurt = three_buurten[0]
    young_woman = make_member(organisation, buurt, age_group="25_45", sex="female", household="single")
    make_member(organisation, buurt, age_group="25_45", sex="male")
    make_member(organisation, buurt, age_group="65_plus", sex="female")
    migrant = make_member(organisation, buurt, age_group="45_65", migration_background="first_generation")

    young_women = target_clean(organisation, {"traits": {"age_group": ["25_45"], "sex": ["female"]}})
    singles = target_clean(organisation, {"traits": {"household": ["single"]}})
    born_abroad = target_clean(organisation, {"traits": {"migration_background": ["first_generation"]}})

    assert [key for key, _ in target_members(organisation, young_women, kind="residents")] == [
        young_woman.key
    ]
    assert [key for key, _ in target_members(organisation, singles, kind="residents")] == [young_woman.key]
    assert [key for key, _ in target_members(organisation, born_abroad, kind="residents")] == [migrant.key]


def test_a_sample_per_buurt_has_exactly_the_size_asked_or_the_whole_smaller_buurt(
    organisation, three_buurten, make_member
):
    sizes = {three_buurten[0].code: 12, three_buurten[1].code: 5, three_buurten[2].code: 3}
    for buurt in three_buurten:
        for _ in range(sizes[buurt.code]):
            make_member(organisation, buurt, email=None)

    target = target_clean(organisation, {"sample_per_buurt": 5})
    chosen = target_members(organisation, target, kind="residents")

    assert Counter(code for _, code in chosen) == {
        three_buurten[0].code: 5,
        three_buurten[1].code: 5,
        three_buurten[2].code: 3,
    }
    assert len(set(chosen)) == len(chosen)


def test_the_sample_seed_is_recorded_and_draws_the_same_members_again(
    organisation, three_buurten, make_member
):
    for _ in range(30):
        make_member(organisation, three_buurten[0], email=None)

    target = target_clean(organisation, {"sample_per_buurt": 10})
    again = target_clean(organisation, {"sample_per_buurt": 10, "seed": target["seed"]})
    other = target_clean(organisation, {"sample_per_buurt": 10, "seed": target["seed"] + 1})

    assert isinstance(target["seed"], int)
    assert target_members(organisation, target, kind="residents") == target_members(
        organisation, again, kind="residents"
    )
    assert target_members(organisation, target, kind="residents") != target_members(
        organisation, other, kind="residents"
    )


@pytest.mark.parametrize(
    "target",
    [
        {"areas": [999_999_999]},
        {"traits": {"religion": ["x"]}},
        {"sample_per_buurt": -1},
        {"sample_per_buurt": "ten"},
        {"everyone": True},
    ],
)
def test_a_target_that_makes_no_sense_is_refused(organisation, buurten, target):
    with pytest.raises(TargetError):
        target_clean(organisation, target)


def test_areas_of_another_organisation_are_refused(organisation, other_organisation, buurten):
    from buurtpeil.areas.services import areas_import
    from tests.conftest import DEMO_GEOJSON

    areas_import(organisation=other_organisation, geojson=DEMO_GEOJSON.read_bytes())
    foreign = other_organisation.areas.filter(level="buurt").first()

    with pytest.raises(TargetError):
        target_clean(organisation, {"areas": [foreign.pk]})


def test_the_panel_selector_returns_keys_and_buurt_codes_only(organisation, buurten, make_member):
    from buurtpeil.panel.selectors import members_targeted

    buurt = next(iter(buurten.values()))
    member = make_member(organisation, buurt, email="secret@example.org", phone="0612345678")

    rows = members_targeted(organisation)

    assert rows == [(member.key, buurt.code)]
    assert "secret@example.org" not in repr(rows) and "0612345678" not in repr(rows)
