"""Retention pages: flagged records for the data protection officer, holds, the export
(a readable page and a JSON file), the register; outsiders get 403 or 404."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nrm.access.models import AuditEvent
from nrm.retention.models import LegalHold, RetentionFlag
from nrm.retention.policy import DEFAULT_RULES
from nrm.retention.tests.support import NOTE, at, cared_person, end_all_involvements, run
from nrm.testing import World

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]


def test_the_officer_sees_flagged_records_without_their_content(
    world: World, client_as: ClientAs
) -> None:
    person, note = cared_person(world)
    ended = end_all_involvements(world, person)
    run(at(ended, years=5, days=1))
    flag = RetentionFlag.objects.get(rule="care.carenote", record_id=note.pk)
    page = client_as("admin").get("/retention/")
    assert page.status_code == 200
    body = page.content.decode()
    assert person.reference in body
    assert flag.grace_ends_on.isoformat() in body
    assert NOTE not in body
    assert "Maria" not in body
    assert page["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(action="retention_flags_list").exists()
    # A centre's director sees its own flags; a caseworker, none.
    assert person.reference in client_as("director_a").get("/retention/").content.decode()
    caseworker = client_as("caseworker_a").get("/retention/")
    assert caseworker.status_code == 200
    assert person.reference not in caseworker.content.decode()


def test_a_hold_is_placed_and_released_through_the_page(world: World, client_as: ClientAs) -> None:
    person, _note = cared_person(world)
    director = client_as("director_a")
    refused = director.post("/retention/holds/", {"person": person.reference, "reason": ""})
    assert refused.status_code == 400
    placed = director.post(
        "/retention/holds/", {"person": person.reference, "reason": "Claim before the court."}
    )
    assert placed.status_code == 302
    hold = LegalHold.objects.get(person=person)
    assert "Claim before the court." in director.get("/retention/holds/").content.decode()
    # Not placing holds: a caseworker is refused; another centre does not see the hold.
    assert client_as("caseworker_a").get("/retention/holds/").status_code == 403
    assert client_as("caseworker_b").post(f"/retention/holds/{hold.pk}/release/").status_code in (
        403,
        404,
    )
    assert director.post(f"/retention/holds/{hold.pk}/release/").status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None
    assert director.post(f"/retention/holds/{hold.pk}/release/").status_code == 409


def test_the_export_page_and_file(world: World, client_as: ClientAs) -> None:
    person, _note = cared_person(world)
    director = client_as("director_a")
    page = director.post("/retention/export/", {"person": person.reference, "format": "html"})
    assert page.status_code == 200
    assert NOTE in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    download = director.post("/retention/export/", {"person": person.reference, "format": "json"})
    assert download["Content-Type"] == "application/json"
    assert json.loads(download.content)["records"]["care.carenote"][0]["text"] == NOTE
    assert AuditEvent.objects.filter(action="subject_access_export").count() == 2
    # Invisible and unknown persons: 404; roles that do not answer: 403; bad input: 400.
    assert (
        client_as("caseworker_b")
        .post("/retention/export/", {"person": person.reference, "format": "html"})
        .status_code
        == 403
    )
    assert (
        client_as("prosecutor")
        .post("/retention/export/", {"person": person.reference, "format": "json"})
        .status_code
        == 404
    )
    assert (
        client_as("admin")
        .post("/retention/export/", {"person": person.reference, "format": "json"})
        .status_code
        == 403
    )
    assert director.post("/retention/export/", {"person": "", "format": "pdf"}).status_code == 400


def test_the_register_page_lists_every_record_type(world: World, client_as: ClientAs) -> None:
    page = client_as("analyst").get("/retention/register/")
    assert page.status_code == 200
    body = page.content.decode()
    for rule in DEFAULT_RULES:
        assert rule.key in body


def test_the_flag_list_costs_the_same_queries_for_one_flag_or_many(
    world: World, client_as: ClientAs
) -> None:
    admin = client_as("admin")
    person, _note = cared_person(world)
    ended = end_all_involvements(world, person)
    run(at(ended, years=5, days=1))
    admin.get("/retention/")  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        admin.get("/retention/")
    for index in range(3):
        other, _other_note = cared_person(world, given_names=f"Ana{index}")
        later = end_all_involvements(world, other)
        run(at(later, years=5, days=1))
    assert RetentionFlag.objects.count() >= 4
    with CaptureQueriesContext(connection) as many:
        admin.get("/retention/")
    assert len(many.captured_queries) == len(one.captured_queries)
