"""Staff upload a CSV of invitees and print letters; a faulty file creates nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from buurtpeil.panel.codes import ALPHABET
from buurtpeil.panel.models import Invitation, InvitationContact, RecruitmentBatch

pytestmark = pytest.mark.django_db

GOOD = (
    "name;address;buurtcode\n"
    "J. de Vries;Laan van Meerdervoort 1, 2517 AA Den Haag;BU05180271\n"
    ';"Prinsegracht 2\n2512 GA Den Haag";bu05180170\n'
)


def _upload(client, organisation, content: bytes, name="Spring sample"):
    return client.post(
        f"/staff/{organisation.code}/recruitment/upload/",
        {"name": name, "file": SimpleUploadedFile("invitees.csv", content, content_type="text/csv")},
    )


@pytest.mark.parametrize(
    "content",
    [
        GOOD.encode(),
        ("\ufeff" + GOOD).encode(),  # UTF-8 with a byte-order mark, as Excel saves it
        GOOD.replace(";", ",")
        .replace("Laan van Meerdervoort 1, 2517", "Laan van Meerdervoort 1 2517")
        .encode(),
    ],
    ids=["semicolon", "bom", "comma"],
)
def test_a_good_file_makes_a_batch_of_letters(staff_client, organisation, buurten, content):
    response = _upload(staff_client, organisation, content)
    batch = RecruitmentBatch.objects.get()
    assert response["Location"] == f"/staff/{organisation.code}/recruitment/{batch.pk}/letters/"
    invitations = list(Invitation.objects.select_related("contact", "buurt").order_by("buurt__code"))
    assert [i.buurt.code for i in invitations] == ["BU05180170", "BU05180271"]
    assert invitations[1].contact.name == "J. de Vries"
    assert all(len(i.code) == 8 and set(i.code) <= set(ALPHABET) for i in invitations)

    letters = staff_client.get(response["Location"]).content.decode()
    assert letters.count('class="bp-letter') == 2
    assert "J. de Vries" in letters and "Prinsegracht 2<br>2512 GA Den Haag" in letters
    code = invitations[0].code
    assert f"{code[:4]}-{code[4:]}" in letters and "<svg" in letters
    assert f"http://127.0.0.1:8000/p/{organisation.code}/code/" in letters

    csv = staff_client.get(f"/staff/{organisation.code}/recruitment/{batch.pk}/codes.csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "name;address;buurtcode;code;url;qr_url"
    assert f"/code/?code={code}" in text


def test_the_qr_code_encodes_the_code_page_with_the_code(staff_client, organisation, buurten):
    import segno

    _upload(staff_client, organisation, GOOD.encode())
    invitation = Invitation.objects.first()
    expected = segno.make(
        f"http://127.0.0.1:8000/p/{organisation.code}/code/?code={invitation.code}", error="m", micro=False
    )
    letters = staff_client.get(f"/staff/{organisation.code}/recruitment/{invitation.batch_id}/letters/")
    path = expected.svg_inline(scale=3).split(' d="')[1].split('"')[0]
    assert path in letters.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (GOOD.replace("bu05180170", "bu99999999").encode(), "Rij 3: onbekende buurtcode “BU99999999”"),
        (b"name;buurtcode\nA;BU05180271\n", "address"),
        (GOOD.encode("utf-16"), "UTF-8"),
        (b"name;address;buurtcode\n", "alleen een kopregel"),
        (b"", "leeg"),
        (GOOD.replace("J. de Vries;Laan van Meerdervoort 1, 2517 AA Den Haag", "X;").encode(), "Rij 2"),
        (b"name;address;buurtcode\nA;B;BU05180271;extra\n", "Rij 2"),
        (
            GOOD.replace("Laan van", "Laan\x00van").encode(),
            "Rij 2: de naam of het adres bevat een teken dat niet kan worden opgeslagen (NUL).",
        ),
        (
            GOOD.encode() + b"A;" + b"x" * 140_000 + b";BU05180271\n",
            "Rij 4 is niet als CSV te lezen: een cel is veel te lang",
        ),
    ],
    ids=[
        "unknown-buurt",
        "missing-column",
        "not-utf8",
        "header-only",
        "empty",
        "empty-address",
        "extra-cell",
        "nul-character",
        "cell-too-long-for-csv",
    ],
)
def test_a_broken_file_creates_nothing_and_names_the_row(
    staff_client, organisation, buurten, content, message
):
    response = _upload(staff_client, organisation, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RecruitmentBatch.objects.exists()
    assert not Invitation.objects.exists() and not InvitationContact.objects.exists()


def test_used_codes_leave_the_letters_and_the_download(staff_client, organisation, buurten):
    _upload(staff_client, organisation, GOOD.encode())
    used = Invitation.objects.first()
    used.used_at = "2026-01-01T00:00:00Z"
    used.save()
    used.contact.delete()
    letters = staff_client.get(f"/staff/{organisation.code}/recruitment/{used.batch_id}/letters/").content
    assert letters.decode().count('class="bp-letter') == 1
    listing = staff_client.get(f"/staff/{organisation.code}/recruitment/").content.decode()
    assert "Spring sample" in listing


def test_csv_cells_cannot_become_formulas(staff_client, organisation, buurten):
    _upload(staff_client, organisation, b"name;address;buurtcode\n=HYPERLINK(1);Laan 1;BU05180271\n")
    batch = RecruitmentBatch.objects.get()
    text = staff_client.get(f"/staff/{organisation.code}/recruitment/{batch.pk}/codes.csv").content.decode()
    assert "'=HYPERLINK(1)" in text


def test_recruitment_is_for_administrators_only(client, organisation, make_staff):
    client.force_login(make_staff(organisation, "analyst"))
    assert client.get(f"/staff/{organisation.code}/recruitment/").status_code == 403
    assert client.get(f"/staff/{organisation.code}/recruitment/upload/").status_code == 403
    assert client.get(f"/staff/{organisation.code}/").status_code == 200
