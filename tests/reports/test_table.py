"""The export table: safe variable names and checked variables, with no Django underneath."""

import subprocess
import sys

import pytest

from buurtpeil.reports.table import NAME_MAX, Table, Variable, name_safe, names_unique


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("unsafe", "unsafe"),
        ("_hidden", "v_hidden"),
        ("2nd_try", "v2nd_try"),
        ("kinds_Ja, vaak!", "kinds_Ja_vaak_"),
        ("overlast_éénmaal", "overlast_eenmaal"),
        ("with", "vwith"),
        ("TO", "vTO"),
        ("", "v"),
    ],
)
def test_a_name_starts_with_a_letter_and_holds_only_letters_digits_and_underscores(raw, name):
    assert name_safe(raw) == name


def test_names_are_cut_to_64_characters_and_made_unique_regardless_of_case():
    long = "q" * 70
    names = names_unique([long, long, "Mark", "mark", "mark_2", long + "_x"])
    assert names == ["q" * 64, "q" * 62 + "_2", "Mark", "mark_2", "mark_2_2", "q" * 62 + "_3"]
    assert all(len(name) <= NAME_MAX for name in names)


def test_a_table_refuses_unsafe_or_repeated_names():
    with pytest.raises(ValueError, match="unique"):
        Table(
            title="t",
            variables=[Variable("a", "A", "float"), Variable("A", "A", "float")],
            rows=[],
            row_count=0,
        )
    with pytest.raises(ValueError, match="unique"):
        Table(title="t", variables=[Variable("1a", "A", "float")], rows=[], row_count=0)


def test_only_integer_variables_carry_value_labels_and_missing_codes():
    with pytest.raises(ValueError, match="only integer"):
        Variable("a", "A", "string", {1: "one"})
    with pytest.raises(ValueError, match="unknown kind"):
        Variable("a", "A", "text")
    with pytest.raises(ValueError, match="unknown measure"):
        Variable("a", "A", "integer", measure="interval")


def test_the_pure_layer_imports_no_django():
    code = (
        "import sys, buurtpeil.reports.answers, buurtpeil.reports.table; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
