"""Figures: counting units stated, victims and suspects apart, GROUP BY on the release table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import translation
from pytest_django import DjangoAssertNumQueries

from nrm.core.errors import NotFound
from nrm.statistics.actions import facts_refresh
from nrm.statistics.figures import FIGURES, Population
from nrm.statistics.models import Fact
from nrm.statistics.queries import (
    BadParameter,
    TableRequest,
    build_tables,
    series_table,
    statistics_tables,
)
from nrm.statistics.tests.support import YEAR, accepted_referral, case_with_suspects
from nrm.testing import World


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def referred(world: World) -> World:
    """Seven presumed victims referred by inspectors (4 men, 3 women; 5 Filipino, 2
    Moroccan), one of them a minor; a sexual-exploitation case naming three suspects."""
    for i in range(7):
        accepted_referral(
            world,
            given_names=f"Worker{i}",
            gender="Masculine" if i % 2 == 0 else "Feminine",
            nationalities=["PH"] if i < 5 else ["MA"],
            age_at_first_contact=16 if i == 0 else 30,
        )
    case_with_suspects(world, suspects=3)
    facts_refresh(actor=world.actor("analyst"), year=YEAR)
    return world


def test_every_figure_states_its_unit_source_and_note() -> None:
    for figure in FIGURES.values():
        for statement in (figure.title, figure.unit, figure.source, figure.note):
            assert str(statement).strip()
        assert figure.dimensions


def test_victims_and_suspects_are_never_counted_in_one_figure() -> None:
    victim_side = {Population.PRESUMED_VICTIMS, Population.VICTIMS}
    for figure in FIGURES.values():
        assert figure.population not in victim_side or figure.population != Population.SUSPECTS
    assert FIGURES["suspects"].population == Population.SUSPECTS
    assert FIGURES["presumed_victims_referred"].population == Population.PRESUMED_VICTIMS


@override_settings(NRM_SMALL_CELL=1)
def test_presumed_victims_are_counted_by_form_sex_age_and_nationality(referred: World) -> None:
    by_sex, by_age, by_nationality, form_sex = build_tables(
        YEAR,
        [
            TableRequest("presumed_victims_referred", "sex"),
            TableRequest("presumed_victims_referred", "age"),
            TableRequest("presumed_victims_referred", "nationality"),
            TableRequest("presumed_victims_referred", "form", "sex"),
        ],
    )

    assert dict(zip(by_sex.rows, by_sex.shown.row_totals, strict=True)) == {
        "FEMALE": 3,
        "MALE": 4,
        "OTHER_OR_UNKNOWN": 0,
    }
    assert dict(zip(by_age.rows, by_age.shown.row_totals, strict=True)) == {
        "MINOR": 1,
        "ADULT": 6,
        "UNKNOWN": 0,
    }
    assert dict(zip(by_nationality.rows, by_nationality.shown.row_totals, strict=True)) == {
        "PH": 5,
        "MA": 2,
    }
    assert by_nationality.row_labels == ["Philippines", "Morocco"]
    # Referred by a labour-inspection team without a case file: labour exploitation.
    assert form_sex.rows[0] == "LABOUR"
    assert form_sex.shown.cells[0] == [3, 4, 0]
    assert form_sex.shown.total == 7


@override_settings(NRM_SMALL_CELL=1)
def test_suspects_are_counted_apart_from_victims(referred: World) -> None:
    (suspects,) = build_tables(YEAR, [TableRequest("suspects", "form")])

    assert suspects.shown.total == 3
    assert dict(zip(suspects.rows, suspects.shown.row_totals, strict=True))["SEXUAL"] == 3
    assert Fact.objects.filter(figure="presumed_victims_referred").count() == 7


@override_settings(NRM_SMALL_CELL=5)
def test_the_suspects_table_is_protected(referred: World) -> None:
    (suspects,) = build_tables(YEAR, [TableRequest("suspects", "sex")])

    assert suspects.shown.total is None
    assert suspects.shown.row_totals == [0, None, 0]


def test_a_person_referred_twice_in_a_year_counts_once(world: World) -> None:
    referral = accepted_referral(world)
    from nrm.statistics.tests.support import accepted_referral as again

    again(world, persona="caseworker_b", given_names="Other")
    del referral
    facts_refresh(actor=None, year=YEAR)
    with override_settings(NRM_SMALL_CELL=1):
        (table,) = build_tables(YEAR, [TableRequest("presumed_victims_referred", "sex")])
    assert table.shown.total == Fact.objects.filter(figure="presumed_victims_referred").count()


def test_a_refresh_replaces_the_years_facts(referred: World) -> None:
    before = Fact.objects.filter(year=YEAR).count()

    facts_refresh(actor=referred.actor("coordinator"), year=YEAR)

    assert Fact.objects.filter(year=YEAR).count() == before


@override_settings(NRM_SMALL_CELL=1)
def test_a_series_has_ten_years_as_columns(referred: World) -> None:
    table = series_table("presumed_victims_referred", year=YEAR)

    assert table.columns == [str(y) for y in range(YEAR - 9, YEAR + 1)]
    assert table.shown.cells[0][-1] == 7
    assert table.shown.cells[0][0] == 0


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (TableRequest("no_such_figure", "sex"), "figure"),
        (TableRequest("presumed_victims_referred", "shoe_size"), "dimension"),
        (TableRequest("suspects", "referrer"), "dimension"),
        (TableRequest("suspects", "sex", "sex"), "dimension"),
    ],
)
def test_bad_parameters_get_a_clear_error(
    referred: World, request_: TableRequest, field: str
) -> None:
    with pytest.raises(BadParameter) as error:
        build_tables(YEAR, [request_])
    assert error.value.field == field
    assert error.value.message


def test_a_year_without_data_is_refused(referred: World) -> None:
    with pytest.raises(BadParameter, match="no figures for 1990"):
        build_tables(1990, [TableRequest("suspects", "sex")])


@pytest.mark.parametrize("persona", ["inspector", "prosecutor", "caseworker_a", "admin"])
def test_only_the_rapporteur_and_the_coordinator_get_figures(
    referred: World, persona: str
) -> None:
    with pytest.raises(NotFound):
        statistics_tables(referred.actor(persona), year=YEAR)


@pytest.mark.parametrize("persons", [2, 12])
def test_a_table_is_one_query_whatever_the_number_of_persons(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, persons: int
) -> None:
    for i in range(persons):
        accepted_referral(world, given_names=f"W{i}")
    facts_refresh(actor=None, year=YEAR)

    # The year check, the generated-years check, then one statement for the figure's tables.
    with django_assert_num_queries(3):
        build_tables(
            YEAR,
            [
                TableRequest("presumed_victims_referred", "sex"),
                TableRequest("presumed_victims_referred", "form", "sex"),
            ],
        )


def test_a_refresh_with_no_records_extracts_nothing(db: None) -> None:
    # Every figure's INSERT ... SELECT runs (on SQLite and PostgreSQL alike) and finds nothing.
    assert facts_refresh(actor=None, year=YEAR) == 0
    with pytest.raises(BadParameter):
        build_tables(YEAR, [TableRequest("suspects", "sex")])
