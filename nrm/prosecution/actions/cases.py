"""Opening a case file and naming what it is about: assignments, victims, suspects,
companies with their chain, inspections, evidence, hearings."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.inspections import permissions as inspection_permissions
from nrm.inspections.models import ChainLink, Company, Evidence, Inspection, Screening, Worksite
from nrm.organisations.models import Membership
from nrm.people.actions import PersonData, person_create, person_suspect_mark
from nrm.people.models import Person
from nrm.prosecution import permissions
from nrm.prosecution.actions._common import (
    LABEL_MAX,
    OFFICE,
    OFFICE_OR_COURT,
    OFFICE_OR_INVESTIGATOR,
    audit,
    case_persons,
    choice,
    involve,
    involve_case_parties,
    lock_case,
    office_only,
    office_or_court,
    office_or_investigators,
    past_date,
    release_involvements,
    required_text,
    text,
)
from nrm.prosecution.models import (
    CaseAssignment,
    CaseCompany,
    CaseEvidence,
    CaseFile,
    CaseInspection,
    CaseProposal,
    CaseSuspect,
    CaseVictim,
    Hearing,
)
from nrm.prosecution.vocab import (
    AssignmentRole,
    CaseStatus,
    CompanyRole,
    ExploitationForm,
    HearingKind,
    ProposalKind,
    ProposalStatus,
)

if TYPE_CHECKING:
    from nrm.accounts.models import User
    from nrm.organisations.models import Organisation


@transaction.atomic
def case_file_open(
    *,
    actor: Actor,
    title: str,
    exploitation_form: str,
    opened_on: date,
    summary: str = "",
) -> CaseFile:
    """A prosecutor opens a case file in their office and is assigned to it."""
    if not permissions.is_prosecutor(actor) or actor.organisation is None:
        raise PermissionDenied(_("Only a prosecutor of a prosecution office opens case files."))
    office = actor.organisation
    case = CaseFile.objects.create(
        office=office,
        judicial_district=office.judicial_district,
        title=required_text(
            title, field="title", message=_("Give the case file a title."), limit=LABEL_MAX
        ),
        summary=text(summary, field="summary"),
        exploitation_form=choice(
            exploitation_form, ExploitationForm.values, field="exploitation_form"
        ),
        opened_on=past_date(opened_on, field="opened_on"),
        created_by=actor.user,
    )
    assignment = CaseAssignment.objects.create(
        case=case,
        user=actor.user,
        organisation=office,
        role=AssignmentRole.PROSECUTOR,
        assigned_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "case_file_open",
        case,
        {
            "office": office.pk,
            "title": case.title,
            "exploitation_form": case.exploitation_form,
            "opened_on": case.opened_on,
            "assigned": assignment.user_id,
        },
    )
    return case


# Assignments ---------------------------------------------------------------------------------


@transaction.atomic
def case_assignment_add(
    *, actor: Actor, case: CaseFile, user: User, organisation: Organisation, role: str
) -> CaseAssignment:
    """An assigned prosecutor assigns a colleague of the office, or an investigator of a
    police unit or labour-inspection team (the prosecutor directs the investigation)."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    role = choice(role, AssignmentRole.values, field="role")
    memberships = list(
        Membership.objects.filter(user=user, organisation=organisation, ended_at__isnull=True)
    )
    if not memberships or not user.is_active or not organisation.is_active:
        raise DomainError(_("This person does not work for that organisation."), field="user")
    if not any(permissions.may_be_assigned(organisation.type, m.role, role) for m in memberships):
        raise DomainError(
            _("A prosecutor comes from this office; an investigator from police or inspection.")
            if role == AssignmentRole.PROSECUTOR
            else _("Investigators are assigned from a police unit or a labour-inspection team."),
            field="user",
        )
    if role == AssignmentRole.PROSECUTOR and organisation.pk != case.office_id:
        raise DomainError(
            _("Only prosecutors of the office holding the file are assigned to it."), field="user"
        )
    if CaseAssignment.objects.filter(case=case, user=user, ended_at__isnull=True).exists():
        raise Conflict(_("This person is already assigned to the case."))
    assignment = CaseAssignment.objects.create(
        case=case, user=user, organisation=organisation, role=role, assigned_by=actor.user
    )
    for person in case_persons(case):
        involve(actor, person, organisation, [user])
    audit(
        actor,
        AuditEventType.CREATE,
        "case_assignment_add",
        assignment,
        {"case": case.reference, "user": user.pk, "organisation": organisation.pk, "role": role},
    )
    return assignment


