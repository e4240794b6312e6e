"""Indicator frameworks (INDICATORS.md, RULES.md §2.3): suggestions with reasons."""

from __future__ import annotations

from collections import Counter

import pytest

from nrm.law import (
    ADULT_LABOUR_INDICATORS,
    FORCED_LABOUR_INDICATORS,
    IndicatorError,
    LawConfig,
    assess_adult_labour_indicators,
    forced_labour_screening,
    htcds_methods_of_control,
    human_dignity_profile,
)
from nrm.law.facts import LabourConditions
from nrm.law.indicators.dignity import Severity
from nrm.law.indicators.operational import Dimension, element_is_positive
from nrm.law.rules import Tag, Weight


def test_ilo_11_has_the_eleven_indicators_in_order() -> None:
    assert [i.number for i in FORCED_LABOUR_INDICATORS] == list(range(1, 12))
    assert str(FORCED_LABOUR_INDICATORS[8].name) == "Debt bondage"


def test_ilo_11_maps_to_htcds_methods_of_control() -> None:
    assert htcds_methods_of_control(["ILO-FL-03", "ILO-FL-04"]) == ("RestrictsMovement",)
    assert htcds_methods_of_control(["ILO-FL-05"]) == ("PhysicalAbuse", "SexualAbuse")
    assert htcds_methods_of_control(["ILO-FL-01"]) == ()
    assert FORCED_LABOUR_INDICATORS[0].htcds_note is not None


def test_ilo_11_screening_is_a_suggestion_with_its_source() -> None:
    screening = forced_labour_screening(["ILO-FL-07", "ILO-FL-09"])
    assert screening.count == 2
    assert "not a finding" in str(screening.suggestion)
    assert screening.htcds_methods == ("WithholdsDocuments", "DebtBondage")
    assert any(c.tag is Tag.UNVERIFIED for c in screening.citations)  # our own mapping
    assert forced_labour_screening([]).count == 0


def test_an_unknown_indicator_id_is_an_error_naming_it() -> None:
    with pytest.raises(IndicatorError, match="ILO-FL-12"):
        forced_labour_screening(["ILO-FL-12"])
    with pytest.raises(IndicatorError, match="nope"):
        assess_adult_labour_indicators(["nope"])


def test_ilo_ec_adult_labour_has_67_indicators_in_6_dimensions() -> None:
    assert len(ADULT_LABOUR_INDICATORS) == 67
    counts = Counter(i.dimension for i in ADULT_LABOUR_INDICATORS)
    assert [counts[d] for d in Dimension] == [10, 10, 16, 9, 15, 7]
    assert len({i.id for i in ADULT_LABOUR_INDICATORS}) == 67


def test_the_same_indicator_weighs_differently_by_dimension() -> None:
    debt = {i.dimension: i.weight for i in ADULT_LABOUR_INDICATORS if str(i.name) == "Debt bondage"}
    assert debt == {
        Dimension.COERCIVE_RECRUITMENT: Weight.MEDIUM,
        Dimension.COERCION_AT_DESTINATION: Weight.STRONG,
    }


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "positive"),
    [
        (2, 0, 0, True),
        (1, 1, 0, True),
        (1, 0, 1, True),
        (0, 3, 0, True),
        (0, 2, 1, True),
        (1, 0, 0, False),
        (0, 2, 0, False),
        (0, 1, 5, False),
        (0, 0, 9, False),
    ],
)
def test_ilo_ec_element_rule(strong: int, medium: int, weak: int, positive: bool) -> None:
    assert element_is_positive(strong, medium, weak) is positive


def test_ilo_ec_person_rule_needs_recruitment_exploitation_and_destination() -> None:
    observed = [
        "ILOEC-AL-1.01",  # deceived about the job (strong)
        "ILOEC-AL-1.02",  # deceived about conditions (medium)
        "ILOEC-AL-4.01",  # excessive hours (strong)
        "ILOEC-AL-4.04",  # low or no salary (medium)
        "ILOEC-AL-5.01",  # confiscation of documents (strong)
        "ILOEC-AL-5.02",  # debt bondage (strong)
    ]
    assessment = assess_adult_labour_indicators(observed)
    assert assessment.suggests_trafficking is True
    assert "not an identification" in " ".join(str(r) for r in assessment.reasons)
    without_destination = assess_adult_labour_indicators(observed[:4])
    assert without_destination.suggests_trafficking is False


def test_ilo_ec_person_rule_can_be_switched_off() -> None:
    config = LawConfig(ilo_ec_person_rule_enabled=False)
    assert assess_adult_labour_indicators([], config).suggests_trafficking is None


def test_ilo_ec_disputed_weights_are_configurable_and_the_disagreement_is_shown() -> None:
    observed = ["ILOEC-AL-3.01", "ILOEC-AL-3.02", "ILOEC-AL-3.15"]
    default = assess_adult_labour_indicators(observed)
    dimension = next(
        d
        for d in default.dimensions
        if d.dimension is Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY
    )
    assert (dimension.medium, dimension.weak, dimension.positive) == (3, 0, True)
    [use] = default.disputed_weights
    assert (use.source_a, use.source_b, use.weight_used) == (
        Weight.MEDIUM,
        Weight.WEAK,
        Weight.MEDIUM,
    )
    assert "disputed" in " ".join(str(r) for r in default.reasons)

    weak = LawConfig(ilo_ec_disputed_weights={"ILOEC-AL-3.15": Weight.WEAK})
    other = assess_adult_labour_indicators(observed, weak)
    dimension = next(
        d
        for d in other.dimensions
        if d.dimension is Dimension.RECRUITMENT_BY_ABUSE_OF_VULNERABILITY
    )
    assert (dimension.medium, dimension.weak, dimension.positive) == (2, 1, True)
    assert other.disputed_weights[0].weight_used is Weight.WEAK


def test_dignity_thresholds_are_configurable_product_choices() -> None:
    conditions = LabourConditions(
        hourly_wage_eur=7.0, legal_minimum_hourly_wage_eur=12.0, weekly_hours=55
    )
    default = human_dignity_profile(conditions)
    assert default.present == ()
    assert default.severity is Severity.NONE
    strict = human_dignity_profile(
        conditions, LawConfig(dignity_wage_ratio_max=0.6, dignity_weekly_hours_min=50)
    )
    assert strict.core_present == ("LOW_OR_NO_PAY", "EXCESSIVE_HOURS")
    assert strict.likely is True
    assert strict.severity is Severity.HIGH


def test_dignity_unknown_conditions_are_listed_not_guessed() -> None:
    profile = human_dignity_profile(None)
    assert profile.present == ()
    assert len(profile.not_known) == 10
    unpaid = human_dignity_profile(LabourConditions(hourly_wage_eur=0))
    assert unpaid.present == ("LOW_OR_NO_PAY",)


def test_dignity_housing_counts_only_when_the_employer_provides_it() -> None:
    own = LabourConditions(housing_degrading=True, housing_provided_by_employer=False)
    employer = LabourConditions(housing_degrading=True, housing_provided_by_employer=True)
    assert "DEGRADING_HOUSING" not in human_dignity_profile(own).present
    assert "DEGRADING_HOUSING" in human_dignity_profile(employer).present


def test_dignity_severity_tiers() -> None:
    low = human_dignity_profile(LabourConditions(undeclared_work=True))
    medium = human_dignity_profile(
        LabourConditions(undeclared_work=True, wage_deductions=True, humiliating_treatment=True)
    )
    assert (low.severity, low.likely) == (Severity.LOW, False)
    assert (medium.severity, medium.likely) == (Severity.MEDIUM, False)
