"""`nrm deadlines due` at volume (issue 17): its rows come out of an index in the query's
own order, so no sort runs (at 1M persons the sort spilled to disk)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nrm.protection.queries import deadlines_due

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's plan is what the index is for"
)
@pytest.mark.parametrize("organisation_id", [None, 1])
def test_the_due_query_reads_an_index_in_its_order_without_sorting(
    organisation_id: int | None,
) -> None:
    until = timezone.now() + dt.timedelta(days=7)
    with CaptureQueriesContext(connection) as captured:
        deadlines_due(until=until, organisation_id=organisation_id)
    sql = captured.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        # An empty test table would be read sequentially; ask for the plan an index gives.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}")  # the captured SQL, with its values inlined
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "deadline_o" in plan, plan  # deadline_open_due_idx / deadline_org_due_idx
    assert "Sort" not in plan, plan
