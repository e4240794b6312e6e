"""The inspection workflow as one table: planned → carried out → reported (or cancelled).

Each transition names its source states, its target and the roles that take it (members
of the inspecting team). `available_transitions` answers for every transition whether this
actor may take it now and, either way, why: the page shows the answer next to each button.
Date and content checks that need the form's input (a report date before the inspection,
a missing site) are made by the actions and answered 400 with the field at fault.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.context import Actor
from nrm.core.errors import Conflict, PermissionDenied
from nrm.core.workflow import Availability
from nrm.inspections.models import Inspection
from nrm.inspections.permissions import INSPECTING_ROLES, may_record_on
from nrm.inspections.vocab import InspectionStatus

S = InspectionStatus


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset[str]
    target: str
    roles: frozenset[str]


CARRY_OUT = Transition(
    name="carry_out",
    label=gettext_lazy("Record as carried out"),
    sources=frozenset({S.PLANNED}),
    target=S.CARRIED_OUT,
    roles=INSPECTING_ROLES,
)
REPORT = Transition(
    name="report",
    label=gettext_lazy("Report"),
    sources=frozenset({S.CARRIED_OUT}),
    target=S.REPORTED,
    roles=INSPECTING_ROLES,
)
CANCEL = Transition(
    name="cancel",
    label=gettext_lazy("Cancel"),
    sources=frozenset({S.PLANNED}),
    target=S.CANCELLED,
    roles=INSPECTING_ROLES,
)
TRANSITIONS: dict[str, Transition] = {t.name: t for t in (CARRY_OUT, REPORT, CANCEL)}


def _state_reason(status: str) -> str:
    # Whole sentences per state, for the translators.
    if status == S.PLANNED:
        return _("This inspection is planned and has not been carried out yet.")
    if status == S.CARRIED_OUT:
        return _("This inspection has been carried out and awaits its report.")
    if status == S.REPORTED:
        return _("This inspection has been reported; it can no longer change.")
    return _("This inspection was cancelled.")


def check(transition: Transition, inspection: Inspection, actor: Actor) -> Availability[Transition]:
    if not may_record_on(actor, inspection) or actor.role not in transition.roles:
        return Availability(
            transition,
            False,
            _("Only the members of the inspecting team record its inspections."),
            PermissionDenied,
        )
    if inspection.status not in transition.sources:
        return Availability(transition, False, _state_reason(inspection.status), Conflict)
    if transition is REPORT and inspection.worksite_id is None:
        # Allowed: the report form asks for the site. The reason says why it is needed.
        return Availability(
            transition, True, _("Name the site in the report: this inspection has none yet.")
        )
    return Availability(transition, True, _state_reason(inspection.status))


def available_transitions(inspection: Inspection, actor: Actor) -> list[Availability[Transition]]:
    """Every transition, allowed or not, each with its reason, in the table's order."""
    return [check(transition, inspection, actor) for transition in TRANSITIONS.values()]
