"""Each person's residence-status pathway: the events recorded, the derived state, the deadlines.

The pure engine (`nrm/pathway`) decides what an event does; these tables keep what was
decided, by whom, and the deadlines that follow, so that a worker can claim them.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField


class PathwayRecord(models.Model):
    """One person's pathway in one jurisdiction; `state` is written only by pathway actions."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="pathway")
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8)
    age_at_identification = models.PositiveSmallIntegerField(null=True, blank=True)
    unaccompanied_minor = models.BooleanField(_("unaccompanied minor"), default=False)
    has_legal_stay = models.BooleanField(_("has legal stay"), default=False)
    state = models.CharField(_("status"), max_length=32, blank=True)
    # Optimistic concurrency: a decision names the version it was taken on.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["jurisdiction", "state"])]

    def __str__(self) -> str:
        return f"pathway {self.pk}"


class StatusEvent(models.Model):
    """One accepted event, in the order it was applied."""

    record = models.ForeignKey(PathwayRecord, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField()
    type = models.CharField(_("event"), max_length=40)
    on = models.DateField(_("date"))
    # Event parameters the engine reads: {"positive": bool} or {"days": int}.
    details = models.JSONField(default=dict, blank=True)
    # The evidence behind a condition (complaint reference, centre report...): may name people.
    note = EncryptedTextField(_("evidence or note"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["record", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["record", "sequence"], name="one_event_per_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.on}"


class DeadlineStatus(models.TextChoices):
    OPEN = "OPEN", _("Open")
    CLOSED = "CLOSED", _("Closed")


class Deadline(models.Model):
    """An open legal or product deadline, mirrored from the engine after every event.

    `due_at` and `remind_at` are instants (start of the day in the jurisdiction's time
    zone), indexed, so a worker finds what is due with one range scan and claims it by a
    conditional UPDATE (`notified_at`, `reminded_at`), whatever happened while it was down.
    Both are cleared when the deadline closes.
    The claim indexes are partial: they hold only the rows still to claim, so the scan stays
    as short as the backlog however many deadlines have already been notified.
    """

    record = models.ForeignKey(PathwayRecord, on_delete=models.PROTECT, related_name="deadlines")
    # Copies of the person's pseudonymous reference and of the pathway's jurisdiction, which
    # never change once the deadline exists: listings of due deadlines (the CLI, the feed,
    # the dashboard) read one table, with no join through a million pathways and persons.
    reference = models.CharField(_("reference"), max_length=16)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8)
    kind = models.CharField(_("deadline"), max_length=40)
    due_on = models.DateField(_("due"))
    # Set while the deadline is open, cleared when it closes (`due_on` keeps the date for
    # the history): the column's statistics then describe the open deadlines only, so the
    # planner sizes "due by next week" right however many closed ones pile up.
    due_at = models.DateTimeField(null=True, blank=True)
    remind_at = models.DateTimeField(null=True, blank=True)
    responsible_kind = models.CharField(max_length=32)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
    )
    action = models.CharField(max_length=200)
    setting = models.CharField(max_length=64, blank=True)
    # The organisation that must act before it besides the responsible one: the centre
    # that files the renewal request before an expiry (RULES.md §3.6).
    preparer = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prepared_deadlines",
    )
    status = models.CharField(
        max_length=8, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "kind"]
        indexes = [
            # `nrm deadlines due` and the calendar: open deadlines by due instant. The id
            # completes the query's order (due_at, id), so rows come out of the index in
            # order with no sort at all (issue 17: the sort spilled to disk at 1M persons).
            models.Index(
                fields=["due_at", "id"],
                condition=models.Q(status="OPEN"),
                name="deadline_open_due_idx",
            ),
            # The dashboard and the feed of one organisation.
            models.Index(
                fields=["organisation", "due_at", "id"],
                condition=models.Q(status="OPEN"),
                name="deadline_org_due_idx",
            ),
            models.Index(
                fields=["preparer", "due_at"],
                condition=models.Q(status="OPEN"),
                name="deadline_preparer_due_idx",
            ),
            # The worker's two claims.
            models.Index(
                fields=["due_at"],
                condition=models.Q(status="OPEN", notified_at__isnull=True),
                name="deadline_to_notify_idx",
            ),
            models.Index(
                fields=["remind_at"],
                condition=models.Q(
                    status="OPEN", reminded_at__isnull=True, remind_at__isnull=False
                ),
                name="deadline_to_remind_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "kind"],
                condition=models.Q(status="OPEN"),
                name="one_open_deadline_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_on}"


class NotificationKind(models.TextChoices):
    DUE = "DUE", _("Deadline reached")
    REMINDER = "REMINDER", _("Reminder")


class Notification(models.Model):
    """An in-app notice to the organisation responsible for a deadline.

    `params` keeps what the message needs (reference, deadline kind, due date) rather than
    the sentence itself, so that each reader sees it in their own language.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NotificationKind.choices)
    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="notifications")
    params = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "read_at", "created_at"])]
        constraints = [
            # The worker's claim already makes this so; the database keeps it so.
            models.UniqueConstraint(fields=["deadline", "kind"], name="one_notice_per_deadline")
        ]

    def __str__(self) -> str:
        return f"notification {self.pk}"


class CalendarFeed(models.Model):
    """An organisation's secret iCalendar address. Calendar clients cannot sign in, so the
    address itself is the credential: only its SHA-256 digest is stored, and rotating it
    replaces the digest, which ends the old address."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    digest = models.CharField(max_length=64, unique=True)
    # The purpose the feed's reads are audited under: the creator's.
    purpose = models.CharField(max_length=24)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"calendar feed {self.pk}"


def feed_digest(token: str) -> str:
    # The token is 256 random bits, so a plain hash resists guessing; no slow hash needed.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


# Requests filed by the specialised centre (RULES.md §3.6) ------------------------------------


class RequestStatus(models.TextChoices):
    OPEN = "OPEN", _("Awaiting decision")
    ISSUED = "ISSUED", _("Document issued")
    REFUSED = "REFUSED", _("Refused")
    CLOSED = "CLOSED", _("Closed by another decision")


class DocumentRequest(models.Model):
    """A document the centre asked the immigration office for, and the office's answer.

    Written only by `pathway_event_record`: the DOCUMENT_REQUESTED event opens it, the
    event that ends the engine's REQUEST_DECISION deadline answers it. `reference` copies
    the person's pseudonym so that the inbox reads one table.
    """

    record = models.ForeignKey(PathwayRecord, on_delete=models.PROTECT, related_name="requests")
    reference = models.CharField(_("reference"), max_length=16)
    document = models.CharField(_("document"), max_length=16)
    requested_event = models.OneToOneField(
        StatusEvent, on_delete=models.PROTECT, related_name="document_request"
    )
    centre = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    office = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_requests",
    )
    requested_on = models.DateField(_("requested on"))
    due_on = models.DateField(_("decision due"))
    status = models.CharField(
        _("status"), max_length=8, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    answer_event = models.OneToOneField(
        StatusEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["office", "status", "due_on"]),
            models.Index(fields=["centre", "requested_on"]),
        ]

    def __str__(self) -> str:
        return f"request {self.pk}"


def paper_path(instance: RequestPaper, filename: str) -> str:
    """A random name: neither the uploader's file name nor the reference reaches the disk."""
    today = timezone.localdate()
    return f"requests/{today:%Y/%m}/{secrets.token_hex(16)}.bin"


class RequestPaper(models.Model):
    """A paper attached to a request, encrypted at rest with a key of its own, like the
    inspections' evidence (nrm/core/files.py)."""

    request = models.ForeignKey(DocumentRequest, on_delete=models.PROTECT, related_name="papers")
    original_name = EncryptedTextField(_("file name"), blank=True)
    file = models.FileField(upload_to=paper_path, max_length=200)
    file_key = EncryptedTextField()
    content_type = models.CharField(_("type"), max_length=64)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        return f"paper {self.pk}"


class DocumentLapse(models.Model):
    """A period without a valid document, as the engine found it (RULES.md §3.6, "Lapse"),
    kept so that statistics can count lapses with one query."""

    record = models.ForeignKey(PathwayRecord, on_delete=models.PROTECT, related_name="lapses")
    reference = models.CharField(_("reference"), max_length=16)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8)
    document = models.CharField(_("document"), max_length=16)
    start = models.DateField(_("without a valid document from"))
    until = models.DateField(_("until"))
    status_event = models.ForeignKey(StatusEvent, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["jurisdiction", "start"])]

    def __str__(self) -> str:
        return f"lapse {self.pk}"


class Guardian(models.Model):
    """The guardian of an unaccompanied minor, appointed by the Guardianship Service and
    recorded by the minors' centre. The name and address are personal data: encrypted."""

    record = models.ForeignKey(PathwayRecord, on_delete=models.PROTECT, related_name="guardians")
    status_event = models.OneToOneField(StatusEvent, on_delete=models.PROTECT, related_name="+")
    name = EncryptedTextField(_("guardian"))
    email = EncryptedTextField(_("guardian's e-mail"), blank=True)
    appointed_on = models.DateField(_("appointed on"))

    class Meta:
        ordering = ["appointed_on", "pk"]

    def __str__(self) -> str:
        return f"guardian {self.pk}"


class GuardianNotice(models.Model):
    """That the guardian was informed of a step in the minor's pathway (the step, not its
    evidence note). `emailed_at` is set once the e-mail left, after the commit."""

    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, related_name="notices")
    status_event = models.ForeignKey(StatusEvent, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["guardian", "status_event"], name="one_notice_per_guardian_and_step"
            )
        ]

    def __str__(self) -> str:
        return f"guardian notice {self.pk}"
