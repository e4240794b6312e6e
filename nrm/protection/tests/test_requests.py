"""The centre files the requests (RULES.md §3.6): the request with its papers, encrypted;
the immigration office's inbox with the legal deadline; its decision (issue or refuse with
reasons); the centre's view of its requests and answers; the centre's own deadlines.

Per page: it works, an outsider gets 404, a wrong role 403, bad input 400 saving nothing,
a wrong state 409, and the audit row is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.people.models import Person
from nrm.protection.models import (
    Deadline,
    DeadlineStatus,
    DocumentRequest,
    RequestPaper,
    RequestStatus,
    StatusEvent,
)
from nrm.testing import World

from .support import PROVISIONAL, REFERRED, TEMPORARY, involved_person, record, version_of, walk

ClientAs = Callable[[str], Client]
# A one-page PDF as nrm/core/files.py rebuilds it (cleaning it again changes no byte).
PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n"
    b"2 0 obj\n<<\n/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj\n"
    b"3 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n"
    b"4 0 obj\n<<\n/Type /Page\n/MediaBox [ 0 0 72 72 ]\n/Parent 2 0 R\n>>\nendobj\n"
    b"xref\n0 5\n0000000000 65535 f \n0000000015 00000 n \n0000000054 00000 n \n"
    b"0000000113 00000 n \n0000000162 00000 n \n"
    b"trailer\n<<\n/Size 5\n/Root 3 0 R\n/Info 1 0 R\n>>\nstartxref\n233\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def file_request(
    client: Client,
    person: Person,
    document: str,
    *,
    on: str = "2024-01-10",
    papers: list[SimpleUploadedFile] | None = None,
) -> Any:
    data: dict[str, Any] = {
        "event_type": "DOCUMENT_REQUESTED",
        "document_requested-expected_version": version_of(person),
        "document_requested-on": on,
        "document_requested-document": document,
        "document_requested-note": "Identity checked at intake.",
    }
    if papers:
        data["document_requested-papers"] = papers
    return client.post(f"/protection/{person.reference}/events/", data)


def decide(
    client: Client, request: DocumentRequest, person: Person, on: str = "2024-01-15", **fields: Any
) -> Any:
    data = {
        "decision-expected_version": version_of(person),
        "decision-on": on,
        **{f"decision-{k}": v for k, v in fields.items()},
    }
    return client.post(f"/protection/requests/{request.pk}/decide/", data)


def test_the_centre_files_a_request_with_its_papers_encrypted(
    world: World, client_as: ClientAs, settings: Any
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    paper = SimpleUploadedFile("passport scan.pdf", PDF, content_type="application/pdf")

    response = file_request(client_as("caseworker_a"), person, "ANNEX_15", papers=[paper])

    assert response.status_code == 302
    request = DocumentRequest.objects.get()
    assert (request.document, request.status, request.centre.short_name) == (
        "ANNEX_15", RequestStatus.OPEN, world.organisations["PAG-ASA"].short_name,
    )  # fmt: skip
    assert request.office == world.organisations["Immigration Office"]
    assert request.due_on == dt.date(2024, 2, 9)  # 30 days, a product default
    stored = RequestPaper.objects.get()
    on_disk = Path(settings.MEDIA_ROOT, stored.file.name).read_bytes()
    assert PDF not in on_disk  # encrypted at rest
    assert stored.original_name == "passport scan.pdf"
    deadline = Deadline.objects.get(kind="REQUEST_DECISION", status=DeadlineStatus.OPEN)
    assert deadline.organisation == world.organisations["Immigration Office"]


def test_a_request_without_a_document_is_refused_and_saves_nothing(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    before = StatusEvent.objects.count()

    response = file_request(client_as("caseworker_a"), person, "")

    assert response.status_code == 400
    assert "This field is required." in response.text
    assert StatusEvent.objects.count() == before
    assert not DocumentRequest.objects.exists()


def test_a_paper_that_is_not_a_document_is_refused_and_saves_nothing(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    script = SimpleUploadedFile("x.pdf", b"#!/bin/sh\necho hi\n", content_type="application/pdf")

    response = file_request(client_as("caseworker_a"), person, "ANNEX_15", papers=[script])

    assert response.status_code == 400
    assert "This kind of file is not accepted" in response.text
    assert not DocumentRequest.objects.exists()
    assert not StatusEvent.objects.filter(type="DOCUMENT_REQUESTED").exists()


def test_a_request_that_does_not_fit_the_state_is_refused_with_the_reason(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)

    response = file_request(client_as("caseworker_a"), person, "RENEWAL")

    assert response.status_code == 409
    assert (
        "A request for renewal of the temporary permit is not possible at this step"
        in response.text
    )
    assert not DocumentRequest.objects.exists()


def test_the_immigration_inbox_lists_open_requests_with_their_deadline(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-01-10", document="ANNEX_15")

    response = client_as("immigration").get("/protection/requests/")

    assert response.status_code == 200
    assert "Residence requests to decide" in response.text
    assert person.reference in response.text
    assert "reflection-period document (annex 15)" in response.text
    assert '<span class="badge badge-bad">overdue</span>' in response.text  # due 9/2/2024
    assert AuditEvent.objects.filter(action="document_requests_view").exists()


def test_the_request_pages_are_for_the_office_and_the_centres(
    world: World, client_as: ClientAs
) -> None:
    assert client_as("prosecutor").get("/protection/requests/").status_code == 403
    assert client_as("inspector").get("/protection/requests/").status_code == 403


def test_an_outsider_gets_404_for_a_request(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-01-10", document="ANNEX_15")
    request = DocumentRequest.objects.get()

    assert client_as("caseworker_b").get(f"/protection/requests/{request.pk}/").status_code == 404
    assert client_as("caseworker_b").get("/protection/requests/999999/").status_code == 404
    assert decide(client_as("caseworker_b"), request, person, decision="issue").status_code == 404


def test_the_centre_may_not_decide_its_own_request(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-01-10", document="ANNEX_15")
    request = DocumentRequest.objects.get()

    response = decide(client_as("caseworker_a"), request, person, decision="issue")

    assert response.status_code == 403
    assert DocumentRequest.objects.get().status == RequestStatus.OPEN


def test_the_office_issues_the_document_and_the_centre_sees_the_answer(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-01-10", document="ANNEX_15")
    request = DocumentRequest.objects.get()
    office = client_as("immigration")

    detail = office.get(f"/protection/requests/{request.pk}/")
    response = decide(office, request, person, decision="issue")

    assert detail.status_code == 200
    assert "Identity checked at intake." not in detail.text  # recorded through the action
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.answered_on) == (RequestStatus.ISSUED, dt.date(2024, 1, 15))
    assert StatusEvent.objects.filter(type="REFLECTION_DOCUMENT_ISSUED").exists()
    assert not Deadline.objects.filter(kind="REQUEST_DECISION", status=DeadlineStatus.OPEN).exists()
    assert AuditEvent.objects.filter(action="pathway_event_record").count() == 3
    centre = client_as("caseworker_a").get("/protection/requests/")
    assert "Our residence requests" in centre.text
    assert "Document issued" in centre.text


def test_a_refusal_needs_reasons_and_saves_nothing_without_them(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-03-01", document="PERMIT")
    request = DocumentRequest.objects.get()
    office = client_as("immigration")

    bad = decide(office, request, person, "2024-03-05", decision="refuse", note="  ")
    good = decide(office, request, person, "2024-03-05", decision="refuse", note="No opinion yet.")

    assert bad.status_code == 400
    assert "Give the reasons for the refusal." in bad.text
    assert good.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    answer = client_as("caseworker_a").get(f"/protection/requests/{request.pk}/")
    assert "No opinion yet." in answer.text
    assert "Refused" in answer.text


def test_issuing_what_the_rules_refuse_is_a_409_with_the_reason(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, PROVISIONAL)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-03-01", document="PERMIT")
    request = DocumentRequest.objects.get()

    response = decide(client_as("immigration"), request, person, "2024-03-05", decision="issue")

    assert response.status_code == 409
    assert "No opinion of the prosecutor or labour auditor has been recorded" in response.text
    assert DocumentRequest.objects.get().status == RequestStatus.OPEN


def test_a_stale_version_is_a_409(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-01-10", document="ANNEX_15")
    request = DocumentRequest.objects.get()

    response = client_as("immigration").post(
        f"/protection/requests/{request.pk}/decide/",
        {"decision-expected_version": 0, "decision-on": "2024-01-15", "decision-decision": "issue"},
    )

    assert response.status_code == 409
    assert DocumentRequest.objects.get().status == RequestStatus.OPEN


def test_a_paper_is_downloaded_decrypted_by_the_office_and_the_centre_only(
    world: World, client_as: ClientAs
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    paper = SimpleUploadedFile("p.pdf", PDF, content_type="application/pdf")
    file_request(client_as("caseworker_a"), person, "ANNEX_15", papers=[paper])
    request, stored = DocumentRequest.objects.get(), RequestPaper.objects.get()
    url = f"/protection/requests/{request.pk}/papers/{stored.pk}/"

    office = client_as("immigration").get(url)

    assert office.status_code == 200
    assert office.content == PDF
    assert office["Content-Disposition"].startswith("attachment;")
    assert client_as("caseworker_a").get(url).status_code == 200
    assert client_as("caseworker_b").get(url).status_code == 404
    assert AuditEvent.objects.filter(action="request_paper_download").count() == 2


def test_the_centre_answers_for_the_expiries_it_prepares(world: World, client_as: ClientAs) -> None:
    person = involved_person(world)
    walk(world, person, TEMPORARY)

    expiry = Deadline.objects.get(kind="TEMPORARY_PERMIT_EXPIRY", status=DeadlineStatus.OPEN)
    board = client_as("caseworker_a").get("/protection/deadlines/?within=366")

    assert expiry.preparer == world.organisations["PAG-ASA"]
    assert board.status_code == 200
    assert person.reference in board.text
    assert "Your centre files the request, with its papers, before this date." in board.text
    assert client_as("caseworker_b").get("/protection/deadlines/").status_code == 200
