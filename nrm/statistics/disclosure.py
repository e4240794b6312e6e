"""Disclosure control for frequency tables: primary and secondary (complementary) suppression.

Pure: no Django. A table is a one- or two-dimensional array of non-negative integer counts,
published with its margins (row totals, column totals, grand total). A cell below the
threshold is *sensitive* and suppressed (primary suppression). Suppressing only those would
not protect them: a row with one hidden cell and a published row total gives the cell back
by subtraction. So every suppressed cell is made to lie on a *rectangle* of suppressed cells
along which the table can be shifted without changing any published value.

The rectangle argument (the "hypercube" method of secondary suppression):
write the table with its margins as an (R+1) by (C+1) array x, the last row and column being
the totals. Let s = -1 on the margin cells that are a row or a column total and +1 elsewhere
(interior cells and the grand total); then y = s·x has every row and every column summing to
zero. For rows i ≠ k and columns j ≠ l of that array, adding +t, -t, -t, +t to y at
(i, j), (i, l), (k, j), (k, l) keeps every line sum at zero, so x + t·d (d = s·y-shift) is a
table with exactly the same published values, as long as no cell becomes negative. If the four
cells are all suppressed, an intruder who knows every published value (and that counts are
non-negative) cannot tell x from x + t·d for any t in [-min{x: d=+1}, min{x: d=-1}]. The
width of that range is the rectangle's *range*. Each suppressed cell is put on a rectangle
whose range is at least the protection range, hence its feasible interval (as a linear
programme over non-negative reals) is at least that wide: it cannot be derived exactly, nor
narrowed below the protection range. `nrm/statistics/tests/test_disclosure.py` checks this
with linear programming, independently of the construction.

A one-dimensional table is the same with one column of cells and its total: a pair of cells
(or a cell and the total) plays the rectangle's part.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Cell = tuple[int, int]  # (row, column) in the table with margins; the margins are index R / C


@dataclass(frozen=True)
class Policy:
    """How cells are protected. `protection_range`: every suppressed cell's feasible interval
    is at least this wide (defaults to the threshold)."""

    threshold: int = 5
    suppress_zeros: bool = False
    protection_range: int | None = None

    @property
    def range_needed(self) -> int:
        return self.threshold if self.protection_range is None else self.protection_range

    def is_sensitive(self, value: int) -> bool:
        if value == 0:
            return self.suppress_zeros
        return value < self.threshold


@dataclass(frozen=True)
class Protected:
    """A table after disclosure control: None marks a suppressed value."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    primary: frozenset[Cell] = field(default_factory=frozenset)
    secondary: frozenset[Cell] = field(default_factory=frozenset)

    @property
    def suppressed(self) -> frozenset[Cell]:
        return self.primary | self.secondary


