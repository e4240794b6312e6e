"""The reference cases of RULES.md §2.8, every jurisdiction column."""

from __future__ import annotations

from typing import Any

import pytest

from nrm.law import JurisdictionResult, QualificationReport, qualify
from nrm.law.rules import ElementStatus, Outcome, Range
from nrm.law.tests.builders import SWEATSHOP_CONDITIONS, facts, provisions

INTERNATIONAL = ("PALERMO", "EU2011", "EU2024")

# Case 1: adult undocumented worker recruited abroad, no coercion or deception, 12 h a
# day at €3/h, sleeping in a windowless room on site; the recruiter used the irregular
# status (abuse of vulnerability).
UNDOCUMENTED_WORKER: dict[str, Any] = {
    "age": 34,
    "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
    "acts": ["RECRUIT", "HARBOUR"],
    "means": ["ABUSE_OF_VULNERABILITY"],
    "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
    "labour": SWEATSHOP_CONDITIONS,
}


def run(**changes: Any) -> QualificationReport:
    return qualify(facts(**changes))


def of(report: QualificationReport, code: str) -> JurisdictionResult:
    return report.for_jurisdiction(code)


CASE1 = run(**UNDOCUMENTED_WORKER)


def test_case1_be_purpose_three_needs_assessment_likely_with_433septies_2() -> None:
    be = of(CASE1, "BE")
    assert be.elements.act is ElementStatus.SATISFIED
    assert be.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert be.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert be.human_dignity is not None
    assert be.human_dignity.likely is True
    assert "BE-CP-433septies-2" in provisions(be)


def test_case1_be_433septies_2_only_if_abuse_is_proven() -> None:
    be = of(run(**{**UNDOCUMENTED_WORKER, "means": []}), "BE")
    assert "BE-CP-433septies-2" not in provisions(be)
    assert be.result is Outcome.POSSIBLE_PENDING_ASSESSMENT


def test_case1_dk_262a_likely_not_262b_likely() -> None:
    dk = of(CASE1, "DK")
    assert dk.elements.means is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert dk.elements.purpose is ElementStatus.NOT_SATISFIED
    assert dk.result is Outcome.DOES_NOT_QUALIFY
    assert [f.provision for f in dk.fallback_offences] == ["DK-STRFL-262b"]


@pytest.mark.parametrize("code", INTERNATIONAL)
def test_case1_palermo_eu_possible_pending_assessment(code: str) -> None:
    result = of(CASE1, code)
    assert result.elements.means is ElementStatus.SATISFIED
    assert result.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
    assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT


def test_case1_fi_pending_a_courts_dignity_assessment_4_months_to_6_years() -> None:
    # RULES.md §2.9 corrects §2.8: "other circumstances violating human dignity" is an
    # open standard, never an automatic QUALIFIES.
    fi = of(CASE1, "FI")
    assert fi.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert fi.penalty is not None
    assert fi.penalty.imprisonment_months == Range(4, 72)


CASE2 = run(**{**UNDOCUMENTED_WORKER, "age": 16})


def test_case2_be_subject_to_assessment_433septies_1_10_to_15_years() -> None:
    be = of(CASE2, "BE")
    assert be.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert "BE-CP-433septies-1" in provisions(be)
    assert be.penalty is not None
    assert be.penalty.imprisonment_months == Range(120, 180)


def test_case2_dk_no_means_needed_but_forced_labour_still_is() -> None:
    dk = of(CASE2, "DK")
    assert dk.elements.means is ElementStatus.NOT_REQUIRED
    assert dk.result is Outcome.DOES_NOT_QUALIFY
    forced = of(
        run(**{**UNDOCUMENTED_WORKER, "age": 16, "purposes": ["FORCED_LABOUR_OR_SERVICES"]}), "DK"
    )
    assert forced.result is Outcome.QUALIFIES


@pytest.mark.parametrize("code", INTERNATIONAL)
def test_case2_palermo_eu_child_act_and_purpose_forced_labour_still_needed(code: str) -> None:
    result = of(CASE2, code)
    assert result.elements.means is ElementStatus.NOT_REQUIRED
    assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT


def test_case2_fi_no_means_needed_3a_3_possible() -> None:
    fi = of(CASE2, "FI")
    assert fi.elements.means is ElementStatus.NOT_REQUIRED
    assert fi.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    [aggravation] = fi.aggravating
    assert aggravation.provision == "FI-RL-25-3a"
    assert aggravation.requires_judicial_assessment is True
    assert "(3)" in str(aggravation.reason)


CASE3 = run(
    age=29,
    acts=["RECRUIT", "TRANSPORT"],
    means=["DECEPTION", "THREAT"],
    purposes=["FORCED_LABOUR_OR_SERVICES"],
    labour={"documents_withheld": True},
)


def test_case3_be_qualifies_with_433septies_3() -> None:
    be = of(CASE3, "BE")
    assert be.result is Outcome.QUALIFIES
    assert "BE-CP-433septies-3" in provisions(be)


@pytest.mark.parametrize("code", ["DK", *INTERNATIONAL])
def test_case3_dk_palermo_eu_qualify(code: str) -> None:
    assert of(CASE3, code).result is Outcome.QUALIFIES


def test_case3_fi_qualifies_3a_1_for_the_threat() -> None:
    fi = of(CASE3, "FI")
    assert fi.result is Outcome.QUALIFIES
    assert [a.provision for a in fi.aggravating] == ["FI-RL-25-3a"]
    assert "(1)" in str(fi.aggravating[0].reason)


THEFTS: dict[str, Any] = {
    "age": 25,
    "acts": ["RECRUIT"],
    "means": [],
    "purposes": ["FORCED_CRIMINALITY"],
    "consent": True,
    "against_will": False,
}
CASE4 = run(**THEFTS)


def test_case4_be_purpose_five_not_satisfied() -> None:
    be = of(CASE4, "BE")
    assert be.elements.purpose is ElementStatus.NOT_SATISFIED
    assert be.result is Outcome.DOES_NOT_QUALIFY


def test_case4_dk_depends_on_means() -> None:
    assert of(CASE4, "DK").result is Outcome.DOES_NOT_QUALIFY
    with_threat = of(run(**{**THEFTS, "means": ["THREAT"]}), "DK")
    assert with_threat.result is Outcome.QUALIFIES


@pytest.mark.parametrize("code", INTERNATIONAL)
def test_case4_palermo_eu_without_means_not(code: str) -> None:
    assert of(CASE4, code).result is Outcome.DOES_NOT_QUALIFY


def test_case4_fi_needs_a_means_and_then_a_courts_assessment() -> None:
    assert of(CASE4, "FI").result is Outcome.DOES_NOT_QUALIFY  # no means
    with_threat = of(run(**{**THEFTS, "means": ["THREAT"]}), "FI")
    assert with_threat.elements.purpose is ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT
