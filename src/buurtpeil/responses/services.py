"""Writes of answers. ``response_save`` is the one write path: the answering page, its offline
outbox and the API all call it.

The hot path (a resident's next group, in the burst after a push) is one transaction of a
handful of queries: lock the response row, look up the idempotency key, insert the key,
update the answers. Everything a save needs about the invitation (distribution, poll) comes
loaded with the recipient from ``distribution.selectors.recipient_by_token``.
"""

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpeil.distribution.services import recipient_responded
from buurtpeil.panel.selectors import member_snapshot
from buurtpeil.polls.definition import answers_clean
from buurtpeil.polls.selectors import version_definition, version_latest_bare
from buurtpeil.responses.models import Response, SubmissionKey

logger = logging.getLogger(__name__)

KEY_MAX = 100

# Why a save was refused (``SaveResult.refused``), with the words for the resident.
ENDED = "ended"
CLOSED = "closed"
ANSWERED = "answered"
NOT_PUBLISHED = "not_published"
BAD_KEY = "bad_key"
REFUSALS = {
    ENDED: _("This poll has ended. Answers can no longer be given."),
    CLOSED: _("This poll is closed. Answers can no longer be given."),
    ANSWERED: _("You have already answered this poll. Thank you!"),
    NOT_PUBLISHED: _("This poll is not ready for answering yet."),
    BAD_KEY: _("The request needs an idempotency key of at most 100 characters."),
}


@dataclass(frozen=True)
class SaveResult:
    """What ``response_save`` did.

    - ``response``: the stored response (None only when refused before one existed);
    - ``created``: this call created the response;
    - ``replayed``: the idempotency key was seen before, so nothing was written and the
      stored response is returned as it is now (a double submit or a retry after a timeout);
    - ``errors``: question code -> short English reason (see ``polls.definition.answers_clean``);
      when not empty, nothing was stored;
    - ``refused``: "" or one of ENDED, CLOSED, ANSWERED, NOT_PUBLISHED, BAD_KEY; nothing stored.
    """

    response: Response | None
    created: bool = False
    replayed: bool = False
    errors: dict[str, str] = field(default_factory=dict)
    refused: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refused

    @property
    def complete(self) -> bool:
        return self.response is not None and self.response.status == Response.Status.COMPLETE

    @property
    def message(self) -> str:
        """The refusal in words for the resident, in the active language; "" when not refused."""
        return str(REFUSALS[self.refused]) if self.refused else ""


def refusal(recipient) -> str:
    """Why the recipient can no longer answer (ENDED, CLOSED), or "". No queries: the
    recipient comes with its distribution and poll."""
    distribution = recipient.distribution
    if distribution.status == distribution.Status.ENDED or distribution.ends_at <= timezone.now():
        return ENDED
    if distribution.poll.status != distribution.poll.Status.OPEN:
        return CLOSED
    return ""


def _locked(recipient) -> Response | None:
    # Lock the response row only (not its version, which every response of the poll shares).
    found = list(
        Response.objects.select_for_update(of=("self",))
        .select_related("version")
        .defer("version__definition")
        .filter(recipient=recipient)[:1]
    )
    return found[0] if found else None


def _create(recipient, version, answers: dict, language: str, complete: bool) -> Response | None:
    """A new response with the given version pinned and the member's snapshot; None when a
    concurrent first save won the OneToOne race (the caller then reads the winner's row)."""
    snapshot = member_snapshot(recipient.organisation_id, recipient.member_key)
    try:
        with transaction.atomic():
            return Response.objects.create(
                organisation_id=recipient.organisation_id,
                poll_id=version.poll_id,
                version=version,
                recipient=recipient,
                member_key=recipient.member_key,
                buurt_code=snapshot.buurt_code if snapshot else recipient.buurt_code,
                age_group=snapshot.age_group if snapshot else "",
                sex=snapshot.sex if snapshot else "",
                language=language[:10],
                answers=answers,
                status=Response.Status.COMPLETE if complete else Response.Status.IN_PROGRESS,
                completed_at=timezone.now() if complete else None,
            )
    except IntegrityError:
        return None


@transaction.atomic
def response_save(
    *, recipient, answers: dict, idempotency_key: str, complete: bool, language: str
) -> SaveResult:
    """Merge ``answers`` (question code -> value; an empty value clears) into the recipient's
    response and store them, once per ``idempotency_key``.

    The first save creates the response and pins the poll's latest version: a poll edited and
    published again while residents answer never changes what they started on. With
    ``complete`` (the final submit) every visible required question must be answered; the
    response then becomes complete, the recipient counts as responded, and nothing can be
    changed afterwards. Answers to questions hidden by a condition are dropped. A refused or
    invalid save stores nothing (not even the key, so a corrected retry may reuse it).
    """
    key = str(idempotency_key or "").strip()
    if not key or len(key) > KEY_MAX:
        return SaveResult(response=None, refused=BAD_KEY)
    answers = answers if isinstance(answers, dict) else {}
    response = _locked(recipient)
    if response is None:
        refused = refusal(recipient)
        if refused:
            return SaveResult(response=None, refused=refused)
        version = version_latest_bare(recipient.distribution.poll_id)
        if version is None:
            return SaveResult(response=None, refused=NOT_PUBLISHED)
        cleaned, errors = answers_clean(version_definition(version), answers, complete=complete)
        if errors:
            return SaveResult(response=None, errors=errors)
        response = _create(recipient, version, cleaned, language, complete)
        if response is not None:
            SubmissionKey.objects.create(response=response, key=key)
            if complete:
                recipient_responded(recipient=recipient)
            return SaveResult(response=response, created=True)
        response = _locked(recipient)  # a concurrent first save won; go on with its row
    if SubmissionKey.objects.filter(response=response, key=key).exists():
        return SaveResult(response=response, replayed=True)
    refused = refusal(recipient)
    if refused:
        return SaveResult(response=response, refused=refused)
    if response.status == Response.Status.COMPLETE:
        return SaveResult(response=response, refused=ANSWERED)
    cleaned, errors = answers_clean(
        version_definition(response.version), {**response.answers, **answers}, complete=complete
    )
    if errors:
        return SaveResult(response=response, errors=errors)
    SubmissionKey.objects.create(response=response, key=key)
    response.answers = cleaned
    if language:
        response.language = language[:10]
    fields = ["answers", "language", "updated_at"]
    if complete:
        response.status = Response.Status.COMPLETE
        response.completed_at = timezone.now()
        fields += ["status", "completed_at"]
        recipient_responded(recipient=recipient)
    response.save(update_fields=fields)
    return SaveResult(response=response)


@transaction.atomic
def member_responses_delete(*, organisation_id: int, member_key) -> int:
    """Erasure: delete every answer stored under this member key (their idempotency keys go
    with them). Returns how many responses were deleted."""
    deleted = Response.objects.filter(organisation_id=organisation_id, member_key=member_key).delete()
    count = deleted[1].get("responses.Response", 0)
    if count:
        logger.info("Responses of an erased member deleted: %s", count)
    return count
