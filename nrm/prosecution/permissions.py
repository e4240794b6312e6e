"""Who may see and do what with a criminal case file.

* The prosecution office that holds the file: its prosecutors assigned to the case see it
  and take the prosecution's decisions. (PRODUCT CHOICE: an unassigned colleague of the same
  office sees the office's figures, not the file.)
* Investigators assigned from police or labour inspection see it (not its statements) and
  add to it what their work produces: evidence, inspections, statements, back-pay claims.
* The court seised sees it: its judges take the court's decisions (judgment, confiscation,
  disclosure of statements to the defence, civil claims).
* Centres see only the procedural facts their clients need (`queries.procedural_facts_*`).
* Everyone else: nothing, answered 404 as for what does not exist.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Exists, OuterRef, Q

from nrm.access.context import Actor
from nrm.access.policy import Ability, role_may
from nrm.organisations.models import OrganisationType, Role
from nrm.prosecution.models import CaseAssignment, CaseFile, OperationalMeeting
from nrm.prosecution.vocab import AssignmentRole

T = OrganisationType
R = Role

# The organisations and roles an investigator may be assigned from.
INVESTIGATOR_SOURCES: dict[str, frozenset[str]] = {
    T.POLICE_UNIT: frozenset({R.INVESTIGATOR, R.TEAM_LEAD}),
    T.LABOUR_INSPECTION_TEAM: frozenset({R.INSPECTOR, R.TEAM_LEAD}),
    # Denmark: the tax authority's inspectors work cases from joint inspections.
    T.TAX_AUTHORITY: frozenset({R.INSPECTOR, R.TEAM_LEAD}),
}
# Who accompanies victims through the trial and reads its procedural facts: the centres,
# and in Denmark the CMM, its NGO partners and the municipalities.
CENTRE_TYPES = frozenset(
    {T.CENTRE_ADULTS, T.CENTRE_MINORS, T.IDENTIFICATION_BODY, T.NGO, T.MUNICIPALITY}
)
# Organisations that take part in local operational meetings besides the office.
MEETING_PARTICIPANT_TYPES = frozenset({T.LABOUR_INSPECTION_TEAM, T.POLICE_UNIT})


class Relation(StrEnum):
    """How the actor stands to one case file."""

    OFFICE = "OFFICE"  # an assigned prosecutor of the office holding the file
    INVESTIGATOR = "INVESTIGATOR"  # an assigned investigator
    COURT = "COURT"  # a judge of the court seised
    NONE = "NONE"


def _organisation_type(actor: Actor) -> str:
    organisation = actor.organisation
    if organisation is None or not actor.user.is_active or not organisation.is_active:
        return ""
    return organisation.type


def is_prosecutor(actor: Actor) -> bool:
    return (
        _organisation_type(actor) == T.PROSECUTION_OFFICE
        and actor.role == R.PROSECUTOR
        and role_may(actor, Ability.CASE_RECORD)
    )


def is_judge(actor: Actor) -> bool:
    return (
        _organisation_type(actor) == T.COURT
        and actor.role == R.JUDGE
        and role_may(actor, Ability.COURT_DECIDE)
    )


def is_investigator(actor: Actor) -> bool:
    kind = _organisation_type(actor)
    return actor.role in INVESTIGATOR_SOURCES.get(kind, frozenset()) and role_may(
        actor, Ability.CASE_VIEW
    )


def may_be_assigned(organisation_type: str, role: str, as_role: str) -> bool:
    if as_role == AssignmentRole.PROSECUTOR:
        return organisation_type == T.PROSECUTION_OFFICE and role == R.PROSECUTOR
    return role in INVESTIGATOR_SOURCES.get(organisation_type, frozenset())


def _assigned(actor: Actor, role: str) -> Q:
    return Q(
        Exists(
            CaseAssignment.objects.filter(
                case_id=OuterRef("pk"),
                user_id=actor.user.pk,
                organisation_id=actor.organisation_id or 0,
                role=role,
                ended_at__isnull=True,
            )
        )
    )


def case_scope(actor: Actor) -> Q | None:
    """The case files the actor may open, as a filter; None for none."""
    if not role_may(actor, Ability.CASE_VIEW):
        return None
    if is_prosecutor(actor):
        return Q(office_id=actor.organisation_id) & _assigned(actor, AssignmentRole.PROSECUTOR)
    if is_judge(actor):
        return Q(court_id=actor.organisation_id)
    if is_investigator(actor):
        return _assigned(actor, AssignmentRole.INVESTIGATOR)
    return None


def relation(actor: Actor, case: CaseFile) -> Relation:
    """One query at most (the assignment), none for the court."""
    if not role_may(actor, Ability.CASE_VIEW):
        return Relation.NONE
    if is_judge(actor):
        return Relation.COURT if case.court_id == actor.organisation_id else Relation.NONE
    if is_prosecutor(actor):
        if case.office_id != actor.organisation_id:
            return Relation.NONE
        role = AssignmentRole.PROSECUTOR
        found = Relation.OFFICE
    elif is_investigator(actor):
        role = AssignmentRole.INVESTIGATOR
        found = Relation.INVESTIGATOR
    else:
        return Relation.NONE
    assigned = CaseAssignment.objects.filter(
        case_id=case.pk,
        user_id=actor.user.pk,
        organisation_id=actor.organisation_id or 0,
        role=role,
        ended_at__isnull=True,
    ).exists()
    return found if assigned else Relation.NONE


# What each relation may do besides seeing the file. Actions check these and answer 403.
READS_STATEMENTS = frozenset({Relation.OFFICE, Relation.COURT})
RECORDS_STATEMENTS = frozenset({Relation.OFFICE, Relation.INVESTIGATOR})
ADDS_EVIDENCE = frozenset({Relation.OFFICE, Relation.INVESTIGATOR})
RECORDS_BACK_PAY = frozenset({Relation.OFFICE, Relation.INVESTIGATOR})


def may_view_case_targets(actor: Actor) -> bool:
    if not role_may(actor, Ability.CASE_TARGETS_VIEW):
        return False
    return is_prosecutor(actor) or _organisation_type(actor) == T.COORDINATION_UNIT


def sees_every_office(actor: Actor) -> bool:
    return may_view_case_targets(actor) and _organisation_type(actor) == T.COORDINATION_UNIT


def may_set_case_targets(actor: Actor) -> bool:
    return role_may(actor, Ability.TARGETS_SET) and _organisation_type(actor) == T.COORDINATION_UNIT


def may_read_procedural_facts(actor: Actor) -> bool:
    return (
        role_may(actor, Ability.CASE_PROCEDURAL_FACTS) and _organisation_type(actor) in CENTRE_TYPES
    )


def _attended(actor: Actor) -> Q:
    through = OperationalMeeting.participants.through
    return Q(
        pk__in=through.objects.filter(organisation_id=actor.organisation_id or 0).values(
            "operationalmeeting_id"
        )
    )


def meeting_scope(actor: Actor) -> Q | None:
    """Meetings the actor may open: their office's, or those their organisation attends."""
    if is_prosecutor(actor):
        return Q(office_id=actor.organisation_id) | _attended(actor)
    if is_investigator(actor):
        return _attended(actor)
    return None
