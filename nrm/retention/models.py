"""Retention: what the daily job flagged as due, and the legal holds that stop it.

A `RetentionFlag` is one record that has reached the end of its retention period
(`nrm/retention/policy.py`). It is flagged first, visible to the platform's data protection
officer (the administrator) with its record type, reason and grace period; the job
anonymises or deletes it only after the grace period, and only while no hold applies. The
flag names the record by type and id and the person by pseudonymous reference: no content.

A `LegalHold` is a manual hold on a person's records, with reasons, placed by an authorised
role; automatic holds (an open case file, a pending status procedure, an open referral) are
not stored: they are read from the records at each run (`nrm/retention/holds.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField


class FlagStatus(models.TextChoices):
    FLAGGED = "FLAGGED", _("Flagged, in its grace period")
    HELD = "HELD", _("Held")
    DONE = "DONE", _("Done")
    CANCELLED = "CANCELLED", _("No longer due")


class FlagOutcome(models.TextChoices):
    ANONYMISED = "ANONYMISED", _("Anonymised")
    DELETED = "DELETED", _("Deleted")


class FlagBasis(models.TextChoices):
    PERIOD = "PERIOD", _("Retention period over")
    REQUEST = "REQUEST", _("The person asked for erasure")


# Statuses under which a record has its flag: one at a time (a cancelled one may recur).
LIVE_STATUSES = (FlagStatus.FLAGGED, FlagStatus.HELD, FlagStatus.DONE)


class RetentionFlag(models.Model):
    rule = models.CharField(_("record type"), max_length=64)
    record_id = models.BigIntegerField()
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The organisation whose record it is (none for the shared person record).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    purpose = models.CharField(_("purpose"), max_length=24)
    clock_started_on = models.DateField(_("retention counted from"))
    due_on = models.DateField(_("due on"))
    flagged_at = models.DateTimeField(_("flagged at"))
    grace_ends_on = models.DateField(_("grace period ends"))
    status = models.CharField(
        _("status"), max_length=12, choices=FlagStatus.choices, default=FlagStatus.FLAGGED
    )
    # Why it is due: its period ran, or the person asked for erasure (GDPR art. 17).
    basis = models.CharField(max_length=8, choices=FlagBasis.choices, default=FlagBasis.PERIOD)
    # Codes of the holds found at the last run (nrm/retention/holds.py HoldKind).
    holds = models.JSONField(default=list, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=FlagOutcome.choices, blank=True)

    class Meta:
        ordering = ["grace_ends_on", "pk"]
        indexes = [
            # The worker's claim: flagged rows whose grace period has ended.
            models.Index(fields=["status", "grace_ends_on"], name="retention_flag_claim_idx"),
            models.Index(fields=["person", "status"], name="retention_flag_person_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "record_id"],
                condition=models.Q(status__in=["FLAGGED", "HELD", "DONE"]),
                name="one_live_retention_flag_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"retention flag {self.pk}"


class LegalHold(models.Model):
    """Keeps every record of a person from anonymisation until it is released."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # Reasons may name a procedure or a request: encrypted like the records they protect.
    reason = EncryptedTextField(_("reasons"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-placed_at", "pk"]
        indexes = [models.Index(fields=["person", "released_at"], name="legal_hold_person_idx")]

    def __str__(self) -> str:
        return f"legal hold {self.pk}"


class RetentionPass(models.Model):
    """One run of the job per calendar day from the deadline worker: the worker passes
    every minute, and the first pass of a day claims the day by inserting this row."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"retention pass {self.day}"
