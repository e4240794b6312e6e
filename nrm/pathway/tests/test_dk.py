"""The Danish pathway: who identifies, reflection or restitution, extensions up to 120 days."""

from __future__ import annotations

import pytest

from nrm.pathway import (
    EVENT_TYPES,
    STATES,
    DeadlineKind,
    Event,
    OrgKind,
    PathwayConfig,
    PathwayState,
    Person,
    apply,
    reflection_total_days,
    rules_for,
)
from nrm.pathway.tests.builders import (
    ADULT,
    DK_PATHS,
    DK_RESTITUTION,
    WITH_LEGAL_STAY,
    d,
    ev,
    refusal,
    state_after,
)

DK = rules_for("DK")
IN_REFLECTION = DK_PATHS["REFLECTION"]  # started 2025-03-02, ends 2025-04-01


def dk(*events: Event, person: Person = ADULT) -> PathwayState:
    return state_after(*events, person=person, jurisdiction="DK")


def test_the_dk_vocabulary_is_the_contract_s() -> None:
    assert set(STATES["DK"]) == {
        "IDENTIFICATION", "REFLECTION", "RESTITUTION", "INVESTIGATION_PERMIT",
        "PREPARED_RETURN", "STATUS_ENDED",
    }  # fmt: skip
    # The contract's six events, and issue 15's extension: the police's request, the
    # permit's renewal, the end of the investigation, the public-order exception.
    assert set(EVENT_TYPES["DK"]) == {
        "IDENTIFIED", "REFLECTION_STARTED", "REFLECTION_EXTENDED",
        "INVESTIGATION_PERMIT_ISSUED", "PREPARED_RETURN", "STATUS_END_DECIDED",
        "INVESTIGATION_PERMIT_REQUESTED", "INVESTIGATION_PERMIT_RENEWED",
        "INVESTIGATION_ENDED", "IMMEDIATE_DEPARTURE_SET",
    }  # fmt: skip


@pytest.mark.parametrize("state", list(DK_PATHS))
def test_each_canonical_path_reaches_its_state(state: str | None) -> None:
    assert dk(*DK_PATHS[state]).state == state


def test_legal_stay_leads_to_restitution() -> None:
    assert dk(*DK_RESTITUTION, person=WITH_LEGAL_STAY).state == "RESTITUTION"


@pytest.mark.parametrize("state", [*DK_PATHS, "RESTITUTION"])
@pytest.mark.parametrize("event_type", sorted(DK.event_types))
def test_an_event_outside_its_source_states_is_refused(state: str | None, event_type: str) -> None:
    rule = DK.rule(event_type)
    assert rule is not None
    if state in rule.sources:
        return
    if state == "RESTITUTION":
        current = dk(*DK_RESTITUTION, person=WITH_LEGAL_STAY)
    else:
        current = dk(*DK_PATHS[state])
    days = 60 if event_type == "REFLECTION_EXTENDED" else None
    reason = refusal(current, ev("2025-05-01", event_type, days=days))
    # A residence step for a person with legal stay is refused for the person first; the
    # reason names the event as a reader knows it.
    assert DK.event_types[event_type] in reason or "The person has legal stay" in reason


@pytest.mark.parametrize(
    ("person", "decided_by"),
    [(ADULT, OrgKind.IMMIGRATION_OFFICE), (WITH_LEGAL_STAY, OrgKind.IDENTIFICATION_BODY)],
)
def test_who_identifies_depends_on_legal_stay(person: Person, decided_by: OrgKind) -> None:
    state = dk(ev("2025-03-01", "IDENTIFIED"), person=person)
    assert state.state == "IDENTIFICATION"
    assert state.history[-1].decided_by is decided_by


def test_the_reflection_period_is_30_days_for_a_person_without_legal_stay() -> None:
    state = dk(*IN_REFLECTION)
    assert state.state == "REFLECTION"
    assert state.history[-1].decided_by is OrgKind.IMMIGRATION_OFFICE
    deadline = state.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert (deadline.due, deadline.responsible) == (d("2025-04-01"), OrgKind.IMMIGRATION_OFFICE)
    assert deadline.remind_on == d("2025-03-25")


