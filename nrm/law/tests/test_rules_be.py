"""Belgium, one test per rule of RULES.md §1, §2.2 and §2.3."""

from __future__ import annotations

import pytest

from nrm.law import LawConfig, qualify
from nrm.law.rules import ElementStatus, Outcome, Range
from nrm.law.tests.builders import (
    SWEATSHOP_CONDITIONS,
    evaluate,
    explanation,
    facts,
    provisions,
)

SAT = ElementStatus.SATISFIED
ASSESS = ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT


def test_be_provision_is_433quinquies_never_the_seed_typo_443() -> None:
    result = evaluate("BE")
    assert result.provision == "BE-CP-433quinquies"
    assert "443" not in result.provision


def test_be_one_act_and_one_listed_purpose_qualify() -> None:
    for act in (
        "RECRUIT",
        "TRANSPORT",
        "TRANSFER",
        "HARBOUR",
        "RECEIVE",
        "TAKE_CONTROL",
        "TRANSFER_CONTROL",
    ):
        assert evaluate("BE", acts=[act], purposes=["PROSTITUTION"]).result is Outcome.QUALIFIES


def test_be_hand_over_is_not_a_belgian_act() -> None:
    result = evaluate("BE", acts=["HAND_OVER"])
    assert result.elements.act is ElementStatus.NOT_SATISFIED
    assert result.result is Outcome.DOES_NOT_QUALIFY


def test_be_means_are_not_elements_only_aggravations() -> None:
    without = evaluate("BE", means=[])
    unknown = evaluate("BE", means=None)
    assert without.elements.means is ElementStatus.NOT_REQUIRED
    assert unknown.elements.means is ElementStatus.NOT_REQUIRED
    assert without.result is Outcome.QUALIFIES
    assert unknown.result is Outcome.QUALIFIES


@pytest.mark.parametrize(
    ("purpose", "number"),
    [
        ("PROSTITUTION", "1°"),
        ("OTHER_SEXUAL_EXPLOITATION", "1°"),
        ("PORNOGRAPHY", "1°"),
        ("BEGGING", "2°"),
        ("ORGAN_OR_TISSUE_REMOVAL", "4°"),
    ],
)
def test_be_closed_list_purposes_are_satisfied(purpose: str, number: str) -> None:
    result = evaluate("BE", purposes=[purpose])
    assert result.elements.purpose is SAT
    assert number in explanation(result)


def test_be_purposes_outside_the_closed_list_are_not_satisfied() -> None:
    for purpose in ("SURROGACY_EXPLOITATION", "FORCED_MARRIAGE", "ILLEGAL_ADOPTION"):
        result = evaluate("BE", purposes=[purpose])
        assert result.elements.purpose is ElementStatus.NOT_SATISFIED
        assert "new Criminal Code" in explanation(result)


def test_be_consent_matters_only_for_forced_criminality() -> None:
    for purpose in (
        "PROSTITUTION",
        "BEGGING",
        "FORCED_LABOUR_OR_SERVICES",
        "ORGAN_OR_TISSUE_REMOVAL",
    ):
        results = {
            evaluate("BE", purposes=[purpose], consent=c, against_will=w).result
            for c in (True, False, None)
            for w in (True, False, None)
        }
        assert results == {Outcome.QUALIFIES}
    crimes = ["FORCED_CRIMINALITY"]
    assert evaluate("BE", purposes=crimes, against_will=True).result is Outcome.QUALIFIES
    assert evaluate("BE", purposes=crimes, against_will=False).result is Outcome.DOES_NOT_QUALIFY
    assert evaluate("BE", purposes=crimes, against_will=None).result is Outcome.INSUFFICIENT_FACTS


def test_be_purpose_five_against_will_is_needed_only_if_it_is_the_only_purpose() -> None:
    result = evaluate("BE", purposes=["FORCED_CRIMINALITY", "BEGGING"], against_will=False)
    assert result.result is Outcome.QUALIFIES


def test_be_human_dignity_purpose_requires_judicial_assessment() -> None:
    result = evaluate(
        "BE", purposes=["WORK_CONTRARY_TO_HUMAN_DIGNITY"], labour=SWEATSHOP_CONDITIONS
    )
    assert result.elements.purpose is ASSESS
    assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert result.human_dignity is not None
    assert result.human_dignity.likely is True


def test_be_human_dignity_purpose_needs_assessment_even_without_indicators() -> None:
    result = evaluate("BE", purposes=["WORK_CONTRARY_TO_HUMAN_DIGNITY"])
    assert result.result is Outcome.POSSIBLE_PENDING_ASSESSMENT
    assert result.human_dignity is not None
    assert result.human_dignity.likely is False


