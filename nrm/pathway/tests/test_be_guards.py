"""Every Belgian guard, satisfied and refused, with the reason a page would show."""

from __future__ import annotations

from dataclasses import replace

import pytest

from nrm.pathway import (
    DEFAULT_CONFIG,
    TransitionRefused,
    apply,
    counting_complaint_date,
    latest_opinion,
    replay,
    unresolved_flags,
)
from nrm.pathway.tests.builders import (
    ADULT,
    MINOR,
    PROVISIONAL,
    REFERRED,
    REFLECTION,
    TEMPORARY,
    d,
    ev,
    refusal,
    state_after,
)

# --- reflection period ------------------------------------------------------------------


def test_an_unaccompanied_minor_gets_no_reflection_document() -> None:
    state = state_after(*REFERRED, person=MINOR)
    assert refusal(state, ev("2025-01-10", "REFLECTION_DOCUMENT_ISSUED")) == (
        "An unaccompanied minor gets no reflection period: the immigration office issues "
        "the provisional document directly."
    )


def test_an_adult_gets_the_reflection_document() -> None:
    assert apply(state_after(*REFERRED), ev("2025-01-10", "REFLECTION_DOCUMENT_ISSUED"))


# --- complaint ----------------------------------------------------------------------------


def test_day_45_a_complaint_on_the_issue_date_plus_45_days_counts() -> None:
    # RULES.md §3.6 "Day 45": issued 2025-01-10, last day 2025-02-24 included.
    after = apply(state_after(*REFLECTION), ev("2025-02-24", "COMPLAINT_FILED"))
    assert counting_complaint_date(after) == d("2025-02-24")


@pytest.mark.parametrize("late", ["2025-02-25", "2025-03-10"])
def test_day_45_a_complaint_after_the_last_day_is_refused(late: str) -> None:
    assert refusal(state_after(*REFLECTION), ev(late, "COMPLAINT_FILED")) == (
        "The reflection period's last day was 2025-02-24; a complaint made after it no "
        "longer opens the victim status."
    )


def test_day_45_the_last_day_can_be_excluded_by_configuration() -> None:
    config = replace(DEFAULT_CONFIG, be_reflection_includes_last_day=False)
    state = replay(ADULT, REFLECTION, "BE", config)
    assert refusal(state, ev("2025-02-24", "COMPLAINT_FILED"), config) == (
        "The reflection period's last day was 2025-02-23; a complaint made after it no "
        "longer opens the victim status."
    )


def test_a_complaint_before_the_reflection_period_counts() -> None:
    after = state_after(*REFERRED, ev("2025-01-10", "COMPLAINT_FILED"))
    assert counting_complaint_date(after) == d("2025-01-10")


def test_the_first_complaint_sets_the_counting_date() -> None:
    after = state_after(*PROVISIONAL, ev("2025-03-01", "COMPLAINT_FILED"))
    assert counting_complaint_date(after) == d("2025-02-01")


def test_a_minor_s_first_complaint_during_the_provisional_stay_counts() -> None:
    after = state_after(
        *REFERRED,
        ev("2025-01-10", "PROVISIONAL_DOCUMENT_ISSUED"),
        ev("2025-02-05", "COMPLAINT_FILED"),
        person=MINOR,
    )
    assert counting_complaint_date(after) == d("2025-02-05")


# --- provisional document -----------------------------------------------------------------


def test_the_provisional_document_needs_a_complaint() -> None:
    expected = (
        "The provisional document needs a complaint or statements made in time, unless the "
        "person is an unaccompanied minor."
    )
    assert refusal(state_after(*REFLECTION), ev("2025-01-20", "PROVISIONAL_DOCUMENT_ISSUED")) == (
        expected
    )
    assert refusal(state_after(*REFERRED), ev("2025-01-20", "PROVISIONAL_DOCUMENT_ISSUED")) == (
        expected
    )


def test_a_complaint_made_in_time_still_allows_the_document_after_the_reflection_end() -> None:
    # The office may decide late; what counts is when the complaint was made.
    state = state_after(*REFLECTION, ev("2025-02-20", "COMPLAINT_FILED"))
    assert apply(state, ev("2025-03-05", "PROVISIONAL_DOCUMENT_ISSUED")).state == (
        "PROVISIONAL_STAY"
    )


def test_an_unaccompanied_minor_needs_no_complaint_for_the_provisional_document() -> None:
    state = state_after(*REFERRED, person=MINOR)
    assert apply(state, ev("2025-01-10", "PROVISIONAL_DOCUMENT_ISSUED")).state == (
        "PROVISIONAL_STAY"
    )


