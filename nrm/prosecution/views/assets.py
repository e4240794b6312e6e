"""Frozen assets, confiscation and allocation, civil parties and claims, back pay and the
state fund: the case page's operations on them."""

from __future__ import annotations

from typing import Any

from nrm.access.context import Actor
from nrm.prosecution import actions, forms, queries
from nrm.prosecution.models import (
    BackPayClaim,
    BackPayDebtor,
    CaseFile,
    CivilClaim,
)


def _freeze(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.asset_freeze(
        actor=actor,
        case=case,
        kind=d["kind"],
        value_eur=d["value_eur"],
        frozen_on=d["frozen_on"],
        description=d["description"],
        owner=d["owner"],
    )


def _allocate(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    kind, _sep, pk = d["claim"].partition(":")
    civil = queries.case_record_get(case, CivilClaim, int(pk)) if kind == "civil" else None
    back_pay = queries.case_record_get(case, BackPayClaim, int(pk)) if kind == "backpay" else None
    return actions.allocation_make(
        actor=actor,
        case=case,
        amount_eur=d["amount_eur"],
        allocated_on=d["allocated_on"],
        civil_claim=civil,
        back_pay_claim=back_pay,
    )


def _civil_party(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.civil_party_join(
        actor=actor,
        case=case,
        kind=d["kind"],
        joined_on=d["joined_on"],
        victim=d["victim"],
        organisation=d["organisation"],
    )


def _civil_claim(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.civil_claim_file(
        actor=actor,
        civil_party=d["civil_party"],
        amount_claimed_eur=d["amount_claimed_eur"],
        filed_on=d["filed_on"],
        description=d["description"],
    )


def _back_pay(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.back_pay_claim_file(
        actor=actor,
        case=case,
        worker=d["worker"],
        route=d["route"],
        amount_claimed_eur=d["amount_claimed_eur"],
        filed_on=d["filed_on"],
        employer=d["employer"],
        worksite=d["worksite"],
        worked_from=d["worked_from"],
        worked_until=d["worked_until"],
        months_unpaid=d["months_unpaid"],
        worked_without_permit=forms.tristate(d["worked_without_permit"]),
    )


def _back_pay_exempt(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    debtor = queries.case_record_get(case, BackPayDebtor, d["target"], claim__case=case)
    return actions.back_pay_debtor_exempt(actor=actor, debtor=debtor)


def _state_fund(actor: Actor, case: CaseFile, d: dict[str, Any]) -> object:
    return actions.state_fund_application_file(
        actor=actor,
        case=case,
        victim=d["victim"],
        filed_on=d["filed_on"],
        amount_requested_eur=d["amount_requested_eur"],
        note=d["note"],
    )
