"""RULES.md §3.6, the corrections to the Belgian chain: one test (or more) per rule, named
after it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nrm.pathway import (
    DEFAULT_CONFIG,
    DeadlineKind,
    Lapse,
    Period,
    Unit,
    apply,
    available_events,
    open_dismissal,
    replay,
    right_to_work,
)
from nrm.pathway.tests.builders import (
    ADULT,
    MINOR,
    PROVISIONAL,
    REFERRED,
    REFLECTION,
    TEMPORARY,
    WITH_LEGAL_STAY,
    d,
    ev,
    refusal,
    state_after,
)

# Permit issued 2025-04-15 (expires 2025-10-15); a fresh opinion and a renewal before it.
RENEWED = (
    *TEMPORARY,
    ev("2025-10-01", "PROSECUTOR_OPINION", positive=True),
    ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"),
)
DISMISSED = (*TEMPORARY, ev("2025-09-01", "DISMISSAL"))

# --- Dismissal ------------------------------------------------------------------------------


def test_dismissal_opens_a_status_review_for_the_immigration_office() -> None:
    review = state_after(*DISMISSED).deadline(DeadlineKind.STATUS_REVIEW)
    assert review is not None
    assert (review.due, str(review.responsible)) == (d("2025-10-01"), "IMMIGRATION_OFFICE")
    assert "dismissal" in review.action


def test_dismissal_refuses_the_renewal() -> None:
    state = state_after(*DISMISSED, ev("2025-10-01", "PROSECUTOR_OPINION", positive=True))
    assert refusal(state, ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED")) == (
        "The case was dismissed on 2025-09-01 and has not been reopened: the permit needs an "
        "ongoing judicial procedure."
    )


def test_dismissal_refuses_the_first_permit_too() -> None:
    state = state_after(
        *PROVISIONAL,
        ev("2025-03-01", "DISMISSAL"),
        ev("2025-03-02", "PROSECUTOR_OPINION", positive=True),
    )
    assert "dismissed on 2025-03-01" in refusal(state, ev("2025-03-05", "TEMPORARY_PERMIT_ISSUED"))


def test_case_reopened_makes_renewals_possible_again() -> None:
    state = state_after(
        *DISMISSED,
        ev("2025-09-20", "CASE_REOPENED"),
        ev("2025-10-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"),
    )
    assert open_dismissal(state) is None
    expiry = state.deadline(DeadlineKind.TEMPORARY_PERMIT_EXPIRY)
    assert expiry is not None
    assert expiry.due == d("2026-04-10")


def test_case_reopened_needs_a_dismissal_in_force() -> None:
    assert refusal(state_after(*TEMPORARY), ev("2025-09-01", "CASE_REOPENED")) == (
        "Only a dismissed case can be reopened; no dismissal is in force."
    )


def test_dismissal_twice_without_reopening_is_refused() -> None:
    assert refusal(state_after(*DISMISSED), ev("2025-09-02", "DISMISSAL")) == (
        "The case was already dismissed on 2025-09-01."
    )


def test_humanitarian_route_from_provisional_stay_waits_for_two_years() -> None:
    state = state_after(*PROVISIONAL, ev("2025-03-01", "DISMISSAL"))
    assert refusal(state, ev("2027-01-31", "HUMANITARIAN_RESIDENCE_GRANTED")) == (
        "The waiting time since the complaint of 2025-02-01 runs until 2027-02-01."
    )
    after = apply(state, ev("2027-02-01", "HUMANITARIAN_RESIDENCE_GRANTED"))
    assert after.state == "HUMANITARIAN_RESIDENCE"


def test_humanitarian_route_from_a_status_ended_after_the_dismissal() -> None:
    state = state_after(*DISMISSED, ev("2025-10-20", "STATUS_END_DECIDED"))
    after = apply(state, ev("2027-06-01", "HUMANITARIAN_RESIDENCE_GRANTED"))
    assert after.state == "HUMANITARIAN_RESIDENCE"


def test_humanitarian_route_not_from_a_status_ended_before_the_dismissal() -> None:
    state = state_after(*REFLECTION, ev("2025-02-25", "STATUS_END_DECIDED"))
    assert "dismissal" in refusal(state, ev("2027-06-01", "HUMANITARIAN_RESIDENCE_GRANTED"))


def test_humanitarian_route_after_the_end_has_a_configurable_window() -> None:
    config = replace(DEFAULT_CONFIG, be_humanitarian_after_end_window=Period(1, Unit.YEARS))
    events = (*DISMISSED, ev("2025-10-20", "STATUS_END_DECIDED"))
    state = replay(ADULT, events, "BE", config)
    assert refusal(state, ev("2027-06-01", "HUMANITARIAN_RESIDENCE_GRANTED"), config) == (
        "The status ended on 2025-10-20; humanitarian residence may be granted until 2026-10-20."
    )


def test_humanitarian_route_is_closed_by_a_reopening() -> None:
    state = state_after(*DISMISSED, ev("2025-09-20", "CASE_REOPENED"))
    assert "reopening" in refusal(state, ev("2027-06-01", "HUMANITARIAN_RESIDENCE_GRANTED"))


# --- Fresh opinion --------------------------------------------------------------------------


def test_fresh_opinion_an_opinion_before_the_current_permit_does_not_renew_it() -> None:
    # The only positive opinion is of 2025-04-15, the day the permit was issued: it
    # counts (given within the validity) for the first renewal ...
    state = state_after(*TEMPORARY, ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"))
    # ... but not for the next one.
    assert refusal(state, ev("2026-04-01", "TEMPORARY_PERMIT_RENEWED")) == (
        "The latest positive opinion, of 2025-04-15, was given before the current permit of "
        "2025-10-10; a renewal needs a new opinion given during its validity."
    )


def test_fresh_opinion_within_the_current_permit_renews_it() -> None:
    state = state_after(*RENEWED, ev("2026-03-20", "PROSECUTOR_OPINION", positive=True))
    assert apply(state, ev("2026-04-01", "TEMPORARY_PERMIT_RENEWED")).state == "TEMPORARY_STAY"


def test_fresh_opinion_window_is_configurable() -> None:
    config = replace(DEFAULT_CONFIG, be_renewal_opinion_window=Period(90, Unit.DAYS))
    state = replay(ADULT, TEMPORARY, "BE", config)
    assert refusal(state, ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"), config) == (
        "The latest positive opinion, of 2025-04-15, is older than allowed for a renewal (90 days)."
    )


@pytest.mark.parametrize("flag", ["RECONTACT_WITH_EXPLOITER", "COOPERATION_WITHDRAWN",
                                  "PUBLIC_ORDER_FLAG"])  # fmt: skip
def test_fresh_opinion_flags_block_the_renewal_and_open_a_review(flag: str) -> None:
    state = state_after(*TEMPORARY, ev("2025-09-01", flag))
    assert state.deadline(DeadlineKind.STATUS_REVIEW) is not None
    assert "no new positive opinion" in refusal(state, ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"))
    cleared = apply(state, ev("2025-10-01", "PROSECUTOR_OPINION", positive=True))
    assert apply(cleared, ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"))


# --- Lapse ----------------------------------------------------------------------------------


def test_lapse_a_renewal_after_the_expiry_is_accepted_and_recorded() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-10-20", "PROSECUTOR_OPINION", positive=True),
        ev("2025-10-25", "TEMPORARY_PERMIT_RENEWED"),
    )
    assert state.lapses == (Lapse(start=d("2025-10-16"), until=d("2025-10-25"), document="PERMIT"),)
    expiry = state.deadline(DeadlineKind.TEMPORARY_PERMIT_EXPIRY)
    assert expiry is not None
    assert expiry.due == d("2026-04-25")


def test_lapse_a_renewal_on_the_expiry_day_is_no_lapse() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-10-15", "PROSECUTOR_OPINION", positive=True),
        ev("2025-10-15", "TEMPORARY_PERMIT_RENEWED"),
    )
    assert state.lapses == ()


def test_lapse_a_provisional_document_after_the_reflection_period() -> None:
    state = state_after(
        *REFLECTION,
        ev("2025-02-20", "COMPLAINT_FILED"),
        ev("2025-03-03", "PROVISIONAL_DOCUMENT_ISSUED"),
    )
    assert state.lapses == (
        Lapse(start=d("2025-02-25"), until=d("2025-03-03"), document="ANNEX_15"),
    )


def test_lapse_a_late_extension_is_recorded() -> None:
    state = state_after(*PROVISIONAL, ev("2025-05-10", "PROVISIONAL_DOCUMENT_EXTENDED"))
    assert state.lapses == (
        Lapse(start=d("2025-05-02"), until=d("2025-05-10"), document="PROVISIONAL"),
    )


# --- Day 45 (more in test_be_guards.py) ---------------------------------------------------


def test_day_45_the_deadline_is_the_issue_date_plus_45_days() -> None:
    end = state_after(*REFLECTION).deadline(DeadlineKind.REFLECTION_END)
    assert end is not None
    assert end.due == d("2025-02-24")
    assert not end.is_overdue(d("2025-02-24"))


# --- Legal stay -----------------------------------------------------------------------------

LEGAL_STAY_REASON = (
    "The person has legal stay in Belgium (Belgian, EU citizen or a valid permit): no annex "
    "15, provisional document or permit is issued, and no immigration deadline runs."
)


@pytest.mark.parametrize(
    "event_type",
    [
        "REFLECTION_DOCUMENT_ISSUED",
        "PROVISIONAL_DOCUMENT_ISSUED",
        "PROVISIONAL_DOCUMENT_EXTENDED",
        "TEMPORARY_PERMIT_ISSUED",
        "TEMPORARY_PERMIT_RENEWED",
        "DOCUMENT_REQUESTED",
    ],
)
def test_legal_stay_immigration_events_are_refused_with_the_reason(event_type: str) -> None:
    state = state_after(*REFERRED, person=WITH_LEGAL_STAY)
    assert refusal(state, ev("2025-01-11", event_type, document=None)) == LEGAL_STAY_REASON


def test_legal_stay_the_chain_records_the_judicial_steps_without_deadlines() -> None:
    state = state_after(
        ev("2025-01-09", "DETECTED"),
        ev("2025-01-10", "REFERRED"),
        ev("2025-01-12", "COMPLAINT_FILED"),
        ev("2025-03-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-06-01", "RECONTACT_WITH_EXPLOITER"),
        ev("2025-07-01", "DISMISSAL"),
        ev("2025-08-01", "CASE_REOPENED"),
        ev("2025-09-01", "TRAFFICKING_CHARGE_REQUESTED"),
        person=WITH_LEGAL_STAY,
    )
    assert state.state == "REFERRED"
    assert state.deadlines == ()


def test_legal_stay_is_not_needed_for_the_judicial_steps_of_others() -> None:
    assert "not possible at this step of the pathway (referred to a specialised centre)" in refusal(
        state_after(*REFERRED), ev("2025-03-01", "PROSECUTOR_OPINION", positive=True)
    )


# --- Right to work --------------------------------------------------------------------------


def test_right_to_work_during_reflection_as_the_seed_note_says() -> None:
    work = right_to_work(state_after(*REFLECTION))
    assert work.allowed is True
    assert {s.key for s in work.basis.sources} == {"SEED-NOTE", "LEGLINE-1994"}


def test_right_to_work_during_reflection_is_configurable() -> None:
    config = replace(DEFAULT_CONFIG, be_reflection_right_to_work=False)
    assert right_to_work(replay(ADULT, REFLECTION, "BE", config), config).allowed is False


@pytest.mark.parametrize(
    ("events", "allowed"),
    [(REFERRED, False), (PROVISIONAL, True), (TEMPORARY, True),
     ((*TEMPORARY, ev("2025-09-01", "CONVICTION"),
       ev("2025-09-02", "PERMANENT_RESIDENCE_GRANTED")), True)],
)  # fmt: skip
def test_right_to_work_per_phase(events: tuple[object, ...], allowed: bool) -> None:
    assert right_to_work(state_after(*events)).allowed is allowed  # type: ignore[arg-type]


# --- The centre files the requests ----------------------------------------------------------


def test_request_opens_a_decision_deadline_fulfilled_by_the_matching_issue() -> None:
    state = state_after(*REFERRED, ev("2025-01-10", "DOCUMENT_REQUESTED", document="ANNEX_15"))
    request = state.deadline(DeadlineKind.REQUEST_DECISION)
    assert request is not None
    assert (request.due, request.document, str(request.responsible)) == (
        d("2025-02-09"), "ANNEX_15", "IMMIGRATION_OFFICE",
    )  # fmt: skip
    after = apply(state, ev("2025-01-15", "REFLECTION_DOCUMENT_ISSUED"))
    assert after.deadline(DeadlineKind.REQUEST_DECISION) is None


def test_request_a_renewal_is_answered_by_the_renewal() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-09-15", "DOCUMENT_REQUESTED", document="RENEWAL"),
        ev("2025-10-01", "PROSECUTOR_OPINION", positive=True),
    )
    assert state.deadline(DeadlineKind.REQUEST_DECISION) is not None
    after = apply(state, ev("2025-10-10", "TEMPORARY_PERMIT_RENEWED"))
    assert after.deadline(DeadlineKind.REQUEST_DECISION) is None


def test_request_refused_closes_the_deadline() -> None:
    state = state_after(*PROVISIONAL, ev("2025-03-01", "DOCUMENT_REQUESTED", document="PERMIT"))
    after = apply(state, ev("2025-03-10", "DOCUMENT_REFUSED"))
    assert after.deadline(DeadlineKind.REQUEST_DECISION) is None
    assert refusal(after, ev("2025-03-11", "DOCUMENT_REFUSED")) == (
        "No request of the centre awaits a decision."
    )


def test_request_one_at_a_time() -> None:
    state = state_after(*PROVISIONAL, ev("2025-03-01", "DOCUMENT_REQUESTED", document="PERMIT"))
    assert refusal(state, ev("2025-03-02", "DOCUMENT_REQUESTED", document="PROVISIONAL")) == (
        "The request of 2025-03-01 for temporary permit (CIRE) still awaits the immigration "
        "office's decision."
    )


def test_request_must_fit_the_state() -> None:
    assert (
        refusal(state_after(*REFERRED), ev("2025-01-11", "DOCUMENT_REQUESTED", document="RENEWAL"))
        == "A request for renewal of the temporary permit is not possible at this step of the "
        "pathway (referred to a specialised centre)."
    )


def test_request_needs_a_document() -> None:
    assert refusal(state_after(*REFERRED), ev("2025-01-11", "DOCUMENT_REQUESTED")).startswith(
        "Say which document is requested"
    )


def test_request_is_taken_by_the_specialised_centre() -> None:
    available = {a.event_type: a for a in available_events(state_after(*REFERRED), d("2025-01-11"))}
    assert [str(k) for k in available["DOCUMENT_REQUESTED"].taken_by] == ["SPECIALISED_CENTRE"]


def test_request_a_humanitarian_residence_after_the_status_ended() -> None:
    state = state_after(
        *DISMISSED,
        ev("2025-10-20", "STATUS_END_DECIDED"),
        ev("2027-03-01", "DOCUMENT_REQUESTED", document="HUMANITARIAN"),
    )
    after = apply(state, ev("2027-03-15", "HUMANITARIAN_RESIDENCE_GRANTED"))
    assert (after.state, after.deadlines) == ("HUMANITARIAN_RESIDENCE", ())


def test_request_an_end_of_status_answers_the_pending_request() -> None:
    state = state_after(*PROVISIONAL, ev("2025-03-01", "DOCUMENT_REQUESTED", document="PERMIT"))
    after = apply(state, ev("2025-03-05", "STATUS_END_DECIDED"))
    assert after.deadline(DeadlineKind.REQUEST_DECISION) is None


# --- Minors ---------------------------------------------------------------------------------


def test_minors_guardian_appointed_is_recorded_for_an_unaccompanied_minor() -> None:
    from nrm.pathway import guardian_appointed_on

    state = state_after(*REFERRED, ev("2025-01-12", "GUARDIAN_APPOINTED"), person=MINOR)
    assert guardian_appointed_on(state) == d("2025-01-12")
    assert state.state == "REFERRED"


def test_minors_no_guardian_for_an_adult() -> None:
    assert refusal(state_after(*REFERRED), ev("2025-01-12", "GUARDIAN_APPOINTED")) == (
        "A guardian is appointed only for an unaccompanied minor."
    )
