"""Staff log in with their organisation's account (OpenID Connect) against a small provider
served in the test process: matched to an existing staff user by verified e-mail address, never
creating users, memberships or roles, and refused on anything that does not add up."""

from urllib.parse import urlsplit

import pytest
import requests

from buurtpeil.organisations.models import AuditEvent, Membership
from tests.organisations.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeProvider, new_keys

BUTTON = "Inloggen met uw organisatie-account"
REFUSED = "Inloggen met uw organisatie-account is niet gelukt."


@pytest.fixture(scope="module")
def keys():
    return new_keys()


@pytest.fixture
def provider(keys, settings):
    with FakeProvider(*keys) as running:
        settings.OIDC_DISCOVERY_URL = running.issuer
        settings.OIDC_CLIENT_ID = CLIENT_ID
        settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
        yield running


def _log_in_at_the_provider(client, next_url="", state=None):
    """The button, the provider (where the user is already logged in), and back: the answer to
    the callback."""
    start = client.post("/staff/login/organisation/", {"next": next_url})
    assert start.status_code == 302
    back = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/staff/login/organisation/callback/"
    query = callback.query if state is None else callback.query.split("&state=")[0] + f"&state={state}"
    return client.get(f"{callback.path}?{query}")


def _refused(client, response) -> str:
    """Why the login was refused, as the audit log says; asserts that it was."""
    assert response.status_code == 302 and response["Location"] == "/staff/login/"
    assert REFUSED in client.get(response["Location"]).content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert failed.organisation is None and failed.actor is None
    return failed.subject.removeprefix("failed login with an organisation account: ")


@pytest.mark.django_db
def test_the_button_shows_only_when_a_provider_is_configured(client, settings):
    response = client.get("/staff/login/")
    assert BUTTON not in response.content.decode()
    assert "form-action 'self';" in response["Content-Security-Policy"]
    settings.OIDC_DISCOVERY_URL = "https://login.gemeente.example/realms/staff"
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = "buurtpeil", "secret"
    response = client.get("/staff/login/")
    assert BUTTON in response.content.decode()
    # The browser may follow the button's redirect to the provider, and nowhere else.
    assert "form-action 'self' https://login.gemeente.example;" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_verified_address_of_a_staff_member_logs_in(client, organisation, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.claims["email"] = "Inge@Gemeente.Example"  # addresses match whatever their case
    memberships = list(Membership.objects.values_list("user", "organisation", "role"))

    response = _log_in_at_the_provider(client, next_url=f"/staff/{organisation.code}/polls/")
    assert response.status_code == 302 and response["Location"] == f"/staff/{organisation.code}/polls/"
    assert client.session["_auth_user_id"] == str(staff_member.pk)
    assert client.get(f"/staff/{organisation.code}/polls/").status_code == 200
    assert list(Membership.objects.values_list("user", "organisation", "role")) == memberships
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (login.actor, login.subject) == (staff_member, "login (organisation account)")


@pytest.mark.django_db
def test_without_mfa_at_the_provider_the_authenticator_code_follows(
    client, organisation, staff_member, authenticator, provider
):
    response = _log_in_at_the_provider(client)
    assert response["Location"] == "/staff/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.post("/staff/login/code/", {"code": authenticator.code(1)}).status_code == 302
    assert client.session["_auth_user_id"] == str(staff_member.pk)
    assert (
        AuditEvent.objects.get(action="login").subject == "login (organisation account and authenticator app)"
    )


@pytest.mark.django_db
def test_without_mfa_at_the_provider_an_app_is_set_up_when_required(
    client, staff_member, provider, two_factor_required
):
    assert _log_in_at_the_provider(client)["Location"] == "/staff/security/setup/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_address_may_come_from_userinfo(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.claims_in_id_token = False
    assert _log_in_at_the_provider(client).status_code == 302
    assert client.session["_auth_user_id"] == str(staff_member.pk)


@pytest.mark.django_db
def test_an_unknown_address_is_refused_and_nothing_is_created(
    client, staff_member, provider, settings, django_user_model, caplog
):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.claims["email"] = "stranger@elders.example"
    caplog.set_level("INFO")
    users = django_user_model.objects.count()
    reason = _refused(client, _log_in_at_the_provider(client))
    assert reason == "no staff user with this verified e-mail address"
    assert django_user_model.objects.count() == users and Membership.objects.count() == 1
    assert "stranger" not in caplog.text


@pytest.mark.django_db
def test_a_user_without_a_membership_is_refused(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    Membership.objects.all().delete()
    assert (
        _refused(client, _log_in_at_the_provider(client)) == "no staff user with this verified e-mail address"
    )


@pytest.mark.django_db
def test_an_unverified_address_is_refused(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.claims["email_verified"] = False
    assert _refused(client, _log_in_at_the_provider(client)) == "e-mail address not verified"


@pytest.mark.django_db
def test_a_wrong_state_is_refused(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    reason = _refused(client, _log_in_at_the_provider(client, state="a-state-of-another-browser"))
    assert reason == "invalid answer from the identity provider (MismatchingStateError)"


@pytest.mark.django_db
def test_a_wrong_nonce_is_refused(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.wrong_nonce = True
    assert _refused(client, _log_in_at_the_provider(client)).endswith("(InvalidClaimError)")


@pytest.mark.django_db
def test_an_id_token_signed_with_another_key_is_refused(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.sign_with_other_key = True
    assert _refused(client, _log_in_at_the_provider(client)).endswith("(BadSignatureError)")


@pytest.mark.django_db
def test_an_answer_without_id_token_is_refused(client, staff_member, provider, settings):
    settings.OIDC_IDP_ENFORCES_MFA = True
    provider.without_id_token = True
    assert _refused(client, _log_in_at_the_provider(client)) == "no ID token"


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_leaves_the_password_login(client, settings):
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/realms/staff"  # nothing listens there
    settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    response = client.post("/staff/login/organisation/", follow=True)
    page = response.content.decode()
    assert "Inloggen met uw organisatie-account is nu niet beschikbaar." in page
    assert 'name="password"' in page
