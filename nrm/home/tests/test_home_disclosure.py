"""No count on the coordinator's or the rapporteur's home page can be worked back (issue 11,
item 9): every table on the page, read together with the number of persons in the
mechanism printed beside it, leaves each hidden cell a range of values, never one.

The intruder's model: each table breaks the persons down into groups that add up to the
published total (the persons followed by each kind of organisation too, since most are
followed by one kind only); counts are whole and non-negative. Linear programming gives the
smallest and largest value a hidden cell can take; both must differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pytest
from django.test import Client
from scipy.optimize import linprog

from nrm.statistics.queries import Cell, Overview
from nrm.testing import World

ClientAs = Callable[[str], Client]


def feasible_range(shown: Sequence[int | None], total: int) -> list[tuple[float, float]]:
    """Smallest and largest value of each hidden cell, given the shown cells and the total."""
    hidden = [i for i, value in enumerate(shown) if value is None]
    rest = total - sum(value for value in shown if value is not None)
    ranges = []
    for target in range(len(hidden)):
        objective = [1.0 if k == target else 0.0 for k in range(len(hidden))]
        equal = [[1.0] * len(hidden)]
        low = linprog(objective, A_eq=equal, b_eq=[rest], bounds=(0, None))
        high = linprog([-c for c in objective], A_eq=equal, b_eq=[rest], bounds=(0, None))
        assert low.status == 0
        assert high.status == 0
        ranges.append((low.fun, -high.fun))
    return ranges


def assert_nothing_derivable(cells: Sequence[Cell], total: int | None) -> None:
    shown = [cell.count for cell in cells]
    if total is None or None not in shown:
        return
    for low, high in feasible_range(shown, total):
        assert high - low >= 1, f"a hidden cell of {shown} is {low} given the total {total}"


def people(world: World, persona: str, count: int, **fields: object) -> None:
    for n in range(count):
        world.person(persona, family_name=f"Person {persona} {n}", **fields)


@pytest.fixture
def lopsided(world: World) -> World:
    """Twelve persons followed by a centre, two by the police alone: the police row is
    below the threshold, and the total is not."""
    people(world, "caseworker_a", 12)
    people(world, "investigator", 2, nationalities=["NG"], first_contact_on=date(2024, 5, 2))
    return world


def test_the_coordinators_home_gives_no_hidden_row_away(
    lopsided: World, client_as: ClientAs
) -> None:
    response = client_as("coordinator").get("/")
    assert response.status_code == 200
    overview: Overview = response.context["overview"]
    involvements: list[Cell] = response.context["involvements"]
    assert overview.total == 14
    assert [cell.count for cell in involvements].count(None) >= 2  # police, and one more
    assert_nothing_derivable(involvements, overview.total)
    for cells in (overview.by_gender, overview.by_age, overview.by_nationality, overview.by_year):
        assert_nothing_derivable(cells, overview.total)
    # What the page prints: no suppressed value, not even the police's 2.
    body = response.content.decode()
    rows = [row for row in body.split("<tr>") if "Police" in row]
    assert rows
    assert all(">2<" not in row for row in rows)


def test_the_rapporteurs_home_gives_no_hidden_cell_away(
    lopsided: World, client_as: ClientAs
) -> None:
    response = client_as("analyst").get("/")
    assert response.status_code == 200
    overview: Overview = response.context["overview"]
    nationalities = [cell.count for cell in overview.by_nationality]
    assert None in nationalities  # two Nigerians: below the threshold
    for cells in (overview.by_gender, overview.by_age, overview.by_nationality, overview.by_year):
        assert_nothing_derivable(cells, overview.total)


def test_the_check_itself_catches_a_lone_hidden_cell() -> None:
    """The helper fails on what the coordinator's page showed before: a total and one
    hidden row."""
    with pytest.raises(AssertionError, match="hidden cell"):
        assert_nothing_derivable([Cell("Centre", 12), Cell("Police", None)], 14)
