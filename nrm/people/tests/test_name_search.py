"""Finding people by name over encrypted identities: pages, scope, staleness, command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.people.actions import PersonData, person_update
from nrm.people.models import Person, PersonNameIndexState, PersonNameToken
from nrm.people.queries import persons_filtered, persons_visible_to
from nrm.people.search import name_index_refresh_stale, name_index_stale
from nrm.testing import World

ClientAs = Callable[[str], Client]


@pytest.fixture
def persons(world: World) -> dict[str, Person]:
    return {
        "maria": world.person(
            "inspector", given_names="Maria", family_name="Popescu", birth_date=date(1994, 5, 2)
        ),
        "ion": world.person("inspector", given_names="Ion", family_name="Popa"),
        "dragos": world.person("inspector", given_names="Dragoș", family_name="Munteanu"),
        # Another organisation's person: never found by the inspector.
        "elsewhere": world.person("caseworker_b", given_names="Maria", family_name="Popescu"),
    }


def test_a_misspelt_name_finds_the_person_and_only_visible_ones(
    world: World, persons: dict[str, Person]
) -> None:
    visible = persons_visible_to(world.actor("inspector"))
    found = list(persons_filtered(visible, q="Popesku"))
    assert found == [persons["maria"]]
    assert list(persons_filtered(visible, q="dragos")) == [persons["dragos"]]
    # "pop" is the start of Popescu and of Popa; the exact word ranks first.
    assert next(iter(persons_filtered(visible, q="Popa"))) == persons["ion"]
    assert set(persons_filtered(visible, q="pop")) == {persons["maria"], persons["ion"]}
    assert list(persons_filtered(visible, q="Popescu 1994")) == [persons["maria"]]
    assert list(persons_filtered(visible, q="Popescu 1990")) == []


def test_the_list_page_searches_by_name_and_shows_the_names_found(
    client_as: ClientAs, persons: dict[str, Person]
) -> None:
    answer = client_as("inspector").get("/people/", {"q": "popesku"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert persons["maria"].reference in page
    assert "POPESCU" in page
    assert persons["ion"].reference not in page
    assert persons["elsewhere"].reference not in page
    # The search term is personal data: it is not written to the audit trail.
    assert not AuditEvent.objects.filter(changes__icontains="popesku").exists()


def test_an_empty_search_says_so_and_names_stay_off_ordinary_lists(
    client_as: ClientAs, persons: dict[str, Person]
) -> None:
    page = client_as("inspector").get("/people/", {"q": "Kowalski"}).content.decode()
    assert "No person you may see has this name" in page
    page = client_as("inspector").get("/people/").content.decode()
    assert persons["maria"].reference in page
    assert "POPESCU" not in page


def test_no_name_is_stored_in_clear(persons: dict[str, Person]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM people_personnametoken")
        tokens = [row[0] for row in cursor.fetchall()]
    assert tokens
    assert not any("popescu" in token.lower() or "maria" in token.lower() for token in tokens)


def test_an_edit_reindexes_the_person(world: World, persons: dict[str, Person]) -> None:
    maria = persons["maria"]
    person_update(
        actor=world.actor("inspector"),
        person_id=maria.pk,
        expected_version=maria.version,
        data=PersonData(given_names="Maria", family_name="Ionescu", nationalities=["RO"]),
    )
    visible = persons_visible_to(world.actor("inspector"))
    assert list(persons_filtered(visible, q="Ionescu")) == [maria]
    assert list(persons_filtered(visible, q="Popescu")) == []


def test_bulk_written_persons_are_indexed_by_the_worker_and_the_command(
    world: World, persons: dict[str, Person]
) -> None:
    maria = persons["maria"]
    PersonNameToken.objects.filter(person=maria).delete()
    PersonNameIndexState.objects.filter(person=maria).delete()
    assert list(name_index_stale()) == [maria]
    assert name_index_refresh_stale() == 1
    assert not name_index_stale().exists()
    visible = persons_visible_to(world.actor("inspector"))
    assert list(persons_filtered(visible, q="Popescu")) == [maria]
    # A new secret makes every token stale; `nrm people reindex --all` makes them again.
    call_command("people", "reindex", "--all")
    assert not name_index_stale().exists()
    assert list(persons_filtered(visible, q="Popescu")) == [maria]


def test_a_new_secret_makes_every_token_stale(
    persons: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NRM_SEARCH_KEY", "a different secret")
    assert name_index_stale().count() == Person.objects.count()
