"""The results pages read stored results: figures with their n, suppressed figures said to be
suppressed and never shown, and the rights of each role."""

import re

import pytest
from django.urls import reverse

from tests.insights.conftest import BIG, NO_INHABITANTS, SMALL, SMALL_N, add_responses, make_poll

PERCENT = re.compile(r"\d+%")


@pytest.fixture
def viewer_client(client, den_haag, make_staff):
    client.force_login(make_staff(den_haag, "viewer"))
    return client


def _url(name, poll, *args, **query):
    url = reverse(f"insights:{name}", args=[poll.organisation.code, poll.pk, *args])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_results_page_shows_every_question_with_its_n(staff_client, computed):
    page = staff_client.get(_url("poll", computed.poll)).content.decode()
    assert f"n = {sum(BIG.values()) + SMALL_N}" in page
    assert "Voelt u zich weleens onveilig?" in page
    assert 'type="application/json"' in page  # the chart's specification


def test_a_buurt_below_the_minimum_shows_no_figure(staff_client, computed):
    page = staff_client.get(_url("poll", computed.poll, area=SMALL)).content.decode()
    main = page[page.index("<main") :]
    assert "te weinig respondenten om cijfers te tonen" in main
    assert not PERCENT.search(main.split("</h2>", 1)[1]), "no share of the small buurt"


def test_an_unknown_area_or_group_falls_back_to_the_municipality_with_a_message(staff_client, computed):
    page = staff_client.get(_url("poll", computed.poll, area="BU99999999"), follow=True).content.decode()
    assert "hoort niet bij deze gemeente" in page
    page = staff_client.get(_url("poll", computed.poll, area=SMALL, group="sex:female")).content.decode()
    assert "alleen voor de gemeente en wijken" in page


def test_a_viewer_sees_results_but_cannot_compute_them(viewer_client, computed):
    assert viewer_client.get(_url("poll", computed.poll)).status_code == 200
    assert viewer_client.post(_url("compute", computed.poll)).status_code == 403


def test_an_analyst_computes_the_results_of_a_poll(
    client, den_haag, make_staff, django_capture_on_commit_callbacks
):
    poll, version = make_poll(den_haag)
    add_responses(version, {"BU05182811": 40})
    client.force_login(make_staff(den_haag, "analyst"))
    page = client.get(_url("poll", poll)).content.decode()
    assert "nog niet berekend" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("compute", poll))
    response = client.get(_url("poll", poll))
    assert "n = 40" in response.content.decode()


def test_the_map_marks_a_suppressed_buurt_and_gives_others_their_figure(staff_client, computed):
    page = staff_client.get(_url("map", computed.poll, indicator="i.buurt_unsafe")).content.decode()
    small = re.search(rf'href="[^"]*/areas/{SMALL}/" aria-label="([^"]*)"><path[^>]*fill="([^"]*)"', page)
    assert small, "the small buurt is drawn and links to its page"
    assert small.group(2) == "url(#bp-hatch)"
    assert not PERCENT.search(small.group(1))
    big = re.search(r'/areas/BU05182811/" aria-label="([^"]*)"><path[^>]*fill="(#[0-9a-f]{6})"', page)
    assert big and PERCENT.search(big.group(1)) and "n = 160" in big.group(1)


def test_the_map_refuses_an_unknown_indicator_in_words(staff_client, computed):
    page = staff_client.get(_url("map", computed.poll, indicator="i.nonsense"), follow=True).content.decode()
    assert "Kies een indicator" in page


def test_the_buurt_page_shows_indicators_against_the_municipality_and_its_tafel(staff_client, computed):
    page = staff_client.get(_url("area", computed.poll, "BU05182811")).content.decode()
    assert "Tafel van 12" in page
    assert "160 respondenten" in page
    assert "Voelt zich weleens onveilig in de buurt" in page


