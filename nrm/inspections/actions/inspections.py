"""Inspections: planned, then carried out and reported, or cancelled. Each move is a
transition of `nrm.inspections.workflow.INSPECTIONS`, taken through `nrm.core.workflow.take`."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.errors import DomainError
from nrm.core.workflow import Step, local_today, take
from nrm.inspections import permissions
from nrm.inspections.actions._common import (
    NOTE_MAX,
    TEXT_MAX,
    _must_inspect,
    _not_before_2000,
    _required,
    _text,
)
from nrm.inspections.models import (
    Inspection,
    InspectionEvent,
    JointAction,
    Worksite,
)
from nrm.inspections.vocab import (
    InspectionOutcome,
    InspectionStatus,
    Sector,
)
from nrm.inspections.workflow import CANCEL, CARRY_OUT, INSPECTIONS, REPORT

# Inspections ---------------------------------------------------------------------------


@transaction.atomic
def inspection_plan(
    *,
    actor: Actor,
    planned_on: date,
    sector: str,
    worksite: Worksite | None = None,
    joint_action: JointAction | None = None,
    trafficking_focused: bool = True,
) -> Inspection:
    """Plan an inspection for the actor's own team, on its own or within a joint action."""
    team = _must_inspect(actor)
    _not_before_2000(planned_on, field="planned_on")
    if sector not in Sector.values:
        raise DomainError(_("Choose a sector from the list."), field="sector")
    if joint_action is not None:
        if not permissions.takes_part(actor, joint_action.pk):
            raise DomainError(
                _("Your team does not take part in this joint action."), field="joint_action"
            )
        if worksite is not None and not joint_action.worksites.filter(pk=worksite.pk).exists():
            joint_action.worksites.add(worksite)
    inspection = Inspection.objects.create(
        team=team,
        joint_action=joint_action,
        worksite=worksite,
        sector=sector,
        trafficking_focused=trafficking_focused,
        planned_on=planned_on,
        created_by=actor.user,
    )
    InspectionEvent.objects.create(
        inspection=inspection, from_status="", to_status=InspectionStatus.PLANNED, by=actor.user
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="inspection_plan",
        record=inspection,
        purpose=purpose_for(actor),
        changes={
            "team": team.pk,
            "planned_on": planned_on.isoformat(),
            "sector": sector,
            "worksite": worksite.pk if worksite else None,
            "joint_action": joint_action.reference if joint_action else None,
            "trafficking_focused": trafficking_focused,
        },
    )
    return inspection


def _site_for(inspection: Inspection, worksite: Worksite | None) -> Worksite | None:
    if worksite is not None and inspection.worksite_id not in {None, worksite.pk}:
        raise DomainError(_("This inspection already names its site."), field="worksite")
    return worksite or inspection.worksite


@transaction.atomic
def inspection_carry_out(
    *,
    actor: Actor,
    inspection: Inspection,
    expected_version: int,
    carried_out_on: date,
    worksite: Worksite | None = None,
) -> Inspection:
    def apply(step: Step[Inspection, None]) -> None:
        locked = step.record
        if carried_out_on > local_today():
            raise DomainError(
                _("An inspection cannot be carried out in the future."), field="carried_out_on"
            )
        _not_before_2000(carried_out_on, field="carried_out_on")
        locked.worksite = _site_for(locked, worksite)
        locked.carried_out_on = carried_out_on
        step.changes.update(
            {"carried_out_on": carried_out_on.isoformat(), "worksite": locked.worksite_id}
        )

    return take(
        INSPECTIONS,
        CARRY_OUT,
        inspection,
        actor=actor,
        expected_version=expected_version,
        apply=apply,
    ).record


@transaction.atomic
def inspection_report(
    *,
    actor: Actor,
    inspection: Inspection,
    expected_version: int,
    reported_on: date,
    outcome: str,
    findings: str,
    worksite: Worksite | None = None,
) -> Inspection:
    def apply(step: Step[Inspection, None]) -> None:
        locked = step.record
        site = _site_for(locked, worksite)
        if site is None:
            raise DomainError(
                _("A report names the site that was inspected. Choose the site."),
                field="worksite",
            )
        if reported_on > local_today():
            raise DomainError(_("A report cannot be dated in the future."), field="reported_on")
        assert locked.carried_out_on is not None  # set by the carry-out transition
        if reported_on < locked.carried_out_on:
            raise DomainError(
                _("A report cannot be dated before the inspection (%(date)s).")
                % {"date": locked.carried_out_on.isoformat()},
                field="reported_on",
            )
        if outcome not in InspectionOutcome.values:
            raise DomainError(_("Choose the outcome from the list."), field="outcome")
        text = _required(
            findings, field="findings", message=_("Write the findings."), limit=TEXT_MAX
        )
        locked.worksite = site
        locked.reported_on = reported_on
        locked.outcome = outcome
        locked.findings = text
        step.changes.update(
            {
                "reported_on": reported_on.isoformat(),
                "outcome": outcome,
                "findings": text,
                "worksite": site.pk,
            }
        )

    return take(
        INSPECTIONS, REPORT, inspection, actor=actor, expected_version=expected_version, apply=apply
    ).record


@transaction.atomic
def inspection_cancel(
    *, actor: Actor, inspection: Inspection, expected_version: int, reason: str = ""
) -> Inspection:
    def apply(step: Step[Inspection, None]) -> None:
        step.changes["reason"] = _text(reason, field="reason", limit=NOTE_MAX)

    return take(
        INSPECTIONS, CANCEL, inspection, actor=actor, expected_version=expected_version, apply=apply
    ).record
