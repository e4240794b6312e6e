"""Where each record type of the retention rules lives, and how its clock is read.

The retention app reads across every app (layer 7): a record type binds a rule key of
`nrm/retention/policy.py` to a model, the path to the person it is about, the path to the
organisation that holds it, its own date, and the fields that anonymisation blanks. The
fields are the record's encrypted identity and free-text fields: the platform encrypts
exactly what identifies or describes a person, and keeps in clear the categories that the
statistics count, so blanking them de-identifies the record and leaves the facts intact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from nrm.access.models import Involvement
from nrm.retention.models import LIVE_STATUSES, RetentionFlag


@dataclass(frozen=True)
class RecordType:
    key: str
    person: str | None  # ORM path to the person's id
    holder: str | None  # ORM path to the holding organisation's id
    own_date: str  # ORM path to a timestamp: the clock when no involvement says otherwise
    fields: tuple[str, ...]  # blanked by anonymisation
    # Uploaded files: deleted from storage. Their key is among `fields`, so the file is
    # unreadable from the moment the row is blanked, in backups too (crypto-shredding).
    files: tuple[str, ...] = ()

    @property
    def model(self) -> type[Model]:
        app_label, model_name = self.key.split(".")
        return apps.get_model(app_label, model_name)


PERSON_FIELDS = (
    "given_names",
    "family_name",
    "other_names",
    "birth_date",
    "documents",
    "phone",
    "email",
    "address",
)

RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("people.person", "id", None, "created_at", PERSON_FIELDS),
    RecordType("people.supportoverride", "person_id", "organisation_id", "decided_at", ("reason",)),
    RecordType(
        "referrals.referral",
        "person_id",
        "referred_organisation_id",
        "created_at",
        ("details", "decision_reason"),
    ),
    RecordType("referrals.hotlineentry", "person_id", "centre_id", "contact_at", ("summary",)),
    RecordType("care.carenote", "person_id", "organisation_id", "written_at", ("text",)),
    RecordType(
        "care.supportplan",
        "person_id",
        "organisation_id",
        "created_at",
        ("objectives", "action_plan"),
    ),
    RecordType("care.servicedelivery", "person_id", "organisation_id", "recorded_at", ("note",)),
    RecordType(
        "care.placement",
        "person_id",
        "shelter__organisation_id",
        "created_at",
        ("departure_note",),
    ),
    RecordType("inspections.screening", "person_id", "organisation_id", "created_at", ("notes",)),
    RecordType(
        "inspections.observation",
        "person_id",
        "organisation_id",
        "screening__created_at",
        ("note",),
    ),
    RecordType(
        "inspections.evidence",
        "person_id",
        "organisation_id",
        "uploaded_at",
        ("description", "original_name", "file_key"),
        ("file",),
    ),
    RecordType(
        "protection.statusevent", "record__person_id", "organisation_id", "recorded_at", ("note",)
    ),
    RecordType(
        "protection.requestpaper",
        "request__record__person_id",
        "request__centre_id",
        "uploaded_at",
        ("original_name", "file_key"),
        ("file",),
    ),
    RecordType(
        "protection.guardian",
        "record__person_id",
        None,
        "status_event__recorded_at",
        ("name", "email"),
    ),
    RecordType(
        "prosecution.protectedstatement",
        "victim__person_id",
        "case__office_id",
        "recorded_at",
        ("text",),
    ),
    RecordType("exchange.htcdsrecord", None, None, "batch__imported_at", ("identity",)),
)


@cache
def record_type(key: str) -> RecordType:
    for candidate in RECORD_TYPES:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def _open(now: dt.datetime) -> Q:
    return Q(until__isnull=True) | Q(until__gt=now)


def involvements_of(kind: RecordType) -> QuerySet[Involvement]:
    """The involvements that start a record's clock: its holder's with its person, or any
    organisation's with the person when the record has no holder."""
    assert kind.person is not None
    related = Involvement.objects.filter(person_id=OuterRef(kind.person))
    if kind.holder is not None:
        related = related.filter(organisation_id=OuterRef(kind.holder))
    return related


def with_clock(kind: RecordType, now: dt.datetime, *, flagged_ok: bool = False) -> QuerySet[Model]:
    """The type's records (not flagged yet, unless `flagged_ok`), with `_clock` (when their
    retention period started), leaving out those whose holder still works with the person."""
    qs: QuerySet[Model] = kind.model._default_manager.order_by("pk")
    if not flagged_ok:
        live = RetentionFlag.objects.filter(
            rule=kind.key, record_id=OuterRef("pk"), status__in=LIVE_STATUSES
        )
        qs = qs.annotate(_flagged=Exists(live)).filter(_flagged=False)
    if kind.person is None:
        clocked: QuerySet[Model] = qs.annotate(_clock=F(kind.own_date))
        return clocked
    related = involvements_of(kind)
    last_end = related.filter(until__isnull=False).order_by("-until").values("until")[:1]
    closed: QuerySet[Model] = qs.annotate(
        _open=Exists(related.filter(_open(now))),
        _clock=Coalesce(Subquery(last_end), F(kind.own_date), output_field=DateTimeField()),
    ).filter(_open=False)
    return closed


@dataclass(frozen=True)
class Candidate:
    record_id: int
    person_id: int | None
    organisation_id: int | None
    clock_started_on: dt.date


def candidates(
    kind: RecordType,
    *,
    now: dt.datetime,
    period_days: int,
    only: int | None = None,
    flagged_ok: bool = False,
) -> Iterator[Candidate]:
    """Records of `kind` whose period of `period_days` has run by `now`'s date (in the
    installation's time zone), not yet flagged; `only` narrows it to one record."""
    today = timezone.localdate(now)
    last_clock_day = today - dt.timedelta(days=period_days)
    cutoff = timezone.make_aware(
        dt.datetime.combine(last_clock_day + dt.timedelta(days=1), dt.time())
    )
    qs = with_clock(kind, now, flagged_ok=flagged_ok).filter(_clock__lt=cutoff)
    if only is not None:
        qs = qs.filter(pk=only)
    columns = ["pk", "_clock"]
    columns += [kind.person] if kind.person else []
    columns += [kind.holder] if kind.holder else []
    for row in qs.values(*columns).iterator(chunk_size=2000):
        yield Candidate(
            record_id=row["pk"],
            person_id=row[kind.person] if kind.person else None,
            organisation_id=row[kind.holder] if kind.holder else None,
            clock_started_on=timezone.localdate(row["_clock"]),
        )


def blank_values(kind: RecordType) -> dict[str, object]:
    """What anonymisation writes: empty text, or null where the column allows it."""
    model = kind.model
    values: dict[str, object] = {}
    for name in kind.fields:
        field = model._meta.get_field(name)
        values[name] = None if getattr(field, "null", False) else ""
    return values
