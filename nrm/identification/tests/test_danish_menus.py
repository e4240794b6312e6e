"""No page of the Danish installation offers a dead end: every link of every Danish
persona's menu opens (issue 15, "Done when")."""

from __future__ import annotations

import html
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


# The national coordination and the statistics: the pages each one works from, with every
# link on them (the statistics are reached from the analyst's home page, not the menu).
COORDINATION_PAGES = {
    "koordinator": [
        "/",
        "/coordination/",
        "/coordination/manual/",
        "/coordination/forums/",
        "/coordination/plan/",
        "/inspections/targets/",
        "/prosecution/targets/",
        "/statistics/",
    ],
    "statistik": ["/", "/coordination/", "/coordination/manual/", "/statistics/"],
}


@pytest.mark.parametrize("persona", sorted(COORDINATION_PAGES))
def test_the_danish_coordination_and_statistics_pages_and_their_links_open(
    dk: World, client_as: Callable[[str], Client], persona: str
) -> None:
    from nrm.coordination.actions import manual_load_working_text

    manual_load_working_text(actor=dk.actor("koordinator"))
    client = client_as(persona)
    links: set[str] = set()
    for page in COORDINATION_PAGES[persona]:
        response = client.get(page)
        assert response.status_code == 200, page
        links |= {
            html.unescape(url)
            for url in re.findall(r'href="(/[^"#]*)"', response.text)
            if not url.startswith("/static/")
        }
    assert "/statistics/" in links
    refused = {}
    for url in sorted(links):
        response = client.get(url, follow=True)
        # A fresh installation has no generated figures yet: the annual report says so
        # (the statistics app's answer; a page with figures is tested there).
        no_figures = url.startswith("/statistics/report") and "no figures for" in response.text
        if response.status_code != 200 and not no_figures:
            refused[url] = response.status_code
    assert refused == {}


def test_the_danish_coordination_unit_is_the_national_coordination_and_no_rapporteur_is_independent(
    dk: World,
) -> None:
    from nrm.installations import installation_for
    from nrm.organisations.models import OrganisationType

    denmark = installation_for("DK")
    kinds = {seed.type: seed for seed in denmark.organisations}
    assert kinds[OrganisationType.COORDINATION_UNIT].short_name == "Ligestillingsafdelingen"
    rapporteur = kinds[OrganisationType.RAPPORTEUR]
    assert "ingen uafhængig rapporteur" in rapporteur.name
    assert "no independent national rapporteur" in denmark.sources
    assert denmark.manual == "DK"
    assert dk.actor("koordinator").role == "COORDINATOR"
    assert dk.actor("statistik").role == "ANALYST"


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
