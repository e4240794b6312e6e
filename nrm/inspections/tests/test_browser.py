"""The screening form on a phone keeps what was typed when the connection drops.

Drives Debian's chromium through Playwright against the live server: typed answers are kept
in the browser's storage, restored on reload (and after a submission that failed offline),
and forgotten once the screening is saved. No Content-Security-Policy violation on the way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from nrm.home.tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CSP_LISTENER,
    PHONE,
    csp_violations,
    current_code,
)
from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import an_inspection, carried_out
from nrm.testing import PASSWORD, World

pytestmark = pytest.mark.browser
SCREENSHOT = Path("/tmp/nrm-screening-phone.png")  # noqa: S108 — a fixed place to look at it


def sign_in(page: Page, base: str, key: bytes) -> None:
    page.goto(f"{base}/")
    page.fill("#id_username", "inspector")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.fill("#id_code", current_code(key))
    with page.expect_navigation():
        page.click("main button[type=submit]")


def draft(page: Page, key: str) -> str | None:
    value: str | None = page.evaluate("(key) => window.localStorage.getItem(key)", key)
    return value


def test_a_screening_typed_offline_is_kept_restored_and_cleared_after_saving(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    inspection = carried_out(world, an_inspection(world))
    key = world.devices["inspector"].bin_key
    storage_key = f"nrm-draft:screening:{world.users['inspector'].pk}:{inspection.reference}"
    form_url = f"{live_server.url}/inspections/{inspection.reference}/screen/"
    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            context.add_init_script(CSP_LISTENER)
            page = context.new_page()

            def remember(message: ConsoleMessage) -> None:
                console.append(message.text)

            page.on("console", remember)
            sign_in(page, live_server.url, key)

            page.goto(form_url)
            assert page.locator("[data-draft-notice]").is_hidden()
            page.fill("#id_given_names", "Ana")
            page.fill("#id_age", "29")
            page.check("input[name=ilo_fl][value=ILO-FL-07]")
            page.fill("input[name='note-ILO-FL-07']", "Passport in the site office")
            page.check("input[name=consent][value=CONSENTED]")
            page.select_option("#id_leaflet_language", "ro")
            page.wait_for_function(
                "(key) => window.localStorage.getItem(key) !== null", arg=storage_key
            )
            page.wait_for_timeout(400)  # the last keystroke's save
            assert "Passport in the site office" in (draft(page, storage_key) or "")
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(SCREENSHOT), full_page=True)

            # The connection drops: the submission fails, nothing typed is lost.
            context.set_offline(True)
            with (
                pytest.raises(Exception),  # noqa: B017, PT011 — the browser's network error
                page.expect_navigation(timeout=5000),
            ):
                page.click("form.screening-form button[type=submit]")
            context.set_offline(False)

            page.goto(form_url)
            assert page.locator("[data-draft-notice]").is_visible()
            assert page.input_value("#id_given_names") == "Ana"
            assert page.input_value("#id_age") == "29"
            assert page.is_checked("input[name=ilo_fl][value=ILO-FL-07]")
            assert page.input_value("input[name='note-ILO-FL-07']") == "Passport in the site office"
            assert page.is_checked("input[name=consent][value=CONSENTED]")
            assert page.input_value("#id_leaflet_language") == "ro"
            # The note shows again because its indicator is ticked (CSS :has, no script).
            assert page.locator("input[name='note-ILO-FL-07']").is_visible()

            with page.expect_navigation():
                page.click("form.screening-form button[type=submit]")
            assert "/inspections/screenings/" in page.url
            assert draft(page, storage_key) is None
            assert csp_violations(page, console) == []
        finally:
            browser.close()
    # One screening: the offline submission never reached the server.
    screening = Screening.objects.get()
    assert screening.person.given_names == "Ana"
    assert screening.observations.get().note == "Passport in the site office"


def test_the_draft_can_be_discarded(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    inspection = carried_out(world, an_inspection(world))
    key = world.devices["inspector"].bin_key
    storage_key = f"nrm-draft:screening:{world.users['inspector'].pk}:{inspection.reference}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
            sign_in(page, live_server.url, key)
            page.goto(f"{live_server.url}/inspections/{inspection.reference}/screen/")
            page.fill("#id_given_names", "Temporary")
            page.wait_for_function(
                "(key) => window.localStorage.getItem(key) !== null", arg=storage_key
            )
            page.reload()
            assert page.input_value("#id_given_names") == "Temporary"
            page.click("[data-draft-discard]")
            assert page.input_value("#id_given_names") == ""
            assert draft(page, storage_key) is None
            assert page.locator("[data-draft-notice]").is_hidden()
        finally:
            browser.close()
