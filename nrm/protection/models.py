"""Each person's residence-status pathway: the events recorded, the derived state, the deadlines.

The pure engine (`nrm/pathway`) decides what an event does; these tables keep what was
decided, by whom, and the deadlines that follow, so that a worker can claim them.
"""

from __future__ import annotations

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
    """

    record = models.ForeignKey(PathwayRecord, on_delete=models.PROTECT, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=40)
    due_on = models.DateField(_("due"))
    due_at = models.DateTimeField()
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
            models.Index(fields=["status", "due_at"], name="deadline_due_idx"),
            models.Index(fields=["status", "remind_at"], name="deadline_remind_idx"),
            models.Index(fields=["organisation", "status", "due_on"], name="deadline_org_idx"),
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
