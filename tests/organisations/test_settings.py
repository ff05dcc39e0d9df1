import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from buurtpeil.organisations.forms import contrast_with_white
from buurtpeil.organisations.models import Organisation

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _post(client, organisation, **changes):
    data = {
        "name": organisation.name,
        "default_language": "nl",
        "privacy_contact": "privacy@example.org",
        "retention_months": 60,
        "privacy_minimum": 10,
        "reliability_minimum": 30,
        "indicative_half_width": 10,
        "design_tokens": "{}",
        "primary_colour": "",
        **changes,
    }
    return client.post(f"/staff/{organisation.code}/settings/", data)


def test_contrast_ratio_follows_wcag():
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.django_db
def test_admin_sets_house_style_and_residents_see_it(staff_client, client, organisation):
    logo = SimpleUploadedFile("logo.png", PNG, content_type="image/png")
    response = _post(staff_client, organisation, primary_colour="#00689E", logo=logo, name="Den Haag")
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Den Haag"
    assert organisation.design_tokens["--basis-color-action-1-inverse-bg-default"] == "#00689e"

    page = client.get(f"/p/{organisation.code}/").content.decode()
    assert "--basis-color-action-1-inverse-bg-default:#00689e" in page
    assert f'src="/logo/{organisation.code}?v=' in page
    served = client.get(f"/logo/{organisation.code}")
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"primary_colour": "#ffcc00"}, "at least 4.5:1"),
        ({"primary_colour": "blue"}, "six hexadecimal digits"),
        (
            {"logo": SimpleUploadedFile("x.svg", b"<svg onload='alert(1)'/>", "image/svg+xml")},
            "PNG, JPEG or WebP",
        ),
        ({"logo": SimpleUploadedFile("big.png", PNG + b"\x00" * 600_000, "image/png")}, "512 KB"),
        ({"design_tokens": '{"color": "red"}'}, "custom property"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(staff_client, organisation, changes, message, settings):
    settings.LANGUAGE_CODE = "en"
    response = _post(staff_client, organisation, HTTP_ACCEPT_LANGUAGE="en", **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Organisation.objects.get(pk=organisation.pk).design_tokens == organisation.design_tokens
    assert not Organisation.objects.get(pk=organisation.pk).logo


@pytest.mark.django_db
def test_settings_are_for_administrators_only(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    assert client.get(f"/staff/{organisation.code}/settings/").status_code == 403


@pytest.mark.django_db
def test_no_logo_is_a_404(client, organisation):
    assert client.get(f"/logo/{organisation.code}").status_code == 404


@pytest.mark.django_db
def test_the_thresholds_for_showing_figures_are_set_per_organisation(staff_client, organisation):
    from buurtpeil.organisations.selectors import suppression_rules

    assert (
        _post(
            staff_client, organisation, privacy_minimum=5, reliability_minimum=50, indicative_half_width=8
        ).status_code
        == 302
    )
    organisation.refresh_from_db()
    rules = suppression_rules(organisation)
    assert (rules.privacy_minimum, rules.reliability_minimum, rules.max_half_width) == (5, 50, 0.08)
    for changes, field in (
        ({"privacy_minimum": 0}, "privacy_minimum"),
        ({"privacy_minimum": 40, "reliability_minimum": 30}, "reliability_minimum"),
        ({"indicative_half_width": 0}, "indicative_half_width"),
    ):
        response = _post(staff_client, organisation, **changes)
        assert response.status_code == 200 and field in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.privacy_minimum == 5 and organisation.indicative_half_width == 8
