"""The recruitment CSV fuzzed: whatever the file, a batch of letters is made or the file is
refused with messages a person can read, and a refused file creates nothing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtpeil.areas.selectors import buurten
from buurtpeil.areas.services import areas_import
from buurtpeil.panel.models import Invitation, InvitationContact, RecruitmentBatch
from buurtpeil.panel.recruitment import RecruitmentFileError, invitees_parse
from buurtpeil.panel.services import recruitment_batch_create
from tests.areas.conftest import encode, small_cbs
from tests.fuzzing import fuzz_settings, mutated_table, readable

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

HEADER = ["name", "address", "buurtcode"]
ROWS = [
    ["J. de Vries", "Laan van Meerdervoort 1, 2517 AA Den Haag", "BU99990101"],
    ["", "Prinsegracht 2\n2512 GA Den Haag", "bu99990202"],
    ["A. Y\u0131lmaz", "Hoefkade 3", "BU99990102"],
]


@pytest.fixture
def small_areas(organisation):
    areas_import(organisation=organisation, geojson=encode(small_cbs()))
    return organisation


def _rows() -> tuple[int, int, int]:
    return RecruitmentBatch.objects.count(), Invitation.objects.count(), InvitationContact.objects.count()


@fuzz_settings(80)
@given(data=st.one_of(st.binary(max_size=300), mutated_table(HEADER, ROWS, delimiter=";")))
def test_any_invitee_file_makes_letters_or_is_refused_in_words(small_areas, data):
    before = _rows()
    known = set(buurten(small_areas).values_list("code", flat=True))
    try:
        # what the upload page does: read the file, then make the batch
        invitees = invitees_parse(data, buurt_codes=known)
        recruitment_batch_create(organisation=small_areas, name="Fuzz", invitees=invitees)
    except RecruitmentFileError as error:
        assert error.errors and all(readable(message) for message in error.errors), error.errors
        assert _rows() == before
    else:
        assert _rows() == (before[0] + 1, before[1] + len(invitees), before[2] + len(invitees))
