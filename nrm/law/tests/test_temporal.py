"""Law in force at the time of the acts (RULES.md §2.7)."""

from __future__ import annotations

import pytest

from nrm.law import JURISDICTIONS, qualify
from nrm.law.facts import Means, Purpose
from nrm.law.tests.builders import evaluate, explanation, facts


@pytest.mark.parametrize(
    ("code", "start", "ruleset"),
    [
        ("BE", "2010-05-01", "BE-2005-09-12"),
        ("BE", "2013-08-02", "BE-2013-08-02"),
        ("BE", "2019-06-30", "BE-2013-08-02"),
        ("BE", "2019-07-01", "BE-2019-07-01"),
        ("DK", "2011-01-01", "DK-2002-06-06"),
        ("DK", "2015-01-01", "DK-2012-03-28"),
        ("DK", "2022-06-01", "DK-2022-06-01"),
        ("FI", "2010-01-01", "FI-2004-08-01"),
        ("FI", "2020-01-01", "FI-2015-06-01"),
        ("PALERMO", "2020-01-01", "PALERMO-2003-12-25"),
        ("EU2011", "2020-01-01", "EU2011-2011-04-15"),
        ("EU2024", "2025-01-01", "EU2024-2024-07-14"),
    ],
)
def test_the_ruleset_is_chosen_by_the_start_of_the_offence_period(
    code: str, start: str, ruleset: str
) -> None:
    result = evaluate(code, start=start, end=start)
    assert result.ruleset == ruleset
    assert result.ruleset_in_force is True


def test_a_period_spanning_a_change_flags_a_lex_mitior_review_without_applying_it() -> None:
    spanning = evaluate("BE", start="2013-01-01", end="2014-01-01", victims=2)
    assert spanning.lex_mitior_review is True
    assert spanning.ruleset == "BE-2005-09-12"  # chosen by the start, not auto-switched
    assert "lex mitior" in explanation(spanning)
    assert evaluate("BE", start="2014-01-01", end="2015-01-01").lex_mitior_review is False


def test_dk_262b_introduction_is_a_change_too() -> None:
    assert evaluate("DK", start="2022-01-01", end="2022-07-01").lex_mitior_review is True


def test_an_unknown_end_cannot_rule_out_a_later_change() -> None:
    result = evaluate("BE", start="2018-01-01", end=None)
    assert result.lex_mitior_review is False
    assert "cannot be ruled out" in explanation(result)


def test_a_date_before_every_ruleset_uses_the_first_for_reference_only() -> None:
    result = evaluate("BE", start="2001-01-01", end="2001-02-01")
    assert result.ruleset == "BE-2005-09-12"
    assert result.ruleset_in_force is False
    assert "for reference only" in explanation(result)


def test_eu2024_before_its_entry_into_force_is_shown_for_reference() -> None:
    result = evaluate("EU2024", start="2023-01-01", end="2023-02-01")
    assert result.ruleset_in_force is False


def test_every_ruleset_carries_its_validity_source_and_tag() -> None:
    for jurisdiction in JURISDICTIONS.values():
        previous_end = None
        for ruleset in jurisdiction.rulesets:
            assert ruleset.validity.keys
            assert ruleset.id.startswith(jurisdiction.code)
            if previous_end is not None:
                assert (ruleset.valid_from - previous_end).days == 1
            previous_end = ruleset.valid_to


def test_every_ruleset_says_how_every_purpose_and_means_fits() -> None:
    # An unmapped value would silently read as "not a purpose": every value is decided.
    for jurisdiction in JURISDICTIONS.values():
        for ruleset in jurisdiction.rulesets:
            assert set(ruleset.purposes) == set(Purpose), ruleset.id
            if ruleset.means_required:
                assert set(ruleset.means) == set(Means), ruleset.id


def test_minors_never_need_means_anywhere() -> None:
    report = qualify(facts(age=16, means=[]))
    for result in report.results:
        assert result.elements.means.value == "NOT_REQUIRED"
