"""Two worker processes at once, on PostgreSQL: row locks with SKIP LOCKED let them
share the due rows, never claiming the same one, and neither waits for the other."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from nrm.protection.notices import deadlines_claim
from nrm.testing import World

from .support import REFLECTION, involved_person, walk

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and SKIP LOCKED need PostgreSQL"
)


def test_two_concurrent_workers_share_the_due_rows_without_overlap(
    flushable_audit_trail: None, world: World
) -> None:
    for _ in range(4):
        walk(world, involved_person(world), REFLECTION)
    now = timezone.now()
    claimed: dict[str, list[int]] = {}
    first_holds = threading.Event()
    second_done = threading.Event()

    def worker(name: str, batch: int, hold: bool) -> None:
        try:
            with transaction.atomic():
                claimed[name] = deadlines_claim(column="notified_at", now=now, batch=batch)
                if hold:  # keep the first worker's rows locked while the second claims
                    first_holds.set()
                    second_done.wait(10)
        finally:
            connection.close()

    first = threading.Thread(target=worker, args=("first", 2, True))
    first.start()
    first_holds.wait(10)
    second = threading.Thread(target=worker, args=("second", 10, False))
    second.start()
    second.join(10)
    second_done.set()
    first.join(10)

    assert len(claimed["first"]) == 2
    assert set(claimed["first"]).isdisjoint(claimed["second"])
    assert len(claimed["first"]) + len(claimed["second"]) == 4
