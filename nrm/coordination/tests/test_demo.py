"""The demo world's coordination: the manual on every step, a platform meeting that adopts
two actions (one progressing), the monthly forum with an overdue follow-up, and the
neighbour check Belgium-Denmark."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from nrm.coordination.models import (
    ActionStatus,
    ForumKind,
    ForumMeeting,
    ManualEntryVersion,
    NeighbourCheck,
    PlanAction,
)
from nrm.coordination.reminders import reminders_process
from nrm.coordination.steps import ManualStep

pytestmark = pytest.mark.django_db


def test_the_demo_runs_the_coordination_unit() -> None:
    call_command("demo", "load", persons=4, stdout=io.StringIO())
    approved = ManualEntryVersion.objects.filter(country="BE", approved_at__isnull=False)
    assert set(approved.values_list("step", flat=True)) == set(ManualStep.values)
    platform = ForumMeeting.objects.get(kind=ForumKind.PLATFORM)
    adopted = PlanAction.objects.filter(adopted_by__meeting=platform)
    assert adopted.count() == 2
    assert adopted.filter(status=ActionStatus.IN_PROGRESS).exists()
    assert ForumMeeting.objects.filter(kind=ForumKind.OPERATIONAL).exists()
    check = NeighbourCheck.objects.get()
    assert check.other_country == "DK"
    assert check.entries.count() == 8
    # The overdue follow-up of the monthly forum is reminded by the worker.
    assert reminders_process(now=timezone.now()).overdue >= 1
