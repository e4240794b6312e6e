"""The access core: may this actor do this with this record, for this purpose?

One module decides, by organisation, role, assignment and purpose; everything else asks it.
Default deny. Callers turn a refusal of a record the actor may not see into 404, the same
answer as a record that does not exist (see `nrm.people.queries.person_get_for_actor`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.access.context import Actor
from nrm.access.models import Involvement, InvolvementBasis, Purpose
from nrm.organisations.models import Role


class Ability(StrEnum):
    PERSON_CREATE = "person.create"
    PERSON_VIEW = "person.view"
    PERSON_EDIT = "person.edit"
    PERSON_HISTORY = "person.history"
    # Recording a step of the person's pathway; which step, the pathway's rules say
    # (`nrm.protection.rules.may_record`).
    PATHWAY_RECORD = "pathway.record"
    STATISTICS_VIEW = "statistics.view"
    MECHANISM_OVERVIEW = "mechanism.overview"
    USERS_MANAGE = "users.manage"
    ORGANISATIONS_MANAGE = "organisations.manage"
    AUDIT_VERIFY = "audit.verify"
    # A centre's own care records (shelters, placements, support plans, care notes).
    CARE_VIEW = "care.view"
    CARE_RECORD = "care.record"
    CARE_DISCLOSE = "care.disclose"
    SHELTER_MANAGE = "shelter.manage"
    # Labour inspection (nrm/inspections); the organisation's type is checked there too.
    INSPECTION_VIEW = "inspection.view"
    INSPECTION_RECORD = "inspection.record"
    EVIDENCE_ADD = "evidence.add"
    JOINT_ACTION_VIEW = "joint_action.view"
    TARGETS_VIEW = "targets.view"
    TARGETS_SET = "targets.set"
    # Criminal case files (nrm/prosecution); assignment and the court seised are checked there.
    CASE_VIEW = "case.view"
    CASE_RECORD = "case.record"
    COURT_DECIDE = "court.decide"
    CASE_PROCEDURAL_FACTS = "case.procedural_facts"
    CASE_TARGETS_VIEW = "case_targets.view"


A = Ability
R = Role
# What each role may do at all. A person-level ability still needs an involvement.
ROLE_ABILITIES: dict[str, frozenset[Ability]] = {
    R.INSPECTOR: frozenset(
        {A.PERSON_CREATE, A.PERSON_VIEW, A.PERSON_EDIT}
        | {A.INSPECTION_VIEW, A.INSPECTION_RECORD, A.EVIDENCE_ADD, A.JOINT_ACTION_VIEW}
        | {A.TARGETS_VIEW, A.CASE_VIEW}
    ),
    R.TEAM_LEAD: frozenset(
        {A.PERSON_CREATE, A.PERSON_VIEW, A.PERSON_EDIT, A.PERSON_HISTORY}
        | {A.INSPECTION_VIEW, A.INSPECTION_RECORD, A.EVIDENCE_ADD, A.JOINT_ACTION_VIEW}
        | {A.TARGETS_VIEW, A.CASE_VIEW}
    ),
    R.INVESTIGATOR: frozenset(
        {A.PERSON_CREATE, A.PERSON_VIEW, A.PERSON_EDIT}
        | {A.INSPECTION_VIEW, A.EVIDENCE_ADD, A.JOINT_ACTION_VIEW, A.CASE_VIEW}
    ),
    # A prosecutor names suspects the police have not recorded, hence PERSON_CREATE.
    R.PROSECUTOR: frozenset(
        {A.PERSON_CREATE, A.PERSON_VIEW, A.PERSON_EDIT, A.PERSON_HISTORY}
        | {A.INSPECTION_VIEW, A.JOINT_ACTION_VIEW}
        | {A.CASE_VIEW, A.CASE_RECORD, A.CASE_TARGETS_VIEW}
    ),
    R.JUDGE: frozenset({A.PERSON_VIEW, A.CASE_VIEW, A.COURT_DECIDE}),
    R.CASEWORKER: frozenset(
        {A.PERSON_CREATE, A.PERSON_VIEW, A.PERSON_EDIT, A.CARE_VIEW, A.CARE_RECORD}
        | {A.JOINT_ACTION_VIEW, A.CASE_PROCEDURAL_FACTS}
    ),
    # Only the director decides to share care data outside the centre and sets up shelters.
    R.CENTRE_DIRECTOR: frozenset(
        {
            A.PERSON_CREATE,
            A.PERSON_VIEW,
            A.PERSON_EDIT,
            A.PERSON_HISTORY,
            A.CARE_VIEW,
            A.CARE_RECORD,
            A.CARE_DISCLOSE,
            A.SHELTER_MANAGE,
            A.JOINT_ACTION_VIEW,
            A.CASE_PROCEDURAL_FACTS,
        }
    ),
    R.IMMIGRATION_OFFICER: frozenset({A.PERSON_VIEW, A.PERSON_EDIT}),
    R.COORDINATOR: frozenset(
        {A.MECHANISM_OVERVIEW, A.TARGETS_VIEW, A.TARGETS_SET, A.CASE_TARGETS_VIEW}
    ),
    R.ANALYST: frozenset({A.STATISTICS_VIEW}),
    R.ADMINISTRATOR: frozenset({A.USERS_MANAGE, A.ORGANISATIONS_MANAGE, A.AUDIT_VERIFY}),
}
# Every role that sees persons may record the pathway steps its organisation takes.
ROLE_ABILITIES = {
    role: abilities | {A.PATHWAY_RECORD} if A.PERSON_VIEW in abilities else abilities
    for role, abilities in ROLE_ABILITIES.items()
}

# A pending referral lets the centre read the person to decide on it (REFERRAL_RECEIVED);
# acting on the person waits until the centre has accepted (issue 11 §3).
ACTING_ABILITIES = frozenset({A.PERSON_EDIT, A.PATHWAY_RECORD})

# The purposes a role serves. An involvement for another purpose gives it nothing: a
# centre's care involvement never lets a prosecutor of the same person read through it.
ROLE_PURPOSES: dict[str, frozenset[str]] = {
    R.INSPECTOR: frozenset({Purpose.INVESTIGATION}),
    R.TEAM_LEAD: frozenset({Purpose.INVESTIGATION}),
    R.INVESTIGATOR: frozenset({Purpose.INVESTIGATION}),
    R.PROSECUTOR: frozenset({Purpose.INVESTIGATION}),
    R.JUDGE: frozenset({Purpose.INVESTIGATION}),
    R.CASEWORKER: frozenset({Purpose.CARE}),
    R.CENTRE_DIRECTOR: frozenset({Purpose.CARE}),
    R.IMMIGRATION_OFFICER: frozenset({Purpose.RESIDENCE_DECISION}),
    R.COORDINATOR: frozenset(),
    R.ANALYST: frozenset({Purpose.STATISTICS}),
    R.ADMINISTRATOR: frozenset({Purpose.ADMINISTRATION}),
}

# Heads of an organisation see its persons even where members are assigned.
HEAD_ROLES = frozenset({R.TEAM_LEAD, R.CENTRE_DIRECTOR})


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str
    purpose: str = ""
    involvement_id: int | None = None


def role_may(actor: Actor, ability: Ability) -> bool:
    return ability in ROLE_ABILITIES.get(actor.role, frozenset())


def purpose_for(actor: Actor) -> str:
    """The purpose an actor works for; the first of the role's purposes."""
    purposes = sorted(ROLE_PURPOSES.get(actor.role, frozenset()))
    return purposes[0] if purposes else Purpose.ADMINISTRATION


