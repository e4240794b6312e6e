"""Every write of labour inspection. Atomic, audited in the same transaction.

Split by entity (employers, joint actions, inspections, screenings, evidence, targets); import
from here. Inspections move only through their transition actions (one per transition of
`workflow.INSPECTIONS`), each naming the version it was taken on. A screening records or
links the worker (through nrm.people, which opens the team's involvement), stores each
indicator observed as an evidence row and the computed suggestion's summary. A referral
from a screening goes through nrm.referrals. Bad input is refused with the field at fault
and nothing is kept: every action runs in one transaction.
"""

from __future__ import annotations

from nrm.inspections.actions._common import (
    EARLIEST,
    NOTE_MAX,
    TEXT_MAX,
)
from nrm.inspections.actions.employers import (
    CompanyData,
    WorksiteData,
    chain_link_add,
    chain_link_move,
    company_create,
    worksite_create,
)
from nrm.inspections.actions.evidence import (
    evidence_add,
)
from nrm.inspections.actions.inspections import (
    inspection_cancel,
    inspection_carry_out,
    inspection_plan,
    inspection_report,
)
from nrm.inspections.actions.joint_actions import (
    PARTICIPANT_ROLES_BY_TYPE,
    joint_action_create,
    joint_action_update,
    participant_add,
)
from nrm.inspections.actions.screenings import (
    ObservationData,
    ScreeningData,
    facts_of,
    screening_create,
    screening_refer,
)
from nrm.inspections.actions.targets import (
    target_set,
)

__all__ = [
    "EARLIEST",
    "NOTE_MAX",
    "PARTICIPANT_ROLES_BY_TYPE",
    "TEXT_MAX",
    "CompanyData",
    "ObservationData",
    "ScreeningData",
    "WorksiteData",
    "chain_link_add",
    "chain_link_move",
    "company_create",
    "evidence_add",
    "facts_of",
    "inspection_cancel",
    "inspection_carry_out",
    "inspection_plan",
    "inspection_report",
    "joint_action_create",
    "joint_action_update",
    "participant_add",
    "screening_create",
    "screening_refer",
    "target_set",
    "worksite_create",
]
