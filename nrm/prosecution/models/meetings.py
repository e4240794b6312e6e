"""Local operational meetings, their agenda and follow-ups, and yearly case targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField
from nrm.prosecution.models.assets import (
    Allocation,
    Asset,
    BackPayClaim,
    BackPayDebtor,
    CivilClaim,
    CivilParty,
    StateFundApplication,
)
from nrm.prosecution.models.cases import (
    CaseAssignment,
    CaseCompany,
    CaseEvidence,
    CaseFile,
    CaseInspection,
    CaseSuspect,
    CaseVictim,
    Hearing,
)
from nrm.prosecution.models.decisions import (
    CaseDecision,
    Judgment,
    PathwayEffect,
    Verdict,
)
from nrm.prosecution.models.qualification import (
    Charge,
    QualificationSnapshot,
)
from nrm.prosecution.models.statements import (
    DisclosureDecision,
    ProtectedStatement,
)
from nrm.prosecution.vocab import (
    Appellant,
    Liability,
)

# Local operational meetings ------------------------------------------------------------------


class OperationalMeeting(models.Model):
    """A local meeting of the prosecutor with labour inspectors and local police about
    concrete case files."""

    office = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        "organisations.Organisation", related_name="+", verbose_name=_("participants")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["office", "held_on"], name="meeting_office_idx")]

    def __str__(self) -> str:
        return f"meeting {self.pk} {self.held_on}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        OperationalMeeting, on_delete=models.PROTECT, related_name="agenda_items"
    )
    case = models.ForeignKey(
        CaseFile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("case file"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    discussion = EncryptedTextField(_("discussion"), blank=True)
    decision = EncryptedTextField(_("decision"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.topic}"


class FollowUp(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="follow_ups")
    description = EncryptedTextField(_("what is to be done"))
    responsible = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The deadline worker's claim (nrm/coordination/reminders.py): stamped once, when it
    # tells the meeting's prosecution office that this open follow-up is overdue.
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["responsible", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="follow_up_open_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: follow-up due {self.due_on}"


# Targets ---------------------------------------------------------------------------------------


class ProsecutionTarget(models.Model):
    """An office's yearly target of trafficking cases (default: a setting)."""

    office = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.PositiveIntegerField(_("target"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "office"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year"], name="one_case_target_per_office_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.year}: {self.target}"


__all__ = [
    "Allocation",
    "Appellant",
    "Asset",
    "BackPayClaim",
    "BackPayDebtor",
    "CaseAssignment",
    "CaseCompany",
    "CaseDecision",
    "CaseEvidence",
    "CaseFile",
    "CaseInspection",
    "CaseSuspect",
    "CaseVictim",
    "Charge",
    "CivilClaim",
    "CivilParty",
    "DisclosureDecision",
    "FollowUp",
    "Hearing",
    "Judgment",
    "Liability",
    "OperationalMeeting",
    "PathwayEffect",
    "ProsecutionTarget",
    "ProtectedStatement",
    "QualificationSnapshot",
    "StateFundApplication",
    "Verdict",
]
