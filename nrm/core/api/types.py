"""Strict field types for the API's input schemas: nothing is coerced.

A number is not text, `"1"` is not a number, `20250101` is not a date, `"1e3"` is not an
amount. Lengths are the forms' limits: an app gives them with `Field(max_length=...)`.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# Euros with at most two decimals, written out: no exponent, no sign, no spaces.
AMOUNT_PATTERN = r"^\d{1,12}(\.\d{1,2})?$"
_ISO_DATE = re.compile(ISO_DATE_PATTERN)
_AMOUNT = re.compile(AMOUNT_PATTERN)

MAX_INT = 2**31 - 1


def _iso_date(value: Any) -> date:
    if isinstance(value, date):  # already parsed (a default, or a Python caller)
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2025-02-30 and the like
            pass
    raise PydanticCustomError("iso_date", "Must be a date (YYYY-MM-DD).")


def _amount(value: Any) -> Decimal:
    if isinstance(value, str) and _AMOUNT.fullmatch(value):
        return Decimal(value)
    raise PydanticCustomError("amount", "Must be an amount in euros such as 1234.50.")


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DATE_PATTERN}),
]
Amount = Annotated[
    Decimal,
    BeforeValidator(_amount),
    WithJsonSchema({"type": "string", "pattern": AMOUNT_PATTERN}),
]
Text = Annotated[str, Strict()]
Flag = Annotated[bool, Strict()]
WholeNumber = Annotated[int, Strict(), Field(ge=-MAX_INT, le=MAX_INT)]
# The version of a record the caller read: a stale one answers 409.
Version = Annotated[int, Strict(), Field(ge=0, le=MAX_INT)]


class Input(Schema):
    """Base of every request body: unknown fields are refused by name, not ignored."""

    model_config = ConfigDict(extra="forbid")
