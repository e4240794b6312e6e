"""Case facts for tests, built through the real parser so that tests speak the contract."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nrm.law import CaseFacts, JurisdictionResult, parse_facts, qualify

KEEP: Any = object()  # "leave the default": None must stay expressible as "not known"

DEFAULT: Mapping[str, Any] = {
    "offence_period": {"start": "2023-03-01", "end": "2023-11-30"},
    "victim": {
        "age_at_acts": 34,
        "vulnerabilities": [],
        "consent_to_exploitation": None,
        "acted_against_will_for_crimes": None,
    },
    "acts": ["RECRUIT"],
    "means": [],
    "purposes": ["FORCED_LABOUR_OR_SERVICES"],
    "aggravating_facts": [],
    "number_of_victims": 1,
    "attempt_only": False,
}


def document(
    *,
    start: str = KEEP,
    end: str | None = KEEP,
    age: int | None = KEEP,
    vulnerabilities: Iterable[str] | None = KEEP,
    consent: bool | None = KEEP,
    against_will: bool | None = KEEP,
    acts: Iterable[str] | None = KEEP,
    means: Iterable[str] | None = KEEP,
    purposes: Iterable[str] | None = KEEP,
    labour: Mapping[str, Any] | None = KEEP,
    aggravating: Iterable[str] | None = KEEP,
    victims: int | None = KEEP,
    attempt: bool | None = KEEP,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        key: (dict(value) if isinstance(value, Mapping) else value)
        for key, value in DEFAULT.items()
    }
    doc["offence_period"] = dict(DEFAULT["offence_period"])
    doc["victim"] = dict(DEFAULT["victim"])

    def put(target: dict[str, Any], key: str, value: Any) -> None:
        if value is KEEP:
            return
        if value is not None and not isinstance(value, str | int | bool | Mapping):
            value = list(value)
        target[key] = value

    put(doc["offence_period"], "start", start)
    put(doc["offence_period"], "end", end)
    put(doc["victim"], "age_at_acts", age)
    put(doc["victim"], "vulnerabilities", vulnerabilities)
    put(doc["victim"], "consent_to_exploitation", consent)
    put(doc["victim"], "acted_against_will_for_crimes", against_will)
    put(doc, "acts", acts)
    put(doc, "means", means)
    put(doc, "purposes", purposes)
    put(doc, "labour_conditions", labour)
    put(doc, "aggravating_facts", aggravating)
    put(doc, "number_of_victims", victims)
    put(doc, "attempt_only", attempt)
    return doc


def facts(**changes: Any) -> CaseFacts:
    return parse_facts(document(**changes))


def evaluate(jurisdiction: str, **changes: Any) -> JurisdictionResult:
    return qualify(facts(**changes), [jurisdiction]).results[0]


def explanation(result: JurisdictionResult) -> str:
    return "\n".join(str(message) for message in result.explanation)


def provisions(result: JurisdictionResult) -> set[str]:
    return {a.provision for a in result.aggravating}


SWEATSHOP_CONDITIONS: Mapping[str, Any] = {
    "hourly_wage_eur": 3.0,
    "legal_minimum_hourly_wage_eur": 12.5,
    "weekly_hours": 84,
    "rest_days_per_week": 0,
    "housing_provided_by_employer": True,
    "housing_degrading": True,
    "unsafe_workplace": None,
    "undeclared_work": True,
    "documents_withheld": False,
    "wage_deductions": None,
    "dependency_on_employer": None,
    "humiliating_treatment": None,
}
