import pytest

from tests.responses import factories


@pytest.fixture
def poll(organisation):
    return factories.poll_published(organisation)[0]


@pytest.fixture
def invited(organisation, poll):
    """(recipient, token) of a member invited to ``poll``."""
    return factories.invitation(organisation, poll=poll)
