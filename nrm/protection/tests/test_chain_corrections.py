"""RULES.md §3.6 in the application: lapses stored and flagged, right to work shown with
its basis, the day-45 convention named, legal stay without immigration deadlines,
dismissal with its status review, the minor's guardian recorded and informed; on the
status page and in the API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError
from nrm.protection.models import (
    Deadline,
    DeadlineStatus,
    DocumentLapse,
    Guardian,
    GuardianNotice,
    StatusEvent,
)
from nrm.protection.tests.test_status_page import page, post_event
from nrm.testing import World

from .support import REFERRED, REFLECTION, TEMPORARY, involved_person, record, walk

ClientAs = Callable[[str], Client]


def api(client: Client, reference: str) -> Any:
    return client.get(f"/api/v1/persons/{reference}/pathway")


def test_a_late_renewal_is_stored_as_a_lapse_flagged_on_the_page_and_in_the_api(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)  # the permit of 2024-04-15 ran until 2024-10-15
    record(world, "prosecutor", person, "PROSECUTOR_OPINION", "2024-10-20", positive=True)
    record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2024-10-25")

    lapse = DocumentLapse.objects.get()
    html = page(client_as("caseworker_a"), person).text

    assert (lapse.document, lapse.start, lapse.until) == (
        "PERMIT",
        dt.date(2024, 10, 16),
        dt.date(2024, 10, 25),
    )
    assert DocumentLapse.objects.filter(jurisdiction="BE").count() == 1  # for statistics
    assert 'id="lapses"' in html
    assert "No valid document from" in html
    assert "temporary permit (CIRE) had expired" in html


def test_the_page_and_the_api_show_the_right_to_work_with_both_sources_in_reflection(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)
    client = client_as("caseworker_a")

    html = page(client, person).text
    body = client.get(f"/api/v1/persons/{person.reference}/pathway").json()

    assert 'id="right-to-work"' in html
    # Sources by their title, with how well each is verified (never their keys).
    assert "Danish note on the Belgian model (seed)" in html
    assert "Circulaire du 7 juillet 1994 (Legislationline)" in html
    assert "SEED-NOTE" not in html
    assert "1994 circular" in html
    assert body["right_to_work"] is True
    assert {s["key"] for s in body["right_to_work_basis"]["sources"]} == {
        "SEED-NOTE", "LEGLINE-1994",
    }  # fmt: skip
    assert body["lapses"] == []


def test_the_page_names_the_day_45_convention(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, REFLECTION)

    html = page(client_as("investigator"), person).text

    assert "The reflection period includes its last day" in html
    assert "Judicial" in html


def test_legal_stay_gets_no_immigration_event_and_no_deadline(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    client = client_as("caseworker_a")
    client.post(
        f"/protection/{person.reference}/facts/",
        {
            "facts-expected_version": 0,
            "facts-has_legal_stay": "on",
            "facts-age_at_identification": 30,
        },
    )
    walk(world, person, REFERRED)
    record(world, "investigator", person, "COMPLAINT_FILED", "2024-01-12")
    record(world, "prosecutor", person, "PROSECUTOR_OPINION", "2024-02-01", positive=True)
    record(world, "prosecutor", person, "DISMISSAL", "2024-03-01")

    with pytest.raises(Conflict, match="legal stay in Belgium"):
        record(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", "2024-03-02")
    assert not Deadline.objects.filter(record__person=person).exists()
    html = page(client_as("immigration"), person).text
    assert "legal stay in Belgium" in html  # the disabled button's reason


def test_a_dismissal_opens_a_status_review_and_blocks_the_renewal(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)
    record(world, "prosecutor", person, "DISMISSAL", "2024-09-01")
    record(world, "prosecutor", person, "PROSECUTOR_OPINION", "2024-09-05", positive=True)

    review = Deadline.objects.get(kind="STATUS_REVIEW", status=DeadlineStatus.OPEN)
    response = post_event(
        client_as("immigration"), person, "TEMPORARY_PERMIT_RENEWED", on="2024-10-10"
    )

    assert review.organisation == world.organisations["Immigration Office"]
    assert "dismissal" in review.action
    assert response.status_code == 409
    assert "has not been reopened" in response.text
    record(world, "prosecutor", person, "CASE_REOPENED", "2024-09-20")
    record(world, "immigration", person, "TEMPORARY_PERMIT_RENEWED", "2024-10-10")


def test_the_minor_s_guardian_is_recorded_shown_on_each_step_and_informed(
    world: World,
    client_as: ClientAs,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = involved_person(world, age_at_first_contact=15)
    world.involve(person, "caseworker_minors", "CARE")
    walk(world, person, REFERRED)
    client = client_as("caseworker_minors")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_event(
            client,
            person,
            "GUARDIAN_APPOINTED",
            on="2024-01-11",
            guardian_name="An Peeters",
            guardian_email="an.peeters@example.invalid",
        )
    with django_capture_on_commit_callbacks(execute=True):
        record(world, "immigration", person, "PROVISIONAL_DOCUMENT_ISSUED", "2024-01-12")

    assert response.status_code == 302
    guardian = Guardian.objects.get()
    assert guardian.name == "An Peeters"
    assert GuardianNotice.objects.filter(guardian=guardian, emailed_at__isnull=False).count() == 2
    html = page(client_as("immigration"), person).text
    assert 'id="guardian"' in html
    # Both steps of the timeline (cells labelled for the phone layout).
    assert html.count('<td data-label="Guardian">An Peeters</td>') == 2
    body = api(client_as("immigration"), person.reference).json()
    assert body["guardian"] == {"name": "An Peeters", "appointed_on": "2024-01-11"}
    assert [m.to for m in mail.outbox] == [["an.peeters@example.invalid"]] * 2
    assert "An Peeters" not in mail.outbox[0].body  # the minor's reference and the step only
    assert "an.peeters" not in caplog.text
    assert AuditEvent.objects.filter(action="pathway_event_record").exists()


def test_a_guardian_needs_a_name_and_saves_nothing_without_it(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world, age_at_first_contact=15)
    walk(world, person, REFERRED)
    before = StatusEvent.objects.count()

    response = post_event(client_as("caseworker_a"), person, "GUARDIAN_APPOINTED", on="2024-01-11")

    assert response.status_code == 400
    assert StatusEvent.objects.count() == before
    with pytest.raises(DomainError, match="Give the guardian's name"):
        record(world, "caseworker_a", person, "GUARDIAN_APPOINTED", "2024-01-11")
