"""Backups and their restore (`nrm backup --out FILE`, `nrm restore FILE`).

A backup holds every table of the database (Django's serialisation of every model, primary
keys kept), the uploaded files under MEDIA_ROOT (evidence and papers, still encrypted with
their own keys) and the audit trail's checkpoint file, so that `nrm audit verify` passes on
the restored installation. It is encrypted and authenticated with `NRM_BACKUP_KEY` (or
`NRM_BACKUP_KEY_FILE`; Fernet keys, newest first), read from the environment of the person
who runs the command: the web server never needs it, and a stolen backup without it is noise.

The archive is written in frames of at most 8 MiB, each a Fernet token whose plaintext
starts with its index and a last-frame flag: frames cannot be reordered, dropped or cut off
unnoticed, and neither writing nor reading holds the whole backup in memory.

Inside, the rows are serialised in plaintext (encrypted fields as their values), so a
restore works under the installation's current field keys; the ciphertext in the restored
columns is new, the values identical. The snapshot is consistent: one transaction
(REPEATABLE READ on PostgreSQL), the checkpoint file read before it starts, so that every
row a checkpoint names is in the snapshot.

A restore goes only into an empty installation (migrated to the same migrations, no rows
but the content types and permissions that `migrate` creates, no uploaded files, no
checkpoints): it never merges into or overwrites live data.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import struct
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time
from pathlib import Path
from typing import IO, Any

from cryptography.fernet import InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from nrm.core.env import ConfigurationError, fernet_keys, secret_from_env_or_file

MAGIC = b"NRM-BACKUP-1\n"
FRAME = 8 * 1024 * 1024
_HEADER = struct.Struct(">Q?")  # frame index, last frame
_LENGTH = struct.Struct(">I")
FORMAT = 1
# Made by `migrate` in every installation: replaced by the backup's own rows on restore.
_DERIVED = (ContentType, Permission)


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why."""


def backup_keyring() -> MultiFernet:
    from cryptography.fernet import Fernet

    value = secret_from_env_or_file("NRM_BACKUP_KEY")
    if not value:
        raise ConfigurationError(
            "NRM_BACKUP_KEY (or NRM_BACKUP_KEY_FILE) must be set to write or read a backup."
        )
    return MultiFernet([Fernet(key.encode()) for key in fernet_keys("NRM_BACKUP_KEY", value)])


# -- the encrypted container ---------------------------------------------------------------


class _FrameWriter(io.RawIOBase):
    """A write-only stream that encrypts what it receives frame by frame."""

    def __init__(self, out: IO[bytes], keyring: MultiFernet) -> None:
        self._out = out
        self._keyring = keyring
        self._buffer = bytearray()
        self._index = 0
        out.write(MAGIC)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._buffer += bytes(data)
        while len(self._buffer) > FRAME:
            self._emit(bytes(self._buffer[:FRAME]), last=False)
            del self._buffer[:FRAME]
        return len(data)

    def _emit(self, chunk: bytes, *, last: bool) -> None:
        token = self._keyring.encrypt(_HEADER.pack(self._index, last) + chunk)
        self._out.write(_LENGTH.pack(len(token)) + token)
        self._index += 1

    def finish(self) -> None:
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()


