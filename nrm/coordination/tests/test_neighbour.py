"""The neighbour check: this installation's side from its configuration, the other
country's typed in, side by side, printable."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django.fixtures import SettingsWrapper

from nrm.access.models import AuditEvent
from nrm.coordination import actions
from nrm.coordination.models import NeighbourCheck, NeighbourTopic
from nrm.coordination.neighbour import own_side
from nrm.core.errors import DomainError, PermissionDenied
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def check(world: World) -> NeighbourCheck:
    return actions.neighbour_check_create(
        actor=world.actor("coordinator"),
        title="Belgium seen from Denmark",
        other_country="dk",
        other_country_name="Denmark",
    )


def test_this_side_follows_the_configuration(world: World, settings: SettingsWrapper) -> None:
    settings.NRM_INSPECTION_NATIONAL_TARGET = 240
    sides = own_side()
    assert set(sides) == set(NeighbourTopic)
    assert "Reflection period: 45 days" in sides[NeighbourTopic.RESIDENCE].figures
    assert any("240" in figure for figure in sides[NeighbourTopic.TARGETS].figures)
    assert "2 centres for adults" not in sides[NeighbourTopic.CENTRES].figures[0]
    assert sides[NeighbourTopic.CENTRES].figures[0].startswith("3 centres for adults")


def test_the_other_side_is_typed_in_by_the_unit(world: World) -> None:
    found = check(world)
    assert found.other_country == "DK"
    entry = actions.neighbour_entry_save(
        actor=world.actor("coordinator"),
        check=found,
        topic=NeighbourTopic.RESIDENCE,
        other_practice="30 days of reflection, up to 120.",
    )
    actions.neighbour_entry_save(
        actor=world.actor("coordinator"),
        check=found,
        topic=NeighbourTopic.RESIDENCE,
        other_practice="30 days of reflection, extendable to 120.",
    )
    entry.refresh_from_db()
    assert entry.other_practice.endswith("extendable to 120.")
    assert AuditEvent.objects.filter(action="neighbour_entry_save").count() == 2
    with pytest.raises(PermissionDenied):
        actions.neighbour_check_create(
            actor=world.actor("analyst"), title="x", other_country="DK", other_country_name="x"
        )
    with pytest.raises(DomainError):
        actions.neighbour_check_create(
            actor=world.actor("coordinator"), title="x", other_country="BE", other_country_name="x"
        )


def test_the_pages(world: World, client_as: ClientAs) -> None:
    found = check(world)
    actions.neighbour_entry_save(
        actor=world.actor("coordinator"),
        check=found,
        topic=NeighbourTopic.DEFINITION,
        other_practice="Means are required for adults (§262 a).",
        what_works="Focus on conditions, not coercion.",
    )
    page = client_as("prosecutor").get(f"/coordination/neighbour/{found.pk}/")
    assert page.status_code == 200
    assert "§262 a".encode() in page.content
    assert b"45 days" in page.content
    printed = client_as("prosecutor").get(f"/coordination/neighbour/{found.pk}/print/")
    assert printed.status_code == 200
    assert b"Focus on conditions" in printed.content
    assert client_as("prosecutor").get("/coordination/neighbour/999999/").status_code == 404
    assert (
        client_as("prosecutor")
        .post(f"/coordination/neighbour/{found.pk}/", {"topic": "DEFINITION"})
        .status_code
        == 403
    )
    bad = client_as("coordinator").post(
        f"/coordination/neighbour/{found.pk}/", {"topic": "NOT_A_TOPIC", "other_practice": "x"}
    )
    assert bad.status_code == 400
