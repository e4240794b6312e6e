"""Home pages at national volume (issue 17): the number of queries of each daily home page
does not grow with the number of persons in the database (two sizes compared; never
timing)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]

HOMES = ["inspector", "caseworker_a", "prosecutor", "immigration", "coordinator", "analyst"]


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("persona", HOMES)
def test_the_home_page_takes_as_many_queries_with_more_persons(
    world: World, client_as: ClientAs, persona: str
) -> None:
    client = client_as(persona)
    client.get("/")  # the session's first request settles it
    for owner in ("inspector", "caseworker_a"):
        world.person(owner)
    few = _queries(client, "/")
    for _ in range(6):
        for owner in ("inspector", "caseworker_a"):
            world.person(owner)
    assert _queries(client, "/") == few
