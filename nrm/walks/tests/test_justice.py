"""The state's part of the chain, in a real browser: the immigration office decides a
centre's request for a document; the police files the complaint; the labour prosecutor opens
a case file and qualifies the facts; the judge reads the court dates
(nrm/walks/tests/walker.py)."""

from __future__ import annotations

import pytest
from pytest_django.live_server_helper import LiveServer

from nrm.inspections.tests.helpers import a_joint_action
from nrm.prosecution.models import CaseFile
from nrm.protection.models import DocumentRequest, RequestStatus, StatusEvent
from nrm.protection.tests.support import REFERRED, involved_person, record, walk
from nrm.testing import World

from .walker import walking

pytestmark = pytest.mark.browser


def test_the_immigration_office_issues_the_document_a_centre_asked_for(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    record(world, "caseworker_a", person, "DOCUMENT_REQUESTED", "2024-01-10", document="ANNEX_15")
    with walking(live_server.url, world, "immigration") as (officer,):
        page = officer.page
        officer.follow("nav.main-nav a[href='/inbox/']")
        officer.go("/protection/requests/")
        officer.follow(f"main a:has-text('{person.reference}')")
        page.check("input[name=decision-decision][value=issue]")
        officer.submit("button:has-text('Record the decision')")
        assert page.locator("#request-status").inner_text() == "Document issued"
        officer.go(f"/protection/{person.reference}/")
        officer.follow("nav.main-nav a[href='/protection/deadlines/']")
    assert DocumentRequest.objects.get().status == RequestStatus.ISSUED


def test_the_police_joins_a_joint_action_and_files_the_complaint(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    a_joint_action(world)
    person = involved_person(world)
    walk(world, person, REFERRED)
    with walking(live_server.url, world, "investigator") as (police,):
        page = police.page
        police.go("/inspections/joint-actions/")
        police.follow("main table a")
        police.follow("nav.main-nav a[href='/people/']")
        police.go(f"/protection/{person.reference}/")
        page.locator("summary", has_text="Complaint").first.click()
        police.swap("button:has-text('Record: Complaint')", then_shows="Recorded:")
    assert StatusEvent.objects.filter(type="COMPLAINT_FILED").exists()


def test_the_prosecutor_opens_a_case_file_and_qualifies_the_facts(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    with walking(live_server.url, world, "prosecutor") as (prosecutor,):
        page = prosecutor.page
        prosecutor.follow("nav.main-nav a[href='/prosecution/']")
        prosecutor.follow("a.button[href='/prosecution/new/']")
        page.get_by_label("Title").fill("Car washes, Anderlecht")
        page.get_by_label("Form of exploitation").select_option(index=1)
        page.get_by_label("Opened on").fill("2025-03-01")
        page.get_by_label("Summary of the facts").fill("Workers unpaid for months, passports kept.")
        prosecutor.submit("main form button[type=submit]")
        assert page.url.startswith(f"{live_server.url}/prosecution/C"), page.url
        prosecutor.go(f"{prosecutor.path}qualify/")
        prosecutor.follow("nav.main-nav a[href='/qualification/']")
        prosecutor.go("/prosecution/meetings/")
    assert CaseFile.objects.get().title == "Car washes, Anderlecht"


def test_the_judge_reads_the_court_dates(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    person = involved_person(world)
    walk(world, person, REFERRED)
    with walking(live_server.url, world, "judge") as (judge,):
        judge.follow("nav.main-nav a[href='/prosecution/']")
        judge.go(f"/protection/{person.reference}/")
        judge.follow("nav.main-nav a[href='/people/']")
