"""The JSON contract of `nrm pathway simulate` (CONTRACTS.md §2): reading events, writing
results. Input is validated against the shipped schema (`schemas/events.schema.json`)
and then checked for what a schema cannot say (real calendar dates, date order)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any, Literal, cast

from jsonschema import Draft202012Validator, ValidationError

from nrm.pathway.engine import right_to_work
from nrm.pathway.errors import InputProblem, PathwayInputError
from nrm.pathway.i18n import Message, Translate, _, identity
from nrm.pathway.model import Deadline, DeadlineKind, Event, LegalBasis, Person
from nrm.pathway.simulation import SimulationInput, SimulationResult, jurisdiction_problems

# Dates far outside a person's lifetime are typing errors, and keeping them in range keeps
# every period's end inside what `datetime.date` can hold.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)


@cache
def load_schema(name: Literal["events", "simulation"]) -> dict[str, Any]:
    text = files("nrm.pathway.schemas").joinpath(f"{name}.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(text))


def _pointer(parts: Iterable[str | int]) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def _value(instance: object) -> str:
    return json.dumps(instance, ensure_ascii=False)


def _schema_problems(error: ValidationError) -> list[InputProblem]:
    """Whole translatable sentences for the schema errors users actually make; anything
    else keeps jsonschema's own wording."""
    parts = list(error.absolute_path)
    path = _pointer(parts)
    field = str(parts[-1]) if parts else ""
    keyword = str(error.validator)
    instance: Any = error.instance
    keyword_value: Any = error.validator_value
    if keyword == "required":
        return [
            InputProblem(_pointer([*parts, name]), Message(_("This field is required.")))
            for name in keyword_value
            if isinstance(instance, dict) and name not in instance
        ]
    if keyword == "additionalProperties":
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        return [
            InputProblem(
                _pointer([*parts, name]),
                Message(_("The field %(field)s is not part of the contract."), {"field": name}),
            )
            for name in instance
            if name not in allowed
        ]
    if keyword == "const" and "dependentSchemas" in error.relative_schema_path:
        # {"type": "COMPLAINT_FILED", "positive": true}: report the field that does not
        # belong, not the event type.
        schema_path = list(error.relative_schema_path)
        extra = str(schema_path[schema_path.index("dependentSchemas") + 1])
        return [
            InputProblem(
                _pointer([*parts[:-1], extra]),
                Message(
                    _("The field %(field)s is allowed only with the event type %(type)s."),
                    {"field": extra, "type": str(keyword_value)},
                ),
            )
        ]
    if keyword == "enum":
        message = Message(
            _("Unknown value %(value)s for %(field)s."),
            {"value": _value(instance), "field": field},
        )
    elif keyword == "type":
        expected = keyword_value
        message = Message(
            _("The value %(value)s has the wrong type; expected: %(expected)s."),
            {
                "value": _value(instance),
                "expected": expected if isinstance(expected, str) else ", ".join(expected),
            },
        )
    elif keyword == "pattern":
        message = Message(
            _("%(value)s is not a date written as YYYY-MM-DD."), {"value": _value(instance)}
        )
    elif keyword == "minimum":
        message = Message(
            _("%(value)s is below the minimum of %(limit)s."),
            {"value": _value(instance), "limit": str(keyword_value)},
        )
    elif keyword == "maximum":
        message = Message(
            _("%(value)s is above the maximum of %(limit)s."),
            {"value": _value(instance), "limit": str(keyword_value)},
        )
    else:  # pragma: no cover - the schema uses no other keyword users can trip
        message = Message(_("%(detail)s"), {"detail": error.message})
    return [InputProblem(path, message)]


def _date_problems(events: list[dict[str, Any]]) -> tuple[list[InputProblem], list[dt.date]]:
    problems: list[InputProblem] = []
    dates: list[dt.date] = []
    previous: dt.date | None = None
    for index, raw in enumerate(events):
        path = f"/events/{index}/date"
        try:
            date = dt.date.fromisoformat(raw["date"])
        except ValueError:
            problems.append(
                InputProblem(
                    path,
                    Message(_("%(value)s is not a valid calendar date."), {"value": raw["date"]}),
                )
            )
            continue
        dates.append(date)
        if not FIRST_DATE <= date <= LAST_DATE:
            problems.append(
                InputProblem(
                    path,
                    Message(
                        _("%(value)s is outside the supported dates, %(first)s to %(last)s."),
                        {
                            "value": raw["date"],
                            "first": FIRST_DATE.isoformat(),
                            "last": LAST_DATE.isoformat(),
                        },
                    ),
                )
            )
        if previous is not None and date < previous:
            problems.append(
                InputProblem(
                    path,
                    Message(
                        _(
                            "This event is dated %(date)s, before the previous event of "
                            "%(previous)s; events must be in date order."
                        ),
                        {"date": date.isoformat(), "previous": previous.isoformat()},
                    ),
                )
            )
        previous = date if previous is None else max(previous, date)
    return problems, dates


