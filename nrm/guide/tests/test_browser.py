"""A real browser on a phone-sized screen: an inspector opens the public guide, shows it in
Arabic (right to left) and Tagalog, and fetches the Bengali leaflet — with no sign-in, no
cookie, nothing wider than the phone and no Content-Security-Policy violation.

Drives Debian's chromium through Playwright against pytest-django's live server (the
pattern of nrm/home/tests/test_browser.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize, sync_playwright
from pytest_django.live_server_helper import LiveServer

from nrm.home.tests.test_browser import CHROMIUM, CHROMIUM_ARGS, CSP_LISTENER, csp_violations
from nrm.inspections.tests.helpers import an_inspection, carried_out
from nrm.inspections.tests.test_browser import sign_in
from nrm.testing import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = ViewportSize(width=360, height=740)
SCREENSHOT = Path("/tmp/nrm-guide-arabic-phone.png")  # noqa: S108 — a fixed place to look


def test_an_inspector_shows_the_guide_on_a_phone(
    flushable_audit_trail: None, live_server: LiveServer
) -> None:
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            context.add_init_script(CSP_LISTENER)
            page = context.new_page()
            page.goto(f"{live_server.url}/guide/")
            assert page.url == f"{live_server.url}/guide/"  # no sign-in asked
            with page.expect_navigation():
                page.click("a[hreflang=ar]")
            assert page.locator("html").get_attribute("lang") == "ar"
            assert page.locator("html").get_attribute("dir") == "rtl"
            assert page.locator("h1").inner_text() == "حقوقك في العمل في بلجيكا"
            # Right to left: the heading's text starts at the right edge of the screen.
            box = page.locator("h1").bounding_box()
            assert box is not None
            assert (
                page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            assert page.evaluate("window.__cspViolations") == []

            page.goto(f"{live_server.url}/guide/tl/")
            assert page.locator("html").get_attribute("dir") == "ltr"
            assert "karapatan" in page.locator("h1").inner_text()
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

            leaflet = page.request.get(f"{live_server.url}/guide/bn.pdf")
            assert leaflet.status == 200
            assert leaflet.headers["content-type"] == "application/pdf"
            assert leaflet.body().startswith(b"%PDF-")
            assert context.cookies() == []
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 0


def test_an_inspector_shows_the_guide_from_the_screening_form(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    """On the phone, tapping Tagalog opens the guide in a new tab and records the leaflet."""
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    inspection = carried_out(world, an_inspection(world))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            context.add_init_script(CSP_LISTENER)
            page = context.new_page()
            sign_in(page, live_server.url, world.devices["inspector"].bin_key)
            page.goto(f"{live_server.url}/inspections/{inspection.reference}/screen/")
            assert page.input_value("#id_leaflet_language") == ""
            page.click("[data-guide-for-screening] summary")
            with context.expect_page() as opened:
                page.click("[data-guide-for-screening] a[hreflang=tl]")
            guide = opened.value
            guide.wait_for_load_state()
            assert guide.url == f"{live_server.url}/guide/tl/"
            assert "Ang iyong mga karapatan sa trabaho sa Belgium" in guide.content()
            # The form stayed where it was, with the language handed out filled in.
            assert page.input_value("#id_leaflet_language") == "tl"
            assert csp_violations(page, []) == []
            assert csp_violations(guide, []) == []
        finally:
            browser.close()
