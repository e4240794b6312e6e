"""Forum meetings and plan actions made through the real actions, for the tests."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from nrm.coordination import actions
from nrm.coordination.models import ForumKind, ForumMeeting, PlanAction
from nrm.testing import World


def days_from_today(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def platform_meeting(world: World) -> ForumMeeting:
    return actions.forum_meeting_create(
        actor=world.actor("coordinator"),
        kind=ForumKind.PLATFORM,
        held_on=days_from_today(-10),
        title="Coordination platform, spring session",
        invitees=[
            world.organisations["ECOSOC Brussels"],
            world.organisations["FJP Brussels"],
            world.organisations["PAG-ASA"],
        ],
        agenda=["Action plan", "Rapporteur's recommendations"],
    )


def operational_meeting(world: World) -> ForumMeeting:
    return actions.forum_meeting_create(
        actor=world.actor("coordinator"),
        kind=ForumKind.OPERATIONAL,
        held_on=days_from_today(-3),
        title="Operational forum, monthly",
        invitees=[world.organisations["Immigration Office"], world.organisations["PAG-ASA"]],
    )


def proposed_action(world: World, number: str = "2026-01", deadline_in: int = 90) -> PlanAction:
    return actions.plan_action_propose(
        actor=world.actor("coordinator"),
        number=number,
        text="Centres join joint actions to hand out the worker guide.",
        lead=world.organisations["ECOSOC Brussels"],
        partners=[world.organisations["PAG-ASA"]],
        deadline=days_from_today(deadline_in),
        indicator="Joint actions with a centre present",
    )
