"""The audit log records every staff login in each of the user's organisations, and every
membership granted, changed or removed in the Django admin or by a service with an actor."""

from html.parser import HTMLParser

import pytest

from buurtpeil.organisations.models import AuditEvent, Membership
from buurtpeil.organisations.services import membership_grant, membership_revoke


class _FormFields(HTMLParser):
    """The values a browser would submit from the page's main form (inputs, selects, textareas)."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "file", "checkbox"}:
            self.fields[name] = attrs.get("value") or ""
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields[name] = "on"
        elif tag == "select" and name:
            self._select = name
            if "multiple" not in attrs:  # an empty multiple select sends nothing
                self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data.strip()


def _form(client, url: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    return {k: v for k, v in parser.fields.items() if not k.startswith("_")}


def _role_changes(organisation):
    events = AuditEvent.objects.filter(organisation=organisation, action=AuditEvent.Action.ROLE_CHANGE)
    return [
        (event.actor.get_username() if event.actor else None, event.subject)
        for event in events.order_by("pk")
    ]


@pytest.fixture
def operator(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="operator", password="x-long-password-1")
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_a_login_is_recorded_in_each_organisation_of_the_user(
    client, organisation, other_organisation, staff_member, log_in
):
    membership_grant(user=staff_member, organisation=other_organisation, role="viewer")
    log_in("inge")
    logins = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN)
    assert sorted(e.organisation.code for e in logins) == ["GM0344", "GM0518"]
    assert {(e.actor, e.subject) for e in logins} == {(staff_member, "login (password)")}

    client.force_login(membership_grant(user=staff_member, organisation=organisation, role="admin").user)
    page = client.get(f"/staff/{organisation.code}/audit/").content.decode()
    assert "Ingelogd" in page and "login (password)" in page


@pytest.mark.django_db
def test_memberships_edited_on_an_organisation_in_the_admin_are_recorded(
    client, organisation, staff_member, operator
):
    url = f"/beheer/organisations/organisation/{organisation.pk}/change/"
    data = _form(client, url)
    assert data["memberships-0-role"] == "analyst"
    data["memberships-0-role"] = "admin"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get().role == "admin"

    data = _form(client, url)
    data["memberships-0-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert not Membership.objects.exists()

    assert _role_changes(organisation) == [
        ("operator", "role changed: inge from analyst to admin"),
        ("operator", "role removed: inge was admin"),
    ]


@pytest.mark.django_db
def test_memberships_granted_on_a_user_in_the_admin_and_deleting_a_user_are_recorded(
    client, organisation, other_organisation, staff_member, operator
):
    url = f"/beheer/auth/user/{staff_member.pk}/change/"
    data = _form(client, url)
    data.update(
        {
            "memberships-TOTAL_FORMS": "2",
            "memberships-1-organisation": str(other_organisation.pk),
            "memberships-1-role": "viewer",
            "memberships-1-user": str(staff_member.pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _role_changes(other_organisation) == [("operator", "role granted: inge is viewer")]

    response = client.post(f"/beheer/auth/user/{staff_member.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert _role_changes(organisation) == [("operator", "role removed: inge was analyst")]
    assert _role_changes(other_organisation)[-1] == ("operator", "role removed: inge was viewer")


@pytest.mark.django_db
def test_services_record_role_changes_by_a_person_but_deleting_an_organisation_does_not(
    organisation, other_organisation, staff_member, make_staff
):
    administrator = make_staff(organisation, "admin")
    membership_grant(
        user=staff_member, organisation=organisation, role="analyst", actor=administrator
    )  # unchanged
    membership_grant(user=staff_member, organisation=organisation, role="viewer", actor=administrator)
    membership_revoke(user=staff_member, organisation=organisation, actor=administrator)
    assert _role_changes(organisation) == [
        (administrator.get_username(), "role changed: inge from analyst to viewer"),
        (administrator.get_username(), "role removed: inge was viewer"),
    ]

    membership_grant(user=staff_member, organisation=other_organisation, role="viewer", actor=administrator)
    from buurtpeil.organisations.services import acting_as

    with acting_as(administrator):
        other_organisation.delete()
    assert not AuditEvent.objects.filter(organisation_id=other_organisation.pk).exists()
