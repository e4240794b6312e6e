"""Referral from a screening: one action refers the worker to the specialised centre of the
site's region (by age), directly or handed over to its hotline, through nrm.referrals."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent, Involvement, InvolvementBasis
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.inspections.actions import screening_refer
from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import (
    a_joint_action,
    a_screening,
    a_worksite,
    an_inspection,
    carried_out,
)
from nrm.inspections.vocab import Consent, ReferralChannel
from nrm.referrals.models import Referral, ReferralSource, ReferralStatus
from nrm.testing import World

ClientAs = Callable[[str], Client]


def screened(world: World, *, region: str = "BRU", **options: object) -> Screening:
    inspection = carried_out(
        world,
        an_inspection(
            world, worksite=a_worksite(world, region=region), joint_action=a_joint_action(world)
        ),
    )
    return a_screening(world, inspection, **options)  # type: ignore[arg-type]


def refer(world: World, screening: Screening, **options: object) -> Referral:
    return screening_refer(
        actor=world.actor("inspector"),
        screening=screening,
        expected_version=screening.version,
        **options,  # type: ignore[arg-type]
    )


def test_an_adult_is_referred_to_the_adult_centre_of_the_sites_region(world: World) -> None:
    screening = screened(world)

    referral = refer(world, screening)

    assert referral.referred_organisation == world.organisations["PAG-ASA"]
    assert referral.source == ReferralSource.INSPECTION
    assert referral.status == ReferralStatus.PENDING
    assert referral.person == screening.person
    assert referral.region is not None
    assert referral.region.code == "BRU"
    assert screening.reference in referral.details
    screening.refresh_from_db()
    assert screening.referral == referral
    assert screening.referral_channel == ReferralChannel.DIRECT
    event = AuditEvent.objects.get(action="screening_refer", record_id=str(screening.pk))
    assert event.changes is not None
    assert event.changes["referral"] == referral.reference
    assert AuditEvent.objects.filter(action="referral_create").exists()


def test_a_site_in_flanders_refers_to_the_centre_of_flanders(world: World) -> None:
    referral = refer(world, screened(world, region="VLG"))
    assert referral.referred_organisation == world.organisations["Payoke"]


def test_a_presumed_minor_goes_to_the_minors_centre_even_without_consent(world: World) -> None:
    screening = screened(world, age=None, presumed_minor=True, consent=Consent.NOT_ASKED)
    referral = refer(world, screening)
    assert referral.referred_organisation == world.organisations["Minor-Ndako"]
    assert referral.presumed_minor


def test_an_adult_who_refused_is_not_referred(world: World) -> None:
    screening = screened(world, consent=Consent.REFUSED)

    with pytest.raises(DomainError) as refused:
        refer(world, screening)

    assert refused.value.field == "consent_confirmed"
    assert not Referral.objects.exists()
    screening.refresh_from_db()
    assert screening.consent == Consent.REFUSED


def test_consent_given_later_is_confirmed_with_the_referral(world: World) -> None:
    screening = screened(world, consent=Consent.NOT_ASKED)
    refer(world, screening, consent_confirmed=True)
    screening.refresh_from_db()
    assert screening.consent == Consent.CONSENTED


def test_a_hotline_hand_over_is_a_referral_that_says_so(world: World) -> None:
    screening = screened(world)
    referral = refer(world, screening, channel=ReferralChannel.HOTLINE)
    assert "hotline" in referral.details
    screening.refresh_from_db()
    assert screening.referral_channel == ReferralChannel.HOTLINE


def test_a_worker_is_referred_once_from_a_screening(world: World) -> None:
    screening = screened(world)
    refer(world, screening)
    screening.refresh_from_db()
    with pytest.raises(Conflict):
        refer(world, screening)


def test_a_stale_screening_is_a_conflict(world: World) -> None:
    screening = screened(world)
    with pytest.raises(Conflict):
        screening_refer(actor=world.actor("inspector"), screening=screening, expected_version=9)


def test_police_taking_part_do_not_refer_from_the_teams_screening(world: World) -> None:
    screening = screened(world)
    with pytest.raises(PermissionDenied):
        screening_refer(actor=world.actor("investigator"), screening=screening, expected_version=1)


def test_the_centre_sees_the_referral_but_not_the_screening(
    world: World, client_as: ClientAs
) -> None:
    screening = screened(world)
    referral = refer(world, screening)
    client = client_as("caseworker_a")

    assert client.get(f"/referrals/{referral.reference}/").status_code == 200
    assert client.get(f"/inspections/screenings/{screening.reference}/").status_code == 404
    assert client.get(f"/inspections/{screening.inspection.reference}/").status_code == 404
    assert Involvement.objects.filter(
        person=screening.person,
        organisation=world.organisations["PAG-ASA"],
        basis=InvolvementBasis.REFERRAL_RECEIVED,
    ).exists()
    assert client_as("caseworker_b").get(f"/referrals/{referral.reference}/").status_code == 404


def test_the_screening_page_refers_in_one_step(world: World, client_as: ClientAs) -> None:
    screening = screened(world)
    client = client_as("inspector")
    response = client.post(
        f"/inspections/screenings/{screening.reference}/refer/",
        {"refer-version": screening.version, "refer-channel": "DIRECT"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "PAG-ASA" in page
    again = client.post(
        f"/inspections/screenings/{screening.reference}/refer/",
        {"refer-version": screening.version, "refer-channel": "DIRECT"},
    )
    assert again.status_code == 409


def test_the_page_asks_for_consent_when_it_is_missing(world: World, client_as: ClientAs) -> None:
    screening = screened(world, consent=Consent.NOT_ASKED)
    response = client_as("inspector").post(
        f"/inspections/screenings/{screening.reference}/refer/",
        {"refer-version": screening.version, "refer-channel": "DIRECT"},
    )
    assert response.status_code == 400
    assert "only with their consent" in response.content.decode()
