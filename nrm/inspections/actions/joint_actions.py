"""Joint actions of several services and the organisations taking part."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections import permissions
from nrm.inspections.actions._common import (
    _must_inspect,
    _not_before_2000,
    _required,
    _text,
)
from nrm.inspections.models import (
    JointAction,
    Participant,
    Worksite,
)
from nrm.inspections.vocab import (
    ParticipantRole,
)
from nrm.organisations.models import Organisation, OrganisationType

# Joint actions -------------------------------------------------------------------------

PARTICIPANT_ROLES_BY_TYPE: dict[str, frozenset[str]] = {
    OrganisationType.LABOUR_INSPECTION_TEAM: frozenset(
        {ParticipantRole.LEAD, ParticipantRole.INSPECTION}
    ),
    OrganisationType.POLICE_UNIT: frozenset({ParticipantRole.POLICE}),
    OrganisationType.PROSECUTION_OFFICE: frozenset({ParticipantRole.PROSECUTOR}),
    OrganisationType.CENTRE_ADULTS: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    OrganisationType.CENTRE_MINORS: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    # Denmark's joint inspections ("fælles myndighedsaktioner"): the tax authority inspects
    # beside Arbejdstilsynet; the CMM and its NGO partners meet the workers (the seed's aim).
    OrganisationType.TAX_AUTHORITY: frozenset({ParticipantRole.INSPECTION}),
    OrganisationType.IDENTIFICATION_BODY: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    OrganisationType.NGO: frozenset({ParticipantRole.CENTRE_SOCIAL_WORKER}),
    OrganisationType.MUNICIPALITY: frozenset({ParticipantRole.OTHER}),
}


@transaction.atomic
def joint_action_create(
    *,
    actor: Actor,
    title: str,
    planned_on: date,
    briefing: str = "",
    worksites: list[Worksite] | None = None,
) -> JointAction:
    """Plan a joint action; the actor's team leads it."""
    organisation = _must_inspect(actor)
    _not_before_2000(planned_on, field="planned_on")
    joint_action = JointAction.objects.create(
        title=_required(title, field="title", message=_("Give the joint action a title.")),
        planned_on=planned_on,
        briefing=_text(briefing, field="briefing"),
        lead_organisation=organisation,
        created_by=actor.user,
    )
    sites = list(worksites or [])
    if sites:
        joint_action.worksites.add(*sites)
    Participant.objects.create(
        joint_action=joint_action, organisation=organisation, role=ParticipantRole.LEAD
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="joint_action_create",
        record=joint_action,
        purpose=purpose_for(actor),
        changes={
            "title": joint_action.title,
            "planned_on": planned_on.isoformat(),
            "briefing": joint_action.briefing,
            "worksites": sorted(site.pk for site in sites),
            "lead": organisation.pk,
        },
    )
    return joint_action


def _locked_joint_action(actor: Actor, joint_action: JointAction, version: int) -> JointAction:
    locked = JointAction.objects.select_for_update(of=("self",)).filter(pk=joint_action.pk).first()
    if locked is None or not permissions.takes_part(actor, locked.pk):
        raise NotFound(_("No such joint action."))
    if not permissions.may_manage_joint_action(actor, locked):
        raise PermissionDenied(_("Only the leading team changes a joint action."))
    if locked.version != version:
        raise Conflict(
            _("Someone else changed this joint action meanwhile. Reload the page and try again.")
        )
    return locked


@transaction.atomic
def joint_action_update(
    *,
    actor: Actor,
    joint_action: JointAction,
    expected_version: int,
    title: str,
    planned_on: date,
    briefing: str,
    worksites: list[Worksite],
) -> JointAction:
    locked = _locked_joint_action(actor, joint_action, expected_version)
    _not_before_2000(planned_on, field="planned_on")
    before = {
        "title": locked.title,
        "planned_on": locked.planned_on.isoformat(),
        "briefing": locked.briefing,
        "worksites": sorted(locked.worksites.values_list("pk", flat=True)),
    }
    locked.title = _required(title, field="title", message=_("Give the joint action a title."))
    locked.planned_on = planned_on
    locked.briefing = _text(briefing, field="briefing")
    locked.version += 1
    locked.save()
    locked.worksites.set(worksites)
    after = {
        "title": locked.title,
        "planned_on": planned_on.isoformat(),
        "briefing": locked.briefing,
        "worksites": sorted(site.pk for site in worksites),
    }
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="joint_action_update",
        record=locked,
        purpose=purpose_for(actor),
        changes={k: {"old": before[k], "new": after[k]} for k in after if before[k] != after[k]},
    )
    return locked


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    joint_action: JointAction,
    expected_version: int,
    organisation: Organisation,
    role: str,
    headcount: int | None = None,
) -> Participant:
    """Invite an organisation to a joint action in a role that fits its kind."""
    locked = _locked_joint_action(actor, joint_action, expected_version)
    allowed = PARTICIPANT_ROLES_BY_TYPE.get(organisation.type, frozenset())
    if role == ParticipantRole.LEAD:
        raise DomainError(_("A joint action has one lead: the team that planned it."), field="role")
    if role not in allowed:
        raise DomainError(
            _("%(organisation)s cannot take part in this role.") % {"organisation": organisation},
            field="role",
        )
    if not organisation.is_active:
        raise DomainError(_("This organisation is no longer active."), field="organisation")
    if headcount is not None and not 0 < headcount <= 500:
        raise DomainError(_("Give a number of people between 1 and 500."), field="headcount")
    if Participant.objects.filter(joint_action=locked, organisation=organisation).exists():
        raise Conflict(_("This organisation already takes part."))
    participant = Participant.objects.create(
        joint_action=locked, organisation=organisation, role=role, headcount=headcount
    )
    locked.version += 1
    locked.save(update_fields=["version"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="participant_add",
        record=participant,
        purpose=purpose_for(actor),
        changes={
            "joint_action": locked.reference,
            "organisation": organisation.pk,
            "role": role,
            "headcount": headcount,
        },
    )
    return participant
