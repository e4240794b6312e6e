"""Palermo Protocol and Directive 2011/36/EU, one test per rule of RULES.md §2.5."""

from __future__ import annotations

import pytest

from nrm.law.rules import ElementStatus, Outcome, Range
from nrm.law.tests.builders import evaluate, explanation, provisions

INTERNATIONAL = ("PALERMO", "EU2011", "EU2024")


@pytest.mark.parametrize("code", INTERNATIONAL)
def test_int_1_adult_needs_act_means_and_purpose(code: str) -> None:
    assert evaluate(code, means=["DECEPTION"]).result is Outcome.QUALIFIES
    assert evaluate(code, means=[]).result is Outcome.DOES_NOT_QUALIFY
    assert evaluate(code, means=["DECEPTION"], acts=[]).result is Outcome.DOES_NOT_QUALIFY


@pytest.mark.parametrize("code", INTERNATIONAL)
def test_int_2_child_needs_act_and_purpose_only(code: str) -> None:
    result = evaluate(code, age=17, means=[])
    assert result.elements.means is ElementStatus.NOT_REQUIRED
    assert result.result is Outcome.QUALIFIES


@pytest.mark.parametrize("code", INTERNATIONAL)
def test_int_3_consent_is_irrelevant_once_a_means_is_used(code: str) -> None:
    for consent in (True, False, None):
        assert evaluate(code, means=["FRAUD"], consent=consent).result is Outcome.QUALIFIES
    assert "irrelevant because a means was used" in explanation(
        evaluate(code, means=["FRAUD"], consent=True)
    )


@pytest.mark.parametrize(
    "purpose", ["SURROGACY_EXPLOITATION", "FORCED_MARRIAGE", "ILLEGAL_ADOPTION"]
)
def test_eu_new_purposes_count_only_under_eu2024(purpose: str) -> None:
    facts = {
        "means": ["DECEPTION"],
        "purposes": [purpose],
        "start": "2025-01-01",
        "end": "2025-02-01",
    }
    assert evaluate("EU2024", **facts).result is Outcome.QUALIFIES
    assert evaluate("EU2011", **facts).result is Outcome.DOES_NOT_QUALIFY
    assert evaluate("PALERMO", **facts).result is Outcome.DOES_NOT_QUALIFY


def test_eu_adds_exchange_or_transfer_of_control_as_an_act() -> None:
    control = {"acts": ["TRANSFER_CONTROL"], "means": ["DECEPTION"]}
    assert evaluate("EU2011", **control).result is Outcome.QUALIFIES
    assert evaluate("PALERMO", **control).result is Outcome.DOES_NOT_QUALIFY


def test_eu_includes_criminal_activities_palermo_leaves_them_to_a_court() -> None:
    for code in ("EU2011", "EU2024"):
        result = evaluate(
            code,
            start="2025-01-01",
            end="2025-06-01",
            means=["THREAT"],
            purposes=["FORCED_CRIMINALITY"],
        )
        assert result.result is Outcome.QUALIFIES
    for purpose in ("BEGGING", "FORCED_CRIMINALITY"):
        palermo = evaluate("PALERMO", means=["THREAT"], purposes=[purpose])
        assert palermo.result is Outcome.POSSIBLE_PENDING_ASSESSMENT


def test_r_eu_recital_11_begging_needs_the_elements_of_forced_labour() -> None:
    for code in ("EU2011", "EU2024"):
        begging = evaluate(
            code, start="2025-01-01", end="2025-06-01", means=["THREAT"], purposes=["BEGGING"]
        )
        assert begging.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
        assert begging.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
        assert "recital 11" in explanation(begging)
        forced = evaluate(
            code,
            start="2025-01-01",
            end="2025-06-01",
            means=["THREAT"],
            purposes=["BEGGING", "FORCED_LABOUR_OR_SERVICES"],
        )
        assert forced.result is Outcome.QUALIFIES


def test_eu_penalty_is_a_maximum_of_at_least_5_or_10_years() -> None:
    basic = evaluate("EU2011", means=["THREAT"])
    assert basic.penalty is not None
    assert basic.penalty.max_at_least is True
    assert basic.penalty.imprisonment_months == Range(0, 60)
    aggravated = evaluate("EU2011", means=["THREAT"], aggravating=["ORGANISED_CRIMINAL_GROUP"])
    assert aggravated.penalty is not None
    assert aggravated.penalty.imprisonment_months == Range(0, 120)
    child = evaluate("EU2011", age=15)
    assert "EU-2011-36-4-2-a" in provisions(child)


def test_eu_public_official_aggravates_without_a_higher_range() -> None:
    result = evaluate("EU2011", means=["THREAT"], aggravating=["PUBLIC_OFFICIAL_ABUSING_FUNCTION"])
    assert provisions(result) == {"EU-2011-36-4-3"}
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(0, 60)


def test_eu_ict_dissemination_aggravates_only_under_eu2024() -> None:
    ict = {"means": ["THREAT"], "aggravating": ["ICT_DISSEMINATION_OF_VICTIM_CONTENT"]}
    assert provisions(evaluate("EU2024", **ict)) == {"EU-2011-36-4"}
    assert provisions(evaluate("EU2011", **ict)) == set()


def test_palermo_sets_no_penalty() -> None:
    result = evaluate("PALERMO", means=["THREAT"])
    assert result.result is Outcome.QUALIFIES
    assert result.penalty is None


def test_int_unnamed_means_are_left_to_a_court() -> None:
    result = evaluate("PALERMO", means=["PRESSURE"])
    assert result.elements.means is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
