"""The inspection workflow: planned -> carried out -> reported, or cancelled.

Each transition and each refusal: wrong state 409, stale version 409, impossible dates and
a report without a site 400 with nothing saved, another team 403, an outsider 404; the
history and audit rows; the reasons shown next to each button.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections.actions import (
    inspection_cancel,
    inspection_carry_out,
    inspection_plan,
    inspection_report,
)
from nrm.inspections.models import Inspection, InspectionEvent
from nrm.inspections.tests.helpers import (
    TODAY,
    YESTERDAY,
    a_worksite,
    an_inspection,
    antwerp_inspector,
    carried_out,
)
from nrm.inspections.vocab import InspectionStatus
from nrm.inspections.workflow import available_transitions
from nrm.testing import World

ClientAs = Callable[[str], Client]


def statuses(inspection: Inspection) -> list[str]:
    return list(
        InspectionEvent.objects.filter(inspection=inspection)
        .order_by("pk")
        .values_list("to_status", flat=True)
    )


def test_an_inspection_is_planned_for_the_inspectors_own_team(world: World) -> None:
    inspection = an_inspection(world, worksite=a_worksite(world))

    assert inspection.status == InspectionStatus.PLANNED
    assert inspection.team == world.organisations["ECOSOC Brussels"]
    assert inspection.reference.startswith("I-")
    assert statuses(inspection) == ["PLANNED"]
    assert AuditEvent.objects.filter(
        action="inspection_plan", record_id=str(inspection.pk)
    ).exists()


def test_it_goes_from_planned_to_carried_out_to_reported(world: World) -> None:
    site = a_worksite(world)
    inspection = carried_out(world, an_inspection(world, worksite=site))
    assert inspection.status == InspectionStatus.CARRIED_OUT

    reported = inspection_report(
        actor=world.actor("teamlead"),
        inspection=inspection,
        expected_version=inspection.version,
        reported_on=TODAY,
        outcome="TRAFFICKING_INDICATORS",
        findings="Twelve workers housed in containers on site.",
    )

    assert reported.status == InspectionStatus.REPORTED
    assert reported.version == 3
    assert statuses(reported) == ["PLANNED", "CARRIED_OUT", "REPORTED"]
    event = AuditEvent.objects.get(action="inspection_report", record_id=str(reported.pk))
    assert event.changes is not None
    assert event.changes["status"] == {"old": "CARRIED_OUT", "new": "REPORTED"}
    reported.refresh_from_db()
    assert reported.findings == "Twelve workers housed in containers on site."


def test_findings_are_encrypted_at_rest(world: World) -> None:
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))
    inspection_report(
        actor=world.actor("inspector"),
        inspection=inspection,
        expected_version=inspection.version,
        reported_on=TODAY,
        outcome="PRO_JUSTITIA",
        findings="Foreman Jan Peeters keeps the passports.",
    )
    raw = Inspection.objects.filter(pk=inspection.pk).values_list("findings", flat=True)
    # values_list still decrypts; read the column as the database holds it.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT findings FROM inspections_inspection WHERE id = %s", [inspection.pk])
        stored = cursor.fetchone()[0]
    assert "Peeters" not in stored
    assert stored.startswith("fernet:")
    assert list(raw) == ["Foreman Jan Peeters keeps the passports."]


def test_a_planned_inspection_can_be_cancelled(world: World) -> None:
    inspection = an_inspection(world)
    cancelled = inspection_cancel(
        actor=world.actor("inspector"),
        inspection=inspection,
        expected_version=1,
        reason="Site closed.",
    )
    assert cancelled.status == InspectionStatus.CANCELLED


@pytest.mark.parametrize("step", ["report", "cancel_after_carry_out", "carry_out_twice"])
def test_a_transition_from_the_wrong_state_is_a_conflict(world: World, step: str) -> None:
    inspection = an_inspection(world, worksite=a_worksite(world))
    actor = world.actor("inspector")
    if step == "report":
        with pytest.raises(Conflict):
            inspection_report(
                actor=actor,
                inspection=inspection,
                expected_version=1,
                reported_on=TODAY,
                outcome="NO_INFRINGEMENT",
                findings="x",
            )
        return
    inspection = carried_out(world, inspection)
    if step == "cancel_after_carry_out":
        with pytest.raises(Conflict):
            inspection_cancel(actor=actor, inspection=inspection, expected_version=2)
        return
    with pytest.raises(Conflict):
        inspection_carry_out(
            actor=actor, inspection=inspection, expected_version=2, carried_out_on=TODAY
        )


def test_a_stale_version_is_a_conflict_and_changes_nothing(world: World) -> None:
    inspection = an_inspection(world)
    carried_out(world, inspection)  # someone else, a moment earlier

    with pytest.raises(Conflict) as refused:
        inspection_cancel(actor=world.actor("teamlead"), inspection=inspection, expected_version=1)

    assert "Someone else changed this inspection" in refused.value.message
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CARRIED_OUT


def test_an_inspection_cannot_be_carried_out_in_the_future(world: World) -> None:
    inspection = an_inspection(world)
    with pytest.raises(DomainError) as refused:
        inspection_carry_out(
            actor=world.actor("inspector"),
            inspection=inspection,
            expected_version=1,
            carried_out_on=TODAY + timedelta(days=1),
        )
    assert refused.value.field == "carried_out_on"
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.PLANNED
    assert inspection.carried_out_on is None


def test_a_report_cannot_be_dated_before_the_inspection(world: World) -> None:
    inspection = carried_out(world, an_inspection(world, worksite=a_worksite(world)))
    with pytest.raises(DomainError) as refused:
        inspection_report(
            actor=world.actor("inspector"),
            inspection=inspection,
            expected_version=inspection.version,
            reported_on=YESTERDAY - timedelta(days=1),
            outcome="NO_INFRINGEMENT",
            findings="Nothing.",
        )
    assert refused.value.field == "reported_on"
    assert "before the inspection" in refused.value.message


def test_a_report_without_a_site_is_refused_and_nothing_is_half_saved(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    audit_rows = AuditEvent.objects.count()

    with pytest.raises(DomainError) as refused:
        inspection_report(
            actor=world.actor("inspector"),
            inspection=inspection,
            expected_version=inspection.version,
            reported_on=TODAY,
            outcome="NO_INFRINGEMENT",
            findings="Nothing.",
        )

    assert refused.value.field == "worksite"
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.CARRIED_OUT
    assert inspection.findings == ""
    assert AuditEvent.objects.count() == audit_rows


def test_the_report_may_name_the_site_that_was_missing(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    site = a_worksite(world)
    reported = inspection_report(
        actor=world.actor("inspector"),
        inspection=inspection,
        expected_version=inspection.version,
        reported_on=TODAY,
        outcome="NO_INFRINGEMENT",
        findings="Nothing.",
        worksite=site,
    )
    assert reported.worksite == site


def test_another_team_sees_nothing_and_cannot_act(world: World) -> None:
    inspection = an_inspection(world)
    antwerp = antwerp_inspector(world)
    with pytest.raises(NotFound):
        inspection_cancel(actor=antwerp, inspection=inspection, expected_version=1)


def test_police_taking_part_see_the_inspection_but_do_not_record_it(world: World) -> None:
    from nrm.inspections.tests.helpers import a_joint_action

    inspection = an_inspection(world, joint_action=a_joint_action(world))
    with pytest.raises(PermissionDenied):
        inspection_cancel(
            actor=world.actor("investigator"), inspection=inspection, expected_version=1
        )


def test_only_inspection_teams_plan(world: World) -> None:
    with pytest.raises(PermissionDenied):
        inspection_plan(actor=world.actor("investigator"), planned_on=TODAY, sector="F")


def test_a_sector_outside_the_list_is_refused(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        inspection_plan(actor=world.actor("inspector"), planned_on=TODAY, sector="Z")
    assert refused.value.field == "sector"


def test_every_transition_comes_with_its_reason(world: World) -> None:
    inspection = an_inspection(world)
    offered = {a.name: a for a in available_transitions(inspection, world.actor("inspector"))}

    assert offered["carry_out"].allowed
    assert offered["cancel"].allowed
    assert not offered["report"].allowed
    assert "not been carried out" in offered["report"].reason

    for_police = available_transitions(inspection, world.actor("investigator"))
    assert not any(a.allowed for a in for_police)
    assert all("inspecting team" in a.reason for a in for_police)


def test_the_report_transition_explains_the_missing_site(world: World) -> None:
    inspection = carried_out(world, an_inspection(world))
    offered = {a.name: a for a in available_transitions(inspection, world.actor("inspector"))}
    assert offered["report"].allowed
    assert "Name the site" in offered["report"].reason


# Pages ---------------------------------------------------------------------------------


def test_the_detail_page_offers_the_allowed_steps_with_reasons(
    world: World, client_as: ClientAs
) -> None:
    inspection = an_inspection(world, worksite=a_worksite(world))
    page = client_as("inspector").get(f"/inspections/{inspection.reference}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert f"/inspections/{inspection.reference}/carry-out/" in html
    assert f"/inspections/{inspection.reference}/report/" not in html
    assert "has not been carried out yet" in html
    assert AuditEvent.objects.filter(
        action="inspection_view", record_id=str(inspection.pk)
    ).exists()


def test_the_pages_run_the_whole_workflow(world: World, client_as: ClientAs) -> None:
    site = a_worksite(world)
    client = client_as("inspector")
    response = client.post(
        "/inspections/new/",
        {
            "planned_on": YESTERDAY.isoformat(),
            "worksite": site.pk,
            "sector": "F",
            "trafficking_focused": "on",
        },
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    base = f"/inspections/{inspection.reference}"
    assert (
        client.post(
            f"{base}/carry-out/",
            {"carry_out-version": 1, "carry_out-carried_out_on": YESTERDAY.isoformat()},
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{base}/report/",
            {
                "report-version": 2,
                "report-reported_on": TODAY.isoformat(),
                "report-outcome": "NO_INFRINGEMENT",
                "report-findings": "All declared.",
            },
        ).status_code
        == 302
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.REPORTED


def test_the_page_answers_400_for_a_future_date_and_409_for_a_stale_form(
    world: World, client_as: ClientAs
) -> None:
    inspection = an_inspection(world)
    client = client_as("inspector")
    base = f"/inspections/{inspection.reference}"
    future = client.post(
        f"{base}/carry-out/",
        {
            "carry_out-version": 1,
            "carry_out-carried_out_on": (TODAY + timedelta(days=2)).isoformat(),
        },
    )
    assert future.status_code == 400
    assert "cannot be carried out in the future" in future.content.decode()

    client.post(f"{base}/cancel/", {"cancel-version": 1})
    stale = client.post(
        f"{base}/carry-out/",
        {"carry_out-version": 1, "carry_out-carried_out_on": TODAY.isoformat()},
    )
    assert stale.status_code == 409


def test_the_report_page_without_a_site_says_so(world: World, client_as: ClientAs) -> None:
    inspection = carried_out(world, an_inspection(world))
    response = client_as("inspector").post(
        f"/inspections/{inspection.reference}/report/",
        {
            "report-version": inspection.version,
            "report-reported_on": TODAY.isoformat(),
            "report-outcome": "NO_INFRINGEMENT",
            "report-findings": "All declared.",
        },
    )
    assert response.status_code == 400
    assert "A report names the site that was inspected" in response.content.decode()


def test_an_outsider_gets_404_on_every_inspection_page(world: World, client_as: ClientAs) -> None:
    inspection = an_inspection(world)
    client = client_as("caseworker_a")
    base = f"/inspections/{inspection.reference}"
    assert client.get(f"{base}/").status_code == 404
    assert client.post(f"{base}/cancel/", {"cancel-version": 1}).status_code == 404
    assert client.get(f"{base}/screen/").status_code == 404
    assert client.get("/inspections/I-XXXX-XXXX/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_or_many_inspections(
    world: World, client_as: ClientAs, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    site = a_worksite(world)
    for _ in range(5):
        an_inspection(world, worksite=site)
    client = client_as("inspector")
    client.get("/inspections/")  # warm the session and the caches
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/inspections/")
    assert response.status_code == 200
    assert response.content.decode().count("/inspections/I-") == 5
    for _ in range(5):
        an_inspection(world, worksite=site)
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/inspections/")


# Session, user, device, membership (4); the page's count and rows (2); the navigation's
# memberships (1); the session saved again (3).
LIST_QUERIES = 10


def test_a_bad_filter_gets_400(world: World, client_as: ClientAs) -> None:
    assert client_as("inspector").get("/inspections/?status=NOPE").status_code == 400