def _frames(source: IO[bytes], keyring: MultiFernet) -> Iterator[bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("This is not an Open NRM backup.")
    index = 0
    while True:
        length_bytes = source.read(_LENGTH.size)
        if len(length_bytes) < _LENGTH.size:
            raise BackupError("The backup is cut off: its last part is missing.")
        (length,) = _LENGTH.unpack(length_bytes)
        if length > 2 * FRAME:
            raise BackupError("The backup is damaged.")
        token = source.read(length)
        try:
            plain = keyring.decrypt(token)
        except InvalidToken as exc:
            raise BackupError(
                "The backup cannot be decrypted: wrong NRM_BACKUP_KEY, or it was altered."
            ) from exc
        frame_index, last = _HEADER.unpack(plain[: _HEADER.size])
        if frame_index != index:
            raise BackupError("The backup's parts are out of order.")
        yield plain[_HEADER.size :]
        index += 1
        if last:
            if source.read(1):
                raise BackupError("The backup has data after its last part.")
            return


def _decrypt_to(source: Path, target: IO[bytes], keyring: MultiFernet) -> None:
    with source.open("rb") as encrypted:
        for chunk in _frames(encrypted, keyring):
            target.write(chunk)


# -- what goes in --------------------------------------------------------------------------


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes and times to milliseconds; a backup keeps them whole."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def _all_models() -> list[type[models.Model]]:
    """Every concrete, managed model with a table of its own (m2m tables ride with theirs)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _media_files(root: Path) -> Iterator[Path]:
    if root.exists():
        yield from sorted(path for path in root.rglob("*") if path.is_file())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _checkpoint_file() -> Path | None:
    configured = str(getattr(settings, "NRM_AUDIT_CHECKPOINT_FILE", ""))
    return Path(configured) if configured else None


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _dump_rows(archive: tarfile.TarFile, work: Path) -> dict[str, int]:
    """Every model's rows as JSON lines, inside one consistent read transaction."""
    counts: dict[str, int] = {}
    rows = work / "rows.jsonl"
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                # One snapshot of all tables: rows written meanwhile are in none of them.
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with rows.open("w", encoding="utf-8") as out:
            for model in _all_models():
                queryset = model._base_manager.order_by("pk")
                counts[model._meta.label] = 0
                for obj in queryset.iterator(chunk_size=2000):
                    serializers.serialize("jsonl", [obj], stream=out, cls=_ExactEncoder)
                    counts[model._meta.label] += 1
    archive.add(rows, arcname="rows.jsonl")
    return counts


def backup_write(out: Path) -> dict[str, Any]:
    """Write the encrypted backup to `out`; its manifest is returned."""
    keyring = backup_keyring()
    checkpoint = _checkpoint_file()
    # Read before the database snapshot: every row a checkpoint names is in the snapshot.
    checkpoint_bytes = (
        checkpoint.read_bytes() if checkpoint is not None and checkpoint.exists() else b""
    )
    media_root = Path(settings.MEDIA_ROOT)
    partial = out.with_name(out.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="nrm-backup-") as scratch, partial.open("wb") as raw:
        writer = _FrameWriter(raw, keyring)
        with tarfile.open(fileobj=writer, mode="w|") as archive:
            counts = _dump_rows(archive, Path(scratch))
            media = {}
            for path in _media_files(media_root):
                relative = path.relative_to(media_root).as_posix()
                media[relative] = _sha256(path)
                archive.add(path, arcname=f"media/{relative}", recursive=False)
            _add_bytes(archive, "audit/checkpoints.jsonl", checkpoint_bytes)
            manifest = {
                "format": FORMAT,
                "created_at": datetime.now(UTC).isoformat(),
                "database": connection.vendor,
                "migrations": _applied_migrations(),
                "rows": counts,
                "media": media,
                "checkpoints": hashlib.sha256(checkpoint_bytes).hexdigest(),
            }
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
        writer.finish()
    partial.chmod(0o600)
    partial.replace(out)
    return manifest


# -- restore -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Emptiness:
    empty: bool
    reason: str = ""


def installation_is_empty() -> Emptiness:
    for model in _all_models():
        if model in _DERIVED:
            continue
        if model._base_manager.exists():
            return Emptiness(False, f"the table of {model._meta.label} holds rows")
    if any(_media_files(Path(settings.MEDIA_ROOT))):
        return Emptiness(False, f"{settings.MEDIA_ROOT} holds files")
    checkpoint = _checkpoint_file()
    if checkpoint is not None and checkpoint.exists() and checkpoint.stat().st_size:
        return Emptiness(False, f"the audit checkpoint file {checkpoint} is not empty")
    return Emptiness(True)


def _load_rows(rows: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    loaded: set[type[models.Model]] = set()
    with rows.open("r", encoding="utf-8") as stream, connection.constraint_checks_disabled():
        for deserialized in serializers.deserialize("jsonl", stream):
            obj = deserialized.object
            # An INSERT, never Django's UPDATE-then-INSERT: the audit table's guard refuses
            # any UPDATE statement, even one that would change no row.
            models.Model.save_base(obj, raw=True, force_insert=True)
            for name, values in (deserialized.m2m_data or {}).items():
                getattr(obj, name).set(values)
            label = type(obj)._meta.label
            counts[label] = counts.get(label, 0) + 1
            loaded.add(type(obj))
    connection.check_constraints()
    sequences = connection.ops.sequence_reset_sql(no_style(), list(loaded))
    if sequences:
        with connection.cursor() as cursor:
            for statement in sequences:
                cursor.execute(statement)
    return counts


def _safe_member(member: tarfile.TarInfo) -> bool:
    path = Path(member.name)
    return member.isfile() and not path.is_absolute() and ".." not in path.parts


def backup_restore(source: Path) -> dict[str, Any]:
    """Restore `source` into this empty installation; its manifest is returned."""
    keyring = backup_keyring()
    emptiness = installation_is_empty()
    if not emptiness.empty:
        raise BackupError(
            f"A backup is restored only into an empty installation: {emptiness.reason}."
        )
    with tempfile.TemporaryDirectory(prefix="nrm-restore-") as scratch:
        work = Path(scratch)
        plain = work / "backup.tar"
        with plain.open("wb") as target:
            _decrypt_to(source, target, keyring)
        unpacked = work / "unpacked"
        with tarfile.open(plain, mode="r:") as archive:
            members = archive.getmembers()
            if not all(_safe_member(member) for member in members):
                raise BackupError("The backup names a file outside its own folder.")
            archive.extractall(unpacked, members=members, filter="data")
        plain.unlink()
        manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError("This backup was written by another version of the format.")
        if manifest["migrations"] != _applied_migrations():
            raise BackupError(
                "The installation is not migrated to the backup's version: run the same "
                "release's `nrm migrate` first."
            )
        media_root = Path(settings.MEDIA_ROOT)
        for relative, digest in manifest["media"].items():
            if _sha256(unpacked / "media" / relative) != digest:
                raise BackupError(f"The uploaded file {relative} differs from the manifest.")
        checkpoint_bytes = (unpacked / "audit" / "checkpoints.jsonl").read_bytes()
        written: list[Path] = []
        try:
            with transaction.atomic():
                for derived in _DERIVED:
                    derived._base_manager.all().delete()
                counts = _load_rows(unpacked / "rows.jsonl")
                if counts != {k: v for k, v in manifest["rows"].items() if v}:
                    raise BackupError("The rows restored differ from the backup's manifest.")
                for relative in manifest["media"]:
                    target = media_root / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(unpacked / "media" / relative, target)
                    written.append(target)
                checkpoint = _checkpoint_file()
                if checkpoint is not None and checkpoint_bytes:
                    checkpoint.parent.mkdir(parents=True, exist_ok=True)
                    checkpoint.write_bytes(checkpoint_bytes)
                    written.append(checkpoint)
        except BaseException:
            # The rows are rolled back; the files written so far go with them.
            for path in written:
                path.unlink(missing_ok=True)
            raise
    return dict(manifest)
