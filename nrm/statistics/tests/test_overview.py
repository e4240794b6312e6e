"""The de-identified overview: counts by group, small cells suppressed, never a name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.test import Client, override_settings
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from nrm.access.actions import involvement_end
from nrm.access.models import InvolvementBasis, Purpose
from nrm.core.errors import NotFound
from nrm.people.models import Person
from nrm.statistics.queries import (
    Cell,
    age_band,
    involvement_counts,
    person_overview,
    suppress,
)
from nrm.testing import World

ClientAs = Callable[[str], Client]


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    # Labels and reasons are compared in English, whatever language an earlier test left on.
    with translation.override("en"):
        yield


def cells(table: list[Cell]) -> dict[str, int | None]:
    return {cell.label: cell.count for cell in table}


def populate(world: World) -> list[Person]:
    """Six Romanian women met in 2025, two Bulgarian boys in 2024, one unknown person."""
    women = [
        world.person(
            "inspector",
            given_names=f"Ileana{i}",
            family_name="Vasilescu",
            gender="Feminine",
            nationalities=["RO"],
            age_at_first_contact=30 + i,
            first_contact_on=date(2025, 3, 1),
        )
        for i in range(6)
    ]
    boys = [
        world.person(
            "caseworker_b",
            given_names=f"Bogdan{i}",
            family_name="Dimitrov",
            gender="Masculine",
            nationalities=["BG"],
            languages=["bg"],
            age_at_first_contact=16,
            first_contact_on=date(2024, 11, 5),
        )
        for i in range(2)
    ]
    unknown = world.person(
        "caseworker_a",
        given_names="Nameless",
        family_name="Stranger",
        nationalities=[],
        languages=[],
        age_at_first_contact=None,
        first_contact_on=date(2025, 1, 2),
    )
    return [*women, *boys, unknown]


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (None, "Unknown"),
        (0, "Minor (under 18)"),
        (17, "Minor (under 18)"),
        (18, "18-24"),
        (24, "18-24"),
        (25, "25-34"),
        (34, "25-34"),
        (35, "35-49"),
        (49, "35-49"),
        (50, "50 and over"),
    ],
)
def test_ages_fall_into_bands(age: int | None, band: str) -> None:
    assert age_band(age) == band


@override_settings(NRM_SMALL_CELL=5)
def test_small_cells_are_suppressed_but_zero_and_large_cells_are_shown() -> None:
    result = suppress([("none", 0), ("one", 1), ("four", 4), ("five", 5), ("nine", 9)])

    # One and four together hide each other: their sum, 5, is at least the threshold wide.
    assert cells(result) == {"none": 0, "one": None, "four": None, "five": 5, "nine": 9}
    assert [cell.shown for cell in result] == ["0", "\u2013", "\u2013", "5", "9"]


@override_settings(NRM_SMALL_CELL=5)
def test_a_lone_small_cell_takes_a_complement_with_it() -> None:
    # Without a second suppressed cell, 20 - 6 would give the hidden 2 back.
    result = suppress([("two", 2), ("six", 6), ("twelve", 12)])

    assert cells(result) == {"two": None, "six": None, "twelve": 12}


@override_settings(NRM_SMALL_CELL=3)
def test_the_threshold_is_a_setting() -> None:
    result = suppress([("two", 2), ("three", 3), ("ten", 10)])

    assert [cell.shown for cell in result] == ["\u2013", "\u2013", "10"]


@override_settings(NRM_SMALL_CELL=1)
def test_it_counts_every_person_in_the_mechanism_by_group(world: World) -> None:
    populate(world)

    overview = person_overview(world.actor("analyst"))

    assert overview.total == 9
    assert cells(overview.by_gender) == {
        "Woman": 6,
        "Man": 2,
        "Not specified or unknown": 1,
    }
    assert cells(overview.by_nationality) == {"Romania": 6, "Bulgaria": 2, "Unknown": 1}
    assert cells(overview.by_age) == {
        "25-34": 5,
        "35-49": 1,
        "Minor (under 18)": 2,
        "Unknown": 1,
    }
    assert cells(overview.by_year) == {"2024": 2, "2025": 7}


@override_settings(NRM_SMALL_CELL=5)
def test_the_overview_suppresses_small_groups(world: World) -> None:
    populate(world)

    overview = person_overview(world.actor("analyst"))

    # Bulgaria (2) and unknown (1) would hide each other only within 3 < 5: Romania goes too.
    assert cells(overview.by_nationality) == {"Romania": None, "Bulgaria": None, "Unknown": None}
    assert cells(overview.by_year) == {"2024": None, "2025": None}
    assert overview.total == 9


def test_a_person_with_two_nationalities_counts_under_the_first(world: World) -> None:
    # Each person once, so that the breakdown adds up to the total (its published margin).
    world.person("inspector", nationalities=["RO", "MD"])

    with override_settings(NRM_SMALL_CELL=1):
        overview = person_overview(world.actor("coordinator"))

    assert overview.total == 1
    assert cells(overview.by_nationality) == {"Romania": 1}


@pytest.mark.parametrize("count", [1, 10])
def test_the_overview_reads_the_persons_in_four_grouped_queries(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    for _ in range(count):
        world.person("inspector")
    analyst = world.actor("analyst")

    with django_assert_num_queries(4), override_settings(NRM_SMALL_CELL=1):
        overview = person_overview(analyst)

    assert overview.total == count


@pytest.mark.parametrize("persona", ["inspector", "caseworker_a", "prosecutor", "admin"])
def test_roles_without_a_statistics_duty_get_not_found(world: World, persona: str) -> None:
    with pytest.raises(NotFound):
        person_overview(world.actor(persona))


@pytest.mark.parametrize("persona", ["analyst", "coordinator"])
def test_the_analyst_and_the_coordinator_get_the_overview(world: World, persona: str) -> None:
    world.person("inspector")

    with override_settings(NRM_SMALL_CELL=1):
        assert person_overview(world.actor(persona)).total == 1


def test_the_coordinator_sees_how_many_persons_each_kind_of_organisation_follows(
    world: World,
) -> None:
    referred = world.person("inspector")
    world.involve(referred, "caseworker_a", Purpose.CARE)
    world.person("inspector")
    closed = world.person("caseworker_b")
    involvement_end(actor=world.actor("caseworker_b"), involvement=closed.involvements.get())
    world.involve(referred, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)

    with override_settings(NRM_SMALL_CELL=1):
        counts = cells(involvement_counts(world.actor("coordinator")))

    assert counts == {
        "Labour-inspection trafficking team": 2,
        "Specialised centre (adults)": 1,
        "Prosecution office or labour auditorate": 1,
    }
    with pytest.raises(NotFound):
        involvement_counts(world.actor("analyst"))


@override_settings(NRM_SMALL_CELL=5)
def test_the_analysts_home_page_shows_counts_and_no_identity(
    world: World, client_as: ClientAs
) -> None:
    persons = populate(world)

    response = client_as("analyst").get("/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "9 persons in the mechanism." in text
    assert "<td>Bulgaria</td><td>\u2013</td>" in text
    for person in persons:
        assert person.given_names not in text
        assert person.family_name not in text
        assert person.reference not in text


@override_settings(NRM_SMALL_CELL=5)
def test_the_coordinators_home_page_shows_the_overview_and_no_identity(
    world: World, client_as: ClientAs
) -> None:
    persons = populate(world)

    response = client_as("coordinator").get("/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "9 persons in the mechanism." in text
    # Caseworkers of two centres met three persons: below the threshold, suppressed. The
    # inspection teams' 6 would give the 3 away next to the printed total of 9: suppressed
    # too (secondary suppression, issue 11 item 9).
    assert "<td>Specialised centre (adults)</td><td>\u2013</td>" in text
    assert "<td>Labour-inspection trafficking team</td><td>\u2013</td>" in text
    for person in persons:
        assert person.family_name not in text
        assert person.reference not in text
