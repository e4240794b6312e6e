"""/api/v1/ for criminal case files: files and their decisions, qualification snapshots,
frozen assets and allocations, the targets, and the procedural facts a centre may read.

The same actions, access rules and audit as the pages; one input and one output schema per
operation, from which validation and the OpenAPI document are generated. Each decision of
the workflow table is its own operation with its own body
(`/cases/{reference}/transitions/dismiss`), registered by looping over that table.
Amounts travel as strings with at most two decimals, in requests and answers (`"1234.50"`;
never a JSON number, which a client's float could round, nor `"1e3"`).
PRODUCT CHOICE: protected statements are never served by the API; they are read on the
page, where each reading is recorded, and reach the defence only through the court's export.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from nrm.access.context import Actor
from nrm.core.api.auth import caller
from nrm.core.api.errors import responses
from nrm.core.api.pagination import PageQuery, keyset_page
from nrm.core.api.types import Amount, Flag, Input, IsoDate, Text, Version, WholeNumber
from nrm.core.errors import DomainError
from nrm.core.workflow import Transition
from nrm.organisations.models import Organisation
from nrm.prosecution import actions, charges, queries, targets
from nrm.prosecution.actions._common import LABEL_MAX, TEXT_MAX
from nrm.prosecution.charges import is_unverified, provision_citation
from nrm.prosecution.models import (
    Asset,
    BackPayClaim,
    CaseFile,
    CaseSuspect,
    CaseVictim,
    Charge,
    CivilClaim,
    QualificationSnapshot,
)
from nrm.prosecution.permissions import Relation
from nrm.prosecution.workflow import ASSETS, DECISIONS, require_part

router = Router(tags=["prosecution"])

# Codes (exploitation form, reason, outcome, kind, provision) are checked by the actions
# against their lists, which answer 400 naming the field.
Code = Annotated[Text, Field(max_length=48)]
Reference = Annotated[Text, Field(max_length=16)]
RowId = Annotated[WholeNumber, Field(ge=1)]
Reason = Annotated[Text, Field(max_length=TEXT_MAX)]

OFFICE = frozenset({Relation.OFFICE})
COURT = frozenset({Relation.COURT})


def _money(value: Decimal | None) -> str | None:
    return f"{value:.2f}" if value is not None else None


def _victim(case: CaseFile, reference: str, name: str = "victim") -> CaseVictim:
    victim = CaseVictim.objects.filter(case=case, person__reference=reference).first()
    if victim is None:
        raise DomainError(_("This person is not a victim in this case file."), field=name)
    return victim


def _suspect(case: CaseFile, pk: int, name: str) -> CaseSuspect:
    suspect = (
        CaseSuspect.objects.filter(case=case, pk=pk).select_related("person", "company").first()
    )
    if suspect is None:
        raise DomainError(_("This is not a suspect in this case file."), field=name)
    return suspect


# Shapes ----------------------------------------------------------------------------------


class CaseSummaryOut(Schema):
    reference: str
    title: str
    office: str
    court: str | None
    exploitation_form: str
    opened_on: date
    status: str
    version: int


class CaseChargeOut(Schema):
    provision: str
    label: str
    unverified: bool
    trafficking: bool


class CaseSuspectOut(Schema):
    id: int
    person: str | None
    company: str | None
    charges: list[CaseChargeOut]


class CaseCompanyOut(Schema):
    company: str
    enterprise_number: str | None
    role: str
    works_for: list[str]


class PathwayEffectOut(Schema):
    person: str
    event: str
    status: str
    reason: str | None


class CaseDecisionOut(Schema):
    decision: str
    decided_on: date
    status: str
    victim: str | None
    positive: bool | None
    pathway: list[PathwayEffectOut]


class CaseMoneyOut(Schema):
    frozen_eur: str | None
    confiscated_eur: str | None
    allocated_eur: str | None
    remaining_eur: str | None


class CaseTransitionOut(Schema):
    name: str
    allowed: bool
    reason: str


class CaseOut(CaseSummaryOut):
    victims: list[str]
    suspects: list[CaseSuspectOut]
    companies: list[CaseCompanyOut]
    decisions: list[CaseDecisionOut]
    money: CaseMoneyOut
    transitions: list[CaseTransitionOut]


class CaseListOut(Schema):
    results: list[CaseSummaryOut]
    next_cursor: str | None


def case_summary(case: CaseFile) -> CaseSummaryOut:
    return CaseSummaryOut(
        reference=case.reference,
        title=case.title,
        office=case.office.name,
        court=case.court.name if case.court else None,
        exploitation_form=case.exploitation_form,
        opened_on=case.opened_on,
        status=case.status,
        version=case.version,
    )


def case_full(actor: Actor, case: CaseFile) -> CaseOut:
    view = queries.case_view(actor, case)
    return CaseOut(
        **case_summary(case).model_dump(),
        victims=[v.person.reference for v in view.victims],
        suspects=[
            CaseSuspectOut(
                id=row.suspect.pk,
                person=row.suspect.person.reference if row.suspect.person else None,
                company=row.suspect.company.name if row.suspect.company else None,
                charges=[
                    CaseChargeOut(
                        provision=c.provision,
                        label=provision_citation(c.provision),
                        unverified=is_unverified(c.provision),
                        trafficking=c.is_trafficking,
                    )
                    for c in row.charges
                ],
            )
            for row in view.suspects
        ],
        companies=[
            CaseCompanyOut(
                company=row.link.company.name,
                enterprise_number=row.link.company.enterprise_number or None,
                role=row.link.role,
                works_for=row.chain_above,
            )
            for row in view.companies
        ],
        decisions=[
            CaseDecisionOut(
                decision=row.decision.transition,
                decided_on=row.decision.decided_on,
                status=row.decision.to_status,
                victim=row.decision.victim.person.reference if row.decision.victim else None,
                positive=row.decision.positive,
                pathway=[
                    PathwayEffectOut(
                        person=e.person.reference,
                        event=e.event_type,
                        status=e.status,
                        reason=e.reason or None,
                    )
                    for e in row.effects
                ],
            )
            for row in view.decisions
        ],
        money=CaseMoneyOut(
            frozen_eur=_money(view.frozen_total),
            confiscated_eur=_money(view.confiscated),
            allocated_eur=_money(view.allocated),
            remaining_eur=_money(view.remaining),
        ),
        transitions=[
            CaseTransitionOut(name=a.name, allowed=a.allowed, reason=a.reason)
            for a in DECISIONS.available(case, actor)
        ],
    )


# Case files ------------------------------------------------------------------------------


class CaseListQuery(Schema):
    status: Code = ""


class CaseIn(Input):
    title: Text = Field("", max_length=LABEL_MAX)
    exploitation_form: Code = ""
    opened_on: IsoDate
    summary: Reason = ""


@router.get("/cases", response={200: CaseListOut, **responses(400, 401)})
def cases_list(
    request: HttpRequest, page: Query[PageQuery], query: Query[CaseListQuery]
) -> CaseListOut:
    """The case files the caller may see, latest opened first (`?status=` filters)."""
    actor = caller(request, Actor)
    rows, next_cursor = keyset_page(queries.cases_listed(actor, status=query.status), page)
    queries.cases_list_audited(actor, rows, action="api_case_list")
    return CaseListOut(results=[case_summary(c) for c in rows], next_cursor=next_cursor)


@router.post("/cases", response={201: CaseSummaryOut, **responses(400, 401, 403)})
def cases_create(request: HttpRequest, payload: CaseIn) -> Status[CaseSummaryOut]:
    """Open a case file at the caller's prosecution office."""
    actor = caller(request, Actor)
    case = actions.case_file_open(
        actor=actor,
        title=payload.title,
        exploitation_form=payload.exploitation_form,
        opened_on=payload.opened_on,
        summary=payload.summary,
    )
    return Status(201, case_summary(case))


