"""Criminal case files of a prosecution office (or labour auditorate) and what hangs off them.

A case file names persons (victims, suspects), companies with their place in a worksite's
subcontracting chain, inspections and evidence; it carries dated qualification snapshots,
charges per suspect, the decisions taken on it (one row per transition of
`workflow.DECISIONS`; `CaseFile.status` is written by nothing else), hearings, frozen and
confiscated assets with their allocation to victims' compensation, civil and back-pay
claims, applications to the state fund, and local operational meetings.

Victims' statements are kept apart (`ProtectedStatement`): they are never loaded with the
case file, and the defence sees one only through a judge's recorded decision.

Money is exact: DecimalField(14, 2) in euros, never float. Free text that may name people
is encrypted at rest; titles and labels are written not to name anyone.

Split like the actions (cases, qualification, decisions, assets, statements, meetings);
import from here: migrations and every caller name `nrm.prosecution.models`.
"""

from __future__ import annotations

from nrm.prosecution.models.assets import (
    Allocation,
    Asset,
    BackPayClaim,
    BackPayDebtor,
    CivilClaim,
    CivilParty,
    StateFundApplication,
)
from nrm.prosecution.models.cases import (
    CaseAssignment,
    CaseCompany,
    CaseEvidence,
    CaseFile,
    CaseInspection,
    CaseProposal,
    CaseSuspect,
    CaseSuspectQuerySet,
    CaseVictim,
    Hearing,
    new_case_reference,
)
from nrm.prosecution.models.decisions import (
    CaseDecision,
    Judgment,
    PathwayEffect,
    Verdict,
)
from nrm.prosecution.models.meetings import (
    AgendaItem,
    FollowUp,
    OperationalMeeting,
    ProsecutionTarget,
)
from nrm.prosecution.models.qualification import (
    Charge,
    QualificationSnapshot,
)
from nrm.prosecution.models.statements import (
    DisclosureDecision,
    ProtectedStatement,
    new_statement_reference,
)

__all__ = [
    "AgendaItem",
    "Allocation",
    "Asset",
    "BackPayClaim",
    "BackPayDebtor",
    "CaseAssignment",
    "CaseCompany",
    "CaseDecision",
    "CaseEvidence",
    "CaseFile",
    "CaseInspection",
    "CaseProposal",
    "CaseSuspect",
    "CaseSuspectQuerySet",
    "CaseVictim",
    "Charge",
    "CivilClaim",
    "CivilParty",
    "DisclosureDecision",
    "FollowUp",
    "Hearing",
    "Judgment",
    "OperationalMeeting",
    "PathwayEffect",
    "ProsecutionTarget",
    "ProtectedStatement",
    "QualificationSnapshot",
    "StateFundApplication",
    "Verdict",
    "new_case_reference",
    "new_statement_reference",
]
