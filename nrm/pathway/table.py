"""The shape of a jurisdiction's rules: one transition table, deadline kinds, guards.

The tables themselves are data in `rules_be.py` and `rules_dk.py`; `engine.py` reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from nrm.pathway.config import PathwayConfig
from nrm.pathway.i18n import Message, Term
from nrm.pathway.model import (
    DeadlineKind,
    Event,
    LegalBasis,
    OrgKind,
    PathwayState,
    Person,
    RightToWork,
)


@dataclass(frozen=True, slots=True)
class GuardContext:
    """What a guard may look at. `event` is None when the web app asks which events are
    available before the user has filled in an event's details."""

    state: PathwayState
    on: dt.date
    event: Event | None
    config: PathwayConfig


Guard = Callable[[GuardContext], Message | None]
"""A named rule: None when satisfied, otherwise the reason it is not."""

DueRule = Callable[[GuardContext], dt.date]


@dataclass(frozen=True, slots=True)
class DeadlineSpec:
    """A kind of deadline in one jurisdiction: who must act, what to do, which setting
    gives its period, the states it belongs to (leaving them closes it) and the setting of
    its reminder lead time."""

    kind: DeadlineKind
    responsible: OrgKind
    action: str
    setting: str
    while_in: frozenset[str]
    reminder_setting: str | None = None
    responsible_with_legal_stay: OrgKind | None = None
    # A review or a decision is not postponed by a second trigger: the first due date stays.
    keep_earliest: bool = False
    # The document whose validity the deadline ends (a lapse is recorded when the next
    # document comes after it).
    document: str | None = None
    # Who must act before it, besides the responsible: the Belgian centre files the
    # renewal request before an expiry (RULES.md §3.6).
    prepared_by: OrgKind | None = None

    def responsible_for(self, person: Person) -> OrgKind:
        if person.has_legal_stay and self.responsible_with_legal_stay is not None:
            return self.responsible_with_legal_stay
        return self.responsible


@dataclass(frozen=True, slots=True)
class Opening:
    """A deadline that an event opens. Without `due`, it falls due one period (the spec's
    setting) after the event's date. `setting` names the setting that fixed the period when
    it is not the spec's own (an extension); `period_from_event` says the decision itself
    fixed it (Denmark's extension gives the new total length)."""

    spec: DeadlineSpec
    due: DueRule | None = None
    setting: str | None = None
    period_from_event: bool = False
    # What to do, when this trigger asks for more than the spec's general action.
    action: str | None = None
    # The deadline is about the document the event names (a request).
    document_from_event: bool = False


@dataclass(frozen=True, slots=True)
class TransitionRule:
    """One row of a jurisdiction's transition table.

    `sources` are the states the event is allowed in (None: nothing recorded yet);
    `target` is None for events that only record a fact or move a deadline. The `*_with_
    legal_stay` fields cover Denmark, where a person's legal stay decides who acts and
    which state follows, and Belgium, where a person with legal stay keeps the procedure's
    judicial steps without its residence documents (`legal_stay_sources`).
    `person_guards` are checked before the state: they refuse the event for this person
    whatever the state (a residence document for someone who needs none).
    `issues_document` names the document the event issues (a lapse is recorded when the
    previous one had expired); `fulfils` the requested documents whose request it answers.
    """

    event: str
    sources: frozenset[str | None]
    target: str | None
    taken_by: tuple[OrgKind, ...]
    legal_basis: LegalBasis
    guards: tuple[Guard, ...] = ()
    opens: tuple[Opening, ...] = ()
    closes: frozenset[DeadlineKind] = frozenset()
    target_with_legal_stay: str | None = None
    taken_by_with_legal_stay: tuple[OrgKind, ...] | None = None
    legal_stay_sources: frozenset[str | None] = frozenset()
    person_guards: tuple[Guard, ...] = ()
    issues_document: str | None = None
    fulfils: frozenset[str] = frozenset()

    def sources_for(self, person: Person) -> frozenset[str | None]:
        if person.has_legal_stay:
            return self.sources | self.legal_stay_sources
        return self.sources

    def target_for(self, person: Person) -> str | None:
        if person.has_legal_stay and self.target_with_legal_stay is not None:
            return self.target_with_legal_stay
        return self.target

    def taken_by_for(self, person: Person) -> tuple[OrgKind, ...]:
        if person.has_legal_stay and self.taken_by_with_legal_stay is not None:
            return self.taken_by_with_legal_stay
        return self.taken_by


@dataclass(frozen=True, slots=True)
class JurisdictionRules:
    """A jurisdiction's pathway as data: state and event labels, the transition table
    (one row per event type) and the deadline kinds."""

    code: str
    states: Mapping[str, str]
    event_types: Mapping[str, str]
    transitions: tuple[TransitionRule, ...]
    deadlines: tuple[DeadlineSpec, ...]
    # The right to work in a state (None: the rules say nothing, reported as unknown).
    right_to_work: Callable[[PathwayState, PathwayConfig], RightToWork] | None = None

    def rule(self, event_type: str) -> TransitionRule | None:
        return next((rule for rule in self.transitions if rule.event == event_type), None)

    def event_term(self, event_type: str) -> Term:
        """The event as a reader names it (its code where the table has no label)."""
        return Term(self.event_types.get(event_type, event_type), event_type)

    def state_term(self, state: str | None) -> Term:
        code = state or ""
        return Term(self.states.get(code, code), code)

    def deadline_spec(self, kind: DeadlineKind) -> DeadlineSpec:
        return next(spec for spec in self.deadlines if spec.kind == kind)
