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


@pytest.fixture
def world(db: None) -> World:
    from nrm.testing import make_world

    return make_world()


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
