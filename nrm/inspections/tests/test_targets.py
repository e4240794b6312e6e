"""Yearly targets: year to date against target per team and nationally, breakdowns by
sector and outcome, the chart and the CSV export (query counts pinned)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries
from pytest_django.fixtures import SettingsWrapper

from nrm.access.models import AuditEvent, AuditEventType
from nrm.core.errors import DomainError, PermissionDenied
from nrm.inspections.actions import inspection_report, target_set
from nrm.inspections.models import Inspection
from nrm.inspections.targets import dashboard
from nrm.inspections.tests.helpers import (
    TODAY,
    a_worksite,
    an_inspection,
    antwerp_inspector,
    carried_out,
)
from nrm.organisations.models import Organisation, OrganisationType
from nrm.testing import World

ClientAs = Callable[[str], Client]


def reported(world: World, inspection: Inspection, outcome: str = "PRO_JUSTITIA") -> Inspection:
    inspection = carried_out(world, inspection)
    return inspection_report(
        actor=world.actor("inspector"),
        inspection=inspection,
        expected_version=inspection.version,
        reported_on=TODAY,
        outcome=outcome,
        findings="Findings.",
    )


@pytest.fixture
def activity(world: World) -> None:
    """Brussels: two reported (construction, restaurant), one carried out, one planned.
    Antwerp: one carried out."""
    site = a_worksite(world)
    reported(world, an_inspection(world, worksite=site, planned_on=TODAY, sector="F"))
    reported(
        world,
        an_inspection(world, worksite=site, planned_on=TODAY, sector="I"),
        outcome="TRAFFICKING_INDICATORS",
    )
    carried_out(world, an_inspection(world, planned_on=TODAY, sector="F"))
    an_inspection(world, planned_on=TODAY)
    carried_out(
        world,
        an_inspection(world, actor=antwerp_inspector(world), planned_on=TODAY),
        antwerp_actor(world),
    )


def antwerp_actor(world: World):  # type: ignore[no-untyped-def]
    from nrm.access.context import actor_for
    from nrm.accounts.models import User

    return actor_for(User.objects.get(username="antwerp"))


def test_a_team_sees_its_own_progress_and_the_national_total(world: World, activity: None) -> None:
    board = dashboard(world.actor("teamlead"), year=TODAY.year, today=TODAY)

    assert [p.label for p in board.teams] == ["ECOSOC Brussels"]
    brussels = board.teams[0]
    # No share of its own: the team counts towards the national target (issue 9 §5).
    assert (brussels.target, brussels.expected_by_now, brussels.percent) == (None, None, None)
    assert (brussels.done, brussels.reported) == (3, 2)
    assert brussels.share_of_national == 75
    assert board.national.done == 4
    assert board.national.target == 100  # all the teams together, not 100 each
    assert [(code, n) for code, _label, n in board.by_sector] == [("F", 2), ("I", 1)]
    assert sorted((code, n) for code, _label, n in board.by_outcome) == [
        ("PRO_JUSTITIA", 1),
        ("TRAFFICKING_INDICATORS", 1),
    ]


def test_the_coordinating_level_sees_every_team(world: World, activity: None) -> None:
    board = dashboard(world.actor("coordinator"), year=TODAY.year, today=TODAY)
    assert {p.label: p.done for p in board.teams} == {"ECOSOC Antwerp": 1, "ECOSOC Brussels": 3}
    assert [(code, n) for code, _label, n in board.by_sector] == [("F", 3), ("I", 1)]


def test_a_teams_share_is_optional_and_leaves_the_national_target_alone(
    world: World, activity: None
) -> None:
    target_set(
        actor=world.actor("coordinator"),
        team=world.organisations["ECOSOC Brussels"],
        year=TODAY.year,
        target=60,
    )
    board = dashboard(world.actor("teamlead"), year=TODAY.year, today=TODAY)
    assert (board.teams[0].target, board.teams[0].target_is_default) == (60, False)
    assert board.teams[0].percent == 5
    assert board.national.target == 100
    assert AuditEvent.objects.filter(action="target_set").count() == 1


def test_only_the_coordinating_level_sets_targets(world: World) -> None:
    with pytest.raises(PermissionDenied):
        target_set(
            actor=world.actor("teamlead"),
            team=world.organisations["ECOSOC Brussels"],
            year=TODAY.year,
            target=1,
        )
    with pytest.raises(DomainError):
        target_set(
            actor=world.actor("coordinator"),
            team=world.organisations["PAG-ASA"],
            year=TODAY.year,
            target=1,
        )


def test_expected_by_now_follows_the_calendar(world: World) -> None:
    board = dashboard(world.actor("teamlead"), year=2024, today=date(2024, 7, 1))
    # 2024 is a leap year: 183 of 366 days by 1 July.
    assert board.national.expected_by_now == 50
    past = dashboard(world.actor("teamlead"), year=2023, today=date(2024, 7, 1))
    assert past.national.expected_by_now == 100


def test_inspections_not_focused_on_trafficking_do_not_count(world: World) -> None:
    from nrm.inspections.actions import inspection_plan

    inspection = inspection_plan(
        actor=world.actor("inspector"), planned_on=TODAY, sector="F", trafficking_focused=False
    )
    carried_out(world, inspection)
    assert dashboard(world.actor("teamlead"), year=TODAY.year, today=TODAY).teams[0].done == 0


def test_roles_without_targets_are_refused(world: World) -> None:
    for persona in ("caseworker_a", "investigator", "analyst", "admin"):
        with pytest.raises(PermissionDenied):
            dashboard(world.actor(persona), year=TODAY.year, today=TODAY)


def test_the_dashboard_page_shows_the_figures_and_the_chart(
    world: World, client_as: ClientAs, activity: None
) -> None:
    page = client_as("teamlead").get("/inspections/targets/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "4 of 100" in html
    assert "all the ECOSOC teams together" in html
    assert "75% of the national total" in html
    assert "240 were done in 2024" in html
    assert f"/inspections/targets/chart.svg?year={TODAY.year}" in html
    assert "Not verified" in html


def test_the_chart_is_a_static_svg_without_script(
    world: World, client_as: ClientAs, activity: None
) -> None:
    response = client_as("coordinator").get("/inspections/targets/chart.svg")
    svg = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "<svg" in svg
    assert "<script" not in svg
    assert "ECOSOC Brussels" in svg
    assert "ECOSOC Antwerp" in svg
    assert "National target" in svg
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"


def test_the_csv_export_has_teams_national_and_breakdowns_and_is_audited(
    world: World, client_as: ClientAs, activity: None
) -> None:
    response = client_as("coordinator").get(f"/inspections/targets/export.csv?year={TODAY.year}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="inspection-targets-{TODAY.year}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Table", "Team or category", "Year", "Target"]
    by_label = {row[1]: row for row in rows[1:]}
    assert by_label["ECOSOC Brussels"][3:7] == ["", "no", "3", "2"]
    assert by_label["ECOSOC Brussels"][9] == "75"
    assert by_label["National"][3] == "100"
    assert by_label["ECOSOC Antwerp"][5] == "1"
    assert by_label["National"][0] == "national"
    assert by_label["National"][5] == "4"
    assert by_label["F Construction"][5] == "3"
    outcomes = {row[1]: row[6] for row in rows if row[0] == "outcome"}
    assert outcomes["Indicators of trafficking: reported to the labour auditor"] == "1"
    assert AuditEvent.objects.filter(
        action="targets_export", event_type=AuditEventType.EXPORT
    ).exists()


def test_the_export_costs_the_same_queries_whatever_the_number_of_teams(
    world: World,
    client_as: ClientAs,
    activity: None,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client = client_as("coordinator")
    client.get("/inspections/targets/export.csv")
    with django_assert_num_queries(QUERIES_PER_EXPORT):
        client.get("/inspections/targets/export.csv")
    admin = world.actor("admin")
    from nrm.administration.actions import organisation_create

    for n in range(5):
        organisation_create(
            actor=admin,
            name=f"ECOSOC team {n}",
            short_name=f"ECOSOC {n}",
            type=OrganisationType.LABOUR_INSPECTION_TEAM,
            country="BE",
            region=None,
            judicial_district=None,
        )
    assert Organisation.objects.filter(type=OrganisationType.LABOUR_INSPECTION_TEAM).count() == 7
    with django_assert_num_queries(QUERIES_PER_EXPORT):
        client.get("/inspections/targets/export.csv")


# Session, user, device and membership (4); the five figures: teams, targets, counts per
# team, per sector, per outcome (5); the audit row (5); the session saved again (3).
QUERIES_PER_EXPORT = 17


def test_the_page_for_a_year_in_the_url_and_a_bad_year(world: World, client_as: ClientAs) -> None:
    client = client_as("teamlead")
    assert (
        "Inspection targets 2024" in client.get("/inspections/targets/?year=2024").content.decode()
    )
    assert (
        client.get("/inspections/targets/?year=abc").status_code == 200
    )  # falls back on this year


def test_the_coordinator_sets_a_target_on_the_page(world: World, client_as: ClientAs) -> None:
    client = client_as("coordinator")
    response = client.post(
        "/inspections/targets/set/",
        {"team": world.organisations["ECOSOC Brussels"].pk, "year": TODAY.year, "target": "120"},
    )
    assert response.status_code == 302
    assert "0 of 120" in client.get(response["Location"]).content.decode()
    bad = client.post(
        "/inspections/targets/set/",
        {"team": world.organisations["ECOSOC Brussels"].pk, "year": TODAY.year, "target": "-1"},
    )
    assert bad.status_code == 400
    assert client_as("teamlead").post("/inspections/targets/set/", {}).status_code == 403


def test_the_team_home_page_shows_the_year_to_date(
    world: World, client_as: ClientAs, activity: None
) -> None:
    html = client_as("inspector").get("/").content.decode()
    assert "4 of 100" in html  # the national figure the team contributes to


def test_the_dashboard_page_costs_the_same_queries_whatever_the_activity(
    world: World, client_as: ClientAs, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_as("coordinator")
    client.get("/inspections/targets/")
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get("/inspections/targets/")
    site = a_worksite(world)
    for sector in ("F", "I", "G"):
        reported(world, an_inspection(world, worksite=site, planned_on=TODAY, sector=sector))
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get("/inspections/targets/")
    assert "3 of 100" in response.content.decode()  # national: the three just reported


# Session, user, device, membership (4); the five figures (5); the page's memberships (1);
# the teams of the coordinator's target form (1); the session saved again (3).
DASHBOARD_QUERIES = 14


def test_the_national_target_is_a_setting(
    world: World, activity: None, settings: SettingsWrapper
) -> None:
    settings.NRM_INSPECTION_NATIONAL_TARGET = 240
    board = dashboard(world.actor("coordinator"), year=TODAY.year, today=TODAY)
    assert board.national.target == 240
    assert sum(p.done for p in board.teams) == board.national.done
