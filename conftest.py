"""Fixtures shared by every app's tests: the persona world (nrm/testing.py).

Django-dependent imports stay inside the fixtures, so the pure cores' tests also run
without Django (`pytest nrm/law nrm/pathway -p no:django`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from django.test import Client
    from pytest_django.plugin import DjangoDbBlocker

    from nrm.testing import World


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Django's locale middleware leaves a request's language active; start each test in English."""
    yield
    from django.conf import settings

    if settings.configured:  # the pure cores' tests also run without Django
        from django.utils import translation

        translation.activate("en")


class _SessionWorld:
    """The world committed in the test database once per session (nrm/testing.py builds
    it through real actions: about 0.5 s and 380 queries, too much to repeat per test).

    `template` is None while the database does not hold it: before the first test that
    uses the database, and after a transactional test's flush emptied the database.
    `guard_down` says the audit table's append-only guard was dropped for such a flush.
    """

    template: World | None = None
    guard_down = False


def _database_use(item: pytest.Item) -> str | None:
    """How the test uses the database, decided as pytest-django decides it:
    "transactional" (real commits, a flush at the end), "rollback" (one transaction rolled
    back at the end) or None."""
    from pytest_django.fixtures import validate_django_db

    names = getattr(item, "fixturenames", ())
    transactional = any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        transactional = transactional or transaction or reset_sequences
    if transactional:
        return "transactional"
    if marker is not None or "db" in names:
        return "rollback"
    return None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """pytest-django runs rollback tests, then transactional ones, then the rest. Within
    the rollback tests, those that want an empty database run before the world is
    committed for the others (the sort is stable: pytest-django's order stays)."""
    from django.conf import settings

    if not settings.configured:
        return
    group = {"rollback": 0, "transactional": 1, None: 2}
    items.sort(
        key=lambda item: (
            group[_database_use(item)],
            "world" in getattr(item, "fixturenames", ()),
        )
    )


def _build_world(*, keep_effects: bool) -> World:
    from django.db import connection, transaction

    from nrm.testing import make_world

    if keep_effects:
        return make_world()
    with transaction.atomic():
        world = make_world()
        # Inside a test's transaction the world's after-commit effects (mails to heads and
        # administrators) never run; the session world is the same world, so they do not.
        connection.run_on_commit.clear()
    return world


def _empty_database() -> None:
    """Flush the world away for a test that does not ask for it (it expects, as before the
    session world, an empty database). Rare: the test order puts such tests first."""
    from django.core.management import call_command

    if _SessionWorld.template is not None:
        _set_audit_guard(installed=False)
        call_command("flush", interactive=False, verbosity=0)
    _set_audit_guard(installed=True)
    _SessionWorld.guard_down = False
    _SessionWorld.template = None


def _put_world_in_database(*, keep_effects: bool) -> None:
    """Make the database hold the world (and the audit guard) as committed rows, unless it
    already does."""
    if _SessionWorld.guard_down:
        _set_audit_guard(installed=True)
        _SessionWorld.guard_down = False
    if _SessionWorld.template is None:
        _SessionWorld.template = _build_world(keep_effects=keep_effects)


@pytest.fixture(autouse=True)
def _world_in_the_database(request: pytest.FixtureRequest) -> Iterator[World | None]:
    """Every test that asks for the world starts with the world in the database, and no
    more, whatever ran before; every other test that uses the database starts with it empty.

    The world is committed once and each test's changes are rolled back, so a test sees
    exactly the world. Transactional tests (live server, threads) end with a flush, which
    empties the database: the next test that uses the database commits the world again.
    Yields a deep copy of the world for this test: fresh model instances, so what one test
    changes in memory never reaches another.
    """
    use = _database_use(request.node)
    wanted = "world" in request.fixturenames
    if use is None:
        yield None
        return
    import copy

    from django.db import connection

    if use == "transactional":
        # Set up here, not by the test, so that this fixture's teardown runs before
        # transactional_db's flush.
        request.getfixturevalue("transactional_db")
        if wanted:
            _put_world_in_database(keep_effects=True)
            assert _SessionWorld.template is not None
            yield copy.deepcopy(_SessionWorld.template)
        else:
            if _SessionWorld.template is not None or _SessionWorld.guard_down:
                _empty_database()
            yield None
        # The flush that follows empties the database, audit trail included, which the
        # append-only guard refuses: drop it; the next test that uses the database puts
        # the guard and the world back.
        _set_audit_guard(installed=False)
        _SessionWorld.guard_down = True
        _SessionWorld.template = None
        return
    django_db_blocker = request.getfixturevalue("django_db_blocker")
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        if not wanted:
            if not connection.in_atomic_block:
                if _SessionWorld.template is not None or _SessionWorld.guard_down:
                    _empty_database()
            elif _SessionWorld.guard_down:  # for this test only: its transaction rolls back
                _set_audit_guard(installed=True)
            world = None
        elif not connection.in_atomic_block:
            _put_world_in_database(keep_effects=False)
            assert _SessionWorld.template is not None
            world = copy.deepcopy(_SessionWorld.template)
        elif _SessionWorld.template is not None and not _SessionWorld.guard_down:
            world = copy.deepcopy(_SessionWorld.template)
        else:
            # A `django_db` marker opened the test's transaction before this fixture ran
            # and the database is empty: build the world inside it, for this test only.
            if _SessionWorld.guard_down:
                _set_audit_guard(installed=True)
            world = _build_world(keep_effects=False)
    yield world


@pytest.fixture
def world(_world_in_the_database: World | None, db: None) -> World:
    """The persona world (nrm/testing.py), fresh for each test."""
    assert _world_in_the_database is not None
    return _world_in_the_database


@pytest.fixture
def client_as(world: World) -> Callable[[str], Client]:
    from django.test import Client

    from nrm.testing import signed_in

    def make(persona: str) -> Client:
        return signed_in(Client(), world, persona)

    return make


def _set_audit_guard(*, installed: bool) -> None:
    from django.db import connection

    from nrm.access.guard import create_statements, drop_statements

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
    """For tests that need real commits (live server, threads): pytest-django empties the
    database afterwards with a flush, which the audit table's append-only guard refuses.
    The test runs with the guard; only the flush that ends it runs without."""
    _set_audit_guard(installed=True)
    yield
    # Runs before transactional_db's teardown, which is the flush.
    _set_audit_guard(installed=False)