def test_the_restitution_period_of_a_person_with_legal_stay() -> None:
    state = dk(*DK_RESTITUTION, person=WITH_LEGAL_STAY)
    assert state.history[-1].decided_by is OrgKind.IDENTIFICATION_BODY
    deadline = state.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert (deadline.due, deadline.responsible) == (d("2025-04-01"), OrgKind.IDENTIFICATION_BODY)


def test_an_extension_gives_the_new_total_length() -> None:
    state = dk(*IN_REFLECTION, ev("2025-03-25", "REFLECTION_EXTENDED", days=60))
    deadline = state.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert deadline.due == d("2025-05-01")  # 2025-03-02 + 60 days
    assert deadline.setting is None  # the decision fixed the length
    assert reflection_total_days(state) == 60
    assert state.state == "REFLECTION"


def test_extensions_may_follow_each_other_up_to_120_days() -> None:
    state = dk(
        *IN_REFLECTION,
        ev("2025-03-25", "REFLECTION_EXTENDED", days=60),
        ev("2025-04-25", "REFLECTION_EXTENDED", days=120),
    )
    deadline = state.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert deadline.due == d("2025-06-30")
    assert refusal(state, ev("2025-05-01", "REFLECTION_EXTENDED", days=121)) == (
        "The reflection period already lasts 120 days, the longest allowed."
    )


def test_an_extension_above_120_days_is_refused() -> None:
    assert refusal(dk(*IN_REFLECTION), ev("2025-03-25", "REFLECTION_EXTENDED", days=121)) == (
        "The new total of 121 days is above the longest reflection period allowed, 120 days."
    )


def test_an_extension_must_lengthen_the_period() -> None:
    assert refusal(dk(*IN_REFLECTION), ev("2025-03-25", "REFLECTION_EXTENDED", days=30)) == (
        "The new total of 30 days does not extend the current 30 days."
    )


def test_an_extension_must_give_its_length() -> None:
    assert refusal(dk(*IN_REFLECTION), ev("2025-03-25", "REFLECTION_EXTENDED")) == (
        "The extension must give the new total length of the period in days."
    )


def test_an_extension_that_would_already_have_ended_is_refused() -> None:
    assert refusal(dk(*IN_REFLECTION), ev("2025-05-10", "REFLECTION_EXTENDED", days=60)) == (
        "Even extended, the reflection period would have ended on 2025-05-01, before this decision."
    )


def test_the_restitution_period_is_extended_by_the_identification_body() -> None:
    state = dk(*DK_RESTITUTION, person=WITH_LEGAL_STAY)
    extended = apply(state, ev("2025-03-20", "REFLECTION_EXTENDED", days=90))
    deadline = extended.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert deadline.due == d("2025-05-31")


@pytest.mark.parametrize(
    ("event_type", "target", "decided_by"),
    [
        ("INVESTIGATION_PERMIT_ISSUED", "INVESTIGATION_PERMIT", OrgKind.IMMIGRATION_OFFICE),
        ("PREPARED_RETURN", "PREPARED_RETURN", OrgKind.IDENTIFICATION_BODY),
        ("STATUS_END_DECIDED", "STATUS_ENDED", OrgKind.IMMIGRATION_OFFICE),
    ],
)
def test_leaving_the_reflection_period_closes_its_deadline(
    event_type: str, target: str, decided_by: OrgKind
) -> None:
    state = dk(*IN_REFLECTION, ev("2025-03-20", event_type))
    assert state.state == target
    assert state.history[-1].decided_by is decided_by
    assert state.deadline(DeadlineKind.REFLECTION_END) is None


def test_after_the_investigation_permit_come_return_or_end() -> None:
    permit = dk(*DK_PATHS["INVESTIGATION_PERMIT"])
    assert apply(permit, ev("2025-09-01", "PREPARED_RETURN")).state == "PREPARED_RETURN"
    assert apply(permit, ev("2025-09-01", "STATUS_END_DECIDED")).state == "STATUS_ENDED"


# Issue 15: the investigation permit's validity and renewal, the public-order exception ----

ON_REQUEST = PathwayConfig(dk_permit_needs_police_request=True)
IDENTIFIED = DK_PATHS["IDENTIFICATION"]


