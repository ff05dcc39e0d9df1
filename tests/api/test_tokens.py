"""Staff API tokens: the administrators' page, the command, and how a token authenticates."""

import re

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

PAGE = "/staff/{code}/api-tokens/"


def _audit(organisation):
    from buurtpeil.organisations.models import AuditEvent

    return list(AuditEvent.objects.filter(organisation=organisation).values_list("action", "subject"))


def test_an_administrator_makes_a_token_that_is_shown_once(client, organisation, make_staff, api):
    from buurtpeil.api.models import ApiToken

    admin = make_staff(organisation, "admin")
    client.force_login(admin)
    page = PAGE.format(code=organisation.code)

    made = client.post(page, {"name": "Dashboard beleid"})

    assert made.status_code == 200
    assert made["Cache-Control"].startswith("max-age=0") and "no-store" in made["Cache-Control"]
    token = re.search(r'<code class="bp-code" id="new-token">(bp_[\w-]+)</code>', made.content.decode())[1]
    stored = ApiToken.objects.get()
    assert stored.user == admin and stored.name == "Dashboard beleid"
    assert token not in {stored.digest, stored.prefix} and token.startswith(stored.prefix)
    assert token not in client.get(page).content.decode()  # never again
    assert "Dashboard beleid" in client.get(page).content.decode()
    assert api.get("/api/v1/peilingen", token=token).status_code == 200
    assert (
        _audit(organisation)[0][0] == "api_token"
        and "created: Dashboard beleid" in _audit(organisation)[0][1]
    )


def test_a_revoked_token_stops_working(client, organisation, make_staff, api, token):
    from buurtpeil.api.models import ApiToken

    client.force_login(make_staff(organisation, "admin"))
    api_token = ApiToken.objects.get()
    assert api.get("/api/v1/peilingen", token=token).status_code == 200

    response = client.post(f"{PAGE.format(code=organisation.code)}{api_token.pk}/revoke/", follow=True)

    assert response.status_code == 200 and "ingetrokken" in response.content.decode()
    assert api.get("/api/v1/peilingen", token=token).status_code == 401
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None
    assert "revoked: dashboard" in _audit(organisation)[0][1]


def test_only_administrators_manage_tokens(client, organisation, make_staff):
    page = PAGE.format(code=organisation.code)
    for role in ("analyst", "viewer"):
        client.force_login(make_staff(organisation, role))
        assert client.get(page).status_code == 403
        assert client.post(page, {"name": "x"}).status_code == 403


def test_another_organisations_token_cannot_be_revoked_through_ours(
    client, organisation, other_organisation, make_staff, other_token, api
):
    from buurtpeil.api.models import ApiToken

    client.force_login(make_staff(organisation, "admin"))
    theirs = ApiToken.objects.get(organisation=other_organisation)
    response = client.post(f"{PAGE.format(code=organisation.code)}{theirs.pk}/revoke/")
    assert response.status_code == 404
    assert api.get("/api/v1/peilingen", token=other_token).status_code == 200


def test_a_token_stops_working_when_its_user_leaves_the_organisation(organisation, token, api):
    from buurtpeil.organisations.models import Membership

    Membership.objects.filter(organisation=organisation).delete()
    assert api.get("/api/v1/peilingen", token=token).status_code == 401


def test_a_token_records_when_it_was_last_used(token, api):
    from buurtpeil.api.models import ApiToken

    assert ApiToken.objects.get().last_used_at is None
    api.get("/api/v1/peilingen", token=token)
    assert ApiToken.objects.get().last_used_at is not None


def test_the_command_prints_a_working_token(organisation, make_staff, api, capsys):
    user = make_staff(organisation, "analyst")

    call_command("api_token", organisation=organisation.code, user=user.username, name="Datawarehouse")

    token = capsys.readouterr().out.strip()
    assert api.get("/api/v1/peilingen", token=token).status_code == 200
    assert "Datawarehouse" in _audit(organisation)[0][1]


def test_the_command_refuses_a_user_outside_the_organisation(organisation, other_organisation, make_staff):
    outsider = make_staff(other_organisation, "admin")
    with pytest.raises(CommandError, match="not a member"):
        call_command("api_token", organisation=organisation.code, user=outsider.username, name="x")
    with pytest.raises(CommandError, match="No organisation"):
        call_command("api_token", organisation="GM9999", user=outsider.username, name="x")
