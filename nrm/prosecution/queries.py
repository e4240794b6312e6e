"""Every read of criminal case files, through one access helper per kind of record.

`cases_visible_to(actor)` is the set an actor may list; `case_get_for_actor` opens one
file, audits the read (naming the persons the file names) and answers 404 alike for what
does not exist and what is not the actor's to see. Statements have their own helper and
their own audit row; centres read only `procedural_facts_*`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, Min, Model, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, Purpose
from nrm.access.policy import purpose_for, visible_person_ids
from nrm.core import files
from nrm.core.errors import NotFound, PermissionDenied
from nrm.inspections.models import ChainLink, Evidence
from nrm.people.models import Person
from nrm.people.queries import person_find_for_actor
from nrm.prosecution import config, permissions, workflow
from nrm.prosecution.models import (
    AgendaItem,
    Allocation,
    Asset,
    BackPayClaim,
    BackPayDebtor,
    CaseAssignment,
    CaseCompany,
    CaseDecision,
    CaseEvidence,
    CaseFile,
    CaseInspection,
    CaseProposal,
    CaseSuspect,
    CaseVictim,
    Charge,
    CivilClaim,
    CivilParty,
    DisclosureDecision,
    FollowUp,
    Hearing,
    OperationalMeeting,
    PathwayEffect,
    ProtectedStatement,
    QualificationSnapshot,
    StateFundApplication,
    Verdict,
)
from nrm.prosecution.money import ZERO
from nrm.prosecution.permissions import Relation
from nrm.prosecution.vocab import AssetStatus, BackPayRoute, CaseStatus, ProposalStatus

# Case files -----------------------------------------------------------------------------------


def cases_visible_to(actor: Actor) -> QuerySet[CaseFile]:
    scope = permissions.case_scope(actor)
    if scope is None:
        return CaseFile.objects.none()
    return CaseFile.objects.filter(scope)


def cases_listed(actor: Actor, *, status: str = "") -> QuerySet[CaseFile]:
    """The list page: one query, whatever the number of files."""
    rows = cases_visible_to(actor)
    if status:
        rows = rows.filter(status=status)
    return (
        rows.select_related("office", "court")
        .annotate(
            victim_count=Count("victims", distinct=True),
            suspect_count=Count("suspects", distinct=True),
        )
        .order_by("-opened_on", "-pk")
    )


def _named_references(case: CaseFile) -> list[str]:
    victims = CaseVictim.objects.filter(case=case).values_list("person__reference", flat=True)
    suspects = CaseSuspect.objects.filter(case=case, person__isnull=False).values_list(
        "person__reference", flat=True
    )
    return sorted({*victims, *suspects})


def case_get_for_actor(actor: Actor, reference: str, *, action: str) -> CaseFile:
    """One case file, the read audited with the persons it names; 404 otherwise."""
    case = (
        CaseFile.objects.select_related("office", "court", "judicial_district", "created_by")
        .filter(reference=reference)
        .first()
    )
    if case is None or permissions.relation(actor, case) == Relation.NONE:
        raise NotFound(_("No such case file."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=case,
        purpose=purpose_for(actor),
        changes={"persons": _named_references(case)},
    )
    return case


M = TypeVar("M", bound=Model)


def case_record_get(case: CaseFile, model: type[M], pk: int, **lookups: Any) -> M:
    """A record of a case file opened through `case_get_for_actor` (an asset, a claim, an
    assignment...), by id; 404 for another case's record, or none. Pages and the API both
    reach a case's records through here."""
    found = model._default_manager.filter(pk=pk, **lookups).first()
    if found is None or getattr(found, "case_id", case.pk) != case.pk:
        raise NotFound(_("No such record in this case file."))
    return found


def names_shown_to(actor: Actor, persons: Iterable[Person]) -> dict[int, str]:
    """The names of those `persons` whom the actor may see (an open involvement of their
    organisation, as for the person page), by person id; the others stay pseudonymous
    references. One query; the persons are already loaded, names decrypted once."""
    by_id = {p.pk: p for p in persons}
    if not by_id:
        return {}
    seen = set(
        visible_person_ids(actor)
        .filter(person_id__in=list(by_id))
        .values_list("person_id", flat=True)
    )
    names: dict[int, str] = {}
    for pk in seen:
        person = by_id[pk]
        name = " ".join(part for part in (person.family_name.upper(), person.given_names) if part)
        if name:
            names[pk] = name
    return names


