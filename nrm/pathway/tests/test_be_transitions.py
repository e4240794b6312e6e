"""Every Belgian event in every state: allowed where the table says, refused elsewhere."""

from __future__ import annotations

import pytest

from nrm.pathway import EVENT_TYPES, STATES, Event, OrgKind, apply, rules_for
from nrm.pathway.tests.builders import (
    BE_PATHS,
    MINOR,
    PROVISIONAL,
    REFERRED,
    REFLECTION,
    TEMPORARY,
    ev,
    refusal,
    state_after,
)

BE = rules_for("BE")


def test_the_be_vocabulary_is_the_contract_s() -> None:
    assert set(STATES["BE"]) == {
        "DETECTED", "REFERRED", "REFLECTION", "PROVISIONAL_STAY", "TEMPORARY_STAY",
        "PERMANENT_STAY", "STATUS_ENDED", "VOLUNTARY_RETURN", "HUMANITARIAN_RESIDENCE",
    }  # fmt: skip
    assert set(EVENT_TYPES["BE"]) == {
        "DETECTED", "REFERRED", "REFLECTION_DOCUMENT_ISSUED", "COMPLAINT_FILED",
        "PROVISIONAL_DOCUMENT_ISSUED", "PROVISIONAL_DOCUMENT_EXTENDED", "PROSECUTOR_OPINION",
        "TEMPORARY_PERMIT_ISSUED", "TEMPORARY_PERMIT_RENEWED", "TRAFFICKING_CHARGE_REQUESTED",
        "CONVICTION", "PERMANENT_RESIDENCE_GRANTED", "DISMISSAL",
        "HUMANITARIAN_RESIDENCE_GRANTED", "RECONTACT_WITH_EXPLOITER", "COOPERATION_WITHDRAWN",
        "PUBLIC_ORDER_FLAG", "STATUS_END_DECIDED", "VOLUNTARY_RETURN", "CASE_REOPENED",
        "DOCUMENT_REQUESTED", "DOCUMENT_REFUSED", "GUARDIAN_APPOINTED",
    }  # fmt: skip


def test_the_table_has_one_row_per_event_type() -> None:
    events = [rule.event for rule in BE.transitions]
    assert sorted(events) == sorted(set(events)) == sorted(BE.event_types)


@pytest.mark.parametrize("state", list(BE_PATHS))
def test_each_canonical_path_reaches_its_state(state: str | None) -> None:
    assert state_after(*BE_PATHS[state]).state == state


@pytest.mark.parametrize("state", list(BE_PATHS))
@pytest.mark.parametrize("event_type", sorted(BE.event_types))
def test_an_event_outside_its_source_states_is_refused(state: str | None, event_type: str) -> None:
    rule = BE.rule(event_type)
    assert rule is not None
    if state in rule.sources:
        return
    current = state_after(*BE_PATHS[state])
    positive = True if event_type == "PROSECUTOR_OPINION" else None
    reason = refusal(current, ev("2027-06-01", event_type, positive=positive))
    if state is None:
        assert (
            reason == f"{BE.event_types[event_type]} cannot be the first event: an earlier step "
            "must be recorded before it."
        )
    else:
        # The reader sees the names of the event and the step, never their codes.
        assert reason == (
            f"{BE.event_types[event_type]}: not possible at this step of the pathway "
            f"({BE.states[state]})."
        )


# (path, event, resulting state, who decided)
STATE_CHANGES = [
    ((), ev("2025-01-09", "DETECTED"), "DETECTED", OrgKind.FRONTLINE),
    ((), ev("2025-01-09", "REFERRED"), "REFERRED", OrgKind.SPECIALISED_CENTRE),
    (BE_PATHS["DETECTED"], ev("2025-01-10", "REFERRED"), "REFERRED", OrgKind.SPECIALISED_CENTRE),
    (REFERRED, ev("2025-01-10", "REFLECTION_DOCUMENT_ISSUED"), "REFLECTION",
     OrgKind.IMMIGRATION_OFFICE),
    ((*REFERRED, ev("2025-01-10", "COMPLAINT_FILED")),
     ev("2025-01-11", "PROVISIONAL_DOCUMENT_ISSUED"), "PROVISIONAL_STAY",
     OrgKind.IMMIGRATION_OFFICE),
    ((*REFLECTION, ev("2025-01-20", "COMPLAINT_FILED")),
     ev("2025-01-21", "PROVISIONAL_DOCUMENT_ISSUED"), "PROVISIONAL_STAY",
     OrgKind.IMMIGRATION_OFFICE),
    ((*PROVISIONAL, ev("2025-03-01", "PROSECUTOR_OPINION", positive=True)),
     ev("2025-03-02", "TEMPORARY_PERMIT_ISSUED"), "TEMPORARY_STAY", OrgKind.IMMIGRATION_OFFICE),
    ((*TEMPORARY, ev("2025-09-01", "TRAFFICKING_CHARGE_REQUESTED")),
     ev("2025-09-02", "PERMANENT_RESIDENCE_GRANTED"), "PERMANENT_STAY",
     OrgKind.IMMIGRATION_OFFICE),
    ((*TEMPORARY, ev("2025-09-01", "CONVICTION")),
     ev("2025-09-02", "PERMANENT_RESIDENCE_GRANTED"), "PERMANENT_STAY",
     OrgKind.IMMIGRATION_OFFICE),
    ((*TEMPORARY, ev("2025-09-01", "DISMISSAL")),
     ev("2027-02-01", "HUMANITARIAN_RESIDENCE_GRANTED"), "HUMANITARIAN_RESIDENCE",
     OrgKind.IMMIGRATION_OFFICE),
    (REFLECTION, ev("2025-02-24", "STATUS_END_DECIDED"), "STATUS_ENDED",
     OrgKind.IMMIGRATION_OFFICE),
    (PROVISIONAL, ev("2025-03-01", "STATUS_END_DECIDED"), "STATUS_ENDED",
     OrgKind.IMMIGRATION_OFFICE),
    (TEMPORARY, ev("2025-06-01", "STATUS_END_DECIDED"), "STATUS_ENDED",
     OrgKind.IMMIGRATION_OFFICE),
    (REFERRED, ev("2025-01-11", "VOLUNTARY_RETURN"), "VOLUNTARY_RETURN", OrgKind.PERSON),
    (REFLECTION, ev("2025-02-24", "VOLUNTARY_RETURN"), "VOLUNTARY_RETURN", OrgKind.PERSON),
    (PROVISIONAL, ev("2025-03-01", "VOLUNTARY_RETURN"), "VOLUNTARY_RETURN", OrgKind.PERSON),
    (TEMPORARY, ev("2025-06-01", "VOLUNTARY_RETURN"), "VOLUNTARY_RETURN", OrgKind.PERSON),
    (BE_PATHS["STATUS_ENDED"], ev("2025-03-01", "VOLUNTARY_RETURN"), "VOLUNTARY_RETURN",
     OrgKind.PERSON),
]  # fmt: skip


