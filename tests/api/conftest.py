"""Fixtures for the API: a published poll with every kind of question feature, invitations
(with their personal tokens), staff API tokens, and a client that speaks JSON."""

import uuid

import pytest

DEFINITION = {
    "languages": ["nl", "en"],
    "title": {"nl": "Veiligheid in uw buurt", "en": "Safety in your neighbourhood"},
    "intro": {"nl": "Welkom", "en": "Welcome"},
    "groups": [
        {
            "id": "g1",
            "title": {"nl": "Uw buurt", "en": "Your neighbourhood"},
            "questions": [
                {
                    "code": "unsafe",
                    "type": "single",
                    "text": {"nl": "Voelt u zich wel eens onveilig?", "en": "Do you ever feel unsafe?"},
                    "required": True,
                    "choices": [
                        {"value": "yes", "label": {"nl": "Ja", "en": "Yes"}},
                        {"value": "no", "label": {"nl": "Nee", "en": "No"}},
                    ],
                    "factor": 1,
                    "indicator": "unsafe_ever",
                },
                {
                    "code": "where",
                    "type": "text",
                    "text": {"nl": "Waar?", "en": "Where?"},
                    "condition": {"question": "unsafe", "op": "eq", "value": "yes"},
                },
                {
                    "code": "mark",
                    "type": "mark",
                    "text": {"nl": "Rapportcijfer", "en": "Report mark"},
                    "required": True,
                },
                {"code": "age", "type": "number", "text": {"nl": "Leeftijd"}, "min": 16, "max": 120},
            ],
        }
    ],
}


@pytest.fixture
def api(client):
    """``api.get(path, token=..., bearer=...)``, ``api.post(path, body, token=..., key=...)``."""

    class Api:
        def _headers(self, token, bearer, key=None, extra=None):
            headers = dict(extra or {})
            if token:
                headers["Authorization"] = f"Token {token}"
            if bearer:
                headers["Authorization"] = f"Bearer {bearer}"
            if key is not None:
                headers["Idempotency-Key"] = key
            return headers

        def get(self, path, token=None, bearer=None, **extra):
            return client.get(path, headers=self._headers(token, bearer, extra=extra))

        def post(self, path, body=None, token=None, bearer=None, key=None, content_type="application/json"):
            return client.post(
                path, body or {}, content_type=content_type, headers=self._headers(token, bearer, key)
            )

    return Api()


@pytest.fixture
def make_poll():
    """make_poll(organisation, publish=True) -> a poll (published and open by default)."""
    from buurtpeil.polls.services import poll_create, poll_publish

    def make(organisation, *, publish=True, title="Veiligheid 2026"):
        poll = poll_create(organisation=organisation, title=title, definition=DEFINITION)
        if publish:
            poll_publish(poll=poll)
        return poll

    return make


@pytest.fixture
def invite():
    """invite(poll, buurt_code="BU05180001") -> the personal token of a new invitation."""
    from django.utils import timezone

    from buurtpeil.distribution.models import Distribution, Recipient
    from buurtpeil.distribution.tokens import salt_new, token_digest, token_for
    from buurtpeil.polls.selectors import version_latest

    distributions = {}

    def make(poll, buurt_code="BU05180001"):
        if poll.pk not in distributions:
            distributions[poll.pk] = Distribution.objects.create(
                organisation=poll.organisation,
                poll=poll,
                version=version_latest(poll),
                starts_at=timezone.now(),
                ends_at=timezone.now() + timezone.timedelta(days=14),
                status=Distribution.Status.RUNNING,
            )
        salt = salt_new()
        token = token_for(salt)
        Recipient.objects.create(
            distribution=distributions[poll.pk],
            organisation=poll.organisation,
            member_key=uuid.uuid4(),
            buurt_code=buurt_code,
            token_salt=salt,
            token_digest=token_digest(token),
        )
        return token

    return make


@pytest.fixture
def staff_token(make_staff):
    """staff_token(organisation, role="viewer") -> a staff API token of that organisation."""
    from buurtpeil.api.services import api_token_create

    def make(organisation, role="viewer"):
        user = make_staff(organisation, role)
        return api_token_create(organisation=organisation, user=user, name="dashboard")[1]

    return make


@pytest.fixture
def poll(organisation, make_poll):
    return make_poll(organisation)


@pytest.fixture
def token(organisation, staff_token):
    return staff_token(organisation)


@pytest.fixture
def other_token(other_organisation, staff_token):
    return staff_token(other_organisation)
