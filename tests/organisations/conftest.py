"""Staff with a password, logging in through the login pages, and authenticator apps."""

import pytest

PASSWORD = "a-long-test-password"


@pytest.fixture
def staff_member(organisation, django_user_model):
    """An analyst of ``organisation`` who logs in with PASSWORD."""
    from buurtpeil.organisations.services import membership_grant

    user = django_user_model.objects.create_user(
        username="inge", password=PASSWORD, email="inge@gemeente.example"
    )
    membership_grant(user=user, organisation=organisation, role="analyst")
    return user


@pytest.fixture
def log_in(client):
    """log_in(username, password, **extra) -> the response to the password step."""

    def post(username, password=PASSWORD, next_url="", **extra):
        data = {"username": username, "password": password}
        if next_url:
            data["next"] = next_url
        return client.post("/staff/login/", data, **extra)

    return post


@pytest.fixture
def two_factor_required(settings):
    settings.STAFF_2FA_REQUIRED = True


@pytest.fixture
def authenticator(staff_member):
    """``staff_member``'s authenticator app, set up as on the set-up page: code(offset) gives the
    code it shows ``offset`` steps from now; ``recovery`` holds the recovery codes."""
    from buurtpeil.organisations import totp, twofactor

    class App:
        secret = totp.secret_new()

        def code(self, offset=0):
            return totp.code_at(self.secret, totp.step_at() + offset)

    app = App()
    # Set up with the current code: logins in the test use the next step's (code(1)), which is
    # unused whenever the test runs, also across a step boundary.
    app.recovery = twofactor.device_confirm(user=staff_member, secret=app.secret, code=app.code())
    return app
