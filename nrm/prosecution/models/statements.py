"""Victims' protected statements, kept apart from the case file, and the judge's
disclosure decisions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField
from nrm.core.references import readable_reference
from nrm.prosecution.models.cases import (
    CaseFile,
    CaseSuspect,
    CaseVictim,
)
from nrm.prosecution.vocab import (
    DisclosureOutcome,
    DisclosureScope,
)


def new_statement_reference() -> str:
    return readable_reference("T")


# Protected statements ------------------------------------------------------------------------


class ProtectedStatement(models.Model):
    """A victim's statement, kept apart from the case file. Read by the case's prosecutors
    and its court; reaches the defence only through a judge's `DisclosureDecision`."""

    reference = models.CharField(
        _("reference"),
        max_length=16,
        unique=True,
        default=new_statement_reference,
        editable=False,
    )
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="+")
    victim = models.ForeignKey(CaseVictim, on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField(_("taken on"))
    language = models.CharField(_("language"), max_length=3, blank=True)
    text = EncryptedTextField(_("statement"))
    taken_by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "taken_on", "pk"]

    def __str__(self) -> str:
        return self.reference


class DisclosureDecision(models.Model):
    """A judge's decision whether, when and how a statement reaches the defence.

    A granted decision allows exactly one export for the defence (`exported_at`, claimed
    with a conditional UPDATE), within its scope and conditions, until `valid_until`.
    """

    statement = models.ForeignKey(
        ProtectedStatement, on_delete=models.PROTECT, related_name="disclosures"
    )
    court = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"))
    outcome = models.CharField(_("decision"), max_length=8, choices=DisclosureOutcome.choices)
    scope = models.CharField(_("scope"), max_length=8, choices=DisclosureScope.choices, blank=True)
    # The version the defence may see when the scope is REDACTED, written by the judge.
    redacted_text = EncryptedTextField(_("redacted version"), blank=True)
    conditions = EncryptedTextField(_("conditions"), blank=True)
    questioning_allowed = models.BooleanField(
        _("the defence may question the victim"), default=False
    )
    # The defence of one defendant, or (null) of every defendant.
    defence_of = models.ForeignKey(
        CaseSuspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("defence of"),
    )
    # The lawyer who receives it (not a platform user): encrypted.
    recipient = EncryptedTextField(_("handed to"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["statement", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.outcome} {self.decided_on}"
