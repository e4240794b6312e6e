"""The printable leaflet: one A4 page per language, drawn with reportlab.

Fonts come from Debian's font packages (`fonts-noto-core`, `fonts-wqy-microhei`,
`fonts-dejavu-core`), never downloaded at run time; reportlab's built-in fonts cover Latin
only. Complex scripts (Arabic, Bengali, Devanagari, Gurmukhi, Ethiopic) are shaped by
HarfBuzz through reportlab's `shapable` fonts (the `uharfbuzz` package).

reportlab lays text out left to right and has no bidirectional algorithm without its
optional `rlbidi`, which is not on PyPI. So this module lays out lines itself: it wraps by
shaped width and, for right-to-left languages, splits each line into directional runs —
Latin words and numbers (the hotline, the website, the centres' names) stay left to right —
and places the runs from the right margin leftwards. Each run gets the first font of the
language's chain that has every one of its characters, so no glyph is ever missing;
`missing_glyphs` proves it (the tests call it for every language).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.abag import ABag
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeFragWord
from reportlab.pdfgen.canvas import Canvas

from nrm.guide.languages import Language, Script

FONT_ROOTS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))
# Per script, font files in order of preference (relative to a root). Only TrueType
# outlines: reportlab cannot embed CFF-based OpenType fonts.
FONT_FILES: dict[str, tuple[str, ...]] = {
    "latin": ("noto/NotoSans-Regular.ttf", "dejavu/DejaVuSans.ttf"),
    "latin-bold": ("noto/NotoSans-Bold.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    Script.ARABIC: ("noto/NotoNaskhArabic-Regular.ttf", "noto/NotoSansArabic-Regular.ttf"),
    Script.BENGALI: ("noto/NotoSansBengali-Regular.ttf", "noto/NotoSerifBengali-Regular.ttf"),
    Script.DEVANAGARI: ("noto/NotoSansDevanagari-Regular.ttf",),
    Script.GURMUKHI: ("noto/NotoSansGurmukhi-Regular.ttf",),
    Script.ETHIOPIC: ("noto/NotoSansEthiopic-Regular.ttf", "noto/NotoSerifEthiopic-Regular.ttf"),
    Script.HAN: ("wqy/wqy-microhei.ttc",),
}
# The notices are English, laid out left to right on every page.
NOTE_LANGUAGE = Language("en", "English", "English", Script.LATIN)
DEBIAN_PACKAGES = "fonts-noto-core fonts-wqy-microhei fonts-dejavu-core"


class FontMissing(Exception):
    """The server lacks the font package a script needs; the leaflet cannot be printed."""


def _find(candidates: tuple[str, ...]) -> Path | None:
    for relative in candidates:
        for root in FONT_ROOTS:
            path = root / relative
            if path.exists():
                return path
    return None


@cache
def _register(key: str) -> str:
    """Register the font for `key` once per process; return its reportlab name."""
    path = _find(FONT_FILES[key])
    if path is None:
        raise FontMissing(key)
    name = f"guide-{key}"
    if path.suffix == ".ttc":
        # Han needs no shaping; a collection's first face is the regular one.
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=0))
    else:
        pdfmetrics.registerFont(TTFont(name, str(path), shapable=True))
    return name


def _covers(font_name: str, char: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph


def font_chain(language: Language, *, bold: bool = False) -> list[str]:
    """The fonts a language's text is drawn with, best first; raises FontMissing."""
    latin = _register("latin-bold" if bold else "latin")
    if language.script in {Script.LATIN, Script.CYRILLIC}:
        return [latin]
    return [_register(language.script), latin]


# Runs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    font: str
    rtl: bool


def _strong(char: str) -> str:
    """'L' for left-to-right letters and all digits, 'R' for right-to-left, '' neutral."""
    kind = unicodedata.bidirectional(char)
    if kind in {"L", "EN", "AN"}:
        return "L"
    if kind in {"R", "AL"}:
        return "R"
    return ""


def _direction_runs(line: str, rtl: bool) -> list[tuple[str, bool]]:
    """Split a line into (text, is_rtl) runs in logical order.

    In a right-to-left line, a run of left-to-right letters and digits keeps the neutral
    characters between them ("078/055.800", "PAG-ASA, Payoke"), as the Unicode bidi
    algorithm resolves neutrals between two strong characters of the same direction;
    neutrals at a run's edge belong to the paragraph's direction. Left-to-right lines are
    one run.
    """
    if not rtl:
        return [(line, False)]
    runs: list[tuple[str, bool]] = []
    i, n = 0, len(line)
    while i < n:
        if _strong(line[i]) == "L":
            j, last = i, i
            while j < n and _strong(line[j]) != "R":
                if _strong(line[j]) == "L":
                    last = j
                j += 1
            runs.append((line[i : last + 1], False))
            i = last + 1
        else:
            j = i
            while j < n and _strong(line[j]) != "L":
                j += 1
            runs.append((line[i:j], True))
            i = j
    return [run for run in runs if run[0]]


def _font_runs(text: str, chain: list[str], rtl: bool) -> list[Run]:
    """Split text into runs each drawn with the first font of the chain that has its
    characters; spaces and marks stay with the run they are in."""
    runs: list[Run] = []
    for char in text:
        current = runs[-1] if runs else None
        if current is not None and (char.isspace() or _covers(current.font, char)):
            runs[-1] = Run(current.text + char, current.font, rtl)
            continue
        font = next((f for f in chain if _covers(f, char)), chain[0])
        if current is not None and current.font == font:
            runs[-1] = Run(current.text + char, font, rtl)
        else:
            runs.append(Run(char, font, rtl))
    return runs