def test_the_page_of_a_small_buurt_shows_no_figure_of_its_own(staff_client, computed):
    page = staff_client.get(_url("area", computed.poll, SMALL)).content.decode()
    assert "Te weinig respondenten om cijfers voor dit gebied te tonen" in page
    rows = re.findall(r'scope="row">[^<]*</th>\s*<td[^>]*>([^<]*)</td>', page)
    assert rows and all("%" not in cell and not re.search(r"\d", cell) for cell in rows)


def test_an_area_that_is_not_a_wijk_or_buurt_is_not_found(staff_client, computed):
    assert staff_client.get(_url("area", computed.poll, "GM0518")).status_code == 404
    assert staff_client.get(_url("area", computed.poll, "BU00000000")).status_code == 404


def test_the_buurt_page_marks_a_significant_change_since_the_previous_wave(staff_client, den_haag):
    from buurtpeil.insights.services import poll_results_compute

    for lean in (-1.5, 1.5):  # a calm wave, then a worried one
        poll, version = make_poll(den_haag, modules=("safety_buurt",))
        add_responses(version, {"BU05182811": 300}, seed=int(lean * 10), lean=lean)
        poll_results_compute(poll=poll)
    page = staff_client.get(_url("area", poll, "BU05182811")).content.decode()
    assert "significant gestegen" in page or "significant gedaald" in page
    assert "Over de metingen" in page


def test_the_overview_lists_polls_with_their_response_and_who_is_missing(staff_client, computed):
    url = reverse("insights:overview", args=[computed.poll.organisation.code])
    page = staff_client.get(url).content.decode()
    assert computed.poll.title in page
    assert "Wie ontbreekt er in het panel" in page


def test_the_map_marks_model_estimates_with_dots_a_legend_entry_and_no_n(staff_client, modelled):
    page = staff_client.get(_url("map", modelled.poll, indicator="i.mark_safety")).content.decode()
    small = re.search(rf'href="[^"]*/areas/{SMALL}/" aria-label="([^"]*)"><path[^>]*fill="([^"]*)"', page)
    assert small and re.fullmatch(r"url\(#bp-model-[0-4]\)", small.group(2))
    label = small.group(1)
    assert re.search(r": \d+\.\d \(\d+\.\d tot \d+\.\d\), modelschatting \(te weinig respondenten", label)
    assert "n =" not in label
    assert 'id="bp-model-0"' in page and "modelschatting (gestippeld)" in page  # pattern and legend
    rows = re.findall(r'<td class="utrecht-table__cell"><a [^>]*>([^<]*)</a>', page)
    assert label in rows
    park = re.search(rf'/areas/{NO_INHABITANTS}/" aria-label="[^"]*"><path[^>]*fill="([^"]*)"', page)
    assert park and park.group(1) == "url(#bp-hatch)"  # no registry figures: no model, hatched


def test_the_results_page_of_a_small_buurt_points_to_its_model_estimates(staff_client, modelled, computed):
    page = staff_client.get(_url("poll", modelled.poll, area=SMALL)).content.decode()
    assert "te weinig respondenten om cijfers te tonen" in page
    assert "modelschattingen van de indicatoren" in page
    page = staff_client.get(_url("poll", computed.poll, area=SMALL)).content.decode()
    assert "modelschattingen" not in page  # too few buurten with a figure: no model


def test_the_page_of_a_small_buurt_shows_model_estimates_as_such_without_comparisons(staff_client, modelled):
    page = staff_client.get(_url("area", modelled.poll, SMALL)).content.decode()
    assert "Te weinig respondenten om cijfers voor dit gebied te tonen" in page
    assert "niet uit de eigen respondenten" in page
    cells = r"\s*<td[^>]*>([^<]*)</td>" * 4
    rows = re.findall(r'scope="row">([^<]*)</th>' + cells, page[page.index("Indicatoren tegenover") :])
    assert rows and all(area.strip().endswith("(modelschatting)") for _label, area, *_rest in rows)
    assert all(difference == change == "\u2013" for *_cells, difference, change in rows)
