from pathlib import Path

import pytest

STAGED = Path("/work/shared/data/den-haag-misdrijven.csv")


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def staged_crime_file() -> bytes:
    """The police's monthly counts per buurt for Den Haag (2016, Jan-Nov 2017), staged outside
    the repository because no licence is stated (see the data manifest, section 3)."""
    if not STAGED.exists():
        pytest.skip(f"the staged file {STAGED} is not on this machine")
    return STAGED.read_bytes()