@router.get("/cases/{reference}", response={200: CaseOut, **responses(401, 404)})
def case_read(request: HttpRequest, reference: str) -> CaseOut:
    """One case file with its parties, decisions, money and the decisions open now."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_view")
    return case_full(actor, found)


# Decisions: one operation per row of the workflow table ----------------------------------


class DecisionIn(Input):
    """A decision's body: the version read, and the action's own arguments."""

    expected_version: Version

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {"expected_version": self.expected_version}


class DatedDecisionIn(DecisionIn):
    decided_on: IsoDate

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {**super().action_kwargs(case), "decided_on": self.decided_on}


class CaseInvestigationOpenIn(DatedDecisionIn):
    note: Reason = ""

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {**super().action_kwargs(case), "note": self.note}


class CaseOpinionGiveIn(DatedDecisionIn):
    victim: Reference
    positive: Flag
    reason: Reason = ""

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {
            **super().action_kwargs(case),
            "victim": _victim(case, self.victim),
            "positive": self.positive,
            "reason": self.reason,
        }


class CaseDismissIn(DatedDecisionIn):
    reason_code: Code = ""
    reason: Reason = ""

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {
            **super().action_kwargs(case),
            "reason_code": self.reason_code,
            "reason": self.reason,
        }


class CaseReopenIn(DatedDecisionIn):
    reason: Reason = ""

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {**super().action_kwargs(case), "reason": self.reason}


class CaseIndictIn(DatedDecisionIn):
    court: RowId | None = None

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        court = None
        if self.court is not None:
            court = Organisation.objects.filter(pk=self.court).first()
            if court is None:
                raise DomainError(_("Choose a court."), field="court")
        return {**super().action_kwargs(case), "court": court}


class CaseConvictionRequestIn(DatedDecisionIn):
    defendants: list[RowId] | None = Field(None, max_length=200)

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        kwargs = super().action_kwargs(case)
        if self.defendants is not None:
            kwargs["defendants"] = [_suspect(case, pk, "defendants") for pk in self.defendants]
        return kwargs


class VerdictIn(Input):
    suspect: RowId
    outcome: Code = ""
    convicted_of_trafficking: Flag = False
    prison_months: WholeNumber | None = Field(None, ge=0, le=1200)
    suspension: Code = ""
    fine_eur: Amount | None = None
    confiscation_eur: Amount | None = None


class CaseJudgmentRecordIn(DecisionIn):
    judged_on: IsoDate
    verdicts: list[VerdictIn] = Field(max_length=200)

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {
            **super().action_kwargs(case),
            "judged_on": self.judged_on,
            "verdicts": [
                actions.VerdictData(
                    suspect=_suspect(case, v.suspect, "verdicts"),
                    outcome=v.outcome,
                    convicted_of_trafficking=v.convicted_of_trafficking,
                    prison_months=v.prison_months,
                    suspension=v.suspension,
                    fine_eur=v.fine_eur,
                    confiscation_eur=v.confiscation_eur,
                )
                for v in self.verdicts
            ],
        }


class CaseAppealIn(DecisionIn):
    lodged_on: IsoDate
    appellant: Code = ""

    def action_kwargs(self, case: CaseFile) -> dict[str, Any]:
        return {
            **super().action_kwargs(case),
            "lodged_on": self.lodged_on,
            "appellant": self.appellant,
        }


class CaseFinaliseIn(DatedDecisionIn):
    pass


def _schema_of(transition: Transition, base: type[Input]) -> type[Input]:
    schema = transition.schema_class
    if schema is None or not issubclass(schema, base):
        raise TypeError(f"{transition.name}: no API schema")
    return schema


def _decision_view(transition: Transition) -> Callable[..., CaseOut]:
    def view(request: HttpRequest, reference: str, payload: DecisionIn) -> CaseOut:
        actor = caller(request, Actor)
        found = queries.case_get_for_actor(actor, reference, action="api_case_decide_view")
        DECISIONS.require_party(transition, found, actor)
        decided = DECISIONS.run(transition, found, actor=actor, **payload.action_kwargs(found))
        return case_full(actor, decided.case)

    # ninja reads the body's schema from the annotation: each decision its own.
    view.__annotations__ = {
        "request": HttpRequest,
        "reference": str,
        # The body is the transition's own schema (`Transition.schema`); a decision added
        # to the registry without one stops the import, so every decision is documented.
        "payload": _schema_of(transition, DecisionIn),
        "return": CaseOut,
    }
    view.__name__ = view.__qualname__ = f"case_decision_{transition.name}"
    view.__doc__ = f"{transition.label} (`expected_version`: the version read)."
    return view


for _transition in DECISIONS:
    router.add_api_operation(
        f"/cases/{{reference}}/transitions/{_transition.name}",
        ["POST"],
        _decision_view(_transition),
        response={200: CaseOut, **responses(400, 401, 403, 404, 409)},
        operation_id=f"case_decision_{_transition.name}",
    )


# Qualification and charges ---------------------------------------------------------------


class CaseQualificationIn(Input):
    # The facts document (CONTRACTS.md §1), checked by the law engine's own schema.
    facts: dict[str, Any]
    jurisdictions: list[Annotated[Text, Field(max_length=8)]] | None = Field(None, max_length=10)
    note: Reason = ""


class CaseQualificationOut(Schema):
    id: int
    taken_on: date
    rulesets: Any
    summary: str
    result: Any


@router.post(
    "/cases/{reference}/qualifications",
    response={201: CaseQualificationOut, **responses(400, 401, 403, 404)},
)
def case_qualifications_create(
    request: HttpRequest, reference: str, payload: CaseQualificationIn
) -> Status[CaseQualificationOut]:
    """Qualify the facts under the law engine and keep the snapshot in the case file."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_qualify_view")
    require_part(actor, found, OFFICE)
    snapshot = actions.qualification_snapshot_take(
        actor=actor,
        case=found,
        facts=payload.facts,
        jurisdictions=payload.jurisdictions,
        note=payload.note,
    )
    return Status(
        201,
        CaseQualificationOut(
            id=snapshot.pk,
            taken_on=snapshot.taken_on,
            rulesets=snapshot.rulesets,
            summary=snapshot.summary,
            result=snapshot.result,
        ),
    )


