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
    LegalBasis,
    OrgKind,
    PathwayState,
    Person,
    RejectedEvent,
    Source,
    Tag,
    TransitionRefused,
)
from nrm.pathway.render import render_text
from nrm.pathway.rules_be import counting_complaint_date, latest_opinion, unresolved_flags
from nrm.pathway.rules_dk import reflection_start, reflection_total_days
from nrm.pathway.simulation import SimulationInput, SimulationResult, simulate
from nrm.pathway.table import DeadlineSpec, GuardContext, JurisdictionRules, TransitionRule

__all__ = [
    "DATE_CONVENTION_NOTE",
    "DEFAULT_CONFIG",
    "EVENT_TYPES",
    "JURISDICTIONS",
    "SETTINGS",
    "STATES",
    "TRANSITIONS",
    "Deadline",
    "DeadlineKind",
    "DeadlineSpec",
    "Event",
    "EventAvailability",
    "GuardContext",
    "HistoryEntry",
    "InputProblem",
    "JurisdictionRules",
    "LegalBasis",
    "OrgKind",
    "PathwayConfig",
    "PathwayInputError",
    "PathwayState",
    "Period",
    "Person",
    "RejectedEvent",
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
    "initial_state",
    "latest_opinion",
    "legal_basis_text",
    "load_schema",
    "parse_simulation",
    "reflection_start",
    "reflection_total_days",
    "render_text",
    "replay",
    "result_to_json",
    "rules_for",
    "simulate",
    "unresolved_flags",
]
