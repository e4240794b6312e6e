"""Who may see and do what in labour inspection: the role's abilities (nrm.access.policy)
joined with the organisation's type and its part in a joint action.

* An inspection team's members see their team's inspections and those of the joint
  actions their team takes part in; they plan, carry out, report and screen for their own
  team only.
* Police units and prosecution offices see the inspections, screenings and evidence of the
  joint actions they take part in (until case files exist, issue 6: then also what is
  linked to their case files). Police may attach evidence there.
* Centres never see inspections: they see the joint actions they take part in (briefing,
  sites, participants: what their social workers need to go along) and the referrals made
  to them (nrm.referrals).
* Everyone else sees nothing here; the queries answer 404, as for what does not exist.
"""

from __future__ import annotations

from django.db.models import Q

from nrm.access.context import Actor
from nrm.access.policy import Ability, role_may
from nrm.inspections.models import Inspection, JointAction, Participant
from nrm.organisations.models import OrganisationType, Role

T = OrganisationType
INSPECTION_TEAM = T.LABOUR_INSPECTION_TEAM
INSPECTING_ROLES = frozenset({Role.INSPECTOR, Role.TEAM_LEAD})
# Organisations that see a joint action's inspections when they take part in it.
INVESTIGATING_TYPES = frozenset({T.POLICE_UNIT, T.PROSECUTION_OFFICE})
CENTRE_TYPES = frozenset({T.CENTRE_ADULTS, T.CENTRE_MINORS})
# Denmark's partners in joint inspections: they see the joint actions they take part in.
JOINT_ACTION_PARTNER_TYPES = frozenset(
    {T.TAX_AUTHORITY, T.IDENTIFICATION_BODY, T.NGO, T.MUNICIPALITY}
)


def _organisation_type(actor: Actor) -> str:
    organisation = actor.organisation
    if organisation is None or not actor.user.is_active or not organisation.is_active:
        return ""
    return organisation.type


def is_inspecting(actor: Actor) -> bool:
    """A member of a labour-inspection team in an inspecting role."""
    return (
        _organisation_type(actor) == INSPECTION_TEAM
        and actor.role in INSPECTING_ROLES
        and role_may(actor, Ability.INSPECTION_RECORD)
    )


def _organisation_id(actor: Actor) -> int:
    # Only called once the organisation's type was read, so there is one.
    return actor.organisation_id or 0


def _joint_actions_of(actor: Actor) -> Q:
    return Q(
        joint_action_id__in=Participant.objects.filter(
            organisation_id=_organisation_id(actor)
        ).values("joint_action_id")
    )


def inspection_scope(actor: Actor) -> Q | None:
    """The inspections the actor may see, as a filter; None for none."""
    if not role_may(actor, Ability.INSPECTION_VIEW):
        return None
    kind = _organisation_type(actor)
    if kind == INSPECTION_TEAM and actor.role in INSPECTING_ROLES:
        return Q(team_id=actor.organisation_id) | _joint_actions_of(actor)
    if kind in INVESTIGATING_TYPES:
        return _joint_actions_of(actor)
    return None


def may_see_inspection(actor: Actor, inspection: Inspection) -> bool:
    scope = inspection_scope(actor)
    if scope is None:
        return False
    if _organisation_type(actor) == INSPECTION_TEAM and inspection.team_id == actor.organisation_id:
        return True
    return inspection.joint_action_id is not None and takes_part(actor, inspection.joint_action_id)


def takes_part(actor: Actor, joint_action_id: int) -> bool:
    if actor.organisation_id is None:
        return False
    return Participant.objects.filter(
        joint_action_id=joint_action_id, organisation_id=actor.organisation_id
    ).exists()


def may_record_on(actor: Actor, inspection: Inspection) -> bool:
    """Plan, carry out, report, screen: the inspecting team's own members only."""
    return is_inspecting(actor) and inspection.team_id == actor.organisation_id


def may_add_evidence(actor: Actor, inspection: Inspection) -> bool:
    """The inspecting team, and police taking part in the inspection's joint action."""
    if not role_may(actor, Ability.EVIDENCE_ADD):
        return False
    if may_record_on(actor, inspection):
        return True
    return (
        _organisation_type(actor) == T.POLICE_UNIT
        and inspection.joint_action_id is not None
        and takes_part(actor, inspection.joint_action_id)
    )


def joint_action_scope(actor: Actor) -> Q | None:
    """The joint actions the actor may see: those their organisation takes part in."""
    if not role_may(actor, Ability.JOINT_ACTION_VIEW):
        return None
    kind = _organisation_type(actor)
    if kind not in {
        INSPECTION_TEAM,
        *INVESTIGATING_TYPES,
        *CENTRE_TYPES,
        *JOINT_ACTION_PARTNER_TYPES,
    }:
        return None
    return Q(
        pk__in=Participant.objects.filter(organisation_id=_organisation_id(actor)).values(
            "joint_action_id"
        )
    )


def may_manage_joint_action(actor: Actor, joint_action: JointAction) -> bool:
    """Add participants, sites and inspections: the leading team's members."""
    return is_inspecting(actor) and joint_action.lead_organisation_id == actor.organisation_id


def sees_inspections_of_joint_actions(actor: Actor) -> bool:
    return inspection_scope(actor) is not None


def may_see_companies(actor: Actor) -> bool:
    """The employer register: inspection, police and prosecution (not personal data)."""
    kind = _organisation_type(actor)
    return role_may(actor, Ability.INSPECTION_VIEW) and (
        (kind == INSPECTION_TEAM and actor.role in INSPECTING_ROLES) or kind in INVESTIGATING_TYPES
    )


def may_view_targets(actor: Actor) -> bool:
    if not role_may(actor, Ability.TARGETS_VIEW):
        return False
    kind = _organisation_type(actor)
    return (
        kind == INSPECTION_TEAM and actor.role in INSPECTING_ROLES
    ) or kind == T.COORDINATION_UNIT


def sees_every_team(actor: Actor) -> bool:
    """The coordinating level sees each team's figures; a team sees its own and the total."""
    return may_view_targets(actor) and _organisation_type(actor) == T.COORDINATION_UNIT


def may_set_targets(actor: Actor) -> bool:
    return role_may(actor, Ability.TARGETS_SET) and _organisation_type(actor) == T.COORDINATION_UNIT
