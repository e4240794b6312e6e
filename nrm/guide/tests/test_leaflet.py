"""The printable leaflet: a PDF per language, every character drawn by a font that has it
(no missing-glyph boxes), right-to-left lines laid out from the right."""

from __future__ import annotations

import pytest
from django.test import Client

from nrm.guide.languages import BY_CODE, LANGUAGES
from nrm.guide.pdf import _direction_runs, line_runs, missing_glyphs
from nrm.guide.queries import filled, guide_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_every_leaflet_is_a_pdf_with_no_missing_glyph(client: Client, code: str) -> None:
    response = client.get(f"/guide/{code}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert not response.cookies
    language = BY_CODE[code]
    guide = guide_text(language)
    text = " ".join(filled(guide.texts).values())
    assert missing_glyphs(text, guide.text_language) == []
    assert missing_glyphs(language.native_name, language) == []


def test_a_missing_glyph_is_detected() -> None:
    # Latin fonts have no Bengali: the check must be able to fail.
    assert missing_glyphs("শ্রমিক", BY_CODE["en"]) != []


def test_numbers_and_latin_names_stay_left_to_right_inside_arabic() -> None:
    runs = _direction_runs("اتصل بالرقم 078/055.800 ليلًا", rtl=True)
    assert ("078/055.800", False) in runs
    assert all(rtl for text, rtl in runs if text != "078/055.800")
    # In visual order the Arabic run read first stands rightmost, so the number is between.
    visual = line_runs("اتصل بالرقم 078/055.800 ليلًا", BY_CODE["ar"])
    texts = [run.text.strip() for run in visual]
    assert texts.index("078/055.800") == 1
    assert texts[-1] == "اتصل بالرقم"


def test_latin_words_in_an_arabic_line_use_a_latin_font() -> None:
    runs = line_runs("المراكز: PAG-ASA, Payoke", BY_CODE["ar"])
    latin = next(run for run in runs if "PAG-ASA" in run.text)
    arabic = next(run for run in runs if "المراكز" in run.text)
    assert latin.font != arabic.font
    assert latin.text == "PAG-ASA, Payoke"
