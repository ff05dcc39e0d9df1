"""A staff member's second factor: an authenticator app (TOTP) and single-use recovery codes.

The secret is shown once, as a QR code and as text, while the app is set up; it is never logged.
Recovery codes are shown once and stored only as digests.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from buurtpeil.organisations import totp
from buurtpeil.organisations.models import AuditEvent, Organisation, RecoveryCode, TOTPDevice
from buurtpeil.organisations.services import audit_record

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # 32 symbols: 16 of them carry 80 bits
ISSUER = "Buurtpeil"


def device_for(user) -> TOTPDevice | None:
    if not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.filter(user=user).first()


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user).exists()


def _recovery_normalised(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _recovery_digest(code: str) -> str:
    return hashlib.sha256(_recovery_normalised(code).encode()).hexdigest()


def two_factor_audit(*, user, subject: str, actor=None) -> None:
    """TWO_FACTOR in each organisation of ``user``, by ``actor`` (the user themselves by default)."""
    organisations = list(Organisation.objects.filter(memberships__user=user)) or [None]
    for organisation in organisations:
        audit_record(
            organisation=organisation,
            actor=actor or user,
            action=AuditEvent.Action.TWO_FACTOR,
            subject=subject,
        )


def recovery_codes_new(*, user) -> list[str]:
    """Ten new recovery codes (xxxx-xxxx-xxxx-xxxx) in place of any earlier ones; shown once."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=_recovery_digest(c)) for c in codes)
        two_factor_audit(user=user, subject="new recovery codes")
    return codes


def recovery_codes_left(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def device_confirm(*, user, secret: str, code: str) -> list[str] | None:
    """Set up the authenticator app whose secret is ``secret`` if ``code`` is its current code;
    replaces an earlier app. Returns new recovery codes, or None when the code is wrong."""
    step = totp.matching_step(secret, code)
    if step is None:
        return None
    now = timezone.now()
    TOTPDevice.objects.update_or_create(
        user=user, defaults={"secret": secret, "last_step": step, "confirmed_at": now, "last_used_at": now}
    )
    two_factor_audit(user=user, subject="authenticator app set up")
    return recovery_codes_new(user=user)


def code_check(*, user, code: str) -> str | None:
    """``"totp"`` or ``"recovery"`` if ``code`` is a current authenticator code not used before or
    an unused recovery code of ``user`` (which is then used up); else None."""
    cleaned = code.strip().replace(" ", "")
    device = device_for(user)
    if device is None:
        return None
    if cleaned.isdigit():
        step = totp.matching_step(device.secret, cleaned, after=device.last_step)
        # Only one request can move last_step past this step: a code is accepted once.
        if step is not None and TOTPDevice.objects.filter(pk=device.pk, last_step__lt=step).update(
            last_step=step, last_used_at=timezone.now()
        ):
            return "totp"
        return None
    if len(_recovery_normalised(cleaned)) != 16:
        return None
    used = RecoveryCode.objects.filter(
        user=user, digest=_recovery_digest(cleaned), used_at__isnull=True
    ).update(used_at=timezone.now())
    return "recovery" if used else None
