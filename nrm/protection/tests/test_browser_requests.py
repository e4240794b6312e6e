"""A real browser: the centre's caseworker files a request with its paper on the status
page, the immigration officer finds it in the inbox and issues the document, and the
centre sees the answer (RULES.md §3.6, "The centre files the requests").

Debian's chromium through Playwright against pytest-django's live server, as in
nrm/home/tests/test_browser.py (whose helpers this reuses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from nrm.home.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, current_code
from nrm.protection.models import DocumentRequest, RequestStatus, StatusEvent
from nrm.testing import PASSWORD, World

from .support import REFERRED, involved_person, walk

pytestmark = pytest.mark.browser

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


def sign_in(page: Page, base: str, username: str, key: bytes) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.fill("#id_code", current_code(key))
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_a_centre_files_a_request_and_the_immigration_office_decides_it(
    flushable_audit_trail: None,
    live_server: LiveServer,
    world: World,
    settings: Any,
    tmp_path: Path,
) -> None:
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    settings.MEDIA_ROOT = tmp_path / "media"
    person = involved_person(world)
    walk(world, person, REFERRED)
    paper = tmp_path / "passport.pdf"
    paper.write_bytes(PDF)
    keys = {name: world.devices[name].bin_key for name in ("caseworker_a", "immigration")}
    status_url = f"{live_server.url}/protection/{person.reference}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            # The centre files the request on the status page, with its paper.
            centre = browser.new_context().new_page()
            sign_in(centre, live_server.url, "caseworker_a", keys["caseworker_a"])
            centre.goto(status_url)
            centre.click("summary:has-text('Document requested by the centre')")
            centre.select_option(
                "#id_document_requested-document", "ANNEX_15"
            )
            centre.set_input_files("#id_document_requested-papers", str(paper))
            centre.click("button:has-text('Record: Document requested by the centre')")
            centre.wait_for_selector("text=Recorded: Document requested by the centre.")

            # The immigration office finds it in its inbox and issues the document.
            office = browser.new_context().new_page()
            sign_in(office, live_server.url, "immigration", keys["immigration"])
            office.goto(f"{live_server.url}/protection/requests/")
            assert "reflection-period document (annex 15)" in office.content()
            with office.expect_navigation():
                office.click(f"a:has-text('{person.reference}')")
            assert "passport.pdf" in office.content()
            office.check("input[name=decision-decision][value=issue]")
            with office.expect_navigation():
                office.click("button:has-text('Record the decision')")
            assert office.locator("#request-status").inner_text() == "Document issued"

            # The centre sees the answer.
            centre.goto(f"{live_server.url}/protection/requests/")
            assert "Document issued" in centre.content()
        finally:
            browser.close()
    request = DocumentRequest.objects.get()
    assert request.status == RequestStatus.ISSUED
    assert request.papers.count() == 1
    assert StatusEvent.objects.filter(type="REFLECTION_DOCUMENT_ISSUED").exists()
