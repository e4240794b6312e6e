"""Every write of the exchange app: imports and linkage keys. Atomic and audited.

Imports are all or nothing: the rows are validated and written inside one transaction
while the file streams past; at the end, any error rolls the whole file back, and every
error found (line, column, value) is reported. A dry run validates only.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Purpose
from nrm.access.policy import Ability, decide
from nrm.core.errors import PermissionDenied
from nrm.core.text import Message
from nrm.exchange import ctdc, htcds
from nrm.exchange.keys import changed_persons, identity_of, linkage_encoder, stale_persons
from nrm.exchange.linkage import Encoder
from nrm.exchange.models import CtdcRecord, HtcdsRecord, ImportBatch, ImportSource, LinkageKey
from nrm.people.models import Person

CHUNK_ROWS = 20_000
NOT_UTF8 = gettext_noop("This line is not UTF-8 text; save the file as UTF-8.")
Progress = Callable[[int], None]  # bytes read since the last call


@dataclass
class ImportReport:
    source: str = ""
    rows: int = 0
    errors: list[ctdc.RowError] = field(default_factory=list)
    batch_id: int | None = None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "imported": 0 if (self.dry_run or self.errors) else self.rows,
            "batch": self.batch_id,
            "errors": [
                {
                    "line": e.line,
                    "column": e.column,
                    "value": e.value,
                    "message": e.message.render(_),
                }
                for e in self.errors
            ],
        }


class _Rollback(Exception):
    """Raised inside the import's transaction to undo it after an error."""


def _may_import(actor: Actor | None) -> None:
    # The operator's shell (actor None) may import; a named user needs the statistics duty.
    if actor is not None:
        decision = decide(actor, Ability.STATISTICS_VIEW)
        if not decision.allowed:
            raise PermissionDenied(decision.reason)


class _Writer:
    """Bulk insert of normalised rows: COPY on PostgreSQL, executemany elsewhere.

    On PostgreSQL one COPY stays open for the whole file, so the server stores chunk N
    while Python validates chunk N+1 (a COPY per chunk would wait for the server each
    time). Used as a context manager: leaving it on an exception aborts the COPY, and the
    import's transaction rolls everything back.
    """

    columns = ("batch_id", "line", *ctdc.STORED_COLUMNS)

    def __init__(self, batch_id: int) -> None:
        self.batch_id = batch_id
        self.copy = connection.vendor == "postgresql"
        self.lines: list[str] = []
        self.rows: list[tuple[object, ...]] = []
        self.table = CtdcRecord._meta.db_table
        self._stack = contextlib.ExitStack()
        self._copy: Any = None

    def __enter__(self) -> _Writer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.__exit__(*exc_info)  # type: ignore[arg-type]

    def add(self, line: int, row: ctdc.CtdcRow) -> None:
        if self.copy:
            # Every value comes from a closed vocabulary (no tab, newline or backslash), so
            # COPY's text format needs no escaping beyond \N for NULL; one f-string a row.
            year = "\\N" if row[0] is None else row[0]
            self.lines.append(
                f"{self.batch_id}\t{line}\t{year}\t{row[1]}\t{row[2]}\t{row[3]}\t{row[4]}\t"
                f"{row[5]}\t{row[6]}\t{row[7]}\t{row[8]}\t{row[9]}\t{row[10]}\t{row[11]}\n"
            )
        else:
            self.rows.append((self.batch_id, line, *row))

    def __len__(self) -> int:
        return len(self.lines) + len(self.rows)

    def flush(self) -> None:
        names = ", ".join(self.columns)
        if self.lines:
            if self._copy is None:
                cursor = self._stack.enter_context(connection.cursor())
                sql = f"COPY {self.table} ({names}) FROM STDIN"
                self._copy = self._stack.enter_context(cursor.cursor.copy(sql))
            self._copy.write("".join(self.lines).encode("utf-8"))
            self.lines = []
        if self.rows:
            marks = ", ".join(["%s"] * len(self.columns))
            sql = f"INSERT INTO {self.table} ({names}) VALUES ({marks})"  # noqa: S608  # nosec B608  # model identifiers, values are parameters
            with connection.cursor() as cursor:
                cursor.executemany(sql, self.rows)  # type: ignore[arg-type]
            self.rows = []

    def close(self) -> None:
        """Send what is left and end the COPY (the connection is free again after it)."""
        self.flush()
        self._stack.close()


