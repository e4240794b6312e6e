"""The public worker guide (CONTRACTS.md §5): languages with their own names, one page per
language with `lang` and `dir`, a printable PDF leaflet; no sign-in, no cookies."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nrm.guide.content import BUILT_IN, KEYS
from nrm.guide.languages import BY_CODE, LANGUAGES
from nrm.guide.queries import filled, guide_text
from nrm.testing import World

pytestmark = pytest.mark.django_db
RTL = {"ar", "fa", "fa-AF", "ps", "ur"}


def test_there_are_28_languages_including_those_the_issue_names() -> None:
    codes = {language.code for language in LANGUAGES}
    assert len(codes) == 28
    wanted = {"ar", "fa", "fa-AF", "ps", "ur", "bn", "tl", "uk", "ru", "ro", "bg", "pl", "pt"}
    wanted |= {
        "es",
        "tr",
        "ti",
        "am",
        "vi",
        "zh-Hans",
        "hi",
        "pa",
        "ne",
        "sq",
        "fr",
        "nl",
        "de",
        "en",
    }
    assert wanted <= codes
    assert {c for c in codes if BY_CODE[c].rtl} == RTL


def test_the_index_lists_each_language_in_its_own_name(client: Client) -> None:
    response = client.get("/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    for language in LANGUAGES:
        assert f'href="/guide/{language.code}/"' in html
        assert language.native_name in html
    assert "العربية" in html
    assert "বাংলা" in html
    assert not response.cookies


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_each_page_has_lang_and_dir_and_sets_no_cookie(client: Client, code: str) -> None:
    response = client.get(f"/guide/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if code in RTL else "ltr"
    assert re.search(rf'<html lang="{re.escape(code)}" dir="{direction}">', html)
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "078/055.800" in html
    assert "stoptraite.be" in html
    # No script, no tracking: the page loads nothing but its stylesheet.
    assert "<script" not in html
    assert "%(" not in html


def test_a_pending_language_shows_english_under_a_clear_notice(client: Client) -> None:
    html = client.get("/guide/ps/").content.decode()
    assert "Translation pending review" in html
    assert "Your rights at work in Belgium" in html
    assert '<article lang="en" dir="ltr">' in html
    assert "پښتو" in html


def test_a_written_language_is_shown_in_that_language(client: Client) -> None:
    arabic = client.get("/guide/ar/").content.decode()
    assert "حقوقك في العمل في بلجيكا" in arabic
    assert "Translation pending review" not in arabic
    tagalog = client.get("/guide/tl/").content.decode()
    assert "Ang iyong mga karapatan sa trabaho sa Belgium" in tagalog


def test_an_unknown_language_is_404(client: Client) -> None:
    assert client.get("/guide/xx/").status_code == 404
    assert client.get("/guide/xx.pdf").status_code == 404


def test_the_guide_needs_no_sign_in_even_with_the_sign_in_policy(
    world: World, client: Client
) -> None:
    assert client.get("/guide/de/").status_code == 200


def test_the_centres_come_from_the_installation(world: World) -> None:
    text = filled(guide_text(BY_CODE["en"]).texts)
    assert "PAG-ASA" in text["help"]
    assert "Payoke" in text["help"]
    assert set(text) == set(KEYS)


def test_the_built_in_translations_keep_every_placeholder() -> None:
    for code, (_status, texts) in BUILT_IN.items():
        assert set(texts) == set(KEYS), code
        assert "%(centres)s" in texts["help"], code
        assert "%(hotline)s" in texts["hotline"], code
        assert "%(website)s" in texts["hotline"], code
