"""htmx keeps no snapshot of a page with identities, and signing out forgets any left
behind (issue 11 §7). htmx 2 stores snapshots in sessionStorage under one key; with a
history cache of size 0 it stores none and, going back, asks the server again."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

from nrm.testing import World

ClientAs = Callable[[str], Client]


def htmx_config(html: str) -> dict[str, object]:
    match = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert match is not None
    config: dict[str, object] = json.loads(match.group(1))
    return config


def test_a_signed_in_page_keeps_no_htmx_history(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_a")

    html = client_as("caseworker_a").get(f"/people/{person.reference}/").content.decode()

    assert htmx_config(html)["historyCacheSize"] == 0
    assert htmx_config(html)["refreshOnHistoryMiss"] is True
    assert re.search(r"<body[^>]*\bhx-history=\"false\"", html)
    assert re.search(r"<body[^>]*\bdata-signed-in\b", html)


def test_signing_out_clears_the_browsers_cache_and_lands_on_a_page_that_forgets_snapshots(
    world: World, client_as: ClientAs
) -> None:
    client = client_as("caseworker_a")

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
    landing = client.get(response["Location"]).content.decode()
    # Nobody is signed in there: app.js removes htmx's snapshots on such a page.
    assert not re.search(r"<body[^>]*\bdata-signed-in\b", landing)
    assert "nrm/app.js" in landing


def test_the_script_forgets_htmx_snapshots_on_a_page_for_nobody() -> None:
    found = finders.find("nrm/app.js")
    assert isinstance(found, str)
    script = Path(found).read_text(encoding="utf-8")

    block = script[script.index('if (document.body.hasAttribute("data-signed-in")) return;') :]
    assert "window.sessionStorage, window.localStorage" in block
    assert 'storage.removeItem("htmx-history-cache")' in block