@pytest.mark.parametrize(("path", "event", "target", "decided_by"), STATE_CHANGES)
def test_state_changing_events(
    path: tuple[Event, ...], event: Event, target: str, decided_by: OrgKind
) -> None:
    after = apply(state_after(*path), event)
    assert after.state == target
    last = after.history[-1]
    assert (last.state, last.start, last.until, last.decided_by) == (
        target, event.date, None, decided_by,
    )  # fmt: skip
    assert last.legal_basis.sources, "every transition cites its sources"
    if path:
        assert after.history[-2].until == event.date


RECORD_ONLY = [
    (REFERRED, ev("2025-01-11", "COMPLAINT_FILED")),
    (BE_PATHS["DETECTED"], ev("2025-01-09", "COMPLAINT_FILED")),
    (REFLECTION, ev("2025-02-23", "COMPLAINT_FILED")),
    (PROVISIONAL, ev("2025-03-01", "COMPLAINT_FILED")),
    (PROVISIONAL, ev("2025-03-01", "PROVISIONAL_DOCUMENT_EXTENDED")),
    (REFLECTION, ev("2025-01-20", "PROSECUTOR_OPINION", positive=True)),
    (PROVISIONAL, ev("2025-03-01", "PROSECUTOR_OPINION", positive=False)),
    (TEMPORARY, ev("2025-10-01", "TEMPORARY_PERMIT_RENEWED")),
    (TEMPORARY, ev("2025-09-01", "TRAFFICKING_CHARGE_REQUESTED")),
    (TEMPORARY, ev("2025-09-01", "CONVICTION")),
    (REFLECTION, ev("2025-01-20", "DISMISSAL")),
    (TEMPORARY, ev("2025-09-01", "DISMISSAL")),
    (REFLECTION, ev("2025-01-20", "RECONTACT_WITH_EXPLOITER")),
    (PROVISIONAL, ev("2025-03-01", "COOPERATION_WITHDRAWN")),
    (TEMPORARY, ev("2025-09-01", "PUBLIC_ORDER_FLAG")),
]


@pytest.mark.parametrize(("path", "event"), RECORD_ONLY)
def test_record_only_events_keep_the_state_and_history(
    path: tuple[Event, ...], event: Event
) -> None:
    before = state_after(*path)
    after = apply(before, event)
    assert after.state == before.state
    assert after.history == before.history
    assert after.applied[-1] == event


def test_the_minor_path_skips_the_reflection_period() -> None:
    after = state_after(*REFERRED, ev("2025-01-10", "PROVISIONAL_DOCUMENT_ISSUED"), person=MINOR)
    assert [entry.state for entry in after.history] == ["REFERRED", "PROVISIONAL_STAY"]


def test_a_dk_event_is_not_part_of_the_be_pathway() -> None:
    reason = refusal(state_after(*REFERRED), ev("2025-01-11", "IDENTIFIED"))
    assert reason == "IDENTIFIED is not an event of the BE pathway."


def test_events_must_come_in_date_order() -> None:
    reason = refusal(state_after(*REFLECTION), ev("2025-01-09", "COMPLAINT_FILED"))
    assert reason == (
        "Events are recorded in date order: this one is dated 2025-01-09, before the "
        "previous one of 2025-01-10."
    )


def test_same_day_events_apply_in_the_order_given() -> None:
    after = state_after(
        ev("2025-01-10", "REFERRED"),
        ev("2025-01-10", "COMPLAINT_FILED"),
        ev("2025-01-10", "PROVISIONAL_DOCUMENT_ISSUED"),
    )
    assert after.state == "PROVISIONAL_STAY"