class ChargeOut(Schema):
    id: int
    suspect: int
    provision: str
    label: str
    unverified: bool
    trafficking: bool
    charged_on: date
    withdrawn_on: date | None


class ChargeChoiceOut(Schema):
    provision: str
    label: str
    unverified: bool


class ChargeListOut(Schema):
    results: list[ChargeOut]
    choices: list[ChargeChoiceOut]


class ChargeIn(Input):
    suspect: RowId
    provision: Code = ""
    description: Text = Field("", max_length=300)
    snapshot: RowId | None = None
    charged_on: IsoDate | None = None


def charge_json(charge: Charge) -> ChargeOut:
    return ChargeOut(
        id=charge.pk,
        suspect=charge.suspect_id,
        provision=charge.provision,
        label=provision_citation(charge.provision),
        unverified=is_unverified(charge.provision),
        trafficking=charge.is_trafficking,
        charged_on=charge.added_on,
        withdrawn_on=charge.withdrawn_on,
    )


@router.get("/cases/{reference}/charges", response={200: ChargeListOut, **responses(401, 404)})
def case_charges_list(request: HttpRequest, reference: str) -> ChargeListOut:
    """The charges, and the provisions that can be charged for the case's offence period
    (bounded by the case file: not paginated)."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_charges_view")
    rows = Charge.objects.filter(case=found).order_by("added_on", "pk")
    period = charges.offence_period(found)
    return ChargeListOut(
        results=[charge_json(c) for c in rows],
        choices=[
            ChargeChoiceOut(provision=pid, label=label, unverified=is_unverified(pid))
            for pid, label in charges.charge_choices(period)
        ],
    )


@router.post(
    "/cases/{reference}/charges", response={201: ChargeOut, **responses(400, 401, 403, 404)}
)
def case_charges_create(
    request: HttpRequest, reference: str, payload: ChargeIn
) -> Status[ChargeOut]:
    """Charge a suspect under a provision id (from `choices`)."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_charges_view")
    require_part(actor, found, OFFICE)
    snapshot = None
    if payload.snapshot is not None:
        snapshot = QualificationSnapshot.objects.filter(case=found, pk=payload.snapshot).first()
        if snapshot is None:
            raise DomainError(_("This qualification belongs to another case."), field="snapshot")
    charge = actions.charge_add(
        actor=actor,
        case=found,
        suspect=_suspect(found, payload.suspect, "suspect"),
        provision=payload.provision,
        description=payload.description,
        snapshot=snapshot,
        charged_on=payload.charged_on,
    )
    return Status(201, charge_json(charge))


