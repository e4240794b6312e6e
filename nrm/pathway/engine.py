"""The one pathway engine, shared by `nrm pathway simulate` and the web application.

`apply` takes one event or refuses it with a reason; `replay` folds a list of events and
keeps the refused ones aside; `available_events` tells a page which events may be
recorded now and why the others may not. Nothing here reads the clock: the caller passes
every date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from nrm.pathway import rules_be, rules_dk
from nrm.pathway.config import DEFAULT_CONFIG, PathwayConfig
from nrm.pathway.dates import add_days, add_period
from nrm.pathway.i18n import Message, Translate, _, identity
from nrm.pathway.model import (
    Deadline,
    DeadlineKind,
    Event,
    EventAvailability,
    HistoryEntry,
    Lapse,
    LegalBasis,
    PathwayState,
    Person,
    RejectedEvent,
    RightToWork,
    Tag,
    TransitionRefused,
)
from nrm.pathway.table import GuardContext, JurisdictionRules, Opening, TransitionRule

JURISDICTIONS: Mapping[str, JurisdictionRules] = {"BE": rules_be.RULES, "DK": rules_dk.RULES}

STATES: Mapping[str, tuple[str, ...]] = {
    code: tuple(rules.states) for code, rules in JURISDICTIONS.items()
}
EVENT_TYPES: Mapping[str, tuple[str, ...]] = {
    code: tuple(rules.event_types) for code, rules in JURISDICTIONS.items()
}
TRANSITIONS: Mapping[str, tuple[TransitionRule, ...]] = {
    code: rules.transitions for code, rules in JURISDICTIONS.items()
}


def rules_for(jurisdiction: str) -> JurisdictionRules:
    try:
        return JURISDICTIONS[jurisdiction]
    except KeyError:
        known = ", ".join(JURISDICTIONS)
        raise ValueError(f"unknown jurisdiction {jurisdiction!r} (known: {known})") from None


def initial_state(person: Person, jurisdiction: str = "BE") -> PathwayState:
    rules_for(jurisdiction)
    return PathwayState(jurisdiction=jurisdiction, person=person)


def _refusal(
    state: PathwayState,
    event_type: str,
    on: dt.date,
    event: Event | None,
    config: PathwayConfig,
) -> Message | None:
    """Why `event_type` may not be taken on `on`, or None if it may."""
    last = state.last_event_date
    if last is not None and on < last:
        return Message(
            _(
                "Events are recorded in date order: this one is dated %(date)s, before the "
                "previous one of %(previous)s."
            ),
            {"date": on.isoformat(), "previous": last.isoformat()},
        )
    rules = rules_for(state.jurisdiction)
    rule = rules.rule(event_type)
    if rule is None:
        return Message(
            _("%(event)s is not an event of the %(jurisdiction)s pathway."),
            {"event": event_type, "jurisdiction": state.jurisdiction},
        )
    context = GuardContext(state=state, on=on, event=event, config=config)
    for guard in rule.person_guards:
        reason = guard(context)
        if reason is not None:
            return reason
    if state.state not in rule.sources_for(state.person):
        if state.state is None:
            return Message(
                _(
                    "%(event)s cannot be the first event: an earlier step must be recorded "
                    "before it."
                ),
                {"event": rules.event_term(event_type)},
            )
        return Message(
            _("%(event)s: not possible at this step of the pathway (%(state)s)."),
            {"event": rules.event_term(event_type), "state": rules.state_term(state.state)},
        )
    for guard in rule.guards:
        reason = guard(context)
        if reason is not None:
            return reason
    return None


def _open_deadline(opening: Opening, context: GuardContext) -> Deadline:
    spec, config = opening.spec, context.config
    if opening.due is not None:
        due = opening.due(context)
    else:
        due = add_period(context.on, config.period(spec.setting))
    remind_on = None
    if spec.reminder_setting is not None:
        # Never remind before the deadline exists.
        remind_on = max(add_days(due, -config.days(spec.reminder_setting)), context.on)
    document = spec.document
    if opening.document_from_event and context.event is not None:
        document = context.event.document
    return Deadline(
        kind=spec.kind,
        due=due,
        responsible=spec.responsible_for(context.state.person),
        action=opening.action or spec.action,
        opened_on=context.on,
        remind_on=remind_on,
        setting=None if opening.period_from_event else opening.setting or spec.setting,
        document=document,
    )


def _lapses(
    rules: JurisdictionRules, state: PathwayState, rule: TransitionRule, on: dt.date
) -> tuple[Lapse, ...]:
    """A document issued after the previous one expired: the gap, recorded, never silent
    (RULES.md §3.6). The due date is the last day a document covers."""
    if rule.issues_document is None:
        return ()
    return tuple(
        Lapse(start=add_days(d.due, 1), until=on, document=spec.document)
        for d in state.deadlines
        if (spec := rules.deadline_spec(d.kind)).document is not None and d.due < on
    )


def apply(state: PathwayState, event: Event, config: PathwayConfig | None = None) -> PathwayState:
    """The state after `event`, or `TransitionRefused` with the reason."""
    config = config or DEFAULT_CONFIG
    reason = _refusal(state, event.type, event.date, event, config)
    if reason is not None:
        raise TransitionRefused(reason)
    rules = rules_for(state.jurisdiction)
    rule = rules.rule(event.type)
    assert rule is not None  # _refusal refuses unknown event types
    # Deadlines are computed on the state before the event (an extension adds to the
    # current expiry).
    context = GuardContext(state=state, on=event.date, event=event, config=config)
    deadlines: dict[DeadlineKind, Deadline] = {
        d.kind: d
        for d in state.deadlines
        if d.kind not in rule.closes
        # The issue of a requested document answers the request.
        and not (d.kind == DeadlineKind.REQUEST_DECISION and d.document in rule.fulfils)
    }
    lapses = _lapses(rules, state, rule, event.date)
    current, history = state.state, state.history
    target = rule.target_for(state.person)
    if target is not None:
        if history:
            history = (*history[:-1], replace(history[-1], until=event.date))
        # Plain strings, whether the table used an enum member or not.
        target = str(target)
        history = (
            *history,
            HistoryEntry(
                state=target,
                start=event.date,
                until=None,
                decided_by=rule.taken_by_for(state.person)[0],
                event_type=event.type,
                legal_basis=rule.legal_basis,
            ),
        )
        current = target
        # Leaving the states a deadline belongs to fulfils or ends it.
        deadlines = {
            kind: d for kind, d in deadlines.items() if target in rules.deadline_spec(kind).while_in
        }
    for opening in rule.opens:
        if current not in opening.spec.while_in:
            # A deadline belongs to its states: a person with legal stay keeps the
            # judicial steps but gets no residence deadline (RULES.md §3.6).
            continue
        if opening.spec.keep_earliest and opening.spec.kind in deadlines:
            continue
        # Opening a kind that is already open replaces it (a renewal replaces the expiry).
        deadlines[opening.spec.kind] = _open_deadline(opening, context)
    return replace(
        state,
        state=current,
        history=history,
        deadlines=tuple(sorted(deadlines.values(), key=lambda d: (d.due, d.kind))),
        applied=(*state.applied, event),
        lapses=(*state.lapses, *lapses),
    )


def replay(
    person: Person,
    events: Iterable[Event],
    jurisdiction: str = "BE",
    config: PathwayConfig | None = None,
    *,
    as_of: dt.date | None = None,
) -> PathwayState:
    """Apply `events` in order; refused ones go to `rejected` with their index and reason.

    With `as_of`, events dated after it are left out, giving the state on that date.
    """
    state = initial_state(person, jurisdiction)
    for index, event in enumerate(events):
        if as_of is not None and event.date > as_of:
            continue
        try:
            state = apply(state, event, config)
        except TransitionRefused as refused:
            rejected = RejectedEvent(index=index, event=event, reason=refused.reason)
            state = replace(state, rejected=(*state.rejected, rejected))
    return state


def available_events(
    state: PathwayState, on: dt.date, config: PathwayConfig | None = None
) -> list[EventAvailability]:
    """Every event type of the jurisdiction, whether it may be recorded on `on`, why not,
    and who takes it. Checks that need the event's details (an opinion's outcome, an
    extension's length) are left to `apply`."""
    config = config or DEFAULT_CONFIG
    rules = rules_for(state.jurisdiction)
    availability = []
    for rule in rules.transitions:
        reason = _refusal(state, rule.event, on, None, config)
        availability.append(
            EventAvailability(
                event_type=rule.event,
                allowed=reason is None,
                reason=reason,
                taken_by=rule.taken_by_for(state.person),
                target=rule.target_for(state.person),
            )
        )
    return availability


