"""Assignment holds everywhere (issue 11 §3): once a case names its officers, their
unassigned colleagues of the same organisation no longer see the victim's referrals,
screenings and their details, through the pages, the htmx fragments and the API; and a
centre whose referral is still pending does not yet act for the person (no edit, no
pathway step). Each test failed before the rule moved into the access policy."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from pytest_django.fixtures import SettingsWrapper

from nrm.access.actions import involvement_end, involvement_open
from nrm.access.context import actor_for
from nrm.access.models import Involvement, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person, person_withheld
from nrm.administration.actions import user_create
from nrm.consent.actions import ConsentConfirmation
from nrm.inspections.actions import (
    ScreeningData,
    evidence_add,
    inspection_plan,
    screening_create,
)
from nrm.inspections.models import Inspection, Screening
from nrm.people.models import Person
from nrm.protection.models import PathwayRecord
from nrm.referrals.actions import (
    HotlineEntryData,
    hotline_entry_create,
    referral_accept,
    referral_create,
)
from nrm.referrals.models import HotlineOutcome, Referral, ReferralReason
from nrm.testing import PASSWORD, World, approved_membership

ClientAs = Callable[[str], Client]
HTMX = {"HX-Request": "true"}


def colleague_of(world: World, persona: str, name: str) -> str:
    """A second member of the persona's organisation in the same role, signed-in ready
    (a persona of its own in `world`)."""
    actor = world.actor(persona)
    assert actor.membership is not None
    user, _password = user_create(
        actor=world.actor("admin"),
        username=name,
        first_name=name.title(),
        last_name="Tester",
        email=f"{name}@example.invalid",
        password=PASSWORD,
    )
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    membership = approved_membership(
        world, user=user, organisation=actor.membership.organisation, role=actor.role
    )
    world.users[name] = user
    world.actors[name] = actor_for(user, membership)
    world.devices[name] = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return name


def assigned_to(world: World, person: Person, persona: str) -> None:
    """The case file's involvement of the persona's organisation, naming only the persona
    (what `nrm.prosecution` opens when it assigns officers to a case)."""
    actor = world.actor(persona)
    assert actor.organisation is not None
    involvement_open(
        actor=actor,
        person=person,
        organisation=actor.organisation,
        purpose=Purpose.INVESTIGATION,
        basis=InvolvementBasis.CASE_FILE,
        assigned=[actor.user],
    )


# Referrals: the police unit's case names one investigator -----------------------------


def police_referral(world: World) -> tuple[Person, Referral, str]:
    """A victim the labour inspection met, in the police's case assigned to `investigator`
    alone, referred by that investigator to centre A; and an unassigned colleague."""
    colleague = colleague_of(world, "investigator", "investigator2")
    person = world.person("inspector")
    assigned_to(world, person, "investigator")
    referral = referral_create(
        consent=ConsentConfirmation(language="ro"),
        actor=world.actor("investigator"),
        person=person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        centre=world.organisations["PAG-ASA"],
    )
    return person, referral, colleague


def test_an_unassigned_colleague_does_not_open_the_referral_page(
    world: World, client_as: ClientAs
) -> None:
    _person, referral, colleague = police_referral(world)

    assert client_as("investigator").get(f"/referrals/{referral.reference}/").status_code == 200
    assert client_as(colleague).get(f"/referrals/{referral.reference}/").status_code == 404


def test_an_unassigned_colleague_does_not_see_the_referral_in_the_list_or_its_fragment(
    world: World, client_as: ClientAs
) -> None:
    _person, referral, colleague = police_referral(world)
    query = "/referrals/?box=sent&state=all"

    assert referral.reference in client_as("investigator").get(query).content.decode()
    page = client_as(colleague).get(query)
    fragment = client_as(colleague).get(query, headers=HTMX)

    assert page.status_code == fragment.status_code == 200
    assert referral.reference not in page.content.decode()
    assert referral.reference not in fragment.content.decode()


def test_an_unassigned_colleague_gets_404_from_the_referral_api(
    world: World, client_as: ClientAs
) -> None:
    _person, referral, colleague = police_referral(world)
    url = f"/api/v1/referrals/{referral.reference}"

    assert client_as("investigator").get(url).status_code == 200
    assert client_as(colleague).get(url).status_code == 404
    listed = client_as(colleague).get("/api/v1/referrals?box=sent").json()["results"]
    assert referral.reference not in {row["reference"] for row in listed}


def test_the_receiving_centre_still_sees_the_referral(world: World, client_as: ClientAs) -> None:
    # The assignment is the police's; the centre's staff are not the police's colleagues.
    _person, referral, _colleague = police_referral(world)

    assert client_as("caseworker_a").get(f"/referrals/{referral.reference}/").status_code == 200


def test_an_unassigned_colleague_does_not_see_the_hotline_call_about_the_person(
    world: World, client_as: ClientAs
) -> None:
    colleague = colleague_of(world, "caseworker_a", "caseworker2")
    person = world.person("inspector")
    caseworker = world.actor("caseworker_a")
    assert caseworker.organisation is not None
    involvement_open(
        actor=caseworker,
        person=person,
        organisation=caseworker.organisation,
        purpose=Purpose.CARE,
        basis=InvolvementBasis.CONSENT,
        assigned=[caseworker.user],
    )
    entry = hotline_entry_create(
        actor=caseworker,
        data=HotlineEntryData(
            contact_at=timezone.now() - timedelta(minutes=10),
            channel="PHONE",
            language="ro",
            caller_type="POTENTIAL_VICTIM",
            summary="Called again about the passport.",
            outcome=HotlineOutcome.ADVICE,
        ),
        person_reference=person.reference,
    )
    url = f"/referrals/hotline/{entry.reference}/"

    assert client_as("caseworker_a").get(url).status_code == 200
    assert client_as(colleague).get(url).status_code == 404
    log = client_as(colleague).get("/referrals/hotline/", headers=HTMX)
    assert log.status_code == 200
    assert entry.reference not in log.content.decode()
    assert client_as("director_a").get(url).status_code == 200  # the centre's head


# Screenings: the inspection team's case names one inspector ---------------------------


def team_screening(world: World) -> tuple[Inspection, Screening, str]:
    """A victim in a case file that names `inspector` alone of the team, then screened by
    that inspector at one of the team's inspections; and an unassigned colleague."""
    colleague = colleague_of(world, "inspector", "inspector2")
    person = world.person("caseworker_a")
    assigned_to(world, person, "inspector")
    inspector = world.actor("inspector")
    yesterday = timezone.localdate() - timedelta(days=1)
    inspection = inspection_plan(actor=inspector, planned_on=yesterday, sector="F")
    screening = screening_create(
        actor=inspector,
        inspection=inspection,
        data=ScreeningData(
            person_reference=person.reference,
            nationality="RO",
            language="ro",
            presumed_minor=False,
            hourly_wage_eur=None,
            weekly_hours=None,
            observations=[],
            leaflet_language="ro",
            consent="CONSENTED",
        ),
    )
    return inspection, screening, colleague


