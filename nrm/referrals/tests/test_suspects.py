"""Victims apart from suspects (issue 9 §4): a person the prosecution named as a suspect is
not referred to a victims' centre or placed in its shelter unless the centre's director
decides so, with reasons, audited; the centre sees a warning, never the case; an outsider
sees nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.models import AuditEvent, Involvement, Purpose
from nrm.care.models import Placement
from nrm.care.tests.setup import house, place
from nrm.core.errors import Conflict, DomainError, PermissionDenied
from nrm.people.actions import support_override_record
from nrm.people.models import Person, SupportOverride
from nrm.people.queries import suspect_warning_for
from nrm.prosecution import actions as prosecution
from nrm.prosecution.models import CaseFile
from nrm.prosecution.tests.support import opened_case, police_person, with_investigator
from nrm.referrals.models import Referral
from nrm.referrals.tests.builders import refer
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
PAG_ASA = "PAG-ASA"


def _suspect(world: World) -> tuple[Person, CaseFile]:
    """A man the police met, named by the prosecutor as a suspect in a case file."""
    case = opened_case(world)
    with_investigator(world, case)
    person = police_person(world, given_names="Victor", family_name="Ionescu")
    prosecution.case_suspect_add(
        actor=world.actor("prosecutor"), case=case, person_reference=person.reference
    )
    return person, case


def _override(world: World, person: Person, persona: str = "director_a") -> SupportOverride:
    return support_override_record(
        actor=world.actor(persona),
        person_reference=person.reference,
        reason="Exploited himself by the same network; his statements are awaited.",
    )


def test_a_suspect_is_not_referred_and_nothing_is_saved(world: World) -> None:
    person, case = _suspect(world)
    with pytest.raises(Conflict) as refused:
        refer(world, "investigator", person)
    assert "recorded as a suspect" in refused.value.message
    assert "director" in refused.value.message
    assert case.reference not in refused.value.message
    assert not Referral.objects.exists()
    centre = world.organisations[PAG_ASA]
    assert not Involvement.objects.filter(person=person, organisation=centre).exists()


def test_a_victim_who_is_no_suspect_is_referred_as_before(world: World) -> None:
    _suspect(world)
    assert refer(world, "investigator", police_person(world)).status == "PENDING"


def test_only_the_centres_director_overrides(world: World) -> None:
    person, _case = _suspect(world)
    for persona in ("caseworker_a", "investigator", "prosecutor", "analyst"):
        with pytest.raises(PermissionDenied):
            _override(world, person, persona)
    assert not SupportOverride.objects.exists()


def test_the_override_needs_reasons_and_a_suspects_reference(world: World) -> None:
    person, _case = _suspect(world)
    with pytest.raises(DomainError) as no_reason:
        support_override_record(
            actor=world.actor("director_a"), person_reference=person.reference, reason="  "
        )
    assert no_reason.value.field == "reason"
    with pytest.raises(DomainError) as not_a_suspect:
        support_override_record(
            actor=world.actor("director_a"),
            person_reference=police_person(world).reference,
            reason="Why not.",
        )
    assert not_a_suspect.value.field == "person"
    assert not SupportOverride.objects.exists()


def test_the_override_is_audited_and_opens_that_centre_only(world: World) -> None:
    person, _case = _suspect(world)
    override = _override(world, person)
    audit = AuditEvent.objects.get(action="support_override_record")
    assert audit.record_id == str(override.pk)
    assert audit.changes["person"] == person.reference
    assert audit.changes["reason"] == "set"
    assert override.reason
    assert "network" not in str(audit.changes)
    referral = refer(world, "investigator", person)
    assert referral.referred_organisation == world.organisations[PAG_ASA]
    with pytest.raises(Conflict):
        refer(world, "investigator", person, centre=world.organisations["Payoke"])


def test_the_centre_sees_a_warning_without_the_case(
    world: World, client_as: ClientAs
) -> None:
    person, case = _suspect(world)
    _override(world, person)
    referral = refer(world, "investigator", person)
    page = client_as("caseworker_a").get(f"/referrals/{referral.reference}/").content.decode()
    assert "recorded as a suspect in a criminal case file" in page
    assert "network" in page  # the director's reasons, for the centre
    assert case.reference not in page
    assert case.title not in page
    assert "433" not in page
    referrer = client_as("investigator").get(f"/referrals/{referral.reference}/").content.decode()
    assert "recorded as a suspect in a criminal case file" not in referrer


def test_an_outsider_sees_nothing(world: World, client_as: ClientAs) -> None:
    person, _case = _suspect(world)
    _override(world, person)
    referral = refer(world, "investigator", person)
    assert client_as("caseworker_b").get(f"/referrals/{referral.reference}/").status_code == 404
    assert suspect_warning_for(world.actor("caseworker_b"), person) is None
    assert suspect_warning_for(world.actor("analyst"), person) is None
    assert client_as("caseworker_b").get("/referrals/suspect-override/").status_code == 403


def test_a_pending_referral_is_not_accepted_once_the_person_is_named_a_suspect(
    world: World,
) -> None:
    person = police_person(world)
    referral = refer(world, "investigator", person)
    case = opened_case(world)
    with_investigator(world, case)
    prosecution.case_suspect_add(
        actor=world.actor("prosecutor"), case=case, person_reference=person.reference
    )
    from nrm.referrals.actions import referral_accept

    with pytest.raises(Conflict):
        referral_accept(
            actor=world.actor("caseworker_a"), referral=referral, expected_version=referral.version
        )
    assert Referral.objects.get().status == "PENDING"
    _override(world, person)
    accepted = referral_accept(
        actor=world.actor("caseworker_a"), referral=referral, expected_version=referral.version
    )
    assert accepted.status == "ACCEPTED"


def test_a_suspect_is_not_placed_in_the_shelter_without_the_override(world: World) -> None:
    person, _case = _suspect(world)
    world.involve(person, "caseworker_a", Purpose.CARE)
    shelter = house(world, men=2)
    with pytest.raises(Conflict) as refused:
        place(world, person, shelter, place_type="MEN")
    assert "shelter" in refused.value.message
    assert not Placement.objects.exists()
    _override(world, person)
    assert place(world, person, shelter, place_type="MEN").person == person


def test_the_refusal_is_shown_on_the_referral_form(world: World, client_as: ClientAs) -> None:
    person, _case = _suspect(world)
    response = client_as("investigator").post(
        f"/referrals/refer/{person.reference}/",
        {
            "reason": "AdditionalServicesRequired",
            "source": "POLICE",
            "region": str(world.organisations[PAG_ASA].region_id),
            "referred_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 409
    assert "recorded as a suspect" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_director_records_the_override_in_the_browser(
    world: World, client_as: ClientAs
) -> None:
    person, _case = _suspect(world)
    director = client_as("director_a")
    assert director.get("/referrals/suspect-override/").status_code == 200
    empty = director.post("/referrals/suspect-override/", {"person": person.reference})
    assert empty.status_code == 400
    unknown = director.post("/referrals/suspect-override/", {"person": "P-NOPE", "reason": "x"})
    assert unknown.status_code == 400
    assert not SupportOverride.objects.exists()
    done = director.post(
        "/referrals/suspect-override/", {"person": person.reference, "reason": "Cooperates."}
    )
    assert done.status_code == 302
    assert SupportOverride.objects.get().organisation == world.organisations[PAG_ASA]
    assert client_as("caseworker_a").post(
        "/referrals/suspect-override/", {"person": person.reference, "reason": "x"}
    ).status_code == 403


def test_the_care_page_warns_the_centre_without_the_case(
    world: World, client_as: ClientAs
) -> None:
    person, case = _suspect(world)
    world.involve(person, "caseworker_a", Purpose.CARE)
    page = client_as("caseworker_a").get(f"/care/{person.reference}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "recorded as a suspect in a criminal case file" in html
    assert case.reference not in html
    assert client_as("caseworker_b").get(f"/care/{person.reference}/").status_code == 404


def test_the_screening_page_shows_the_refusal_and_refers_nothing(
    world: World, client_as: ClientAs
) -> None:
    """Inspection screening -> referral: a worker the labour auditor names as a suspect
    (the foreman screened on site) is not referred; the inspector is told why."""
    from nrm.inspections.models import Screening
    from nrm.inspections.tests.test_referral import screened
    from nrm.prosecution.tests.support import assign

    screening = screened(world)
    case = opened_case(world)
    assign(world, case, world.actor("inspector"))
    prosecution.case_suspect_add(
        actor=world.actor("prosecutor"), case=case, person_reference=screening.person.reference
    )
    response = client_as("inspector").post(
        f"/inspections/screenings/{screening.reference}/refer/",
        {"refer-version": screening.version, "refer-channel": "DIRECT"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "recorded as a suspect in a criminal case file" in html
    assert case.reference not in html
    assert not Referral.objects.exists()
    assert Screening.objects.get(pk=screening.pk).referral_id is None


def test_the_api_refuses_the_referral_of_a_suspect_with_409(
    world: World, client_as: ClientAs
) -> None:
    import json

    person, _case = _suspect(world)
    response = client_as("investigator").post(
        "/api/v1/referrals",
        data=json.dumps({"person": person.reference, "reason": "AdditionalServicesRequired"}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "recorded as a suspect" in response.json()["error"]["message"]
    assert not Referral.objects.exists()
