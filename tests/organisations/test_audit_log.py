import pytest

from buurtpeil.organisations.models import AuditEvent
from tests.conftest import DEMO_GEOJSON


@pytest.mark.django_db
def test_every_letter_export_and_area_import_is_recorded(client, organisation, make_staff):
    from buurtpeil.areas.services import areas_import
    from buurtpeil.panel.models import Invitation, InvitationContact, RecruitmentBatch

    admin = make_staff(organisation, "admin")
    client.force_login(admin)
    with DEMO_GEOJSON.open("rb") as geojson:
        response = client.post(f"/staff/{organisation.code}/areas/import/", {"geojson": geojson})
    assert response.status_code == 302
    areas_import(organisation=organisation, geojson=DEMO_GEOJSON.read_bytes())
    batch = RecruitmentBatch.objects.create(organisation=organisation, name="Wave 1")
    invitation = Invitation.objects.create(
        organisation=organisation,
        batch=batch,
        code="ABCD2345",
        buurt=organisation.areas.filter(level="buurt")[0],
    )
    InvitationContact.objects.create(invitation=invitation, name="J. Jansen", address="Spui 70")

    assert client.get(f"/staff/{organisation.code}/recruitment/{batch.pk}/codes.csv").status_code == 200
    assert client.get(f"/staff/{organisation.code}/recruitment/{batch.pk}/letters/").status_code == 200

    events = list(AuditEvent.objects.filter(organisation=organisation).order_by("pk"))
    assert [e.action for e in events] == ["import", "export", "view_personal_data"]
    assert all(e.actor == admin for e in events)
    assert "Spui" not in " ".join(e.subject for e in events)  # the log names what, never the data

    page = client.get(f"/staff/{organisation.code}/audit/").content.decode()
    assert f"letter codes of batch {batch.pk}" in page


@pytest.mark.django_db
def test_audit_log_is_for_administrators_only(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    assert client.get(f"/staff/{organisation.code}/audit/").status_code == 403
