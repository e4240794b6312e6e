"""Belgium from the cut-over: the new Criminal Code (RULES.md §1 item 6, §2.9; CONTRACTS §1)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import jsonschema

from nrm.law import (
    JurisdictionResult,
    LawConfig,
    qualification_schema,
    qualify,
    report_to_json,
)
from nrm.law.be2026 import DEFAULT_BE2026, LEVELS
from nrm.law.durations import imprisonment_range
from nrm.law.report import Flag, Role
from nrm.law.rules import ElementStatus, Outcome, Range
from nrm.law.tests.builders import SWEATSHOP_CONDITIONS, evaluate, explanation, facts

AFTER = {"start": "2026-05-01", "end": "2026-06-01"}


def be_results(config: LawConfig | None = None, /, **changes: Any) -> list[JurisdictionResult]:
    return list(qualify(facts(**changes), ["BE"], config).results)


def test_acts_from_the_cutover_get_a_definitive_be_2026_result() -> None:
    [result] = be_results(**AFTER)
    assert result.ruleset == "BE-2026"
    assert result.provision == "BE-CP2026-trafficking"
    assert result.role is Role.GOVERNING
    assert result.ruleset_in_force is True
    assert result.result is Outcome.QUALIFIES
    assert "for reference only" not in explanation(result)
    assert "working hypothesis" in explanation(result)


def test_be_2026_lists_what_is_unverified_in_the_json() -> None:
    [data] = report_to_json(qualify(facts(**AFTER), ["BE"]))["results"]
    jsonschema.validate({"results": [data]}, qualification_schema())
    assert data["in_force"] is True
    assert data["role"] == "GOVERNING"
    assert {"article", "level", "fine", "fine_multiplied_by_victims", "dutch_text"} <= set(
        data["unverified"]
    )
    assert data["citation"] == "art. ? Crim. Code 2024, trafficking in human beings"
    assert data["penalty"]["level"] == 3
    assert data["penalty"]["imprisonment_months"] == {"min": 36, "max": 60}
    assert data["penalty"]["imprisonment"] == "3 to 5 years"
    # Fines not multiplied until the text is read, and no fine range was found.
    assert data["penalty"]["fine_multiplied_by_victims"] is False
    assert data["penalty"]["fine_eur"] is None
    assert "fine_eur_total" not in data["penalty"]


def test_penalty_levels_give_the_imprisonment_of_rules_2_9() -> None:
    expected = {1: (0, 0), 2: (6, 36), 3: (36, 60), 4: (60, 120), 5: (120, 180), 6: (180, 240)}
    for number, (low, high) in expected.items():
        assert (LEVELS[number].min_months, LEVELS[number].max_months) == (low, high)
    assert LEVELS[7].max_months == 360
    assert LEVELS[8].life is True


def test_aggravated_forms_raise_the_level() -> None:
    minor = evaluate("BE", age=16, **AFTER)
    assert [a.provision for a in minor.aggravating] == ["BE-CP2026-trafficking-minor"]
    assert minor.penalty is not None
    assert minor.penalty.level == 5
    assert minor.penalty.imprisonment_months == Range(120, 180)
    death = evaluate("BE", aggravating=["DEATH_CAUSED_UNINTENTIONALLY"], **AFTER)
    assert death.penalty is not None
    assert death.penalty.level == 6


def test_the_levels_are_corrected_in_one_place() -> None:
    levels = {**DEFAULT_BE2026.levels, "": 4}
    config = LawConfig(be2026=dataclasses.replace(DEFAULT_BE2026, levels=levels, article="200"))
    [result] = be_results(config, **AFTER)
    assert result.penalty is not None
    assert result.penalty.level == 4
    data = report_to_json(qualify(facts(**AFTER), ["BE"], config))["results"][0]
    assert data["citation"] == "art. 200 Crim. Code 2024, trafficking in human beings"


def test_the_cutover_is_a_setting() -> None:
    later = LawConfig(be2026=DEFAULT_BE2026.with_cutover(date(2026, 6, 15)))
    [result] = be_results(later, **AFTER)
    assert result.ruleset == "BE-2019-07-01"
    assert result.provision == "BE-CP-433quinquies"


def test_a_period_spanning_the_cutover_gives_both_with_the_lex_mitior_flag() -> None:
    governing, comparison = be_results(start="2026-01-01", end="2026-06-01")
    assert (governing.ruleset, governing.role) == ("BE-2019-07-01", Role.GOVERNING)
    assert (comparison.ruleset, comparison.role) == ("BE-2026", Role.LEX_MITIOR_COMPARISON)
    for result in (governing, comparison):
        assert result.lex_mitior_review is True
        assert result.governing_ruleset == "BE-2019-07-01"
        assert result.ruleset_in_force is True
    assert "A court decides which applies" in explanation(comparison)
    data = report_to_json(qualify(facts(start="2026-01-01", end="2026-06-01"), ["BE"]))
    assert [r["lex_mitior_check_required"] for r in data["results"]] == [True, True]


def test_acts_on_8_or_9_april_2026_are_flagged_and_the_other_code_shown_for_reference() -> None:
    governing, reference = be_results(start="2026-04-08", end="2026-04-08")
    assert governing.ruleset == "BE-2026"
    assert (reference.ruleset, reference.role) == ("BE-2019-07-01", Role.REFERENCE)
    assert reference.ruleset_in_force is False
    for result in (governing, reference):
        assert Flag.CUTOVER_DATE_DOUBTFUL in result.flags
    assert "Justel" in explanation(governing)
    [plain] = be_results(start="2026-04-10", end="2026-04-10")
    assert Flag.CUTOVER_DATE_DOUBTFUL not in plain.flags


def test_an_unknown_end_shows_the_new_code_only_for_reference() -> None:
    governing, reference = be_results(start="2025-06-01", end=None)
    assert governing.ruleset == "BE-2019-07-01"
    assert (reference.ruleset, reference.role, reference.ruleset_in_force) == (
        "BE-2026",
        Role.REFERENCE,
        False,
    )
    assert "not the result" in explanation(reference)
    data = report_to_json(qualify(facts(start="2025-06-01", end=None), ["BE"]))
    assert [(r["role"], r["in_force"]) for r in data["results"]] == [
        ("GOVERNING", True),
        ("REFERENCE", False),
    ]


def test_illegal_adoption_and_forced_marriage_are_purposes_only_from_the_cutover() -> None:
    for purpose in ("ILLEGAL_ADOPTION", "FORCED_MARRIAGE"):
        assert evaluate("BE", purposes=[purpose], **AFTER).result is Outcome.QUALIFIES
        before = evaluate("BE", purposes=[purpose], start="2025-01-01", end="2025-02-01")
        assert before.elements.purpose is ElementStatus.NOT_SATISFIED


def test_a_new_purpose_never_applies_to_acts_before_the_cutover() -> None:
    governing, comparison = be_results(
        purposes=["FORCED_MARRIAGE"], start="2026-01-01", end="2026-06-01"
    )
    assert governing.result is Outcome.DOES_NOT_QUALIFY
    assert Flag.NEW_PURPOSE_BEFORE_CUTOVER in comparison.flags
    assert "acts before that date can never be qualified" in explanation(comparison)


def test_surrogacy_is_not_a_purpose_unless_switched_on() -> None:
    off = evaluate("BE", purposes=["SURROGACY_EXPLOITATION"], **AFTER)
    assert off.result is Outcome.DOES_NOT_QUALIFY
    assert "not transposed" in explanation(off)
    config = LawConfig(be2026=dataclasses.replace(DEFAULT_BE2026, surrogacy_purpose=True))
    [on] = be_results(config, purposes=["SURROGACY_EXPLOITATION"], **AFTER)
    assert on.result is Outcome.QUALIFIES


def test_using_a_victims_services_is_not_an_offence_unless_switched_on() -> None:
    assert "is not an offence in Belgium" in explanation(evaluate("BE", **AFTER))
    config = LawConfig(
        be2026=dataclasses.replace(DEFAULT_BE2026, use_of_victim_services_offence=True)
    )
    [on] = be_results(config, **AFTER)
    assert "treats knowingly using the services" in explanation(on)


def test_a_case_relying_on_administrative_status_is_flagged_under_the_new_code() -> None:
    changes = {
        "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
        "means": ["ABUSE_OF_VULNERABILITY"],
        **AFTER,
    }
    result = evaluate("BE", **changes)
    assert Flag.ADMIN_STATUS_VULNERABILITY_UNVERIFIED in result.flags
    assert "vulnerability_admin_status" in result.unverified
    assert "art. 79" in explanation(result)
    old = evaluate("BE", **{**changes, "start": "2025-01-01", "end": "2025-02-01"})
    assert Flag.ADMIN_STATUS_VULNERABILITY_UNVERIFIED not in old.flags


# --------------------------------------------------------------------------- fallbacks

IRREGULAR_WORKER = {
    "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
    "labour": SWEATSHOP_CONDITIONS,
    "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
    "acts": ["RECRUIT"],
}


def _fallbacks(result: object) -> dict[str, object]:
    return {f.provision: f for f in result.fallback_offences}  # type: ignore[attr-defined]


def test_spc_175_is_offered_for_work_without_papers_with_the_surcharge_of_the_time() -> None:
    before = _fallbacks(evaluate("BE", start="2025-06-01", end="2025-07-01", **IRREGULAR_WORKER))
    after = _fallbacks(evaluate("BE", **AFTER, **IRREGULAR_WORKER))
    old, new = before["BE-SPC-175"].penalty, after["BE-SPC-175"].penalty  # type: ignore[attr-defined]
    assert (old.fine_eur, old.surcharge) == (Range(4_800, 56_000), 8)
    assert (new.fine_eur, new.surcharge) == (Range(6_000, 70_000), 10)
    assert new.administrative_fine_eur == Range(3_000, 35_000)
    assert new.imprisonment_months == Range(6, 36)
    assert imprisonment_range(new.imprisonment_months).render() == "6 months to 3 years"


def test_spc_175_needs_both_work_and_an_irregular_status_and_stays_beside_trafficking() -> None:
    no_status = evaluate("BE", **{**IRREGULAR_WORKER, "vulnerabilities": []})
    assert "BE-SPC-175" not in _fallbacks(no_status)
    qualifying = evaluate("BE", **{**IRREGULAR_WORKER, "purposes": ["FORCED_LABOUR_OR_SERVICES"]})
    assert qualifying.result is Outcome.QUALIFIES
    assert set(_fallbacks(qualifying)) == {"BE-SPC-175"}


def test_slum_landlord_begging_and_smuggling_with_their_new_code_ids() -> None:
    housing = _fallbacks(evaluate("BE", start="2024-01-01", end="2024-02-01", **IRREGULAR_WORKER))
    assert housing["BE-CP-433decies"].new_code_provision == "BE-CP2026-slum-landlord"  # type: ignore[attr-defined]
    begging = evaluate("BE", acts=[], purposes=["BEGGING"])
    assert _fallbacks(begging)["BE-CP-433ter"].new_code_provision == "BE-CP2026-begging"  # type: ignore[attr-defined]
    moved = evaluate(
        "BE",
        acts=["TRANSPORT"],
        purposes=[],
        vulnerabilities=["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
    )
    assert "BE-ALIENS-77bis" in _fallbacks(moved)
    assert "BE-ALIENS-77bis" not in _fallbacks(evaluate("BE", acts=["TRANSPORT"], purposes=[]))


def test_after_the_cutover_the_fallbacks_use_the_new_code() -> None:
    found = _fallbacks(evaluate("BE", **AFTER, **IRREGULAR_WORKER))
    assert set(found) == {"BE-SPC-175", "BE-CP2026-slum-landlord"}
    slum = found["BE-CP2026-slum-landlord"]
    assert slum.penalty.level == 2  # type: ignore[attr-defined]
    assert "level" in slum.unverified  # type: ignore[attr-defined]
    begging = _fallbacks(evaluate("BE", acts=[], purposes=["BEGGING"], **AFTER))
    assert begging["BE-CP2026-begging"].penalty is None  # type: ignore[attr-defined]


def test_fines_are_per_victim_with_a_total() -> None:
    [data] = report_to_json(qualify(facts(victims=4), ["BE"]))["results"]
    assert data["penalty"]["fine_eur"] == {"min": 500, "max": 50_000}
    assert data["penalty"]["fine_eur_total"] == {"min": 2_000, "max": 200_000}
    [unknown] = report_to_json(qualify(facts(victims=None), ["BE"]))["results"]
    assert "fine_eur_total" not in unknown["penalty"]


def test_imprisonment_reads_as_lawyers_write_it() -> None:
    cases = {
        Range(12, 60): "1 to 5 years",
        Range(120, 180): "10 to 15 years",
        Range(4, 72): "4 months to 6 years",
        Range(0, 72): "up to 6 years",
        Range(0, 0): "no imprisonment",
        Range(18, 30): "18 to 30 months",
    }
    for months, text in cases.items():
        assert imprisonment_range(months).render() == text
    assert imprisonment_range(None, life=True).render() == "life imprisonment"
