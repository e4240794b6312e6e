"""Frozen assets, release, confiscation after a conviction, and allocation of the confiscated
value to compensation: exact euros, never more than was confiscated."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.prosecution import actions
from nrm.prosecution.actions import VerdictData
from nrm.prosecution.models import Allocation, Asset, CaseFile, CaseSuspect, CivilClaim
from nrm.prosecution.queries import case_view
from nrm.prosecution.tests.support import (
    before_the_court,
    days_ago,
    decide,
    named_victim,
    opened_case,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db


def frozen(world: World, case: CaseFile, value: str, kind: str = "BANK_ACCOUNT") -> Asset:
    return actions.asset_freeze(
        actor=world.actor("prosecutor"),
        case=case,
        kind=kind,
        value_eur=value,
        frozen_on=days_ago(40),
        description="BE68 5390 0754 7034",
    )


def confiscated(world: World, asset: Asset, value: str) -> Asset:
    asset.refresh_from_db()
    return actions.asset_confiscate(
        actor=world.actor("judge"),
        asset=asset,
        expected_version=asset.version,
        confiscated_on=days_ago(2),
        confiscated_value_eur=value,
    )


def convicted(world: World) -> CaseFile:
    case = before_the_court(world, opened_case(world))
    suspect = CaseSuspect.objects.get(case=case)
    return decide(
        world,
        "judge",
        case,
        "record_judgment",
        judged_on=days_ago(3),
        verdicts=[VerdictData(suspect, "CONVICTED", convicted_of_trafficking=True)],
    )


def awarded_claim(world: World, case: CaseFile, claimed: str, awarded: str) -> CivilClaim:
    victim = named_victim(world, case)
    party = actions.civil_party_join(
        actor=world.actor("prosecutor"),
        case=case,
        kind="VICTIM",
        joined_on=days_ago(20),
        victim=victim,
    )
    claim = actions.civil_claim_file(
        actor=world.actor("prosecutor"),
        civil_party=party,
        amount_claimed_eur=claimed,
        filed_on=days_ago(20),
    )
    return actions.civil_claim_decide(
        actor=world.actor("judge"),
        claim=claim,
        expected_version=claim.version,
        status="AWARDED",
        decided_on=days_ago(3),
        amount_awarded_eur=awarded,
    )


def test_amounts_are_kept_exactly_as_decimals(world: World) -> None:
    case = opened_case(world)
    asset = frozen(world, case, "0.10")
    frozen(world, case, "0.20")
    asset.refresh_from_db()
    assert asset.value_eur == Decimal("0.10")
    view = case_view(world.actor("prosecutor"), case)
    assert view.frozen_total == Decimal("0.30")  # not 0.30000000000000004


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12.345", "at most two decimals"),
        ("-5", "negative"),
        ("abc", "number"),
        ("1e20", "too large"),
        (12.5, "number"),
    ],
)
def test_a_bad_amount_is_refused_with_the_field(world: World, value: object, message: str) -> None:
    case = opened_case(world)
    with pytest.raises(DomainError) as refused:
        frozen(world, case, value)  # type: ignore[arg-type]
    assert refused.value.field == "value_eur"
    assert message in refused.value.message
    assert not Asset.objects.exists()


def test_the_prosecutor_or_the_court_releases_a_frozen_asset_with_a_reason(world: World) -> None:
    case = opened_case(world)
    asset = frozen(world, case, "5000")
    with pytest.raises(DomainError):
        actions.asset_release(
            actor=world.actor("prosecutor"),
            asset=asset,
            expected_version=1,
            released_on=days_ago(1),
            reason="",
        )
    released = actions.asset_release(
        actor=world.actor("prosecutor"),
        asset=asset,
        expected_version=1,
        released_on=days_ago(1),
        reason="Belongs to the landlord.",
    )
    assert released.status == "RELEASED"
    with pytest.raises(Conflict):
        actions.asset_release(
            actor=world.actor("prosecutor"),
            asset=asset,
            expected_version=2,
            released_on=days_ago(1),
            reason="again",
        )


def test_confiscation_needs_a_conviction_and_is_the_courts(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    asset = frozen(world, case, "5000")
    with pytest.raises(Conflict) as none_yet:
        confiscated(world, asset, "5000")
    assert "conviction" in none_yet.value.message
    with pytest.raises(PermissionDenied):
        actions.asset_confiscate(
            actor=world.actor("prosecutor"),
            asset=asset,
            expected_version=1,
            confiscated_on=days_ago(1),
            confiscated_value_eur="5000",
        )


def test_an_acquittal_allows_no_confiscation(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    asset = frozen(world, case, "5000")
    suspect = CaseSuspect.objects.get(case=case)
    decide(world, "judge", case, "record_judgment", verdicts=[VerdictData(suspect, "ACQUITTED")])
    with pytest.raises(Conflict):
        confiscated(world, asset, "5000")


def test_confiscated_value_is_allocated_to_an_awarded_claim_up_to_what_is_left(
    world: World,
) -> None:
    case = convicted(world)
    first = frozen(world, case, "10000.00")
    second = frozen(world, case, "2500.00", kind="VEHICLE")
    confiscated(world, first, "9999.99")
    confiscated(world, second, "2000.01")
    claim = awarded_claim(world, case, claimed="20000.00", awarded="15000.00")
    actions.allocation_make(
        actor=world.actor("judge"),
        case=case,
        amount_eur="7000.50",
        allocated_on=days_ago(1),
        civil_claim=claim,
    )
    with pytest.raises(Conflict) as too_much:
        actions.allocation_make(
            actor=world.actor("judge"),
            case=case,
            amount_eur="4999.51",
            allocated_on=days_ago(1),
            civil_claim=claim,
        )
    assert "4999.50" in too_much.value.message
    actions.allocation_make(
        actor=world.actor("judge"),
        case=case,
        amount_eur="4999.50",
        allocated_on=days_ago(1),
        civil_claim=claim,
    )
    view = case_view(world.actor("prosecutor"), case)
    assert (view.confiscated, view.allocated, view.remaining) == (
        Decimal("12000.00"),
        Decimal("12000.00"),
        Decimal("0.00"),
    )
    assert Allocation.objects.count() == 2


def test_an_allocation_never_exceeds_what_the_court_awarded(world: World) -> None:
    case = convicted(world)
    confiscated(world, frozen(world, case, "50000"), "50000")
    claim = awarded_claim(world, case, claimed="3000", awarded="2500.25")
    with pytest.raises(Conflict) as over:
        actions.allocation_make(
            actor=world.actor("judge"),
            case=case,
            amount_eur="2500.26",
            allocated_on=days_ago(1),
            civil_claim=claim,
        )
    assert "2500.25" in over.value.message


def test_an_allocation_is_a_positive_amount_to_one_claim(world: World) -> None:
    case = convicted(world)
    confiscated(world, frozen(world, case, "100"), "100")
    claim = awarded_claim(world, case, claimed="100", awarded="100")
    with pytest.raises(DomainError):
        actions.allocation_make(
            actor=world.actor("judge"),
            case=case,
            amount_eur="0",
            allocated_on=days_ago(1),
            civil_claim=claim,
        )
    with pytest.raises(DomainError):
        actions.allocation_make(
            actor=world.actor("judge"), case=case, amount_eur="10", allocated_on=days_ago(1)
        )


def test_a_claim_not_yet_awarded_receives_nothing(world: World) -> None:
    case = convicted(world)
    confiscated(world, frozen(world, case, "100"), "100")
    victim = named_victim(world, case)
    party = actions.civil_party_join(
        actor=world.actor("judge"), case=case, kind="VICTIM", joined_on=days_ago(5), victim=victim
    )
    claim = actions.civil_claim_file(
        actor=world.actor("judge"), civil_party=party, amount_claimed_eur="50", filed_on=days_ago(5)
    )
    with pytest.raises(Conflict):
        actions.allocation_make(
            actor=world.actor("judge"),
            case=case,
            amount_eur="10",
            allocated_on=days_ago(1),
            civil_claim=claim,
        )


def test_assets_are_not_frozen_in_a_closed_case(world: World) -> None:
    case = decide(
        world, "prosecutor", opened_case(world), "dismiss", reason_code="OTHER", reason="x"
    )
    with pytest.raises(Conflict):
        frozen(world, case, "100")
