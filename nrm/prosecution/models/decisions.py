"""Decisions on a case file (one row per transition of `workflow.DECISIONS`), their effects
on the victims' pathways, judgments and verdicts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField
from nrm.prosecution.models.cases import (
    CaseFile,
    CaseSuspect,
    CaseVictim,
)
from nrm.prosecution.vocab import (
    CaseStatus,
    Instance,
    PathwayEffectStatus,
    Suspension,
    VerdictOutcome,
)

# Decisions -----------------------------------------------------------------------------------


class CaseDecision(models.Model):
    """One decision taken on the case: the history row of one transition of the table."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="decisions")
    transition = models.CharField(_("decision"), max_length=32)
    from_status = models.CharField(max_length=24, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=24, choices=CaseStatus.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # A victim-status opinion concerns one victim.
    victim = models.ForeignKey(
        CaseVictim, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    positive = models.BooleanField(null=True, blank=True)
    reason_code = models.CharField(_("reason"), max_length=24, blank=True)
    reason = EncryptedTextField(_("reasons"), blank=True)
    # Other parameters: the appellant, the defendants a conviction was requested against.
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "decided_on", "recorded_at", "pk"]
        indexes = [
            models.Index(fields=["transition", "decided_on"], name="case_decision_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.transition} {self.decided_on}"


class PathwayEffect(models.Model):
    """What a decision did to a victim's residence-status pathway (nrm.protection), or why
    it did nothing: the note the case page shows next to the decision."""

    decision = models.ForeignKey(
        CaseDecision, on_delete=models.PROTECT, related_name="pathway_effects"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    event_type = models.CharField(max_length=40)
    status = models.CharField(max_length=8, choices=PathwayEffectStatus.choices)
    reason = models.CharField(max_length=500, blank=True)
    status_event = models.ForeignKey(
        "protection.StatusEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["decision", "pk"]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.event_type} {self.status}"


class Judgment(models.Model):
    decision = models.OneToOneField(CaseDecision, on_delete=models.PROTECT, related_name="judgment")
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="judgments")
    court = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    instance = models.CharField(_("instance"), max_length=8, choices=Instance.choices)
    judged_on = models.DateField(_("judged on"))

    class Meta:
        ordering = ["case", "judged_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: judgment {self.judged_on}"


class Verdict(models.Model):
    """The judgment for one defendant."""

    judgment = models.ForeignKey(Judgment, on_delete=models.PROTECT, related_name="verdicts")
    suspect = models.ForeignKey(CaseSuspect, on_delete=models.PROTECT, related_name="verdicts")
    outcome = models.CharField(_("outcome"), max_length=12, choices=VerdictOutcome.choices)
    convicted_of_trafficking = models.BooleanField(_("convicted of trafficking"), default=False)
    prison_months = models.PositiveIntegerField(
        _("prison sentence (months)"), null=True, blank=True
    )
    suspension = models.CharField(
        _("suspension"), max_length=8, choices=Suspension.choices, blank=True
    )
    fine_eur = models.DecimalField(
        _("fine (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscation_eur = models.DecimalField(
        _("confiscation ordered (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["judgment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["judgment", "suspect"], name="one_verdict_per_defendant_and_judgment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judgment_id}: {self.suspect_id} {self.outcome}"
