"""`nrm pathway simulate`: the engine run on a list of dated events (CONTRACTS.md §2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from nrm.pathway.config import PathwayConfig
from nrm.pathway.engine import replay, rules_for
from nrm.pathway.errors import InputProblem, PathwayInputError
from nrm.pathway.i18n import Message, _
from nrm.pathway.model import Event, PathwayState, Person


@dataclass(frozen=True, slots=True)
class SimulationInput:
    person: Person
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """The pathway after the events (on `as_of` when given, with overdue deadlines)."""

    pathway: PathwayState
    as_of: dt.date | None = None
    config: PathwayConfig | None = None


def jurisdiction_problems(events: Sequence[Event], jurisdiction: str) -> list[InputProblem]:
    """Event types that exist, but not in this jurisdiction's pathway: an input error,
    not a refused event, because no state of that pathway could ever accept them."""
    known = rules_for(jurisdiction).event_types
    return [
        InputProblem(
            f"/events/{index}/type",
            Message(
                _("The event type %(value)s does not exist in the %(jurisdiction)s pathway."),
                {"value": event.type, "jurisdiction": jurisdiction},
            ),
        )
        for index, event in enumerate(events)
        if event.type not in known
    ]


def simulate(
    simulation_input: SimulationInput,
    jurisdiction: str = "BE",
    as_of: dt.date | None = None,
    config: PathwayConfig | None = None,
) -> SimulationResult:
    problems = jurisdiction_problems(simulation_input.events, jurisdiction)
    if problems:
        raise PathwayInputError(problems)
    pathway = replay(
        simulation_input.person, simulation_input.events, jurisdiction, config, as_of=as_of
    )
    return SimulationResult(pathway=pathway, as_of=as_of, config=config)