def cases_list_audited(actor: Actor, cases: Sequence[CaseFile], *, action: str) -> None:
    """A list shows references and titles, no persons: one row names the files shown."""
    if not cases:
        return
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=CaseFile._meta.label_lower,
        record_id="*",
        purpose=purpose_for(actor),
        changes={"cases": [c.reference for c in cases]},
    )


# The case page --------------------------------------------------------------------------------


@dataclass
class SuspectRow:
    suspect: CaseSuspect
    charges: list[Charge]
    withdrawn: list[Charge]


@dataclass
class CompanyRow:
    link: CaseCompany
    # The chain from this company up to the principal, names only (site's chain order).
    chain_above: list[str]


@dataclass
class DecisionRow:
    decision: CaseDecision
    label: str
    effects: list[PathwayEffect]
    verdicts: list[Verdict]


@dataclass
class ClaimRow:
    claim: CivilClaim
    allocated: Decimal


@dataclass
class BackPayRow:
    claim: BackPayClaim
    debtors: list[BackPayDebtor]
    allocated: Decimal
    state_condition_met: bool | None


@dataclass
class StatementRow:
    statement: ProtectedStatement
    disclosures: list[DisclosureDecision]


@dataclass
class CaseView:
    case: CaseFile
    relation: Relation
    assignments: list[CaseAssignment]
    victims: list[CaseVictim]
    suspects: list[SuspectRow]
    companies: list[CompanyRow]
    inspections: list[CaseInspection]
    evidence: list[CaseEvidence]
    snapshots: list[QualificationSnapshot]
    decisions: list[DecisionRow]
    hearings: list[Hearing]
    assets: list[Asset]
    confiscated: Decimal
    allocated: Decimal
    allocations: list[Allocation]
    civil_parties: list[CivilParty]
    civil_claims: list[ClaimRow]
    back_pay: list[BackPayRow]
    state_fund: list[StateFundApplication]
    statements: list[StatementRow] | None
    rules: dict[str, config.SourcedRule] = field(default_factory=dict)

    @property
    def remaining(self) -> Decimal:
        return self.confiscated - self.allocated

    @property
    def frozen_total(self) -> Decimal:
        return sum((a.value_eur for a in self.assets if a.status == AssetStatus.FROZEN), ZERO)


def _chains(links: list[CaseCompany]) -> dict[int, list[str]]:
    """For each linked company with a site, the names above it up to the principal."""
    sites = {link.worksite_id for link in links if link.worksite_id}
    rows = list(ChainLink.objects.filter(worksite_id__in=sites).select_related("company", "parent"))
    by_site: dict[int, dict[int, ChainLink]] = {}
    for row in rows:
        by_site.setdefault(row.worksite_id, {})[row.pk] = row
    result: dict[int, list[str]] = {}
    for link in links:
        if link.worksite_id is None:
            continue
        chain = by_site.get(link.worksite_id, {})
        current = next((r for r in chain.values() if r.company_id == link.company_id), None)
        names: list[str] = []
        seen: set[int] = set()
        while current is not None and current.parent_id is not None and current.pk not in seen:
            seen.add(current.pk)
            current = chain.get(current.parent_id)
            if current is not None:
                names.append(current.company.name)
        result[link.pk] = names
    return result


def case_assignments(case: CaseFile) -> list[CaseAssignment]:
    return list(
        CaseAssignment.objects.filter(case=case, ended_at__isnull=True)
        .select_related("user", "organisation")
        .order_by("role", "since", "pk")
    )


def case_victims(case: CaseFile) -> list[CaseVictim]:
    return list(
        CaseVictim.objects.filter(case=case).select_related("person").order_by("added_at", "pk")
    )


def case_suspects(case: CaseFile) -> list[SuspectRow]:
    """The suspects with their charges standing and withdrawn (two queries)."""
    suspects = (
        CaseSuspect.objects.filter(case=case)
        .select_related("person", "company")
        .prefetch_related(Prefetch("charges", queryset=Charge.objects.order_by("added_on", "pk")))
        .order_by("added_at", "pk")
    )
    return [
        SuspectRow(
            s,
            [c for c in s.charges.all() if c.withdrawn_on is None],
            [c for c in s.charges.all() if c.withdrawn_on is not None],
        )
        for s in suspects
    ]


def case_companies(case: CaseFile) -> list[CompanyRow]:
    links = list(
        CaseCompany.objects.filter(case=case)
        .select_related("company", "worksite")
        .order_by("added_at", "pk")
    )
    chains = _chains(links)
    return [CompanyRow(link, chains.get(link.pk, [])) for link in links]


