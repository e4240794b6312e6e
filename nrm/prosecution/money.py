"""Amounts in euros: exact decimals with two places, never floats."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from nrm.core.errors import DomainError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# DecimalField(max_digits=14, decimal_places=2).
MAXIMUM = Decimal("999999999999.99")


def euros(value: object, *, field: str, allow_zero: bool = True) -> Decimal:
    """An amount from a form, the API (a string, an integer or a JSON number parsed as a
    Decimal) or code; refuses floats, more than two decimals, negatives and overflow."""
    if isinstance(value, bool | float):
        # A float has already lost the exact amount: the API parses numbers as Decimal.
        raise DomainError(_("Give the amount as a number with at most two decimals."), field=field)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(
            _("Give the amount as a number with at most two decimals."), field=field
        ) from exc
    if not amount.is_finite():
        raise DomainError(_("Give the amount as a number with at most two decimals."), field=field)
    if amount != amount.quantize(CENT):
        raise DomainError(_("An amount in euros has at most two decimals."), field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise DomainError(
            _("The amount must be more than zero.")
            if not allow_zero
            else _("The amount cannot be negative."),
            field=field,
        )
    if amount > MAXIMUM:
        raise DomainError(_("The amount is too large."), field=field)
    return amount.quantize(CENT)


def optional_euros(value: object, *, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    return euros(value, field=field)


def total(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)
