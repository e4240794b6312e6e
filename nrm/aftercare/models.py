"""After support: the exit plan, the follow-up contacts, their outcomes, re-trafficking.

The UK's reviews found that nobody knows what happens to victims after support or whether
they are trafficked again. A centre that ends its support records where the person is going
(move-on, return, independent living) and then keeps in touch at fixed intervals (3, 6 and
12 months by default, `NRM_AFTERCARE_FOLLOW_UP_MONTHS`); each contact ends with an outcome
in fixed categories, counted (never listed) in the rapporteur's statistics. When a person
whose support ended is met again by any organisation, the worker raises a re-trafficking
flag for the centre that accompanied them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField


class ExitPathway(models.TextChoices):
    MOVE_ON = "MOVE_ON", _("Move-on accommodation with support")
    INDEPENDENT_LIVING = "INDEPENDENT_LIVING", _("Independent living")
    RETURN = "RETURN", _("Return to the country of origin")
    TRANSFER = "TRANSFER", _("Transfer to another service")
    OTHER = "OTHER", _("Other")


class ContactOutcome(models.TextChoices):
    """Fixed categories, so that the rapporteur can count them across centres."""

    SAFE_AND_STABLE = "SAFE_AND_STABLE", _("Safe and stable")
    STABLE_WITH_SUPPORT = "STABLE_WITH_SUPPORT", _("Stable, with support from other services")
    AT_RISK = "AT_RISK", _("At risk (debt, loss of work or housing, contact with exploiters)")
    RE_EXPLOITED = "RE_EXPLOITED", _("Exploited again")
    NOT_REACHED = "NOT_REACHED", _("Could not be reached")
    DECLINED = "DECLINED", _("Declined further contact")


class ContactChannel(models.TextChoices):
    PHONE = "PHONE", _("Phone")
    VISIT = "VISIT", _("Visit")
    MESSAGE = "MESSAGE", _("Message")
    THROUGH_PARTNER = "THROUGH_PARTNER", _("Through a partner organisation")


class ExitPlan(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    pathway = models.CharField(
        _("where the person is going"), max_length=24, choices=ExitPathway.choices
    )
    support_ended_on = models.DateField(_("support ended on"))
    # What was agreed with the person: contacts, services, risks. Care data: encrypted.
    summary = EncryptedTextField(_("what was agreed"), blank=True)
    # The person may decline follow-up; then no contact is scheduled.
    follow_up_agreed = models.BooleanField(
        _("the person agrees to follow-up contacts"), default=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-support_ended_on", "-id"]
        verbose_name = _("exit plan")
        verbose_name_plural = _("exit plans")
        indexes = [models.Index(fields=["organisation", "person"])]

    def __str__(self) -> str:
        return f"exit plan {self.pk}"


class FollowUpContact(models.Model):
    """One scheduled contact after support. The worker claims `reminded_at` once, when the
    contact falls due (the same claim as the coordination reminders)."""

    plan = models.ForeignKey(ExitPlan, on_delete=models.PROTECT, related_name="contacts")
    months = models.PositiveSmallIntegerField(_("months after support"))
    due_on = models.DateField(_("due"))
    remind_at = models.DateTimeField(db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    done_on = models.DateField(_("contact on"), null=True, blank=True)
    channel = models.CharField(_("how"), max_length=16, choices=ContactChannel.choices, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=ContactOutcome.choices, blank=True
    )
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "months"], name="one_contact_per_interval"),
            models.CheckConstraint(
                condition=models.Q(done_on__isnull=True, outcome="")
                | (models.Q(done_on__isnull=False) & ~models.Q(outcome="")),
                name="a_done_contact_has_an_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"follow-up {self.plan_id}+{self.months}m"


class FlagBasis(models.TextChoices):
    SAME_RECORD = "SAME_RECORD", _("The same person record was met again")
    LINKAGE = "LINKAGE", _("A new record links to this person (de-duplication)")


class RetraffickingFlag(models.Model):
    """A person whose support ended was met again: the centre that accompanied them looks
    at it. The flag says who met them and when, never why (that is the other
    organisation's record)."""

    plan = models.ForeignKey(ExitPlan, on_delete=models.PROTECT, related_name="flags")
    # The record met again: the plan's own person, or a linked new record.
    met_person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    met_by = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    met_on = models.DateTimeField()
    basis = models.CharField(max_length=16, choices=FlagBasis.choices)
    raised_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed = models.BooleanField(null=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "met_person", "met_by"], name="one_flag_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"flag {self.pk}"


class MeetingScan(models.Model):
    """How far the worker has looked for persons met again (one row). Involvements opened
    after `scanned_until` (less a margin for transactions still open) are looked at next."""

    scanned_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"scanned until {self.scanned_until}"
