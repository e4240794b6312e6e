"""Finland, one test per rule of RULES.md §2.6."""

from __future__ import annotations

import pytest

from nrm.law.rules import ElementStatus, Outcome, Range
from nrm.law.tests.builders import evaluate, explanation


@pytest.mark.parametrize(
    "means",
    ["ABUSE_OF_VULNERABILITY", "PRESSURE", "DECEPTION", "EXPLOIT_ERROR", "PAYMENT_TO_CONTROLLER"],
)
def test_fi_adult_needs_act_means_and_purpose(means: str) -> None:
    result = evaluate("FI", means=[means])
    assert result.result is Outcome.QUALIFIES
    assert result.provision == "FI-RL-25-3"
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(4, 72)
    assert evaluate("FI", means=[]).result is Outcome.DOES_NOT_QUALIFY


@pytest.mark.parametrize(
    "act", ["TAKE_CONTROL", "RECRUIT", "HAND_OVER", "TRANSPORT", "RECEIVE", "HARBOUR"]
)
def test_fi_acts(act: str) -> None:
    assert evaluate("FI", acts=[act], means=["DECEPTION"]).elements.act is ElementStatus.SATISFIED


def test_fi_child_needs_no_means() -> None:
    result = evaluate("FI", age=12, means=[])
    assert result.elements.means is ElementStatus.NOT_REQUIRED
    assert result.result is Outcome.QUALIFIES


def test_r_fi_dignity_other_circumstances_violating_human_dignity_never_qualifies_alone() -> None:
    for purpose in ("OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY", "WORK_CONTRARY_TO_HUMAN_DIGNITY"):
        result = evaluate("FI", means=["ABUSE_OF_VULNERABILITY"], purposes=[purpose])
        assert result.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
        assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
        assert "open standard" in explanation(result)
    # Forced labour itself is named: it still qualifies.
    named = evaluate("FI", means=["ABUSE_OF_VULNERABILITY"], purposes=["FORCED_LABOUR_OR_SERVICES"])
    assert named.result is Outcome.QUALIFIES


def test_r_fi_criminality_forced_criminality_is_assessed_as_forced_labour_or_dignity() -> None:
    result = evaluate("FI", means=["THREAT"], purposes=["FORCED_CRIMINALITY"])
    assert result.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert "forced labour" in explanation(result)


@pytest.mark.parametrize(
    ("changes", "ground"),
    [
        ({"means": ["THREAT"]}, "(1)"),
        (
            {
                "means": ["DECEPTION"],
                "aggravating": ["SERIOUS_VIOLENCE_OR_PARTICULARLY_SERIOUS_HARM"],
            },
            "(2)",
        ),
        ({"age": 16}, "(3)"),
        ({"means": ["DECEPTION"], "aggravating": ["ORGANISED_CRIMINAL_GROUP"]}, "(4)"),
    ],
)
def test_fi_aggravated_trafficking_needs_an_overall_assessment(
    changes: dict[str, object], ground: str
) -> None:
    result = evaluate("FI", **changes)
    [aggravation] = result.aggravating
    assert aggravation.provision == "FI-RL-25-3a"
    assert aggravation.requires_judicial_assessment is True
    assert ground in str(aggravation.reason)
    # The court, not the engine, finds the offence aggravated as a whole.
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(4, 72)


def test_fi_attempt_is_punishable() -> None:
    result = evaluate("FI", means=["DECEPTION"], attempt=True)
    assert "attempt is punishable" in explanation(result)


def test_fi_pressure_became_a_means_in_2015() -> None:
    old = evaluate("FI", start="2012-01-01", end="2012-02-01", means=["PRESSURE"])
    new = evaluate("FI", start="2016-01-01", end="2016-02-01", means=["PRESSURE"])
    assert old.result is Outcome.DOES_NOT_QUALIFY
    assert "2015 amendment" in explanation(old)
    assert new.result is Outcome.QUALIFIES


def test_fi_organ_removal_needed_financial_gain_before_2015() -> None:
    organs = {"means": ["DECEPTION"], "purposes": ["ORGAN_OR_TISSUE_REMOVAL"]}
    old = evaluate("FI", start="2012-01-01", end="2012-02-01", **organs)
    new = evaluate("FI", start="2016-01-01", end="2016-02-01", **organs)
    assert old.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert new.elements.purpose is ElementStatus.SATISFIED
