"""The demo's shelter scenes are made through the real actions and show what they should."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from nrm.care.demo_transfers import build_demo
from nrm.care.models import TransferStatus
from nrm.care.queries import transfer_requests_waiting
from nrm.care.tests.setup import house, today
from nrm.directory.actions import ProviderData, provider_create
from nrm.organisations.models import Region
from nrm.testing import World

ClientAs = Callable[[str], Client]


def test_the_demo_makes_a_full_shelter_a_waiting_request_a_misfit_and_a_directory_service(
    world: World, client_as: ClientAs
) -> None:
    shelter = house(world, women=3, men=3, families=2)
    provider = provider_create(
        actor=world.actor("coordinator"),
        data=ProviderData(
            name="Exil-Aide (demo)",
            kind="PSYCHOLOGICAL",
            regions=[Region.objects.get(code="BRU")],
            languages=["fr", "ro"],
            capacity=3,
        ),
        vetted_on=today(),
    )

    made = build_demo(world.actors, today(), provider=provider)

    assert made.transfer is not None
    assert made.transfer.status == TransferStatus.REQUESTED
    assert list(transfer_requests_waiting(world.actor("caseworker_a"))) == [made.transfer]
    assert made.full_shelter == shelter  # no second director: its family places fill up
    assert made.misfit is not None
    assert made.served == made.misfit
    page = client_as("director_a").get(f"/care/{made.misfit.reference}/").content.decode()
    assert "A minor in a place for adults." in page
    assert "Exil-Aide (demo)" in page
    overview = client_as("director_a").get("/care/").content.decode()
    assert "Free places at other centres" in overview
