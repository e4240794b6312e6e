"""Open NRM's victim-status pathway engine: pure Python, no Django.

The same engine serves `nrm pathway simulate` (CONTRACTS.md §2) and the web application:

- batch: `parse_simulation(data)` -> `simulate(input, jurisdiction, as_of)` ->
  `result_to_json(result, translate)` or `render_text(result, translate)`;
- incremental: `replay(person, events, jurisdiction, config)` -> `PathwayState`;
  `available_events(state, on, config)` for the page; `apply(state, event, config)`
  for a write, raising `TransitionRefused(reason)`.

Rules are data per jurisdiction (`rules_be.py`, `rules_dk.py`); every duration is a
`PathwayConfig` setting with its source (`SETTINGS`). Reasons and labels are `Message`s
and `_()`-marked strings, translated by the caller's `translate`.
"""

from __future__ import annotations

from nrm.pathway.config import (
    DATE_CONVENTION_NOTE,
    DEFAULT_CONFIG,
    REFLECTION_LAST_DAY_EXCLUDED_NOTE,
    REFLECTION_LAST_DAY_NOTE,
    SETTINGS,
    PathwayConfig,
    Setting,
)
from nrm.pathway.dates import Period, Unit, add_days, add_months, add_period
from nrm.pathway.engine import (
    EVENT_TYPES,
    JURISDICTIONS,
    STATES,
    TRANSITIONS,
    apply,
    available_events,
    describe_transitions,
    initial_state,
    replay,
    right_to_work,
    rules_for,
)
from nrm.pathway.errors import InputProblem, PathwayInputError
from nrm.pathway.io import legal_basis_text, load_schema, parse_simulation, result_to_json
from nrm.pathway.model import (
    Deadline,
    DeadlineKind,
    Event,
    EventAvailability,
    HistoryEntry,
    Lapse,
    LegalBasis,
    OrgKind,
    PathwayState,
    Person,
    RejectedEvent,
    RightToWork,
    Source,
    Tag,
    TransitionRefused,
)
from nrm.pathway.render import render_text
from nrm.pathway.rules_be import (
    DOCUMENT_LABELS,
    Document,
    counting_complaint_date,
    guardian_appointed_on,
    latest_opinion,
    open_dismissal,
    pending_request,
    reflection_last_day,
    unresolved_flags,
)
from nrm.pathway.rules_dk import reflection_start, reflection_total_days
from nrm.pathway.simulation import SimulationInput, SimulationResult, simulate
from nrm.pathway.table import DeadlineSpec, GuardContext, JurisdictionRules, TransitionRule

__all__ = [
    "DATE_CONVENTION_NOTE",
    "DEFAULT_CONFIG",
    "DOCUMENT_LABELS",
    "EVENT_TYPES",
    "JURISDICTIONS",
    "REFLECTION_LAST_DAY_EXCLUDED_NOTE",
    "REFLECTION_LAST_DAY_NOTE",
    "SETTINGS",
    "STATES",
    "TRANSITIONS",
    "Deadline",
    "DeadlineKind",
    "DeadlineSpec",
    "Document",
    "Event",
    "EventAvailability",
    "GuardContext",
    "HistoryEntry",
    "InputProblem",
    "JurisdictionRules",
    "Lapse",
    "LegalBasis",
    "OrgKind",
    "PathwayConfig",
    "PathwayInputError",
    "PathwayState",
    "Period",
    "Person",
    "RejectedEvent",
    "RightToWork",
    "Setting",
    "SimulationInput",
    "SimulationResult",
    "Source",
    "Tag",
    "TransitionRefused",
    "TransitionRule",
    "Unit",
    "add_days",
    "add_months",
    "add_period",
    "apply",
    "available_events",
    "counting_complaint_date",
    "describe_transitions",
    "guardian_appointed_on",
    "initial_state",
    "latest_opinion",
    "legal_basis_text",
    "load_schema",
    "open_dismissal",
    "parse_simulation",
    "pending_request",
    "reflection_last_day",
    "reflection_start",
    "reflection_total_days",
    "render_text",
    "replay",
    "result_to_json",
    "right_to_work",
    "rules_for",
    "simulate",
    "unresolved_flags",
]
