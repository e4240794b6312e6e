"""Who accompanies whom: a centre's key worker per person, and its staff's absences.

No person is left orphaned (issue 18 §7): each person an organisation holds has one key
worker of that organisation at a time, with the history of who it was, from when until
when, who assigned them and why. When a caseworker leaves or is away, the director moves
their persons and their open tasks to a colleague in one audited action
(`nrm.caseload.actions.caseload_reassign`).

Until a person's first assignment row exists, their key worker is the caseworker who
accepted the centre's referral (`Referral.referred_caseworker`, HTCDS
cas_ReferredPrimaryCaseWorker): the referral is the act that makes the centre accompany the
person, and the referrals app does not know this one (it sits below it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField


class AssignmentReason(models.TextChoices):
    ACCEPTED_REFERRAL = "ACCEPTED_REFERRAL", _("Accepted the referral")
    ASSIGNED = "ASSIGNED", _("Assigned by the director")
    LEFT = "LEFT", _("The previous key worker left")
    ABSENT = "ABSENT", _("The previous key worker is away")
    WORKLOAD = "WORKLOAD", _("Spreading the workload")
    OTHER = "OTHER", _("Other")


class KeyWorkerAssignment(models.Model):
    """One period during which `user` was the person's key worker at `organisation`."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=24, choices=AssignmentReason.choices)
    # Why, in the director's words: may name people, so encrypted and never audited.
    note = EncryptedTextField(_("note"), blank=True)
    # Null for rows made from an accepted referral whose decider is not known.
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["person", "organisation", "since", "pk"]
        verbose_name = _("key worker")
        verbose_name_plural = _("key workers")
        indexes = [
            # The caseload page counts the open rows per user of one organisation.
            models.Index(fields=["organisation", "user", "until"], name="key_worker_user_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(until__isnull=True),
                name="one_key_worker_per_person_and_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"key worker {self.pk}"


class Absence(models.Model):
    """A staff member away from `starts_on` to `ends_on` (both included), as the director
    records it: leave, sickness, training. The account stays active (they come back), but
    for that time they count as nobody accompanying their persons.

    Leaving for good is not an absence: the administrators end the membership or the
    account, and that counts as inactive from then on."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("away from"))
    ends_on = models.DateField(_("away until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # Cancelled rather than deleted: the trail shows an absence that was planned.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "starts_on", "pk"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        indexes = [models.Index(fields=["organisation", "ends_on"], name="absence_current_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="an_absence_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"absence {self.pk}"
