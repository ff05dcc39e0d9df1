"""A photo is checked by its bytes and written anew without any metadata."""

import io

import pytest
from PIL import Image

from buurtpeil.concerns.photos import MAX_BYTES, MAX_SIDE, PhotoRefused, photo_clean
from tests.concerns.conftest import jpeg_with_gps, png


def test_a_photo_loses_its_exif_and_gps_and_is_turned_upright_and_scaled_down():
    original = jpeg_with_gps()
    assert b"PhoneMaker" in original and Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = photo_clean(original)
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == "JPEG"
    assert not image.getexif() and not image.getexif().get_ifd(0x8825)
    assert "exif" not in image.info and "comment" not in image.info and "icc_profile" not in image.info
    assert b"PhoneMaker" not in cleaned and b"Exif" not in cleaned and b"secret comment" not in cleaned
    assert image.size == (1200, MAX_SIDE)  # 2400 by 1800, rotated upright, longest side 1600


def test_png_and_webp_are_accepted_and_stored_as_jpeg():
    assert Image.open(io.BytesIO(photo_clean(png()))).format == "JPEG"
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(out, format="WEBP")
    assert Image.open(io.BytesIO(photo_clean(out.getvalue()))).size == (30, 20)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Dit is geen foto maar tekst in een bestand met de naam foto.jpg\n" * 20, "not_an_image"),
        (jpeg_with_gps((400, 300))[:1500], "not_an_image"),  # a truncated JPEG
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "not_an_image"),  # a JPEG header and nothing else
        (b"GIF89a" + b"\x00" * 100, "not_an_image"),
        (b"x" * (MAX_BYTES + 1), "too_large"),
    ],
    ids=["text-named-jpg", "truncated-jpeg", "jpeg-header-only", "broken-gif", "too-large"],
)
def test_what_is_not_a_readable_photo_is_refused(data, reason):
    with pytest.raises(PhotoRefused) as refused:
        photo_clean(data)
    assert refused.value.reason == reason


def test_an_image_of_another_type_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="GIF")
    with pytest.raises(PhotoRefused) as refused:
        photo_clean(out.getvalue())
    assert refused.value.reason == "wrong_type"


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_allowed_truncated_images(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does
    with pytest.raises(PhotoRefused):
        photo_clean(jpeg_with_gps((400, 300))[:1500])
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # and it is left as it was
