import pytest
from django.core.exceptions import ValidationError

from buurtpeil.organisations.services import organisation_upsert


@pytest.mark.django_db
def test_design_tokens_must_be_css_custom_properties():
    with pytest.raises(ValidationError):
        organisation_upsert(code="GM0001", name="X", design_tokens={"color": "red"})
    with pytest.raises(ValidationError):
        organisation_upsert(code="GM0002", name="Y", design_tokens={"--utrecht-x": "red;} body{display:none"})


@pytest.mark.django_db
def test_house_style_tokens_are_rendered_with_the_csp_nonce(client, organisation):
    organisation.design_tokens = {"--utrecht-button-primary-action-background-color": "#00811f"}
    organisation.save()
    response = client.get(f"/p/{organisation.code}/")
    body = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<style nonce="{nonce}">' in body
    assert "--utrecht-button-primary-action-background-color:#00811f" in body


@pytest.mark.django_db
def test_staff_home_lists_only_own_organisations(client, organisation, other_organisation, make_staff):
    user = make_staff(organisation, "viewer")
    from buurtpeil.organisations.services import membership_grant

    membership_grant(user=user, organisation=other_organisation, role="viewer")
    client.force_login(user)
    body = client.get("/staff/").content.decode()
    assert "Utrecht" in body and "Gravenhage" in body

    loner = make_staff(organisation, "viewer")
    client.force_login(loner)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"] == f"/staff/{organisation.code}/"


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_are_dutch_by_default_and_english_on_request(client, organisation):
    assert 'lang="nl"' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_resident_pages_fall_back_to_the_organisations_default_language(client):
    organisation_upsert(code="GM9999", name="Testgemeente", default_language="en")
    assert 'lang="en"' in client.get("/p/GM9999/").content.decode()  # the browser asks for nothing
    assert 'lang="en"' in client.get("/p/GM9999/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="nl"' in client.get("/p/GM9999/", HTTP_ACCEPT_LANGUAGE="nl-BE,en;q=0.5").content.decode()
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert 'lang="nl"' in client.get("/p/GM9999/").content.decode()  # the resident's own choice wins
