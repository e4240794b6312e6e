"""Belgian "work contrary to human dignity" indicators from case law (RULES.md §2.3,
rule R-BE-DIGNITY).

There is no statutory test and courts diverge; this profile supports a court's
assessment and never replaces it. The wage and hours thresholds are PRODUCT CHOICES
(LawConfig), not law, and are reported as such.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from nrm.law.config import DEFAULT_CONFIG, LawConfig
from nrm.law.facts import LabourConditions
from nrm.law.i18n import Message, _
from nrm.law.rules import Citation, Tag


class Severity(StrEnum):
    NONE = "NONE"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


@dataclass(frozen=True, slots=True)
class DignityIndicator:
    id: str
    description: str  # sentence marked with _(); may use %(ratio)s and %(hours)s
    core: bool  # a core indicator makes the purpose "likely" arguable (R-BE-DIGNITY)
    citation: Citation
    product_threshold: bool = False  # decided by a configurable threshold, not by law


def _cite(indicator: str, *keys: str, tag: Tag = Tag.V) -> Citation:
    return Citation(f"R-BE-DIGNITY-{indicator}", keys, tag)


DIGNITY_INDICATORS: tuple[DignityIndicator, ...] = (
    DignityIndicator(
        "LOW_OR_NO_PAY",
        _(
            "Pay far below the legal minimum, or none: at most %(ratio)s%% of the minimum (a "
            "threshold chosen for this product, not set by law)."
        ),
        True,
        _cite("LOW_OR_NO_PAY", "MYRIA-JUR-NIV13", "MYRIA-JUR-LIE13", "MYRIA-JUR-BXL15"),
        product_threshold=True,
    ),
    DignityIndicator(
        "EXCESSIVE_HOURS",
        _(
            "Excessive working hours: at least %(hours)s hours a week (a threshold chosen for this"
            " product, not set by law)."
        ),
        True,
        _cite("EXCESSIVE_HOURS", "MYRIA-JUR-NIV13", "MYRIA-JUR-LIE13"),
        product_threshold=True,
    ),
    DignityIndicator(
        "DEGRADING_HOUSING",
        _("Degrading housing provided by the employer."),
        True,
        _cite("DEGRADING_HOUSING", "MYRIA-JUR-NIV13", "MYRIA-JUR-BXL11", "TERRALABORIS"),
    ),
    DignityIndicator(
        "NO_REST_DAY",
        _("No rest day in the week."),
        False,
        _cite("NO_REST_DAY", "MYRIA-JUR-NIV13", "MYRIA-JUR-LIE13"),
    ),
    DignityIndicator(
        "UNSAFE_WORKPLACE",
        _("Unsafe or unhealthy workplace."),
        False,
        _cite("UNSAFE_WORKPLACE", "MYRIA-JUR-LIE13"),
    ),
    DignityIndicator(
        "UNDECLARED_WORK",
        _("Undeclared work, without a social security declaration."),
        False,
        _cite("UNDECLARED_WORK", "MYRIA-JUR-NIV13"),
    ),
    DignityIndicator(
        "WAGE_DEDUCTIONS",
        _("Deductions from wages."),
        False,
        _cite("WAGE_DEDUCTIONS", "MYRIA-JUR-NIV13"),
    ),
    DignityIndicator(
        "DEPENDENCY",
        _("Dependency on the employer."),
        False,
        _cite("DEPENDENCY", "MYRIA-JUR-LIE13", "MYRIA-JUR-BXL15", "PANOPTICON-2025"),
    ),
    DignityIndicator(
        "HUMILIATING_TREATMENT",
        _("Humiliating treatment."),
        False,
        _cite("HUMILIATING_TREATMENT", "MYRIA-JUR-BXL11"),
    ),
    # Not in the Belgian case-law table: ILO forced-labour indicator 7, which some
    # Belgian courts borrow (MYRIA-JUR-LIE21).
    DignityIndicator(
        "DOCUMENTS_WITHHELD",
        _("Identity documents withheld."),
        False,
        _cite("DOCUMENTS_WITHHELD", "ILO-FL-2012", "MYRIA-JUR-LIE21", tag=Tag.S),
    ),
)

THRESHOLDS = Citation("R-BE-DIGNITY-THRESHOLDS", (), Tag.UNVERIFIED)


def _low_pay(c: LabourConditions, config: LawConfig) -> bool | None:
    if c.hourly_wage_eur is None:
        return None
    if c.hourly_wage_eur == 0:
        return True
    if c.legal_minimum_hourly_wage_eur is None:
        return None
    return c.hourly_wage_eur <= config.dignity_wage_ratio_max * c.legal_minimum_hourly_wage_eur


def _hours(c: LabourConditions, config: LawConfig) -> bool | None:
    if c.weekly_hours is None:
        return None
    return c.weekly_hours >= config.dignity_weekly_hours_min


def _no_rest(c: LabourConditions, config: LawConfig) -> bool | None:
    return None if c.rest_days_per_week is None else c.rest_days_per_week == 0


def _housing(c: LabourConditions, config: LawConfig) -> bool | None:
    # Only housing that the employer provides speaks to the employment conditions.
    if c.housing_degrading is None or c.housing_degrading is False:
        return c.housing_degrading
    if c.housing_provided_by_employer is False:
        return False
    return None if c.housing_provided_by_employer is None else True


_TESTS: dict[str, Callable[[LabourConditions, LawConfig], bool | None]] = {
    "LOW_OR_NO_PAY": _low_pay,
    "EXCESSIVE_HOURS": _hours,
    "NO_REST_DAY": _no_rest,
    "DEGRADING_HOUSING": _housing,
    "UNSAFE_WORKPLACE": lambda c, _config: c.unsafe_workplace,
    "UNDECLARED_WORK": lambda c, _config: c.undeclared_work,
    "WAGE_DEDUCTIONS": lambda c, _config: c.wage_deductions,
    "DEPENDENCY": lambda c, _config: c.dependency_on_employer,
    "HUMILIATING_TREATMENT": lambda c, _config: c.humiliating_treatment,
    "DOCUMENTS_WITHHELD": lambda c, _config: c.documents_withheld,
}


@dataclass(frozen=True, slots=True)
class DignityProfile:
    """A profile for the court, never a verdict."""

    present: tuple[str, ...]
    core_present: tuple[str, ...]
    not_known: tuple[str, ...]
    severity: Severity
    likely: bool  # at least one core indicator (R-BE-DIGNITY)
    wage_ratio_max: float
    weekly_hours_min: float
    reasons: tuple[Message, ...]
    citations: tuple[Citation, ...]

    @property
    def count(self) -> int:
        return len(self.present)


def human_dignity_profile(
    conditions: LabourConditions | None, config: LawConfig | None = None
) -> DignityProfile:
    """Suggest, with reasons, how strongly the labour conditions point to work contrary
    to human dignity (BE 433quinquies §1 3°). Unknown conditions are listed, not guessed."""
    config = config or DEFAULT_CONFIG
    conditions = conditions or LabourConditions()
    params = {
        "ratio": _percent(config.dignity_wage_ratio_max),
        "hours": _number(config.dignity_weekly_hours_min),
    }
    present: list[str] = []
    core: list[str] = []
    not_known: list[str] = []
    reasons: list[Message] = []
    citations: list[Citation] = []
    for indicator in DIGNITY_INDICATORS:
        value = _TESTS[indicator.id](conditions, config)
        if value is None:
            not_known.append(indicator.id)
        elif value:
            present.append(indicator.id)
            reasons.append(Message(indicator.description, params))
            citations.append(indicator.citation)
            if indicator.product_threshold:
                citations.append(THRESHOLDS)
            if indicator.core:
                core.append(indicator.id)
    count = len(present)
    if len(core) >= 2 or count >= config.dignity_high_count:
        severity = Severity.HIGH
    elif core or count >= config.dignity_medium_count:
        severity = Severity.MEDIUM
    elif count:
        severity = Severity.LOW
    else:
        severity = Severity.NONE
    return DignityProfile(
        present=tuple(present),
        core_present=tuple(core),
        not_known=tuple(not_known),
        severity=severity,
        likely=bool(core),
        wage_ratio_max=config.dignity_wage_ratio_max,
        weekly_hours_min=config.dignity_weekly_hours_min,
        reasons=tuple(reasons),
        citations=tuple(dict.fromkeys(citations)),
    )


def _percent(ratio: float) -> str:
    return _number(ratio * 100)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