def case_proposals(case: CaseFile) -> list[CaseProposal]:
    """What linked inspections propose and the prosecutor has not yet decided on."""
    return list(
        CaseProposal.objects.filter(case=case, status=ProposalStatus.PROPOSED)
        .select_related("person", "company", "evidence", "inspection")
        .order_by("kind", "pk")
    )


def case_inspections(case: CaseFile) -> list[CaseInspection]:
    return list(
        CaseInspection.objects.filter(case=case)
        .select_related("inspection__team", "inspection__worksite")
        .order_by("added_at", "pk")
    )


def case_evidence(case: CaseFile) -> list[CaseEvidence]:
    return list(
        CaseEvidence.objects.filter(case=case)
        .select_related("evidence__inspection", "evidence__organisation")
        .order_by("added_at", "pk")
    )


def case_snapshots(case: CaseFile) -> list[QualificationSnapshot]:
    return list(
        QualificationSnapshot.objects.filter(case=case)
        .select_related("taken_by")
        .order_by("-taken_at", "-pk")
    )


def case_decisions(case: CaseFile) -> list[DecisionRow]:
    decisions = (
        CaseDecision.objects.filter(case=case)
        .select_related("decided_by", "organisation", "victim__person")
        .prefetch_related(
            Prefetch(
                "pathway_effects",
                queryset=PathwayEffect.objects.select_related("person").order_by("pk"),
            ),
            Prefetch(
                "judgment__verdicts",
                queryset=Verdict.objects.select_related("suspect__person", "suspect__company"),
            ),
        )
        .order_by("decided_on", "recorded_at", "pk")
    )
    return [
        DecisionRow(
            d,
            str(workflow.TRANSITIONS[d.transition].label)
            if d.transition in workflow.TRANSITIONS
            else d.transition,
            list(d.pathway_effects.all()),
            list(d.judgment.verdicts.all()) if hasattr(d, "judgment") else [],
        )
        for d in decisions
    ]


def case_hearings(case: CaseFile) -> list[Hearing]:
    return list(
        Hearing.objects.filter(case=case).select_related("court").order_by("starts_at", "pk")
    )


def case_allocations(case: CaseFile) -> list[Allocation]:
    return list(
        Allocation.objects.filter(case=case)
        .select_related("civil_claim", "back_pay_claim")
        .order_by("allocated_on", "pk")
    )


def _allocated_to(allocations: list[Allocation], key: str) -> dict[int, Decimal]:
    """The amounts allocated per claim (`key`: the allocation's claim column)."""
    totals: dict[int, Decimal] = {}
    for a in allocations:
        claim_id = getattr(a, key)
        if claim_id:
            totals[claim_id] = totals.get(claim_id, ZERO) + a.amount_eur
    return totals


def case_assets(case: CaseFile) -> list[Asset]:
    return list(
        Asset.objects.filter(case=case)
        .select_related("owner__person", "owner__company")
        .order_by("frozen_on", "pk")
    )


def confiscated_of(assets: list[Asset]) -> Decimal:
    return sum(
        (a.confiscated_value_eur or ZERO for a in assets if a.status == AssetStatus.CONFISCATED),
        ZERO,
    )


def case_civil_parties(case: CaseFile) -> list[CivilParty]:
    return list(
        CivilParty.objects.filter(case=case)
        .select_related("victim__person", "organisation")
        .order_by("joined_on", "pk")
    )


def case_civil_claims(case: CaseFile, allocations: list[Allocation]) -> list[ClaimRow]:
    allocated = _allocated_to(allocations, "civil_claim_id")
    return [
        ClaimRow(c, allocated.get(c.pk, ZERO))
        for c in CivilClaim.objects.filter(case=case)
        .select_related("civil_party__victim__person", "civil_party__organisation")
        .order_by("filed_on", "pk")
    ]


def case_back_pay(case: CaseFile, allocations: list[Allocation]) -> list[BackPayRow]:
    allocated = _allocated_to(allocations, "back_pay_claim_id")
    state_rule = config.state_back_pay_condition()
    return [
        BackPayRow(
            claim,
            list(claim.debtors.all()),
            allocated.get(claim.pk, ZERO),
            (
                bool(claim.worked_without_permit)
                and (claim.months_unpaid or 0) >= (state_rule.value or 0)
                if claim.route == BackPayRoute.STATE_PROCEDURE
                else None
            ),
        )
        for claim in BackPayClaim.objects.filter(case=case)
        .select_related("worker__person", "employer", "worksite")
        .prefetch_related(
            Prefetch(
                "debtors",
                queryset=BackPayDebtor.objects.select_related("company").order_by("position"),
            )
        )
        .order_by("filed_on", "pk")
    ]


