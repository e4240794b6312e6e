"""Properties of the engine on random event lists, in both jurisdictions."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from nrm.pathway import (
    EVENT_TYPES,
    Document,
    Event,
    PathwayInputError,
    PathwayState,
    Person,
    SimulationResult,
    TransitionRefused,
    apply,
    available_events,
    load_schema,
    parse_simulation,
    replay,
    result_to_json,
    rules_for,
)

JURISDICTION = st.sampled_from(["BE", "DK"])
PERSON = st.builds(
    Person,
    unaccompanied_minor=st.booleans(),
    has_legal_stay=st.booleans(),
    age_at_identification=st.none() | st.integers(min_value=0, max_value=90),
)
OUTPUT_SCHEMA = Draft202012Validator(load_schema("simulation"))
# States a walk cannot leave; a walk mostly avoids them so as to reach the later states.
ENDINGS = {"STATUS_ENDED", "VOLUNTARY_RETURN", "PREPARED_RETURN"}


def _event(draw: st.DrawFn, date: dt.date, event_type: str) -> Event:
    positive = days = None
    if event_type == "PROSECUTOR_OPINION":
        # Mostly positive, so that walks reach the temporary and later states.
        positive = draw(st.sampled_from([True, True, True, False, None]))
    if event_type == "REFLECTION_EXTENDED":
        days = draw(st.none() | st.integers(min_value=1, max_value=150))
    document = None
    if event_type == "DOCUMENT_REQUESTED":
        document = draw(st.none() | st.sampled_from(list(Document)))
    return Event(date=date, type=event_type, positive=positive, days=days, document=document)


@st.composite
def random_events(draw: st.DrawFn, jurisdiction: str) -> list[Event]:
    """Any types, dates mostly forward but sometimes back."""
    date = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)))
    events = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        date += dt.timedelta(days=draw(st.integers(min_value=-3, max_value=400)))
        events.append(_event(draw, date, draw(st.sampled_from(EVENT_TYPES[jurisdiction]))))
    return events


@st.composite
def walks(draw: st.DrawFn) -> tuple[Person, str, list[Event]]:
    """Mostly events the rules allow, so that the walk reaches the later states."""
    person, jurisdiction = draw(PERSON), draw(JURISDICTION)
    state = replay(person, [], jurisdiction)
    date = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 12, 31)))
    events = []
    for _ in range(draw(st.integers(min_value=0, max_value=30))):
        date += dt.timedelta(days=draw(st.sampled_from([0, 0, 1, 10, 40, 100, 400, 800])))
        allowed = [a for a in available_events(state, date) if a.allowed]
        onward = [a.event_type for a in allowed if a.target not in ENDINGS]
        moving = [a.event_type for a in allowed if a.target and a.target not in ENDINGS]
        choice = draw(st.integers(min_value=0, max_value=9))
        if moving and choice < 3:
            event_type = draw(st.sampled_from(moving))
        elif onward and choice < 7:
            event_type = draw(st.sampled_from(onward))
        elif allowed and choice < 9:
            event_type = draw(st.sampled_from([a.event_type for a in allowed]))
        else:
            event_type = draw(st.sampled_from(EVENT_TYPES[jurisdiction]))
        event = _event(draw, date, event_type)
        events.append(event)
        with contextlib.suppress(TransitionRefused):
            state = apply(state, event)
    return person, jurisdiction, events


def check_invariants(state: PathwayState) -> None:
    rules = rules_for(state.jurisdiction)
    last = state.last_event_date
    for deadline in state.deadlines:
        assert deadline.opened_on <= deadline.due, deadline
        assert last is not None
        assert deadline.opened_on <= last
        if deadline.remind_on is not None:
            assert deadline.opened_on <= deadline.remind_on <= deadline.due
        assert state.state in rules.deadline_spec(deadline.kind).while_in
    assert len({d.kind for d in state.deadlines}) == len(state.deadlines)
    assert [d.due for d in state.deadlines] == sorted(d.due for d in state.deadlines)
    for earlier, later in zip(state.history, state.history[1:], strict=False):
        assert earlier.until == later.start
        assert earlier.start <= later.start
    if state.history:
        assert state.history[-1].until is None
        assert state.history[-1].state == state.state
    else:
        assert state.state is None


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_replaying_random_events_never_raises_and_keeps_the_invariants(
    data: st.DataObject,
) -> None:
    jurisdiction = data.draw(JURISDICTION)
    person = data.draw(PERSON)
    events = data.draw(random_events(jurisdiction))
    state = replay(person, events, jurisdiction)
    check_invariants(state)
    assert len(state.applied) + len(state.rejected) == len(events)
    assert [r.index for r in state.rejected] == sorted(r.index for r in state.rejected)


@settings(max_examples=150, deadline=None)
@given(walks())
def test_walks_keep_the_invariants_and_give_valid_json(
    walk: tuple[Person, str, list[Event]],
) -> None:
    person, jurisdiction, events = walk
    state = replay(person, events, jurisdiction)
    check_invariants(state)
    as_of = events[-1].date if events else None
    OUTPUT_SCHEMA.validate(result_to_json(SimulationResult(state, as_of)))


@settings(max_examples=150, deadline=None)
@given(walks())
def test_rejected_events_leave_the_state_unchanged(walk: tuple[Person, str, list[Event]]) -> None:
    person, jurisdiction, events = walk
    state = replay(person, events, jurisdiction)
    # Replaying only what was accepted gives the very same state.
    assert replay(person, state.applied, jurisdiction) == replace(state, rejected=())
    for rejected in state.rejected:
        before = replay(person, events[: rejected.index], jurisdiction)
        with pytest.raises(TransitionRefused) as refused:
            apply(before, rejected.event)
        assert refused.value.reason == rejected.reason


@settings(max_examples=100, deadline=None)
@given(walks(), st.data())
def test_available_events_agree_with_apply(
    walk: tuple[Person, str, list[Event]], data: st.DataObject
) -> None:
    person, jurisdiction, events = walk
    state = replay(person, events, jurisdiction)
    start = state.last_event_date or dt.date(2020, 1, 1)
    on = start + dt.timedelta(days=data.draw(st.integers(min_value=-2, max_value=900)))
    for availability in available_events(state, on):
        event = Event(date=on, type=availability.event_type, positive=True, days=None)
        if event.type == "REFLECTION_EXTENDED":
            event = replace(event, positive=None, days=data.draw(st.integers(1, 150)))
        if event.type == "DOCUMENT_REQUESTED":
            event = replace(event, positive=None, document=data.draw(st.sampled_from(Document)))
        if not availability.allowed:
            with pytest.raises(TransitionRefused) as refused:
                apply(state, event)
            assert refused.value.reason == availability.reason
        elif event.type not in {"REFLECTION_EXTENDED", "DOCUMENT_REQUESTED"}:
            # Only details the page does not know yet (an extension's length) may refuse.
            apply(state, event)


@settings(max_examples=100, deadline=None)
@given(walks(), st.integers(min_value=-10, max_value=3000))
def test_as_of_is_the_replay_of_the_events_up_to_that_date(
    walk: tuple[Person, str, list[Event]], offset: int
) -> None:
    person, jurisdiction, events = walk
    as_of = (events[0].date if events else dt.date(2020, 1, 1)) + dt.timedelta(days=offset)
    prefix = [event for event in events if event.date <= as_of]
    assert replay(person, events, jurisdiction, as_of=as_of) == replay(person, prefix, jurisdiction)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(["person", "events", "date", "type", "positive", "days",
                         "age_at_identification", "unaccompanied_minor", "x"]),
        children,
        max_size=4,
    ),
    max_leaves=20,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(JSON)
def test_parsing_any_json_either_succeeds_or_reports_problems(data: Any) -> None:
    try:
        parsed = parse_simulation(data)
    except PathwayInputError as error:
        problems = error.problems
    else:
        assert isinstance(parsed.events, tuple)
        return
    assert problems
    for problem in problems:
        assert problem.path == "" or problem.path.startswith("/")
        assert problem.message.render()
