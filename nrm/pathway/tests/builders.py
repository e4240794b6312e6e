"""Short ways to write events and reach states in tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from nrm.pathway import (
    Event,
    PathwayConfig,
    PathwayState,
    Person,
    TransitionRefused,
    apply,
    replay,
)

ADULT = Person(age_at_identification=29)
MINOR = Person(age_at_identification=15, unaccompanied_minor=True)
WITH_LEGAL_STAY = Person(age_at_identification=30, has_legal_stay=True)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ev(
    date: str,
    type: str,
    *,
    positive: bool | None = None,
    days: int | None = None,
    document: str | None = None,
) -> Event:
    return Event(date=d(date), type=type, positive=positive, days=days, document=document)


def state_after(
    *events: Event,
    person: Person = ADULT,
    jurisdiction: str = "BE",
    config: PathwayConfig | None = None,
) -> PathwayState:
    """Replay events that must all be accepted (a refusal fails the test loudly)."""
    state = replay(person, events, jurisdiction, config)
    assert state.rejected == (), [r.reason.render() for r in state.rejected]
    return state


def refusal(state: PathwayState, event: Event, config: PathwayConfig | None = None) -> str:
    """The rendered reason why `event` is refused (fails if it is accepted)."""
    try:
        apply(state, event, config)
    except TransitionRefused as refused:
        return refused.reason.render()
    raise AssertionError(f"{event.type} was accepted")


# Canonical Belgian paths, one per state.
REFERRED = (ev("2025-01-10", "REFERRED"),)
REFLECTION = (*REFERRED, ev("2025-01-10", "REFLECTION_DOCUMENT_ISSUED"))
PROVISIONAL = (
    *REFLECTION,
    ev("2025-02-01", "COMPLAINT_FILED"),
    ev("2025-02-01", "PROVISIONAL_DOCUMENT_ISSUED"),
)
TEMPORARY = (
    *PROVISIONAL,
    ev("2025-04-15", "PROSECUTOR_OPINION", positive=True),
    ev("2025-04-15", "TEMPORARY_PERMIT_ISSUED"),
)

BE_PATHS: dict[str | None, tuple[Event, ...]] = {
    None: (),
    "DETECTED": (ev("2025-01-09", "DETECTED"),),
    "REFERRED": REFERRED,
    "REFLECTION": REFLECTION,
    "PROVISIONAL_STAY": PROVISIONAL,
    "TEMPORARY_STAY": TEMPORARY,
    "PERMANENT_STAY": (
        *TEMPORARY,
        ev("2025-09-01", "TRAFFICKING_CHARGE_REQUESTED"),
        ev("2025-09-20", "PERMANENT_RESIDENCE_GRANTED"),
    ),
    "STATUS_ENDED": (*REFLECTION, ev("2025-02-25", "STATUS_END_DECIDED")),
    "VOLUNTARY_RETURN": (*REFERRED, ev("2025-01-12", "VOLUNTARY_RETURN")),
    "HUMANITARIAN_RESIDENCE": (
        *TEMPORARY,
        ev("2025-10-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"),
        ev("2026-03-20", "PROSECUTOR_OPINION", positive=True),
        ev("2026-04-01", "TEMPORARY_PERMIT_RENEWED"),
        ev("2026-09-01", "DISMISSAL"),
        ev("2027-02-01", "HUMANITARIAN_RESIDENCE_GRANTED"),
    ),
}

DK_PATHS: dict[str | None, tuple[Event, ...]] = {
    None: (),
    "IDENTIFICATION": (ev("2025-03-01", "IDENTIFIED"),),
    "REFLECTION": (ev("2025-03-01", "IDENTIFIED"), ev("2025-03-02", "REFLECTION_STARTED")),
    "INVESTIGATION_PERMIT": (
        ev("2025-03-01", "IDENTIFIED"),
        ev("2025-03-02", "REFLECTION_STARTED"),
        ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"),
    ),
    "PREPARED_RETURN": (ev("2025-03-01", "IDENTIFIED"), ev("2025-03-05", "PREPARED_RETURN")),
    "STATUS_ENDED": (ev("2025-03-01", "IDENTIFIED"), ev("2025-03-05", "STATUS_END_DECIDED")),
}
# RESTITUTION is the same path for a person with legal stay.
DK_RESTITUTION = DK_PATHS["REFLECTION"]

# CONTRACTS.md §2, the input example, verbatim.
CONTRACT_SAMPLE: dict[str, Any] = {
    "person": {"age_at_identification": 29, "unaccompanied_minor": False, "has_legal_stay": False},
    "events": [
        {"date": "2025-01-10", "type": "REFERRED"},
        {"date": "2025-01-10", "type": "REFLECTION_DOCUMENT_ISSUED"},
        {"date": "2025-02-01", "type": "COMPLAINT_FILED"},
        {"date": "2025-02-01", "type": "PROVISIONAL_DOCUMENT_ISSUED"},
        {"date": "2025-04-15", "type": "PROSECUTOR_OPINION", "positive": True},
        {"date": "2025-04-15", "type": "TEMPORARY_PERMIT_ISSUED"},
    ],
}
