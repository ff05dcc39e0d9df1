import pytest

from tests.reports import factories


@pytest.fixture
def answered(organisation):
    """See ``factories.poll_answered``."""
    return factories.poll_answered(organisation)
