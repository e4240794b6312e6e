"""The services directory: kept by the coordination unit, searched by everyone on the
platform, vetted every year with a reminder from the worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.directory.actions import (
    ProviderData,
    provider_create,
    provider_suspend,
    provider_update,
    provider_vet,
)
from nrm.directory.models import Provider, ProviderStatus
from nrm.directory.queries import providers_for_actor
from nrm.directory.reminders import vetting_reminders_process
from nrm.inbox.queries import inbox_for_actor
from nrm.organisations.models import Region
from nrm.testing import World

ClientAs = Callable[[str], Client]


def _data(**fields: object) -> ProviderData:
    values: dict[str, object] = {
        "name": "Maison médicale du Midi",
        "kind": "MEDICAL",
        "regions": [Region.objects.get(code="BRU")],
        "languages": ["fr", "ar"],
        "eligibility": ["ADULTS", "WITHOUT_RESIDENCE"],
        "capacity": 4,
    }
    values.update(fields)
    return ProviderData(**values)  # type: ignore[arg-type]


def _provider(world: World, *, days_ago: int = 10, **fields: object) -> Provider:
    return provider_create(
        actor=world.actor("coordinator"),
        data=_data(**fields),
        vetted_on=timezone.localdate() - dt.timedelta(days=days_ago),
    )


def test_only_the_coordination_unit_keeps_the_directory(world: World) -> None:
    with pytest.raises(PermissionDenied):
        provider_create(
            actor=world.actor("caseworker_a"), data=_data(), vetted_on=timezone.localdate()
        )
    provider = _provider(world)
    assert provider.vetting_due == provider.vetted_on + dt.timedelta(days=365)
    assert AuditEvent.objects.filter(action="provider_create", record_id=str(provider.pk)).exists()


def test_bad_input_is_refused_with_its_field(world: World) -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"name": " "}, "name"),
        ({"kind": "ASTROLOGY"}, "kind"),
        ({"regions": []}, "regions"),
        ({"languages": ["xx"]}, "languages"),
        ({"eligibility": ["ALIENS"]}, "eligibility"),
    ]
    for fields, field in cases:
        with pytest.raises(DomainError) as refused:
            provider_create(
                actor=world.actor("coordinator"),
                data=_data(**fields),
                vetted_on=timezone.localdate(),
            )
        assert refused.value.field == field
    assert not Provider.objects.exists()


def test_everyone_on_the_platform_filters_by_service_region_language_and_eligibility(
    world: World,
) -> None:
    medical = _provider(world)
    lawyer = _provider(
        world,
        name="Advocatenkantoor Peeters",
        kind="LAWYER",
        regions=[Region.objects.get(code="VLG")],
        languages=["nl", "pl"],
        eligibility=["ADULTS"],
    )
    inspector = world.actor("inspector")
    assert set(providers_for_actor(inspector)) == {medical, lawyer}
    assert list(providers_for_actor(inspector, kind="LAWYER")) == [lawyer]
    assert list(providers_for_actor(inspector, region="BRU")) == [medical]
    assert list(providers_for_actor(inspector, language="pl")) == [lawyer]
    assert list(providers_for_actor(inspector, eligibility="WITHOUT_RESIDENCE")) == [medical]


def test_a_suspended_provider_leaves_the_lists_and_a_new_vetting_brings_it_back(
    world: World, client_as: ClientAs
) -> None:
    provider = _provider(world)
    coordinator = world.actor("coordinator")
    provider = provider_suspend(
        actor=coordinator,
        provider_id=provider.pk,
        expected_version=1,
        reason="Complaint under review",
    )
    assert provider.status == ProviderStatus.SUSPENDED
    assert provider not in providers_for_actor(world.actor("caseworker_a"))
    assert client_as("caseworker_a").get(f"/directory/{provider.pk}/").status_code == 404
    assert client_as("coordinator").get(f"/directory/{provider.pk}/").status_code == 200
    provider = provider_vet(
        actor=coordinator, provider_id=provider.pk, expected_version=2, on=timezone.localdate()
    )
    assert provider.status == ProviderStatus.ACTIVE
    with pytest.raises(Conflict):
        provider_update(
            actor=coordinator, provider_id=provider.pk, expected_version=1, data=_data()
        )


def test_the_yearly_vetting_is_reminded_once_and_shows_in_the_coordinators_inbox(
    world: World,
) -> None:
    due_soon = _provider(world, days_ago=350)
    fresh = _provider(world, name="Werkwinkel Gent", days_ago=5)
    now = timezone.now()
    mail.outbox.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        assert vetting_reminders_process(now=now) == 1
        assert vetting_reminders_process(now=now) == 0  # claimed once
    assert len(mail.outbox) == 1
    assert due_soon.name in mail.outbox[0].body
    assert fresh.name not in mail.outbox[0].body
    inbox = inbox_for_actor(world.actor("coordinator"), now=now, today=timezone.localdate())
    vetting = next(s for s in inbox.sections if s.key == "vetting")
    assert [item.label for item in vetting.items] == [due_soon.name]
    # A new vetting clears the claim: next year's reminder will go out again.
    due_soon = provider_vet(
        actor=world.actor("coordinator"),
        provider_id=due_soon.pk,
        expected_version=due_soon.version,
        on=timezone.localdate(),
    )
    assert due_soon.reminded_at is None


def test_the_pages_list_add_and_refuse_bad_input(world: World, client_as: ClientAs) -> None:
    _provider(world)
    page = client_as("inspector").get("/directory/", {"kind": "MEDICAL", "region": "BRU"})
    assert page.status_code == 200
    assert "Maison médicale du Midi" in page.content.decode()
    assert client_as("inspector").get("/directory/new/").status_code == 403
    coordinator = client_as("coordinator")
    bad = coordinator.post("/directory/new/", {"name": "", "kind": "MEDICAL"})
    assert bad.status_code == 400
    assert Provider.objects.count() == 1
    region = Region.objects.get(code="WAL")
    good = coordinator.post(
        "/directory/new/",
        {
            "name": "Logement solidaire Liège",
            "kind": "HOUSING",
            "regions": [region.pk],
            "languages": ["fr"],
            "eligibility": ["WOMEN"],
            "capacity": "2",
            "vetted_on": timezone.localdate().isoformat(),
        },
    )
    assert good.status_code == 302
    assert Provider.objects.filter(name="Logement solidaire Liège").exists()
