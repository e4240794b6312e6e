from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from nrm.law import FactsError, facts_schema, parse_facts
from nrm.law.facts import (
    Act,
    AggravatingFact,
    Means,
    Purpose,
    Vulnerability,
    facts_to_json,
)
from nrm.law.tests.builders import SWEATSHOP_CONDITIONS, document

CONTRACT_EXAMPLE = """
{
  "offence_period": {"start": "2023-03-01", "end": "2023-11-30"},
  "victim": {
    "age_at_acts": 34,
    "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
    "consent_to_exploitation": true,
    "acted_against_will_for_crimes": null
  },
  "acts": ["RECRUIT", "HARBOUR"],
  "means": [],
  "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
  "labour_conditions": {
    "hourly_wage_eur": 3.0, "legal_minimum_hourly_wage_eur": 12.5, "weekly_hours": 72,
    "rest_days_per_week": 0, "housing_provided_by_employer": true, "housing_degrading": true,
    "unsafe_workplace": false, "undeclared_work": true, "documents_withheld": false,
    "wage_deductions": false, "dependency_on_employer": true, "humiliating_treatment": false
  },
  "aggravating_facts": [],
  "number_of_victims": 1,
  "attempt_only": false
}
"""


def problems_of(data: object) -> dict[str, str]:
    with pytest.raises(FactsError) as caught:
        parse_facts(data)
    return {path: str(message) for path, message in caught.value.problems}


def test_it_parses_the_contract_example() -> None:
    facts = parse_facts(CONTRACT_EXAMPLE)
    assert facts.offence_period.start == date(2023, 3, 1)
    assert facts.offence_period.end == date(2023, 11, 30)
    assert facts.victim.age_at_acts == 34
    assert facts.victim.vulnerabilities == frozenset(
        {Vulnerability.IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS}
    )
    assert facts.victim.consent_to_exploitation is True
    assert facts.victim.acted_against_will_for_crimes is None
    assert facts.acts == frozenset({Act.RECRUIT, Act.HARBOUR})
    assert facts.means == frozenset()
    assert facts.purposes == frozenset({Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY})
    assert facts.labour_conditions is not None
    assert facts.labour_conditions.weekly_hours == 72
    assert facts.aggravating_facts == frozenset()
    assert facts.number_of_victims == 1
    assert facts.attempt_only is False


def test_absent_or_null_lists_are_not_known_and_empty_lists_are_established_none() -> None:
    absent = parse_facts({"offence_period": {"start": "2020-01-01"}})
    assert absent.acts is None
    assert absent.means is None
    assert absent.purposes is None
    assert absent.aggravating_facts is None
    assert absent.victim.vulnerabilities is None
    assert absent.victim.age_at_acts is None
    assert absent.labour_conditions is None
    assert absent.offence_period.end is None
    null = parse_facts(document(acts=None, means=None))
    assert null.acts is None
    assert null.means is None
    empty = parse_facts(document(acts=[], means=[]))
    assert empty.acts == frozenset()
    assert empty.means == frozenset()


def test_it_reads_json_text_and_bytes() -> None:
    assert parse_facts(CONTRACT_EXAMPLE.encode()) == parse_facts(CONTRACT_EXAMPLE)


def test_it_round_trips_through_the_contract() -> None:
    facts = parse_facts(document(labour=SWEATSHOP_CONDITIONS, end=None, age=None))
    assert parse_facts(json.dumps(facts_to_json(facts))) == facts


def test_an_unknown_enum_value_names_the_field_and_the_value() -> None:
    found = problems_of(document(acts=["RECRUIT", "HARBOUR", "RECRUT"]))
    assert list(found) == ["acts[2]"]
    assert '"RECRUT"' in found["acts[2]"]
    assert "acts[2]" in found["acts[2]"]


def test_an_unknown_nested_enum_value_has_a_dotted_path() -> None:
    found = problems_of(document(vulnerabilities=["POVERTY"]))
    assert list(found) == ["victim.vulnerabilities[0]"]
    assert '"POVERTY"' in found["victim.vulnerabilities[0]"]


def test_an_end_before_the_start_is_refused() -> None:
    found = problems_of(document(start="2023-05-01", end="2023-04-30"))
    assert list(found) == ["offence_period.end"]


def test_a_negative_age_is_refused() -> None:
    found = problems_of(document(age=-1))
    assert list(found) == ["victim.age_at_acts"]
    assert "at least 0" in found["victim.age_at_acts"]


def test_fewer_than_one_victim_is_refused() -> None:
    assert list(problems_of(document(victims=0))) == ["number_of_victims"]


def test_malformed_json_is_refused_at_the_root() -> None:
    found = problems_of('{"offence_period": {"start": "2023-01-01"')
    assert list(found) == ["$"]
    assert "line 1" in found["$"]


def test_a_document_that_is_not_an_object_is_refused_at_the_root() -> None:
    assert list(problems_of([1, 2])) == ["$"]


def test_a_missing_start_is_refused() -> None:
    assert list(problems_of({"offence_period": {}})) == ["offence_period.start"]
    assert list(problems_of({})) == ["offence_period"]


def test_an_impossible_date_is_refused() -> None:
    assert list(problems_of(document(start="2023-02-30"))) == ["offence_period.start"]


def test_a_misspelt_field_is_refused_rather_than_read_as_not_known() -> None:
    doc = document()
    doc["purpose"] = doc.pop("purposes")
    assert list(problems_of(doc)) == ["purpose"]


def test_a_wrong_type_is_refused() -> None:
    assert list(problems_of(document(age="34"))) == ["victim.age_at_acts"]  # type: ignore[arg-type]
    assert list(problems_of(document(attempt="no"))) == ["attempt_only"]  # type: ignore[arg-type]


def test_every_problem_is_reported_at_once() -> None:
    doc: dict[str, Any] = document(age=-3, acts=["FLY"], victims=0)
    assert set(problems_of(doc)) == {"victim.age_at_acts", "acts[0]", "number_of_victims"}


def test_victim_minor_contradicting_an_adult_age_is_refused() -> None:
    found = problems_of(document(age=30, aggravating=["HABITUAL_ACTIVITY", "VICTIM_MINOR"]))
    assert list(found) == ["aggravating_facts[1]"]


def test_victim_minor_without_an_age_makes_the_victim_a_minor() -> None:
    facts = parse_facts(document(age=None, aggravating=["VICTIM_MINOR"]))
    assert facts.victim_is_minor is True
    assert parse_facts(document(age=None)).victim_is_minor is None
    assert parse_facts(document(age=17)).victim_is_minor is True
    assert parse_facts(document(age=18)).victim_is_minor is False


def test_the_shipped_schema_lists_exactly_the_engine_enums() -> None:
    props = facts_schema()["properties"]
    victim = props["victim"]["properties"]
    pairs = [
        (props["acts"], Act),
        (props["means"], Means),
        (props["purposes"], Purpose),
        (props["aggravating_facts"], AggravatingFact),
        (victim["vulnerabilities"], Vulnerability),
    ]
    for schema, enum in pairs:
        assert schema["items"]["enum"] == [member.value for member in enum]


def test_the_problem_messages_are_translatable() -> None:
    with pytest.raises(FactsError) as caught:
        parse_facts(document(acts=["FLY"]))
    path, message = caught.value.problems[0]
    assert path == "acts[0]"
    french = {message.template: "%(value)s n'est pas une valeur connue de %(field)s."}
    assert (
        message.render(lambda t: french.get(t, t))
        == '"FLY" n\'est pas une valeur connue de acts[0].'
    )
