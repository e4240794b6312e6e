"""Date arithmetic for legal periods: pure `datetime.date`, no time zones.

The law counts these periods in calendar dates in the jurisdiction's time zone
(DESIGN.md, "Dates"); the caller converts an instant to a local date before it gets here.
Conventions (CONTRACTS.md §2, product defaults; RULES.md §8 note 4 tags them UNVERIFIED):

- a period in days ends on the start date plus that many days
  (2025-01-10 + 45 days -> 2025-02-24);
- a period in months adds calendar months and clamps to the month's last day
  (2025-08-31 + 6 months -> 2026-02-28); a year is twelve such months
  (2024-02-29 + 2 years -> 2026-02-28).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True, slots=True)
class Period:
    """A legal or product duration, kept as written (45 days, 3 months, 2 years) so that
    the arithmetic follows the unit the source uses."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"a period cannot be negative: {self.amount} {self.unit}")

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


def add_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def add_months(start: dt.date, months: int) -> dt.date:
    # Count in months since year 0 so that year boundaries need no special case.
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def add_period(start: dt.date, period: Period) -> dt.date:
    if period.unit is Unit.DAYS:
        return add_days(start, period.amount)
    if period.unit is Unit.MONTHS:
        return add_months(start, period.amount)
    return add_months(start, 12 * period.amount)
