"""Uploaded files (inspection evidence, the papers of residence requests): what is accepted
(by content, not by name), images cleaned of metadata, and every file encrypted at rest
with a key of its own. In core because several layers take uploads.

Accepted: JPEG, PNG and WebP photos, and PDF documents, recognised by their first bytes.
Photos are decoded and re-encoded with Pillow: EXIF (camera, time, GPS position), XMP,
comments and colour profiles do not survive, and the orientation the camera recorded is
applied to the pixels first so that the photo still stands upright.

Bounded in memory (issue 11, item 6): an upload is counted while it streams in and cut at
the limit (`LimitedUploadHandler`); a photo's size is read from its header and refused
before a pixel is decoded when its pixels or their memory exceed the limits (decompression
bombs), and only the decoder of the sniffed format may open it. PDFs are rebuilt page by
page with pypdf: the document catalogue (open actions, document JavaScript, embedded files,
forms, metadata) is not carried over, and every action but a link is removed from what
the pages reference; an encrypted, unreadable or over-long PDF is refused. Streams are
copied without being decompressed, and pypdf's own limits stop decompression bombs in the
object streams it must read.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import IO

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from nrm.core.errors import DomainError

DEFAULT_MAX_BYTES = 15 * 1024 * 1024
# Larger photos than any phone takes are refused before they are decoded (pixel bombs).
MAX_PIXELS = 60_000_000
# The decoded photo's memory (width x height x bytes per pixel), checked from the header:
# 60 megapixels of RGB. Re-encoding holds about two such images at once.
MAX_DECODED_BYTES = 180_000_000
# A scanned file of a few hundred pages is the most an agency sends; more is refused.
MAX_PDF_PAGES = 1000
# Reachable objects walked while stripping; a real document has a few thousand.
MAX_PDF_OBJECTS = 200_000
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
PDF = "application/pdf"
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", WEBP: ".webp", PDF: ".pdf"}


def max_bytes() -> int:
    return int(getattr(settings, "NRM_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(head: bytes) -> str | None:
    """The content type of an accepted file, from its first bytes; None for anything else."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    return None


@dataclass(frozen=True)
class CleanFile:
    data: bytes
    content_type: str
    metadata_stripped: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def _too_large(size: int) -> DomainError:
    limit = max_bytes()
    return DomainError(
        _("The file is too large: at most %(megabytes)s MB.")
        % {"megabytes": f"{limit / (1024 * 1024):g}"},
        field="file",
    )


_CHUNK = 64 * 1024


