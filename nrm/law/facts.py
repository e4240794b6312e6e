"""The jurisdiction-neutral case facts (RULES.md §2.1, CONTRACTS.md §1 input).

Absence carries meaning: `None` is *not known* (the element becomes INSUFFICIENT_FACTS),
an empty set is *established that there is none*. The parser keeps that distinction
for every list and scalar.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any, NamedTuple, TypeVar

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

from nrm.law.i18n import Message, _


class Act(StrEnum):
    RECRUIT = "RECRUIT"
    TRANSPORT = "TRANSPORT"
    TRANSFER = "TRANSFER"
    HARBOUR = "HARBOUR"
    RECEIVE = "RECEIVE"
    TAKE_CONTROL = "TAKE_CONTROL"
    TRANSFER_CONTROL = "TRANSFER_CONTROL"
    HAND_OVER = "HAND_OVER"


class Means(StrEnum):
    THREAT = "THREAT"
    FORCE_VIOLENCE = "FORCE_VIOLENCE"
    OTHER_COERCION = "OTHER_COERCION"
    DEPRIVATION_OF_LIBERTY = "DEPRIVATION_OF_LIBERTY"
    ABDUCTION = "ABDUCTION"
    FRAUD = "FRAUD"
    DECEPTION = "DECEPTION"
    EXPLOIT_ERROR = "EXPLOIT_ERROR"
    ABUSE_OF_POWER = "ABUSE_OF_POWER"
    ABUSE_OF_VULNERABILITY = "ABUSE_OF_VULNERABILITY"
    PRESSURE = "PRESSURE"
    PAYMENT_TO_CONTROLLER = "PAYMENT_TO_CONTROLLER"
    OTHER_UNDUE_METHOD = "OTHER_UNDUE_METHOD"


class Purpose(StrEnum):
    PROSTITUTION = "PROSTITUTION"
    OTHER_SEXUAL_EXPLOITATION = "OTHER_SEXUAL_EXPLOITATION"
    PORNOGRAPHY = "PORNOGRAPHY"
    BEGGING = "BEGGING"
    WORK_CONTRARY_TO_HUMAN_DIGNITY = "WORK_CONTRARY_TO_HUMAN_DIGNITY"
    FORCED_LABOUR_OR_SERVICES = "FORCED_LABOUR_OR_SERVICES"
    SLAVERY_OR_SIMILAR = "SLAVERY_OR_SIMILAR"
    SERVITUDE = "SERVITUDE"
    OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY = "OTHER_CONDITIONS_VIOLATING_HUMAN_DIGNITY"
    ORGAN_OR_TISSUE_REMOVAL = "ORGAN_OR_TISSUE_REMOVAL"
    FORCED_CRIMINALITY = "FORCED_CRIMINALITY"
    SURROGACY_EXPLOITATION = "SURROGACY_EXPLOITATION"
    FORCED_MARRIAGE = "FORCED_MARRIAGE"
    ILLEGAL_ADOPTION = "ILLEGAL_ADOPTION"


class Vulnerability(StrEnum):
    IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS = "IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"
    PRECARIOUS_SOCIAL_SITUATION = "PRECARIOUS_SOCIAL_SITUATION"
    AGE = "AGE"
    PREGNANCY = "PREGNANCY"
    ILLNESS = "ILLNESS"
    PHYSICAL_OR_MENTAL_IMPAIRMENT = "PHYSICAL_OR_MENTAL_IMPAIRMENT"


class AggravatingFact(StrEnum):
    AUTHOR_HAS_AUTHORITY_OVER_VICTIM = "AUTHOR_HAS_AUTHORITY_OVER_VICTIM"
    PUBLIC_OFFICIAL_ABUSING_FUNCTION = "PUBLIC_OFFICIAL_ABUSING_FUNCTION"
    VICTIM_MINOR = "VICTIM_MINOR"
    ABUSE_OF_PARTICULAR_VULNERABILITY = "ABUSE_OF_PARTICULAR_VULNERABILITY"
    COERCIVE_MEANS_USED = "COERCIVE_MEANS_USED"
    PAYMENT_TO_AUTHORITY_HOLDER = "PAYMENT_TO_AUTHORITY_HOLDER"
    LIFE_ENDANGERED = "LIFE_ENDANGERED"
    INCURABLE_DISEASE_OR_INCAPACITY_4M = "INCURABLE_DISEASE_OR_INCAPACITY_4M"
    PERMANENT_INCAPACITY = "PERMANENT_INCAPACITY"
    HABITUAL_ACTIVITY = "HABITUAL_ACTIVITY"
    ASSOCIATION_PARTICIPATION = "ASSOCIATION_PARTICIPATION"
    ASSOCIATION_LEADER = "ASSOCIATION_LEADER"
    DEATH_CAUSED_UNINTENTIONALLY = "DEATH_CAUSED_UNINTENTIONALLY"
    ORGANISED_CRIMINAL_GROUP = "ORGANISED_CRIMINAL_GROUP"
    SERIOUS_VIOLENCE_OR_PARTICULARLY_SERIOUS_HARM = "SERIOUS_VIOLENCE_OR_PARTICULARLY_SERIOUS_HARM"
    ICT_DISSEMINATION_OF_VICTIM_CONTENT = "ICT_DISSEMINATION_OF_VICTIM_CONTENT"


ADULT_AGE = 18


@dataclass(frozen=True, slots=True)
class OffencePeriod:
    start: date
    end: date | None = None  # None: not known (e.g. still going on when detected)


@dataclass(frozen=True, slots=True)
class Victim:
    age_at_acts: int | None = None
    vulnerabilities: frozenset[Vulnerability] | None = None
    # Free-text vulnerabilities outside the Belgian list, for FI/EU assessments.
    other_vulnerabilities: tuple[str, ...] | None = None
    consent_to_exploitation: bool | None = None
    acted_against_will_for_crimes: bool | None = None


@dataclass(frozen=True, slots=True)
class LabourConditions:
    hourly_wage_eur: float | None = None
    legal_minimum_hourly_wage_eur: float | None = None
    weekly_hours: float | None = None
    rest_days_per_week: int | None = None
    housing_provided_by_employer: bool | None = None
    housing_degrading: bool | None = None
    unsafe_workplace: bool | None = None
    undeclared_work: bool | None = None
    documents_withheld: bool | None = None
    wage_deductions: bool | None = None
    dependency_on_employer: bool | None = None
    humiliating_treatment: bool | None = None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    offence_period: OffencePeriod
    victim: Victim = Victim()
    acts: frozenset[Act] | None = None
    means: frozenset[Means] | None = None
    purposes: frozenset[Purpose] | None = None
    labour_conditions: LabourConditions | None = None
    aggravating_facts: frozenset[AggravatingFact] | None = None
    number_of_victims: int | None = None
    attempt_only: bool | None = None

    @property
    def victim_is_minor(self) -> bool | None:
        """True, False, or None when neither the age nor the VICTIM_MINOR fact is known."""
        age = self.victim.age_at_acts
        if age is not None:
            return age < ADULT_AGE
        if self.aggravating_facts and AggravatingFact.VICTIM_MINOR in self.aggravating_facts:
            return True
        return None


# --------------------------------------------------------------------------- errors


class Problem(NamedTuple):
    """One thing wrong with the input: where (`victim.age_at_acts`, `acts[2]`, `$` for
    the whole document) and what, as a translatable sentence."""

    path: str
    message: Message


class FactsError(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in self.problems))


ROOT = "$"


def _path(parts: Iterable[str | int]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or ROOT


def _child(base: str, name: str) -> str:
    return name if base == ROOT else f"{base}.{name}"


_JSON_TYPE_WORDS = {
    "array": "list",
    "boolean": "true/false",
    "integer": "integer",
    "number": "number",
    "object": "object",
    "string": "text",
    "null": "null",
}


_LIMITS = {
    "minimum": _("%(field)s must be at least %(limit)s."),
    "exclusiveMinimum": _("%(field)s must be more than %(limit)s."),
    "maximum": _("%(field)s must be at most %(limit)s."),
}


def _problems_from(error: jsonschema.ValidationError) -> list[Problem]:
    where = _path(error.absolute_path)
    # The stubs type these loosely; at run time they are the keyword and plain JSON.
    keyword = str(error.validator)
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if keyword == "required" and isinstance(instance, dict):
        return [
            Problem(_child(where, name), Message(_("This field is required.")))
            for name in value
            if name not in instance
        ]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        return [
            Problem(
                _child(where, str(name)),
                Message(
                    _("%(field)s is not a field of the case facts; check its spelling."),
                    {"field": str(name)},
                ),
            )
            for name in instance
            if name not in known
        ]
    if keyword == "enum":
        message = Message(
            _("%(value)s is not a known value for %(field)s; expected one of %(allowed)s."),
            {
                "value": json.dumps(instance),
                "field": where,
                "allowed": ", ".join(str(v) for v in value),
            },
        )
    elif keyword == "type":
        types = [value] if isinstance(value, str) else list(value)
        message = Message(
            _("%(field)s must be of type %(expected)s."),
            {"field": where, "expected": " / ".join(_JSON_TYPE_WORDS.get(t, t) for t in types)},
        )
    elif keyword in _LIMITS:
        message = Message(_LIMITS[keyword], {"field": where, "limit": str(value)})
    elif keyword == "format":
        message = Message(_("%(field)s must be a date written YYYY-MM-DD."), {"field": where})
    else:
        message = Message(
            _("%(field)s is not valid: %(detail)s."), {"field": where, "detail": error.message}
        )
    return [Problem(where, message)]


# --------------------------------------------------------------------------- schema


@cache
def facts_schema() -> Mapping[str, Any]:
    """The JSON Schema of the input (shipped so that the API can serve it)."""
    text = resources.files("nrm.law.schemas").joinpath("facts.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(facts_schema(), format_checker=FormatChecker())


# --------------------------------------------------------------------------- parser

E = TypeVar("E", bound=StrEnum)


def _enum_set(kind: type[E], raw: object) -> frozenset[E] | None:
    if raw is None:
        return None
    assert isinstance(raw, list)
    return frozenset(kind(item) for item in raw)


def _opt_bool(raw: Mapping[str, Any], name: str) -> bool | None:
    value = raw.get(name)
    return None if value is None else bool(value)


def _opt_int(raw: Mapping[str, Any], name: str) -> int | None:
    value = raw.get(name)
    return None if value is None else int(value)


def _opt_float(raw: Mapping[str, Any], name: str) -> float | None:
    value = raw.get(name)
    return None if value is None else float(value)


def _decode(data: object) -> object:
    if isinstance(data, str | bytes | bytearray):
        try:
            return json.loads(data)
        except json.JSONDecodeError as error:
            raise FactsError(
                [
                    Problem(
                        ROOT,
                        Message(
                            _(
                                "The case facts are not valid JSON (line %(line)s, column "
                                "%(column)s)."
                            ),
                            {"line": error.lineno, "column": error.colno},
                        ),
                    )
                ]
            ) from error
        except UnicodeDecodeError as error:
            raise FactsError(
                [Problem(ROOT, Message(_("The case facts are not UTF-8 text.")))]
            ) from error
    return data


def _semantic_problems(facts: CaseFacts, raw: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    period = facts.offence_period
    if period.end is not None and period.end < period.start:
        problems.append(
            Problem(
                "offence_period.end",
                Message(
                    _("The offence period ends (%(end)s) before it starts (%(start)s)."),
                    {"end": period.end.isoformat(), "start": period.start.isoformat()},
                ),
            )
        )
    age = facts.victim.age_at_acts
    if age is not None and age >= ADULT_AGE:
        for index, fact in enumerate(raw.get("aggravating_facts") or ()):
            if fact == AggravatingFact.VICTIM_MINOR:
                problems.append(
                    Problem(
                        f"aggravating_facts[{index}]",
                        Message(
                            _("VICTIM_MINOR contradicts victim.age_at_acts (%(age)s)."),
                            {"age": age},
                        ),
                    )
                )
    return problems


def parse_facts(data: object) -> CaseFacts:
    """Validate and convert contract input into `CaseFacts`.

    `data` is the decoded JSON document, or JSON text (str/bytes). Raises `FactsError`
    listing every problem found, each with its path.
    """
    document = _decode(data)
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    if errors:
        problems = [problem for error in errors for problem in _problems_from(error)]
        raise FactsError(problems)
    assert isinstance(document, dict)
    facts = _build(document)
    semantic = _semantic_problems(facts, document)
    if semantic:
        raise FactsError(semantic)
    return facts


def _build(raw: Mapping[str, Any]) -> CaseFacts:
    period = raw["offence_period"]
    end = period.get("end")
    victim_raw: Mapping[str, Any] = raw.get("victim") or {}
    others = victim_raw.get("other_vulnerabilities")
    labour_raw: Mapping[str, Any] | None = raw.get("labour_conditions")
    labour = None
    if labour_raw is not None:
        labour = LabourConditions(
            hourly_wage_eur=_opt_float(labour_raw, "hourly_wage_eur"),
            legal_minimum_hourly_wage_eur=_opt_float(labour_raw, "legal_minimum_hourly_wage_eur"),
            weekly_hours=_opt_float(labour_raw, "weekly_hours"),
            rest_days_per_week=_opt_int(labour_raw, "rest_days_per_week"),
            housing_provided_by_employer=_opt_bool(labour_raw, "housing_provided_by_employer"),
            housing_degrading=_opt_bool(labour_raw, "housing_degrading"),
            unsafe_workplace=_opt_bool(labour_raw, "unsafe_workplace"),
            undeclared_work=_opt_bool(labour_raw, "undeclared_work"),
            documents_withheld=_opt_bool(labour_raw, "documents_withheld"),
            wage_deductions=_opt_bool(labour_raw, "wage_deductions"),
            dependency_on_employer=_opt_bool(labour_raw, "dependency_on_employer"),
            humiliating_treatment=_opt_bool(labour_raw, "humiliating_treatment"),
        )
    return CaseFacts(
        offence_period=OffencePeriod(
            start=date.fromisoformat(period["start"]),
            end=None if end is None else date.fromisoformat(end),
        ),
        victim=Victim(
            age_at_acts=_opt_int(victim_raw, "age_at_acts"),
            vulnerabilities=_enum_set(Vulnerability, victim_raw.get("vulnerabilities")),
            other_vulnerabilities=None if others is None else tuple(others),
            consent_to_exploitation=_opt_bool(victim_raw, "consent_to_exploitation"),
            acted_against_will_for_crimes=_opt_bool(victim_raw, "acted_against_will_for_crimes"),
        ),
        acts=_enum_set(Act, raw.get("acts")),
        means=_enum_set(Means, raw.get("means")),
        purposes=_enum_set(Purpose, raw.get("purposes")),
        labour_conditions=labour,
        aggravating_facts=_enum_set(AggravatingFact, raw.get("aggravating_facts")),
        number_of_victims=_opt_int(raw, "number_of_victims"),
        attempt_only=_opt_bool(raw, "attempt_only"),
    )


def facts_to_json(facts: CaseFacts) -> dict[str, Any]:
    """The contract input for `facts` (parse_facts(facts_to_json(f)) == f)."""

    def codes(values: frozenset[E] | None) -> list[str] | None:
        return None if values is None else sorted(str(v) for v in values)

    victim = facts.victim
    labour = facts.labour_conditions
    return {
        "offence_period": {
            "start": facts.offence_period.start.isoformat(),
            "end": None
            if facts.offence_period.end is None
            else facts.offence_period.end.isoformat(),
        },
        "victim": {
            "age_at_acts": victim.age_at_acts,
            "vulnerabilities": codes(victim.vulnerabilities),
            "other_vulnerabilities": (
                None if victim.other_vulnerabilities is None else list(victim.other_vulnerabilities)
            ),
            "consent_to_exploitation": victim.consent_to_exploitation,
            "acted_against_will_for_crimes": victim.acted_against_will_for_crimes,
        },
        "acts": codes(facts.acts),
        "means": codes(facts.means),
        "purposes": codes(facts.purposes),
        "labour_conditions": None
        if labour is None
        else {name: getattr(labour, name) for name in LabourConditions.__dataclass_fields__},
        "aggravating_facts": codes(facts.aggravating_facts),
        "number_of_victims": facts.number_of_victims,
        "attempt_only": facts.attempt_only,
    }