def case_state_fund(case: CaseFile) -> list[StateFundApplication]:
    return list(
        StateFundApplication.objects.filter(case=case)
        .select_related("victim__person")
        .order_by("filed_on", "pk")
    )


def case_statements(case: CaseFile, relation: Relation) -> list[StatementRow] | None:
    """The protected statements with their disclosure decisions, for those who read them
    (None for the others: the page then says nothing of them)."""
    if relation not in permissions.READS_STATEMENTS:
        return None
    return [
        StatementRow(s, list(s.disclosures.all()))
        for s in ProtectedStatement.objects.filter(case=case)
        .select_related("victim__person", "taken_by_organisation")
        .prefetch_related(
            Prefetch(
                "disclosures",
                queryset=DisclosureDecision.objects.select_related(
                    "decided_by", "defence_of__person", "defence_of__company"
                ).order_by("decided_on", "pk"),
            )
        )
        .order_by("taken_on", "pk")
    ]


def case_rules() -> dict[str, config.SourcedRule]:
    return {
        "presumption": config.employment_presumption(),
        "state_back_pay": config.state_back_pay_condition(),
        "state_fund_ceiling": config.state_fund_ceiling(),
        "appeal": config.appeal_period(),
    }


def case_view(actor: Actor, case: CaseFile) -> CaseView:
    """Everything about a case file at once (the API's case document). The page loads the
    same reads section by section (`nrm.prosecution.views.sections`)."""
    relation = permissions.relation(actor, case)
    if relation == Relation.NONE:
        raise NotFound(_("No such case file."))
    allocations = case_allocations(case)
    assets = case_assets(case)
    return CaseView(
        case=case,
        relation=relation,
        assignments=case_assignments(case),
        victims=case_victims(case),
        suspects=case_suspects(case),
        companies=case_companies(case),
        inspections=case_inspections(case),
        evidence=case_evidence(case),
        snapshots=case_snapshots(case),
        decisions=case_decisions(case),
        hearings=case_hearings(case),
        assets=assets,
        confiscated=confiscated_of(assets),
        allocated=sum((a.amount_eur for a in allocations), ZERO),
        allocations=allocations,
        civil_parties=case_civil_parties(case),
        civil_claims=case_civil_claims(case, allocations),
        back_pay=case_back_pay(case, allocations),
        state_fund=case_state_fund(case),
        statements=case_statements(case, relation),
        rules=case_rules(),
    )


def snapshot_get(case: CaseFile, pk: int) -> QualificationSnapshot:
    snapshot = (
        QualificationSnapshot.objects.select_related("taken_by").filter(case=case, pk=pk).first()
    )
    if snapshot is None:
        raise NotFound(_("No such qualification."))
    return snapshot


# Evidence through the case ---------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceFile:
    evidence: Evidence
    data: bytes
    filename: str


def case_evidence_file(actor: Actor, case: CaseFile, reference: str) -> EvidenceFile:
    """Evidence linked to the case, for those who see the case (the court included, who do
    not see the inspection itself); the download is audited."""
    link = (
        CaseEvidence.objects.select_related("evidence__person")
        .filter(case=case, evidence__reference=reference)
        .first()
    )
    if link is None or permissions.relation(actor, case) == Relation.NONE:
        raise NotFound(_("No such evidence."))
    evidence = link.evidence
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="case_evidence_download",
        record=evidence,
        purpose=purpose_for(actor),
        changes={
            "case": case.reference,
            "person": evidence.person.reference if evidence.person else None,
        },
    )
    with evidence.file.open("rb") as stored:
        data = files.decrypt(stored.read(), evidence.file_key)
    extension = files.EXTENSIONS.get(evidence.content_type, ".bin")
    return EvidenceFile(evidence, data, f"{evidence.reference}{extension}")


# Statements ------------------------------------------------------------------------------------


