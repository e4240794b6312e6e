"""The pathway's vocabulary: who decides, what a rule cites, events, deadlines, state.

Everything here is immutable. A `PathwayState` is derived by applying events one by one;
the facts the guards need (the counting complaint, the latest opinion, unresolved flags)
are read from the log of applied events rather than stored twice, so they cannot drift.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from nrm.pathway.i18n import Message


class OrgKind(StrEnum):
    """The kind of organisation that takes an event; the web app maps its organisation
    types onto these and lets only those record the event.

    In Denmark `IMMIGRATION_OFFICE` is the Danish Immigration Service (Udlændingestyrelsen)
    and `IDENTIFICATION_BODY` is the Center mod Menneskehandel (CMM).
    """

    IMMIGRATION_OFFICE = "IMMIGRATION_OFFICE"
    SPECIALISED_CENTRE = "SPECIALISED_CENTRE"
    PROSECUTOR = "PROSECUTOR"
    POLICE = "POLICE"
    COURT = "COURT"
    IDENTIFICATION_BODY = "IDENTIFICATION_BODY"
    FRONTLINE = "FRONTLINE"
    PERSON = "PERSON"


class Tag(StrEnum):
    """How well a rule is verified (RULES.md §0)."""

    V = "V"
    S = "S"
    K = "K"
    UNVERIFIED = "UNVERIFIED"


# From best to worst verified: a rule is only as verified as its weakest source.
_TAG_STRENGTH = {Tag.V: 3, Tag.S: 2, Tag.K: 1, Tag.UNVERIFIED: 0}


class DeadlineKind(StrEnum):
    REFLECTION_END = "REFLECTION_END"
    PROVISIONAL_DOCUMENT_EXPIRY = "PROVISIONAL_DOCUMENT_EXPIRY"
    TEMPORARY_PERMIT_EXPIRY = "TEMPORARY_PERMIT_EXPIRY"
    STATUS_REVIEW = "STATUS_REVIEW"
    PERMANENT_RESIDENCE_DECISION = "PERMANENT_RESIDENCE_DECISION"
    REQUEST_DECISION = "REQUEST_DECISION"
    # Denmark: the residence permit for the investigation (Aliens Act § 9 c(5)).
    INVESTIGATION_PERMIT_EXPIRY = "INVESTIGATION_PERMIT_EXPIRY"


@dataclass(frozen=True, slots=True)
class Source:
    """A source key from RULES.md §9 and how well it verifies the rule."""

    key: str
    tag: Tag

    def __str__(self) -> str:
        return f"{self.key} [{self.tag}]"


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """Why a transition exists: a translatable sentence and the sources behind it.

    `rule_tag` overrides the tag derived from the sources where RULES.md rates the rule
    itself lower than its sources (e.g. a dated secondary source for a route whose statutory basis
    is UNVERIFIED).
    """

    text: str
    sources: tuple[Source, ...]
    rule_tag: Tag | None = None

    @property
    def tag(self) -> Tag:
        if self.rule_tag is not None:
            return self.rule_tag
        return min((source.tag for source in self.sources), key=_TAG_STRENGTH.__getitem__)

    @property
    def citation(self) -> str:
        return "; ".join(str(source) for source in self.sources)


@dataclass(frozen=True, slots=True)
class Person:
    """The facts about the person that change the path (CONTRACTS.md §2 `person`)."""

    unaccompanied_minor: bool = False
    has_legal_stay: bool = False
    age_at_identification: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event. `positive` belongs to PROSECUTOR_OPINION, `days` (the new total
    length) to REFLECTION_EXTENDED, `document` (what the centre asks for) to
    DOCUMENT_REQUESTED."""

    date: dt.date
    type: str
    positive: bool | None = None
    days: int | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class Deadline:
    """An open deadline. `setting` names the `PathwayConfig` field whose period set `due`,
    so that a page can show that period's source and whether it is a product default; it
    is None when the decision itself fixed the period (a Danish extension's new total).
    `action` is a translatable phrase. `document` names the document the deadline is about:
    the one whose validity ends (an expiry) or the one requested (a request decision)."""

    kind: DeadlineKind
    due: dt.date
    responsible: OrgKind
    action: str
    opened_on: dt.date
    remind_on: dt.date | None
    setting: str | None
    document: str | None = None

    def is_overdue(self, on: dt.date) -> bool:
        # The due date itself is still on time; the deadline has passed the day after.
        return self.due < on


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A period spent in one state; `until` is None for the current state."""

    state: str
    start: dt.date
    until: dt.date | None
    decided_by: OrgKind
    event_type: str
    legal_basis: LegalBasis


@dataclass(frozen=True, slots=True)
class Lapse:
    """A time without a valid document between two documents: `start` is the first day
    the expired `document` no longer covered, `until` the day the next one was issued."""

    start: dt.date
    until: dt.date
    document: str


@dataclass(frozen=True, slots=True)
class RightToWork:
    """Whether the person may work in the current state, and why; `allowed` is None
    where no state is reached yet or the jurisdiction's rules say nothing."""

    allowed: bool | None
    basis: LegalBasis


@dataclass(frozen=True, slots=True)
class RejectedEvent:
    """An event that the rules refused; `index` is its position in the input list."""

    index: int
    event: Event
    reason: Message


@dataclass(frozen=True, slots=True)
class PathwayState:
    """The derived status of one person in one jurisdiction's pathway.

    `state` is None before the first event. `applied` is the log of accepted events in
    order; `rejected` lists what a replay refused, so that stored data the rules no longer
    accept is visible instead of silently lost.
    """

    jurisdiction: str
    person: Person
    state: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    applied: tuple[Event, ...] = ()
    rejected: tuple[RejectedEvent, ...] = ()
    lapses: tuple[Lapse, ...] = ()

    @property
    def last_event_date(self) -> dt.date | None:
        return self.applied[-1].date if self.applied else None

    def events_of(self, *types: str) -> tuple[Event, ...]:
        return tuple(event for event in self.applied if event.type in types)

    def first(self, *types: str) -> Event | None:
        return next((event for event in self.applied if event.type in types), None)

    def last(self, *types: str) -> Event | None:
        return next((event for event in reversed(self.applied) if event.type in types), None)

    def deadline(self, kind: DeadlineKind) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind == kind), None)


@dataclass(frozen=True, slots=True)
class EventAvailability:
    """Whether an event may be recorded now, and if not, why (for a disabled button)."""

    event_type: str
    allowed: bool
    reason: Message | None
    taken_by: tuple[OrgKind, ...]
    target: str | None


class TransitionRefused(Exception):
    """The rules do not allow this event now; `reason` says why, translatably."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.render())
        self.reason = reason
