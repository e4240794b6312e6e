"""Uploads bounded in memory (issue 11, item 6): every hostile file is generated here.

Pixel bombs are refused from the header before a pixel is decoded; a stream is cut at the
limit while it is read; PDFs lose JavaScript, embedded files and every other action.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.conf import settings
from PIL import Image, ImageFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
    TextStringObject,
)
from pytest_django.fixtures import SettingsWrapper

from nrm.core import files
from nrm.core.errors import DomainError


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int, colour_type: int = 0) -> bytes:
    """A PNG whose header announces width x height pixels; the data is a small compressed
    run of zeros (the first rows), a few kilobytes on disk."""
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    rows = zlib.compress(b"\0" * 1_000_000, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A real small JPEG whose frame header is rewritten to claim another size."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(out, format="JPEG")
    data = bytearray(out.getvalue())
    frame = data.index(b"\xff\xc0")
    # SOF0: marker, length (2), precision (1), height (2), width (2).
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding pixels fails the test: refusals must come from the header alone."""

    def refuse(self: Image.Image) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(Image.Image, "load", refuse)
    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


@pytest.mark.usefixtures("no_decoding")
@pytest.mark.parametrize(
    "bomb",
    [
        png_bomb(100_000, 100_000),  # 10 gigapixels in a few kilobytes
        png_bomb(7_000, 7_000, colour_type=6),  # 49 Mpx under the pixel limit, 196 MB RGBA
        jpeg_claiming(65_000, 65_000),
    ],
    ids=["png-10-gigapixels", "png-rgba-over-memory", "jpeg-header-lies"],
)
def test_a_decompression_bomb_is_refused_from_its_header(bomb: bytes) -> None:
    assert len(bomb) < 10_000
    with pytest.raises(DomainError, match="too many pixels"):
        files.clean_upload(bomb)


def test_a_photo_within_the_limits_is_still_re_encoded() -> None:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), "red").save(out, format="PNG")
    cleaned = files.clean_upload(out.getvalue())
    assert cleaned.content_type == files.PNG
    with Image.open(io.BytesIO(cleaned.data)) as again:
        assert again.size == (640, 480)


def test_only_the_sniffed_formats_decoder_opens_the_file() -> None:
    # PNG magic followed by a GIF: Pillow would open the GIF if any decoder were allowed.
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, format="GIF")
    with pytest.raises(DomainError, match="damaged"):
        files.clean_upload(b"\x89PNG\r\n\x1a\n" + gif.getvalue())