@transaction.atomic
def case_assignment_end(*, actor: Actor, assignment: CaseAssignment) -> CaseAssignment:
    case, _relation = lock_case(actor, assignment.case, allowed=OFFICE, refusal=office_only())
    assignment = CaseAssignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_at is not None:
        raise Conflict(_("This assignment has already ended."))
    if (
        assignment.role == AssignmentRole.PROSECUTOR
        and not CaseAssignment.objects.filter(
            case=case, role=AssignmentRole.PROSECUTOR, ended_at__isnull=True
        )
        .exclude(pk=assignment.pk)
        .exists()
    ):
        raise Conflict(_("A case file keeps at least one assigned prosecutor."))
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    release_involvements(actor, case, assignment)
    audit(
        actor,
        AuditEventType.END,
        "case_assignment_end",
        assignment,
        {"case": case.reference, "user": assignment.user_id},
    )
    return assignment


# Persons ---------------------------------------------------------------------------------------


def person_known_to_case(actor: Actor, case: CaseFile, reference: str) -> Person:
    """A person the case may name: one the actor sees, one an organisation working the case
    holds an investigation involvement with, or a worker screened at a linked inspection.

    Anything else is answered like a reference that does not exist: naming a person must not
    tell the prosecutor that someone unknown to the case exists.
    """
    person = Person.objects.filter(reference=reference.strip().upper()).first()
    refusal = DomainError(_("No such person among those known to this case."), field="person")
    if person is None:
        raise refusal
    if decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed:
        return person
    organisations = CaseAssignment.objects.filter(case=case, ended_at__isnull=True).values(
        "organisation_id"
    )
    known = (
        Involvement.objects.filter(
            person=person,
            organisation_id__in=organisations,
            purpose=Purpose.INVESTIGATION,
            until__isnull=True,
        ).exists()
        or Screening.objects.filter(
            person=person,
            inspection_id__in=CaseInspection.objects.filter(case=case).values("inspection_id"),
        ).exists()
    )
    if not known:
        raise refusal
    return person


@transaction.atomic
def case_victim_add(*, actor: Actor, case: CaseFile, person_reference: str) -> CaseVictim:
    """Name a victim: the case file becomes the reason the office, the assigned
    investigators and the court see the person."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    person = person_known_to_case(actor, case, person_reference)
    if CaseVictim.objects.filter(case=case, person=person).exists():
        raise Conflict(_("This person is already named as a victim in this case."))
    victim = CaseVictim.objects.create(case=case, person=person, added_by=actor.user)
    involve_case_parties(actor, case, [person])
    audit(
        actor,
        AuditEventType.CREATE,
        "case_victim_add",
        victim,
        {"case": case.reference, "person": person.reference},
    )
    return victim


@transaction.atomic
def case_suspect_add(
    *,
    actor: Actor,
    case: CaseFile,
    person_reference: str = "",
    new_person: PersonData | None = None,
    company: Company | None = None,
) -> CaseSuspect:
    """Name a suspect: a person known to the case, a person recorded now, or a company
    already linked to the case."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    given = [bool(person_reference.strip()), new_person is not None, company is not None]
    if sum(given) != 1:
        raise DomainError(
            _("Name either a person by reference, a new person, or a company."), field="person"
        )
    person: Person | None = None
    if company is not None:
        if not CaseCompany.objects.filter(case=case, company=company).exists():
            raise DomainError(_("Link the company to the case first."), field="company")
        if CaseSuspect.objects.filter(case=case, company=company).exists():
            raise Conflict(_("This company is already a suspect in this case."))
    elif new_person is not None:
        person = person_create(actor=actor, data=new_person)
    else:
        person = person_known_to_case(actor, case, person_reference)
    if person is not None and CaseSuspect.objects.filter(case=case, person=person).exists():
        raise Conflict(_("This person is already a suspect in this case."))
    suspect = CaseSuspect.objects.create(
        case=case, person=person, company=company, added_by=actor.user
    )
    if person is not None:
        involve_case_parties(actor, case, [person])
        # Victims apart from suspects: the people layer keeps only the fact, which the
        # centres' referrals and shelters check without seeing this case.
        person_suspect_mark(actor=actor, person=person)
    audit(
        actor,
        AuditEventType.CREATE,
        "case_suspect_add",
        suspect,
        {
            "case": case.reference,
            "person": person.reference if person else None,
            "company": company.pk if company else None,
        },
    )
    return suspect


