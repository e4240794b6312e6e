"""The reminder worker: due follow-ups and actions are claimed once, by a conditional UPDATE,
and their owners get one notice of each kind; closed items are never reminded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.coordination import actions
from nrm.coordination.models import CoordinationNotice, ForumFollowUp, NoticeKind, PlanAction
from nrm.coordination.reminders import items_claim, reminders_process
from nrm.coordination.tests.support import days_from_today, operational_meeting, proposed_action
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def follow_up(world: World, due_in: int) -> ForumFollowUp:
    return actions.forum_follow_up_add(
        actor=world.actor("coordinator"),
        meeting=operational_meeting(world),
        description="Report on late renewals.",
        owner=world.organisations["Immigration Office"],
        due_on=days_from_today(due_in),
    )


def test_an_overdue_follow_up_gets_a_reminder_and_an_overdue_notice_once(world: World) -> None:
    item = follow_up(world, due_in=-2)
    now = timezone.now()
    run = reminders_process(now=now)
    assert (run.reminders, run.overdue) == (1, 1)
    notices = CoordinationNotice.objects.filter(subject_id=item.pk)
    assert {n.kind for n in notices} == {NoticeKind.REMINDER, NoticeKind.OVERDUE}
    assert {n.organisation for n in notices} == {world.organisations["Immigration Office"]}
    # The second pass finds every column stamped: nothing is claimed twice.
    again = reminders_process(now=now + timedelta(hours=1))
    assert (again.reminders, again.overdue) == (0, 0)
    assert CoordinationNotice.objects.count() == 2
    assert AuditEvent.objects.filter(action="coordination_reminders_send").count() == 1


def test_nothing_is_claimed_before_its_instant_and_closed_items_never(world: World) -> None:
    later = follow_up(world, due_in=30)
    done = follow_up(world, due_in=-5)
    actions.forum_follow_up_done(actor=world.actor("immigration"), follow_up=done)
    run = reminders_process(now=timezone.now())
    assert (run.reminders, run.overdue) == (0, 0)
    # Three weeks later the reminder of the open one falls due, not yet its overdue notice.
    run = reminders_process(now=timezone.now() + timedelta(days=24))
    assert (run.reminders, run.overdue) == (1, 0)
    assert CoordinationNotice.objects.get().subject_id == later.pk


def test_a_claim_returns_only_the_rows_it_stamped(world: World) -> None:
    proposed_action(world, "2026-01", deadline_in=-1)
    proposed_action(world, "2026-02", deadline_in=-1)
    now = timezone.now()
    first = items_claim(model=PlanAction, column="overdue_notified_at", now=now, batch=1)
    second = items_claim(model=PlanAction, column="overdue_notified_at", now=now, batch=5)
    third = items_claim(model=PlanAction, column="overdue_notified_at", now=now, batch=5)
    assert len(first) == 1
    assert len(second) == 1
    assert set(first).isdisjoint(second)
    assert third == []


def test_the_lead_organisation_sees_its_reminders(world: World, client_as: ClientAs) -> None:
    proposed_action(world, "2026-01", deadline_in=3)
    call_command("coordination_reminders")
    page = client_as("inspector").get("/coordination/")
    assert page.status_code == 200
    assert b"Action 2026-01 is due on" in page.content
    other = client_as("caseworker_b").get("/coordination/")
    assert b"Action 2026-01" not in other.content
