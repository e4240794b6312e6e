"""The qualification engine's result attached to the case as a dated snapshot, and charges
per suspect."""

from __future__ import annotations

from typing import Any

import pytest

from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.prosecution import actions
from nrm.prosecution.models import QualificationSnapshot
from nrm.prosecution.tests.support import (
    assign,
    before_the_court,
    charged_suspect,
    days_ago,
    decide,
    named_victim,
    opened_case,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db


def facts(**changes: Any) -> dict[str, Any]:
    """The CONTRACTS.md §1 example: an undocumented worker housed on site for EUR 3 an hour."""
    document: dict[str, Any] = {
        "offence_period": {"start": "2024-03-01", "end": "2024-11-30"},
        "victim": {
            "age_at_acts": 34,
            "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
            "consent_to_exploitation": True,
            "acted_against_will_for_crimes": None,
        },
        "acts": ["RECRUIT", "HARBOUR"],
        "means": [],
        "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
        "labour_conditions": {
            "hourly_wage_eur": 3.0,
            "legal_minimum_hourly_wage_eur": 12.5,
            "weekly_hours": 72,
            "rest_days_per_week": 0,
            "housing_provided_by_employer": True,
            "housing_degrading": True,
            "unsafe_workplace": False,
            "undeclared_work": True,
            "documents_withheld": False,
            "wage_deductions": False,
            "dependency_on_employer": True,
            "humiliating_treatment": False,
        },
        "aggravating_facts": [],
        "number_of_victims": 3,
        "attempt_only": False,
    }
    document.update(changes)
    return document


def test_a_snapshot_keeps_the_facts_the_result_the_rulesets_who_and_when(world: World) -> None:
    case = opened_case(world)
    snapshot = actions.qualification_snapshot_take(
        actor=world.actor("prosecutor"), case=case, facts=facts(), jurisdictions=["BE", "DK"]
    )
    assert snapshot.facts == facts()
    assert snapshot.jurisdictions == ["BE", "DK"]
    assert [r["jurisdiction"] for r in snapshot.result["results"]] == ["BE", "DK"]
    assert snapshot.rulesets[0].startswith("BE-")
    assert snapshot.summary == "POSSIBLE_PENDING_ASSESSMENT"  # human dignity: for a judge
    assert snapshot.taken_by == world.users["prosecutor"]
    assert snapshot.taken_on == days_ago(0)


def test_the_installations_law_is_the_default(world: World) -> None:
    snapshot = actions.qualification_snapshot_take(
        actor=world.actor("prosecutor"), case=opened_case(world), facts=facts()
    )
    assert snapshot.jurisdictions == ["BE"]


def test_invalid_facts_are_refused_with_the_engines_path(world: World) -> None:
    case = opened_case(world)
    with pytest.raises(DomainError) as refused:
        actions.qualification_snapshot_take(
            actor=world.actor("prosecutor"), case=case, facts=facts(acts=["KIDNAP_ALIENS"])
        )
    assert (refused.value.field or "").startswith("acts")
    with pytest.raises(DomainError) as unknown:
        actions.qualification_snapshot_take(
            actor=world.actor("prosecutor"), case=case, facts=facts(), jurisdictions=["XX"]
        )
    assert unknown.value.field == "jurisdictions"
    assert not QualificationSnapshot.objects.exists()


def test_only_the_prosecutor_qualifies(world: World) -> None:
    case = opened_case(world)
    assign(world, case, world.actor("investigator"))
    with pytest.raises(PermissionDenied):
        actions.qualification_snapshot_take(
            actor=world.actor("investigator"), case=case, facts=facts()
        )


def test_a_charge_under_433quinquies_is_a_trafficking_charge(world: World) -> None:
    case = opened_case(world)
    named_victim(world, case)
    snapshot = actions.qualification_snapshot_take(
        actor=world.actor("prosecutor"), case=case, facts=facts()
    )
    suspect = charged_suspect(world, case)
    charge = suspect.charges.get()
    assert charge.is_trafficking
    other = actions.charge_add(
        actor=world.actor("prosecutor"),
        case=case,
        suspect=suspect,
        provision="BE-SPC-175",
        description="Employment of irregularly staying workers.",
        snapshot=snapshot,
    )
    assert not other.is_trafficking
    with pytest.raises(Conflict):
        actions.charge_add(
            actor=world.actor("prosecutor"), case=case, suspect=suspect, provision="BE-SPC-175"
        )
    with pytest.raises(DomainError):
        actions.charge_add(
            actor=world.actor("prosecutor"), case=case, suspect=suspect, provision="art 433"
        )


def test_a_withdrawn_charge_no_longer_counts_and_can_be_brought_again(world: World) -> None:
    case = opened_case(world)
    suspect = charged_suspect(world, case)
    charge = suspect.charges.get()
    actions.charge_withdraw(actor=world.actor("prosecutor"), charge=charge)
    with pytest.raises(Conflict):
        actions.charge_withdraw(actor=world.actor("prosecutor"), charge=charge)
    case = decide(world, "prosecutor", case, "open_investigation")
    with pytest.raises(Conflict):
        decide(world, "prosecutor", case, "indict", court=world.organisations["Court Brussels"])
    actions.charge_add(
        actor=world.actor("prosecutor"), case=case, suspect=suspect, provision="BE-CP-433quinquies"
    )


def test_charges_no_longer_change_once_the_conviction_is_requested(world: World) -> None:
    case = decide(
        world, "prosecutor", before_the_court(world, opened_case(world)), "request_conviction"
    )
    suspect = case.suspects.get()
    with pytest.raises(Conflict):
        actions.charge_add(
            actor=world.actor("prosecutor"), case=case, suspect=suspect, provision="BE-SPC-175"
        )
