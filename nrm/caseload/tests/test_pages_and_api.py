"""The caseload page and API: a director sees the staff and the persons nobody active
accompanies and hands persons over; others are refused; the person page names the key
worker."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.template import Context, Template
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.access.tests.test_access_matrix import add_member
from nrm.accounts.actions import api_token_create
from nrm.caseload.models import KeyWorkerAssignment
from nrm.caseload.tests.test_caseload import accepted
from nrm.people.models import Person
from nrm.referrals.models import Referral
from nrm.testing import World

ClientAs = Callable[[str], Client]


@pytest.fixture
def centre(world: World) -> World:
    add_member(world, "caseworker_a2", "PAG-ASA", "CASEWORKER")
    return world


def bearer(world: World, persona: str) -> Client:
    _token, plaintext = api_token_create(actor=world.actor(persona), label="test", days=1)
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def test_the_director_sees_the_caseload_and_hands_persons_over(
    centre: World, client_as: ClientAs
) -> None:
    person = accepted(centre)
    walk_in = centre.person("caseworker_a")
    director = client_as("director_a")
    page = director.get("/caseload/")
    assert page.status_code == 200
    body = page.content.decode()
    assert walk_in.reference in body  # nobody accompanies them
    assert person.reference not in body  # caseworker_a does
    assert "Caseworker_A Tester" in body
    handed = director.post(
        "/caseload/",
        {
            "step": "reassign",
            "from_user": centre.users["caseworker_a"].pk,
            "to_user": centre.users["caseworker_a2"].pk,
            "reason": "LEFT",
            "note": "",
        },
    )
    assert handed.status_code == 302
    assert Referral.objects.get(person=person).referred_caseworker == centre.users["caseworker_a2"]
    assigned = director.post(
        "/caseload/",
        {
            "step": "assign",
            "person": walk_in.reference,
            "to_user": centre.users["caseworker_a2"].pk,
            "reason": "ASSIGNED",
        },
    )
    assert assigned.status_code == 302
    assert KeyWorkerAssignment.objects.filter(person=walk_in, until__isnull=True).exists()


def test_a_refused_hand_over_shows_why_and_saves_nothing(
    centre: World, client_as: ClientAs
) -> None:
    accepted(centre)
    answer = client_as("director_a").post(
        "/caseload/",
        {
            "step": "reassign",
            "from_user": centre.users["caseworker_a"].pk,
            "to_user": centre.users["caseworker_a2"].pk,
            "persons": "P-NOPE-NOPE",
            "reason": "LEFT",
        },
    )
    assert answer.status_code == 400
    assert "P-NOPE-NOPE" in answer.content.decode()
    assert not KeyWorkerAssignment.objects.exists()
    # A colleague who is not in the organisation is not offered, hence not valid.
    answer = client_as("director_a").post(
        "/caseload/",
        {
            "step": "reassign",
            "from_user": centre.users["caseworker_a"].pk,
            "to_user": centre.users["caseworker_b"].pk,
            "reason": "LEFT",
        },
    )
    assert answer.status_code == 400


def test_only_directors_open_the_caseload(centre: World, client_as: ClientAs) -> None:
    for persona in ("caseworker_a", "inspector", "coordinator"):
        assert client_as(persona).get("/caseload/").status_code == 403


def test_the_person_page_names_the_key_worker_to_the_centre_only(
    centre: World, client_as: ClientAs
) -> None:
    person = accepted(centre)
    page = client_as("caseworker_a2").get(f"/people/{person.reference}/").content.decode()
    assert "Key worker in your organisation" in page
    assert "Caseworker_A Tester" in page
    page = client_as("inspector").get(f"/people/{person.reference}/").content.decode()
    assert "Key worker in your organisation" not in page
    template = Template("{% load nrm_caseload %}{% key_worker_summary person %}")
    shown = template.render(Context({"actor": centre.actor("caseworker_a2"), "person": person}))
    assert "Caseworker_A Tester" in shown
    # The inspector sees the person but their organisation does not accompany them.
    hidden = template.render(Context({"actor": centre.actor("inspector"), "person": person}))
    assert "Caseworker_A" not in hidden


def test_the_api_reports_and_hands_over(centre: World) -> None:
    person = accepted(centre)
    walk_in: Person = centre.person("caseworker_a")
    api = bearer(centre, "director_a")
    overview = api.get("/api/v1/caseload")
    assert overview.status_code == 200
    assert overview.json()["unaccompanied"] == 1
    staff = {row["user"]: row for row in overview.json()["staff"]}
    assert staff[centre.users["caseworker_a"].pk]["persons"] == 1
    listed = api.get("/api/v1/caseload/unaccompanied")
    assert [row["reference"] for row in listed.json()["results"]] == [walk_in.reference]
    assert AuditEvent.objects.filter(action="caseload_unaccompanied_list").exists()
    moved = api.post(
        "/api/v1/caseload/reassign",
        {
            "from_user": centre.users["caseworker_a"].pk,
            "to_user": centre.users["caseworker_a2"].pk,
            "reason": "LEFT",
        },
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    assert moved.json() == {"persons": 1, "referrals": 1, "involvements": 0, "reviews": 0}
    again = api.post(
        "/api/v1/caseload/reassign",
        {
            "from_user": centre.users["caseworker_a"].pk,
            "to_user": centre.users["caseworker_a2"].pk,
            "reason": "LEFT",
        },
        content_type="application/json",
    )
    assert again.status_code == 409
    bad = api.post(
        "/api/v1/caseload/reassign",
        {"from_user": "x", "to_user": 1, "reason": "LEFT"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    seen = bearer(centre, "caseworker_a2").get(f"/api/v1/persons/{person.reference}/key-worker")
    assert seen.status_code == 200
    assert seen.json()["key_worker"] == centre.users["caseworker_a2"].pk
    assert len(seen.json()["history"]) == 2
    assert (
        bearer(centre, "caseworker_b")
        .get(f"/api/v1/persons/{person.reference}/key-worker")
        .status_code
        == 404
    )
    assert bearer(centre, "caseworker_a2").get("/api/v1/caseload").status_code == 403
    absence = api.post(
        "/api/v1/caseload/absences",
        {
            "user": centre.users["caseworker_a2"].pk,
            "starts_on": "2999-01-01",
            "ends_on": "2999-01-10",
        },
        content_type="application/json",
    )
    assert absence.status_code == 201
    cancelled = api.post(f"/api/v1/caseload/absences/{absence.json()['id']}/cancel")
    assert cancelled.json()["cancelled"] is True
    assert api.post(f"/api/v1/caseload/absences/{absence.json()['id']}/cancel").status_code == 409
