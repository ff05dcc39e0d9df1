"""Suppression: small cells hidden, uncertain ones marked, hidden cells not recoverable."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buurtpeil.analysis import (
    AdditiveRelations,
    CellStatus,
    SuppressionReason,
    SuppressionRules,
    complementary_suppression,
    determinable_cells,
    suppress_cells,
)
from buurtpeil.analysis.errors import AnalysisError


def _table_with_margins(inner: np.ndarray) -> np.ndarray:
    """A 2-D count table with a row-total column, a column-total row and the grand total."""
    with_rows = np.column_stack([inner, inner.sum(axis=1)])
    return np.vstack([with_rows, with_rows.sum(axis=0)])


def _determined_by_rank(hidden: np.ndarray, relations: AdditiveRelations) -> np.ndarray:
    """Independent check: hidden cell i is derivable iff e_i lies in the row space of A_hidden."""
    a = relations.matrix().toarray()[:, hidden]
    rank = np.linalg.matrix_rank(a) if a.size else 0
    out = np.zeros(hidden.shape[0], dtype=bool)
    for j, cell in enumerate(np.flatnonzero(hidden)):
        unit = np.zeros((1, a.shape[1]))
        unit[0, j] = 1.0
        out[cell] = np.linalg.matrix_rank(np.vstack([a, unit])) == rank
    return out


def test_cells_below_privacy_minimum_are_hidden_and_thin_ones_indicative() -> None:
    result = suppress_cells(np.array([0, 9, 10, 29, 30, 500]))
    assert result.status.tolist() == [
        CellStatus.SUPPRESSED_SMALL,
        CellStatus.SUPPRESSED_SMALL,
        CellStatus.INDICATIVE,
        CellStatus.INDICATIVE,
        CellStatus.SHOWN,
        CellStatus.SHOWN,
    ]
    assert result.cell_reason(1) == (
        SuppressionReason.BELOW_PRIVACY_MINIMUM | SuppressionReason.BELOW_RELIABILITY_MINIMUM
    )
    assert result.cell_reason(3) == SuppressionReason.BELOW_RELIABILITY_MINIMUM
    assert result.cell_reason(5) == SuppressionReason.NONE


def test_a_wide_interval_marks_a_large_cell_indicative_and_a_missing_one_does_not() -> None:
    result = suppress_cells(np.array([200, 200, 200]), np.array([0.1001, 0.10, np.nan]))
    assert result.status.tolist() == [CellStatus.INDICATIVE, CellStatus.SHOWN, CellStatus.SHOWN]
    assert result.cell_reason(0) == SuppressionReason.WIDE_CONFIDENCE_INTERVAL


def test_thresholds_are_the_organisations_choice_also_per_cell_for_means() -> None:
    rules = SuppressionRules(privacy_minimum=5, reliability_minimum=50, max_half_width=0.05)
    result = suppress_cells(np.array([5, 49, 60, 60]), np.array([0.01, 0.01, 0.06, 0.4]), rules=rules)
    assert result.status.tolist() == [
        CellStatus.INDICATIVE,
        CellStatus.INDICATIVE,
        CellStatus.INDICATIVE,
        CellStatus.INDICATIVE,
    ]
    # A report mark with half-width 0.4 mark points against a 0.5 threshold is shown.
    per_cell = suppress_cells(
        np.array([60, 60]), np.array([0.06, 0.4]), rules=rules, max_half_width=np.array([0.05, 0.5])
    )
    assert per_cell.status.tolist() == [CellStatus.INDICATIVE, CellStatus.SHOWN]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"privacy_minimum": 40, "reliability_minimum": 30}, "reliability"),
        ({"max_half_width": 0.0}, "max_half_width"),
    ],
)
def test_inconsistent_rules_are_refused(kwargs: dict[str, float], fragment: str) -> None:
    with pytest.raises(AnalysisError, match=fragment):
        SuppressionRules(**kwargs)  # type: ignore[arg-type]


def test_bad_counts_are_refused() -> None:
    with pytest.raises(AnalysisError, match="whole respondent counts"):
        suppress_cells(np.array([10.5, 3.0]))
    with pytest.raises(AnalysisError, match="counts >= 0"):
        suppress_cells(np.array([-1, 3]))
    with pytest.raises(AnalysisError, match="half-widths"):
        suppress_cells(np.array([10, 3]), np.array([0.1]))


def test_a_small_cell_in_a_crossing_takes_a_rectangle_of_partners() -> None:
    # age group (rows) x sex (columns), margins last; cell (0, 0) has 5 respondents.
    table = _table_with_margins(np.array([[5, 40, 50], [30, 20, 60]]))
    relations = AdditiveRelations.margin_table(table.shape)
    result = suppress_cells(table.ravel(), relations=relations)
    status = result.status.reshape(table.shape)
    # (1, 0) has 30 < 40 so it goes first; then (1, 1) with 20 closes row 1 and (0, 1) column 1.
    expected = np.full(table.shape, CellStatus.SHOWN)
    expected[0, 0] = CellStatus.SUPPRESSED_SMALL
    expected[1, 0] = expected[1, 1] = expected[0, 1] = CellStatus.SUPPRESSED_COMPLEMENTARY
    assert status.tolist() == expected.tolist()
    assert result.cell_reason(4) & SuppressionReason.PROTECTS_HIDDEN_CELL
    assert result.protects[4] == 0  # (1, 0) guards (0, 0)
    assert not determinable_cells(result.hidden, relations).any()


def test_a_small_buurt_hides_its_smallest_sibling_and_a_hidden_wijk_spreads_upwards() -> None:
    # cells: 0 municipality, 1-2 wijken, 3-4 buurten of wijk 1, 5-6 buurten of wijk 2
    parent = np.array([-1, 0, 0, 1, 1, 2, 2])
    relations = AdditiveRelations.hierarchy(parent)
    one_small = suppress_cells(np.array([155, 45, 110, 5, 40, 50, 60]), relations=relations)
    assert np.flatnonzero(one_small.hidden).tolist() == [3, 4]
    # Wijk 1 itself has 9 respondents: the municipality would give it away through wijk 2, which
    # is hidden in turn, and then one of wijk 2's buurten must go too (the smaller one).
    small_wijk = suppress_cells(np.array([119, 9, 110, 4, 5, 50, 60]), relations=relations)
    assert np.flatnonzero(small_wijk.hidden).tolist() == [1, 2, 3, 4, 5]
    assert small_wijk.cell_status(2) == CellStatus.SUPPRESSED_COMPLEMENTARY
    assert small_wijk.cell_status(0) == CellStatus.SHOWN


def test_a_cell_derivable_only_from_several_relations_is_protected() -> None:
    # t1 = a + b, t2 = a + c, t3 = b + c: every relation has two hidden cells, yet
    # a = (t1 + t2 - t3) / 2.
    relations = AdditiveRelations.from_lists(6, [(3, [0, 1]), (4, [0, 2]), (5, [1, 2])])
    hidden = np.array([True, True, True, False, False, False])
    assert determinable_cells(hidden, relations).tolist() == [True, True, True, False, False, False]
    counts = np.array([3, 4, 5, 7, 8, 9])
    mask, protects = complementary_suppression(counts, hidden, relations)
    assert mask.tolist() == [True, True, True, True, False, False]  # t1 has the fewest
    assert protects[3] == 0
    assert not determinable_cells(mask, relations).any()


def test_relations_are_checked() -> None:
    with pytest.raises(AnalysisError, match="indices between 0 and 2"):
        AdditiveRelations.from_lists(3, [(0, [1, 5])])
    with pytest.raises(AnalysisError, match="own parts"):
        AdditiveRelations.from_lists(3, [(0, [0, 1])])
    with pytest.raises(AnalysisError, match="length >= 2"):
        AdditiveRelations.margin_table((3, 1))
    with pytest.raises(AnalysisError, match="relations over 3 cells"):
        AdditiveRelations.hierarchy([-1, 0, 0]).combine(AdditiveRelations.hierarchy([-1, 0]))
    with pytest.raises(AnalysisError, match="3 counts"):
        three_cells = AdditiveRelations.hierarchy([-1, 0, 0])
        complementary_suppression(np.array([1, 2]), np.array([True, False]), three_cells)


def test_margin_table_relations_add_up() -> None:
    counts = np.arange(24).reshape(2, 3, 4)
    full = counts
    for axis in range(3):
        full = np.concatenate([full, full.sum(axis=axis, keepdims=True)], axis=axis)
    relations = AdditiveRelations.margin_table(full.shape)
    assert relations.n_relations == 4 * 5 + 3 * 5 + 3 * 4
    assert np.all(relations.matrix() @ full.ravel().astype(float) == 0)


@st.composite
def _crossings(draw: st.DrawFn) -> tuple[np.ndarray, AdditiveRelations]:
    rows = draw(st.integers(2, 5))
    cols = draw(st.integers(2, 5))
    inner = np.array(draw(st.lists(st.integers(0, 60), min_size=rows * cols, max_size=rows * cols)))
    table = _table_with_margins(inner.reshape(rows, cols))
    relations = AdditiveRelations.margin_table(table.shape)
    if draw(st.booleans()):
        # Rows are buurten; the first two make up a published wijk total (an extra cell).
        wijk = table[0] + table[1]
        table = np.vstack([table, wijk])
        cells = table.size
        width = cols + 1
        extra = [(cells - width + j, [j, width + j]) for j in range(width)]
        base = AdditiveRelations(cells, relations.total, relations.part_offsets, relations.parts)
        relations = base.combine(AdditiveRelations.from_lists(cells, extra))
    return table.ravel(), relations


@settings(max_examples=150, deadline=None)
@given(_crossings())
def test_after_complementary_suppression_no_hidden_count_can_be_derived(
    case: tuple[np.ndarray, AdditiveRelations],
) -> None:
    counts, relations = case
    assert np.all(relations.matrix() @ counts.astype(float) == 0)
    result = suppress_cells(counts, relations=relations)
    hidden = result.hidden
    assert np.all(hidden[counts < 10])
    hidden_per_relation = abs(relations.matrix()) @ hidden.astype(float)
    assert not np.any(hidden_per_relation == 1)
    assert not _determined_by_rank(hidden, relations).any()
    # Idempotent: nothing more to hide, and the same cells when run from the primary ones again.
    again, protects = complementary_suppression(counts, hidden, relations)
    assert again.tolist() == hidden.tolist()
    assert np.all(protects == -1)
    # Every complementary cell names a hidden cell it guards.
    complementary = result.status == CellStatus.SUPPRESSED_COMPLEMENTARY
    assert np.all(hidden[result.protects[complementary]])