def test_the_provisional_document_is_extended_only_once() -> None:
    state = state_after(*PROVISIONAL, ev("2025-04-20", "PROVISIONAL_DOCUMENT_EXTENDED"))
    assert refusal(state, ev("2025-07-01", "PROVISIONAL_DOCUMENT_EXTENDED")) == (
        "The provisional document has already been extended as often as allowed (1)."
    )


def test_the_number_of_extensions_is_configurable() -> None:
    config = replace(DEFAULT_CONFIG, be_provisional_max_extensions=2)
    state = state_after(
        *PROVISIONAL, ev("2025-04-20", "PROVISIONAL_DOCUMENT_EXTENDED"), config=config
    )
    assert apply(state, ev("2025-07-01", "PROVISIONAL_DOCUMENT_EXTENDED"), config)


def test_an_extension_that_would_already_have_run_out_is_refused() -> None:
    # Document issued 2025-02-01, expires 2025-05-01; extended it would run to 2025-08-01.
    assert refusal(
        state_after(*PROVISIONAL), ev("2025-08-02", "PROVISIONAL_DOCUMENT_EXTENDED")
    ) == (
        "Even extended, the provisional document would have expired on 2025-08-01, before "
        "this decision."
    )
    assert apply(state_after(*PROVISIONAL), ev("2025-08-01", "PROVISIONAL_DOCUMENT_EXTENDED"))


# --- prosecutor's opinion and temporary permit ---------------------------------------------


def test_an_opinion_must_say_whether_it_is_positive() -> None:
    assert refusal(state_after(*PROVISIONAL), ev("2025-03-01", "PROSECUTOR_OPINION")) == (
        "The opinion must say whether it is positive or negative."
    )


def test_the_temporary_permit_needs_an_opinion() -> None:
    assert refusal(state_after(*PROVISIONAL), ev("2025-03-01", "TEMPORARY_PERMIT_ISSUED")) == (
        "No opinion of the prosecutor or labour auditor has been recorded; the temporary "
        "permit needs a positive one."
    )


def test_the_temporary_permit_is_refused_after_a_negative_opinion() -> None:
    state = state_after(*PROVISIONAL, ev("2025-03-01", "PROSECUTOR_OPINION", positive=False))
    assert refusal(state, ev("2025-03-02", "TEMPORARY_PERMIT_ISSUED")) == (
        "The latest opinion of the prosecutor or labour auditor, given on 2025-03-01, is negative."
    )


def test_the_latest_opinion_counts() -> None:
    state = state_after(
        *PROVISIONAL,
        ev("2025-03-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-03-05", "PROSECUTOR_OPINION", positive=False),
    )
    latest = latest_opinion(state)
    assert latest is not None
    assert latest.positive is False
    assert "negative" in refusal(state, ev("2025-03-06", "TEMPORARY_PERMIT_ISSUED"))


def test_a_flag_after_the_positive_opinion_blocks_the_temporary_permit() -> None:
    state = state_after(
        *PROVISIONAL,
        ev("2025-03-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-03-02", "RECONTACT_WITH_EXPLOITER"),
    )
    assert refusal(state, ev("2025-03-03", "TEMPORARY_PERMIT_ISSUED")) == (
        "Re-contact with the exploiter was recorded on 2025-03-02 and no new positive opinion "
        "of the prosecutor or labour auditor has followed."
    )


# --- renewal ------------------------------------------------------------------------------

FLAG_REASONS = {
    "RECONTACT_WITH_EXPLOITER": "Re-contact with the exploiter was recorded on 2025-08-01",
    "COOPERATION_WITHDRAWN": "Withdrawn cooperation was recorded on 2025-08-01",
    "PUBLIC_ORDER_FLAG": "A public-order concern was recorded on 2025-08-01",
}


@pytest.mark.parametrize("flag", sorted(FLAG_REASONS))
def test_a_renewal_is_refused_after_a_flag_until_a_new_positive_opinion(flag: str) -> None:
    flagged = state_after(*TEMPORARY, ev("2025-08-01", flag))
    assert unresolved_flags(flagged) == (ev("2025-08-01", flag),)
    assert refusal(flagged, ev("2025-10-01", "TEMPORARY_PERMIT_RENEWED")) == (
        FLAG_REASONS[flag] + " and no new positive opinion of the prosecutor or labour "
        "auditor has followed."
    )
    # A negative opinion does not lift the flag, and is itself a reason.
    negative = apply(flagged, ev("2025-09-01", "PROSECUTOR_OPINION", positive=False))
    assert "negative" in refusal(negative, ev("2025-10-01", "TEMPORARY_PERMIT_RENEWED"))
    cleared = apply(negative, ev("2025-09-15", "PROSECUTOR_OPINION", positive=True))
    assert unresolved_flags(cleared) == ()
    renewed = apply(cleared, ev("2025-10-01", "TEMPORARY_PERMIT_RENEWED"))
    assert renewed.state == "TEMPORARY_STAY"


