"""Helpers the prosecution actions share: locking the case, the actor's relation to it,
input checks, and the involvements a case file opens for the persons it names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.utils.translation import gettext as _

from nrm.access.actions import involvement_end, involvement_open
from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.access.policy import purpose_for
from nrm.core.clock import today as today
from nrm.core.errors import DomainError, NotFound, PermissionDenied
from nrm.prosecution import permissions
from nrm.prosecution.models import CaseAssignment, CaseFile, CaseSuspect, CaseVictim
from nrm.prosecution.permissions import Relation

# The refusals' sentences live with the workflow tables; re-exported for the actions.
from nrm.prosecution.workflow import court_only as court_only
from nrm.prosecution.workflow import office_only as office_only
from nrm.prosecution.workflow import office_or_court as office_or_court
from nrm.prosecution.workflow import office_or_investigators as office_or_investigators

if TYPE_CHECKING:
    from nrm.accounts.models import User
    from nrm.organisations.models import Organisation
    from nrm.people.models import Person

TEXT_MAX = 8000
STATEMENT_MAX = 50000
LABEL_MAX = 200
EARLIEST = date(2000, 1, 1)


def text(value: str, *, field: str, limit: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": limit}, field=field
        )
    return value


def required_text(value: str, *, field: str, message: str, limit: int = TEXT_MAX) -> str:
    value = text(value, field=field, limit=limit)
    if not value:
        raise DomainError(message, field=field)
    return value


def past_date(value: date | None, *, field: str, not_before: date | None = None) -> date:
    """A date that has happened: not in the future, not before `not_before`."""
    if value is None:
        raise DomainError(_("Give the date."), field=field)
    if value > today():
        raise DomainError(_("This date is in the future."), field=field)
    if value < EARLIEST:
        raise DomainError(_("This date is too far in the past."), field=field)
    if not_before is not None and value < not_before:
        raise DomainError(
            _("This date is before the case file was opened (%(date)s).")
            % {"date": not_before.isoformat()},
            field=field,
        )
    return value


def choice(value: str, allowed: Iterable[str], *, field: str) -> str:
    if value not in set(allowed):
        raise DomainError(_("Choose a value from the list."), field=field)
    return value


def no_such_case() -> NotFound:
    return NotFound(_("No such case file."))


def lock_case(
    actor: Actor, case: CaseFile, *, allowed: frozenset[Relation], refusal: str
) -> tuple[CaseFile, Relation]:
    """The case row locked for this transaction, and the actor's relation to it.

    404 when the actor may not see the file at all, 403 when they see it but `allowed`
    does not include their relation. Every write on a case goes through here, so writes on
    one case queue behind each other and guards read a state nobody changes meanwhile.
    """
    locked = (
        CaseFile.objects.select_for_update(of=("self",))
        .select_related("office", "court")
        .filter(pk=case.pk)
        .first()
    )
    if locked is None:
        raise no_such_case()
    relation = permissions.relation(actor, locked)
    if relation == Relation.NONE:
        raise no_such_case()
    if relation not in allowed:
        raise PermissionDenied(refusal)
    return locked, relation


OFFICE = frozenset({Relation.OFFICE})
COURT = frozenset({Relation.COURT})
OFFICE_OR_COURT = frozenset({Relation.OFFICE, Relation.COURT})
OFFICE_OR_INVESTIGATOR = frozenset({Relation.OFFICE, Relation.INVESTIGATOR})


def audit(
    actor: Actor,
    event_type: AuditEventType,
    action: str,
    record: Model,
    changes: Mapping[str, Any] | None = None,
) -> None:
    audit_record(
        actor=actor,
        event_type=event_type,
        action=action,
        record=record,
        purpose=purpose_for(actor),
        changes=changes,
    )


def own_victim(case: CaseFile, victim: CaseVictim, *, field: str = "victim") -> CaseVictim:
    if victim.case_id != case.pk:
        raise DomainError(_("This person is not a victim in this case file."), field=field)
    return victim


def own_suspect(case: CaseFile, suspect: CaseSuspect, *, field: str = "suspect") -> CaseSuspect:
    if suspect.case_id != case.pk:
        raise DomainError(_("This is not a suspect in this case file."), field=field)
    return suspect


# Involvements -------------------------------------------------------------------------------


def case_persons(case: CaseFile) -> list[Person]:
    """Everyone the case file names: victims and suspects who are natural persons."""
    from nrm.people.models import Person

    ids = set(CaseVictim.objects.filter(case=case).values_list("person_id", flat=True))
    ids |= set(
        CaseSuspect.objects.filter(case=case, person__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    return list(Person.objects.filter(pk__in=ids).order_by("pk"))


def _assigned_by_organisation(case: CaseFile) -> dict[int, list[User]]:
    groups: dict[int, list[User]] = {}
    for assignment in CaseAssignment.objects.filter(
        case=case, ended_at__isnull=True
    ).select_related("user"):
        groups.setdefault(assignment.organisation_id, []).append(assignment.user)
    return groups


def involve(actor: Actor, person: Person, organisation: Organisation, users: list[User]) -> None:
    """The case file is the organisation's reason to see the person (InvolvementBasis.CASE_FILE).

    With `users`, only they (and the organisation's heads) see the person through it; but an
    involvement the organisation already holds for everyone is left open to everyone, so that
    naming a person in a case never takes a colleague's existing access away.
    """
    existing = Involvement.objects.filter(
        person=person,
        organisation=organisation,
        purpose=Purpose.INVESTIGATION,
        until__isnull=True,
    ).first()
    restrict = existing is None or existing.assigned_users.exists()
    involvement_open(
        actor=actor,
        person=person,
        organisation=organisation,
        purpose=Purpose.INVESTIGATION,
        basis=InvolvementBasis.CASE_FILE,
        assigned=users if restrict and users else (),
    )


def involve_case_parties(actor: Actor, case: CaseFile, persons: Iterable[Person]) -> None:
    """Each organisation working the case gets its reason to see `persons`: the office and
    the investigators' organisations for their assigned members, the court for its judges."""
    from nrm.organisations.models import Organisation

    groups = _assigned_by_organisation(case)
    organisations = {o.pk: o for o in Organisation.objects.filter(pk__in=groups)}
    people = list(persons)
    for organisation_id, users in groups.items():
        for person in people:
            involve(actor, person, organisations[organisation_id], users)
    if case.court is not None:
        for person in people:
            involve(actor, person, case.court, [])


def release_involvements(actor: Actor, case: CaseFile, assignment: CaseAssignment) -> None:
    """An ended assignment: the user no longer sees the case's persons through it, unless
    another of their open assignments (same organisation) names the person too.

    Others assigned keep their access. When the user was the last one assigned and the
    involvement exists only because of case files, it ends. An involvement the organisation
    holds for another reason (its own first contact) is left as it is: removing its last
    assigned user would open it to the whole organisation.
    """
    other_cases = CaseAssignment.objects.filter(
        user=assignment.user,
        organisation=assignment.organisation,
        ended_at__isnull=True,
    ).exclude(case=case)
    still_named = set(
        CaseVictim.objects.filter(case__in=other_cases.values("case_id")).values_list(
            "person_id", flat=True
        )
    ) | set(
        CaseSuspect.objects.filter(
            case__in=other_cases.values("case_id"), person__isnull=False
        ).values_list("person_id", flat=True)
    )
    for person in case_persons(case):
        if person.pk in still_named:
            continue
        involvement = (
            Involvement.objects.select_for_update()
            .filter(
                person=person,
                organisation=assignment.organisation,
                purpose=Purpose.INVESTIGATION,
                until__isnull=True,
            )
            .first()
        )
        if involvement is None:
            continue
        assigned = set(involvement.assigned_users.values_list("pk", flat=True))
        if assignment.user_id not in assigned:
            continue
        if len(assigned) > 1:
            involvement.assigned_users.remove(assignment.user)
            audit_record(
                actor=actor,
                event_type=AuditEventType.UPDATE,
                action="involvement_unassign",
                record=involvement,
                purpose=involvement.purpose,
                changes={"unassigned": assignment.user_id, "case": case.reference},
            )
        elif involvement.basis == InvolvementBasis.CASE_FILE:
            involvement_end(actor=actor, involvement=involvement)
