"""Denmark, one test per rule of RULES.md §2.4."""

from __future__ import annotations

import pytest

from nrm.law.rules import ElementStatus, Outcome, Range
from nrm.law.tests.builders import SWEATSHOP_CONDITIONS, evaluate, explanation


@pytest.mark.parametrize(
    "means", ["OTHER_COERCION", "DEPRIVATION_OF_LIBERTY", "THREAT", "DECEPTION", "EXPLOIT_ERROR"]
)
def test_dk_adult_qualifies_with_act_listed_means_and_purpose(means: str) -> None:
    result = evaluate("DK", means=[means])
    assert result.elements.means is ElementStatus.SATISFIED
    assert result.result is Outcome.QUALIFIES
    assert result.provision == "DK-STRFL-262a"


def test_dk_adult_without_means_does_not_qualify() -> None:
    assert evaluate("DK", means=[]).result is Outcome.DOES_NOT_QUALIFY
    assert evaluate("DK", means=None).result is Outcome.INSUFFICIENT_FACTS


def test_dk_take_control_is_not_a_danish_act() -> None:
    assert (
        evaluate("DK", acts=["TAKE_CONTROL"], means=["THREAT"]).result is Outcome.DOES_NOT_QUALIFY
    )


@pytest.mark.parametrize(
    "means",
    [
        "OTHER_UNDUE_METHOD",
        "ABUSE_OF_VULNERABILITY",
        "FRAUD",
        "FORCE_VIOLENCE",
        "ABDUCTION",
        "ABUSE_OF_POWER",
    ],
)
def test_dk_other_undue_method_requires_judicial_assessment(means: str) -> None:
    result = evaluate("DK", means=[means])
    assert result.elements.means is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert "anden utilbørlig fremgangsmåde" in explanation(result)


def test_dk_child_needs_no_means() -> None:
    result = evaluate("DK", age=17, means=[])
    assert result.elements.means is ElementStatus.NOT_REQUIRED
    assert result.result is Outcome.QUALIFIES


def test_dk_payment_to_a_person_with_authority_is_stk_2_nr_2() -> None:
    result = evaluate("DK", means=["PAYMENT_TO_CONTROLLER"])
    assert result.result is Outcome.QUALIFIES
    assert "stk. 2 nr. 2" in explanation(result)


def test_dk_human_dignity_is_not_a_danish_purpose() -> None:
    for purpose in ("WORK_CONTRARY_TO_HUMAN_DIGNITY", "OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY"):
        result = evaluate("DK", means=["THREAT"], purposes=[purpose])
        assert result.elements.purpose is ElementStatus.NOT_SATISFIED
        assert result.result is Outcome.DOES_NOT_QUALIFY


def test_dk_begging_counts_only_as_forced_labour() -> None:
    result = evaluate("DK", means=["THREAT"], purposes=["BEGGING"])
    assert result.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert any(s.rule == "R-DK-3-BEGGING" and s.tag == "K" for s in result.sources)


def test_dk_consent_is_irrelevant_where_means_are_established() -> None:
    result = evaluate("DK", means=["THREAT"], consent=True)
    assert result.result is Outcome.QUALIFIES
    assert "irrelevant because a means was used" in explanation(result)


def test_dk_criminal_acts_became_a_purpose_in_2012_with_10_years() -> None:
    crimes = {"means": ["THREAT"], "purposes": ["FORCED_CRIMINALITY"]}
    old = evaluate("DK", start="2010-01-01", end="2010-02-01", **crimes)
    new = evaluate("DK", start="2013-01-01", end="2013-02-01", **crimes)
    assert old.result is Outcome.DOES_NOT_QUALIFY
    assert new.result is Outcome.QUALIFIES
    old_labour = evaluate("DK", start="2010-01-01", end="2010-02-01", means=["THREAT"])
    assert old_labour.penalty is not None
    assert new.penalty is not None
    assert old_labour.penalty.imprisonment_months == Range(0, 96)
    assert new.penalty.imprisonment_months == Range(0, 120)
    assert new.penalty.fine_eur is None


def test_dk_262b_is_the_fallback_for_labour_cases_from_1_june_2022() -> None:
    labour = {
        "means": [],
        "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
        "labour": SWEATSHOP_CONDITIONS,
    }
    result = evaluate("DK", start="2022-06-01", end="2022-12-01", **labour)
    assert result.result is Outcome.DOES_NOT_QUALIFY
    [fallback] = result.fallback_offences
    assert fallback.provision == "DK-STRFL-262b"
    assert fallback.penalty is not None
    assert fallback.penalty.imprisonment_months == Range(0, 72)
    before = evaluate("DK", start="2022-05-31", end="2022-05-31", **labour)
    assert before.fallback_offences == ()


def test_dk_262b_is_not_offered_for_non_labour_cases_or_qualifying_ones() -> None:
    assert evaluate("DK", means=[], purposes=["PROSTITUTION"]).fallback_offences == ()
    assert evaluate("DK", means=["THREAT"]).fallback_offences == ()
