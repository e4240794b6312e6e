"""Yearly targets of trafficking cases per office, and the dashboard of actual against target."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.core.errors import DomainError, PermissionDenied
from nrm.prosecution import actions, targets
from nrm.prosecution.tests.support import TODAY, days_ago, decide, opened_case
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_an_office_without_a_set_target_has_the_product_default(world: World) -> None:
    board = targets.dashboard(world.actor("prosecutor"), year=TODAY.year, today=TODAY)
    [row] = board.offices
    assert (row.target, row.target_is_default) == (12, True)
    assert board.default.tag == "PRODUCT"


def test_the_default_is_a_setting(world: World, settings: object) -> None:
    settings.NRM_PROSECUTION_TARGET_DEFAULT = 30  # type: ignore[attr-defined]
    board = targets.dashboard(world.actor("prosecutor"), year=TODAY.year, today=TODAY)
    assert board.offices[0].target == 30


def test_a_case_counts_in_the_year_its_investigation_was_opened(world: World) -> None:
    this_year = max(date(TODAY.year, 1, 1), days_ago(3))
    counted = decide(
        world,
        "prosecutor",
        opened_case(world, opened_days_ago=(TODAY - this_year).days),
        "open_investigation",
        decided_on=this_year,
    )
    opened_case(world)  # registered, not yet investigated
    decide(
        world,
        "prosecutor",
        opened_case(world),
        "dismiss",
        decided_on=this_year,
        reason_code="OTHER",
        reason="x",
    )
    board = targets.dashboard(world.actor("prosecutor"), year=TODAY.year, today=TODAY)
    row = board.offices[0]
    assert row.investigations == 1
    assert row.dismissed == 1
    assert row.registered >= 1
    assert board.national.investigations == 1
    assert counted.status == "INVESTIGATION"


def test_the_coordinating_level_sets_a_target_and_sees_every_office(world: World) -> None:
    office = world.organisations["Auditorate Brussels"]
    actions.case_target_set(
        actor=world.actor("coordinator"), office=office, year=TODAY.year, target=20
    )
    actions.case_target_set(
        actor=world.actor("coordinator"), office=office, year=TODAY.year, target=25
    )
    board = targets.dashboard(world.actor("coordinator"), year=TODAY.year, today=TODAY)
    assert board.every_office
    assert [(r.label, r.target, r.target_is_default) for r in board.offices] == [
        ("Auditorate Brussels", 25, False)
    ]
    with pytest.raises(PermissionDenied):
        actions.case_target_set(
            actor=world.actor("prosecutor"), office=office, year=TODAY.year, target=1
        )
    with pytest.raises(DomainError):
        actions.case_target_set(
            actor=world.actor("coordinator"),
            office=world.organisations["PAG-ASA"],
            year=TODAY.year,
            target=1,
        )


@pytest.mark.parametrize("persona", ["investigator", "judge", "caseworker_a", "analyst", "admin"])
def test_others_do_not_follow_case_targets(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        targets.dashboard(world.actor(persona), year=TODAY.year, today=TODAY)


def test_the_dashboard_takes_four_queries_whatever_the_number_of_cases(world: World) -> None:
    for _ in range(3):
        decide(world, "prosecutor", opened_case(world), "open_investigation")
    with CaptureQueriesContext(connection) as captured:
        targets.dashboard(world.actor("coordinator"), year=TODAY.year, today=TODAY)
    assert len(captured.captured_queries) == 4


def test_the_targets_page_shows_and_sets(world: World, client_as: ClientAs) -> None:
    page = client_as("prosecutor").get("/prosecution/targets/")
    assert page.status_code == 200
    assert "Auditorate Brussels" in page.content.decode()
    office = world.organisations["Auditorate Brussels"].pk
    assert (
        client_as("prosecutor")
        .post("/prosecution/targets/", {"office": office, "year": TODAY.year, "target": 5})
        .status_code
        == 403
    )
    assert (
        client_as("coordinator")
        .post("/prosecution/targets/", {"office": office, "year": TODAY.year, "target": -1})
        .status_code
        == 400
    )
    response = client_as("coordinator").post(
        "/prosecution/targets/", {"office": office, "year": TODAY.year, "target": 5}
    )
    assert response.status_code == 302
    assert client_as("analyst").get("/prosecution/targets/").status_code == 403
