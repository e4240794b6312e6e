"""No page of the Danish installation offers a dead end: every link of every Danish
persona's menu opens (issue 15, "Done when")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nrm.testing import World
from nrm.testing_dk import DANISH_PERSONAS, add_danish_world, danish_installation


@pytest.fixture
def dk(world: World, settings: Any) -> World:
    danish_installation(settings)
    add_danish_world(world)
    return world


@pytest.mark.parametrize("persona", sorted(DANISH_PERSONAS))
def test_every_menu_link_opens(dk: World, client_as: Callable[[str], Client], persona: str) -> None:
    client = client_as(persona)
    home = client.get("/")
    assert home.status_code == 200
    links = set(re.findall(r'<li><a href="(/[^"]*)"', home.text))
    assert links
    answers = {url: client.get(url, follow=True).status_code for url in sorted(links)}
    assert {url: code for url, code in answers.items() if code != 200} == {}


def test_a_danish_installation_starts_from_the_danish_manual_not_the_belgian_one(
    dk: World,
) -> None:
    from nrm.coordination.actions import manual_load_working_text
    from nrm.coordination.models import ManualEntryVersion
    from nrm.coordination.steps import DanishManualStep

    assert manual_load_working_text(actor=dk.actor("koordinator")) == len(DanishManualStep)
    written = ManualEntryVersion.objects.filter(country="DK")
    assert set(written.values_list("language", flat=True)) == {"da"}
    assert set(written.values_list("step", flat=True)) == set(DanishManualStep.values)
    # No Belgian step (annex 15, the provisional document, the 6-month permit) in it.
    assert not written.filter(step__in=["PROVISIONAL_STAY", "TEMPORARY_STAY"]).exists()
