"""The shelter's address: seen by its own centre's staff on the shelter page, nowhere else.

Every persona against every place the address could leak: the shelter page, the overview,
the home page, a resident's care page, the API, the audit trail and the logs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.access.models import AuditEvent, Purpose
from nrm.accounts.actions import api_token_create
from nrm.care.models import Shelter
from nrm.care.tests.setup import ADDRESS, cared_person, place
from nrm.testing import PERSONAS, World

ClientAs = Callable[[str], Client]
OWN_STAFF = {"caseworker_a", "director_a"}
# The inspection team met the resident, the prosecutor has a case file on them.
SEE_THE_PERSON = OWN_STAFF | {"inspector", "teamlead", "prosecutor"}
CARE_ROLES = {"caseworker_a", "director_a", "caseworker_b", "caseworker_minors"}


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record at DEBUG, the SQL log and Django's own request loggers included."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    own = [logging.getLogger(name) for name in ("django.request", "django.server")]
    for logger in own:
        logger.addHandler(caplog.handler)
    try:
        with CaptureQueriesContext(connection):
            yield caplog
    finally:
        for logger in own:
            logger.removeHandler(caplog.handler)


def make_shelter(client_as: ClientAs) -> Shelter:
    response = client_as("director_a").post(
        "/care/shelters/new/",
        {
            "name": "House A",
            "address": ADDRESS,
            "places_women": "5",
            "places_men": "5",
            "places_families": "0",
            "places_minors": "0",
        },
    )
    assert response.status_code == 302
    return Shelter.objects.get()


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_only_the_centres_own_staff_see_the_address(
    world: World, client_as: ClientAs, persona: str
) -> None:
    shelter = make_shelter(client_as)
    resident = cared_person(world)
    world.involve(resident, "prosecutor", Purpose.INVESTIGATION)
    place(world, resident, shelter)
    client = client_as(persona)
    own = persona in OWN_STAFF

    page = client.get(f"/care/shelters/{shelter.pk}/")
    assert page.status_code == (200 if own else 404)
    assert (ADDRESS in page.content.decode()) is own

    # Everywhere else the address never appears, whoever asks.
    others = {
        "/": 200,
        "/care/": 200 if persona in CARE_ROLES else 403,
        f"/care/{resident.reference}/": 200 if own else 404,
        "/api/v1/care/occupancy": 200 if persona in CARE_ROLES else 403,
        f"/api/v1/care/persons/{resident.reference}/placements": 200 if own else 404,
        f"/people/{resident.reference}/": 200 if persona in SEE_THE_PERSON else 404,
    }
    for url, status in others.items():
        response = client.get(url)
        assert response.status_code == status, (persona, url)
        assert ADDRESS not in response.content.decode(), (persona, url)


def test_a_token_caller_never_gets_the_address(world: World, client_as: ClientAs) -> None:
    shelter = make_shelter(client_as)
    resident = cared_person(world)
    place(world, resident, shelter)
    _token, secret = api_token_create(actor=world.actor("director_a"), label="sync", days=1)
    client = Client(headers={"Authorization": f"Bearer {secret}"})

    for url in (
        "/api/v1/care/occupancy",
        f"/api/v1/care/persons/{resident.reference}/placements",
        f"/api/v1/care/persons/{resident.reference}/plan",
        "/api/v1/openapi.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert ADDRESS not in response.content.decode(), url


def test_the_administrator_never_reads_the_address_in_the_audit_trail(
    world: World, client_as: ClientAs
) -> None:
    shelter = make_shelter(client_as)
    client_as("director_a").get(f"/care/shelters/{shelter.pk}/")

    response = client_as("admin").get("/administration/audit/")

    assert response.status_code == 200
    assert ADDRESS not in response.content.decode()
    for row in AuditEvent.objects.all():
        assert ADDRESS not in str(row.changes), row.action


def test_looking_up_the_address_is_audited(world: World, client_as: ClientAs) -> None:
    shelter = make_shelter(client_as)

    client_as("caseworker_a").get(f"/care/shelters/{shelter.pk}/")

    row = AuditEvent.objects.get(action="shelter_address_view")
    assert row.actor == world.users["caseworker_a"]
    assert (row.record_type, row.record_id) == ("care.shelter", str(shelter.pk))
    assert row.changes == {"fields": ["address"]}


def test_the_address_never_reaches_a_log(
    world: World, client_as: ClientAs, all_logs: pytest.LogCaptureFixture
) -> None:
    shelter = make_shelter(client_as)
    resident = cared_person(world)
    place(world, resident, shelter)
    for persona in ("director_a", "caseworker_b", "admin"):
        client = client_as(persona)
        client.get(f"/care/shelters/{shelter.pk}/")
        client.get("/care/")
        client.post(f"/care/shelters/{shelter.pk}/edit/", {"name": ""})

    assert all_logs.records, "nothing was logged: the test would prove nothing"
    for record in all_logs.records:
        assert ADDRESS not in f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
    assert ADDRESS not in all_logs.text
