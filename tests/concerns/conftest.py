"""A Den Haag panel member logged in on the test client, and photos made with Pillow."""

import io

import pytest
from shapely.geometry import shape


@pytest.fixture
def member(den_haag):
    from buurtpeil.panel.models import PanelMember

    return PanelMember.objects.create(
        organisation=den_haag,
        buurt=den_haag.areas.filter(level="buurt").order_by("code").first(),
        age_group="45_65",
        sex="female",
        status=PanelMember.Status.ACTIVE,
    )


@pytest.fixture
def resident_client(client, member):
    from buurtpeil.panel import selectors

    session = client.session
    session[selectors.session_key(member.organisation)] = member.pk
    session.save()
    return client


def point_in(organisation, code: str) -> tuple[float, float]:
    """(lon, lat) of a point inside buurt ``code``."""
    area = organisation.areas.get(code=code)
    inside = shape(area.geometry).representative_point()
    return inside.x, inside.y


def jpeg_with_gps(size=(2400, 1800)) -> bytes:
    """A JPEG whose EXIF holds a GPS position, a camera and an orientation."""
    from PIL import Image

    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90 degrees
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 4.0, 43.0)
    gps[3], gps[4] = "E", (4.0, 18.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"secret comment")
    return out.getvalue()


def png(size=(64, 48), mode="RGBA") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size, (0, 120, 0, 128) if mode == "RGBA" else (0, 120, 0)).save(out, format="PNG")
    return out.getvalue()