def extended(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with its margins: row totals as the last column, column totals and the
    grand total as the last row."""
    rows = [[*row, sum(row)] for row in cells]
    width = len(cells[0]) if cells else 0
    last = [sum(row[j] for row in rows) for j in range(width + 1)]
    return [*rows, last]


def _sign(i: int, j: int, n_rows: int, n_cols: int) -> int:
    # -1 on the row and column totals, +1 on interior cells and on the grand total.
    return -1 if (i == n_rows) != (j == n_cols) else 1


def rectangle_range(x: Sequence[Sequence[int]], corners: Sequence[tuple[Cell, int]]) -> float:
    """How far the table can shift along a rectangle (corners with their y-signs)."""
    n_rows, n_cols = len(x) - 1, len(x[0]) - 1
    up = math.inf
    down = math.inf
    for (i, j), y_sign in corners:
        direction = y_sign * _sign(i, j, n_rows, n_cols)
        if direction > 0:
            down = min(down, x[i][j])
        else:
            up = min(up, x[i][j])
    return up + down


def _weight(x: Sequence[Sequence[int]], cell: Cell) -> float:
    """What suppressing a cell costs: its count (information loss), margins much more (a
    published total is worth more than any interior cell), the grand total most."""
    i, j = cell
    n_rows, n_cols = len(x) - 1, len(x[0]) - 1
    grand = x[n_rows][n_cols]
    base = 1 + x[i][j]
    if i == n_rows and j == n_cols:
        return base + 100 * (grand + 1) ** 2
    if i == n_rows or j == n_cols:
        return base + 10 * (grand + 1)
    return base


def _protect_cell(
    x: Sequence[Sequence[int]], target: Cell, suppressed: set[Cell], needed: int
) -> set[Cell]:
    """The cheapest rectangle through `target` whose range is at least `needed`."""
    n_rows, n_cols = len(x), len(x[0])
    i, j = target
    best: tuple[float, set[Cell]] | None = None
    for k in range(n_rows):
        if k == i:
            continue
        for col in range(n_cols):
            if col == j:
                continue
            corners = [((i, j), 1), ((i, col), -1), ((k, j), -1), ((k, col), 1)]
            if rectangle_range(x, corners) < needed:
                continue
            new = {c for c, _sign_ in corners if c not in suppressed}
            cost = sum(_weight(x, c) for c in new)
            if best is None or cost < best[0]:
                best = (cost, new)
    if best is None:
        # Unreachable for a table with margins: the rectangle through the row total, the
        # column total and the grand total only ever grows the table, so its range is infinite.
        raise AssertionError("no protecting rectangle")  # pragma: no cover
    return best[1]


def protect_extended(
    x: Sequence[Sequence[int]], policy: Policy, forced: Iterable[Cell] = ()
) -> tuple[frozenset[Cell], frozenset[Cell]]:
    """Primary and secondary suppression on a table with margins (`extended`).

    `forced` cells are suppressed whatever their count (a margin shared with another table
    of the same release that is suppressed there) and protected like sensitive ones.
    """
    n_rows, n_cols = len(x), len(x[0])
    primary = {
        (i, j) for i in range(n_rows) for j in range(n_cols) if policy.is_sensitive(x[i][j])
    }
    targets = sorted(primary | set(forced), key=lambda c: (x[c[0]][c[1]], c))
    suppressed = set(targets)
    if n_rows < 2 or n_cols < 2:
        return frozenset(primary), frozenset(suppressed - primary)
    for target in targets:
        suppressed |= _protect_cell(x, target, suppressed, policy.range_needed)
    return frozenset(primary), frozenset(suppressed - primary)


def protect_table(
    cells: Sequence[Sequence[int]], policy: Policy, forced: Iterable[Cell] = ()
) -> Protected:
    """Two-dimensional table with its row totals, column totals and grand total."""
    if not cells or not cells[0]:
        return Protected([list(r) for r in cells], [sum(r) for r in cells], [], 0)
    x = extended(cells)
    n_rows, n_cols = len(cells), len(cells[0])
    primary, secondary = protect_extended(x, policy, forced)
    hidden = primary | secondary

    def shown(i: int, j: int) -> int | None:
        return None if (i, j) in hidden else x[i][j]

    return Protected(
        cells=[[shown(i, j) for j in range(n_cols)] for i in range(n_rows)],
        row_totals=[shown(i, n_cols) for i in range(n_rows)],
        column_totals=[shown(n_rows, j) for j in range(n_cols)],
        total=shown(n_rows, n_cols),
        primary=primary,
        secondary=secondary,
    )


def protect_list(
    counts: Sequence[int], policy: Policy, forced: Iterable[int] = ()
) -> Protected:
    """One-dimensional table (one column) with its total.

    Treated as the two-row table [counts; total]-as-a-column would repeat each cell as its
    own row total, so it is protected as a single row: cell i and the total form the margins.
    """
    if not counts:
        return Protected([], [], [0], 0)
    x = [[*counts, sum(counts)]]
    # One row: the rectangle degenerates to a pair (two cells, or a cell and the total).
    n = len(counts)
    total = x[0][n]
    primary = {i for i in range(n + 1) if policy.is_sensitive(x[0][i])}
    suppressed = set(primary) | set(forced)
    needed = policy.range_needed
    for target in sorted(suppressed, key=lambda i: (x[0][i], i)):
        best: tuple[float, int] | None = None
        for other in range(n + 1):
            if other == target:
                continue
            if n in (target, other):
                # A cell and the total move together: nothing bounds them from above.
                reach = math.inf
                cost = 100 * (total + 1) ** 2 if other == n else 1 + x[0][other]
            else:
                reach = x[0][target] + x[0][other]
                cost = 1 + x[0][other]
            if reach < needed:
                continue
            if other in suppressed:
                cost = 0
            if best is None or cost < best[0]:
                best = (cost, other)
        assert best is not None  # the total always qualifies
        suppressed.add(best[1])
    hidden = suppressed

    def shown(i: int) -> int | None:
        return None if i in hidden else x[0][i]

    column = [shown(i) for i in range(n)]
    primary_cells = frozenset((i, 0) if i < n else (n, 0) for i in primary)
    secondary_cells = frozenset((i, 0) if i < n else (n, 0) for i in suppressed - primary)
    return Protected(
        cells=[[v] for v in column],
        row_totals=list(column),
        column_totals=[shown(n)],
        total=shown(n),
        primary=primary_cells,
        secondary=secondary_cells,
    )


_GRAND_TOTAL = "\0total"


def protect_release(
    tables: Sequence[Sequence[Sequence[int]]],
    row_margin_keys: Sequence[str | None],
    column_margin_keys: Sequence[str | None],
    policy: Policy,
) -> list[Protected]:
    """Protect the two-dimensional tables of one release so that shared margins agree.

    Tables whose rows (or columns) break down the same population by the same dimension
    carry the same key; a margin value suppressed in one of them is forced in the others,
    and the tables are protected again until nothing changes. A one-dimensional table of
    the same figure and dimension is that shared margin: publish it with the margin's pattern
    (`margin_of`), so that it adds no equation an intruder could use.
    """
    forced: list[set[Cell]] = [set() for _ in tables]
    while True:
        results = [protect_table(t, policy, f) for t, f in zip(tables, forced, strict=True)]
        hidden: set[tuple[str, int]] = set()
        for result, rkey, ckey in zip(results, row_margin_keys, column_margin_keys, strict=True):
            if rkey is not None:
                hidden |= {(rkey, i) for i, v in enumerate(result.row_totals) if v is None}
            if ckey is not None:
                hidden |= {(ckey, j) for j, v in enumerate(result.column_totals) if v is None}
            if (rkey is not None or ckey is not None) and result.total is None:
                # Breakdowns of one population share its grand total too.
                hidden.add((_GRAND_TOTAL, 0))
        changed = False
        for n, (table, rkey, ckey) in enumerate(
            zip(tables, row_margin_keys, column_margin_keys, strict=True)
        ):
            if not table or not table[0]:
                continue
            n_rows, n_cols = len(table), len(table[0])
            for key, index in sorted(hidden):
                cell: Cell | None = None
                if key == _GRAND_TOTAL and (rkey is not None or ckey is not None):
                    cell = (n_rows, n_cols)
                elif key == rkey and index < n_rows:
                    cell = (index, n_cols)
                elif key == ckey and index < n_cols:
                    cell = (n_rows, index)
                if cell is not None and cell not in results[n].suppressed:
                    forced[n].add(cell)
                    changed = True
        if not changed:
            return results


def margin_of(protected: Protected, *, rows: bool = True) -> Protected:
    """The one-dimensional table that is a margin of a protected two-dimensional table."""
    values = protected.row_totals if rows else protected.column_totals
    return Protected(
        cells=[[v] for v in values],
        row_totals=list(values),
        column_totals=[protected.total],
        total=protected.total,
    )