def test_an_unassigned_colleague_does_not_open_the_screening_page(
    world: World, client_as: ClientAs
) -> None:
    _inspection, screening, colleague = team_screening(world)
    url = f"/inspections/screenings/{screening.reference}/"

    assert client_as("inspector").get(url).status_code == 200
    assert client_as(colleague).get(url).status_code == 404
    # The team's head sees every member's work.
    assert client_as("teamlead").get(url).status_code == 200


def test_the_inspection_page_lists_the_screening_only_for_those_assigned(
    world: World, client_as: ClientAs
) -> None:
    inspection, screening, colleague = team_screening(world)
    url = f"/inspections/{inspection.reference}/"

    assert screening.reference in client_as("inspector").get(url).content.decode()
    page = client_as(colleague).get(url)
    assert page.status_code == 200  # the inspection is the team's
    assert screening.reference not in page.content.decode()


def test_an_unassigned_colleague_gets_404_from_the_screening_api(
    world: World, client_as: ClientAs
) -> None:
    _inspection, screening, colleague = team_screening(world)
    url = f"/api/v1/screenings/{screening.reference}"

    assert client_as("inspector").get(url).status_code == 200
    assert client_as(colleague).get(url).status_code == 404


def test_evidence_about_the_screening_is_withheld_too(
    world: World, client_as: ClientAs, settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    inspection, screening, colleague = team_screening(world)
    image = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 120, 40)).save(image, "PNG")
    evidence = evidence_add(
        actor=world.actor("inspector"),
        inspection=inspection,
        kind="PHOTO_HOUSING",
        upload=io.BytesIO(image.getvalue()),
        size=len(image.getvalue()),
        name="room.png",
        screening=screening,
    )
    url = f"/inspections/evidence/{evidence.reference}/"

    assert client_as("inspector").get(url).status_code == 200
    assert client_as(colleague).get(url).status_code == 404
    page = client_as(colleague).get(f"/inspections/{inspection.reference}/").content.decode()
    assert evidence.reference not in page


