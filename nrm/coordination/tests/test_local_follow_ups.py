"""The overdue follow-ups of the prosecutors' local operational meetings: claimed once by the
deadline worker, never when done, told to the meeting's prosecution office only (by e-mail,
never on the coordination pages)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.coordination.models import CoordinationNotice
from nrm.coordination.reminders import local_follow_ups_claim, reminders_process
from nrm.prosecution import actions
from nrm.prosecution.models import FollowUp
from nrm.prosecution.tests.support import days_ago
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def local_follow_up(world: World, due_in: int, description: str = "Photograph it.") -> FollowUp:
    """A follow-up of a local meeting, owned by the labour inspection, due in `due_in` days
    (the action refuses a due date in the past: the worker's clock moves instead)."""
    meeting = actions.meeting_create(
        actor=world.actor("prosecutor"),
        held_on=days_ago(7),
        title="Monthly meeting, Brussels-South",
        participants=[world.organisations["ECOSOC Brussels"]],
    )
    item = actions.agenda_item_add(
        actor=world.actor("prosecutor"), meeting=meeting, topic="Containers"
    )
    return actions.follow_up_add(
        actor=world.actor("prosecutor"),
        agenda_item=item,
        description=description,
        responsible=world.organisations["ECOSOC Brussels"],
        due_on=days_ago(-due_in),
    )


def test_an_overdue_local_follow_up_is_claimed_once_and_told_to_the_office_only(
    world: World,
    mailoutbox: list[mail.EmailMessage],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    item = local_follow_up(world, due_in=3, description="Confidential: photograph it.")
    # On its due date it is not overdue yet; the next day it is.
    assert reminders_process(now=timezone.now() + timedelta(days=3)).local_overdue == 0
    later = timezone.now() + timedelta(days=5)
    # The e-mails go after the claim's commit.
    with django_capture_on_commit_callbacks(execute=True):
        run = reminders_process(now=later)
    assert (run.local_overdue, run.emails) == (1, 1)
    item.refresh_from_db()
    assert item.overdue_notified_at == later
    # The office's prosecutor, not the responsible inspection, not the coordination unit.
    assert [m.to for m in mailoutbox] == [["prosecutor@example.invalid"]]
    body = mailoutbox[0].body
    assert f"was due on {item.due_on.isoformat()}." in body
    assert "Confidential" not in body  # the follow-up's text stays in the meeting's record
    assert not CoordinationNotice.objects.exists()
    # Claimed once: a second pass finds the column stamped.
    assert reminders_process(now=later + timedelta(days=1)).local_overdue == 0
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="local_follow_ups_overdue_notify").count() == 1


def test_a_done_local_follow_up_is_never_claimed(world: World) -> None:
    item = local_follow_up(world, due_in=2)
    actions.follow_up_complete(actor=world.actor("inspector"), follow_up=item)
    later = timezone.now() + timedelta(days=10)
    assert local_follow_ups_claim(now=later, batch=10) == []
    item.refresh_from_db()
    assert item.overdue_notified_at is None


def test_a_claim_returns_only_the_rows_it_stamped(world: World) -> None:
    local_follow_up(world, due_in=1)
    local_follow_up(world, due_in=1)
    later = timezone.now() + timedelta(days=3)
    first = local_follow_ups_claim(now=later, batch=1)
    second = local_follow_ups_claim(now=later, batch=5)
    assert len(first) == len(second) == 1
    assert set(first).isdisjoint(second)
    assert local_follow_ups_claim(now=later, batch=5) == []


def test_the_local_follow_up_never_shows_on_the_coordination_pages(
    world: World, client_as: ClientAs
) -> None:
    local_follow_up(world, due_in=1, description="Photograph the containers.")
    reminders_process(now=timezone.now() + timedelta(days=3))
    for persona in ("coordinator", "inspector", "prosecutor"):
        page = client_as(persona).get("/coordination/")
        assert page.status_code == 200
        assert b"Monthly meeting, Brussels-South" not in page.content
        assert b"Photograph the containers." not in page.content


def test_the_deadline_worker_pass_sends_the_coordination_reminders(world: World) -> None:
    from nrm.coordination.tests.support import proposed_action

    proposed_action(world, "2026-07", deadline_in=-1)
    out = StringIO()
    call_command("deadlines", "run", stdout=out)
    assert "Coordination reminders claimed: 1; overdue notices: 1" in out.getvalue()
    assert CoordinationNotice.objects.filter(params__number="2026-07").count() == 2
    # The alias runs the same pass; nothing is left to claim.
    alias = StringIO()
    call_command("coordination_reminders", stdout=alias)
    assert "Due deadlines claimed: 0" in alias.getvalue()
    assert "Coordination reminders" not in alias.getvalue()  # said only when there are some
    assert CoordinationNotice.objects.count() == 2
