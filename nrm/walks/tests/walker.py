"""A persona in a real browser: signs in through the pages, walks them, and checks each page
it sees with axe-core on a desktop and on a phone-sized screen.

Debian's chromium through Playwright against pytest-django's live server, as in
nrm/home/tests/test_browser.py (whose browser settings this reuses). axe-core's script comes
from the `axe-playwright-python` package, which bundles it: nothing is downloaded at run time.
The script is evaluated through the DevTools protocol, which the page's
Content-Security-Policy does not govern, so the policy stays on and its violations are
checked too.

A walk does not stop at the first inaccessible page: it gathers every serious or critical
violation of every page and viewport, and `Walker.finish` fails with the whole list, one
line per element (page, screen, rule, what to fix, where).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Response,
    ViewportSize,
    sync_playwright,
)

from nrm.home.tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CSP_LISTENER,
    csp_violations,
    current_code,
)
from nrm.testing import PASSWORD, World

DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=390, height=844)
# The impacts the walks refuse; "moderate" and "minor" findings are not counted (issue 16).
REFUSED_IMPACTS = frozenset({"serious", "critical"})
# The WCAG 2.x A and AA rules plus axe's best practices (landmarks, one h1, …).
AXE_OPTIONS: dict[str, object] = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}
# The innermost elements that reach past the phone's right edge, to say what to fix.
WIDEST = """(width) => [...document.body.querySelectorAll("*")]
  .filter((e) => e.getBoundingClientRect().right > width + 1)
  .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 1))
  .slice(0, 5)
  .map((e) => e.outerHTML.replace(/\\s+/g, " ").slice(0, 120))"""
AXE_SCRIPT = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Finding:
    """One element that breaks one axe rule on one page and screen."""

    path: str
    screen: str
    rule: str
    impact: str
    help: str
    target: str
    html: str

    def line(self) -> str:
        return (
            f"{self.path} [{self.screen}] {self.rule} ({self.impact}): {self.help}\n"
            f"    at {self.target}: {self.html}"
        )


def axe_findings(page: Page, *, path: str, screen: str) -> list[Finding]:
    """The serious and critical violations axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    results: dict[str, Any] = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    findings = []
    for violation in results["violations"]:
        if violation["impact"] not in REFUSED_IMPACTS:
            continue
        for node in violation["nodes"]:
            findings.append(
                Finding(
                    path=path,
                    screen=screen,
                    rule=violation["id"],
                    impact=violation["impact"],
                    help=violation["help"],
                    target=" ".join(str(part) for part in node["target"]),
                    html=re.sub(r"\s+", " ", node["html"])[:200],
                )
            )
    return findings


