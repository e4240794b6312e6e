"""Reading the contract's input: schema, semantic checks, and errors that point at the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from nrm.pathway import (
    EVENT_TYPES,
    Event,
    PathwayInputError,
    Person,
    SimulationInput,
    load_schema,
    parse_simulation,
    simulate,
)
from nrm.pathway.tests.builders import CONTRACT_SAMPLE as SAMPLE
from nrm.pathway.tests.builders import d


def problems(data: object, **kwargs: Any) -> list[tuple[str, str]]:
    with pytest.raises(PathwayInputError) as error:
        parse_simulation(data, **kwargs)
    return [(p.path, p.message.render()) for p in error.value.problems]


def with_event(index: int, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(SAMPLE)
    data["events"][index].update(changes)
    return data


def test_the_contract_sample_parses() -> None:
    parsed = parse_simulation(SAMPLE)
    assert parsed.person == Person(age_at_identification=29)
    assert parsed.events[0] == Event(date=d("2025-01-10"), type="REFERRED")
    assert parsed.events[4] == Event(date=d("2025-04-15"), type="PROSECUTOR_OPINION", positive=True)


def test_absent_person_fields_mean_unknown_age_no_minor_no_legal_stay() -> None:
    parsed = parse_simulation({"person": {}, "events": []})
    assert parsed == SimulationInput(person=Person(), events=())


def test_the_schemas_are_valid_and_list_every_event_type() -> None:
    for name in ("events", "simulation"):
        Draft202012Validator.check_schema(load_schema(name))
    schema_types = load_schema("events")["$defs"]["event"]["properties"]["type"]["enum"]
    assert set(schema_types) == set(EVENT_TYPES["BE"]) | set(EVENT_TYPES["DK"])


def test_an_unknown_event_type_names_the_field_and_the_value() -> None:
    assert problems(with_event(2, type="COMPLAINT")) == [
        ("/events/2/type", 'Unknown value "COMPLAINT" for type.')
    ]


def test_an_event_type_of_the_other_jurisdiction_is_an_input_error() -> None:
    data = with_event(1, type="IDENTIFIED")
    assert problems(data, jurisdiction="BE") == [
        ("/events/1/type", "The event type IDENTIFIED does not exist in the BE pathway.")
    ]
    with pytest.raises(PathwayInputError):
        simulate(parse_simulation(data), jurisdiction="BE")


def test_an_event_dated_before_the_previous_one_is_named() -> None:
    assert problems(with_event(2, date="2025-01-09")) == [
        (
            "/events/2/date",
            "This event is dated 2025-01-09, before the previous event of "
            "2025-01-10; events must be in date order.",
        )
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-02-30", "2025-02-30 is not a valid calendar date."),
        ("2025-13-01", "2025-13-01 is not a valid calendar date."),
        ("10/01/2025", '"10/01/2025" is not a date written as YYYY-MM-DD.'),
        ("1850-01-01", "1850-01-01 is outside the supported dates, 1900-01-01 to 2999-12-31."),
    ],
)
def test_bad_dates_are_named(date: str, message: str) -> None:
    data = {"person": {}, "events": [{"date": date, "type": "REFERRED"}]}
    assert problems(data) == [("/events/0/date", message)]


def test_a_date_must_be_a_string() -> None:
    data = {"person": {}, "events": [{"date": 20250110, "type": "REFERRED"}]}
    assert problems(data) == [
        ("/events/0/date", "The value 20250110 has the wrong type; expected: string.")
    ]


def test_an_opinion_must_say_whether_it_is_positive() -> None:
    data = with_event(4)
    del data["events"][4]["positive"]
    assert problems(data) == [("/events/4/positive", "This field is required.")]


def test_an_extension_must_give_its_days() -> None:
    data = {"person": {}, "events": [{"date": "2025-01-01", "type": "REFLECTION_EXTENDED"}]}
    assert problems(data) == [("/events/0/days", "This field is required.")]


@pytest.mark.parametrize(
    ("field", "value", "allowed_with"),
    [("positive", True, "PROSECUTOR_OPINION"), ("days", 60, "REFLECTION_EXTENDED")],
)
def test_a_detail_of_another_event_type_is_refused(
    field: str, value: object, allowed_with: str
) -> None:
    assert problems(with_event(2, **{field: value})) == [
        (
            f"/events/2/{field}",
            f"The field {field} is allowed only with the event type {allowed_with}.",
        )
    ]


def test_days_must_be_a_positive_whole_number() -> None:
    data: dict[str, Any] = {
        "person": {},
        "events": [{"date": "2025-01-01", "type": "REFLECTION_EXTENDED", "days": 0}],
    }
    assert problems(data) == [("/events/0/days", "0 is below the minimum of 1.")]
    data["events"][0]["days"] = 45.5
    assert problems(data) == [
        ("/events/0/days", "The value 45.5 has the wrong type; expected: integer.")
    ]


def test_unknown_fields_are_named() -> None:
    data = copy.deepcopy(SAMPLE)
    data["person"]["nationality"] = "BE"
    data["events"][0]["organisation"] = "Payoke"
    assert problems(data) == [
        ("/person/nationality", "The field nationality is not part of the contract."),
        ("/events/0/organisation", "The field organisation is not part of the contract."),
    ]


def test_missing_top_level_fields_are_named() -> None:
    assert problems({}) == [
        ("/person", "This field is required."),
        ("/events", "This field is required."),
    ]


def test_the_document_must_be_an_object() -> None:
    assert problems([]) == [("", "The value [] has the wrong type; expected: object.")]


def test_person_values_are_checked() -> None:
    data = copy.deepcopy(SAMPLE)
    data["person"].update(age_at_identification=-1, has_legal_stay="yes")
    assert problems(data) == [
        ("/person/age_at_identification", "-1 is below the minimum of 0."),
        ("/person/has_legal_stay", 'The value "yes" has the wrong type; expected: boolean.'),
    ]


def test_an_unaccompanied_minor_cannot_be_an_adult() -> None:
    data = copy.deepcopy(SAMPLE)
    data["person"]["unaccompanied_minor"] = True
    assert problems(data) == [
        ("/person/unaccompanied_minor", "A person aged 29 at identification is not a minor.")
    ]


def test_every_problem_is_reported_at_once() -> None:
    data = {
        "person": {"age_at_identification": "x"},
        "events": [{"date": "2025-01-01", "type": "NOPE"}, {"type": "REFERRED"}],
    }
    assert [path for path, _ in problems(data)] == [
        "/person/age_at_identification",
        "/events/0/type",
        "/events/1/date",
    ]


def test_the_error_reads_as_one_line_per_problem() -> None:
    with pytest.raises(PathwayInputError) as error:
        parse_simulation(with_event(2, type="COMPLAINT"))
    assert str(error.value) == '/events/2/type: Unknown value "COMPLAINT" for type.'
    french = {
        "Unknown value %(value)s for %(field)s.": "Valeur inconnue %(value)s pour %(field)s.",
    }
    assert error.value.problems[0].render(lambda text: french.get(text, text)) == (
        '/events/2/type: Valeur inconnue "COMPLAINT" pour type.'
    )
