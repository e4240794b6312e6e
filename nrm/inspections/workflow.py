"""The inspection workflow as one table: planned → carried out → reported (or cancelled).

Each transition names its source states, its target and the roles that take it (members
of the inspecting team). `available_transitions` answers for every transition whether this
actor may take it now and, either way, why: the page shows the answer next to each button.
Date and content checks that need the form's input (a report date before the inspection,
a missing site) are made by the actions and answered 400 with the field at fault.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.core.workflow import Availability, Step, Transition, Workflow
from nrm.inspections.models import Inspection, InspectionEvent
from nrm.inspections.permissions import INSPECTING_ROLES, may_record_on, may_see_inspection
from nrm.inspections.vocab import InspectionStatus

S = InspectionStatus


# One party: the members of the inspecting team (`roles` narrows it to the inspecting roles).
TEAM = "team"


def _refuse_party(
    transition: Transition, actor: Actor, inspection: Inspection, context: None
) -> str | None:
    if not may_record_on(actor, inspection) or actor.role not in transition.roles:
        return _("Only the members of the inspecting team record its inspections.")
    return None


def _state_reason(status: str) -> str:
    # Whole sentences per state, for the translators.
    if status == S.PLANNED:
        return _("This inspection is planned and has not been carried out yet.")
    if status == S.CARRIED_OUT:
        return _("This inspection has been carried out and awaits its report.")
    if status == S.REPORTED:
        return _("This inspection has been reported; it can no longer change.")
    return _("This inspection was cancelled.")


def _allowed_reason(transition: Transition, inspection: Inspection, context: None) -> str:
    if transition.name == "report" and inspection.worksite_id is None:
        # Allowed: the report form asks for the site. The reason says why it is needed.
        return _("Name the site in the report: this inspection has none yet.")
    return _state_reason(inspection.status)


def _history(step: Step[Inspection, None]) -> InspectionEvent:
    return InspectionEvent.objects.create(
        inspection=step.record,
        from_status=step.old_status,
        to_status=step.new_status,
        by=step.actor.user,
    )


CARRY_OUT = Transition(
    name="carry_out",
    label=gettext_lazy("Record as carried out"),
    sources=frozenset({S.PLANNED}),
    target=S.CARRIED_OUT,
    parties=frozenset({TEAM}),
    roles=INSPECTING_ROLES,
    action="nrm.inspections.actions.inspection_carry_out",
    form="nrm.inspections.forms.CarryOutForm",
    done=gettext_lazy("Inspection recorded as carried out."),
)
REPORT = Transition(
    name="report",
    label=gettext_lazy("Report"),
    sources=frozenset({S.CARRIED_OUT}),
    target=S.REPORTED,
    parties=frozenset({TEAM}),
    roles=INSPECTING_ROLES,
    action="nrm.inspections.actions.inspection_report",
    form="nrm.inspections.forms.ReportForm",
    done=gettext_lazy("Inspection reported."),
)
CANCEL = Transition(
    name="cancel",
    label=gettext_lazy("Cancel"),
    sources=frozenset({S.PLANNED}),
    target=S.CANCELLED,
    parties=frozenset({TEAM}),
    roles=INSPECTING_ROLES,
    action="nrm.inspections.actions.inspection_cancel",
    form="nrm.inspections.forms.CancelForm",
    done=gettext_lazy("Inspection cancelled."),
)

INSPECTIONS: Workflow[Inspection, None] = Workflow(
    name="inspection",
    model=Inspection,
    record_kwarg="inspection",
    transitions=(CARRY_OUT, REPORT, CANCEL),
    context=lambda actor, inspection: None,
    visible=lambda actor, inspection, context: may_see_inspection(actor, inspection),
    refuse_party=_refuse_party,
    state_reason=_state_reason,
    allowed_reason=_allowed_reason,
    not_found=lambda: _("No such inspection."),
    changed_meanwhile=lambda: _(
        "Someone else changed this inspection meanwhile. Reload the page and try again."
    ),
    history=_history,
    audit=audit_record,
    purpose=purpose_for,
    audit_event=AuditEventType.UPDATE,
    select_related=("worksite",),
)
TRANSITIONS: dict[str, Transition] = INSPECTIONS.by_name


def check(transition: Transition, inspection: Inspection, actor: Actor) -> Availability[Transition]:
    return INSPECTIONS.check(transition, inspection, actor, None)


def available_transitions(inspection: Inspection, actor: Actor) -> list[Availability[Transition]]:
    """Every transition, allowed or not, each with its reason, in the table's order."""
    return INSPECTIONS.available(inspection, actor)
