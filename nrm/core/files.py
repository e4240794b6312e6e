"""Uploaded files (inspection evidence, the papers of residence requests): what is accepted
(by content, not by name), images cleaned of metadata, and every file encrypted at rest
with a key of its own. In core because several layers take uploads.

Accepted: JPEG, PNG and WebP photos, and PDF documents, recognised by their first bytes.
Photos are decoded and re-encoded with Pillow: EXIF (camera, time, GPS position), XMP,
comments and colour profiles do not survive, and the orientation the camera recorded is
applied to the pixels first so that the photo still stands upright. PDFs are kept as they
are (their metadata is not stripped: a known limit, see the report of issue 4).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import IO

from cryptography.fernet import Fernet
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from nrm.core.errors import DomainError

DEFAULT_MAX_BYTES = 15 * 1024 * 1024
# Larger photos than any phone takes are refused before they are decoded (pixel bombs).
MAX_PIXELS = 60_000_000
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


def read_limited(stream: IO[bytes], size: int | None) -> bytes:
    """The upload's bytes, refusing more than the limit before reading them all."""
    limit = max_bytes()
    if size is not None and size > limit:
        raise _too_large(size)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data))
    return data


def _reencode(data: bytes, content_type: str) -> CleanFile:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise DomainError(_("The photo has too many pixels."), field="file")
            opened.load()
            upright = ImageOps.exif_transpose(opened)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
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
        if b"%%EOF" not in data[-2048:]:
            raise DomainError(_("The PDF is damaged or incomplete."), field="file")
        return CleanFile(data, PDF, metadata_stripped=False)
    return _reencode(data, content_type)


def encrypt(data: bytes) -> tuple[bytes, str]:
    """The file encrypted with a fresh key, and that key (to store encrypted on the row)."""
    key = Fernet.generate_key()
    return Fernet(key).encrypt(data), key.decode("ascii")


def decrypt(token: bytes, key: str) -> bytes:
    return Fernet(key.encode("ascii")).decrypt(token)