def test_a_flag_on_the_same_day_after_the_opinion_is_not_resolved_by_it() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-08-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-08-01", "COOPERATION_WITHDRAWN"),
    )
    assert "Withdrawn cooperation" in refusal(state, ev("2025-10-01", "TEMPORARY_PERMIT_RENEWED"))


def test_a_renewal_is_refused_after_a_negative_opinion() -> None:
    state = state_after(*TEMPORARY, ev("2025-09-01", "PROSECUTOR_OPINION", positive=False))
    assert refusal(state, ev("2025-10-01", "TEMPORARY_PERMIT_RENEWED")) == (
        "The latest opinion of the prosecutor or labour auditor, given on 2025-09-01, is negative."
    )


def test_renewals_continue_without_a_limit() -> None:
    state = state_after(*TEMPORARY)
    for date in ("2025-10-10", "2026-04-05", "2026-10-01", "2027-03-30"):
        state = apply(state, ev(date, "PROSECUTOR_OPINION", positive=True))
        state = apply(state, ev(date, "TEMPORARY_PERMIT_RENEWED"))
    assert state.state == "TEMPORARY_STAY"


# --- permanent and humanitarian residence --------------------------------------------------


def test_permanent_residence_needs_a_charge_request_or_a_conviction() -> None:
    assert refusal(state_after(*TEMPORARY), ev("2025-09-01", "PERMANENT_RESIDENCE_GRANTED")) == (
        "Permanent residence needs a conviction for trafficking or the prosecutor's request "
        "for one; neither has been recorded."
    )


def test_humanitarian_residence_needs_a_dismissal() -> None:
    assert (
        refusal(state_after(*TEMPORARY), ev("2027-03-01", "HUMANITARIAN_RESIDENCE_GRANTED"))
        == "Humanitarian residence needs a dismissal of the case in force (recorded and not "
        "followed by a reopening)."
    )


def test_humanitarian_residence_needs_two_years_since_the_complaint() -> None:
    # The complaint of the canonical path is dated 2025-02-01.
    state = state_after(*TEMPORARY, ev("2026-06-01", "DISMISSAL"))
    assert refusal(state, ev("2027-01-31", "HUMANITARIAN_RESIDENCE_GRANTED")) == (
        "The waiting time since the complaint of 2025-02-01 runs until 2027-02-01."
    )
    granted = apply(state, ev("2027-02-01", "HUMANITARIAN_RESIDENCE_GRANTED"))
    assert granted.state == "HUMANITARIAN_RESIDENCE"


def test_the_humanitarian_waiting_time_runs_from_a_complaint() -> None:
    # A minor can reach the temporary stay without any complaint.
    state = state_after(
        *REFERRED,
        ev("2025-01-10", "PROVISIONAL_DOCUMENT_ISSUED"),
        ev("2025-02-01", "PROSECUTOR_OPINION", positive=True),
        ev("2025-02-01", "TEMPORARY_PERMIT_ISSUED"),
        ev("2025-06-01", "DISMISSAL"),
        person=MINOR,
    )
    assert refusal(state, ev("2028-01-01", "HUMANITARIAN_RESIDENCE_GRANTED")) == (
        "No complaint has been recorded; the waiting time for humanitarian residence runs "
        "from the complaint."
    )


def test_the_humanitarian_route_can_be_switched_off() -> None:
    config = replace(DEFAULT_CONFIG, be_humanitarian_route_enabled=False)
    state = state_after(*TEMPORARY, ev("2026-06-01", "DISMISSAL"))
    assert refusal(state, ev("2027-03-01", "HUMANITARIAN_RESIDENCE_GRANTED"), config) == (
        "The humanitarian route after a dismissal is switched off in this installation, "
        "because its statutory basis is unverified."
    )


def test_the_humanitarian_waiting_time_is_configurable() -> None:
    from nrm.pathway import Period, Unit

    config = replace(DEFAULT_CONFIG, be_humanitarian_wait=Period(1, Unit.YEARS))
    state = state_after(*TEMPORARY, ev("2025-12-01", "DISMISSAL"), config=config)
    assert apply(state, ev("2026-02-01", "HUMANITARIAN_RESIDENCE_GRANTED"), config)


def test_a_refusal_carries_a_translatable_reason() -> None:
    with pytest.raises(TransitionRefused) as refused:
        apply(state_after(*REFLECTION), ev("2025-03-01", "COMPLAINT_FILED"))
    reason = refused.value.reason
    assert reason.template.startswith("The reflection period's last day was %(date)s")
    assert reason.params == {"date": "2025-02-24"}
    assert str(refused.value) == reason.render()
