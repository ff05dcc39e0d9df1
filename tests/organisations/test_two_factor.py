"""Two-step verification of staff: an authenticator app (TOTP) set up after the password, its
code before any staff page opens, single-use recovery codes, and codes that work once."""

import re

import pytest

from buurtpeil.organisations import totp
from buurtpeil.organisations.models import AuditEvent, RecoveryCode, TOTPDevice


def test_codes_match_the_test_vectors_of_rfc_6238():
    """RFC 6238 appendix B, SHA-1, eight digits, seed "12345678901234567890"."""
    import base64
    import hashlib

    key = b"12345678901234567890"
    secret = base64.b32encode(key).decode()
    vectors = {59: "94287082", 1111111109: "07081804", 1234567890: "89005924", 2000000000: "69279037"}
    for when, expected in vectors.items():
        assert totp.hotp(key, totp.step_at(when), digits=8, digest=hashlib.sha1) == expected
    six_digits = totp.hotp(key, 1)  # the code of 00:00:59 as apps show it
    assert totp.matching_step(secret, six_digits, when=59) == 1
    assert totp.matching_step(secret, six_digits, when=59 + 30) == 1  # a phone half a minute behind
    assert totp.matching_step(secret, six_digits, when=59 + 60) is None  # too old
    assert totp.matching_step(secret, six_digits, when=59, after=1) is None  # used already


@pytest.mark.django_db
def test_without_an_app_staff_set_one_up_after_the_password(
    client, organisation, staff_member, log_in, two_factor_required, caplog
):
    caplog.set_level("DEBUG")
    response = log_in("inge", next_url=f"/staff/{organisation.code}/polls/")
    assert response.status_code == 302 and response["Location"] == "/staff/security/setup/"
    # Half-way, nobody is logged in: no staff page and no admin page opens.
    assert "_auth_user_id" not in client.session
    assert client.get(f"/staff/{organisation.code}/")["Location"].startswith("/staff/login/")
    assert client.get("/beheer/")["Location"].startswith("/beheer/login/")
    assert client.get("/beheer/login/?next=/beheer/")["Location"] == "/staff/login/?next=/beheer/"

    page = client.get("/staff/security/setup/").content.decode()
    assert "Tweestapsverificatie instellen" in page and "<svg" in page
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)[1].replace(" ", "")
    assert len(secret) == 32

    right = totp.code_at(secret, totp.step_at())
    wrong = client.post("/staff/security/setup/", {"code": str((int(right) + 1) % 10**6).zfill(6)})
    assert "Deze code klopt niet" in wrong.content.decode()
    assert not TOTPDevice.objects.exists()

    done = client.post("/staff/security/setup/", {"code": right})
    body = done.content.decode()
    assert "Uw herstelcodes" in body
    codes = re.findall(r"\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}\b", body)
    assert len(codes) == 10
    assert f'href="/staff/{organisation.code}/polls/"' in body
    assert client.session["_auth_user_id"] == str(staff_member.pk)
    assert client.get(f"/staff/{organisation.code}/polls/").status_code == 200

    stored = " ".join(RecoveryCode.objects.values_list("digest", flat=True))
    assert not any(code.replace("-", "") in stored or code in stored for code in codes)
    assert secret not in caplog.text and not any(code in caplog.text for code in codes)
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert login.actor == staff_member and "newly set up authenticator app" in login.subject


@pytest.mark.django_db
def test_with_an_app_the_code_is_asked_before_any_staff_page(
    client, organisation, staff_member, authenticator, log_in, settings
):
    settings.STAFF_2FA_REQUIRED = False  # an app once set up is always asked for
    response = log_in("inge", next_url=f"/staff/{organisation.code}/polls/")
    assert response["Location"] == "/staff/login/code/"
    assert client.get(f"/staff/{organisation.code}/polls/").status_code == 302
    assert "Verificatiecode" in client.get("/staff/login/code/").content.decode()

    refused = client.post("/staff/login/code/", {"code": "12345"})
    assert "Deze code klopt niet, of is al gebruikt." in refused.content.decode()
    assert "_auth_user_id" not in client.session

    response = client.post("/staff/login/code/", {"code": authenticator.code(1)})
    assert response["Location"] == f"/staff/{organisation.code}/polls/"
    assert client.get(f"/staff/{organisation.code}/polls/").status_code == 200
    login = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert login.subject == "login (password and authenticator app)"


