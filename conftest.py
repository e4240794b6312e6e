"""Fixtures shared by every app's tests: the persona world (nrm/testing.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from nrm.testing import World, make_world, signed_in


@pytest.fixture
def world(db: None) -> World:
    return make_world()


@pytest.fixture
def client_as(world: World, client: Client):  # type: ignore[no-untyped-def]
    def make(persona: str) -> Client:
        return signed_in(Client(), world, persona)

    return make
