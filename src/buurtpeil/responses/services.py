"""Writes of answers. ``response_save`` is the one write path: the answering page, its offline
outbox and the API all call it (the page's JSON endpoint through ``response_save_by_token``).

A save is one read and one conditional write (``responses.store``): no lock is held in
between; a write that finds another save got there first reads again and tries once more.
"""

import logging
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtpeil.core.text import storable
from buurtpeil.distribution.selectors import recipient_digest
from buurtpeil.polls.definition import LANGUAGE_RE, answers_clean
from buurtpeil.polls.selectors import version_definition_frozen
from buurtpeil.responses import store
from buurtpeil.responses.models import Response

logger = logging.getLogger(__name__)

KEY_MAX = 100
LANGUAGE_MAX = 10  # Response.language
ATTEMPTS = 10

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

    - ``response_id``, ``status``, ``answers``: the stored response after the call (None, ""
      and {} when there is none);
    - ``created``: this call created the response;
    - ``replayed``: the idempotency key was seen before, so nothing was written and the
      stored response is returned as it is now (a double submit or a retry after a timeout);
    - ``errors``: question code -> short English reason (see ``polls.definition.answers_clean``);
      when not empty, nothing was stored;
    - ``refused``: "" or one of ENDED, CLOSED, ANSWERED, NOT_PUBLISHED, BAD_KEY; nothing stored;
    - ``organisation_language``: the default language of the invitation's organisation.
    """

    response_id: int | None = None
    status: str = ""
    answers: dict = field(default_factory=dict)
    created: bool = False
    replayed: bool = False
    errors: dict[str, str] = field(default_factory=dict)
    refused: str = ""
    organisation_language: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refused

    @property
    def complete(self) -> bool:
        return self.status == Response.Status.COMPLETE

    @property
    def message(self) -> str:
        """The refusal in words for the resident, in the active language; "" when not refused."""
        return str(REFUSALS[self.refused]) if self.refused else ""

    def stored(self) -> Response | None:
        """The stored response with its version (one query)."""
        if self.response_id is None:
            return None
        return Response.objects.select_related("version").filter(pk=self.response_id).first()


def refusal(recipient) -> str:
    """Why the recipient can no longer answer (ENDED, CLOSED), or "". No queries: the
    recipient comes with its distribution and poll."""
    distribution = recipient.distribution
    if distribution.status == distribution.Status.ENDED or distribution.ends_at <= timezone.now():
        return ENDED
    if distribution.poll.status != distribution.poll.Status.OPEN:
        return CLOSED
    return ""


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
    result = _save(
        {"recipient_id": recipient.pk},
        answers=answers,
        key=idempotency_key,
        complete=complete,
        language=language,
    )
    assert result is not None  # the recipient exists
    return result


def response_save_by_token(
    *, organisation_code: str, token: str, answers: dict, idempotency_key: str, complete: bool, language: str
) -> SaveResult | None:
    """``response_save`` for the invitation whose link carries ``token`` in this organisation;
    None when there is none. Two queries in all, so the burst after a push stays cheap."""
    digest = recipient_digest(token)
    if digest is None:
        return None
    return _save(
        {"digest": digest, "organisation_code": organisation_code},
        answers=answers,
        key=idempotency_key,
        complete=complete,
        language=language,
    )


def _save(lookup: dict, *, answers, key, complete: bool, language: str) -> SaveResult | None:
    key = str(key or "").strip()
    answers = answers if isinstance(answers, dict) else {}
    if not LANGUAGE_RE.match(language or "") or len(language) > LANGUAGE_MAX:
        language = ""  # not a language code (of a length Response.language holds): not kept
    bad_key = not key or len(key) > KEY_MAX or not storable(key)
    for _try in range(ATTEMPTS):
        now = timezone.now()
        state = store.state_read(key="" if bad_key else key, now=now, **lookup)
        if state is None:
            return None
        if bad_key:
            return SaveResult(refused=BAD_KEY, organisation_language=state.organisation_language)
        result = _attempt(state, answers=answers, key=key, complete=complete, language=language, now=now)
        if result is not None:
            return result
    raise RuntimeError(f"{ATTEMPTS} saves in a row lost to concurrent saves of the same response")


def _attempt(state: store.State, *, answers, key, complete, language, now) -> SaveResult | None:
    """One try at a save on the state just read; None when a concurrent save came first."""
    refused = ENDED if state.ended else (CLOSED if not state.poll_open else "")
    current = SaveResult(
        response_id=state.response_id,
        status=state.response_status,
        answers=state.answers,
        organisation_language=state.organisation_language,
    )
    if state.response_id is None:
        if refused or state.latest_version is None:
            return replace(current, refused=refused or NOT_PUBLISHED)
        version = state.latest_version
        merged = answers
    else:
        if state.key_seen:
            return replace(current, replayed=True)
        if refused or state.response_status == Response.Status.COMPLETE:
            return replace(current, refused=refused or ANSWERED)
        version = state.response_version
        merged = {**state.answers, **answers}
    cleaned, errors = answers_clean(version_definition_frozen(*version), merged, complete=complete)
    if errors:
        return replace(current, errors=errors)
    written = store.response_write(
        state=state,
        version_id=version[0],
        answers=cleaned,
        key=key,
        language=language,
        complete=complete,
        now=now,
    )
    if written is None:
        return None
    status = Response.Status.COMPLETE if complete else Response.Status.IN_PROGRESS
    return replace(
        current, response_id=written, status=status, answers=cleaned, created=state.response_id is None
    )


@transaction.atomic
def member_responses_delete(*, organisation_id: int, member_key) -> int:
    """Erasure: delete every answer stored under this member key (their idempotency keys go
    with them). Returns how many responses were deleted."""
    deleted = Response.objects.filter(organisation_id=organisation_id, member_key=member_key).delete()
    count = deleted[1].get("responses.Response", 0)
    if count:
        logger.info("Responses of an erased member deleted: %s", count)
    return count


def synthetic_responses_create(*, version, rows) -> int:
    """Store made-up complete responses (demo and benchmark data). Each row is
    (member key, buurt code, age group, sex, answers). Returns how many were stored."""
    now = timezone.now()
    poll = version.poll
    created = Response.objects.bulk_create(
        [
            Response(
                organisation_id=poll.organisation_id,
                poll=poll,
                version=version,
                member_key=key,
                buurt_code=buurt,
                age_group=age,
                sex=sex,
                answers=answers,
                status=Response.Status.COMPLETE,
                completed_at=now,
            )
            for key, buurt, age, sex, answers in rows
        ],
        batch_size=2000,
    )
    return len(created)
