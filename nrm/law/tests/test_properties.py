"""Properties that must hold for every set of facts (hypothesis)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
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
from nrm.law.be2026 import CUTOVER_DEFAULT, DEFAULT_BE2026
from nrm.law.facts import (
    Act,
    AggravatingFact,
    Means,
    OffencePeriod,
    Purpose,
    Vulnerability,
    facts_to_json,
)
from nrm.law.report import Role
from nrm.law.rules import Citation, ElementStatus, Outcome, Range
from nrm.law.rulesets import JURISDICTIONS
from nrm.law.rulesets.be import ACTS as BE_ACTS
from nrm.law.rulesets.be import be_jurisdiction

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


@settings(deadline=None)
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


@settings(deadline=None)
@given(fact_documents(ages=st.integers(0, 17)).map(parse_facts))
def test_a_child_never_needs_means_under_any_jurisdiction(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        assert result.elements.means is ElementStatus.NOT_REQUIRED


@settings(deadline=None)
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


@settings(deadline=None)
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


@settings(deadline=None, max_examples=150)
@given(case_facts)
def test_every_output_validates_against_the_output_schema(facts: CaseFacts) -> None:
    report = qualify(facts)
    jsonschema.validate(report_to_json(report), qualification_schema())
    assert render_text(report).strip()


@settings(deadline=None)
@given(case_facts)
def test_the_engine_never_decides_victim_status(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        assert "VICTIM" not in result.result.value
        assert result.result in set(Outcome)


@settings(deadline=None)
@given(case_facts)
def test_an_open_standard_never_qualifies_on_its_own(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        statuses = {result.elements.act, result.elements.means, result.elements.purpose}
        if ElementStatus.REQUIRES_JUDICIAL_ASSESSMENT in statuses:
            assert result.result is not Outcome.QUALIFIES


@settings(deadline=None)
@given(case_facts)
def test_facts_round_trip_through_the_contract(facts: CaseFacts) -> None:
    assert parse_facts(facts_to_json(facts)) == facts


@settings(deadline=None)
@given(case_facts)
def test_evaluation_is_deterministic(facts: CaseFacts) -> None:
    assert report_to_json(qualify(facts)) == report_to_json(qualify(facts))


# --------------------------------------------------------------------------- tags and time


def _citations(value: object, seen: set[int]) -> list[Citation]:
    """Every Citation reachable from a ruleset (its tables, penalties, notes, fallbacks)."""
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, Citation):
        return [value]
    found: list[Citation] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            found.extend(_citations(getattr(value, item.name), seen))
    elif isinstance(value, Mapping):
        for item in value.values():
            found.extend(_citations(item, seen))
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            found.extend(_citations(item, seen))
    return found


def _all_rulesets() -> list[Any]:
    switched = dataclasses.replace(
        DEFAULT_BE2026, surrogacy_purpose=True, use_of_victim_services_offence=True
    )
    jurisdictions = [*JURISDICTIONS.values(), be_jurisdiction(switched)]
    return [ruleset for j in jurisdictions for ruleset in j.rulesets]


def test_one_rule_id_carries_one_tag_in_every_ruleset() -> None:
    tags: dict[str, set[str]] = {}
    for ruleset in _all_rulesets():
        for citation in _citations(ruleset, set()):
            tags.setdefault(citation.rule, set()).add(citation.tag.value)
    assert tags
    assert {rule: found for rule, found in tags.items() if len(found) > 1} == {}


@settings(deadline=None, max_examples=150)
@given(case_facts)
def test_one_source_is_never_shown_with_two_tags_in_one_answer(facts: CaseFacts) -> None:
    output = report_to_json(qualify(facts))
    shown: dict[str, set[str]] = {}
    for result in output["results"]:
        keys = [source["key"] for source in result["sources"]]
        assert len(keys) == len(set(keys))
        for source in result["sources"]:
            shown.setdefault(source["key"], set()).add(source["tag"])
        rules = {rule["rule"]: rule for rule in result["rules"]}
        for source in result["sources"]:
            # A source is never shown stronger than a rule the answer draws from it.
            for rule in source["rules"]:
                assert STRENGTH[source["tag"]] <= STRENGTH[rules[rule]["tag"]]
    assert all(len(tags) == 1 for tags in shown.values())


STRENGTH = {"V": 3, "S": 2, "K": 1, "UNVERIFIED": 0}


@settings(deadline=None)
@given(case_facts)
def test_each_jurisdiction_has_at_most_one_governing_result_and_it_comes_first(
    facts: CaseFacts,
) -> None:
    by_code: dict[str, list[Any]] = {}
    for result in qualify(facts).results:
        by_code.setdefault(result.jurisdiction, []).append(result)
    for results in by_code.values():
        governing = [r for r in results if r.role is Role.GOVERNING]
        assert len(governing) <= 1
        if governing:
            assert results[0] is governing[0]
        for result in results:
            assert result.ruleset_in_force is (result.role is not Role.REFERENCE)
            assert result.governing_ruleset == (governing[0].ruleset if governing else None)
            comparison = any(r.role is Role.LEX_MITIOR_COMPARISON for r in results)
            assert result.lex_mitior_review is comparison


@settings(deadline=None)
@given(case_facts, st.sampled_from([Purpose.FORCED_MARRIAGE, Purpose.ILLEGAL_ADOPTION]))
def test_a_new_belgian_purpose_never_applies_before_the_cutover(
    facts: CaseFacts, purpose: Purpose
) -> None:
    only_new = dataclasses.replace(facts, purposes=frozenset({purpose}))
    for result in qualify(only_new, ["BE"]).results:
        if result.role is Role.GOVERNING and only_new.offence_period.start < CUTOVER_DEFAULT:
            assert result.elements.purpose in {
                ElementStatus.NOT_SATISFIED,
                ElementStatus.INSUFFICIENT_FACTS,
            }
            assert result.result is not Outcome.QUALIFIES


@settings(deadline=None)
@given(case_facts)
def test_the_fine_total_is_the_fine_per_victim_times_the_victims(facts: CaseFacts) -> None:
    for result in qualify(facts).results:
        penalties = [result.penalty, *(f.penalty for f in result.fallback_offences)]
        for penalty in penalties:
            if penalty is None:
                continue
            if penalty.fine_multiplied_by_victims and facts.number_of_victims is not None:
                assert penalty.fine_eur is not None
                assert penalty.fine_eur_total == Range(
                    penalty.fine_eur.min * facts.number_of_victims,
                    penalty.fine_eur.max * facts.number_of_victims,
                )
            else:
                assert penalty.fine_eur_total is None
