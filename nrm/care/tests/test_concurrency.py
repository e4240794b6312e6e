"""Two caseworkers taking the last place at once: one gets it, the other a clear 409.

The placement locks the shelter's row before counting, so the second count waits for the
first placement. Threads need real transactions and a database with row locks: PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from nrm.care.models import Placement
from nrm.care.tests.setup import cared_person, house, place
from nrm.core.errors import Conflict
from nrm.testing import World

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)


def test_two_placements_racing_for_the_last_place_do_not_both_win(
    flushable_audit_trail: None, world: World
) -> None:
    shelter = house(world, women=1)
    persons = [cared_person(world), cared_person(world, "director_a")]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(index: int) -> None:
        barrier.wait()
        try:
            place(world, persons[index], shelter, ("caseworker_a", "director_a")[index])
            outcomes.append("placed")
        except Conflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["placed", "refused"]
    assert Placement.objects.count() == 1
