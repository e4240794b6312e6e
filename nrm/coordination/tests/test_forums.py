"""The two forums: meetings with invitees, agenda, attendance, decisions, follow-ups and
versioned minutes; the coordination unit keeps the record, invited organisations read it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.coordination import actions, queries
from nrm.coordination.models import ForumFollowUp, MinutesVersion
from nrm.coordination.tests.support import days_from_today, operational_meeting, platform_meeting
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_the_unit_records_a_meeting_and_is_always_invited(world: World) -> None:
    meeting = platform_meeting(world)
    invited = set(meeting.invitees.values_list("name", flat=True))
    assert "Coordination Unit" in invited
    assert meeting.agenda.count() == 2
    assert AuditEvent.objects.filter(
        action="forum_meeting_create", record_id=str(meeting.pk)
    ).exists()
    with pytest.raises(PermissionDenied):
        actions.forum_meeting_create(
            actor=world.actor("prosecutor"),
            kind="PLATFORM",  # type: ignore[arg-type]
            held_on=days_from_today(0),
            title="x",
            invitees=[world.organisations["PAG-ASA"]],
        )
    with pytest.raises(DomainError):
        actions.forum_meeting_create(
            actor=world.actor("coordinator"),
            kind="PLATFORM",  # type: ignore[arg-type]
            held_on=days_from_today(0),
            title="x",
            invitees=[],
        )


def test_forums_are_about_the_mechanism_and_refuse_a_case_reference(world: World) -> None:
    meeting = platform_meeting(world)
    with pytest.raises(DomainError) as refused:
        actions.forum_decision_record(
            actor=world.actor("coordinator"), meeting=meeting, text="Follow person P-ABCD-EFGH."
        )
    assert refused.value.field == "text"


def test_invited_organisations_read_the_meeting_and_others_get_404(world: World) -> None:
    meeting = platform_meeting(world)
    assert queries.meeting_get_for_actor(world.actor("caseworker_a"), meeting.pk) == meeting
    with pytest.raises(NotFound):
        queries.meeting_get_for_actor(world.actor("caseworker_b"), meeting.pk)


def test_attendance_only_of_invited_organisations(world: World) -> None:
    meeting = platform_meeting(world)
    coordinator = world.actor("coordinator")
    actions.forum_attendance_record(
        actor=coordinator, meeting=meeting, present=[world.organisations["PAG-ASA"]]
    )
    assert list(meeting.attended.values_list("name", flat=True)) == ["PAG-ASA"]
    with pytest.raises(DomainError):
        actions.forum_attendance_record(
            actor=coordinator, meeting=meeting, present=[world.organisations["Payoke"]]
        )


def test_minutes_are_versioned(world: World, client_as: ClientAs) -> None:
    meeting = platform_meeting(world)
    coordinator = world.actor("coordinator")
    actions.forum_minutes_write(actor=coordinator, meeting=meeting, text="The platform met.")
    second = actions.forum_minutes_write(
        actor=coordinator, meeting=meeting, text="The platform met and adopted two actions."
    )
    assert second.number == 2
    assert MinutesVersion.objects.filter(meeting=meeting).count() == 2
    with pytest.raises(DomainError):
        actions.forum_minutes_write(actor=coordinator, meeting=meeting, text=second.text)
    page = client_as("caseworker_a").get(f"/coordination/forums/{meeting.pk}/")
    assert page.status_code == 200
    assert b"<del>met.</del>" in page.content
    assert b"<ins>met and adopted two actions.</ins>" in page.content


def test_a_follow_up_is_closed_by_its_owner_once(world: World) -> None:
    meeting = operational_meeting(world)
    follow_up = actions.forum_follow_up_add(
        actor=world.actor("coordinator"),
        meeting=meeting,
        description="Report on late renewals.",
        owner=world.organisations["Immigration Office"],
        due_on=days_from_today(7),
    )
    with pytest.raises(PermissionDenied):
        actions.forum_follow_up_done(actor=world.actor("caseworker_a"), follow_up=follow_up)
    actions.forum_follow_up_done(actor=world.actor("immigration"), follow_up=follow_up)
    with pytest.raises(Conflict):
        actions.forum_follow_up_done(actor=world.actor("immigration"), follow_up=follow_up)
    with pytest.raises(DomainError):
        actions.forum_follow_up_add(
            actor=world.actor("coordinator"),
            meeting=meeting,
            description="x",
            owner=world.organisations["Payoke"],  # not invited
            due_on=days_from_today(7),
        )


def test_the_forum_pages(world: World, client_as: ClientAs) -> None:
    meeting = operational_meeting(world)
    assert client_as("caseworker_a").get("/coordination/forums/").status_code == 200
    assert client_as("caseworker_b").get(f"/coordination/forums/{meeting.pk}/").status_code == 404
    # An invited reader may not keep the record: 403.
    assert (
        client_as("caseworker_a")
        .post(f"/coordination/forums/{meeting.pk}/decision/", {"decision-text": "x"})
        .status_code
        == 403
    )
    assert client_as("caseworker_a").get("/coordination/forums/new/").status_code == 403
    bad = client_as("coordinator").post(
        f"/coordination/forums/{meeting.pk}/follow_up/",
        {"follow_up-description": "x", "follow_up-due_on": "not a date"},
    )
    assert bad.status_code == 400
    assert ForumFollowUp.objects.count() == 0
    good = client_as("coordinator").post(
        f"/coordination/forums/{meeting.pk}/follow_up/",
        {
            "follow_up-description": "Report on late renewals.",
            "follow_up-owner": world.organisations["Immigration Office"].pk,
            "follow_up-due_on": days_from_today(5).isoformat(),
        },
    )
    assert good.status_code == 302
    follow_up = ForumFollowUp.objects.get()
    done = client_as("immigration").post(f"/coordination/follow-ups/{follow_up.pk}/done/")
    assert done.status_code == 302
    again = client_as("immigration").post(f"/coordination/follow-ups/{follow_up.pk}/done/")
    assert again.status_code == 409
    new = client_as("coordinator").post(
        "/coordination/forums/new/",
        {
            "kind": "OPERATIONAL",
            "held_on": days_from_today(0).isoformat(),
            "title": "Operational forum",
            "invitees": [world.organisations["PAG-ASA"].pk],
            "agenda": "Referral times\nRenewals",
        },
    )
    assert new.status_code == 302
