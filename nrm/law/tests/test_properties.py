"""Properties that must hold for every set of facts (hypothesis)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from nrm.law import (
    CaseFacts,
    parse_facts,
    qualification_schema,
    qualify,
    render_text,
    report_to_json,
)
from nrm.law.facts import (
    Act,
    AggravatingFact,
    Means,
    OffencePeriod,
    Purpose,
    Vulnerability,
    facts_to_json,
)
from nrm.law.rules import ElementStatus, Outcome
from nrm.law.rulesets.be import ACTS as BE_ACTS

BE_PURPOSES_1_TO_4 = [
    Purpose.PROSTITUTION,
    Purpose.OTHER_SEXUAL_EXPLOITATION,
    Purpose.PORNOGRAPHY,
    Purpose.BEGGING,
    Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY,
    Purpose.FORCED_LABOUR_OR_SERVICES,
    Purpose.SLAVERY_OR_SIMILAR,
    Purpose.SERVITUDE,
    Purpose.ORGAN_OR_TISSUE_REMOVAL,
]


def codes(enum: Any) -> st.SearchStrategy[list[str] | None]:
    # Known lists twice as likely as unknown ones, so that results other than
    # INSUFFICIENT_FACTS are common.
    known = st.lists(st.sampled_from([m.value for m in enum]), unique=True)
    return known | known | st.none()


maybe_bool = st.sampled_from([None, True, False])

labour_conditions = st.none() | st.fixed_dictionaries(
    {},
    optional={
        "hourly_wage_eur": st.none() | st.floats(0, 40, allow_nan=False),
        "legal_minimum_hourly_wage_eur": st.none() | st.floats(0.5, 40, allow_nan=False),
        "weekly_hours": st.none() | st.floats(0, 168, allow_nan=False),
        "rest_days_per_week": st.none() | st.integers(0, 7),
        "housing_provided_by_employer": maybe_bool,
        "housing_degrading": maybe_bool,
        "unsafe_workplace": maybe_bool,
        "undeclared_work": maybe_bool,
        "documents_withheld": maybe_bool,
        "wage_deductions": maybe_bool,
        "dependency_on_employer": maybe_bool,
        "humiliating_treatment": maybe_bool,
    },
)


@st.composite
def fact_documents(
    draw: st.DrawFn, ages: st.SearchStrategy[int | None] | None = None
) -> dict[str, Any]:
    start = draw(st.dates(date(2000, 1, 1), date(2030, 12, 31)))
    end = draw(st.none() | st.integers(0, 4000).map(lambda days: start + timedelta(days=days)))
    age = draw(ages if ages is not None else st.none() | st.integers(0, 90))
    aggravating = draw(codes(AggravatingFact))
    if age is not None and age >= 18 and aggravating:
        aggravating = [a for a in aggravating if a != AggravatingFact.VICTIM_MINOR]
    return {
        "offence_period": {
            "start": start.isoformat(),
            "end": None if end is None else end.isoformat(),
        },
        "victim": {
            "age_at_acts": age,
            "vulnerabilities": draw(codes(Vulnerability)),
            "consent_to_exploitation": draw(maybe_bool),
            "acted_against_will_for_crimes": draw(maybe_bool),
        },
        "acts": draw(codes(Act)),
        "means": draw(codes(Means)),
        "purposes": draw(codes(Purpose)),
        "labour_conditions": draw(labour_conditions),
        "aggravating_facts": aggravating,
        "number_of_victims": draw(st.none() | st.integers(1, 50)),
        "attempt_only": draw(maybe_bool),
    }


case_facts = fact_documents().map(parse_facts)


def be(facts: CaseFacts) -> Any:
    return qualify(facts, ["BE"]).results[0]


BE_LISTED_PURPOSES = [
    p for p in BE_PURPOSES_1_TO_4 if p is not Purpose.WORK_CONTRARY_TO_HUMAN_DIGNITY
]


@given(
    case_facts,
    st.sampled_from(sorted(BE_ACTS)),
    st.sampled_from(BE_LISTED_PURPOSES),
    st.lists(st.sampled_from(list(Means)), min_size=1, unique=True),
)
def test_adding_a_means_never_turns_a_belgian_qualification_into_anything_else(
    facts: CaseFacts, act: Act, purpose: Purpose, extra: list[Means]
) -> None:
    qualifying = dataclasses.replace(
        facts,
        offence_period=OffencePeriod(start=date(2020, 1, 1)),
        acts=(facts.acts or frozenset()) | {act},
        purposes=(facts.purposes or frozenset()) | {purpose},
    )
    assert be(qualifying).result is Outcome.QUALIFIES
    more = dataclasses.replace(qualifying, means=(qualifying.means or frozenset()) | set(extra))
    assert be(more).result is Outcome.QUALIFIES


@given(fact_documents(ages=st.integers(0, 17)).map(parse_facts))
def test_a_child_never_needs_means_under_any_jurisdiction(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        assert result.elements.means is ElementStatus.NOT_REQUIRED


@given(
    case_facts,
    st.lists(st.sampled_from(BE_PURPOSES_1_TO_4), min_size=1, unique=True),
    maybe_bool,
    maybe_bool,
)
def test_consent_never_changes_a_belgian_result_for_purposes_1_to_4(
    facts: CaseFacts, purposes: list[Purpose], consent: bool | None, against_will: bool | None
) -> None:
    base = dataclasses.replace(facts, purposes=frozenset(purposes))
    changed = dataclasses.replace(
        base,
        victim=dataclasses.replace(
            base.victim,
            consent_to_exploitation=consent,
            acted_against_will_for_crimes=against_will,
        ),
    )
    before, after = be(base), be(changed)
    assert after.result is before.result
    assert after.elements == before.elements
    assert after.penalty == before.penalty


def _absent_then_empty(
    unknown: CaseFacts, empty: CaseFacts, element: str, codes_: Sequence[str] | None
) -> None:
    for result in qualify(unknown, codes_).results:
        assert getattr(result.elements, element) is ElementStatus.INSUFFICIENT_FACTS
        assert result.result is not Outcome.QUALIFIES
    for result in qualify(empty, codes_).results:
        assert getattr(result.elements, element) is ElementStatus.NOT_SATISFIED
        assert result.result is Outcome.DOES_NOT_QUALIFY


@given(case_facts)
def test_absent_lists_are_not_known_and_empty_lists_are_established_none(facts: CaseFacts) -> None:
    adult = dataclasses.replace(facts, victim=dataclasses.replace(facts.victim, age_at_acts=40))
    replace = dataclasses.replace
    _absent_then_empty(replace(adult, acts=None), replace(adult, acts=frozenset()), "act", None)
    _absent_then_empty(
        replace(adult, purposes=None), replace(adult, purposes=frozenset()), "purpose", None
    )
    # Belgium does not require means at all.
    requiring_means = ["DK", "FI", "PALERMO", "EU2011", "EU2024"]
    _absent_then_empty(
        replace(adult, means=None), replace(adult, means=frozenset()), "means", requiring_means
    )


@settings(max_examples=150)
@given(case_facts)
def test_every_output_validates_against_the_output_schema(facts: CaseFacts) -> None:
    report = qualify(facts)
    jsonschema.validate(report_to_json(report), qualification_schema())
    assert render_text(report).strip()


@given(case_facts)
def test_the_engine_never_decides_victim_status(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        assert "VICTIM" not in result.result.value
        assert result.result in set(Outcome)


@given(case_facts)
def test_an_open_standard_never_qualifies_on_its_own(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        statuses = {result.elements.act, result.elements.means, result.elements.purpose}
        if ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT in statuses:
            assert result.result is not Outcome.QUALIFIES


@given(case_facts)
def test_facts_round_trip_through_the_contract(facts: CaseFacts) -> None:
    assert parse_facts(facts_to_json(facts)) == facts


@given(case_facts)
def test_evaluation_is_deterministic(facts: CaseFacts) -> None:
    assert report_to_json(qualify(facts)) == report_to_json(qualify(facts))