@pytest.mark.parametrize(
    "asserted", ["FORCED_LABOUR_OR_SERVICES", "SLAVERY_OR_SIMILAR", "SERVITUDE"]
)
def test_be_forced_labour_slavery_servitude_satisfy_purpose_three_a_fortiori(asserted: str) -> None:
    result = evaluate("BE", purposes=["WORK_CONTRARY_TO_HUMAN_DIGNITY", asserted])
    assert result.elements.purpose is SAT
    assert result.result is Outcome.QUALIFIES


def test_be_nationality_and_border_crossing_are_irrelevant() -> None:
    foreign = evaluate("BE", vulnerabilities=["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"])
    domestic = evaluate("BE", vulnerabilities=[])
    assert foreign.result is domestic.result is Outcome.QUALIFIES
    assert "no border needs to be crossed" in explanation(domestic)
    assert any(s.rule == "R-BE-4" for s in domestic.sources)


def test_be_non_punishment_is_flagged_from_1_july_2019() -> None:
    before = evaluate("BE", start="2019-06-30", end="2019-06-30")
    after = evaluate("BE", start="2019-07-01", end="2019-07-01")
    assert before.non_punishment_applicable is False
    assert after.non_punishment_applicable is True
    assert "22 May 2019" in explanation(after)
    assert evaluate("BE", acts=[]).non_punishment_applicable is False
    assert evaluate("DK").non_punishment_applicable is None


def test_be_aggravated_offences_abroad_can_be_prosecuted_in_belgium() -> None:
    aggravated = evaluate("BE", aggravating=["HABITUAL_ACTIVITY"])
    basic = evaluate("BE")
    assert "10ter" in explanation(aggravated)
    assert "10ter" not in explanation(basic)


def test_be_basic_penalty_is_1_to_5_years_and_fine_per_victim() -> None:
    result = evaluate("BE", victims=3)
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(12, 60)
    assert result.penalty.fine_eur == Range(500, 50_000)  # per victim
    assert result.penalty.fine_eur_total == Range(1_500, 150_000)
    assert result.penalty.fine_multiplied_by_victims is True


def test_be_fines_are_multiplied_by_victims_only_from_2_august_2013() -> None:
    before = evaluate("BE", start="2013-08-01", end="2013-08-01", victims=3)
    after = evaluate("BE", start="2013-08-02", end="2013-08-02", victims=3)
    assert before.penalty is not None
    assert after.penalty is not None
    assert before.penalty.fine_multiplied_by_victims is False
    assert before.penalty.fine_eur == Range(500, 50_000)
    assert before.penalty.fine_eur_total is None
    assert after.penalty.fine_eur_total == Range(1_500, 150_000)


def test_be_unknown_number_of_victims_shows_the_range_per_victim() -> None:
    result = evaluate("BE", victims=None)
    assert result.penalty is not None
    assert result.penalty.fine_eur == Range(500, 50_000)
    assert "not known" in explanation(result)


def test_be_attempt_is_1_to_3_years_and_not_multiplied() -> None:
    result = evaluate("BE", attempt=True, victims=4)
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(12, 36)
    assert result.penalty.fine_eur == Range(100, 10_000)
    assert result.penalty.fine_multiplied_by_victims is False


@pytest.mark.parametrize(
    ("fact", "provision"),
    [
        ("AUTHOR_HAS_AUTHORITY_OVER_VICTIM", "BE-CP-433sexies-1"),
        ("PUBLIC_OFFICIAL_ABUSING_FUNCTION", "BE-CP-433sexies-2"),
    ],
)
def test_be_433sexies_is_5_to_10_years(fact: str, provision: str) -> None:
    result = evaluate("BE", aggravating=[fact])
    assert provisions(result) == {provision}
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(60, 120)
    assert result.penalty.fine_eur == Range(750, 75_000)


@pytest.mark.parametrize(
    ("changes", "provision"),
    [
        ({"age": 16}, "BE-CP-433septies-1"),
        ({"age": None, "aggravating": ["VICTIM_MINOR"]}, "BE-CP-433septies-1"),
        ({"aggravating": ["ABUSE_OF_PARTICULAR_VULNERABILITY"]}, "BE-CP-433septies-2"),
        (
            {"means": ["ABUSE_OF_VULNERABILITY"], "vulnerabilities": ["PREGNANCY"]},
            "BE-CP-433septies-2",
        ),
        ({"means": ["DECEPTION"]}, "BE-CP-433septies-3"),
        ({"means": ["FORCE_VIOLENCE"]}, "BE-CP-433septies-3"),
        ({"aggravating": ["COERCIVE_MEANS_USED"]}, "BE-CP-433septies-3"),
        ({"means": ["PAYMENT_TO_CONTROLLER"]}, "BE-CP-433septies-3bis"),
        ({"aggravating": ["PAYMENT_TO_AUTHORITY_HOLDER"]}, "BE-CP-433septies-3bis"),
        ({"aggravating": ["LIFE_ENDANGERED"]}, "BE-CP-433septies-4"),
        ({"aggravating": ["PERMANENT_INCAPACITY"]}, "BE-CP-433septies-5"),
        ({"aggravating": ["INCURABLE_DISEASE_OR_INCAPACITY_4M"]}, "BE-CP-433septies-5"),
        ({"aggravating": ["HABITUAL_ACTIVITY"]}, "BE-CP-433septies-6"),
        ({"aggravating": ["ASSOCIATION_PARTICIPATION"]}, "BE-CP-433septies-7"),
    ],
)
def test_be_433septies_is_10_to_15_years(changes: dict[str, object], provision: str) -> None:
    result = evaluate("BE", **changes)
    assert provision in provisions(result)
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(120, 180)
    assert result.penalty.fine_eur == Range(1_000, 100_000)