def statement_get_for_actor(actor: Actor, reference: str, *, action: str) -> ProtectedStatement:
    """A statement, for the case's prosecutors and its court only; every read audited.
    Investigators, even the one who took it, get 404 (PRODUCT CHOICE: the statement is kept
    for the prosecution and the court; the police keep their own record outside)."""
    statement = (
        ProtectedStatement.objects.select_related(
            "case__office", "case__court", "victim__person", "taken_by_organisation", "recorded_by"
        )
        .filter(reference=reference)
        .first()
    )
    if statement is None:
        raise NotFound(_("No such statement."))
    relation = permissions.relation(actor, statement.case)
    if relation not in permissions.READS_STATEMENTS:
        raise NotFound(_("No such statement."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=statement,
        purpose=purpose_for(actor),
        changes={"case": statement.case.reference, "victim": statement.victim.person.reference},
    )
    return statement


def disclosures_of(statement: ProtectedStatement) -> list[DisclosureDecision]:
    return list(
        statement.disclosures.select_related(
            "decided_by", "exported_by", "defence_of__person", "defence_of__company"
        ).order_by("decided_on", "pk")
    )


def disclosure_get_for_actor(actor: Actor, pk: int) -> DisclosureDecision:
    """A disclosure decision, for the court seised (which exports or revokes it)."""
    disclosure = (
        DisclosureDecision.objects.select_related("statement__case__court", "statement__case")
        .filter(pk=pk)
        .first()
    )
    if disclosure is None:
        raise NotFound(_("No such disclosure."))
    relation = permissions.relation(actor, disclosure.statement.case)
    if relation not in permissions.READS_STATEMENTS:
        raise NotFound(_("No such disclosure."))
    if relation != Relation.COURT:
        raise PermissionDenied(_("Only a judge of the court seised does this."))
    return disclosure


# Procedural facts for centres -------------------------------------------------------------------


@dataclass(frozen=True)
class ProceduralStep:
    label: str
    on: date
    positive: bool | None = None


@dataclass(frozen=True)
class ProceduralHearing:
    kind: str
    starts_at: datetime
    court: str


@dataclass
class ProceduralCase:
    reference: str
    office: str
    opened_on: date
    status: str
    steps: list[ProceduralStep]
    hearings: list[ProceduralHearing]


# The decisions a centre is told of, with dates only: no reasons, no verdict details.
_TOLD = {
    workflow.OPEN_INVESTIGATION.name,
    workflow.GIVE_OPINION.name,
    workflow.DISMISS.name,
    workflow.REOPEN.name,
    workflow.INDICT.name,
    workflow.REQUEST_CONVICTION.name,
    workflow.RECORD_JUDGMENT.name,
    workflow.APPEAL.name,
    workflow.FINALISE.name,
}


def _care_person(actor: Actor, reference: str) -> Person:
    if not permissions.may_read_procedural_facts(actor):
        raise NotFound(_("No such person."))
    person, decision = person_find_for_actor(actor, reference)
    if decision.purpose != Purpose.CARE:
        raise NotFound(_("No such person."))
    return person


def procedural_facts_for_person(
    actor: Actor, reference: str
) -> tuple[Person, list[ProceduralCase]]:
    """What a centre accompanying a victim needs of the criminal procedure: that a case is
    open, the decisions with their dates (an opinion only about this person), the hearing
    dates. No evidence, no statements, no reasons. Audited."""
    person = _care_person(actor, reference)
    cases = list(
        CaseFile.objects.filter(victims__person=person)
        .select_related("office")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=CaseDecision.objects.filter(transition__in=_TOLD)
                .filter(Q(victim__isnull=True) | Q(victim__person=person))
                .order_by("decided_on", "pk"),
            ),
            Prefetch(
                "hearings",
                queryset=Hearing.objects.filter(cancelled_at__isnull=True)
                .select_related("court")
                .order_by("starts_at", "pk"),
            ),
        )
        .order_by("opened_on", "pk")
    )
    result = [
        ProceduralCase(
            reference=c.reference,
            office=str(c.office),
            opened_on=c.opened_on,
            status=c.get_status_display(),
            steps=[
                ProceduralStep(
                    str(workflow.TRANSITIONS[d.transition].label),
                    d.decided_on,
                    d.positive if d.transition == workflow.GIVE_OPINION.name else None,
                )
                for d in c.decisions.all()
            ],
            hearings=[
                ProceduralHearing(h.get_kind_display(), h.starts_at, str(h.court))
                for h in c.hearings.all()
            ],
        )
        for c in cases
    ]
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="procedural_facts_view",
        record=person,
        purpose=Purpose.CARE,
        changes={"cases": [c.reference for c in result]},
    )
    return person, result


@dataclass(frozen=True)
class ClientCaseRow:
    person_reference: str
    case_reference: str
    office: str
    status: str
    opened_on: date
    next_hearing: datetime | None