def test_the_investigation_permit_has_its_own_validity_and_reminder() -> None:
    permit = dk(*IN_REFLECTION, ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"))
    expiry = permit.deadline(DeadlineKind.INVESTIGATION_PERMIT_EXPIRY)
    assert expiry is not None
    assert (expiry.due, expiry.remind_on, expiry.setting) == (
        d("2025-09-20"),
        d("2025-08-21"),
        "dk_investigation_permit",
    )
    assert expiry.responsible is OrgKind.IMMIGRATION_OFFICE


def test_a_renewal_replaces_the_expiry_and_runs_from_its_date() -> None:
    renewed = dk(
        *IN_REFLECTION,
        ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"),
        ev("2025-09-01", "INVESTIGATION_PERMIT_RENEWED"),
    )
    assert renewed.state == "INVESTIGATION_PERMIT"
    assert [(x.kind, x.due) for x in renewed.deadlines] == [
        (DeadlineKind.INVESTIGATION_PERMIT_EXPIRY, d("2026-03-01"))
    ]


def test_an_expired_permit_is_not_renewed() -> None:
    permit = dk(*IN_REFLECTION, ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"))
    reason = refusal(permit, ev("2025-09-21", "INVESTIGATION_PERMIT_RENEWED"))
    assert "expired on 2025-09-20" in reason


def test_the_permit_is_not_renewed_beyond_the_investigation() -> None:
    permit = dk(
        *IN_REFLECTION,
        ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"),
        ev("2025-06-01", "INVESTIGATION_ENDED"),
    )
    reason = refusal(permit, ev("2025-09-01", "INVESTIGATION_PERMIT_RENEWED"))
    assert "ended on 2025-06-01" in reason
    assert dk(*permit.applied, ev("2025-09-01", "STATUS_END_DECIDED")).state == "STATUS_ENDED"


def test_where_the_installation_asks_it_the_permit_needs_a_police_request() -> None:
    without = refusal(
        IN_REFLECTION_STATE, ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"), ON_REQUEST
    )
    assert "not requested this permit" in without
    requested = state_after(
        *IN_REFLECTION,
        ev("2025-03-15", "INVESTIGATION_PERMIT_REQUESTED"),
        ev("2025-03-20", "INVESTIGATION_PERMIT_ISSUED"),
        jurisdiction="DK",
        config=ON_REQUEST,
    )
    assert requested.state == "INVESTIGATION_PERMIT"
    # The renewal needs a request made since the permit.
    again = refusal(requested, ev("2025-09-01", "INVESTIGATION_PERMIT_RENEWED"), ON_REQUEST)
    assert "not requested this permit since the last one" in again
    renewed = state_after(
        *requested.applied,
        ev("2025-08-25", "INVESTIGATION_PERMIT_REQUESTED"),
        ev("2025-09-01", "INVESTIGATION_PERMIT_RENEWED"),
        jurisdiction="DK",
        config=ON_REQUEST,
    )
    assert renewed.deadlines[0].due == d("2026-03-01")


def test_the_request_and_the_permit_are_for_persons_without_legal_stay() -> None:
    restitution = dk(*DK_RESTITUTION, person=WITH_LEGAL_STAY)
    for event_type in ("INVESTIGATION_PERMIT_REQUESTED", "INVESTIGATION_PERMIT_ISSUED"):
        reason = refusal(restitution, ev("2025-03-20", event_type))
        assert "has legal stay" in reason


def test_public_order_sets_an_immediate_departure_instead_of_a_reflection_period() -> None:
    ended = dk(*IDENTIFIED, ev("2025-03-01", "IMMEDIATE_DEPARTURE_SET"))
    assert ended.state == "STATUS_ENDED"
    assert ended.history[-1].decided_by is OrgKind.IMMIGRATION_OFFICE
    assert ended.deadlines == ()
    # Only instead of a period, never once it has started, and never with legal stay.
    assert "(reflection period)" in refusal(
        dk(*IN_REFLECTION), ev("2025-03-05", "IMMEDIATE_DEPARTURE_SET")
    )
    legal = dk(*IDENTIFIED, person=WITH_LEGAL_STAY)
    assert "has legal stay" in refusal(legal, ev("2025-03-02", "IMMEDIATE_DEPARTURE_SET"))


def test_the_cmm_ends_a_restitution_period() -> None:
    ended = dk(*DK_RESTITUTION, ev("2025-04-01", "STATUS_END_DECIDED"), person=WITH_LEGAL_STAY)
    assert ended.history[-1].decided_by is OrgKind.IDENTIFICATION_BODY


IN_REFLECTION_STATE = dk(*IN_REFLECTION)