# Assets and allocations ------------------------------------------------------------------


class AssetIn(Input):
    kind: Code = ""
    value_eur: Amount
    frozen_on: IsoDate
    description: Reason = ""
    owner: RowId | None = None


class AssetReleaseIn(Input):
    expected_version: Version
    released_on: IsoDate
    reason: Reason = ""

    def action_kwargs(self, asset: Asset) -> dict[str, Any]:
        return self.model_dump()


class AssetConfiscateIn(Input):
    expected_version: Version
    confiscated_on: IsoDate
    confiscated_value_eur: Amount

    def action_kwargs(self, asset: Asset) -> dict[str, Any]:
        return self.model_dump()


class AssetOut(Schema):
    id: int
    kind: str
    value_eur: str | None
    frozen_on: date
    status: str
    released_on: date | None
    confiscated_on: date | None
    confiscated_value_eur: str | None
    owner: int | None
    version: int


class AssetListOut(Schema):
    results: list[AssetOut]
    next_cursor: str | None


def asset_json(asset: Asset) -> AssetOut:
    return AssetOut(
        id=asset.pk,
        kind=asset.kind,
        value_eur=_money(asset.value_eur),
        frozen_on=asset.frozen_on,
        status=asset.status,
        released_on=asset.released_on,
        confiscated_on=asset.confiscated_on,
        confiscated_value_eur=_money(asset.confiscated_value_eur),
        owner=asset.owner_id,
        version=asset.version,
    )


