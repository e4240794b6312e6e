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

    from nrm.testing import World


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Django's locale middleware leaves a request's language active; start each test in English."""
    yield
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