def line_runs(line: str, language: Language, *, bold: bool = False) -> list[Run]:
    """The runs of one line in visual order, left to right."""
    chain = font_chain(language, bold=bold)
    # Left-to-right pieces of a right-to-left line (numbers, Latin names) prefer the Latin
    # font, so that "078/055.800" is drawn in one font.
    ltr_chain = list(reversed(chain)) if language.rtl else chain
    pieces = [
        # A right-to-left run's own pieces read from the right, too.
        list(reversed(_font_runs(text, chain, rtl))) if rtl else _font_runs(text, ltr_chain, rtl)
        for text, rtl in _direction_runs(line, language.rtl)
    ]
    if language.rtl:
        pieces.reverse()
    return [run for piece in pieces for run in piece]


def _shaped(run: Run, size: float) -> tuple[float, str]:
    font = pdfmetrics.getFont(run.font)
    if not getattr(font, "shapable", False):
        return pdfmetrics.stringWidth(run.text, run.font, size), run.text
    width, (_bag, shaped) = shapeFragWord(
        [
            pdfmetrics.stringWidth(run.text, run.font, size),
            (ABag(fontName=run.font, fontSize=size), run.text),
        ],
        force=True,
    )
    return float(width), shaped


def line_width(line: str, language: Language, size: float, *, bold: bool = False) -> float:
    return sum(_shaped(run, size)[0] for run in line_runs(line, language, bold=bold))


def missing_glyphs(text: str, language: Language) -> list[str]:
    """Characters of `text` that no font of the language's chain can draw (for the tests:
    an empty list means no missing-glyph box anywhere in the leaflet)."""
    chain = font_chain(language) + font_chain(language, bold=True)
    return sorted({c for c in text if not c.isspace() and not any(_covers(f, c) for f in chain)})


# Layout ------------------------------------------------------------------------------------

_WIDE = frozenset({Script.HAN})


def wrap(
    text: str, language: Language, size: float, width: float, *, bold: bool = False
) -> list[str]:
    """Lines that fit `width`, broken at spaces (between characters for Han)."""
    units = list(text) if language.script in _WIDE else text.split(" ")
    joiner = "" if language.script in _WIDE else " "
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if current and line_width(candidate, language, size, bold=bold) > width:
            lines.append(current)
            current = unit
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Block:
    text: str
    size: float
    bold: bool = False
    bullet: bool = False
    space_before: float = 0.0
    # A block in another language than the page's (the language's own name above a text
    # that is still English).
    language: Language | None = None


class _Page:
    def __init__(self, canvas: Canvas, language: Language) -> None:
        self.canvas = canvas
        self.language = language
        self.left = 2 * cm
        self.right = A4[0] - 2 * cm
        self.y = A4[1] - 2 * cm

    def draw_line(
        self, line: str, size: float, *, bold: bool, indent: float, language: Language
    ) -> None:
        runs = line_runs(line, language, bold=bold)
        shaped = [(_shaped(run, size), run) for run in runs]
        total = sum(width for (width, _text), _run in shaped)
        # Right-to-left lines start at the right margin (less the indent of a list item).
        x = self.right - indent - total if language.rtl else self.left + indent
        for (width, text), run in shaped:
            self.canvas.setFont(run.font, size)
            self.canvas.drawString(x, self.y, text)
            x += width

    def block(self, block: Block) -> None:
        self.y -= block.space_before
        indent = 0.5 * cm if block.bullet else 0.0
        language = block.language or self.language
        lines = wrap(
            block.text, language, block.size, self.right - self.left - indent, bold=block.bold
        )
        for index, line in enumerate(lines):
            self.y -= block.size * 1.35
            if block.bullet and index == 0:
                self.canvas.setFont(_register("latin"), block.size)
                bullet_x = self.right - 0.3 * cm if language.rtl else self.left + 0.1 * cm
                self.canvas.drawString(bullet_x, self.y, "•")
            self.draw_line(line, block.size, bold=block.bold, indent=indent, language=language)


def leaflet_pdf(
    *,
    language: Language,
    text_language: Language,
    texts: dict[str, str],
    notice: str,
    url: str,
) -> bytes:
    """The leaflet for `language`. `texts` are the guide's parts in `text_language` (the
    language itself, or English while its translation is pending) with the installation's
    values filled in; `notice` (English) is shown at the top when the text is not a
    reviewed translation; `url` is the public page the QR code opens."""
    blocks: list[Block] = [Block(language.native_name, 14, bold=True, language=language)]
    if notice:
        blocks.append(Block(notice, 9, language=NOTE_LANGUAGE))
    blocks.append(Block(texts["title"], 18, bold=True, space_before=0.2 * cm))
    blocks.append(Block(texts["intro"], 10.5, space_before=0.2 * cm))
    for heading, body in (
        ("rights_heading", "rights"),
        ("signs_heading", "signs"),
        ("reflection_heading", "reflection"),
        ("help_heading", "help"),
    ):
        blocks.append(Block(texts[heading], 13, bold=True, space_before=0.35 * cm))
        if body in {"rights", "signs"}:
            blocks += [
                Block(item, 10.5, bullet=True, space_before=0.05 * cm)
                for item in texts[body].splitlines()
                if item.strip()
            ]
        else:
            blocks.append(Block(texts[body], 10.5, space_before=0.1 * cm))
    blocks.append(Block(texts["hotline"], 12, bold=True, space_before=0.4 * cm))

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(texts["title"])
    page = _Page(canvas, text_language)
    for block in blocks:
        page.block(block)
    _qr(canvas, url)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _qr(canvas: Canvas, url: str) -> None:
    """A QR code of the public page, bottom right, so a worker can open it on a phone."""
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    size = 3 * cm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, A4[0] - 2 * cm - size, 1.5 * cm)
    canvas.setFont(_register("latin"), 8)
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, url)
