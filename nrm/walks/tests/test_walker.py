"""The walks' own check can fail: axe-core, as bundled, finds what a page gets wrong, and the
walker names the page, the screen, the rule and the element."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from nrm.home.tests.test_browser import CHROMIUM, CHROMIUM_ARGS

from .walker import DESKTOP, axe_findings

pytestmark = pytest.mark.browser

BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
<h1>Broken</h1><button></button><img src="data:,"><input type="text" name="q">
<p style="color:#bbb;background:#fff">faint</p></main></body></html>"""


def test_axe_finds_the_serious_and_critical_problems_of_a_page() -> None:
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=DESKTOP)
            page.set_content(BROKEN)
            findings = axe_findings(page, path="/broken/", screen="desktop")
        finally:
            browser.close()
    assert {(finding.rule, finding.impact) for finding in findings} == {
        ("button-name", "critical"),
        ("image-alt", "critical"),
        ("label", "critical"),
        ("color-contrast", "serious"),
    }
    button = next(finding for finding in findings if finding.rule == "button-name")
    assert button.line().startswith("/broken/ [desktop] button-name (critical): ")
    assert "<button></button>" in button.line()
