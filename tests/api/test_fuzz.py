"""The API fuzzed from its own OpenAPI document (schemathesis), in process through the WSGI
application, with real tokens of a test organisation: whatever comes in, the answer is never a
server error, it matches the documented schema and its status code is documented.

Bounded and derandomized, so that CI runs the same cases every time in a few seconds.
"""

import json
import os
import re

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.fuzzing import nasty_text

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

ENGLISH = re.compile(
    r"\b(the|not|must|valid|invalid|provided|field|error|expected|allowed|characters)\b", re.IGNORECASE
)


def refusals_are_in_dutch(ctx, response, case):
    """A problem's title, detail and reasons are in the user's language: Dutch by default."""
    if response.status_code < 400:
        return None
    problem = json.loads(response.content)
    texts = [problem["title"], problem["detail"], *(p["reason"] for p in problem.get("invalidParams", []))]
    english = [text for text in texts if ENGLISH.search(text)]
    if english:
        raise AssertionError(f"Not in Dutch: {english}")
    return None


CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance, refusals_are_in_dutch]
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_application():
    """The production WSGI application. Like Django's test client, requests do not close the
    database connection, which holds the test's transaction."""
    from buurtpeil.config.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_application):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_application)


@pytest.fixture
def callers(organisation, make_poll, invite, staff_token):
    """A published poll of the test organisation, a staff token and an invitation to it."""
    poll = make_poll(organisation)
    return {
        "poll": poll.pk,
        "medewerkerToken": f"Token {staff_token(organisation)}",
        "uitnodigingToken": f"Bearer {invite(poll)}",
    }


OPERATIONS = [
    ("GET", "/peilingen"),
    ("GET", "/peilingen/{id}"),
    ("GET", "/peilingen/{id}/aantallen"),
    ("POST", "/antwoorden"),
]


def _authorization(operation, callers) -> str:
    """The token the operation takes (the first scheme it documents)."""
    security = operation.definition.raw.get("security") or [{}]
    return callers[next(iter(security[0]))]


def test_every_documented_operation_is_fuzzed(api_schema):
    documented = {(op.ok().method.upper(), op.ok().path) for op in api_schema.get_all_operations()}
    assert documented == set(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_answers_any_input_as_documented(api_schema, callers, method, path, mode):
    operation = api_schema[path][method]
    # identity: the test client does not unpack gzip
    headers = {"Authorization": _authorization(operation, callers), "Accept-Encoding": "identity"}

    @FUZZ
    @given(case=operation.as_strategy(mode))
    def check(case):
        if isinstance(case.path_parameters, dict) and isinstance(case.path_parameters.get("id"), int):
            case.path_parameters["id"] = callers["poll"]  # a real poll, so the views go all the way
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
JSON = st.recursive(
    SCALARS | nasty_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)
# The questions of the test poll (tests/api/conftest.py); "where" is asked when unsafe is "yes".
ANSWERS = st.fixed_dictionaries(
    {},
    optional={
        "unsafe": st.sampled_from(["yes", "no"]) | JSON,
        "where": nasty_text | JSON,
        "mark": JSON,
        "age": JSON,
    },
)


@FUZZ
@example(answers={"unsafe": "yes", "where": "a\x00b"}, other={}, complete=False)  # found by this test
@given(answers=ANSWERS, other=st.dictionaries(st.text(max_size=6), JSON, max_size=2), complete=st.booleans())
def test_answers_to_the_real_questions_are_stored_or_refused_in_dutch(
    api, poll, invite, answers, other, complete
):
    from buurtpeil.responses.models import Response

    before = Response.objects.count()
    body = {"antwoorden": {**other, **answers}, "compleet": complete}
    response = api.post("/api/v1/antwoorden", body, bearer=invite(poll), key="fuzz")

    if response.status_code == 200:
        assert Response.objects.count() == before + 1
        assert response.json()["antwoorden"] == Response.objects.latest("pk").answers
    else:
        assert response.status_code == 400, response.content
        problem = response.json()
        reasons = [param["reason"] for param in problem["invalidParams"]]
        assert not [text for text in [problem["detail"], *reasons] if ENGLISH.search(text)], problem
        assert Response.objects.count() == before