def decide(actor: Actor, ability: Ability) -> Decision:
    """Abilities that do not concern one person (statistics, administration)."""
    if actor.membership is None or not actor.user.is_active:
        return Decision(False, str(_("You have no active membership.")))
    if not role_may(actor, ability):
        return Decision(False, str(_("Your role does not allow this.")))
    return Decision(True, "", purpose=purpose_for(actor))


def open_involvements(actor: Actor) -> QuerySet[Involvement]:
    """The actor's organisation's open involvements that the actor may use.

    Purpose must be one the role serves; when an involvement has assigned members, only
    they and the organisation's heads may use it.
    """
    purposes = ROLE_PURPOSES.get(actor.role, frozenset())
    if actor.membership is None or not purposes:
        return Involvement.objects.none()
    organisation_id = actor.membership.organisation_id
    now = timezone.now()
    qs = Involvement.objects.filter(
        organisation_id=organisation_id,
        purpose__in=purposes,
        since__lte=now,
    ).filter(Q(until__isnull=True) | Q(until__gt=now))
    if actor.role not in HEAD_ROLES:
        assigned = Involvement.assigned_users.through.objects.filter(involvement_id=OuterRef("pk"))
        mine = assigned.filter(user_id=actor.user.pk)
        qs = qs.filter(~Exists(assigned) | Exists(mine))
    return qs