def parse_simulation(data: object, *, jurisdiction: str | None = None) -> SimulationInput:
    """Validate decoded JSON and build the engine's input, or raise `PathwayInputError`
    listing every problem. With `jurisdiction`, event types of another jurisdiction's
    pathway are problems too (otherwise `simulate` reports them)."""
    validator = Draft202012Validator(load_schema("events"))
    problems: list[InputProblem] = []
    for error in validator.iter_errors(data):
        for problem in _schema_problems(error):
            if problem not in problems:
                problems.append(problem)
    if problems:
        raise PathwayInputError(problems)
    document = cast(dict[str, Any], data)
    raw_person: dict[str, Any] = document["person"]
    raw_events: list[dict[str, Any]] = document["events"]
    age = raw_person.get("age_at_identification")
    person = Person(
        unaccompanied_minor=raw_person.get("unaccompanied_minor", False),
        has_legal_stay=raw_person.get("has_legal_stay", False),
        age_at_identification=age,
    )
    if person.unaccompanied_minor and age is not None and age >= 18:
        problems.append(
            InputProblem(
                "/person/unaccompanied_minor",
                Message(_("A person aged %(age)s at identification is not a minor."), {"age": age}),
            )
        )
    date_problems, dates = _date_problems(raw_events)
    problems.extend(date_problems)
    if problems:
        raise PathwayInputError(problems)
    events = tuple(
        Event(
            date=date,
            type=raw["type"],
            positive=raw.get("positive"),
            days=raw.get("days"),
            document=raw.get("document"),
        )
        for date, raw in zip(dates, raw_events, strict=True)
    )
    if jurisdiction is not None:
        problems.extend(jurisdiction_problems(events, jurisdiction))
        if problems:
            raise PathwayInputError(problems)
    return SimulationInput(person=person, events=events)


def legal_basis_text(basis: LegalBasis, translate: Translate = identity) -> str:
    if not basis.sources:
        return Message(
            _("%(basis)s No source. Verification: %(tag)s."),
            {"basis": translate(basis.text), "tag": str(basis.tag)},
        ).render(translate)
    return Message(
        _("%(basis)s Sources: %(sources)s. Verification: %(tag)s."),
        {"basis": translate(basis.text), "sources": basis.citation, "tag": str(basis.tag)},
    ).render(translate)


def _deadline_json(
    deadline: Deadline, as_of: dt.date | None, translate: Translate
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": str(deadline.kind),
        "due": deadline.due.isoformat(),
        "responsible": str(deadline.responsible),
        "action": translate(deadline.action),
    }
    if deadline.kind == DeadlineKind.REQUEST_DECISION and deadline.document:
        entry["document"] = deadline.document
    if as_of is not None and deadline.is_overdue(as_of):
        entry["overdue"] = True
    return entry


def result_to_json(result: SimulationResult, translate: Translate = identity) -> dict[str, Any]:
    """Exactly the contract's output shape (validated by `schemas/simulation.schema.json`)."""
    pathway = result.pathway
    work = right_to_work(pathway, result.config)
    return {
        "state": pathway.state,
        "history": [
            {
                "state": entry.state,
                "from": entry.start.isoformat(),
                "until": entry.until.isoformat() if entry.until else None,
                "decided_by": str(entry.decided_by),
                "legal_basis": legal_basis_text(entry.legal_basis, translate),
            }
            for entry in pathway.history
        ],
        "deadlines": [_deadline_json(d, result.as_of, translate) for d in pathway.deadlines],
        "rejected_events": [
            {
                "index": rejected.index,
                "type": rejected.event.type,
                "reason": rejected.reason.render(translate),
            }
            for rejected in pathway.rejected
        ],
        "right_to_work": work.allowed,
        "right_to_work_basis": legal_basis_text(work.basis, translate),
        "lapses": [
            {
                "from": lapse.start.isoformat(),
                "until": lapse.until.isoformat(),
                "document": lapse.document,
            }
            for lapse in pathway.lapses
        ],
    }
