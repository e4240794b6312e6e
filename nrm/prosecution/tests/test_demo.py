"""The demo case: built on the inspections demo's joint action, carried to judgment through
the real actions, the victims reaching permanent stay through their pathway."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nrm.access.audit import audit_verify
from nrm.access.context import Actor
from nrm.demo.inspections import build_inspections
from nrm.demo.prosecution import build_prosecution
from nrm.prosecution.models import (
    Allocation,
    Asset,
    CaseCompany,
    CaseDecision,
    CaseFile,
    CaseInspection,
    CaseVictim,
    DisclosureDecision,
    OperationalMeeting,
)
from nrm.prosecution.queries import case_view
from nrm.prosecution.tests.support import TODAY
from nrm.protection.models import PathwayRecord
from nrm.testing import World

pytestmark = pytest.mark.django_db


def _actors(world: World) -> dict[str, Actor]:
    # The demo world calls centre A's caseworker "caseworker".
    return {**world.actors, "caseworker": world.actor("caseworker_a")}


def test_the_demo_case_is_built_on_the_joint_action_and_reaches_judgment(world: World) -> None:
    build_inspections(world.actors, TODAY)
    build_prosecution(_actors(world), TODAY)
    case = CaseFile.objects.get()
    assert case.status == "JUDGED"
    assert CaseInspection.objects.filter(case=case, inspection__joint_action__isnull=False).exists()
    assert CaseCompany.objects.filter(case=case, worksite__isnull=False).count() == 2
    victims = list(CaseVictim.objects.filter(case=case).select_related("person"))
    assert len(victims) == 3
    assert {PathwayRecord.objects.get(person=v.person).state for v in victims} == {"PERMANENT_STAY"}
    request = CaseDecision.objects.get(case=case, transition="request_conviction")
    assert [e.status for e in request.pathway_effects.all()] == ["RECORDED"] * 3
    assert Asset.objects.filter(case=case, status="FROZEN").count() == 0
    view = case_view(world.actor("prosecutor"), case)
    assert view.confiscated == Decimal("59250.00")
    assert view.allocated == Decimal("28210.00")
    assert Allocation.objects.filter(case=case).count() == 4
    assert DisclosureDecision.objects.filter(exported_at__isnull=True).count() == 1
    assert OperationalMeeting.objects.count() == 1
    assert audit_verify().ok


def test_the_demo_case_is_built_without_the_inspections_demo(world: World) -> None:
    build_prosecution(_actors(world), TODAY)
    case = CaseFile.objects.get()
    assert case.status == "JUDGED"
    assert not CaseInspection.objects.exists()
    assert CaseVictim.objects.filter(case=case).count() == 3


def test_the_demo_case_of_2026_is_charged_under_the_new_code_and_its_foreman_kept_apart(
    world: World,
) -> None:
    """Issue 9 §1 and §4: acts up to the joint action of this year fall under the new
    Criminal Code; the convicted foreman is a suspect, never referred to PAG-ASA."""
    from nrm.demo.referrals import build_referrals
    from nrm.people.models import Person
    from nrm.people.queries import is_recorded_suspect
    from nrm.prosecution.models import CaseSuspect, Charge
    from nrm.referrals.models import Referral

    build_inspections(world.actors, TODAY)
    build_prosecution(_actors(world), TODAY)
    build_referrals(_actors(world), list(Person.objects.order_by("pk")), TODAY)
    case = CaseFile.objects.get()
    foreman = CaseSuspect.objects.get(case=case, person__isnull=False)
    assert foreman.person is not None
    assert is_recorded_suspect(foreman.person.pk)
    assert not Referral.objects.filter(person=foreman.person).exists()
    provisions = set(Charge.objects.filter(suspect=foreman).values_list("provision", flat=True))
    # The joint action is a few days before today: from May 2026 its acts are after the
    # cut-over of the new code.
    expected = "BE-CP2026-trafficking" if date(2026, 5, 1) <= TODAY else "BE-CP-433quinquies"
    assert provisions == {expected}
