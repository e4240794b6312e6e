"""Records that come from outside the platform, and the linkage keys of its own persons.

Imported rows live in their own tables, each tied to the import batch that brought it, and
are never mixed with operational persons (`people.Person`): a CTDC row is a statistic from
another data collection, not a person anyone here met.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedJSONField


class ImportSource(models.TextChoices):
    CTDC_2020 = "CTDC_2020", _("CTDC global dataset, k-anonymised (2020 layout)")
    CTDC_2024 = "CTDC_2024", _("CTDC global synthetic dataset (2024 layout)")
    HTCDS = "HTCDS", _("HTCDS 2.0 case export")


class ImportBatch(models.Model):
    """One imported file: where the rows came from, who brought them, and its fingerprint."""

    source = models.CharField(_("source"), max_length=16, choices=ImportSource.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")

    def __str__(self) -> str:
        return f"import {self.pk} ({self.source})"


class CtdcRecord(models.Model):
    """One victim-level CTDC row, normalised (see `nrm/exchange/ctdc.py` for the coding)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="ctdc_records")
    line = models.PositiveIntegerField()
    year_of_registration = models.PositiveSmallIntegerField(null=True)
    datasource = models.CharField(max_length=32, blank=True)
    gender = models.CharField(max_length=24, blank=True)  # HTCDS prs_Gender value
    age_broad = models.CharField(max_length=8, blank=True)
    majority_status = models.CharField(max_length=8, blank=True)
    majority_status_at_exploit = models.CharField(max_length=8, blank=True)
    majority_entry = models.CharField(max_length=8, blank=True)
    citizenship = models.CharField(max_length=2, blank=True)  # ISO 3166-1 alpha-2
    country_of_exploitation = models.CharField(max_length=2, blank=True)
    traffick_months = models.CharField(max_length=20, blank=True)
    # One bit per name in ctdc.FLAGS: set = the flag is 1, known = the flag has a value.
    flags_set = models.BigIntegerField(default=0)
    flags_known = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["batch", "line"])]

    def __str__(self) -> str:
        return f"ctdc {self.batch_id}:{self.line}"


class HtcdsRecord(models.Model):
    """One person-case row received in an HTCDS file. Identity fields are encrypted."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="htcds_records")
    line = models.PositiveIntegerField()
    values = models.JSONField(default=dict)  # de-identified HTCDS fields, by name
    identity = EncryptedJSONField(null=True, blank=True)  # prs_FirstName ... when present

    class Meta:
        indexes = [models.Index(fields=["batch", "line"])]

    def __str__(self) -> str:
        return f"htcds {self.batch_id}:{self.line}"


class LinkageKey(models.Model):
    """A person's Bloom-filter linkage key (CLK) and keyed blocking keys.

    Derived from the identity with the installation's linkage secret; it reveals no name
    without that secret, and the secret never leaves the installation. `person_version`
    is the person's version the key was computed from, `key_id` the secret's fingerprint:
    a newer version or another secret makes the key stale.
    """

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="linkage_key"
    )
    clk = models.BinaryField()
    block_keys = models.JSONField(default=list)
    person_version = models.PositiveIntegerField()
    key_id = models.CharField(max_length=16)  # which linkage secret made it
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The worker's watermark is the newest computed_at (an index-only MAX).
        indexes = [models.Index(fields=["computed_at"], name="linkage_key_computed_at_idx")]

    def __str__(self) -> str:
        return f"linkage key {self.pk}"