class CountingStream(io.RawIOBase):
    """An endless stream of bytes that counts what was taken from it."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        view[:] = b"\0" * len(view)
        self.taken += len(view)
        return len(view)


def test_a_stream_that_hides_its_size_is_cut_just_past_the_limit(
    settings: SettingsWrapper,
) -> None:
    settings.NRM_EVIDENCE_MAX_BYTES = 100_000
    stream = CountingStream()
    with pytest.raises(DomainError, match="too large"):
        files.read_limited(io.BufferedReader(stream), size=None)  # an endless body
    assert stream.taken <= 100_000 + 64 * 1024


def test_the_upload_handler_stops_writing_at_the_limit(settings: SettingsWrapper) -> None:
    settings.NRM_EVIDENCE_MAX_BYTES = 1_000
    handler = files.LimitedUploadHandler()
    handler.new_file("file", "huge.pdf", "application/pdf", 10_000_000)
    for start in range(0, 10_000_000, 65_536):
        handler.receive_data_chunk(b"x" * 65_536, start)
    uploaded = handler.file_complete(10_000_000)
    assert uploaded.file is not None
    on_disk = uploaded.file.seek(0, io.SEEK_END)
    assert on_disk == 1_001  # nothing past the limit was spooled
    assert uploaded.size == 10_027_008  # ... and the size still says how much was sent
    uploaded.seek(0)
    with pytest.raises(DomainError, match="too large"):
        files.read_limited(uploaded, uploaded.size)
    uploaded.close()


def test_uploads_go_through_the_limited_handler() -> None:
    assert "nrm.core.files.LimitedUploadHandler" in settings.FILE_UPLOAD_HANDLERS


def hostile_pdf() -> bytes:
    """A one-page PDF with every kind of active content we strip, built with pypdf."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    # Document-level JavaScript, in the catalogue's name tree.
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('document JavaScript');"),
        }
    )
    writer.root_object[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {
                    NameObject("/Names"): ArrayObject(
                        [TextStringObject("boot"), writer._add_object(script)]
                    )
                }
            )
        }
    )
    writer.add_attachment("payload.exe", b"MZ-EMBEDDED-PAYLOAD")
    # An open action that runs JavaScript.
    writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
    )
    # A page action on open and a link that launches a program.
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('page open');"),
                }
            )
        }
    )
    rectangle = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(50)])
    launch = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rectangle,
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/Launch"),
                    NameObject("/F"): TextStringObject("cmd.exe"),
                }
            ),
        }
    )
    web_link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): rectangle,
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/URI"),
                    NameObject("/URI"): TextStringObject("https://example.org/"),
                    # A JavaScript action chained after the allowed link.
                    NameObject("/Next"): DictionaryObject(
                        {
                            NameObject("/S"): NameObject("/JavaScript"),
                            NameObject("/JS"): TextStringObject("app.alert('next');"),
                        }
                    ),
                }
            ),
        }
    )
    attached_file = _flate_stream(zlib.compress(b"MZ-ANNOTATED-PAYLOAD"))
    attached_file[NameObject("/Type")] = NameObject("/EmbeddedFile")
    attached = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): rectangle,
            NameObject("/FS"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Filespec"),
                    NameObject("/F"): TextStringObject("tool.exe"),
                    NameObject("/EF"): DictionaryObject(
                        {NameObject("/F"): writer._add_object(attached_file)}
                    ),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject(
        [writer._add_object(launch), writer._add_object(web_link), writer._add_object(attached)]
    )
    writer.add_metadata({"/Author": "Ion Rusu", "/Title": "Payslip of Ion Rusu"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_generated_pdf_is_as_hostile_as_it_claims() -> None:
    found = files.pdf_active_content(hostile_pdf())
    assert {"/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/Launch"} <= found
    assert {"/Next", "/FileAttachment"} <= found


def test_a_pdf_loses_javascript_embedded_files_and_actions() -> None:
    cleaned = files.clean_upload(hostile_pdf())
    assert cleaned.content_type == files.PDF
    assert cleaned.metadata_stripped
    assert files.pdf_active_content(cleaned.data) == set()
    # The payloads' own bytes are gone, not only the keys that pointed to them.
    for payload in (b"MZ-EMBEDDED-PAYLOAD", b"app.alert", b"cmd.exe", b"Ion Rusu", b"tool.exe"):
        assert payload not in cleaned.data
    assert zlib.compress(b"MZ-ANNOTATED-PAYLOAD") not in cleaned.data
    # The page and the harmless web link remain.
    page = PdfReader(io.BytesIO(cleaned.data)).pages[0]
    annotations = page["/Annots"]
    assert isinstance(annotations, ArrayObject)
    actions = [annotation.get_object().get("/A") for annotation in annotations]
    assert [action["/URI"] for action in actions if action] == ["https://example.org/"]


def test_an_encrypted_pdf_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.encrypt(user_password="secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DomainError, match="password"):
        files.clean_upload(out.getvalue())


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_PDF_PAGES", 2)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(72, 72)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DomainError, match="more than 2 pages"):
        files.clean_upload(out.getvalue())


def test_a_pdf_that_is_not_one_is_refused() -> None:
    with pytest.raises(DomainError, match="damaged"):
        files.clean_upload(b"%PDF-1.7\n<script>alert(1)</script>")


def test_a_compressed_bomb_in_a_page_is_copied_without_being_inflated() -> None:
    """200 MB of zeros compressed to 200 KB: the page keeps its stream as it came."""
    bomb = zlib.compress(b"\0" * 200_000_000, 9)
    writer = PdfWriter()
    page = writer.add_blank_page(72, 72)
    content = writer._add_object(_flate_stream(bomb))
    page[NameObject("/Contents")] = content
    out = io.BytesIO()
    writer.write(out)
    cleaned = files.clean_upload(out.getvalue())
    assert len(cleaned.data) < len(bomb) + 2_000


def _flate_stream(data: bytes) -> StreamObject:
    stream = StreamObject()
    stream.set_data(data)  # stored as given: already deflated
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    return stream
