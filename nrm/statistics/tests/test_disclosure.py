"""Disclosure control: no suppressed cell can be worked back from what is published.

The proof is independent of the construction: for every suppressed value, two linear
programmes over the published values (every line's sum fixed, counts relaxed to non-negative
reals) find the smallest and the largest value it could take. The interval must be at least
the protection range wide (the threshold unless set otherwise): an intruder who knows every
published figure of the table cannot narrow any suppressed one below it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from nrm.statistics.disclosure import (
    Policy,
    Protected,
    extended,
    margin_of,
    protect_list,
    protect_release,
    protect_table,
)


def published_grid(result: Protected) -> list[list[int | None]]:
    """The table with its margins as published (None: suppressed)."""
    rows = [[*row, total] for row, total in zip(result.cells, result.row_totals, strict=True)]
    return [*rows, [*result.column_totals, result.total]]


def feasible_intervals(grid: list[list[int | None]]) -> dict[tuple[int, int], tuple[float, float]]:
    """For each suppressed value of a table with margins, its [min, max] over all non-negative
    real tables with the same published values."""
    n_rows, n_cols = len(grid) - 1, len(grid[0]) - 1
    index = {(i, j): i * (n_cols + 1) + j for i in range(n_rows + 1) for j in range(n_cols + 1)}
    size = len(index)
    equations = []
    for i in range(n_rows + 1):  # each row, the total row included, sums to its total
        row = np.zeros(size)
        for j in range(n_cols):
            row[index[(i, j)]] = 1
        row[index[(i, n_cols)]] = -1
        equations.append(row)
    for j in range(n_cols + 1):  # each column, the total column included, sums to its total
        col = np.zeros(size)
        for i in range(n_rows):
            col[index[(i, j)]] = 1
        col[index[(n_rows, j)]] = -1
        equations.append(col)
    a_eq = np.array(equations)
    b_eq = np.zeros(len(equations))
    bounds = [
        (0.0, None) if grid[i][j] is None else (float(grid[i][j]), float(grid[i][j]))  # type: ignore[arg-type]
        for (i, j) in sorted(index, key=index.__getitem__)
    ]
    intervals = {}
    for cell, k in index.items():
        if grid[cell[0]][cell[1]] is not None:
            continue
        objective = np.zeros(size)
        objective[k] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0  # the true table is feasible, so the minimum exists
        upper = math.inf if high.status == 3 else -high.fun
        intervals[cell] = (low.fun, upper)
    return intervals


def assert_protected(cells: list[list[int]], result: Protected, policy: Policy) -> None:
    x = extended(cells)
    grid = published_grid(result)
    # Every published value is exact, and every sensitive value is suppressed.
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value is not None:
                assert value == x[i][j]
                assert not policy.is_sensitive(value)
    for (i, j), (low, high) in feasible_intervals(grid).items():
        assert low <= x[i][j] + 1e-6
        assert high >= x[i][j] - 1e-6
        assert high - low >= policy.range_needed - 1e-6, (i, j, low, high, grid)


counts = st.one_of(st.integers(0, 6), st.integers(0, 60))
policies = st.builds(
    Policy,
    threshold=st.integers(1, 8),
    suppress_zeros=st.booleans(),
    protection_range=st.one_of(st.none(), st.integers(1, 10)),
)


@settings(deadline=None, max_examples=150)
@given(
    table=st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(counts, min_size=width, max_size=width), min_size=1, max_size=5
        )
    ),
    policy=policies,
)
def test_no_suppressed_cell_of_a_two_dimensional_table_can_be_narrowed(
    table: list[list[int]], policy: Policy
) -> None:
    assert_protected(table, protect_table(table, policy), policy)


@settings(deadline=None, max_examples=150)
@given(values=st.lists(counts, min_size=1, max_size=10), policy=policies)
def test_no_suppressed_cell_of_a_one_dimensional_table_can_be_narrowed(
    values: list[int], policy: Policy
) -> None:
    result = protect_list(values, policy)
    assert_protected([[v] for v in values], result, policy)


@settings(deadline=None, max_examples=60)
@given(
    shape=st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)),
    data=st.data(),
    policy=policies,
)
def test_tables_sharing_a_margin_publish_it_alike(
    shape: tuple[int, int, int], data: st.DataObject, policy: Policy
) -> None:
    """Two breakdowns of the same rows (form by sex, form by age): the form margin agrees."""
    rows, left_width, right_width = shape
    row = st.lists(counts, min_size=left_width, max_size=left_width)
    left = data.draw(st.lists(row, min_size=rows, max_size=rows))
    # The same row totals split another way: each row total spread over the right columns.
    right = []
    for line in left:
        parts = data.draw(
            st.lists(st.integers(0, 100), min_size=right_width, max_size=right_width)
        )
        total, weight = sum(line), sum(parts) or 1
        split = [total * p // weight for p in parts]
        split[0] += total - sum(split)
        right.append(split)
    a, b = protect_release([left, right], ["form", "form"], [None, None], policy)
    assert a.row_totals == b.row_totals
    assert a.total == b.total
    assert_protected(left, a, policy)
    assert_protected(right, b, policy)
    # The one-dimensional breakdown by form is that margin: it adds no equation.
    by_form = margin_of(a)
    assert [row[0] for row in by_form.cells] == a.row_totals


def test_a_lone_small_cell_in_a_row_with_a_published_total_gets_a_complement() -> None:
    table = [[12, 48, 1], [31, 3, 1], [0, 6, 3]]
    result = protect_table(table, Policy(threshold=5))

    # The row of 31 has a small cell: without a complement 31 + x + 1 = row total gives it away.
    assert result.cells[1][1] is None
    for row, total in zip(result.cells, result.row_totals, strict=True):
        hidden = sum(1 for v in [*row, total] if v is None)
        assert hidden != 1
    assert_protected(table, result, Policy(threshold=5))


def test_zeros_are_published_unless_the_policy_says_otherwise() -> None:
    assert protect_list([0, 40, 50], Policy(threshold=5)).cells == [[0], [40], [50]]
    hidden = protect_list([0, 40, 50], Policy(threshold=5, suppress_zeros=True))
    assert hidden.cells[0] == [None]
    assert sum(1 for row in hidden.cells if row[0] is None) + (hidden.total is None) >= 2


def test_a_table_without_small_cells_is_published_whole() -> None:
    result = protect_table([[10, 20], [30, 40]], Policy(threshold=5))
    assert result.cells == [[10, 20], [30, 40]]
    assert result.row_totals == [30, 70]
    assert result.column_totals == [40, 60]
    assert result.total == 100
    assert not result.suppressed


@pytest.mark.parametrize("threshold", [1, 5, 10])
def test_a_small_grand_total_hides_the_table(threshold: int) -> None:
    table = [[1, 2], [0, 1]]
    result = protect_table(table, Policy(threshold=threshold))
    if threshold > 4:
        assert result.total is None
    assert_protected(table, result, Policy(threshold=threshold))
