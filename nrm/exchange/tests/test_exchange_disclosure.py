"""The exchange pages' counts go through the disclosure control (issue 11, item 9): the
persons by combination of lists add up to the persons seen printed above them, and the
records and persons per list sit under their totals; no hidden count follows from the rest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.test import Client

from nrm.exchange.actions import linkage_keys_refresh
from nrm.home.tests.test_home_disclosure import feasible_range
from nrm.testing import World

ClientAs = Callable[[str], Client]
DASH = "\u2013"


def counts(shown: list[str]) -> list[int | None]:
    return [None if value == DASH else int(value) for value in shown]


def assert_nothing_derivable(shown: list[int | None], total: int) -> None:
    assert shown.count(None) != 1, f"a lone hidden cell in {shown} beside {total}"
    for low, high in feasible_range(shown, total):
        assert high - low >= 1, f"a hidden cell of {shown} is {low} given {total}"


NAMES = [
    ("Maria", "Popescu"),
    ("Ion", "Rusu"),
    ("Olena", "Kovalenko"),
    ("Chidi", "Okafor"),
    ("Thi Lan", "Nguyen"),
    ("Rahim", "Uddin"),
    ("Fatima", "Zahra"),
    ("Kwame", "Mensah"),
    ("Svetlana", "Ivanova"),
    ("Jorge", "Quispe"),
    ("Amina", "Bello"),
    ("Petar", "Dimitrov"),
    ("Grace", "Achieng"),
    ("Tomasz", "Wiśniewski"),
]


def lists_with_one_small(world: World) -> None:
    """Twelve persons met by a centre only, two by the police only: 14 persons seen."""
    for n, (given, family) in enumerate(NAMES):
        world.person(
            "caseworker_a" if n < 12 else "investigator",
            given_names=given,
            family_name=family,
            birth_date=date(1980 + n, 1 + n % 12, 1 + n),
            nationalities=["RO"],
        )
    linkage_keys_refresh(actor=None, actor_label="test")


def test_the_combinations_of_lists_give_no_small_one_away(
    world: World, client_as: ClientAs
) -> None:
    lists_with_one_small(world)
    response = client_as("analyst").get("/exchange/mse/")
    assert response.status_code == 200
    result = response.context["result"]
    observed = sum(count for _pattern, count in result.cells)
    assert observed == 14
    shown = counts([count for _pattern, count in response.context["cells"]])
    assert None in shown  # the police's two
    printed = response.context["observed"]
    if printed != DASH:
        assert_nothing_derivable(shown, int(printed))


def test_the_persons_per_list_give_no_small_one_away(world: World, client_as: ClientAs) -> None:
    lists_with_one_small(world)
    response = client_as("coordinator").get("/exchange/")
    assert response.status_code == 200
    published = response.context["published"]
    records = counts([records for _label, records, _persons in published["by_list"]])
    persons = counts([persons for _label, _records, persons in published["by_list"]])
    assert 2 not in records
    assert 2 not in persons
    for column, total in ((records, published["records"]), (persons, published["distinct"])):
        if total != DASH:
            # Each person here is on one list: the column adds up to the total.
            assert_nothing_derivable(column, int(total))
    body = response.content.decode()
    assert "14 person records stand for 14 distinct persons" in body