def describe_transitions(
    jurisdiction: str, translate: Translate = identity
) -> list[dict[str, Any]]:
    """The transition table as JSON-ready rows, for documentation and the API."""
    rules = rules_for(jurisdiction)
    return [
        {
            "event": rule.event,
            "label": translate(rules.event_types[rule.event]),
            "from": sorted(state for state in rule.sources if state is not None),
            "may_be_first": None in rule.sources,
            "to": rule.target,
            "to_with_legal_stay": rule.target_with_legal_stay,
            "taken_by": [str(kind) for kind in rule.taken_by],
            "taken_by_with_legal_stay": (
                None
                if rule.taken_by_with_legal_stay is None
                else [str(kind) for kind in rule.taken_by_with_legal_stay]
            ),
            "guards": [guard.__name__ for guard in rule.guards],
            "opens": [str(opening.spec.kind) for opening in rule.opens],
            "closes": sorted(str(kind) for kind in rule.closes),
            "legal_basis": translate(rule.legal_basis.text),
            "sources": [{"key": s.key, "tag": str(s.tag)} for s in rule.legal_basis.sources],
            "tag": str(rule.legal_basis.tag),
        }
        for rule in rules.transitions
    ]


_NOT_MODELLED = LegalBasis(
    _("The right to work in this state is not modelled for this jurisdiction."),
    (),
    rule_tag=Tag.UNVERIFIED,
)


def right_to_work(state: PathwayState, config: PathwayConfig | None = None) -> RightToWork:
    """Whether the person may work in the current state, with its basis."""
    rules = rules_for(state.jurisdiction)
    if rules.right_to_work is None:
        return RightToWork(allowed=None, basis=_NOT_MODELLED)
    return rules.right_to_work(state, config or DEFAULT_CONFIG)
