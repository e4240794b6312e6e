"""The national action plan: actions proposed and adopted at the platform, progress
reported by the lead organisation, a progress view per organisation, an export."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.access.models import AuditEvent
from nrm.coordination import actions, queries
from nrm.coordination.models import ActionStatus
from nrm.coordination.tests.support import (
    days_from_today,
    operational_meeting,
    platform_meeting,
    proposed_action,
)
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_the_platform_adopts_two_actions_and_sees_them_progress(world: World) -> None:
    coordinator = world.actor("coordinator")
    meeting = platform_meeting(world)
    decision = actions.forum_decision_record(
        actor=coordinator, meeting=meeting, text="Actions 2026-01 and 2026-02 are adopted."
    )
    first = proposed_action(world, "2026-01")
    second = proposed_action(world, "2026-02")
    for action in (first, second):
        actions.plan_action_adopt(actor=coordinator, action=action, decision=decision)
    first.refresh_from_db()
    assert first.status == ActionStatus.ADOPTED
    assert first.adopted_by == decision
    # The lead organisation reports progress; the status moves with it.
    actions.plan_action_report_progress(
        actor=world.actor("inspector"),
        action=first,
        text="Three joint actions with a centre.",
        percent_done=40,
        status=ActionStatus.IN_PROGRESS,
    )
    actions.plan_action_report_progress(
        actor=world.actor("teamlead"),
        action=first,
        text="Pilot evaluated.",
        percent_done=100,
        status=ActionStatus.DONE,
    )
    first.refresh_from_db()
    assert first.status == ActionStatus.DONE
    rows = {r.organisation: r for r in queries.plan_progress(coordinator, today=days_from_today(0))}
    assert rows["ECOSOC team Brussels"].total == 2
    assert rows["ECOSOC team Brussels"].done == 1
    assert AuditEvent.objects.filter(action="plan_action_adopt").count() == 2
    with pytest.raises(Conflict):
        actions.plan_action_report_progress(
            actor=coordinator, action=first, text="x", percent_done=100, status=ActionStatus.DONE
        )


def test_only_a_platform_decision_adopts_and_only_once(world: World) -> None:
    coordinator = world.actor("coordinator")
    operational = operational_meeting(world)
    decision = actions.forum_decision_record(actor=coordinator, meeting=operational, text="x")
    action = proposed_action(world)
    with pytest.raises(DomainError):
        actions.plan_action_adopt(actor=coordinator, action=action, decision=decision)
    platform = platform_meeting(world)
    adopted = actions.forum_decision_record(actor=coordinator, meeting=platform, text="adopted")
    actions.plan_action_adopt(actor=coordinator, action=action, decision=adopted)
    with pytest.raises(Conflict):
        actions.plan_action_adopt(actor=coordinator, action=action, decision=adopted)


def test_other_organisations_read_but_do_not_report(world: World) -> None:
    action = proposed_action(world)
    assert queries.plan_action_get(world.actor("caseworker_b"), action.number) == action
    with pytest.raises(PermissionDenied):
        actions.plan_action_report_progress(
            actor=world.actor("caseworker_b"),
            action=action,
            text="x",
            percent_done=10,
            status=ActionStatus.IN_PROGRESS,
        )
    with pytest.raises(PermissionDenied):
        proposed_action_by(world, "prosecutor")


def proposed_action_by(world: World, persona: str) -> None:
    actions.plan_action_propose(
        actor=world.actor(persona),
        number="X-1",
        text="x",
        lead=world.organisations["PAG-ASA"],
        deadline=days_from_today(10),
    )


def test_the_plan_pages(world: World, client_as: ClientAs) -> None:
    coordinator = world.actor("coordinator")
    platform = platform_meeting(world)
    decision = actions.forum_decision_record(actor=coordinator, meeting=platform, text="adopt")
    for number in ("2026-01", "2026-02", "2026-03"):
        actions.plan_action_adopt(
            actor=coordinator, action=proposed_action(world, number), decision=decision
        )
    client = client_as("caseworker_b")
    with CaptureQueriesContext(connection) as listed:
        assert client.get("/coordination/plan/").status_code == 200
    # The list does not grow a query per action.
    actions.plan_action_adopt(
        actor=coordinator, action=proposed_action(world, "2026-04"), decision=decision
    )
    with CaptureQueriesContext(connection) as longer:
        assert client.get("/coordination/plan/").status_code == 200
    assert len(longer) == len(listed)
    assert client.get("/coordination/plan/NO-SUCH/").status_code == 404
    assert (
        client.post(
            "/coordination/plan/2026-01/progress/",
            {"text": "x", "percent_done": 10, "status": "IN_PROGRESS"},
        ).status_code
        == 403
    )
    lead = client_as("inspector")
    bad = lead.post(
        "/coordination/plan/2026-01/progress/",
        {"text": "x", "percent_done": 300, "status": "IN_PROGRESS"},
    )
    assert bad.status_code == 400
    good = lead.post(
        "/coordination/plan/2026-01/progress/",
        {"text": "Started.", "percent_done": 10, "status": "IN_PROGRESS"},
    )
    assert good.status_code == 302
    export = client.get("/coordination/plan/export.csv")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert b"2026-01" in export.content
    assert client_as("caseworker_b").post("/coordination/plan/", {"number": "x"}).status_code == 403
    assert client_as("coordinator").post("/coordination/plan/", {"number": ""}).status_code == 400
