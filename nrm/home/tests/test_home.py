from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.testing import PERSONAS, World

HEADINGS = {
    "inspector": "Labour inspection",
    "teamlead": "Labour inspection",
    "investigator": "Police investigation",
    "prosecutor": "Prosecution",
    "judge": "Court",
    "caseworker_a": "Specialised centre",
    "director_a": "Specialised centre",
    "caseworker_b": "Specialised centre",
    "caseworker_minors": "Specialised centre",
    "immigration": "Immigration office",
    "coordinator": "Coordination unit",
    "analyst": "Independent rapporteur",
    "admin": "Administration",
}


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_each_persona_lands_on_a_page_made_for_their_role(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    response = client_as(persona).get("/")
    assert response.status_code == 200
    assert HEADINGS[persona] in response.content.decode()


def test_it_sends_strangers_to_sign_in(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
