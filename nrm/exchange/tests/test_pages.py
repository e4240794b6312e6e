"""The exchange pages: the rapporteur and the coordinator only; everyone else gets 404."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from nrm.exchange import ctdc
from nrm.exchange.actions import ctdc_import
from nrm.exchange.synthetic import write_ctdc
from nrm.testing import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["analyst", "coordinator"])
def test_it_lists_the_import_batches(
    world: World, client_as: Callable[[str], Client], tmp_path: Path, persona: str
) -> None:
    path = write_ctdc(tmp_path / "sample.csv", layout=ctdc.Layout.CTDC_2024, rows=7)
    ctdc_import(actor=world.actor("analyst"), actor_label="", path=path)
    response = client_as(persona).get("/exchange/")
    assert response.status_code == 200
    assert b"sample.csv" in response.content
    assert b"CTDC global synthetic dataset" in response.content
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "persona", ["inspector", "investigator", "prosecutor", "caseworker_a", "immigration", "admin"]
)
def test_other_roles_get_404(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    assert client_as(persona).get("/exchange/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get("/exchange/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


@pytest.mark.parametrize("persona", ["analyst", "coordinator"])
def test_the_home_page_links_to_the_exchange_page(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    assert b'href="/exchange/"' in client_as(persona).get("/").content
