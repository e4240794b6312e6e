"""The claiming workers' one claim: stamp a column once on the rows that have fallen due.

One conditional UPDATE stamps `column` with the claim's instant only where it is still
empty, on at most `batch` rows whose `instant` column has come and that are still open, and
returns the ids it stamped, and only those (UPDATE … RETURNING). Two workers never claim the
same row (SKIP LOCKED where the database has it; the `IS NULL` re-check otherwise), nothing
is missed after downtime (every row due by now is a candidate), and whatever the claim
writes in the same transaction is undone with the stamp if the worker crashes.

Used by the coordination reminders, the services directory's vetting reminders, the
aftercare follow-up contacts and the referral escalations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def claim_due(
    *,
    model: type[Model],
    column: str,
    instant: str,
    due_before: dt.datetime,
    stamp: dt.datetime,
    batch: int,
    open_condition: tuple[str, Sequence[str]] | None = None,
) -> list[int]:
    """Stamp `column` with `stamp` on up to `batch` rows whose `instant` is at or before
    `due_before`, whose `column` is empty and which meet `open_condition` (SQL over quoted
    identifiers of the model, with its parameters); return the ids this call stamped."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    col, due, pk = quote(column), quote(instant), quote(model._meta.pk.column)
    open_sql, open_params = open_condition or ("1 = 1", ())
    lock = (
        " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    )
    # Identifiers come from the model and the caller's constants; every value is a parameter.
    sql = (
        f"WITH candidates AS MATERIALIZED ("  # noqa: S608  # nosec B608  # identifiers from the model
        f"SELECT {pk} FROM {table} WHERE {col} IS NULL AND {due} <= %s AND ({open_sql}) "
        f"ORDER BY {due}, {pk} LIMIT %s{lock}) "
        f"UPDATE {table} SET {col} = %s WHERE {pk} IN (SELECT {pk} FROM candidates) "
        f"AND {col} IS NULL AND ({open_sql}) RETURNING {pk}"
    )
    adapt = connection.ops.adapt_datetimefield_value
    params: list[Any] = [adapt(due_before), *open_params, batch, adapt(stamp), *open_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())
