"""Criminal case file pages, split like the actions: the list, opening a file and its parties
(`cases`), the file itself with its decisions and operations (`case_page`, `decisions`),
qualification (`qualification`), assets and compensation (`assets`), statements and their
disclosure (`statements`), the targets dashboard and local operational meetings (`meetings`).

Every form posts to one URL per decision or operation, answers 403 to those who see the file
but may not do this, 400 to bad input (the page comes back with the form and its errors),
409 when the file changed meanwhile or the state does not allow it, and redirects on success.
"""

from __future__ import annotations

from nrm.prosecution.views.case_page import case_detail, case_do, case_record_step, case_section
from nrm.prosecution.views.cases import (
    case_evidence_download,
    case_list,
    case_new,
    procedural_facts,
    procedural_facts_person,
)
from nrm.prosecution.views.decisions import case_decide
from nrm.prosecution.views.meetings import (
    case_targets,
    follow_up_done,
    meeting_detail,
    meeting_list,
    meeting_new,
)
from nrm.prosecution.views.qualification import case_qualify, snapshot_detail
from nrm.prosecution.views.statements import (
    disclosure_export_view,
    disclosure_revoke_view,
    statement_detail,
)

__all__ = [
    "case_decide",
    "case_detail",
    "case_do",
    "case_evidence_download",
    "case_list",
    "case_new",
    "case_qualify",
    "case_record_step",
    "case_section",
    "case_targets",
    "disclosure_export_view",
    "disclosure_revoke_view",
    "follow_up_done",
    "meeting_detail",
    "meeting_list",
    "meeting_new",
    "procedural_facts",
    "procedural_facts_person",
    "snapshot_detail",
    "statement_detail",
]