def decide_person(actor: Actor, person_id: int, ability: Ability) -> Decision:
    """May the actor do `ability` with this person? Needs the role and an involvement."""
    general = decide(actor, ability)
    if not general.allowed:
        return general
    involvements = open_involvements(actor).filter(person_id=person_id).order_by("since", "pk")
    if ability in ACTING_ABILITIES:
        acting = involvements.exclude(basis=InvolvementBasis.REFERRAL_RECEIVED).first()
        if acting is not None:
            return Decision(True, "", purpose=acting.purpose, involvement_id=acting.pk)
        if involvements.exists():
            return Decision(
                False,
                str(_("Your organisation acts for this person once it has accepted the referral.")),
            )
        return Decision(False, str(_("Your organisation has no involvement with this person.")))
    involvement = involvements.first()
    if involvement is None:
        return Decision(False, str(_("Your organisation has no involvement with this person.")))
    return Decision(True, "", purpose=involvement.purpose, involvement_id=involvement.pk)


def visible_person_ids(
    actor: Actor, ability: Ability = Ability.PERSON_VIEW
) -> QuerySet[Involvement]:
    """A subquery of person ids the actor may use `ability` on (for list queries)."""
    if not role_may(actor, ability) or not actor.user.is_active:
        return Involvement.objects.none()
    return open_involvements(actor).values("person_id")  # type: ignore[return-value]


def withheld_person_ids(actor: Actor) -> QuerySet[Involvement]:
    """A subquery of the persons whose records the actor's colleagues were assigned to and
    the actor was not: the organisation works on them through an involvement with named
    members, and no involvement open to the actor covers them.

    Their screenings, referrals and hotline calls are kept from the actor like the person
    (issue 11 §3): organisation membership alone is not enough once a case is assigned.
    Heads of the organisation are never withheld from (see `open_involvements`).
    """
    if actor.membership is None or actor.role in HEAD_ROLES:
        return Involvement.objects.none().values("person_id")  # type: ignore[return-value]
    now = timezone.now()
    assigned = Involvement.assigned_users.through.objects.filter(involvement_id=OuterRef("pk"))
    restricted = (
        Involvement.objects.filter(organisation_id=actor.membership.organisation_id)
        .filter(since__lte=now)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .filter(Exists(assigned), ~Exists(assigned.filter(user_id=actor.user.pk)))
    )
    open_to_actor = open_involvements(actor).values("person_id")
    return restricted.exclude(person_id__in=open_to_actor).values("person_id")  # type: ignore[return-value]


def person_withheld(actor: Actor, person_id: int | None) -> bool:
    """True when `person_id` is one of `withheld_person_ids(actor)` (a record about nobody
    in particular is never withheld)."""
    if person_id is None:
        return False
    return withheld_person_ids(actor).filter(person_id=person_id).exists()
