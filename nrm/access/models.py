"""Why an organisation may see a person, and the tamper-evident record of who did what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nrm.core.crypto import EncryptedJSONField


class Purpose(models.TextChoices):
    CARE = "CARE", _("Care and support")
    INVESTIGATION = "INVESTIGATION", _("Investigation and prosecution")
    RESIDENCE_DECISION = "RESIDENCE_DECISION", _("Residence decision")
    STATISTICS = "STATISTICS", _("Statistics")
    ADMINISTRATION = "ADMINISTRATION", _("Administration")


class InvolvementBasis(models.TextChoices):
    FIRST_CONTACT = "FIRST_CONTACT", _("First contact by this organisation")
    SCREENING = "SCREENING", _("Screening at an inspection")
    REFERRAL_RECEIVED = "REFERRAL_RECEIVED", _("Referral received, not yet decided")
    REFERRAL_ACCEPTED = "REFERRAL_ACCEPTED", _("Referral accepted")
    DECISION_REQUIRED = "DECISION_REQUIRED", _("A decision this organisation must take")
    CASE_FILE = "CASE_FILE", _("Named in a case file")
    CONSENT = "CONSENT", _("The person's consent")


class Involvement(models.Model):
    """The reason an organisation may see a person: no involvement, no access (404).

    Created by the act that gives the reason, ended by the act that removes it.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="involvements"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="involvements"
    )
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    basis = models.CharField(_("basis"), max_length=24, choices=InvolvementBasis.choices)
    since = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(null=True, blank=True)
    # When members are assigned, only they (and the organisation's heads) have access.
    assigned_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_involvements"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "person", "until"]),
            # The aftercare worker's pass reads the involvements opened since its last pass
            # (nrm/aftercare/worker.py, meetings_scan): a range scan, not the whole table.
            models.Index(fields=["since"], name="involvement_since_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "purpose"],
                condition=models.Q(until__isnull=True),
                name="one_open_involvement_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"involvement {self.pk}"


class AuditEventType(models.TextChoices):
    # Nouns in a context of their own: "Create" and "End" are also button labels.
    READ = "READ", pgettext_lazy("audit event", "Read")
    CREATE = "CREATE", pgettext_lazy("audit event", "Creation")
    UPDATE = "UPDATE", pgettext_lazy("audit event", "Change")
    END = "END", pgettext_lazy("audit event", "Ending")
    SIGN_IN = "SIGN_IN", pgettext_lazy("audit event", "Sign-in")
    SIGN_IN_FAILED = "SIGN_IN_FAILED", pgettext_lazy("audit event", "Failed sign-in")
    SIGN_OUT = "SIGN_OUT", pgettext_lazy("audit event", "Sign-out")
    EXPORT = "EXPORT", pgettext_lazy("audit event", "Export")


class AuditEvent(models.Model):
    """One row per write and per read of personal data. Append-only, hash-chained.

    A database trigger refuses UPDATE and DELETE; `nrm audit verify` recomputes the chain
    and names the first row that no longer fits (altered, or its predecessor removed).
    `changes` holds old and new values, encrypted like the identities they may contain.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=32, blank=True)
    purpose = models.CharField(max_length=24, choices=Purpose.choices)
    event_type = models.CharField(max_length=16, choices=AuditEventType.choices)
    action = models.CharField(max_length=64)
    record_type = models.CharField(max_length=64)
    record_id = models.CharField(max_length=64)
    changes = EncryptedJSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which of the parallel keyed chains the row is on (nrm/access/audit.py). Null for rows
    # written before keyed chains: they form the start of chain 0, hashed without a key.
    chain = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["record_type", "record_id", "id"])]

    def __str__(self) -> str:
        return f"audit {self.pk}"


class AuditChainHead(models.Model):
    """The end of one chain (row `pk` is chain `pk - 1`). A writer locks one free head, so
    no chain forks and writers on different chains do not wait for each other."""

    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain head at {self.last_event_id}"
