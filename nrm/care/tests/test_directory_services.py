"""A support plan's services pick their provider from the services directory (issue 18
item 5): the picker lists vetted providers of that service, by region and language, with
free places as counts only; the plan shows the provider, and so does the API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.accounts.actions import api_token_create
from nrm.care.actions import service_record, support_plan_create
from nrm.care.models import SERVICE_PROVIDER_KINDS
from nrm.care.tests.setup import cared_person, today
from nrm.core.errors import DomainError
from nrm.directory.actions import ProviderData, provider_create, provider_suspend
from nrm.directory.models import Provider, ServiceKind
from nrm.directory.queries import provider_for_service, providers_for_service
from nrm.organisations.models import Region
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]


def provider(world: World, name: str, **fields: Any) -> Provider:
    values: dict[str, Any] = {
        "name": name,
        "kind": "PSYCHOLOGICAL",
        "regions": [Region.objects.get(code="BRU")],
        "languages": ["fr", "ro"],
        "eligibility": ["ADULTS"],
        "capacity": 4,
    }
    values.update(fields)
    return provider_create(
        actor=world.actor("coordinator"), data=ProviderData(**values), vetted_on=today()
    )


@pytest.fixture
def providers(world: World) -> dict[str, Provider]:
    return {
        "psy": provider(world, "Exil-Aide"),
        "psy_flanders": provider(
            world, "Solentra", regions=[Region.objects.get(code="VLG")], languages=["nl"]
        ),
        "lawyer": provider(world, "Cabinet Janssens", kind="LAWYER"),
    }


def planned(world: World) -> Person:
    person = cared_person(world)
    support_plan_create(
        actor=world.actor("caseworker_a"),
        person=person,
        types=["Health"],
        objectives="Trauma care.",
        started_on=today(),
    )
    return person


def test_the_mapping_names_only_the_directorys_kinds() -> None:
    named = set().union(*(k for k in SERVICE_PROVIDER_KINDS.values() if k is not None))
    assert named <= set(ServiceKind.values)
    assert named == set(ServiceKind.values)  # every kind of the directory can be picked


def test_the_picker_lists_vetted_providers_of_the_service_by_region_and_language(
    world: World, providers: dict[str, Provider]
) -> None:
    actor = world.actor("caseworker_a")

    def names(**filters: str) -> list[str]:
        return [p.name for p in providers_for_service(actor, **filters)]

    assert names(service_type="PsychoSocial") == ["Exil-Aide", "Solentra"]
    assert names(service_type="PsychoSocial", region="BRU") == ["Exil-Aide"]
    assert names(service_type="PsychoSocial", language="nl") == ["Solentra"]
    assert names(service_type="Legal") == ["Cabinet Janssens"]
    assert names(service_type="Financial") == []
    provider_suspend(
        actor=world.actor("coordinator"),
        provider_id=providers["psy"].pk,
        expected_version=providers["psy"].version,
        reason="Closed",
    )
    assert names(service_type="PsychoSocial") == ["Solentra"]
    with pytest.raises(DomainError) as refused:
        provider_for_service(actor, providers["psy"].pk, service_type="PsychoSocial")
    assert refused.value.field == "directory_provider"


def test_a_service_names_its_directory_provider_on_the_plan(
    world: World, providers: dict[str, Provider]
) -> None:
    person = planned(world)

    service = service_record(
        actor=world.actor("caseworker_a"),
        person=person,
        service_type="PsychoSocial",
        delivered_on=today(),
        directory_provider=providers["psy"],
    )

    assert service.directory_provider == providers["psy"]
    assert service.plan is not None
    row = AuditEvent.objects.get(action="service_record")
    # Which provider is care data: a marker, not the provider.
    assert row.changes["directory_provider"] == "set"


def test_a_provider_of_another_service_is_refused(
    world: World, providers: dict[str, Provider]
) -> None:
    with pytest.raises(DomainError) as refused:
        service_record(
            actor=world.actor("caseworker_a"),
            person=planned(world),
            service_type="Health",
            delivered_on=today(),
            directory_provider=providers["lawyer"],
        )
    assert (refused.value.status, refused.value.field) == (400, "directory_provider")


def test_the_service_page_picks_from_the_directory_and_the_plan_shows_it(
    world: World, client_as: ClientAs, providers: dict[str, Provider]
) -> None:
    person = planned(world)
    client = client_as("caseworker_a")
    url = f"/care/{person.reference}/services/new/"

    # By default: the centre's region (Brussels) and the person's language (ro).
    form = client.get(url, {"service_type": "PsychoSocial"}).content.decode()
    assert "Exil-Aide (4 free)" in form
    assert "Solentra" not in form
    wider = client.get(url, {"service_type": "PsychoSocial", "region": ""}).content.decode()
    assert "Solentra" not in wider  # still the person's language only
    assert (
        "Solentra"
        in client.get(
            url, {"service_type": "PsychoSocial", "region": "", "language": ""}
        ).content.decode()
    )

    bad = client.post(
        url,
        {
            "service_type": "PsychoSocial",
            "delivered_on": today().isoformat(),
            "directory_provider": providers["lawyer"].pk,
        },
    )
    assert bad.status_code == 400
    done = client.post(
        url,
        {
            "service_type": "PsychoSocial",
            "delivered_on": today().isoformat(),
            "region": "BRU",
            "language": "ro",
            "directory_provider": providers["psy"].pk,
        },
    )
    assert done.status_code == 302
    page = client.get(f"/care/{person.reference}/").content.decode()
    assert f'href="/directory/{providers["psy"].pk}/"' in page
    assert "(4 places free)" in page


def test_the_api_plan_carries_its_services_and_providers(
    world: World, providers: dict[str, Provider]
) -> None:
    person = planned(world)
    service_record(
        actor=world.actor("caseworker_a"),
        person=person,
        service_type="PsychoSocial",
        delivered_on=today(),
        directory_provider=providers["psy"],
    )
    _token, plaintext = api_token_create(actor=world.actor("caseworker_a"), label="t", days=1)

    answer = Client(headers={"Authorization": f"Bearer {plaintext}"}).get(
        f"/api/v1/care/persons/{person.reference}/plan"
    )

    assert answer.status_code == 200
    [service] = answer.json()["plan"]["services"]
    assert service["directory_provider"] == {
        "id": providers["psy"].pk,
        "name": "Exil-Aide",
        "kind": "PSYCHOLOGICAL",
        "free_places": 4,
    }
    assert timezone.localdate().isoformat() == service["delivered_on"]
