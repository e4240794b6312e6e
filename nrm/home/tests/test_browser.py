"""A real browser on a phone-sized screen: sign in with both factors, switch language.

Drives Debian's chromium through Playwright against pytest-django's live server. The live
server needs a transactional database, which pytest-django empties after the test with a
flush; the audit table's append-only guard refuses that flush, so `flushable_audit_trail`
lifts the guard just before the flush and puts it back after.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import ConsoleMessage, Page, ViewportSize, sync_playwright
from pytest_django.live_server_helper import LiveServer

from nrm.access.models import AuditEvent, AuditEventType
from nrm.testing import PASSWORD, World

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = ViewportSize(width=390, height=844)
SCREENSHOT = Path("/tmp/nrm-home-phone.png")  # noqa: S108 — a fixed place to look at the result
# Collects Content-Security-Policy violations as the page reports them to itself.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def current_code(key: bytes) -> str:
    totp = TOTP(key)
    totp.time = time.time()
    return f"{totp.token():06d}"


def csp_violations(page: Page, console: list[str]) -> list[str]:
    reported: list[str] = page.evaluate("window.__cspViolations || []")
    return reported + [text for text in console if "Content Security Policy" in text]


def test_a_caseworker_signs_in_on_a_phone_and_switches_to_french(
    flushable_audit_trail: None, live_server: LiveServer, world: World
) -> None:
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    key = world.devices["caseworker_a"].bin_key  # read now: no database calls in the browser
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

            page.goto(f"{live_server.url}/")
            assert page.url.startswith(f"{live_server.url}/accounts/login/")
            page.fill("#id_username", "caseworker_a")
            page.fill("#id_password", PASSWORD)
            with page.expect_navigation():
                page.click("main button[type=submit]")
            assert page.url == f"{live_server.url}/accounts/verify/"
            assert csp_violations(page, console) == []

            page.fill("#id_code", current_code(key))
            with page.expect_navigation():
                page.click("main button[type=submit]")
            assert page.url == f"{live_server.url}/"
            assert page.locator("h1").inner_text() == "Specialised centre"
            assert page.locator("html").get_attribute("lang") == "en"
            assert csp_violations(page, console) == []

            # The language menu submits itself (nrm/app.js) when a language is picked.
            with page.expect_navigation():
                page.select_option("#language-switch", "fr")
            assert page.url == f"{live_server.url}/"
            assert page.locator("html").get_attribute("lang") == "fr"
            assert page.locator("h1").inner_text() != "Specialised centre"
            # Nothing wider than the phone: no sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            assert csp_violations(page, console) == []
        finally:
            browser.close()
    assert SCREENSHOT.stat().st_size > 0
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.SIGN_IN, actor=world.users["caseworker_a"]
    ).exists()