@router.get("/cases/{reference}/assets", response={200: AssetListOut, **responses(400, 401, 404)})
def case_assets_list(request: HttpRequest, reference: str, page: Query[PageQuery]) -> AssetListOut:
    """The assets frozen in the case file, first frozen first."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_assets_view")
    rows, next_cursor = keyset_page(Asset.objects.filter(case=found).order_by("frozen_on"), page)
    return AssetListOut(results=[asset_json(a) for a in rows], next_cursor=next_cursor)


@router.post("/cases/{reference}/assets", response={201: AssetOut, **responses(400, 401, 403, 404)})
def case_assets_create(request: HttpRequest, reference: str, payload: AssetIn) -> Status[AssetOut]:
    """Freeze an asset (`value_eur` as a string such as "1234.50")."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_assets_view")
    require_part(actor, found, OFFICE)
    asset = actions.asset_freeze(
        actor=actor,
        case=found,
        kind=payload.kind,
        value_eur=payload.value_eur,
        frozen_on=payload.frozen_on,
        description=payload.description,
        owner=_suspect(found, payload.owner, "owner") if payload.owner is not None else None,
    )
    return Status(201, asset_json(asset))


def _asset_transition_view(transition: Transition) -> Callable[..., AssetOut]:
    """One operation per transition of the assets' registry (`workflow.ASSETS`), through
    the same access path as the page: the case, its record, the party check, the action."""

    def view(request: HttpRequest, reference: str, pk: int, payload: Any) -> AssetOut:
        actor = caller(request, Actor)
        found = queries.case_get_for_actor(actor, reference, action="api_case_assets_view")
        asset = queries.case_record_get(found, Asset, pk)
        ASSETS.require_party(transition, asset, actor)
        moved = ASSETS.run(transition, asset, actor=actor, **payload.action_kwargs(asset))
        return asset_json(moved)

    view.__annotations__ = {
        "request": HttpRequest,
        "reference": str,
        "pk": int,
        "payload": _schema_of(transition, Input),
        "return": AssetOut,
    }
    view.__name__ = view.__qualname__ = f"case_asset_{transition.name}"
    view.__doc__ = _ASSET_DOCS[transition.name]
    return view


_ASSET_DOCS = {
    "release": "Release a frozen asset (the office or the court seised).",
    "confiscate": "Confiscate a frozen asset after the judgment (the court seised).",
}
for _transition in ASSETS:
    router.add_api_operation(
        f"/cases/{{reference}}/assets/{{pk}}/{_transition.name}",
        ["POST"],
        _asset_transition_view(_transition),
        response={200: AssetOut, **responses(400, 401, 403, 404, 409)},
    )


class AllocationIn(Input):
    amount_eur: Amount
    allocated_on: IsoDate
    civil_claim: RowId | None = None
    back_pay_claim: RowId | None = None


class AllocationOut(Schema):
    id: int
    amount_eur: str | None
    remaining_eur: str | None


