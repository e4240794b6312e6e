"""Every leaflet rendered to an image, as a reader sees it (Debian's poppler-utils, installed
by `make fonts`): the page is not blank, the fonts' cmaps cover every character (no
.notdef box can be drawn), and right-to-left lines really run from the right."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import uharfbuzz as hb  # type: ignore[import-untyped]  # no stubs published
from django.test import Client
from PIL import Image
from reportlab.pdfbase import pdfmetrics

from nrm.guide.languages import BY_CODE, LANGUAGES
from nrm.guide.pdf import line_runs, missing_glyphs
from nrm.guide.queries import filled, guide_text

pytestmark = pytest.mark.django_db


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: `make fonts` installs Debian's poppler-utils.")
    return path


def _leaflet(client: Client, code: str, folder: Path) -> Path:
    response = client.get(f"/guide/{code}.pdf")
    assert response.status_code == 200
    pdf = folder / f"{code}.pdf"
    pdf.write_bytes(response.content)
    return pdf


def _render(pdf: Path) -> Image.Image:
    out = pdf.with_suffix("")
    # Our own PDF, a fixed command line: nothing untrusted reaches the tool.
    subprocess.run(  # noqa: S603
        [_tool("pdftoppm"), "-r", "40", "-gray", "-singlefile", "-png", str(pdf), str(out)],
        check=True,
        capture_output=True,
    )
    return Image.open(out.with_suffix(".png"))


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    """The share of dark pixels in a part of the page."""
    part = image.crop(box)
    histogram = part.histogram()
    dark = sum(histogram[:128])
    return dark / (part.width * part.height)


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_every_leaflet_renders_with_text_and_no_missing_glyph(
    client: Client, code: str, tmp_path: Path
) -> None:
    language = BY_CODE[code]
    guide = guide_text(language)
    text = " ".join(filled(guide.texts).values())
    assert missing_glyphs(text, guide.text_language) == []
    assert missing_glyphs(language.native_name, language) == []
    image = _render(_leaflet(client, code, tmp_path))
    width, height = image.size
    # Text over the body of the page, not a blank page or a header alone.
    assert _ink(image, (0, height // 8, width, height // 2)) > 0.01
    assert _ink(image, (0, height // 2, width, height)) > 0.005


def _notdef_runs(text: str, code: str) -> list[str]:
    """Runs that HarfBuzz shapes to glyph 0 (.notdef, the missing-glyph box) in the font the
    leaflet draws them with: the cmap may have a character the shaping still cannot use."""
    faces: dict[str, hb.Font] = {}
    bad = []
    for line in text.split("\n"):
        for run in line_runs(line, BY_CODE[code]):
            if run.font not in faces:
                face = pdfmetrics.getFont(run.font).face
                blob = hb.Blob.from_file_path(face.filename)
                faces[run.font] = hb.Font(hb.Face(blob, getattr(face, "subfontIndex", 0)))
            buffer = hb.Buffer()
            buffer.add_str(run.text)
            buffer.guess_segment_properties()
            hb.shape(faces[run.font], buffer)
            if any(info.codepoint == 0 for info in buffer.glyph_infos):
                bad.append(run.text)
    return bad


@pytest.mark.parametrize("code", [language.code for language in LANGUAGES])
def test_no_run_is_shaped_to_a_missing_glyph_box(code: str) -> None:
    language = BY_CODE[code]
    guide = guide_text(language)
    text = "\n".join([*filled(guide.texts).values(), language.native_name])
    assert _notdef_runs(text, code) == []


def test_a_shaped_missing_glyph_is_detected() -> None:
    # Bengali in the Latin font of an English line: the check must be able to fail.
    assert _notdef_runs("শ্রমিক", "en") == ["শ্রমিক"]


def test_a_blank_page_would_be_seen(tmp_path: Path) -> None:
    blank = Image.new("L", (100, 100), 255)
    assert _ink(blank, (0, 0, 100, 100)) == 0


def _words(pdf: Path) -> list[tuple[str, float, float]]:
    """(word in logical order, left edge, top) for every word poppler finds on the page."""
    xhtml = subprocess.run(  # noqa: S603
        [_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = []
    # poppler's output for our own PDF, not untrusted XML.
    for element in ET.fromstring(xhtml).iter(  # noqa: S314
        "{http://www.w3.org/1999/xhtml}word"
    ):
        # poppler gives Arabic words as presentation forms in visual order.
        visual = unicodedata.normalize("NFKC", element.text or "")
        arabic = any(unicodedata.bidirectional(c) == "AL" for c in visual)
        logical = visual[::-1] if arabic else visual
        words.append((logical, float(element.attrib["xMin"]), float(element.attrib["yMin"])))
    return words


def _first_and_last_on_title_line(
    words: list[tuple[str, float, float]], first: str, last: str
) -> tuple[float, float]:
    tops = {top for word, _, top in words if word == first}
    for top in tops:
        line = {word: left for word, left, word_top in words if word_top == top}
        if last in line:
            return line[first], line[last]
    raise AssertionError(f"{first!r} and {last!r} are not on one line")


@pytest.mark.parametrize(
    ("code", "first", "last"),
    [
        ("ar", "حقوقك", "بلجيكا"),
        ("fa", "حقوق", "بلژیک"),
        ("fa-AF", "حقوق", "بلجیم"),
        ("ur", "بیلجیم", "حقوق"),
    ],
)
def test_right_to_left_titles_start_on_the_right(
    client: Client, tmp_path: Path, code: str, first: str, last: str
) -> None:
    first_left, last_left = _first_and_last_on_title_line(
        _words(_leaflet(client, code, tmp_path)), first, last
    )
    assert first_left > last_left


def test_a_left_to_right_title_starts_on_the_left(client: Client, tmp_path: Path) -> None:
    # The same measure reads English the other way round: the check can fail.
    first_left, last_left = _first_and_last_on_title_line(
        _words(_leaflet(client, "en", tmp_path)), "Your", "Belgium"
    )
    assert first_left < last_left
