"""No results page, map, buurt page, overview or open-data file ever shows contact data, even
when residents put it in their open answers."""

import uuid

from django.urls import reverse

from buurtpeil.insights.services import poll_results_compute
from tests.insights.conftest import BIG, make_poll

EMAIL, PHONE, NAME = "j.de.vries@example.org", "06-12345678", "Jan de Vries"


def test_no_page_or_file_shows_contact_data(staff_client, client, den_haag):
    from buurtpeil.panel.models import Identity, PanelMember
    from buurtpeil.polls.services import poll_close, poll_results_published
    from buurtpeil.responses.services import synthetic_responses_create
    from tests.insights.conftest import add_responses

    poll, version = make_poll(den_haag)
    add_responses(version, BIG)
    member = PanelMember.objects.create(organisation=den_haag, buurt=den_haag.areas.get(code="BU05182811"))
    Identity.objects.create(
        member=member, organisation=den_haag, email=EMAIL, email_digest="x", phone=PHONE, name=NAME
    )
    text = f"Bel {NAME} op {PHONE} of mail {EMAIL}, hij ziet alles."
    synthetic_responses_create(
        version=version,
        rows=[(member.key, "BU05182811", "45_65", "male", {"open_unsafe": text, "open_change": text})],
    )
    results = poll_results_compute(poll=poll)
    poll_close(poll=poll)
    poll_results_published(poll=poll)
    code = den_haag.code
    staff_urls = [
        reverse("insights:overview", args=[code]),
        reverse("insights:poll", args=[code, poll.pk]),
        reverse("insights:poll", args=[code, poll.pk]) + "?area=BU05182811",
        reverse("insights:map", args=[code, poll.pk]),
        reverse("insights:area", args=[code, poll.pk, "BU05182811"]),
    ]
    public_urls = [
        reverse("open_data:poll", args=[code, poll.pk]),
        reverse("open_data:csv", args=[code, poll.pk]),
    ]
    pages = [staff_client.get(url) for url in staff_urls] + [client.get(url) for url in public_urls]
    stored = str(list(results.parts.values_list("data", flat=True))) + str(results.summary)
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        for secret in (EMAIL, PHONE, NAME, str(member.key), str(uuid.UUID(str(member.key)))):
            assert secret not in body
    for secret in (EMAIL, PHONE, NAME, str(member.key)):
        assert secret not in stored
