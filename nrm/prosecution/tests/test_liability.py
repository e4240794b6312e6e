"""Joint liability along the subcontracting chain (RULES.md §4.1): pure, no database."""

from __future__ import annotations

import pytest

from nrm.prosecution.liability import ChainError, LiabilityKind, debtors_along_chain

L = LiabilityKind
# principal 1 <- contractor 2 <- subcontractor 3 <- employer 4; and 5 works for 2 as well.
CHAIN: dict[int, int | None] = {1: None, 2: 1, 3: 2, 4: 3, 5: 2}


def kinds(chain: dict[int, int | None], employer: int) -> list[tuple[int, str]]:
    return [(d.company_id, d.liability) for d in debtors_along_chain(chain, employer)]


def test_the_employer_owes_first_then_every_company_above_it_up_to_the_principal() -> None:
    assert kinds(CHAIN, 4) == [
        (4, L.EMPLOYER),
        (3, L.DIRECT_CONTRACTOR),
        (2, L.CHAIN_CONTRACTOR),
        (1, L.PRINCIPAL),
    ]


def test_only_the_direct_contractor_is_liable_automatically_and_can_be_exempted() -> None:
    debtors = debtors_along_chain(CHAIN, 4)
    assert [d.automatic for d in debtors] == [True, True, False, False]
    assert [d.may_be_exempted_by_declaration for d in debtors] == [False, True, False, False]


def test_a_branch_of_the_chain_does_not_make_its_sibling_liable() -> None:
    assert kinds(CHAIN, 5) == [(5, L.EMPLOYER), (2, L.DIRECT_CONTRACTOR), (1, L.PRINCIPAL)]


def test_an_employer_working_directly_for_the_principal_has_the_principal_as_only_debtor() -> None:
    debtors = debtors_along_chain({1: None, 2: 1}, 2)
    assert [(d.company_id, d.liability, d.automatic) for d in debtors] == [
        (2, L.EMPLOYER, True),
        (1, L.PRINCIPAL, True),
    ]


def test_the_principal_as_employer_owes_alone() -> None:
    assert kinds(CHAIN, 1) == [(1, L.EMPLOYER)]


def test_an_employer_outside_the_chain_owes_alone() -> None:
    assert kinds(CHAIN, 99) == [(99, L.EMPLOYER)]


def test_a_cycle_in_the_chain_is_refused() -> None:
    with pytest.raises(ChainError):
        debtors_along_chain({1: 2, 2: 1, 3: 1}, 3)
