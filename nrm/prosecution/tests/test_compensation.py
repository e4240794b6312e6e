"""Civil parties (the rapporteur among them), civil claims, back pay under joint liability
along the chain or through the state procedure the seed note reports, and applications to
the state fund for victims of intentional violence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.prosecution import actions
from nrm.prosecution.actions import VerdictData
from nrm.prosecution.models import BackPayDebtor, CaseSuspect
from nrm.prosecution.queries import case_view
from nrm.prosecution.tests.support import (
    assign,
    before_the_court,
    chain,
    days_ago,
    decide,
    named_victim,
    opened_case,
)
from nrm.testing import World

pytestmark = pytest.mark.django_db


def test_the_rapporteur_joins_as_civil_party_and_claims(world: World) -> None:
    case = opened_case(world)
    myria = world.organisations["Myria"]
    party = actions.civil_party_join(
        actor=world.actor("prosecutor"),
        case=case,
        kind="RAPPORTEUR",
        joined_on=days_ago(10),
        organisation=myria,
    )
    with pytest.raises(Conflict):
        actions.civil_party_join(
            actor=world.actor("prosecutor"),
            case=case,
            kind="RAPPORTEUR",
            joined_on=days_ago(10),
            organisation=myria,
        )
    with pytest.raises(DomainError):
        actions.civil_party_join(
            actor=world.actor("prosecutor"),
            case=case,
            kind="RAPPORTEUR",
            joined_on=days_ago(10),
            organisation=world.organisations["PAG-ASA"],
        )
    claim = actions.civil_claim_file(
        actor=world.actor("prosecutor"),
        civil_party=party,
        amount_claimed_eur="1.00",
        filed_on=days_ago(5),
        description="Symbolic euro.",
    )
    assert claim.amount_claimed_eur == Decimal("1.00")


def test_the_court_awards_no_more_than_claimed_and_only_with_its_judgment(world: World) -> None:
    case = before_the_court(world, opened_case(world))
    victim = named_victim(world, case)
    party = actions.civil_party_join(
        actor=world.actor("judge"), case=case, kind="VICTIM", joined_on=days_ago(8), victim=victim
    )
    claim = actions.civil_claim_file(
        actor=world.actor("judge"),
        civil_party=party,
        amount_claimed_eur="9000",
        filed_on=days_ago(8),
    )

    def award(amount: str, version: int = 1) -> object:
        return actions.civil_claim_decide(
            actor=world.actor("judge"),
            claim=claim,
            expected_version=version,
            status="AWARDED",
            decided_on=days_ago(1),
            amount_awarded_eur=amount,
        )

    with pytest.raises(Conflict):
        award("5000")  # not judged yet
    suspect = CaseSuspect.objects.get(case=case)
    decide(world, "judge", case, "record_judgment", verdicts=[VerdictData(suspect, "CONVICTED")])
    with pytest.raises(DomainError):
        award("9000.01")
    with pytest.raises(PermissionDenied):
        actions.civil_claim_decide(
            actor=world.actor("prosecutor"),
            claim=claim,
            expected_version=1,
            status="AWARDED",
            decided_on=days_ago(1),
            amount_awarded_eur="1",
        )
    award("8500.00")
    with pytest.raises(Conflict):
        award("1", version=2)


def test_back_pay_is_owed_by_the_employer_and_the_chain_above_it(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    site, principal, contractor, employer = chain(world)
    actions.case_company_link(
        actor=world.actor("prosecutor"), case=case, company=employer, role="EMPLOYER", worksite=site
    )
    claim = actions.back_pay_claim_file(
        actor=world.actor("prosecutor"),
        case=case,
        worker=victim,
        route="JOINT_LIABILITY",
        amount_claimed_eur="6210.00",
        filed_on=days_ago(5),
        employer=employer,
        worksite=site,
    )
    debtors = [(d.company, d.liability) for d in BackPayDebtor.objects.filter(claim=claim)]
    assert debtors == [
        (employer, "EMPLOYER"),
        (contractor, "DIRECT_CONTRACTOR"),
        (principal, "PRINCIPAL"),
    ]
    # No known start of work: the presumption of three months applies, marked unverified.
    assert claim.months_presumed == 3
    rule = case_view(world.actor("prosecutor"), case).rules["presumption"]
    assert (rule.value, rule.tag, rule.unverified) == (3, "K", True)


def test_the_direct_contractor_is_exempted_by_the_employers_declaration(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    site, _principal, _contractor, employer = chain(world)
    claim = actions.back_pay_claim_file(
        actor=world.actor("prosecutor"),
        case=case,
        worker=victim,
        route="JOINT_LIABILITY",
        amount_claimed_eur="100",
        filed_on=days_ago(5),
        employer=employer,
        worksite=site,
        worked_from=days_ago(200),
        worked_until=days_ago(20),
    )
    assert claim.months_presumed is None
    direct = BackPayDebtor.objects.get(claim=claim, liability="DIRECT_CONTRACTOR")
    principal = BackPayDebtor.objects.get(claim=claim, liability="PRINCIPAL")
    actions.back_pay_debtor_exempt(actor=world.actor("prosecutor"), debtor=direct)
    with pytest.raises(Conflict):
        actions.back_pay_debtor_exempt(actor=world.actor("prosecutor"), debtor=principal)


def test_an_employer_outside_the_sites_chain_is_refused(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    site, *_companies = chain(world)
    from nrm.inspections.actions import CompanyData, company_create

    outsider = company_create(
        actor=world.actor("inspector"), data=CompanyData(name="Outsider", sector="F", country="PT")
    )
    with pytest.raises(DomainError) as refused:
        actions.back_pay_claim_file(
            actor=world.actor("prosecutor"),
            case=case,
            worker=victim,
            route="JOINT_LIABILITY",
            amount_claimed_eur="100",
            filed_on=days_ago(5),
            employer=outsider,
            worksite=site,
        )
    assert refused.value.field == "worksite"


def test_the_state_procedure_shows_whether_the_seed_notes_condition_is_met(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    inspector = world.actor("inspector")
    assign(world, case, inspector)
    with pytest.raises(DomainError) as refused:
        actions.back_pay_claim_file(
            actor=inspector,
            case=case,
            worker=victim,
            route="STATE_PROCEDURE",
            amount_claimed_eur="9600",
            filed_on=days_ago(5),
        )
    assert refused.value.field == "worked_without_permit"
    for months in (7, 4):
        actions.back_pay_claim_file(
            actor=inspector,
            case=case,
            worker=victim,
            route="STATE_PROCEDURE",
            amount_claimed_eur="9600",
            filed_on=days_ago(5),
            months_unpaid=months,
            worked_without_permit=True,
        )
    view = case_view(world.actor("prosecutor"), case)
    assert [row.state_condition_met for row in view.back_pay] == [True, False]
    rule = view.rules["state_back_pay"]
    assert (rule.value, rule.tag) == (6, "SEED")
    assert "legal basis not located" in str(rule.source)


def test_the_six_months_are_a_setting(world: World, settings: object) -> None:
    settings.NRM_STATE_BACK_PAY_MIN_UNPAID_MONTHS = 3  # type: ignore[attr-defined]
    case = opened_case(world)
    victim = named_victim(world, case)
    actions.back_pay_claim_file(
        actor=world.actor("prosecutor"),
        case=case,
        worker=victim,
        route="STATE_PROCEDURE",
        amount_claimed_eur="100",
        filed_on=days_ago(5),
        months_unpaid=4,
        worked_without_permit=True,
    )
    assert case_view(world.actor("prosecutor"), case).back_pay[0].state_condition_met is True


def test_back_pay_moves_from_filed_to_granted_to_paid(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    claim = actions.back_pay_claim_file(
        actor=world.actor("prosecutor"),
        case=case,
        worker=victim,
        route="STATE_PROCEDURE",
        amount_claimed_eur="1000",
        filed_on=days_ago(5),
        months_unpaid=6,
        worked_without_permit=True,
    )
    claim = actions.back_pay_claim_decide(
        actor=world.actor("prosecutor"),
        claim=claim,
        expected_version=1,
        status="GRANTED",
        decided_on=days_ago(3),
    )
    with pytest.raises(DomainError):
        actions.back_pay_claim_decide(
            actor=world.actor("prosecutor"),
            claim=claim,
            expected_version=2,
            status="PAID",
            decided_on=days_ago(1),
            amount_paid_eur="1000.01",
        )
    claim = actions.back_pay_claim_decide(
        actor=world.actor("prosecutor"),
        claim=claim,
        expected_version=2,
        status="PAID",
        decided_on=days_ago(1),
        amount_paid_eur="1000.00",
    )
    with pytest.raises(Conflict):
        actions.back_pay_claim_decide(
            actor=world.actor("prosecutor"),
            claim=claim,
            expected_version=3,
            status="REFUSED",
            decided_on=days_ago(1),
        )


def test_applications_to_the_state_fund_are_tracked_with_their_amounts(world: World) -> None:
    case = opened_case(world)
    victim = named_victim(world, case)
    application = actions.state_fund_application_file(
        actor=world.actor("prosecutor"),
        case=case,
        victim=victim,
        filed_on=days_ago(30),
        amount_requested_eur="15000",
    )
    with pytest.raises(DomainError):
        actions.state_fund_application_decide(
            actor=world.actor("prosecutor"),
            application=application,
            expected_version=1,
            status="GRANTED",
            decided_on=days_ago(2),
        )
    decided = actions.state_fund_application_decide(
        actor=world.actor("prosecutor"),
        application=application,
        expected_version=1,
        status="GRANTED",
        decided_on=days_ago(2),
        amount_granted_eur="4500.00",
    )
    assert decided.amount_granted_eur == Decimal("4500.00")
    with pytest.raises(Conflict):
        actions.state_fund_application_decide(
            actor=world.actor("prosecutor"),
            application=decided,
            expected_version=2,
            status="REFUSED",
            decided_on=days_ago(1),
        )


def test_a_configured_ceiling_of_the_state_fund_is_applied(world: World, settings: object) -> None:
    settings.NRM_STATE_FUND_CEILING_EUR = 4000  # type: ignore[attr-defined]
    case = opened_case(world)
    victim = named_victim(world, case)
    application = actions.state_fund_application_file(
        actor=world.actor("prosecutor"),
        case=case,
        victim=victim,
        filed_on=days_ago(30),
        amount_requested_eur="15000",
    )
    with pytest.raises(DomainError) as refused:
        actions.state_fund_application_decide(
            actor=world.actor("prosecutor"),
            application=application,
            expected_version=1,
            status="GRANTED",
            decided_on=days_ago(2),
            amount_granted_eur="4500.00",
        )
    assert "unverified" in refused.value.message
