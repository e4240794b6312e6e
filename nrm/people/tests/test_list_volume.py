"""The person list at national volume (issue 17): pages follow one another without counting
the list, each costs the same few queries, and no identity is decrypted that the page does
not show."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.core import crypto
from nrm.people import views
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def _next_link(html: str) -> str | None:
    found = re.search(r'<a href="\?([^"]*)">Next</a>', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_pages_follow_one_another_with_every_person_once_and_no_count(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    references = {world.person("caseworker_a").reference for _ in range(10)}
    client = client_as("caseworker_a")
    client.get("/people/")  # the session's first request settles it
    seen: list[str] = []
    query: str | None = ""
    costs = []
    while query is not None:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/people/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        seen += [
            r for r in re.findall(r">(P-[0-9A-Z]{4}-[0-9A-Z]{4})</a>", html) if r in references
        ]
        costs.append(len(captured.captured_queries))
        assert not any("COUNT(" in q["sql"].upper() for q in captured.captured_queries)
        query = _next_link(html)
    assert sorted(seen) == sorted(references)
    assert len(costs) == 3
    assert len(set(costs)) == 1, costs


def test_a_damaged_cursor_starts_from_the_first_page(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_a")
    response = client_as("caseworker_a").get("/people/", {"after": "not-a-date~x"})
    assert response.status_code == 200
    assert person.reference in response.content.decode()


def test_the_list_decrypts_no_identity_and_a_name_search_only_what_it_shows(
    world: World, client_as: ClientAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_as("caseworker_a")
    decrypted: list[str] = []
    real = crypto.decrypt_text

    def counting(ciphertext: str) -> Any:
        decrypted.append(ciphertext)
        return real(ciphertext)

    def decryptions(**params: str) -> int:
        decrypted.clear()
        assert client.get("/people/", params).status_code == 200
        return len(decrypted)

    monkeypatch.setattr(crypto, "decrypt_text", counting)
    world.person("caseworker_a")
    one = decryptions()
    one_found = decryptions(q="Maria")
    for _ in range(4):
        world.person("caseworker_a")
    # The sign-in's own secrets (second factor) are decrypted per request; identities never.
    assert decryptions() == one
    # A search shows given names, family name and birth date (when set): at most three per
    # person, never documents, contacts or other names.
    assert 0 < decryptions(q="Maria") - one_found <= 4 * 3