# Companies, inspections, evidence -----------------------------------------------------------


@transaction.atomic
def case_company_link(
    *,
    actor: Actor,
    case: CaseFile,
    company: Company,
    role: str,
    worksite: Worksite | None = None,
) -> CaseCompany:
    """Link a company with its part in the facts and the site whose chain it belongs to."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    role = choice(role, CompanyRole.values, field="role")
    if (
        worksite is not None
        and not ChainLink.objects.filter(worksite=worksite, company=company).exists()
    ):
        raise DomainError(
            _("This company is not in the chain recorded for that site."), field="worksite"
        )
    if CaseCompany.objects.filter(case=case, company=company).exists():
        raise Conflict(_("This company is already linked to the case."))
    link = CaseCompany.objects.create(
        case=case, company=company, role=role, worksite=worksite, added_by=actor.user
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "case_company_link",
        link,
        {
            "case": case.reference,
            "company": company.pk,
            "role": role,
            "worksite": worksite.pk if worksite else None,
        },
    )
    return link


def _no_such_inspection() -> DomainError:
    return DomainError(_("No such inspection."), field="inspection")


@transaction.atomic
def case_inspection_link(*, actor: Actor, case: CaseFile, inspection: Inspection) -> CaseInspection:
    """Link an inspection the actor sees (their team's, or of a joint action they took part
    in): its documentation of working and housing conditions carries the case."""
    case, _relation = lock_case(
        actor, case, allowed=OFFICE_OR_INVESTIGATOR, refusal=office_or_investigators()
    )
    if not inspection_permissions.may_see_inspection(actor, inspection):
        raise _no_such_inspection()
    link = _link_inspection(actor, case, inspection)
    if link is None:
        raise Conflict(_("This inspection is already linked to the case."))
    return link


def _link_inspection(actor: Actor, case: CaseFile, inspection: Inspection) -> CaseInspection | None:
    if CaseInspection.objects.filter(case=case, inspection=inspection).exists():
        return None
    link = CaseInspection.objects.create(case=case, inspection=inspection, added_by=actor.user)
    audit(
        actor,
        AuditEventType.CREATE,
        "case_inspection_link",
        link,
        {"case": case.reference, "inspection": inspection.reference},
    )
    _propose_from(actor, case, inspection)
    return link


def _chain_role(link: ChainLink, parents: set[int]) -> str:
    """A company's part as the site's chain shows it: the top is the principal, a company
    nobody works for is the employer of the workers met there, the others contractors."""
    if link.parent_id is None:
        return CompanyRole.PRINCIPAL
    return CompanyRole.CONTRACTOR if link.pk in parents else CompanyRole.EMPLOYER


def _propose_from(actor: Actor, case: CaseFile, inspection: Inspection) -> None:
    """What a newly linked inspection brings, proposed to the prosecutor (issue 16 item 2):
    its workers as victims, the companies of its site's chain as suspects, its evidence.
    What the case already has, or was already proposed, is not proposed again."""
    proposed = CaseProposal.objects.filter(case=case)
    named = {
        *CaseVictim.objects.filter(case=case).values_list("person_id", flat=True),
        *CaseSuspect.objects.filter(case=case, person__isnull=False).values_list(
            "person_id", flat=True
        ),
        *proposed.filter(kind=ProposalKind.VICTIM).values_list("person_id", flat=True),
    }
    rows = [
        CaseProposal(
            case=case,
            inspection=inspection,
            kind=ProposalKind.VICTIM,
            person_id=screening.person_id,
            indicators=screening.indicator_count,
        )
        for screening in Screening.objects.filter(inspection=inspection).order_by("pk")
        if screening.person_id not in named
    ]
    if inspection.worksite_id is not None:
        taken = {
            *CaseSuspect.objects.filter(case=case, company__isnull=False).values_list(
                "company_id", flat=True
            ),
            *proposed.filter(company__isnull=False).values_list("company_id", flat=True),
        }
        chain = list(ChainLink.objects.filter(worksite_id=inspection.worksite_id).order_by("pk"))
        parents = {link.parent_id for link in chain if link.parent_id is not None}
        rows += [
            CaseProposal(
                case=case,
                inspection=inspection,
                kind=ProposalKind.SUSPECT,
                company_id=link.company_id,
                role=_chain_role(link, parents),
            )
            for link in chain
            if link.company_id not in taken
        ]
    linked = {
        *CaseEvidence.objects.filter(case=case).values_list("evidence_id", flat=True),
        *proposed.filter(evidence__isnull=False).values_list("evidence_id", flat=True),
    }
    rows += [
        CaseProposal(case=case, inspection=inspection, kind=ProposalKind.EVIDENCE, evidence_id=pk)
        for pk in Evidence.objects.filter(inspection=inspection)
        .order_by("pk")
        .values_list("pk", flat=True)
        if pk not in linked
    ]
    if not rows:
        return
    CaseProposal.objects.bulk_create(rows)
    counts = {kind: sum(1 for r in rows if r.kind == kind) for kind in ProposalKind.values}
    audit(
        actor,
        AuditEventType.CREATE,
        "case_proposals_add",
        case,
        {"case": case.reference, "inspection": inspection.reference, "proposed": counts},
    )


@transaction.atomic
def case_proposals_decide(
    *, actor: Actor, case: CaseFile, proposals: Sequence[int], confirm: bool
) -> int:
    """The prosecutor confirms proposals (each through the action that names a victim,
    links and names a company, links evidence: the same rules and audit rows) or sets them
    aside. Proposals already decided are left alone; returns how many were decided."""
    case, _relation = lock_case(actor, case, allowed=OFFICE, refusal=office_only())
    rows = list(
        CaseProposal.objects.select_for_update(of=("self",))
        .filter(case=case, pk__in=list(proposals), status=ProposalStatus.PROPOSED)
        .select_related("person", "company", "evidence__inspection", "inspection")
        .order_by("kind", "pk")
    )
    if not rows:
        raise DomainError(_("Choose at least one proposal still open."), field="proposals")
    for row in rows:
        if confirm:
            _confirm(actor, case, row)
        row.status = ProposalStatus.CONFIRMED if confirm else ProposalStatus.SET_ASIDE
        row.decided_at = timezone.now()
        row.decided_by = actor.user
        row.save(update_fields=["status", "decided_at", "decided_by"])
    audit(
        actor,
        AuditEventType.UPDATE,
        "case_proposals_decide",
        case,
        {
            "case": case.reference,
            "status": ProposalStatus.CONFIRMED if confirm else ProposalStatus.SET_ASIDE,
            "proposals": [row.pk for row in rows],
        },
    )
    return len(rows)


def _confirm(actor: Actor, case: CaseFile, row: CaseProposal) -> None:
    """What a confirmed proposal becomes; what the case already has is left as it is."""
    if row.kind == ProposalKind.VICTIM and row.person is not None:
        if not CaseVictim.objects.filter(case=case, person=row.person).exists():
            case_victim_add(actor=actor, case=case, person_reference=row.person.reference)
    elif row.kind == ProposalKind.SUSPECT and row.company is not None:
        if not CaseCompany.objects.filter(case=case, company=row.company).exists():
            case_company_link(
                actor=actor,
                case=case,
                company=row.company,
                role=row.role or CompanyRole.OTHER,
                worksite=row.inspection.worksite,
            )
        if not CaseSuspect.objects.filter(case=case, company=row.company).exists():
            case_suspect_add(actor=actor, case=case, company=row.company)
    elif (
        row.kind == ProposalKind.EVIDENCE
        and row.evidence is not None
        and not CaseEvidence.objects.filter(case=case, evidence=row.evidence).exists()
    ):
        # The inspection is linked to the case by someone who sees it: its evidence joins
        # the case file, read from now on under the case's rules.
        _link_evidence(actor, case, row.evidence)


@transaction.atomic
def case_evidence_link(*, actor: Actor, case: CaseFile, evidence: Evidence) -> CaseEvidence:
    """Link evidence the actor sees; its inspection is linked with it."""
    case, _relation = lock_case(
        actor, case, allowed=OFFICE_OR_INVESTIGATOR, refusal=office_or_investigators()
    )
    if not inspection_permissions.may_see_inspection(actor, evidence.inspection):
        raise DomainError(_("No such evidence."), field="evidence")
    if CaseEvidence.objects.filter(case=case, evidence=evidence).exists():
        raise Conflict(_("This evidence is already linked to the case."))
    _link_inspection(actor, case, evidence.inspection)
    return _link_evidence(actor, case, evidence)


def _link_evidence(actor: Actor, case: CaseFile, evidence: Evidence) -> CaseEvidence:
    link = CaseEvidence.objects.create(case=case, evidence=evidence, added_by=actor.user)
    # Linked by hand or confirmed: no longer waiting as a proposal.
    CaseProposal.objects.filter(
        case=case, evidence=evidence, status=ProposalStatus.PROPOSED
    ).update(status=ProposalStatus.CONFIRMED, decided_at=timezone.now(), decided_by=actor.user)
    audit(
        actor,
        AuditEventType.CREATE,
        "case_evidence_link",
        link,
        {"case": case.reference, "evidence": evidence.reference},
    )
    return link


# Hearings --------------------------------------------------------------------------------------


@transaction.atomic
def hearing_schedule(
    *, actor: Actor, case: CaseFile, kind: str, starts_at: datetime, room: str = ""
) -> Hearing:
    """A hearing before the court seised; its date is a procedural fact the victims' centres
    see."""
    case, _relation = lock_case(actor, case, allowed=OFFICE_OR_COURT, refusal=office_or_court())
    if case.court is None:
        raise Conflict(_("No court is seised of this case yet."))
    if case.status in {CaseStatus.DISMISSED, CaseStatus.FINAL}:
        raise Conflict(_("No hearing is scheduled in a closed case."))
    kind = choice(kind, HearingKind.values, field="kind")
    if timezone.is_naive(starts_at):
        raise DomainError(_("Give the time with its time zone."), field="starts_at")
    if timezone.localdate(starts_at) < case.opened_on:
        raise DomainError(
            _("This date is before the case file was opened (%(date)s).")
            % {"date": case.opened_on.isoformat()},
            field="starts_at",
        )
    hearing = Hearing.objects.create(
        case=case,
        court=case.court,
        kind=kind,
        starts_at=starts_at,
        room=text(room, field="room", limit=100),
        scheduled_by=actor.user,
    )
    audit(
        actor,
        AuditEventType.CREATE,
        "hearing_schedule",
        hearing,
        {"case": case.reference, "kind": kind, "starts_at": starts_at.isoformat()},
    )
    return hearing


@transaction.atomic
def hearing_cancel(*, actor: Actor, hearing: Hearing) -> Hearing:
    case, _relation = lock_case(
        actor, hearing.case, allowed=OFFICE_OR_COURT, refusal=office_or_court()
    )
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    if hearing.cancelled_at is not None:
        raise Conflict(_("This hearing was already cancelled."))
    hearing.cancelled_at = timezone.now()
    hearing.save(update_fields=["cancelled_at"])
    audit(actor, AuditEventType.END, "hearing_cancel", hearing, {"case": case.reference})
    return hearing
