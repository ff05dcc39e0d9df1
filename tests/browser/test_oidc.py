"""In Chromium: the button *Inloggen met uw organisatie-account* takes a staff member to the
organisation's identity provider (a small one served in the test process, on another origin)
and back, logged in, under the site's Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.organisations.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeProvider, new_keys

pytestmark = pytest.mark.browser


def test_log_in_with_the_organisation_account(phone, axe, settings, transactional_db, django_user_model):
    from buurtpeil.organisations.services import membership_grant, organisation_upsert

    organisation = organisation_upsert(code="GM0518", name="'s-Gravenhage")
    user = django_user_model.objects.create_user(username="inge", email="inge@gemeente.example")
    membership_grant(user=user, organisation=organisation, role="analyst")
    with FakeProvider(*new_keys()) as provider:
        settings.OIDC_DISCOVERY_URL = provider.issuer
        settings.OIDC_CLIENT_ID, settings.OIDC_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
        settings.OIDC_IDP_ENFORCES_MFA = True

        phone.goto("/staff/GM0518/polls/")
        assert axe(phone) == []
        with phone.expect_navigation(url=re.compile(r"/staff/GM0518/polls/$")):
            phone.get_by_role("button", name="Inloggen met uw organisatie-account").click()
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        assert phone.console_errors == []