def ctdc_import(
    *,
    actor: Actor | None,
    actor_label: str,
    path: Path,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one CTDC file (either layout), all or nothing; see the module docstring."""
    _may_import(actor)
    report = ImportReport(dry_run=dry_run)
    try:
        with path.open("rb") as binary, transaction.atomic(), contextlib.ExitStack() as open_:
            # C-level decoding and line splitting; the exact line of an encoding error is
            # found afterwards by the slow scan, which only a bad file pays for.
            text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            try:
                first = text.readline()
            except UnicodeDecodeError:
                raise _encoding_error(path) from None
            if not first:
                raise ctdc.FileError(
                    ctdc.RowError(1, "", "", Message(gettext_noop("The file is empty.")))
                )
            delimiter = ctdc.detect_delimiter(first)
            reader = csv.reader(
                itertools.chain([first], text), delimiter=delimiter, strict=True
            )
            try:
                header = ctdc.read_header(next(reader))
            except csv.Error as exc:
                raise _csv_error(1, exc) from None
            report.source = header.layout.value
            row_of = ctdc.RowReader(header).row
            batch: ImportBatch | None = None
            writer: _Writer | None = None
            if not dry_run:
                batch = ImportBatch.objects.create(
                    source=header.layout.value,
                    file_name=path.name[:255],
                    sha256="",
                    imported_by=actor.user if actor else None,
                    actor_label=actor.label if actor else actor_label,
                )
                writer = open_.enter_context(_Writer(batch.pk))
            errors = report.errors
            count = 0
            read = 0
            pending = 0  # rows added since the last flush (no method call per row)
            try:
                for cells in reader:
                    if not cells:
                        continue  # a blank line, as spreadsheets leave at the end
                    count += 1
                    row = row_of(reader.line_num, cells, errors)
                    if row is not None and writer is not None and not errors:
                        writer.add(reader.line_num, row)
                        pending += 1
                        if pending >= CHUNK_ROWS:
                            writer.flush()
                            pending = 0
                    if progress is not None and count % CHUNK_ROWS == 0:
                        position = binary.tell()
                        progress(position - read)
                        read = position
            except csv.Error as exc:
                raise _csv_error(reader.line_num, exc) from None
            except UnicodeDecodeError:
                raise _encoding_error(path) from None
            if progress is not None:
                progress(path.stat().st_size - read)
            report.rows = count
            if errors:
                raise _Rollback
            if batch is None or writer is None:
                raise _Rollback  # dry run: nothing is kept
            writer.close()
            binary.seek(0)
            batch.rows = count
            batch.sha256 = hashlib.file_digest(binary, "sha256").hexdigest()
            batch.save(update_fields=["rows", "sha256"])
            report.batch_id = batch.pk
            audit_record(
                actor=actor,
                actor_label=actor_label,
                event_type=AuditEventType.CREATE,
                action="ctdc_import",
                record=batch,
                purpose=Purpose.STATISTICS,
                changes={"source": batch.source, "rows": count, "sha256": batch.sha256},
            )
    except _Rollback:
        report.batch_id = None
    except ctdc.FileError as exc:
        report.batch_id = None
        report.errors.append(exc.error)
    return report


def _encoding_error(path: Path) -> ctdc.FileError:
    """The first line that is not UTF-8, with the cell that holds the bad bytes."""
    with path.open("rb") as binary:
        for number, raw in enumerate(binary, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                shown = raw.decode("utf-8", errors="replace")
                cells = shown.replace(";", ",").split(",")
                cell = next((c for c in cells if "\ufffd" in c), shown)
                return ctdc.FileError(
                    ctdc.RowError(number, "", cell.strip()[:80], Message(NOT_UTF8))
                )
    return ctdc.FileError(ctdc.RowError(1, "", "", Message(NOT_UTF8)))


def _csv_error(line: int, exc: csv.Error) -> ctdc.FileError:
    return ctdc.FileError(
        ctdc.RowError(
            line,
            "",
            str(exc)[:80],
            Message(gettext_noop("This line is not valid CSV (check the quotes).")),
        )
    )


def htcds_import(
    *, actor: Actor | None, actor_label: str, path: Path, dry_run: bool = False
) -> ImportReport:
    """Import an HTCDS 2.0 case file written by `nrm export htcds`, all or nothing."""
    _may_import(actor)
    report = ImportReport(source=ImportSource.HTCDS, dry_run=dry_run)
    data = path.read_bytes()
    digest = hashlib.sha256(data)
    try:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ctdc.FileError(
                ctdc.RowError(line, "", "", Message(NOT_UTF8))
            ) from None
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            names = htcds.check_header(next(reader, []))
            parsed: list[tuple[int, dict[str, str], dict[str, str]]] = []
            for cells in reader:
                if not cells:
                    continue
                row = htcds.check_row(reader.line_num, names, cells, report.errors)
                if row is not None:
                    parsed.append((reader.line_num, *row))
        except csv.Error as exc:
            raise _csv_error(reader.line_num, exc) from None
        report.rows = len(parsed) + len({e.line for e in report.errors})
        if report.errors or dry_run:
            return report
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                source=ImportSource.HTCDS,
                file_name=path.name[:255],
                sha256=digest.hexdigest(),
                rows=len(parsed),
                imported_by=actor.user if actor else None,
                actor_label=actor.label if actor else actor_label,
            )
            HtcdsRecord.objects.bulk_create(
                HtcdsRecord(batch=batch, line=line, values=values, identity=identity or None)
                for line, values, identity in parsed
            )
            audit_record(
                actor=actor,
                actor_label=actor_label,
                event_type=AuditEventType.CREATE,
                action="htcds_import",
                record=batch,
                purpose=Purpose.STATISTICS,
                changes={"rows": len(parsed), "sha256": batch.sha256},
            )
            report.batch_id = batch.pk
    except ctdc.FileError as exc:
        report.errors.append(exc.error)
    return report


# --- linkage keys ------------------------------------------------------------------------


def _may_link(actor: Actor | None) -> None:
    if actor is not None and not (
        decide(actor, Ability.STATISTICS_VIEW).allowed
        or decide(actor, Ability.MECHANISM_OVERVIEW).allowed
    ):
        raise PermissionDenied(_("Your role does not allow this."))


@transaction.atomic
def linkage_keys_refresh(
    *, actor: Actor | None, actor_label: str = "", everything: bool = False
) -> int:
    """(Re)compute the linkage keys that are missing or stale; all of them with `everything`.

    The identities are decrypted here, inside the installation, and only the keys are
    stored; no identity is shown or logged. Returns how many keys were computed.
    """
    _may_link(actor)
    encoder = linkage_encoder()
    persons = Person.objects.all() if everything else stale_persons(encoder.key_id)
    computed = _compute_keys(encoder, persons)
    audit_record(
        actor=actor,
        actor_label=actor_label,
        event_type=AuditEventType.UPDATE,
        action="linkage_keys_refresh",
        record_type=LinkageKey._meta.label_lower,
        record_id="*",
        purpose=Purpose.STATISTICS,
        changes={"computed": computed, "key_id": encoder.key_id, "everything": everything},
    )
    return computed


LINKAGE_WORKER_LABEL = "linkage worker"


@transaction.atomic
def linkage_keys_refresh_changed() -> int:
    """The worker's pass: recompute the keys of persons recorded or edited since the last
    keys were computed (`keys.changed_persons`, an indexed range scan), and audit that only
    when some were computed, so an idle installation's trail is not filled with empty passes.

    `people` sits below `exchange` and cannot ask for its keys when a person changes; a
    worker (an edge: `nrm deadlines run`) calls this instead. Returns how many keys were
    computed; 0 when none exists yet (the first keys are `nrm linkage rebuild`'s work).
    """
    encoder = linkage_encoder()
    persons = changed_persons(encoder.key_id)
    if persons is None:
        return 0
    computed = _compute_keys(encoder, persons)
    if computed:
        audit_record(
            actor=None,
            actor_label=LINKAGE_WORKER_LABEL,
            event_type=AuditEventType.UPDATE,
            action="linkage_keys_refresh",
            record_type=LinkageKey._meta.label_lower,
            record_id="*",
            purpose=Purpose.STATISTICS,
            changes={"computed": computed, "key_id": encoder.key_id, "everything": False},
        )
    return computed


def _compute_keys(encoder: Encoder, persons: QuerySet[Person]) -> int:
    computed = 0
    batch: list[LinkageKey] = []
    done: list[int] = []
    for person in persons.order_by("pk").iterator(chunk_size=2000):
        identity = identity_of(person)
        batch.append(
            LinkageKey(
                person_id=person.pk,
                clk=encoder.clk(identity),
                block_keys=encoder.block_keys(identity),
                person_version=person.version,
                key_id=encoder.key_id,
                computed_at=timezone.now(),
            )
        )
        done.append(person.pk)
        if len(batch) >= 2000:
            _replace_keys(done, batch)
            computed += len(batch)
            batch, done = [], []
    if batch:
        _replace_keys(done, batch)
        computed += len(batch)
    return computed


def _replace_keys(person_ids: list[int], keys: list[LinkageKey]) -> None:
    LinkageKey.objects.filter(person_id__in=person_ids).delete()
    LinkageKey.objects.bulk_create(keys)