@pytest.mark.django_db
def test_a_code_works_once(client, staff_member, authenticator, log_in, two_factor_required):
    code = authenticator.code(1)
    log_in("inge")
    assert client.post("/staff/login/code/", {"code": code}).status_code == 302
    client.post("/staff/logout/")

    log_in("inge")
    again = client.post("/staff/login/code/", {"code": code})
    assert again.status_code == 200 and "al gebruikt" in again.content.decode()
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).get()
    assert failed.subject == "failed login as inge: authentication code refused"


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, staff_member, authenticator, log_in, two_factor_required):
    recovery = authenticator.recovery[3]
    log_in("inge")
    response = client.post("/staff/login/code/", {"code": recovery.upper().replace("-", " ")})
    assert response.status_code == 302
    notice = client.get(response["Location"], follow=True).content.decode()
    assert "U bent ingelogd met een herstelcode. U hebt er nog 9." in notice
    assert AuditEvent.objects.get(action="login").subject == "login (password and recovery code)"
    client.post("/staff/logout/")

    log_in("inge")
    assert "al gebruikt" in client.post("/staff/login/code/", {"code": recovery}).content.decode()


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_lock_out(client, staff_member, authenticator, log_in):
    log_in("inge")
    for _ in range(4):
        assert client.post("/staff/login/code/", {"code": "000000"}).status_code == 200
    client.post("/staff/login/code/", {"code": "000000"})
    response = client.post("/staff/login/code/", {"code": authenticator.code(1)}, follow=True)
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert log_in("inge").status_code == 429  # the password step is locked too


@pytest.mark.django_db
def test_the_second_step_must_follow_within_ten_minutes(client, staff_member, authenticator, log_in):
    log_in("inge")
    session = client.session
    session["_staff_pending"]["at"] -= 10 * 60 + 1
    session.save()
    response = client.post("/staff/login/code/", {"code": authenticator.code(1)}, follow=True)
    assert "Het inloggen duurde te lang" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_new_recovery_codes_need_a_code_and_replace_the_old(client, staff_member, authenticator):
    client.force_login(staff_member)
    page = client.get("/staff/security/").content.decode()
    assert "Tweestapsverificatie staat aan" in page and "U hebt nog 10 herstelcodes." in page
    assert "al gebruikt" in client.post("/staff/security/", {"code": "000000"}).content.decode()
    body = client.post("/staff/security/", {"code": authenticator.code(1)}).content.decode()
    codes = re.findall(r"\b[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}\b", body)
    assert len(codes) == 10 and not set(codes) & set(authenticator.recovery)
    assert RecoveryCode.objects.filter(user=staff_member).count() == 10


@pytest.mark.django_db
def test_without_the_requirement_staff_may_set_up_an_app_themselves(client, staff_member, log_in):
    assert log_in("inge").status_code == 302
    assert "Tweestapsverificatie staat uit" in client.get("/staff/security/").content.decode()
    page = client.get("/staff/security/setup/").content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page)[1].replace(" ", "")
    body = client.post(
        "/staff/security/setup/", {"code": totp.code_at(secret, totp.step_at())}
    ).content.decode()
    assert 'href="/staff/security/"' in body
    assert TOTPDevice.objects.get().user == staff_member


@pytest.mark.django_db
def test_after_a_lost_phone_an_administrator_removes_the_app_and_a_new_one_is_set_up(
    client, django_user_model, staff_member, authenticator, log_in, two_factor_required
):
    operator = django_user_model.objects.create_superuser(username="operator", password="x-long-password-1")
    client.force_login(operator)
    device = TOTPDevice.objects.get(user=staff_member)
    assert (
        authenticator.secret
        not in client.get(f"/beheer/organisations/totpdevice/{device.pk}/change/").content.decode()
    )
    response = client.post(f"/beheer/organisations/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not TOTPDevice.objects.exists()
    removed = AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR).latest("pk")
    assert (removed.actor, removed.subject) == (operator, "authenticator app of inge removed")
    client.post("/staff/logout/")

    assert log_in("inge")["Location"] == "/staff/security/setup/"
