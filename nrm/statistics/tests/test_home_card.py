"""The recommendations register reaches its addressees: a card on their home page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.utils import translation

from nrm.statistics.actions import recommendation_create, recommendation_follow_up
from nrm.testing import World

ClientAs = Callable[[str], Client]


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_the_addressee_home_page_counts_its_open_recommendations(
    world: World, client_as: ClientAs
) -> None:
    analyst = world.actor("analyst")
    office = world.organisations["Immigration Office"]
    first = recommendation_create(
        actor=analyst, year=2025, text="Issue annex 15 within a day.", addressee=office
    )
    recommendation_create(
        actor=analyst, year=2025, text="Publish processing times.", addressee=office
    )
    recommendation_create(
        actor=analyst,
        year=2025,
        text="Train inspectors.",
        addressee=world.organisations["ECOSOC Brussels"],
    )

    html = client_as("immigration").get("/").text
    assert 'id="recommendations-heading"' in html
    assert '<p class="figure">2</p>' in html
    assert "/statistics/recommendations/" in html

    recommendation_follow_up(actor=analyst, recommendation=first, status="IMPLEMENTED", note="")
    html = client_as("immigration").get("/").text
    assert '<p class="figure">1</p>' in html
    assert "recommendation addressed to your organisation is still open" in html

    # An organisation with none addressed to it gets no card.
    assert 'id="recommendations-heading"' not in client_as("investigator").get("/").text
