from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nrm.pathway import Period, Unit, add_days, add_months, add_period
from nrm.pathway.tests.builders import d


def test_days_are_calendar_days_counted_from_the_start_date() -> None:
    # CONTRACTS.md §2: reflection document issued 2025-01-10 -> due 2025-02-24.
    assert add_days(d("2025-01-10"), 45) == d("2025-02-24")


def test_months_clamp_to_the_last_day_of_the_month() -> None:
    # CONTRACTS.md §2: 2025-08-31 + 6 months -> 2026-02-28.
    assert add_months(d("2025-08-31"), 6) == d("2026-02-28")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-04-15", 6, "2025-10-15"),
        ("2025-11-30", 3, "2026-02-28"),
        ("2023-08-31", 6, "2024-02-29"),  # into a leap February
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),  # from a leap day
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-12-15", 1, "2026-01-15"),  # over the year boundary
        ("2025-03-31", -1, "2025-02-28"),
    ],
)
def test_month_arithmetic(start: str, months: int, expected: str) -> None:
    assert add_months(d(start), months) == d(expected)


def test_days_cross_a_leap_day() -> None:
    assert add_days(d("2024-02-01"), 30) == d("2024-03-02")
    assert add_days(d("2025-02-01"), 30) == d("2025-03-03")


def test_periods_follow_their_unit() -> None:
    assert add_period(d("2025-01-10"), Period(45, Unit.DAYS)) == d("2025-02-24")
    assert add_period(d("2025-08-31"), Period(6, Unit.MONTHS)) == d("2026-02-28")
    assert add_period(d("2024-02-29"), Period(2, Unit.YEARS)) == d("2026-02-28")
    assert str(Period(3, Unit.MONTHS)) == "3 months"


def test_a_period_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        Period(-1, Unit.DAYS)


@settings(deadline=None)  # no timing: the machine is shared and loaded
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2900, 12, 31)),
    st.integers(min_value=0, max_value=600),
)
def test_adding_months_lands_in_the_right_month_never_later_in_it(
    start: dt.date, months: int
) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    # Clamping only ever happens at the end of a month.
    assert result.day == start.day or (result + dt.timedelta(days=1)).day == 1
