"""A panel member reports an unsafe situation: on the map or from the list, masked, with a photo
stripped of its metadata; emergencies are sent to 112 and not stored; double submits and more
than ten a day are not stored twice."""

import io
import uuid

import pytest
from django.urls import reverse
from PIL import Image

from buurtpeil.concerns.models import Concern
from tests.concerns.conftest import jpeg_with_gps, point_in

pytestmark = pytest.mark.django_db

BUURT = "BU05182811"


def _url(organisation, name="concerns:report"):
    return reverse(name, kwargs={"org_code": organisation.code})


def _data(**changes):
    data = {
        "happening_now": "no",
        "category": "drugs",
        "buurt": "",
        "place": "",
        "lon": "",
        "lat": "",
        "text": "Elke avond wordt er gedeald bij het speeltuintje.",
        "on_behalf_of": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_panel(client, den_haag):
    response = client.get(_url(den_haag))
    assert response.status_code == 302 and response["Location"] == f"/p/{den_haag.code}/"
    assert client.post(_url(den_haag), _data(buurt=BUURT)).status_code == 302
    assert not Concern.objects.exists()


def test_the_form_asks_what_and_where_and_shows_112_first(resident_client, den_haag):
    page = resident_client.get(_url(den_haag)).content.decode()
    assert "Meld een onveilige situatie" in page
    assert page.index('href="tel:112"') < page.index('<form method="post"')
    assert "0900-8844" in page
    assert 'name="submission_key"' in page and 'enctype="multipart/form-data"' in page
    assert "Drugshandel of drugsgebruik" in page and "Een donkere of onoverzichtelijke plek" in page


def test_a_point_on_the_map_finds_its_buurt_and_the_text_is_masked(resident_client, den_haag, member):
    lon, lat = point_in(den_haag, BUURT)
    text = "Meneer Jansen dealt hier, bel 06-12345678. Hij woont op de Hoefkade 12."
    response = resident_client.post(
        _url(den_haag),
        _data(lon=str(lon), lat=str(lat), buurt="", text=text, on_behalf_of="Bewonerscommissie Oost"),
    )
    assert response.status_code == 302 and response["Location"] == _url(den_haag, "concerns:sent")
    concern = Concern.objects.get()
    assert concern.buurt.code == BUURT and concern.member_key == member.key
    assert (concern.lon, concern.lat) == pytest.approx((lon, lat))
    assert (
        "Jansen" not in concern.text
        and "06-12345678" not in concern.text
        and "Hoefkade 12" not in concern.text
    )
    assert "[telefoon]" in concern.text
    assert concern.on_behalf_of == "Bewonerscommissie Oost" and concern.status == "new"
    assert "Bedankt voor uw signaal" in resident_client.get(response["Location"]).content.decode()


def test_without_the_map_a_buurt_from_the_list_and_a_description_will_do(resident_client, den_haag):
    response = resident_client.post(
        _url(den_haag), _data(buurt=BUURT, place="Speeltuin bij de Hoefkade", category="dark_spot")
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (
        concern.buurt.code == BUURT and concern.lon is None and concern.place == "Speeltuin bij de Hoefkade"
    )


def test_without_a_place_the_form_says_so_in_dutch_and_keeps_the_text(resident_client, den_haag):
    response = resident_client.post(_url(den_haag), _data(text="Kapotte lantaarn al weken"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kies de buurt, of tik de plek aan op de kaart." in page
    assert "Kapotte lantaarn al weken" in page
    assert not Concern.objects.exists()


def test_a_point_outside_the_buurten_is_refused(resident_client, den_haag):
    response = resident_client.post(_url(den_haag), _data(lon="5.1", lat="52.09"))  # Utrecht
    assert "buiten onze buurten" in response.content.decode()
    assert not Concern.objects.exists()


def test_happening_now_shows_112_and_stores_nothing(resident_client, den_haag):
    response = resident_client.post(_url(den_haag), _data(happening_now="yes", buurt=BUURT))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bel nu 112" in page and 'href="tel:112"' in page
    assert "niet opgeslagen" in page
    assert not Concern.objects.exists()
    # Nothing else needs filling in to get the number.
    response = resident_client.post(_url(den_haag), {"happening_now": "yes"})
    assert "Bel nu 112" in response.content.decode()


def test_emergency_words_ask_to_confirm_it_is_not_happening_now(resident_client, den_haag):
    data = _data(buurt=BUURT, text="Er staat een auto in brand op het plein")
    page = resident_client.post(_url(den_haag), data).content.decode()
    assert "bel dan 112" in page and 'name="not_an_emergency"' in page
    assert not Concern.objects.exists()
    response = resident_client.post(_url(den_haag), {**data, "not_an_emergency": "on"})
    assert response.status_code == 302 and Concern.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Er staat een auto in brand op het plein", ["in brand"]),
        ("Someone with a knife is shouting, it is happening now", ["knife", "happening now"]),
        ("Er wordt nu geschoten / shots fired", ["geschoten", "shots"]),
        ("Veel vuurwerkafval en fireworks op straat", []),  # no emergency, nothing asked
        ("Afgelopen maand is er ingebroken in de schuur", []),
    ],
)
def test_emergency_words_are_found_in_dutch_and_english(text, words):
    from buurtpeil.concerns.emergency import emergency_words

    assert emergency_words(text) == words


def test_a_double_submit_stores_one_signal(resident_client, den_haag):
    data = _data(buurt=BUURT)
    first = resident_client.post(_url(den_haag), data)
    second = resident_client.post(_url(den_haag), data)
    assert first.status_code == second.status_code == 302
    assert Concern.objects.count() == 1


def test_more_than_ten_signals_a_day_are_refused_with_a_clear_message(resident_client, den_haag):
    for _ in range(10):
        assert resident_client.post(_url(den_haag), _data(buurt=BUURT)).status_code == 302
    response = resident_client.post(_url(den_haag), _data(buurt=BUURT, text="Nog eentje"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "10 signalen" in page and "morgen" in page and "Nog eentje" in page
    assert Concern.objects.count() == 10


def test_a_photo_is_stored_without_its_gps_position(resident_client, den_haag):
    upload = io.BytesIO(jpeg_with_gps())
    upload.name = "IMG_0001.jpg"
    response = resident_client.post(_url(den_haag), {**_data(buurt=BUURT), "photo": upload})
    assert response.status_code == 302
    stored = bytes(Concern.objects.get().photo)
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and max(image.size) == 1600
    assert not image.getexif() and b"PhoneMaker" not in stored


def test_a_text_file_named_jpg_is_refused_and_nothing_is_stored(resident_client, den_haag):
    upload = io.BytesIO(b"Dit is geen foto.\n" * 50)
    upload.name = "foto.jpg"
    response = resident_client.post(_url(den_haag), {**_data(buurt=BUURT, text="Graffiti"), "photo": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "geen foto die wij kunnen lezen" in page and "Graffiti" in page
    assert not Concern.objects.exists()


def test_erasing_a_member_deletes_their_signals(resident_client, den_haag, member):
    from buurtpeil.panel.services import member_erase

    resident_client.post(_url(den_haag), _data(buurt=BUURT))
    assert Concern.objects.count() == 1
    member_erase(member=member)
    assert not Concern.objects.exists()
