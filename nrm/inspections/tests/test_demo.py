"""The demo's labour inspection: a joint action with 12 workers screened and 3 referred, and
the Brussels team at 240 of its target of 100."""

from __future__ import annotations

import time

from django.utils import timezone

from nrm.access.audit import audit_verify
from nrm.demo.inspections import build_inspections, enterprise_number
from nrm.inspections.models import ChainLink, Inspection, JointAction, Participant, Screening
from nrm.inspections.targets import DONE, dashboard
from nrm.inspections.vocab import enterprise_number_is_valid
from nrm.testing import World


def test_the_demo_enterprise_numbers_pass_the_check() -> None:
    assert all(enterprise_number_is_valid(enterprise_number(n)) for n in range(4120001, 4120010))


def test_the_demo_builds_the_joint_action_and_the_years_figures(world: World) -> None:
    today = timezone.localdate()
    started = time.monotonic()

    build_inspections(world.actors, today)

    elapsed = time.monotonic() - started
    joint_action = JointAction.objects.get()
    assert set(
        Participant.objects.filter(joint_action=joint_action).values_list(
            "organisation__short_name", flat=True
        )
    ) == {"ECOSOC Brussels", "FJP Brussels", "Auditorate Brussels", "PAG-ASA"}
    inspection = Inspection.objects.get(joint_action=joint_action)
    assert inspection.worksite is not None
    assert ChainLink.objects.filter(worksite=inspection.worksite).count() == 4
    screenings = Screening.objects.filter(inspection=inspection)
    assert screenings.count() == 12
    referred = screenings.filter(referral__isnull=False)
    assert referred.count() == 3
    assert {s.referral.referred_organisation.short_name for s in referred if s.referral} == {
        "PAG-ASA"
    }
    board = dashboard(world.actor("teamlead"), year=today.year, today=today)
    brussels = board.teams[0]
    assert (brussels.done, brussels.reported, brussels.target) == (202, 202, None)
    assert board.national.target == 100  # all teams together (issue 9 §5)
    assert board.national.done == (
        Inspection.objects.filter(
            trafficking_focused=True, status__in=DONE, carried_out_on__year=today.year
        ).count()
    )
    assert audit_verify().ok
    assert elapsed < 60, f"the demo's inspections took {elapsed:.1f}s"
