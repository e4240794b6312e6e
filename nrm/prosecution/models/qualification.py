"""Dated qualification snapshots and the charges per suspect."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedJSONField, EncryptedTextField
from nrm.prosecution.models.cases import (
    CaseFile,
    CaseSuspect,
)

# Qualification and charges -----------------------------------------------------------------


class QualificationSnapshot(models.Model):
    """The qualification engine's result for the case facts, frozen on the day it was taken:
    the facts document, the result document (CONTRACTS.md §1), the rulesets applied."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="qualifications")
    taken_on = models.DateField(_("date"))
    # Encrypted: the facts describe what happened to a victim, the result repeats them.
    facts = EncryptedJSONField(_("facts"))
    result = EncryptedJSONField(_("result"))
    rulesets = models.JSONField(_("rulesets"), default=list)
    jurisdictions = models.JSONField(_("jurisdictions"), default=list)
    # The result under the installation's own law, for lists.
    summary = models.CharField(_("result"), max_length=40, blank=True)
    # The language the explanation sentences were written in.
    language = models.CharField(max_length=8)
    note = EncryptedTextField(_("note"), blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "-taken_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: qualification {self.taken_on}"


class Charge(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="charges")
    suspect = models.ForeignKey(CaseSuspect, on_delete=models.PROTECT, related_name="charges")
    # A provision id as the qualification engine names them (BE-CP-433quinquies, ...).
    provision = models.CharField(_("provision"), max_length=40)
    is_trafficking = models.BooleanField(_("trafficking charge"), default=False)
    description = models.CharField(_("description"), max_length=300, blank=True)
    snapshot = models.ForeignKey(
        QualificationSnapshot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on the qualification of"),
    )
    added_on = models.DateField(_("charged on"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "suspect", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["suspect", "provision"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="a_provision_once_per_suspect",
            )
        ]

    def __str__(self) -> str:
        return f"{self.suspect_id}: {self.provision}"
