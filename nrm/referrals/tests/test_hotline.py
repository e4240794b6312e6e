"""The centres' 24/7 hotline log: the action, and its pages (log with filters, form, detail)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent, AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.core.errors import DomainError, PermissionDenied
from nrm.people.actions import PersonData
from nrm.people.models import Person
from nrm.referrals.actions import HotlineEntryData, HotlineReferralData, hotline_entry_create
from nrm.referrals.models import HotlineEntry, HotlineOutcome, Referral, ReferralSource
from nrm.testing import World

ClientAs = Callable[[str], Client]


def contact(**overrides: Any) -> HotlineEntryData:
    values: dict[str, Any] = {
        "contact_at": timezone.now() - timedelta(minutes=10),
        "channel": "PHONE",
        "language": "ro",
        "caller_type": "POTENTIAL_VICTIM",
        "summary": "Works nights in a car wash; the boss keeps her passport.",
        "outcome": HotlineOutcome.ADVICE,
    }
    values.update(overrides)
    return HotlineEntryData(**values)


def log(world: World, persona: str = "caseworker_a", **options: Any) -> HotlineEntry:
    data = options.pop("data", None) or contact()
    return hotline_entry_create(actor=world.actor(persona), data=data, **options)


def counts() -> tuple[int, int, int, int]:
    return (
        HotlineEntry.objects.count(),
        Person.objects.count(),
        Referral.objects.count(),
        Involvement.objects.count(),
    )


# The action ----------------------------------------------------------------------------


def test_an_anonymous_call_is_logged_with_its_summary_encrypted(world: World) -> None:
    entry = log(world)

    assert entry.centre == world.organisations["PAG-ASA"]
    assert entry.taken_by == world.users["caseworker_a"]
    assert entry.person is None
    assert not entry.emergency
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary FROM referrals_hotlineentry WHERE id = %s", [entry.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("fernet:")
    row = AuditEvent.objects.get(action="hotline_entry_create")
    assert row.event_type == AuditEventType.CREATE
    assert row.purpose == Purpose.CARE


def test_a_new_person_is_recorded_and_the_centre_becomes_involved(world: World) -> None:
    entry = log(world, new_person=PersonData(given_names="Ana", age_at_first_contact=29))

    person = entry.person
    assert person is not None
    assert person.given_names == "Ana"
    [involvement] = Involvement.objects.filter(person=person)
    assert involvement.organisation == world.organisations["PAG-ASA"]
    assert involvement.basis == InvolvementBasis.FIRST_CONTACT
    assert AuditEvent.objects.filter(action="person_create").count() == 1


def test_a_person_the_centre_knows_is_linked(world: World) -> None:
    person = world.person("caseworker_a")

    entry = log(world, person_reference=person.reference.lower())

    assert entry.person == person
    assert Person.objects.count() == 1


@pytest.mark.parametrize("owner", ["caseworker_b", None])
def test_a_person_the_centre_does_not_know_cannot_be_linked_and_the_answer_is_the_same(
    world: World, owner: str | None
) -> None:
    reference = world.person(owner).reference if owner else "P-ZZZZ-ZZZZ"
    before = counts()

    with pytest.raises(DomainError) as raised:
        log(world, person_reference=reference)

    assert raised.value.field == "person"
    assert raised.value.message == "No person with this reference is known to your centre."
    assert counts() == before


def test_a_referral_outcome_refers_the_person_to_the_right_centre(world: World) -> None:
    wallonia = world.organisations["Sürya"].region
    entry = log(
        world,
        data=contact(outcome=HotlineOutcome.REFERRAL, referral_consent=True),
        new_person=PersonData(given_names="Ion", age_at_first_contact=41),
        referral=HotlineReferralData(region=wallonia, details="Farm near Namur."),
    )

    referral = entry.referral
    assert referral is not None
    assert referral.source == ReferralSource.HOTLINE
    assert referral.referring_organisation == world.organisations["PAG-ASA"]
    assert referral.referred_organisation == world.organisations["Sürya"]
    assert referral.person == entry.person
    assert referral.details == "Farm near Namur."
    assert Involvement.objects.filter(
        person=entry.person,
        organisation=world.organisations["Sürya"],
        basis=InvolvementBasis.REFERRAL_RECEIVED,
    ).exists()


def test_a_minor_calling_the_hotline_is_referred_to_the_minors_centre(world: World) -> None:
    entry = log(
        world,
        data=contact(outcome=HotlineOutcome.REFERRAL),
        new_person=PersonData(age_at_first_contact=16),
    )

    assert entry.referral is not None
    assert entry.referral.referred_organisation == world.organisations["Minor-Ndako"]


def test_a_call_for_the_centres_own_region_is_referred_to_itself_for_intake(
    world: World,
) -> None:
    entry = log(
        world,
        data=contact(outcome=HotlineOutcome.REFERRAL, referral_consent=True),
        new_person=PersonData(age_at_first_contact=30),
    )

    assert entry.referral is not None
    assert entry.referral.referred_organisation == world.organisations["PAG-ASA"]
    # The centre already saw the person (first contact): the referral opened nothing new.
    assert entry.referral.received_involvement is None


def test_an_emergency_is_flagged_whatever_the_box_says(world: World) -> None:
    assert log(world, data=contact(outcome=HotlineOutcome.EMERGENCY)).emergency
    assert log(world, data=contact(outcome=HotlineOutcome.ADVICE, emergency=True)).emergency


@pytest.mark.parametrize(
    ("data", "options", "field", "message"),
    [
        ({"language": "xx"}, {}, "language", "xx is not an ISO 639 language code."),
        ({"channel": "PIGEON"}, {}, "channel", "Choose a channel from the list."),
        ({"caller_type": "ALIEN"}, {}, "caller_type", "Choose who contacted the hotline"),
        ({"outcome": "MAYBE"}, {}, "outcome", "Choose an outcome from the list."),
        ({"summary": "   "}, {}, "summary", "Summarise the contact."),
        (
            {"contact_at": timezone.now() + timedelta(hours=1)},
            {},
            "contact_at",
            "A contact cannot be in the future.",
        ),
        (
            {"contact_at": datetime(2025, 1, 1, 12, 0)},  # noqa: DTZ001 — the fault under test
            {},
            "contact_at",
            "Give the time with its time zone.",
        ),
        (
            {"outcome": HotlineOutcome.REFERRAL},
            {},
            "person",
            "A referral needs a person: link one or record a new one.",
        ),
        (
            {},
            {"new_person": PersonData(languages=["zz"])},
            "languages",
            "zz is not an ISO 639 language code.",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    world: World, data: dict[str, Any], options: dict[str, Any], field: str, message: str
) -> None:
    before = counts()

    with pytest.raises(DomainError) as raised:
        log(world, data=contact(**data), **options)

    assert raised.value.field == field
    assert raised.value.message.startswith(message)
    assert counts() == before


def test_a_referral_that_cannot_be_routed_leaves_no_person_behind(world: World) -> None:
    before = counts()

    with pytest.raises(DomainError) as raised:
        log(
            world,
            "caseworker_b",
            data=contact(outcome=HotlineOutcome.REFERRAL),
            new_person=PersonData(given_names="Kid", age_at_first_contact=15),
        )

    assert raised.value.field == "centre"
    assert counts() == before
    assert not AuditEvent.objects.filter(action="person_create").exists()


@pytest.mark.parametrize("persona", ["inspector", "investigator", "prosecutor", "admin"])
def test_only_centre_staff_keep_a_hotline_log(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        log(world, persona)
    assert not HotlineEntry.objects.exists()


# Pages ---------------------------------------------------------------------------------


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "contact_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "PHONE",
        "language": "ro",
        "caller_type": "POTENTIAL_VICTIM",
        "summary": "Works nights in a car wash.",
        "outcome": "ADVICE",
        "person_mode": "none",
        "gender": "NonSpecifiedUnknown",
        "referral_reason": "AdditionalServicesRequired",
    }
    data.update(overrides)
    return data


def test_the_form_logs_a_contact_and_shows_it(world: World, client_as: ClientAs) -> None:
    client = client_as("caseworker_a")

    response = client.post("/referrals/hotline/new/", form())

    entry = HotlineEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/hotline/{entry.reference}/"
    page = client.get(response["Location"]).content.decode()
    assert "Works nights in a car wash." in page
    assert AuditEvent.objects.filter(action="hotline_view", record_id=str(entry.pk)).exists()


def test_the_form_records_a_new_person_and_refers_them(world: World, client_as: ClientAs) -> None:
    client = client_as("caseworker_b")

    response = client.post(
        "/referrals/hotline/new/",
        form(
            outcome="REFERRAL",
            person_mode="new",
            given_names="Ion",
            age="40",
            referral_consent="yes",
            nationality="MD",
            region=str(world.organisations["Sürya"].region_id),
        ),
    )

    assert response.status_code == 302
    entry = HotlineEntry.objects.get()
    assert entry.person is not None
    assert entry.person.nationalities == ["MD"]
    assert entry.person.languages == ["ro"]
    assert entry.referral is not None
    assert entry.referral.referred_organisation == world.organisations["Sürya"]


def test_the_form_explains_what_is_missing_and_keeps_nothing(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("caseworker_a").post(
        "/referrals/hotline/new/", form(outcome="REFERRAL", language="xx")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice. xx is not one of the available choices." in page
    assert "A referral needs a person: link one or record a new one." in page
    assert not HotlineEntry.objects.exists()


def test_the_form_reports_an_unknown_person_on_its_field(world: World, client_as: ClientAs) -> None:
    response = client_as("caseworker_a").post(
        "/referrals/hotline/new/", form(person_mode="existing", person_reference="P-ZZZZ-ZZZZ")
    )

    assert response.status_code == 400
    assert "No person with this reference is known to your centre." in response.content.decode()
    assert not HotlineEntry.objects.exists()


@pytest.mark.parametrize("persona", ["inspector", "prosecutor", "analyst", "admin"])
def test_the_hotline_pages_are_for_centre_staff_only(
    world: World, client_as: ClientAs, persona: str
) -> None:
    client = client_as(persona)

    assert client.get("/referrals/hotline/").status_code == 403
    assert client.get("/referrals/hotline/new/").status_code == 403
    assert client.post("/referrals/hotline/new/", form()).status_code == 403
    assert not HotlineEntry.objects.exists()


def test_another_centres_hotline_contact_is_not_found(world: World, client_as: ClientAs) -> None:
    entry = log(world, "caseworker_b")

    assert (
        client_as("caseworker_a").get(f"/referrals/hotline/{entry.reference}/").status_code == 404
    )
    assert client_as("inspector").get(f"/referrals/hotline/{entry.reference}/").status_code == 404
    assert (
        client_as("caseworker_b").get(f"/referrals/hotline/{entry.reference}/").status_code == 200
    )


def test_the_log_shows_the_centres_own_contacts_with_filters(
    world: World, client_as: ClientAs
) -> None:
    advice = log(world, data=contact(summary="Advice on wages."))
    emergency = log(world, data=contact(summary="Locked in.", outcome="EMERGENCY", language="bg"))
    other = log(world, "caseworker_b", data=contact(summary="Payoke's own."))
    client = client_as("caseworker_a")

    page = client.get("/referrals/hotline/").content.decode()
    assert advice.reference in page
    assert emergency.reference in page
    assert other.reference not in page
    assert "Payoke" not in page

    only = client.get("/referrals/hotline/", {"emergency": "on"}).content.decode()
    assert emergency.reference in only
    assert advice.reference not in only
    bulgarian = client.get("/referrals/hotline/", {"language": "bg"}).content.decode()
    assert emergency.reference in bulgarian
    assert advice.reference not in bulgarian
    row = AuditEvent.objects.filter(action="hotline_list").last()
    assert row is not None
    assert row.changes == {"entries": [emergency.reference]}


def test_the_log_filter_answers_htmx_with_the_table_alone(
    world: World, client_as: ClientAs
) -> None:
    log(world)

    response = client_as("caseworker_a").get(
        "/referrals/hotline/", {"outcome": "ADVICE"}, headers={"HX-Request": "true"}
    )

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="hotline-table"')
    assert "<html" not in page


def test_a_bad_filter_is_a_clear_400(world: World, client_as: ClientAs) -> None:
    log(world)

    response = client_as("caseworker_a").get("/referrals/hotline/", {"since": "yesterday"})

    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_the_filter_by_day_counts_in_local_days(world: World, client_as: ClientAs) -> None:
    today = timezone.localdate()
    old = log(world, data=contact(contact_at=timezone.now() - timedelta(days=3)))
    new = log(world)

    page = client_as("caseworker_a").get(
        "/referrals/hotline/", {"since": today.isoformat(), "until": today.isoformat()}
    )

    assert new.reference in page.content.decode()
    assert old.reference not in page.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_log_makes_the_same_few_queries_however_many_contacts(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    for index in range(count):
        log(
            world,
            data=contact(
                outcome="REFERRAL" if index % 2 else "ADVICE",
                referral_consent=True if index % 2 else None,
            ),
            new_person=PersonData(age_at_first_contact=30),
        )
    client = client_as("caseworker_a")

    # Sign-in: session, user, second factor, membership. The log: count, page (with person,
    # referral and taker joined). Its audit row: savepoint, chain head, insert, head update,
    # release. The layout's memberships. Saving the session: savepoint, update, release.
    with django_assert_num_queries(15):
        response = client.get("/referrals/hotline/")

    assert response.status_code == 200
