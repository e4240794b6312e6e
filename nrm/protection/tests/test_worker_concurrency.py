"""Two worker processes at once, on PostgreSQL: row locks with SKIP LOCKED let them
share the due rows, never claiming the same one, and neither waits for the other."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from nrm.access.guard import create_statements, drop_statements
from nrm.protection.notices import deadlines_claim
from nrm.testing import World

from .support import REFLECTION, involved_person, walk

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and SKIP LOCKED need PostgreSQL"
)


def _set_audit_guard(*, installed: bool) -> None:
    with connection.cursor() as cursor:
        for statement in drop_statements(connection.vendor):
            cursor.execute(statement)
        if installed:
            for statement in create_statements(connection.vendor):
                cursor.execute(statement)


@pytest.fixture(scope="module")
def _audit_guard_back_after_the_flush(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[None]:
    # Module scope: this teardown runs after the last test's flush.
    yield
    with django_db_blocker.unblock():
        _set_audit_guard(installed=True)


@pytest.fixture
def flushable_audit_trail(
    _audit_guard_back_after_the_flush: None, transactional_db: None
) -> Iterator[None]:
    """Threads need committed data, so the test commits; the flush that ends it must be
    allowed to empty the append-only audit table (as in nrm/home/tests/test_browser.py)."""
    _set_audit_guard(installed=True)
    yield
    _set_audit_guard(installed=False)


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
