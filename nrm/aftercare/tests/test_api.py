"""/api/v1 after support: the exit plan and its contacts for the centre that holds the
person's care. It works, outsiders (another centre, the referring inspector) get 404, bad
input 400, a second plan or a second record of a contact 409, and the audit rows are written
without the free text."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from nrm.access.actions import involvement_open
from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.accounts.actions import api_token_create
from nrm.aftercare.actions import exit_plan_record
from nrm.aftercare.models import ExitPlan, FollowUpContact
from nrm.aftercare.worker import meetings_scan
from nrm.people.models import Person
from nrm.testing import World

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
ENDED = TODAY - dt.timedelta(days=100)


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="test", days=1)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def post(client: Client, url: str, body: object) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def cared(world: World) -> Person:
    person = world.person("inspector")
    world.involve(person, "caseworker_a", Purpose.CARE)
    return person


def plan_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "pathway": "INDEPENDENT_LIVING",
        "support_ended_on": ENDED.isoformat(),
        "summary": "Own flat in Schaerbeek; job at a bakery.",
    }
    body.update(overrides)
    return body


def plan_url(person: Person) -> str:
    return f"/api/v1/persons/{person.reference}/aftercare/exit-plan"


def test_a_plan_is_recorded_with_its_contacts_and_shown(world: World, cared: Person) -> None:
    client = bearer(world, "caseworker_a")

    before = client.get(f"/api/v1/persons/{cared.reference}/aftercare")
    created = post(client, plan_url(cared), plan_body())
    after = client.get(f"/api/v1/persons/{cared.reference}/aftercare")

    assert before.status_code == 200
    assert before.json() == {"reference": cared.reference, "plan": None, "flags": []}
    assert created.status_code == 201
    plan = created.json()
    assert plan["pathway"] == "INDEPENDENT_LIVING"
    assert [c["months"] for c in plan["contacts"]] == [3, 6, 12]
    assert after.json()["plan"] == plan
    row = AuditEvent.objects.get(action="exit_plan_record")
    assert "bakery" not in json.dumps(row.changes)
    assert AuditEvent.objects.filter(action="aftercare_view", record_id=str(cared.pk)).count() == 2


def test_a_second_plan_of_the_same_centre_is_409(world: World, cared: Person) -> None:
    client = bearer(world, "caseworker_a")
    post(client, plan_url(cared), plan_body())

    again = post(client, plan_url(cared), plan_body(pathway="RETURN"))

    assert again.status_code == 409
    assert ExitPlan.objects.count() == 1


def test_a_person_who_declines_follow_up_gets_no_contact(world: World, cared: Person) -> None:
    response = post(
        bearer(world, "caseworker_a"), plan_url(cared), plan_body(follow_up_agreed=False)
    )

    assert response.status_code == 201
    assert response.json()["contacts"] == []


@pytest.mark.parametrize("persona", ["caseworker_b", "inspector"])
def test_outsiders_to_the_care_get_the_same_404_as_for_a_missing_person(
    world: World, cared: Person, persona: str
) -> None:
    # The inspector recorded the person, yet the centre's care is the centre's to tell.
    client = bearer(world, persona)
    missing = client.get("/api/v1/persons/P-ZZZZ-ZZZZ/aftercare")

    read = client.get(f"/api/v1/persons/{cared.reference}/aftercare")
    write = post(client, plan_url(cared), plan_body())

    assert read.status_code == write.status_code == missing.status_code == 404
    assert read.content == write.content == missing.content
    assert not ExitPlan.objects.exists()
    assert not AuditEvent.objects.filter(action="aftercare_view").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"pathway": "MOON"}, "pathway"),
        ({"support_ended_on": (TODAY + dt.timedelta(days=1)).isoformat()}, "support_ended_on"),
        ({"support_ended_on": "yesterday"}, "support_ended_on"),
        ({"summary": "x" * 4001}, "summary"),
        ({"follow_up_agreed": "no"}, "follow_up_agreed"),
    ],
)
def test_a_bad_plan_gets_400_naming_the_field(
    world: World, cared: Person, overrides: dict[str, Any], field: str
) -> None:
    response = post(bearer(world, "caseworker_a"), plan_url(cared), plan_body(**overrides))

    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert not ExitPlan.objects.exists()


# Follow-up contacts -----------------------------------------------------------------------


@pytest.fixture
def contact(world: World, cared: Person) -> FollowUpContact:
    plan = exit_plan_record(
        actor=world.actor("caseworker_a"),
        person=cared,
        pathway="MOVE_ON",
        support_ended_on=ENDED,
    )
    first = plan.contacts.order_by("months").first()
    assert first is not None
    return first


def contact_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "done_on": TODAY.isoformat(),
        "channel": "PHONE",
        "outcome": "SAFE_AND_STABLE",
        "note": "Works at the bakery, new flatmate.",
    }
    body.update(overrides)
    return body


def test_a_contact_is_recorded_once(world: World, contact: FollowUpContact) -> None:
    client = bearer(world, "caseworker_a")

    first = post(client, f"/api/v1/aftercare/contacts/{contact.pk}", contact_body())
    again = post(client, f"/api/v1/aftercare/contacts/{contact.pk}", contact_body())

    assert first.status_code == 200
    assert (first.json()["outcome"], first.json()["done_on"]) == (
        "SAFE_AND_STABLE",
        TODAY.isoformat(),
    )
    assert again.status_code == 409
    row = AuditEvent.objects.get(action="follow_up_contact_record")
    assert row.changes is not None
    assert row.changes["outcome"] == "SAFE_AND_STABLE"
    assert "bakery" not in json.dumps(row.changes)


def test_another_centres_contact_is_404(world: World, contact: FollowUpContact) -> None:
    response = post(
        bearer(world, "caseworker_b"), f"/api/v1/aftercare/contacts/{contact.pk}", contact_body()
    )
    missing = post(
        bearer(world, "caseworker_b"), "/api/v1/aftercare/contacts/999999", contact_body()
    )

    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content
    contact.refresh_from_db()
    assert contact.done_on is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"outcome": "FINE"}, "outcome"),
        ({"channel": "PIGEON"}, "channel"),
        ({"done_on": (ENDED - dt.timedelta(days=1)).isoformat()}, "done_on"),
        ({"done_on": (TODAY + dt.timedelta(days=1)).isoformat()}, "done_on"),
        ({"note": "x" * 4001}, "note"),
    ],
)
def test_a_bad_contact_gets_400_and_records_nothing(
    world: World, contact: FollowUpContact, overrides: dict[str, Any], field: str
) -> None:
    response = post(
        bearer(world, "caseworker_a"),
        f"/api/v1/aftercare/contacts/{contact.pk}",
        contact_body(**overrides),
    )

    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    contact.refresh_from_db()
    assert contact.done_on is None


def test_a_person_met_again_shows_a_flag_naming_who_met_them_not_why(
    world: World, cared: Person
) -> None:
    exit_plan_record(
        actor=world.actor("caseworker_a"),
        person=cared,
        pathway="MOVE_ON",
        support_ended_on=TODAY - dt.timedelta(days=30),
    )
    start = timezone.now()
    meetings_scan(now=start)  # the first pass only sets where to start
    investigator = world.actor("investigator")
    assert investigator.organisation is not None
    involvement_open(
        actor=investigator,
        person=cared,
        organisation=investigator.organisation,
        purpose=Purpose.INVESTIGATION,
        basis=InvolvementBasis.CASE_FILE,
    )
    assert meetings_scan(now=timezone.now() + dt.timedelta(seconds=1)) == 1

    body = bearer(world, "caseworker_a").get(f"/api/v1/persons/{cared.reference}/aftercare").json()

    [flag] = body["flags"]
    assert (flag["met_by"], flag["basis"], flag["confirmed"]) == (
        "FJP Brussels",
        "SAME_RECORD",
        None,
    )
    assert set(flag) == {"id", "met_by", "met_on", "basis", "raised_at", "reviewed_at", "confirmed"}
