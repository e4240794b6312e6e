"""What a page asks: which events may be recorded now, by whom, and why not."""

from __future__ import annotations

from nrm.pathway import (
    EventAvailability,
    OrgKind,
    PathwayState,
    available_events,
    initial_state,
)
from nrm.pathway.tests.builders import (
    DK_PATHS,
    MINOR,
    REFLECTION,
    TEMPORARY,
    WITH_LEGAL_STAY,
    d,
    ev,
    state_after,
)


def by_type(state: PathwayState, on: str) -> dict[str, EventAvailability]:
    return {a.event_type: a for a in available_events(state, d(on))}


def test_every_event_type_is_listed_once() -> None:
    listed = available_events(initial_state(MINOR, "BE"), d("2025-01-01"))
    assert len({a.event_type for a in listed}) == len(listed) == 23


def test_the_first_events() -> None:
    available = by_type(initial_state(MINOR, "BE"), "2025-01-01")
    assert sorted(t for t, a in available.items() if a.allowed) == [
        "COMPLAINT_FILED", "DETECTED", "GUARDIAN_APPOINTED", "REFERRED",
    ]  # fmt: skip
    assert available["REFERRED"].taken_by == (OrgKind.SPECIALISED_CENTRE,)
    assert available["REFERRED"].target == "REFERRED"


def test_during_the_reflection_period() -> None:
    available = by_type(state_after(*REFLECTION), "2025-02-01")
    assert available["COMPLAINT_FILED"].allowed
    assert available["COMPLAINT_FILED"].taken_by == (OrgKind.POLICE, OrgKind.PROSECUTOR)
    provisional = available["PROVISIONAL_DOCUMENT_ISSUED"]
    assert not provisional.allowed
    assert provisional.reason is not None
    assert provisional.reason.render().startswith("The provisional document needs a complaint")
    assert provisional.taken_by == (OrgKind.IMMIGRATION_OFFICE,)


def test_after_the_reflection_end_a_complaint_is_unavailable_with_the_reason() -> None:
    complaint = by_type(state_after(*REFLECTION), "2025-02-25")["COMPLAINT_FILED"]
    assert not complaint.allowed
    assert complaint.reason is not None
    assert complaint.reason.params == {"date": "2025-02-24"}


def test_an_opinion_is_available_before_its_outcome_is_known() -> None:
    opinion = by_type(state_after(*TEMPORARY), "2025-09-01")["PROSECUTOR_OPINION"]
    assert (opinion.allowed, opinion.reason) == (True, None)


def test_a_renewal_is_unavailable_after_a_flag() -> None:
    flagged = state_after(*TEMPORARY, ev("2025-08-01", "PUBLIC_ORDER_FLAG"))
    renewal = by_type(flagged, "2025-09-01")["TEMPORARY_PERMIT_RENEWED"]
    assert not renewal.allowed
    assert renewal.reason is not None
    assert "public-order concern" in renewal.reason.render()


def test_a_date_before_the_last_event_makes_everything_unavailable() -> None:
    available = available_events(state_after(*REFLECTION), d("2025-01-01"))
    assert not any(a.allowed for a in available)


def test_in_denmark_who_acts_and_what_follows_depend_on_legal_stay() -> None:
    identified = DK_PATHS["IDENTIFICATION"]
    without = by_type(state_after(*identified, jurisdiction="DK"), "2025-03-02")
    with_stay = by_type(
        state_after(*identified, person=WITH_LEGAL_STAY, jurisdiction="DK"), "2025-03-02"
    )
    assert without["REFLECTION_STARTED"].taken_by == (OrgKind.IMMIGRATION_OFFICE,)
    assert without["REFLECTION_STARTED"].target == "REFLECTION"
    assert with_stay["REFLECTION_STARTED"].taken_by == (OrgKind.IDENTIFICATION_BODY,)
    assert with_stay["REFLECTION_STARTED"].target == "RESTITUTION"


def test_in_denmark_an_extension_is_unavailable_at_the_maximum() -> None:
    state = state_after(
        *DK_PATHS["REFLECTION"],
        ev("2025-03-10", "REFLECTION_EXTENDED", days=120),
        jurisdiction="DK",
    )
    extension = by_type(state, "2025-04-01")["REFLECTION_EXTENDED"]
    assert not extension.allowed
    assert by_type(state_after(*DK_PATHS["REFLECTION"], jurisdiction="DK"), "2025-03-10")[
        "REFLECTION_EXTENDED"
    ].allowed
