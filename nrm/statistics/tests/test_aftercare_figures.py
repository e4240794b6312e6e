"""After support in the rapporteur's figures (issue 18 §4): where persons went when their
support ended, the outcomes of the follow-up contacts (fixed categories) and the persons met
again (re-trafficking flags), counted once per person and year, under the small-cell rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.test import Client, override_settings
from django.utils import timezone, translation

from nrm.access.actions import involvement_open
from nrm.access.models import InvolvementBasis, Purpose
from nrm.aftercare.actions import (
    exit_plan_record,
    follow_up_contact_record,
    retrafficking_flag_review,
)
from nrm.aftercare.models import ExitPlan, RetraffickingFlag
from nrm.aftercare.worker import meetings_scan
from nrm.people.models import Person
from nrm.statistics.actions import facts_refresh
from nrm.statistics.figures import FIGURES, Population
from nrm.statistics.queries import Table, TableRequest, build_tables
from nrm.testing import World


@pytest.fixture
def last_year() -> int:
    """Plans and contacts dated inside last year: the tests do not depend on today's date."""
    return timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def by_row(table: Table) -> dict[str, int | None]:
    return dict(zip(table.rows, table.shown.row_totals, strict=True))


def one(year: int, figure: str, rows: str = "category") -> Table:
    return build_tables(year, [TableRequest(figure, rows)])[0]


def _cared(world: World, name: str) -> Person:
    person = world.person("inspector", given_names=name)
    world.involve(person, "caseworker_a", Purpose.CARE)
    return person


def _plan(world: World, person: Person, pathway: str, ended: dt.date) -> ExitPlan:
    return exit_plan_record(
        actor=world.actor("caseworker_a"),
        person=person,
        pathway=pathway,
        support_ended_on=ended,
        summary="Own flat; language course.",
    )


def _contact(world: World, plan: ExitPlan, months: int, done_on: dt.date, outcome: str) -> None:
    follow_up_contact_record(
        actor=world.actor("caseworker_a"),
        contact_id=plan.contacts.get(months=months).pk,
        done_on=done_on,
        channel="PHONE",
        outcome=outcome,
    )


def test_the_aftercare_figures_state_their_unit_and_count_presumed_victims() -> None:
    for figure_id in ("support_ended", "follow_up_outcomes", "persons_met_again"):
        figure = FIGURES[figure_id]
        assert str(figure.unit).strip()
        assert str(figure.source).strip()
        assert str(figure.note).strip()
        assert figure.population == Population.PRESUMED_VICTIMS
        assert figure.category_labels  # fixed categories, published whole


@override_settings(NRM_SMALL_CELL=1)
def test_each_person_counts_once_under_the_last_outcome_of_the_year(
    world: World, last_year: int
) -> None:
    anna, bea = _cared(world, "Anna"), _cared(world, "Bea")
    first = _plan(world, anna, "INDEPENDENT_LIVING", dt.date(last_year, 2, 1))
    second = _plan(world, bea, "MOVE_ON", dt.date(last_year, 3, 1))
    _contact(world, first, 3, dt.date(last_year, 5, 2), "AT_RISK")
    _contact(world, first, 6, dt.date(last_year, 8, 3), "SAFE_AND_STABLE")
    _contact(world, second, 3, dt.date(last_year, 6, 1), "NOT_REACHED")

    facts_refresh(actor=world.actor("analyst"), year=last_year)

    outcomes = by_row(one(last_year, "follow_up_outcomes"))
    assert outcomes["SAFE_AND_STABLE"] == 1  # Anna's last contact, not her first
    assert outcomes["AT_RISK"] == 0
    assert outcomes["NOT_REACHED"] == 1
    assert one(last_year, "follow_up_outcomes").shown.total == 2  # persons, not contacts
    exits = by_row(one(last_year, "support_ended"))
    assert exits["INDEPENDENT_LIVING"] == 1
    assert exits["MOVE_ON"] == 1
    assert exits["RETURN"] == 0  # fixed categories are published whole


def _met_again(world: World, persons: list[Person]) -> list[RetraffickingFlag]:
    """The police meet again persons whose support ended; the worker raises the flags."""
    ended = timezone.localdate() - dt.timedelta(days=1)
    plans = [_plan(world, person, "MOVE_ON", ended) for person in persons]
    start = timezone.now()
    meetings_scan(now=start)  # the first pass sets where to start
    investigator = world.actor("investigator")
    assert investigator.organisation is not None
    for person in persons:
        involvement_open(
            actor=investigator,
            person=person,
            organisation=investigator.organisation,
            purpose=Purpose.INVESTIGATION,
            basis=InvolvementBasis.CASE_FILE,
        )
    assert meetings_scan(now=timezone.now() + dt.timedelta(seconds=1)) == len(persons)
    return [RetraffickingFlag.objects.get(plan=plan) for plan in plans]


@override_settings(NRM_SMALL_CELL=1)
def test_persons_met_again_by_what_their_centre_found(world: World) -> None:
    flags = _met_again(world, [_cared(world, name) for name in ("Cora", "Dina", "Ema")])
    caseworker = world.actor("caseworker_a")
    retrafficking_flag_review(actor=caseworker, flag_id=flags[0].pk, confirmed=True)
    retrafficking_flag_review(actor=caseworker, flag_id=flags[1].pk, confirmed=False)
    year = flags[0].raised_at.astimezone(timezone.get_current_timezone()).year

    facts_refresh(actor=world.actor("analyst"), year=year)

    assert by_row(one(year, "persons_met_again")) == {
        "CONFIRMED": 1,
        "NOT_CONFIRMED": 1,
        "NOT_YET_REVIEWED": 1,
    }


def test_small_counts_are_suppressed_on_the_rapporteurs_page(
    world: World, client_as: Callable[[str], Client], last_year: int
) -> None:
    anna = _cared(world, "Anna")
    plan = _plan(world, anna, "RETURN", dt.date(last_year, 2, 1))
    _contact(world, plan, 3, dt.date(last_year, 5, 2), "RE_EXPLOITED")
    facts_refresh(actor=None, year=last_year)

    table = one(last_year, "follow_up_outcomes")
    assert by_row(table)["RE_EXPLOITED"] is None  # one person: below the threshold
    assert table.shown.total is None  # nor worked back from the total
    page = client_as("analyst").get(f"/statistics/?year={last_year}&figure=follow_up_outcomes")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Outcomes of the follow-up contacts after support" in text
    assert anna.reference not in text
    assert client_as("caseworker_a").get("/statistics/").status_code in {403, 404}