def procedural_facts_list(actor: Actor, *, now: datetime | None = None) -> list[ClientCaseRow]:
    """The centre's clients named as victims in case files: two queries."""
    if not permissions.may_read_procedural_facts(actor):
        raise PermissionDenied(_("Your role does not follow criminal cases."))
    now = now or timezone.now()
    clients = Involvement.objects.filter(
        organisation_id=actor.organisation_id or 0,
        purpose=Purpose.CARE,
        until__isnull=True,
        since__lte=now,
    ).values("person_id")
    rows = list(
        CaseVictim.objects.filter(person_id__in=clients)
        .select_related("person", "case__office")
        .order_by("case__opened_on", "case__pk", "pk")
    )
    hearings: dict[int, datetime] = dict(
        Hearing.objects.filter(
            case_id__in={r.case_id for r in rows}, cancelled_at__isnull=True, starts_at__gte=now
        )
        .values("case_id")
        .annotate(first=Min("starts_at"))
        .values_list("case_id", "first")
    )
    result = [
        ClientCaseRow(
            r.person.reference,
            r.case.reference,
            str(r.case.office),
            r.case.get_status_display(),
            r.case.opened_on,
            hearings.get(r.case_id),
        )
        for r in rows
    ]
    if result:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="procedural_facts_list",
            record_type=Person._meta.label_lower,
            record_id="*",
            purpose=Purpose.CARE,
            changes={"references": sorted({r.person_reference for r in result})},
        )
    return result


# Meetings -------------------------------------------------------------------------------------


def meetings_visible_to(actor: Actor) -> QuerySet[OperationalMeeting]:
    scope = permissions.meeting_scope(actor)
    if scope is None:
        return OperationalMeeting.objects.none()
    return OperationalMeeting.objects.filter(scope)


def meetings_listed(actor: Actor) -> QuerySet[OperationalMeeting]:
    return (
        meetings_visible_to(actor)
        .select_related("office")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            open_follow_ups=Count(
                "agenda_items__follow_ups",
                filter=Q(agenda_items__follow_ups__done_at__isnull=True),
                distinct=True,
            ),
        )
        .order_by("-held_on", "-pk")
    )


def meeting_get_for_actor(actor: Actor, pk: int, *, action: str) -> OperationalMeeting:
    """A meeting's record (its notes and agenda may name people): audited; 404 otherwise."""
    meeting = (
        meetings_visible_to(actor).select_related("office", "created_by").filter(pk=pk).first()
    )
    if meeting is None:
        raise NotFound(_("No such meeting."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=meeting,
        purpose=purpose_for(actor),
    )
    return meeting


@dataclass
class AgendaRow:
    item: AgendaItem
    case_visible: bool
    follow_ups: list[FollowUp]


def agenda_of(actor: Actor, meeting: OperationalMeeting) -> list[AgendaRow]:
    """The items, each case reference shown only to those who see that case file."""
    items = list(
        meeting.agenda_items.select_related("case")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("responsible", "done_by").order_by(
                    "due_on", "pk"
                ),
            )
        )
        .order_by("position", "pk")
    )
    visible = set(
        cases_visible_to(actor)
        .filter(pk__in=[i.case_id for i in items if i.case_id])
        .values_list("pk", flat=True)
    )
    return [AgendaRow(item, item.case_id in visible, list(item.follow_ups.all())) for item in items]


def follow_ups_due(actor: Actor) -> QuerySet[FollowUp]:
    """Open follow-ups the actor's organisation is responsible for, oldest due first."""
    return (
        FollowUp.objects.filter(
            responsible_id=actor.organisation_id or 0,
            done_at__isnull=True,
            agenda_item__meeting__in=meetings_visible_to(actor),
        )
        .select_related("agenda_item__meeting")
        .order_by("due_on", "pk")
    )


def open_cases_count(actor: Actor) -> int:
    return (
        cases_visible_to(actor).exclude(status__in=[CaseStatus.DISMISSED, CaseStatus.FINAL]).count()
    )


def money_totals(case: CaseFile) -> tuple[Decimal, Decimal]:
    confiscated = Asset.objects.filter(case=case, status=AssetStatus.CONFISCATED).aggregate(
        total=Sum("confiscated_value_eur")
    )["total"]
    allocated = Allocation.objects.filter(case=case).aggregate(total=Sum("amount_eur"))["total"]
    return confiscated or ZERO, allocated or ZERO
