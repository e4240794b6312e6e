"""Who owes an undocumented worker's wages: the employer and, jointly, the chain above it.

Law of 11 February 2013 (RULES.md §4.1, [V] SPF-EMPLOI-SOLID, SECUREX-SOLID): the employer
owes the wage of a lawfully employed worker; the contractor for whom the employer works
directly is jointly and severally liable (automatically, unless it holds the employer's
written declaration that it employs no irregularly staying third-country nationals); the
contractors higher up the chain and the principal (donneur d'ordre) carry a more limited
liability, whose conditions this code does not encode.

Pure: no Django. The chain is a tree per worksite (nrm.inspections.ChainLink): each company
works for its parent; the principal has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class LiabilityKind(StrEnum):
    EMPLOYER = "EMPLOYER"
    DIRECT_CONTRACTOR = "DIRECT_CONTRACTOR"
    CHAIN_CONTRACTOR = "CHAIN_CONTRACTOR"
    PRINCIPAL = "PRINCIPAL"


@dataclass(frozen=True)
class Debtor:
    company_id: int
    liability: LiabilityKind
    # Joint and several with the employer, automatically (the direct contractor)...
    automatic: bool
    # ...unless it holds the employer's written declaration (which the user records).
    may_be_exempted_by_declaration: bool


class ChainError(ValueError):
    """The chain given is not a tree (a company that works for itself, directly or not)."""


def debtors_along_chain(chain: Mapping[int, int | None], employer_id: int) -> list[Debtor]:
    """The employer first, then each company above it up to the principal.

    `chain` maps each company of the site to the company it works for (None for the
    principal). An employer outside the chain owes alone. When the employer works directly
    for the principal, the principal is both the direct contractor and the principal: it
    is listed once, as principal, with the direct contractor's automatic liability.
    """
    debtors = [Debtor(employer_id, LiabilityKind.EMPLOYER, True, False)]
    if employer_id not in chain:
        return debtors
    ancestors: list[int] = []
    seen = {employer_id}
    current = chain[employer_id]
    while current is not None:
        if current in seen:
            raise ChainError(f"company {current} works for itself through the chain")
        seen.add(current)
        ancestors.append(current)
        current = chain.get(current)
    for position, company_id in enumerate(ancestors):
        direct = position == 0
        top = position == len(ancestors) - 1
        if top:
            kind = LiabilityKind.PRINCIPAL
        elif direct:
            kind = LiabilityKind.DIRECT_CONTRACTOR
        else:
            kind = LiabilityKind.CHAIN_CONTRACTOR
        debtors.append(
            Debtor(company_id, kind, automatic=direct, may_be_exempted_by_declaration=direct)
        )
    return debtors