def read_limited(stream: IO[bytes], size: int | None) -> bytes:
    """The upload's bytes, refusing more than the limit before reading them all.

    Read in chunks so that a stream that claims less than it holds is cut one chunk past the
    limit, never read whole."""
    limit = max_bytes()
    if size is not None and size > limit:
        raise _too_large(size)
    buffer = io.BytesIO()
    while chunk := stream.read(_CHUNK):
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise _too_large(buffer.tell())
    return buffer.getvalue()


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file upload handler, counting the bytes as they stream in.

    Past the evidence limit nothing more is written to disk: the file's `size` keeps
    counting, so `read_limited` refuses it with the limit's message instead of the server
    spooling an unbounded body (settings.FILE_UPLOAD_HANDLERS)."""

    def new_file(self, *args: object, **kwargs: object) -> None:
        super().new_file(*args, **kwargs)  # type: ignore[arg-type]
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        limit = max_bytes()
        kept = len(raw_data) - max(0, self.received - (limit + 1))
        if kept > 0:
            self.file.write(raw_data[:kept])

    def file_complete(self, file_size: int) -> TemporaryUploadedFile:
        self.file.seek(0)
        self.file.size = self.received
        return self.file


def _bytes_per_pixel(mode: str) -> int:
    # Pillow's own table of bands and bits; unknown modes count as the widest (RGBA 16-bit).
    try:
        return max(
            1, (Image.getmodebands(mode) * (16 if ";16" in mode or mode == "I;16" else 8)) // 8
        )
    except (KeyError, ValueError):
        return 8


def _check_dimensions(opened: Image.Image) -> None:
    """Refuse from the header, before any pixel is decoded."""
    pixels = opened.width * opened.height
    # Re-encoding converts to RGB at least: count three bytes a pixel even when the header
    # names a palette or grey mode.
    if pixels > MAX_PIXELS or pixels * max(3, _bytes_per_pixel(opened.mode)) > MAX_DECODED_BYTES:
        raise DomainError(_("The photo has too many pixels."), field="file")


_PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG", WEBP: "WEBP"}


def _reencode(data: bytes, content_type: str) -> CleanFile:
    too_many = DomainError(_("The photo has too many pixels."), field="file")
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard only warns below twice its limit: make it refuse too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only the sniffed format's decoder: a file cannot reach a rarer, riskier plugin.
            with Image.open(io.BytesIO(data), formats=[_PILLOW_FORMAT[content_type]]) as opened:
                _check_dimensions(opened)
                opened.load()
                upright = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_many from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(
            _("The photo is damaged or not what it claims to be."), field="file"
        ) from exc
    # A copy without the decoder's info dict (EXIF, XMP, ICC, comments, PNG text chunks).
    clean = upright.copy()
    clean.info = {}
    out = io.BytesIO()
    if content_type == PNG:
        clean.save(out, format="PNG", optimize=True)
        kept = PNG
    else:
        # WebP is re-encoded as JPEG, which every viewer opens.
        if clean.mode not in {"RGB", "L"}:
            clean = clean.convert("RGB")
        clean.save(out, format="JPEG", quality=90)
        kept = JPEG
    return CleanFile(out.getvalue(), kept, metadata_stripped=True)


def clean_upload(data: bytes) -> CleanFile:
    """Check the type by content; re-encode photos. Raises DomainError on refusal."""
    if not data:
        raise DomainError(_("The file is empty."), field="file")
    content_type = sniff(data[:16])
    if content_type is None:
        raise DomainError(
            _("This kind of file is not accepted: upload a JPEG, PNG or WebP photo, or a PDF."),
            field="file",
        )
    if content_type == PDF:
        return CleanFile(clean_pdf(data), PDF, metadata_stripped=True)
    return _reencode(data, content_type)


# Dictionary keys that run code, open other files or carry files inside the document.
_ACTIVE_KEYS = frozenset(
    {
        "/AA",  # additional actions: on open, close, focus, keystroke, print ...
        "/OpenAction",
        "/JS",
        "/JavaScript",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/EF",
        "/RichMediaContent",
        "/XFA",
        "/Next",  # a chain of actions after an allowed one
    }
)
# The only actions a page may keep: a jump inside the document and a web link.
_SAFE_ACTIONS = frozenset({"/GoTo", "/URI"})
# Annotations that are themselves embedded files or players.
_ACTIVE_ANNOTATIONS = frozenset(
    {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
)


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _strip_active(*roots: PdfObject) -> set[str]:
    """Remove active content from everything reachable from `roots`; the keys removed.

    Walks each object once (a visited set: references may loop) and at most
    MAX_PDF_OBJECTS of them."""
    removed: set[str] = set()
    stack: list[object] = list(roots)
    seen: set[int] = set()
    while stack:
        node = _resolved(stack.pop())
        if id(node) in seen:
            continue
        seen.add(id(node))
        if len(seen) > MAX_PDF_OBJECTS:
            raise DomainError(_("The PDF is too complex to check."), field="file")
        if isinstance(node, DictionaryObject):
            for key in [k for k in node if k in _ACTIVE_KEYS]:
                removed.add(str(key))
                del node[key]
            action = _resolved(node.get("/A"))
            if isinstance(action, DictionaryObject) and action.get("/S") not in _SAFE_ACTIONS:
                removed.add(str(action.get("/S", "/A")))
                del node[NameObject("/A")]
            annotations = _resolved(node.get("/Annots"))
            if isinstance(annotations, ArrayObject):
                kept = ArrayObject()
                for annotation in annotations:
                    annotated = _resolved(annotation)
                    if (
                        isinstance(annotated, DictionaryObject)
                        and annotated.get("/Subtype") in _ACTIVE_ANNOTATIONS
                    ):
                        removed.add(str(annotated.get("/Subtype")))
                        continue
                    kept.append(annotation)
                node[NameObject("/Annots")] = kept
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return removed


def pdf_active_content(data: bytes) -> set[str]:
    """The active-content keys still reachable in a PDF (nothing for a cleaned one).

    Reads a copy and strips it; the keys it had to remove are the answer."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    return _strip_active(reader.trailer)


def clean_pdf(data: bytes) -> bytes:
    """The PDF rebuilt from its pages without active content or metadata; refuses one that
    cannot be read, is encrypted or has too many pages."""
    damaged = DomainError(_("The PDF is damaged or incomplete."), field="file")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DomainError(
                _("The PDF is protected by a password: upload it without the protection."),
                field="file",
            )
        pages = reader.pages
        if len(pages) == 0:
            raise damaged
        if len(pages) > MAX_PDF_PAGES:
            raise DomainError(
                _("The PDF has more than %(count)s pages.") % {"count": MAX_PDF_PAGES},
                field="file",
            )
        # A new document that receives only the pages: the old catalogue (document
        # JavaScript, open action, embedded files, forms, outlines, metadata) stays behind.
        # Stripped before they are copied: the writer clones whatever a page references,
        # and an embedded file cut loose afterwards would still be written as an orphan.
        _strip_active(*pages)
        writer = PdfWriter()
        for page in pages:
            writer.add_page(page)
        _strip_active(writer.root_object)
        out = io.BytesIO()
        writer.write(out)
    except DomainError:
        raise
    except (
        PyPdfError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        OSError,
        RecursionError,
        ZeroDivisionError,
    ) as exc:
        # pypdf's limits (LimitReachedError) end here too: a bomb is refused as damaged.
        raise damaged from exc
    return out.getvalue()


def encrypt(data: bytes) -> tuple[bytes, str]:
    """The file encrypted with a fresh key, and that key (to store encrypted on the row)."""
    key = Fernet.generate_key()
    return Fernet(key).encrypt(data), key.decode("ascii")


def decrypt(token: bytes, key: str) -> bytes:
    return Fernet(key.encode("ascii")).decrypt(token)
