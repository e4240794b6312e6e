"""Every page in the user's language: the language switch, and translated messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from nrm.testing import World

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
WRONG_PASSWORD_MESSAGE = "The username or password is not right."


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    """LocaleMiddleware leaves a request's language active in this thread; tests that run
    later expect the default."""
    yield
    translation.deactivate()


def page_language(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found is not None
    return found.group(1)


def test_the_platform_offers_belgiums_three_languages_english_and_danish() -> None:
    assert LANGUAGE_CODES == ["en", "fr", "nl", "de", "da"]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_language_can_be_chosen_and_the_page_follows(client: Client, code: str) -> None:
    response = client.post("/i18n/setlang/", {"language": code, "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/")
    assert page["Content-Language"] == code
    html = page.content.decode()
    assert page_language(html) == code
    assert re.search(rf'<option value="{code}" lang="{code}" selected>', html)


def test_a_language_the_platform_does_not_offer_is_ignored(client: Client) -> None:
    client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    client.post("/i18n/setlang/", {"language": "xx", "next": "/accounts/login/"})
    assert page_language(client.get("/accounts/login/").content.decode()) == "fr"


def test_a_first_visit_follows_the_browsers_language() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9,en;q=0.5").get("/accounts/login/")
    assert page_language(page.content.decode()) == "nl"


def test_signed_in_pages_follow_the_chosen_language(
    world: World, client_as: Callable[[str], Client]
) -> None:
    client = client_as("caseworker_a")
    response = client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert response["Location"] == "/"
    assert page_language(client.get("/").content.decode()) == "da"


def test_the_sign_in_error_is_shown_in_french(world: World, client: Client) -> None:
    with translation.override("fr"):
        french = translation.gettext(WRONG_PASSWORD_MESSAGE)
    # Needs the compiled catalogues (`make messages`).
    assert french != WRONG_PASSWORD_MESSAGE, "no French translation compiled for the message"
    client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})
    response = client.post(
        "/accounts/login/", {"username": "caseworker_a", "password": "not the password"}
    )
    html = response.content.decode()
    assert escape(french) in html
    assert WRONG_PASSWORD_MESSAGE not in html
