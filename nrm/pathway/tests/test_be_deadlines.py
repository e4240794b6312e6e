"""Belgian deadlines: each kind, its date arithmetic, who acts, and when it disappears."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from nrm.pathway import (
    DEFAULT_CONFIG,
    SETTINGS,
    DeadlineKind,
    OrgKind,
    PathwayConfig,
    PathwayState,
    Period,
    Unit,
    apply,
)
from nrm.pathway.tests.builders import (
    MINOR,
    PROVISIONAL,
    REFERRED,
    REFLECTION,
    TEMPORARY,
    d,
    ev,
    state_after,
)


def open_deadlines(state: PathwayState) -> list[tuple[str, str]]:
    return [(str(deadline.kind), deadline.due.isoformat()) for deadline in state.deadlines]


def test_the_reflection_end_is_45_calendar_days_after_the_document() -> None:
    deadline = state_after(*REFLECTION).deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert deadline.due == d("2025-02-24")
    assert deadline.responsible is OrgKind.IMMIGRATION_OFFICE
    assert deadline.action.startswith("issue the provisional document")
    assert deadline.opened_on == d("2025-01-10")
    assert deadline.remind_on == d("2025-02-17")  # 7 days before, a product default
    assert deadline.setting == "be_reflection"


def test_the_provisional_document_expires_after_three_calendar_months() -> None:
    state = state_after(*PROVISIONAL)
    assert open_deadlines(state) == [("PROVISIONAL_DOCUMENT_EXPIRY", "2025-05-01")]
    deadline = state.deadline(DeadlineKind.PROVISIONAL_DOCUMENT_EXPIRY)
    assert deadline is not None
    assert deadline.remind_on == d("2025-04-01")


def test_a_provisional_document_issued_at_a_month_end_is_clamped() -> None:
    state = state_after(
        ev("2025-11-30", "REFERRED"),
        ev("2025-11-30", "PROVISIONAL_DOCUMENT_ISSUED"),
        person=MINOR,
    )
    assert open_deadlines(state) == [("PROVISIONAL_DOCUMENT_EXPIRY", "2026-02-28")]


def test_the_extension_adds_three_months_to_the_current_expiry() -> None:
    state = state_after(*PROVISIONAL, ev("2025-04-20", "PROVISIONAL_DOCUMENT_EXTENDED"))
    assert open_deadlines(state) == [("PROVISIONAL_DOCUMENT_EXPIRY", "2025-08-01")]
    deadline = state.deadline(DeadlineKind.PROVISIONAL_DOCUMENT_EXPIRY)
    assert deadline is not None
    assert deadline.setting == "be_provisional_extension"


def test_the_temporary_permit_expires_after_six_months() -> None:
    state = state_after(*TEMPORARY)
    assert open_deadlines(state) == [("TEMPORARY_PERMIT_EXPIRY", "2025-10-15")]
    deadline = state.deadline(DeadlineKind.TEMPORARY_PERMIT_EXPIRY)
    assert deadline is not None
    assert deadline.action == "renew or end; consult prosecutor"
    assert deadline.remind_on == d("2025-09-15")


def test_a_renewal_replaces_the_expiry_from_its_own_date() -> None:
    state = state_after(*TEMPORARY, ev("2025-08-31", "TEMPORARY_PERMIT_RENEWED"))
    # 2025-08-31 + 6 months, clamped to February's last day.
    assert open_deadlines(state) == [("TEMPORARY_PERMIT_EXPIRY", "2026-02-28")]


def test_a_renewal_into_a_leap_february() -> None:
    state = state_after(
        ev("2023-01-02", "REFERRED"),
        ev("2023-01-02", "COMPLAINT_FILED"),
        ev("2023-01-02", "PROVISIONAL_DOCUMENT_ISSUED"),
        ev("2023-03-01", "PROSECUTOR_OPINION", positive=True),
        ev("2023-03-01", "TEMPORARY_PERMIT_ISSUED"),
        ev("2023-08-31", "TEMPORARY_PERMIT_RENEWED"),
    )
    assert open_deadlines(state) == [("TEMPORARY_PERMIT_EXPIRY", "2024-02-29")]


def test_deadlines_of_a_state_disappear_when_it_is_left() -> None:
    assert open_deadlines(state_after(*REFLECTION)) == [("REFLECTION_END", "2025-02-24")]
    # The provisional document fulfils the reflection end; the permit fulfils the expiry.
    assert [k for k, _ in open_deadlines(state_after(*PROVISIONAL))] == [
        "PROVISIONAL_DOCUMENT_EXPIRY"
    ]
    assert [k for k, _ in open_deadlines(state_after(*TEMPORARY))] == ["TEMPORARY_PERMIT_EXPIRY"]


@pytest.mark.parametrize("end", ["STATUS_END_DECIDED", "VOLUNTARY_RETURN"])
def test_ending_the_status_closes_every_deadline(end: str) -> None:
    state = state_after(*TEMPORARY, ev("2025-08-01", "PUBLIC_ORDER_FLAG"), ev("2025-08-10", end))
    assert state.deadlines == ()


@pytest.mark.parametrize(
    "flag", ["RECONTACT_WITH_EXPLOITER", "COOPERATION_WITHDRAWN", "PUBLIC_ORDER_FLAG"]
)
def test_a_flag_opens_a_status_review_for_the_immigration_office(flag: str) -> None:
    state = state_after(*TEMPORARY, ev("2025-08-01", flag))
    review = state.deadline(DeadlineKind.STATUS_REVIEW)
    assert review is not None
    assert review.due == d("2025-08-31")  # product default: 30 days
    assert review.responsible is OrgKind.IMMIGRATION_OFFICE
    assert review.remind_on is None


def test_a_second_flag_does_not_postpone_the_review() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-08-01", "RECONTACT_WITH_EXPLOITER"),
        ev("2025-08-20", "COOPERATION_WITHDRAWN"),
    )
    assert open_deadlines(state) == [
        ("STATUS_REVIEW", "2025-08-31"),
        ("TEMPORARY_PERMIT_EXPIRY", "2025-10-15"),
    ]


def test_a_status_decision_answers_the_review() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-08-01", "RECONTACT_WITH_EXPLOITER"),
        ev("2025-08-15", "PROSECUTOR_OPINION", positive=True),
        ev("2025-08-20", "TEMPORARY_PERMIT_RENEWED"),
    )
    assert open_deadlines(state) == [("TEMPORARY_PERMIT_EXPIRY", "2026-02-20")]


def test_a_flag_during_the_reflection_period_is_answered_by_the_provisional_document() -> None:
    state = state_after(
        *REFLECTION,
        ev("2025-01-15", "COMPLAINT_FILED"),
        ev("2025-01-20", "RECONTACT_WITH_EXPLOITER"),
    )
    assert [k for k, _ in open_deadlines(state)] == ["STATUS_REVIEW", "REFLECTION_END"]
    after = apply(state, ev("2025-01-25", "PROVISIONAL_DOCUMENT_ISSUED"))
    assert [k for k, _ in open_deadlines(after)] == ["PROVISIONAL_DOCUMENT_EXPIRY"]


@pytest.mark.parametrize("trigger", ["TRAFFICKING_CHARGE_REQUESTED", "CONVICTION"])
def test_a_charge_request_or_conviction_opens_the_permanent_residence_decision(
    trigger: str,
) -> None:
    state = state_after(*TEMPORARY, ev("2025-09-01", trigger))
    decision = state.deadline(DeadlineKind.PERMANENT_RESIDENCE_DECISION)
    assert decision is not None
    assert decision.due == d("2025-10-01")  # product default: 30 days
    assert decision.responsible is OrgKind.IMMIGRATION_OFFICE
    assert SETTINGS[decision.setting or ""].product_default


def test_a_conviction_after_the_charge_request_keeps_the_first_decision_date() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-09-01", "TRAFFICKING_CHARGE_REQUESTED"),
        ev("2025-09-20", "CONVICTION"),
    )
    decision = state.deadline(DeadlineKind.PERMANENT_RESIDENCE_DECISION)
    assert decision is not None
    assert decision.due == d("2025-10-01")


def test_permanent_residence_has_no_expiry_deadline() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2025-09-01", "TRAFFICKING_CHARGE_REQUESTED"),
        ev("2025-09-10", "PERMANENT_RESIDENCE_GRANTED"),
    )
    assert state.deadlines == ()


def test_humanitarian_residence_has_no_deadline() -> None:
    state = state_after(
        *TEMPORARY,
        ev("2026-06-01", "DISMISSAL"),
        ev("2027-02-01", "HUMANITARIAN_RESIDENCE_GRANTED"),
    )
    assert state.deadlines == ()


def test_durations_come_from_the_configuration() -> None:
    config = replace(
        DEFAULT_CONFIG,
        be_reflection=Period(30, Unit.DAYS),
        reflection_end_reminder_days=3,
    )
    state = state_after(*REFERRED, ev("2025-01-10", "REFLECTION_DOCUMENT_ISSUED"), config=config)
    deadline = state.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert (deadline.due, deadline.remind_on) == (d("2025-02-09"), d("2025-02-06"))


def test_a_reminder_is_never_before_the_deadline_opened() -> None:
    config = replace(DEFAULT_CONFIG, reflection_end_reminder_days=60)
    state = state_after(*REFLECTION, config=config)
    deadline = state.deadline(DeadlineKind.REFLECTION_END)
    assert deadline is not None
    assert deadline.remind_on == d("2025-01-10")


def test_every_setting_has_its_source_or_is_a_labelled_product_default() -> None:
    names = {field.name for field in dataclasses.fields(PathwayConfig)}
    assert names == set(SETTINGS)
    for setting in SETTINGS.values():
        assert setting.description
        assert setting.sources or setting.product_default, setting.name


def test_the_contract_durations_are_the_defaults() -> None:
    config = PathwayConfig()
    assert config.be_reflection == Period(45, Unit.DAYS)
    assert config.dk_reflection == Period(30, Unit.DAYS)
    assert config.dk_reflection_max_days == 120
    assert config.be_provisional_document == Period(3, Unit.MONTHS)
    assert config.be_temporary_permit == Period(6, Unit.MONTHS)
    assert config.be_humanitarian_wait == Period(2, Unit.YEARS)
    assert (config.permit_expiry_reminder_days, config.reflection_end_reminder_days) == (30, 7)
    for name in ("permit_expiry_reminder_days", "reflection_end_reminder_days",
                 "be_status_review", "be_permanent_residence_decision"):  # fmt: skip
        assert SETTINGS[name].product_default


def test_settings_are_read_with_their_type() -> None:
    with pytest.raises(TypeError):
        DEFAULT_CONFIG.period("dk_reflection_max_days")
    with pytest.raises(TypeError):
        DEFAULT_CONFIG.days("be_humanitarian_route_enabled")