@dataclass
class Walker:
    """One persona's browser tab. Every page it reaches is checked (`check`) on both
    screens; `visited` lists the paths, in order."""

    base: str
    page: Page
    persona: str
    visited: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, browser: Browser, base: str, persona: str) -> Walker:
        context = browser.new_context(viewport=DESKTOP)
        # Long enough for a busy two-core machine, short enough to fail before CI gives up.
        context.set_default_timeout(15_000)
        context.add_init_script(CSP_LISTENER)
        walker = cls(base=base, page=context.new_page(), persona=persona)

        def remember(message: ConsoleMessage) -> None:
            walker.console.append(message.text)

        walker.page.on("console", remember)
        return walker

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.base)

    def sign_in(self, key: bytes, *, check: bool = False) -> None:
        """Through the sign-in and second-factor pages, as a person does."""
        self._answered(self.page.goto(f"{self.base}/accounts/login/"), "the sign-in page")
        if check:
            self.check()
        self.page.fill("#id_username", self.persona)
        self.page.fill("#id_password", PASSWORD)
        self.submit("main button[type=submit]", check=check)
        assert self.path == "/accounts/verify/", self.path
        self.page.fill("#id_code", current_code(key))
        self.submit("main button[type=submit]")
        assert self.path == "/", f"{self.persona} was not signed in: {self.path}"

    def go(self, path: str) -> Page:
        """Open a page by its address (a link the persona would follow from the menu)."""
        response = self.page.goto(f"{self.base}{path}")
        self._answered(response, f"GET {path}")
        self.check()
        return self.page

    def follow(self, selector: str) -> Page:
        """Click a link and check the page it leads to."""
        with self.page.expect_navigation() as navigation:
            self.page.locator(selector).first.click()
        self._answered(navigation.value, f"link {selector}")
        self.check()
        return self.page

    def submit(self, selector: str, *, check: bool = True) -> Page:
        """Press a form's button and check the page the server answers with."""
        with self.page.expect_navigation() as navigation:
            self.page.locator(selector).first.click()
        self._answered(navigation.value, f"button {selector}")
        if check:
            self.check()
        return self.page

    def swap(self, selector: str, *, then_shows: str) -> Page:
        """Press a button that updates part of the page (htmx) and check the page once the
        answer shows."""
        self.page.locator(selector).first.click()
        self.page.get_by_text(then_shows).first.wait_for()
        self.check()
        return self.page

    def choose(self, label: str, text: str) -> None:
        """Pick the option of a labelled list whose text contains `text`."""
        select = self.page.get_by_label(label)
        value: str | None = select.evaluate(
            "(select, text) => [...select.options].find((o) => o.text.includes(text))?.value",
            text,
        )
        assert value is not None, f"no option {text!r} in {label!r}"
        select.select_option(value)

    def check(self) -> None:
        """axe-core on the page as it is, on the desktop and on the phone; on the phone
        nothing may be wider than the screen (no sideways scrolling)."""
        # The menu's count arrives after the page (htmx): check the page as it ends up.
        self.page.wait_for_function("() => !document.querySelector('[hx-trigger=load]')")
        path = self.path
        self.visited.append(path)
        self.problems += [
            f"{path} Content-Security-Policy: {violation}"
            for violation in csp_violations(self.page, [])
        ]
        self.findings += axe_findings(self.page, path=path, screen="desktop")
        self.page.set_viewport_size(PHONE)
        self.findings += axe_findings(self.page, path=path, screen="phone")
        width: int = self.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide: list[str] = self.page.evaluate(WIDEST, PHONE["width"])
            self.problems.append(
                f"{path} [phone] is {width}px wide: sideways scrolling, from {', '.join(wide)}"
            )
        self.page.set_viewport_size(DESKTOP)

    def finish(self) -> None:
        """Fail with every finding of the walk, or with none."""
        self.problems += [
            f"Content-Security-Policy (console): {text}"
            for text in self.console
            if "Content Security Policy" in text
        ]
        lines = [finding.line() for finding in self.findings] + self.problems
        assert not lines, (
            f"{self.persona}'s walk over {len(self.visited)} pages: {len(lines)} problems\n"
            + "\n".join(lines)
        )

    def _answered(self, response: Response | None, what: str) -> None:
        assert response is not None, what
        assert response.ok, f"{self.persona}: {what} answered {response.status} at {self.path}"


@contextmanager
def walking(
    base: str, world: World, *personas: str, check_sign_in: bool = False
) -> Iterator[list[Walker]]:
    """One signed-in tab per persona, in one browser; each walk's findings fail the test
    when the block ends. Arrange the data before: Playwright's event loop runs inside the
    block, where Django refuses database calls from the test's thread."""
    keys = {persona: world.devices[persona].bin_key for persona in personas}
    assert CHROMIUM.exists(), "Debian's chromium is needed: `make browser` installs it."
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            walkers = [Walker.open(browser, base, persona) for persona in personas]
            for walker in walkers:
                walker.sign_in(keys[walker.persona], check=check_sign_in)
            yield walkers
            for walker in walkers:
                walker.finish()
        finally:
            browser.close()
