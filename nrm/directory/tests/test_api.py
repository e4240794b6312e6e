"""/api/v1/directory/providers: filters, cursor pages, one provider; a suspended provider is
404 but to the coordination unit; bad filters are 400. Providers are organisations, so no
read is audited (as on the pages)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.directory.actions import ProviderData, provider_create, provider_suspend
from nrm.directory.models import Provider
from nrm.organisations.models import Region
from nrm.testing import World

pytestmark = pytest.mark.django_db


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="test", days=1)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def provider(world: World, name: str, **fields: Any) -> Provider:
    values: dict[str, Any] = {
        "name": name,
        "kind": "MEDICAL",
        "regions": [Region.objects.get(code="BRU")],
        "languages": ["fr", "ar"],
        "eligibility": ["ADULTS", "WITHOUT_RESIDENCE"],
        "capacity": 4,
    }
    values.update(fields)
    return provider_create(
        actor=world.actor("coordinator"),
        data=ProviderData(**values),
        vetted_on=timezone.localdate(),
    )


@pytest.fixture
def providers(world: World) -> dict[str, Provider]:
    return {
        "medical": provider(world, "Maison médicale du Midi"),
        "lawyer": provider(
            world,
            "Advocaten Antwerpen",
            kind="LAWYER",
            regions=[Region.objects.get(code="VLG")],
            languages=["nl", "en"],
            eligibility=["ADULTS", "MINORS"],
        ),
        "housing": provider(world, "Housing First Bruxelles", kind="HOUSING", capacity=None),
    }


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


def test_it_lists_providers_by_name_with_their_counts(
    world: World, providers: dict[str, Provider]
) -> None:
    response = bearer(world, "caseworker_a").get("/api/v1/directory/providers")

    assert names(response) == [
        "Advocaten Antwerpen",
        "Housing First Bruxelles",
        "Maison médicale du Midi",
    ]
    medical = response.json()["results"][2]
    assert medical == {
        "id": providers["medical"].pk,
        "name": "Maison médicale du Midi",
        "kind": "MEDICAL",
        "regions": ["BRU"],
        "languages": ["fr", "ar"],
        "eligibility": ["ADULTS", "WITHOUT_RESIDENCE"],
        "capacity": 4,
        "capacity_updated_on": medical["capacity_updated_on"],
    }
    assert not AuditEvent.objects.filter(event_type="READ").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "LAWYER"}, ["Advocaten Antwerpen"]),
        ({"region": "BRU"}, ["Housing First Bruxelles", "Maison médicale du Midi"]),
        ({"language": "nl"}, ["Advocaten Antwerpen"]),
        ({"eligibility": "MINORS"}, ["Advocaten Antwerpen"]),
        ({"kind": "MEDICAL", "region": "VLG"}, []),
    ],
)
def test_it_filters(
    world: World, providers: dict[str, Provider], query: dict[str, str], expected: list[str]
) -> None:
    assert names(bearer(world, "inspector").get("/api/v1/directory/providers", query)) == expected


def test_it_walks_by_cursor_to_the_end(world: World, providers: dict[str, Provider]) -> None:
    client = bearer(world, "caseworker_a")
    seen: list[str] = []
    cursor: str | None = None
    for _page in range(5):
        query = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        response = client.get("/api/v1/directory/providers", query)
        seen += names(response)
        cursor = response.json()["next_cursor"]
        if cursor is None:
            break

    assert seen == names(client.get("/api/v1/directory/providers"))
    assert len(seen) == 3


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"kind": "ASTROLOGY"}, "kind"),
        ({"eligibility": "ALIENS"}, "eligibility"),
        ({"language": "fren"}, "language"),
        ({"limit": "0"}, "limit"),
        ({"cursor": "forged"}, "cursor"),
    ],
)
def test_a_bad_filter_gets_400_naming_it(
    world: World, providers: dict[str, Provider], query: dict[str, str], field: str
) -> None:
    response = bearer(world, "caseworker_a").get("/api/v1/directory/providers", query)

    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_one_provider_shows_its_contact_and_vetting(
    world: World, providers: dict[str, Provider]
) -> None:
    housing = providers["housing"]
    response = bearer(world, "prosecutor").get(f"/api/v1/directory/providers/{housing.pk}")

    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["capacity"], body["status"]) == (
        "Housing First Bruxelles",
        None,
        "ACTIVE",
    )
    assert body["vetting_due"] == housing.vetting_due.isoformat()


def test_a_suspended_provider_is_404_and_off_the_list_but_for_the_unit(
    world: World, providers: dict[str, Provider]
) -> None:
    medical = providers["medical"]
    provider_suspend(
        actor=world.actor("coordinator"),
        provider_id=medical.pk,
        expected_version=medical.version,
        reason="Closed",
    )
    client = bearer(world, "caseworker_a")

    hidden = client.get(f"/api/v1/directory/providers/{medical.pk}")
    missing = client.get("/api/v1/directory/providers/999999")
    listed = names(client.get("/api/v1/directory/providers"))
    unit = bearer(world, "coordinator").get(f"/api/v1/directory/providers/{medical.pk}")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert "Maison médicale du Midi" not in listed
    assert unit.status_code == 200
    assert unit.json()["status"] == "SUSPENDED"


def test_it_requires_authentication(providers: dict[str, Provider], client: Client) -> None:
    response = client.get("/api/v1/directory/providers")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
