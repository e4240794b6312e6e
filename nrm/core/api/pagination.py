"""Cursor pagination for every list: keyset on the list's own ordering, opaque cursors.

`keyset_page(queryset, page)` reads the queryset's `order_by` (the last key must be unique,
the primary key is added otherwise), returns one page and the cursor of the next. The
cursor is the last row's keys, signed: a client cannot forge a position, and a row added
or removed meanwhile neither repeats nor skips one (unlike offsets).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from nrm.core.errors import DomainError

M = TypeVar("M", bound=Model)

MAX_LIMIT = 200
_SALT = "nrm.api.cursor"


class PageQuery(Schema):
    """`?limit=` (1 to 200, default 200) and `?cursor=` (the previous answer's `next_cursor`)."""

    limit: int = Field(MAX_LIMIT, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, max_length=2000)


def _ordering(queryset: QuerySet[Any]) -> list[str]:
    order = [str(o) for o in queryset.query.order_by]
    if not order:
        raise ValueError("keyset_page needs an ordered queryset")
    if order[-1].lstrip("-") not in {"pk", "id"}:
        order.append("-pk" if order[-1].startswith("-") else "pk")
    return order


def _value(row: Model, path: str) -> Any:
    found: Any = row
    for part in path.split("__"):
        found = found.pk if part == "pk" else getattr(found, part)
    if isinstance(found, Model):
        found = found.pk
    if isinstance(found, datetime | date):
        return found.isoformat()
    if isinstance(found, Decimal):
        return str(found)
    return found


def _after(order: Sequence[str], values: Sequence[Any]) -> Q:
    """Rows strictly after `values` in `order`: (a > x) or (a = x and b > y) or ..."""
    condition = Q(pk__in=[])
    equal = Q()
    for key, value in zip(order, values, strict=True):
        name = key.lstrip("-")
        beyond = Q(**{f"{name}__lt" if key.startswith("-") else f"{name}__gt": value})
        condition |= equal & beyond
        equal &= Q(**{name: value})
    return condition


def keyset_page(queryset: QuerySet[M], page: PageQuery) -> tuple[list[M], str | None]:
    """One page of `queryset` after `page.cursor`, and the next page's cursor (None at the end)."""
    order = _ordering(queryset)
    if page.cursor:
        try:
            values = signing.loads(page.cursor, salt=_SALT)
        except signing.BadSignature as exc:
            raise DomainError(_("This cursor is not valid."), field="cursor") from exc
        # A cursor carries its list's ordering: one from another list is refused, not misread.
        if not isinstance(values, dict) or values.get("order") != order:
            raise DomainError(_("This cursor is not valid."), field="cursor")
        queryset = queryset.filter(_after(order, values["after"]))
    rows = list(queryset.order_by(*order)[: page.limit + 1])
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    after = [_value(rows[-1], key.lstrip("-")) for key in order]
    cursor = signing.dumps({"order": order, "after": after}, salt=_SALT, compress=True)
    return rows, cursor
