"""The screening's computed suggestion, with its reasons, from the indicators observed.

The three frameworks come from the legal core (nrm.law): the ILO forced-labour indicators,
the ILO-EC operational indicators (adults, labour) and the Belgian human-dignity profile.
How they combine into "potential victim: consider a referral" is a PRODUCT CHOICE, shown as
such on the page and configurable; it is a suggestion to the inspector, never a decision:
identification stays with the competent authority.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_noop

from nrm.inspections.vocab import Framework
from nrm.law import (
    ADULT_LABOUR_INDICATORS,
    FORCED_LABOUR_INDICATORS,
    DignityProfile,
    ForcedLabourScreening,
    Message,
    OperationalAssessment,
    assess_adult_labour_indicators,
    forced_labour_screening,
    human_dignity_profile,
)
from nrm.law.facts import LabourConditions
from nrm.law.indicators.dignity import DIGNITY_INDICATORS

# Product defaults (settings override them); none of them is law.
DEFAULT_ILO11_MIN = 2
# Belgian guaranteed minimum monthly income 2025 (EUR 2,070.48) over 38 h a week:
# UNVERIFIED — set NRM_MINIMUM_HOURLY_WAGE_EUR from the current interprofessional figure.
DEFAULT_MINIMUM_HOURLY_WAGE_EUR = Decimal("12.57")

# The dignity indicators an inspector ticks; pay and hours come from the figures typed in.
CHECKABLE_DIGNITY = (
    "DEGRADING_HOUSING",
    "UNSAFE_WORKPLACE",
    "UNDECLARED_WORK",
    "WAGE_DEDUCTIONS",
    "DEPENDENCY",
    "HUMILIATING_TREATMENT",
    "DOCUMENTS_WITHHELD",
    "NO_REST_DAY",
)
ILO11_IDS = frozenset(i.id for i in FORCED_LABOUR_INDICATORS)
ILO_EC_IDS = frozenset(i.id for i in ADULT_LABOUR_INDICATORS)
DIGNITY_IDS = frozenset(CHECKABLE_DIGNITY)
DIGNITY_DESCRIPTIONS = {i.id: i.description for i in DIGNITY_INDICATORS}
ILO_EC_DIMENSIONS = {i.id: str(i.dimension) for i in ADULT_LABOUR_INDICATORS}
DIGNITY_DIMENSION = "HUMAN_DIGNITY"
FORCED_LABOUR_DIMENSION = "FORCED_LABOUR"


def known_indicator(framework: str, indicator: str) -> bool:
    if framework == Framework.ILO_FORCED_LABOUR:
        return indicator in ILO11_IDS
    if framework == Framework.ILO_EC_OPERATIONAL:
        return indicator in ILO_EC_IDS
    if framework == Framework.BE_HUMAN_DIGNITY:
        return indicator in DIGNITY_IDS
    return False


def dimension_of(framework: str, indicator: str) -> str:
    if framework == Framework.ILO_EC_OPERATIONAL:
        return ILO_EC_DIMENSIONS[indicator]
    if framework == Framework.BE_HUMAN_DIGNITY:
        return DIGNITY_DIMENSION
    return FORCED_LABOUR_DIMENSION


class Level(StrEnum):
    POTENTIAL_VICTIM = "POTENTIAL_VICTIM"
    INDICATORS = "INDICATORS"
    NONE = "NONE"


@dataclass(frozen=True)
class Facts:
    """What a screening observed, as the suggestion needs it."""

    observed: frozenset[tuple[str, str]]  # (framework, indicator id)
    hourly_wage_eur: Decimal | None = None
    weekly_hours: Decimal | None = None
    rest_days_per_week: int | None = None
    minor: bool = False

    def ids(self, framework: str) -> frozenset[str]:
        return frozenset(i for f, i in self.observed if f == framework)


@dataclass(frozen=True)
class Suggestion:
    level: Level
    reasons: tuple[Message, ...]
    forced_labour: ForcedLabourScreening
    operational: OperationalAssessment
    dignity: DignityProfile
    indicator_count: int

    @property
    def potential_victim(self) -> bool:
        return self.level is Level.POTENTIAL_VICTIM

    def render(self, translate: Callable[[str], str]) -> list[str]:
        return [m.render(translate) for m in self.reasons]


def ilo11_minimum() -> int:
    return int(getattr(settings, "NRM_SCREENING_ILO11_MIN", DEFAULT_ILO11_MIN))


def minimum_hourly_wage() -> Decimal:
    return Decimal(
        str(getattr(settings, "NRM_MINIMUM_HOURLY_WAGE_EUR", DEFAULT_MINIMUM_HOURLY_WAGE_EUR))
    )


def labour_conditions(facts: Facts) -> LabourConditions:
    """Ticked indicators are facts; what was not ticked is unknown, not absent."""
    dignity = facts.ids(Framework.BE_HUMAN_DIGNITY)

    def ticked(indicator: str) -> bool | None:
        return True if indicator in dignity else None

    rest_days = 0 if "NO_REST_DAY" in dignity else facts.rest_days_per_week
    return LabourConditions(
        hourly_wage_eur=float(facts.hourly_wage_eur) if facts.hourly_wage_eur is not None else None,
        legal_minimum_hourly_wage_eur=float(minimum_hourly_wage()),
        weekly_hours=float(facts.weekly_hours) if facts.weekly_hours is not None else None,
        rest_days_per_week=rest_days,
        housing_provided_by_employer=ticked("DEGRADING_HOUSING"),
        housing_degrading=ticked("DEGRADING_HOUSING"),
        unsafe_workplace=ticked("UNSAFE_WORKPLACE"),
        undeclared_work=ticked("UNDECLARED_WORK"),
        documents_withheld=ticked("DOCUMENTS_WITHHELD"),
        wage_deductions=ticked("WAGE_DEDUCTIONS"),
        dependency_on_employer=ticked("DEPENDENCY"),
        humiliating_treatment=ticked("HUMILIATING_TREATMENT"),
    )


def suggest(facts: Facts) -> Suggestion:
    forced = forced_labour_screening(facts.ids(Framework.ILO_FORCED_LABOUR))
    operational = assess_adult_labour_indicators(facts.ids(Framework.ILO_EC_OPERATIONAL))
    dignity = human_dignity_profile(labour_conditions(facts))
    count = forced.count + sum(len(d.observed) for d in operational.dimensions) + dignity.count
    reasons: list[Message] = [forced.suggestion, *operational.reasons, *dignity.reasons]
    minimum = ilo11_minimum()
    if facts.minor and count:
        level = Level.POTENTIAL_VICTIM
        reasons.append(
            Message(
                gettext_noop(
                    "The worker may be a minor: for a child no coercive means are needed, so "
                    "any indicator of exploitation is reason enough to refer them to a centre "
                    "for minors (a rule of this product)."
                )
            )
        )
    elif operational.suggests_trafficking or dignity.likely or forced.count >= minimum:
        level = Level.POTENTIAL_VICTIM
        reasons.append(
            Message(
                gettext_noop(
                    "Potential victim: consider a referral to the specialised centre. This "
                    "product suggests it when the operational indicators point to trafficking, "
                    "a core human-dignity indicator is present, or at least %(minimum)s ILO "
                    "forced-labour indicators were observed. It is not an identification."
                ),
                {"minimum": minimum},
            )
        )
    elif count:
        level = Level.INDICATORS
        reasons.append(
            Message(
                gettext_noop(
                    "Some indicators were observed, not enough for this product to suggest a "
                    "referral; the inspector may still refer the worker."
                )
            )
        )
    else:
        level = Level.NONE
    return Suggestion(
        level=level,
        reasons=tuple(reasons),
        forced_labour=forced,
        operational=operational,
        dignity=dignity,
        indicator_count=count,
    )
