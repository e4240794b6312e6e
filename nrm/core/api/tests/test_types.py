"""The API's strict field types and cursor pagination, without HTTP: what is refused and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from nrm.core.api.errors import field_of
from nrm.core.api.types import Amount, Input, IsoDate, Text, Version


class Sample(Input):
    amount: Amount | None = None
    day: IsoDate | None = None
    text: Text = ""
    version: Version | None = None


@pytest.mark.parametrize(
    "value", ["1e3", "1E3", "-5", "1.234", " 12", "12 ", "0x10", "NaN", 1000, 10.5]
)
def test_an_amount_is_only_written_out_euros(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate({"amount": value})

    assert caught.value.errors()[0]["type"] == "amount"


@pytest.mark.parametrize(
    ("value", "expected"), [("1000", "1000"), ("12.5", "12.5"), ("0.05", "0.05")]
)
def test_written_out_euros_are_decimals(value: str, expected: str) -> None:
    assert Sample.model_validate({"amount": value}).amount == Decimal(expected)


@pytest.mark.parametrize(
    "value", ["2025-02-30", "01/02/2025", "20250101", 20250101, "2025-1-1", "2025-01-01T00:00"]
)
def test_a_date_is_only_an_iso_calendar_date(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate({"day": value})

    assert caught.value.errors()[0]["type"] == "iso_date"


def test_an_iso_date_is_a_date() -> None:
    assert Sample.model_validate({"day": "2024-02-29"}).day == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"text": 12}, "string_type"),
        ({"version": "1"}, "int_type"),
        ({"version": True}, "int_type"),
        ({"version": -1}, "greater_than_equal"),
        ({"unknown": 1}, "extra_forbidden"),
    ],
)
def test_nothing_is_coerced_and_unknown_fields_are_refused(
    body: dict[str, object], kind: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(body)

    assert caught.value.errors()[0]["type"] == kind


@pytest.mark.parametrize(
    ("loc", "field"),
    [
        (("body", "payload", "identity", "birth_date"), "identity.birth_date"),
        (("body", "payload", "documents", 0, "number"), "documents.0.number"),
        (("query", "limit"), "limit"),
        (("body", "payload"), None),
    ],
)
def test_the_field_is_the_callers_own_path(loc: tuple[object, ...], field: str | None) -> None:
    assert field_of(loc, body_param=True) == field