def test_be_abuse_of_vulnerability_aggravates_only_with_a_listed_vulnerability() -> None:
    unlisted = evaluate("BE", means=["ABUSE_OF_VULNERABILITY"], vulnerabilities=[])
    assert "BE-CP-433septies-2" not in provisions(unlisted)


@pytest.mark.parametrize("fact", ["DEATH_CAUSED_UNINTENTIONALLY", "ASSOCIATION_LEADER"])
def test_be_433octies_is_15_to_20_years(fact: str) -> None:
    result = evaluate("BE", aggravating=[fact])
    assert "BE-CP-433octies" in provisions(result)
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(180, 240)
    assert result.penalty.fine_eur == Range(1_000, 150_000)
    assert any(s.rule == "R-BE-433octies" and s.tag == "K" for s in result.sources)


def test_be_433octies_can_be_switched_off_pending_legal_sign_off() -> None:
    config = LawConfig(disabled_rules=frozenset({"R-BE-433octies"}))
    result = qualify(facts(aggravating=["ASSOCIATION_LEADER"]), ["BE"], config).results[0]
    assert provisions(result) == {"BE-CP-433septies-7"}
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(120, 180)
    assert "switched off" in explanation(result)


def test_be_highest_tier_applies_and_all_circumstances_are_listed() -> None:
    result = evaluate(
        "BE",
        age=15,
        means=["THREAT"],
        aggravating=["AUTHOR_HAS_AUTHORITY_OVER_VICTIM", "DEATH_CAUSED_UNINTENTIONALLY"],
    )
    assert provisions(result) == {
        "BE-CP-433sexies-1",
        "BE-CP-433septies-1",
        "BE-CP-433septies-3",
        "BE-CP-433octies",
    }
    assert result.penalty is not None
    assert result.penalty.imprisonment_months == Range(180, 240)


def test_be_433novies_additional_measures_follow_an_aggravation() -> None:
    assert "433novies" in explanation(evaluate("BE", aggravating=["LIFE_ENDANGERED"]))
    assert "433novies" not in explanation(evaluate("BE"))


def test_be_a_non_qualifying_case_has_no_penalty_or_aggravation() -> None:
    result = evaluate("BE", purposes=[], aggravating=["LIFE_ENDANGERED"])
    assert result.result is Outcome.DOES_NOT_QUALIFY
    assert result.penalty is None
    assert result.aggravating == ()


def test_be_before_2013_pornography_counted_only_for_a_child() -> None:
    old = {"start": "2010-01-01", "end": "2010-06-01", "purposes": ["PORNOGRAPHY"]}
    assert evaluate("BE", age=15, **old).result is Outcome.QUALIFIES
    assert evaluate("BE", age=30, **old).result is Outcome.DOES_NOT_QUALIFY
    assert evaluate("BE", age=None, **old).result is Outcome.INSUFFICIENT_FACTS
    other = evaluate(
        "BE", start="2010-01-01", end="2010-06-01", purposes=["OTHER_SEXUAL_EXPLOITATION"]
    )
    assert other.result is Outcome.DOES_NOT_QUALIFY


def test_be_dignity_profile_counts_indicators_and_labels_thresholds() -> None:
    result = evaluate(
        "BE", purposes=["WORK_CONTRARY_TO_HUMAN_DIGNITY"], labour=SWEATSHOP_CONDITIONS
    )
    profile = result.human_dignity
    assert profile is not None
    assert set(profile.present) == {
        "LOW_OR_NO_PAY",
        "EXCESSIVE_HOURS",
        "DEGRADING_HOUSING",
        "NO_REST_DAY",
        "UNDECLARED_WORK",
    }
    assert set(profile.core_present) == {"LOW_OR_NO_PAY", "EXCESSIVE_HOURS", "DEGRADING_HOUSING"}
    assert "not set by law" in " ".join(str(m) for m in profile.reasons)
    assert "product choices" in explanation(result)


def test_be_dignity_profile_suggests_the_purpose_when_it_is_not_recorded() -> None:
    result = evaluate("BE", purposes=None, labour=SWEATSHOP_CONDITIONS)
    assert result.result is Outcome.INSUFFICIENT_FACTS
    assert "consider whether that purpose applies" in explanation(result)