def test_the_policy_names_the_withheld_persons(world: World) -> None:
    _inspection, screening, colleague = team_screening(world)

    assert person_withheld(world.actor(colleague), screening.person_id)
    assert not person_withheld(world.actor("inspector"), screening.person_id)
    assert not person_withheld(world.actor("teamlead"), screening.person_id)
    assert not person_withheld(world.actor(colleague), None)


def test_an_ended_case_involvement_withholds_nothing_more(world: World) -> None:
    colleague = colleague_of(world, "investigator", "investigator2")
    person = world.person("inspector")
    assigned_to(world, person, "investigator")
    assert person_withheld(world.actor(colleague), person.pk)

    involvement = Involvement.objects.get(
        person=person, organisation=world.organisations["FJP Brussels"], until__isnull=True
    )
    involvement_end(actor=world.actor("investigator"), involvement=involvement)

    assert not person_withheld(world.actor(colleague), person.pk)


# A centre's pending referral: reading to decide, not yet acting ------------------------


def pending_at_centre_a(world: World) -> tuple[Person, Referral]:
    person = world.person("inspector")
    referral = referral_create(
        consent=ConsentConfirmation(language="ro"),
        actor=world.actor("inspector"),
        person=person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        centre=world.organisations["PAG-ASA"],
    )
    return person, referral


def test_a_centre_reads_but_does_not_edit_a_person_while_its_referral_is_pending(
    world: World, client_as: ClientAs
) -> None:
    person, referral = pending_at_centre_a(world)
    client = client_as("caseworker_a")

    assert client.get(f"/people/{person.reference}/").status_code == 200
    assert client.get(f"/people/{person.reference}/edit/").status_code == 403

    referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=referral.version
    )
    assert client.get(f"/people/{person.reference}/edit/").status_code == 200


def test_a_centre_records_no_pathway_step_while_its_referral_is_pending(
    world: World, client_as: ClientAs
) -> None:
    person, _referral = pending_at_centre_a(world)
    today = timezone.localdate()
    data = {
        "event_type": "REFERRED",
        "referred-expected_version": 0,
        "referred-on": today.isoformat(),
    }

    page = client_as("caseworker_a").post(f"/protection/{person.reference}/events/", data)
    fragment = client_as("caseworker_a").post(
        f"/protection/{person.reference}/events/", data, headers=HTMX
    )

    assert page.status_code == fragment.status_code == 403
    assert not PathwayRecord.objects.filter(person=person, events__isnull=False).exists()
    decision = decide_person(world.actor("caseworker_a"), person.pk, Ability.PATHWAY_RECORD)
    assert not decision.allowed
    assert "accepted the referral" in decision.reason


def test_the_status_page_explains_why_a_pending_centre_cannot_record(
    world: World, client_as: ClientAs
) -> None:
    person, _referral = pending_at_centre_a(world)

    page = client_as("caseworker_a").get(f"/protection/{person.reference}/")

    assert page.status_code == 200
    assert "once it has accepted the referral" in page.content.decode()


def test_the_api_refuses_a_pathway_step_from_a_centre_whose_referral_is_pending(
    world: World, client_as: ClientAs
) -> None:
    person, referral = pending_at_centre_a(world)
    body = {"type": "REFERRED", "date": timezone.localdate().isoformat(), "expected_version": 0}
    url = f"/api/v1/persons/{person.reference}/pathway/events"

    refused = client_as("caseworker_a").post(url, body, content_type="application/json")

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=referral.version
    )
    # Accepting records REFERRED itself: the centre now acts for the person.
    assert decide_person(world.actor("caseworker_a"), person.pk, Ability.PATHWAY_RECORD).allowed