@router.post(
    "/cases/{reference}/allocations",
    response={201: AllocationOut, **responses(400, 401, 403, 404, 409)},
)
def case_allocations_create(
    request: HttpRequest, reference: str, payload: AllocationIn
) -> Status[AllocationOut]:
    """Allocate confiscated money to an awarded claim (the court seised)."""
    actor = caller(request, Actor)
    found = queries.case_get_for_actor(actor, reference, action="api_case_allocate_view")
    require_part(actor, found, COURT)
    civil = (
        CivilClaim.objects.filter(case=found, pk=payload.civil_claim).first()
        if payload.civil_claim
        else None
    )
    back_pay = (
        BackPayClaim.objects.filter(case=found, pk=payload.back_pay_claim).first()
        if payload.back_pay_claim
        else None
    )
    if (payload.civil_claim and civil is None) or (payload.back_pay_claim and back_pay is None):
        raise DomainError(_("No such claim in this case file."), field="claim")
    allocation = actions.allocation_make(
        actor=actor,
        case=found,
        amount_eur=payload.amount_eur,
        allocated_on=payload.allocated_on,
        civil_claim=civil,
        back_pay_claim=back_pay,
    )
    confiscated, allocated = queries.money_totals(found)
    return Status(
        201,
        AllocationOut(
            id=allocation.pk,
            amount_eur=_money(allocation.amount_eur),
            remaining_eur=_money(confiscated - allocated),
        ),
    )


# Procedural facts and targets ------------------------------------------------------------


class ProceduralStepOut(Schema):
    decision: str
    on: date
    positive: bool | None


class ProceduralHearingOut(Schema):
    kind: str
    starts_at: datetime
    court: str


class ProceduralCaseOut(Schema):
    reference: str
    office: str
    opened_on: date
    status: str
    decisions: list[ProceduralStepOut]
    hearings: list[ProceduralHearingOut]


class ProceduralFactsOut(Schema):
    person: str
    cases: list[ProceduralCaseOut]


@router.get(
    "/persons/{reference}/procedural-facts",
    response={200: ProceduralFactsOut, **responses(401, 404)},
)
def person_procedural_facts(request: HttpRequest, reference: str) -> ProceduralFactsOut:
    """What a centre accompanying a victim may know of the criminal procedure: dates of
    decisions and hearings, no reasons, no evidence."""
    actor = caller(request, Actor)
    person, rows = queries.procedural_facts_for_person(actor, reference)
    return ProceduralFactsOut(
        person=person.reference,
        cases=[
            ProceduralCaseOut(
                reference=c.reference,
                office=c.office,
                opened_on=c.opened_on,
                status=c.status,
                decisions=[
                    ProceduralStepOut(decision=str(s.label), on=s.on, positive=s.positive)
                    for s in c.steps
                ],
                hearings=[
                    ProceduralHearingOut(kind=h.kind, starts_at=h.starts_at, court=h.court)
                    for h in c.hearings
                ],
            )
            for c in rows
        ],
    )


class CaseTargetsQuery(Schema):
    year: WholeNumber | None = Field(None, ge=2000, le=2100)


class TargetDefaultOut(Schema):
    value: int | None
    tag: str


class OfficeProgressOut(Schema):
    office: str
    target: int
    target_is_default: bool
    investigations: int
    expected_by_now: int
    registered: int
    indicted: int
    conviction_requested: int
    judged: int
    dismissed: int


class CaseTargetsOut(Schema):
    year: int
    until: date
    default_target: TargetDefaultOut
    offices: list[OfficeProgressOut]
    national: OfficeProgressOut


def _progress(r: targets.OfficeProgress) -> OfficeProgressOut:
    return OfficeProgressOut(
        office=r.label,
        target=r.target,
        target_is_default=r.target_is_default,
        investigations=r.investigations,
        expected_by_now=r.expected_by_now,
        registered=r.registered,
        indicted=r.indicted,
        conviction_requested=r.conviction_requested,
        judged=r.judged,
        dismissed=r.dismissed,
    )


@router.get("/case-targets", response={200: CaseTargetsOut, **responses(400, 401, 403)})
def case_targets(request: HttpRequest, query: Query[CaseTargetsQuery]) -> CaseTargetsOut:
    """Progress of each office towards its yearly target of trafficking investigations."""
    actor = caller(request, Actor)
    today = timezone.localdate()
    board = targets.dashboard(actor, year=query.year or today.year, today=today)
    return CaseTargetsOut(
        year=board.year,
        until=board.until,
        default_target=TargetDefaultOut(value=board.default.value, tag=board.default.tag),
        offices=[_progress(r) for r in board.offices],
        national=_progress(board.national),
    )
