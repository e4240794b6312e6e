"""Nothing with personal data is kept by a browser or a proxy (issue 11 §7): every answer to
a signed-in user or an API caller says `Cache-Control: no-store`, whether or not its view
remembered to; the public guide, the same for everyone, stays cacheable."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from nrm.accounts.actions import api_token_create
from nrm.testing import World

ClientAs = Callable[[str], Client]


def test_every_page_for_a_signed_in_user_is_no_store(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_a")
    client = client_as("caseworker_a")
    for path in (
        "/",
        "/coordination/",
        "/accounts/password/",
        f"/people/{person.reference}/",
        "/people/P-NONE-XXXX/",  # a 404 is an answer too
    ):
        response = client.get(path)
        assert response["Cache-Control"] == "no-store", (path, response.status_code)


def test_an_htmx_fragment_is_no_store(world: World, client_as: ClientAs) -> None:
    world.person("caseworker_a")

    fragment = client_as("caseworker_a").get("/people/", headers={"HX-Request": "true"})

    assert fragment.status_code == 200
    assert fragment["Cache-Control"] == "no-store"


def test_every_api_answer_is_no_store(world: World) -> None:
    person = world.person("caseworker_a")
    _token, secret = api_token_create(actor=world.actor("caseworker_a"), label="test", days=1)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    for path in ("/api/v1/persons", f"/api/v1/persons/{person.reference}", "/api/v1/nothing"):
        response = client.get(path)
        assert response["Cache-Control"] == "no-store", (path, response.status_code)
    # Refused callers too: an error names what was asked.
    assert Client().get("/api/v1/persons")["Cache-Control"] == "no-store"


def test_the_public_guide_stays_cacheable_for_everyone(world: World, client_as: ClientAs) -> None:
    for client in (Client(), client_as("caseworker_a")):
        response = client.get("/guide/")
        if response.status_code == 302:  # the guide's index sends the reader to a language
            response = client.get(response["Location"])
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")


def test_the_sign_in_page_for_nobody_is_left_alone(db: None) -> None:
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
