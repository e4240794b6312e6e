"""Formal identification decisions: is this person a victim of trafficking?

In Denmark two authorities decide, by the person's stay (RULES.md §6): the Danish
Immigration Service for a person without legal stay, the Center mod Menneskehandel (CMM)
for a person with legal stay, Danes and EU citizens included. A decision is positive or
negative, with its reasons; the person is informed of it; a negative decision can be
reconsidered, which gives a new decision. A positive one opens the victim's rights: the
CMM's support and the reflection (or restitution) period, through the person's pathway.

`status` is written only by the workflow (`workflow.DECISIONS`, `nrm.core.workflow.take`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField


class Outcome(models.TextChoices):
    POSITIVE = "POSITIVE", _("Identified as a victim")
    NEGATIVE = "NEGATIVE", _("Not identified as a victim")


class DecisionStatus(models.TextChoices):
    DECIDED = "DECIDED", _("Decided; the person is not informed yet")
    INFORMED = "INFORMED", _("The person is informed")
    RECONSIDERATION_REQUESTED = "RECONSIDERATION_REQUESTED", _("Reconsideration requested")
    RECONSIDERED = "RECONSIDERED", _("Replaced by a new decision")


class InformedHow(models.TextChoices):
    IN_PERSON = "IN_PERSON", _("In person")
    WITH_INTERPRETER = "WITH_INTERPRETER", _("In person, with an interpreter")
    IN_WRITING = "IN_WRITING", _("In writing")
    THROUGH_CONTACT_PERSON = "THROUGH_CONTACT_PERSON", _("Through the CMM contact person")


class IdentificationDecision(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="identification_decisions"
    )
    # The deciding authority; `legal_stay` is the fact that made it the competent one.
    body = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    legal_stay = models.BooleanField(_("has legal stay"))
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    # The reasons may describe the exploitation and name people: encrypted.
    reasons = EncryptedTextField(_("reasons"))
    decided_on = models.DateField(_("decided on"))
    status = models.CharField(
        _("status"), max_length=32, choices=DecisionStatus.choices, default=DecisionStatus.DECIDED
    )
    version = models.PositiveIntegerField(default=0)
    informed_on = models.DateField(_("person informed on"), null=True, blank=True)
    informed_how = models.CharField(
        _("how the person was informed"), max_length=32, choices=InformedHow.choices, blank=True
    )
    reconsideration_requested_on = models.DateField(null=True, blank=True)
    reconsideration_grounds = EncryptedTextField(_("grounds for reconsideration"), blank=True)
    # The negative decision this one reconsidered.
    reconsiders = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reconsidered_by"
    )
    # The pathway step a positive decision recorded (IDENTIFIED), if it did.
    status_event = models.ForeignKey(
        "protection.StatusEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["person", "decided_on", "pk"]
        indexes = [models.Index(fields=["body", "status", "decided_on"])]
        constraints = [
            # One current decision per person: a new one only replaces a reconsidered one.
            models.UniqueConstraint(
                fields=["person"],
                condition=~models.Q(status="RECONSIDERED"),
                name="one_current_identification_decision",
            )
        ]

    def __str__(self) -> str:
        return f"identification decision {self.pk}"

    @property
    def is_positive(self) -> bool:
        return self.outcome == Outcome.POSITIVE


class DecisionEvent(models.Model):
    """One step of a decision's workflow (history row written by `take()`)."""

    decision = models.ForeignKey(
        IdentificationDecision, on_delete=models.PROTECT, related_name="events"
    )
    transition = models.CharField(max_length=32)
    from_status = models.CharField(max_length=32)
    to_status = models.CharField(max_length=32)
    on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decision", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.transition} {self.on}"
