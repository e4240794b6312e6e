"""Referrals to the specialised centres, and the centres' 24/7 hotline log.

A referral carries the HTCDS 2.0 "Referral Details" of a case (`cas_` fields, see
`nrm/referrals/htcds.py`): the referring and the referred organisation, their primary
caseworkers, the date, a reason from the HTCDS picklist and free details. Its status is
written only by the actions of `nrm/referrals/workflow.py`'s transition table.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField

# No 0/O or 1/I: references are read aloud on the phone and copied by hand (as persons').
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def _reference(prefix: str) -> str:
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def new_referral_reference() -> str:
    return _reference("R")


def new_hotline_reference() -> str:
    return _reference("H")


class ReferralSource(models.TextChoices):
    """Who set the referral going. Which sources an organisation may give: `workflow.py`."""

    INSPECTION = "INSPECTION", _("Labour inspection")
    POLICE = "POLICE", _("Police")
    HOTLINE = "HOTLINE", _("Hotline")
    NGO = "NGO", _("Another NGO or centre")
    SELF = "SELF", _("The person themself")


class ReferralReason(models.TextChoices):
    """HTCDS 2.0 `cas_ReasonForIncomingReferral` / `cas_ReasonForOutgoingReferral`."""

    ADDITIONAL_SERVICES_REQUIRED = "AdditionalServicesRequired", _("Additional services required")
    MIGRATION_OR_CHANGE_OF_LOCATION = (
        "MigrationOrChangeOfLocation",
        _("Migration or change of location"),
    )
    OTHER = "Other", _("Other")


class ExploitationForm(models.TextChoices):
    """The form of exploitation the referrer presumes, for the centre's triage (issue 16).

    Same codes and labels as nrm.prosecution.vocab.ExploitationForm, which sits above
    referrals in the layers; a referral's presumption is not the case file's finding."""

    LABOUR = "LABOUR", _("Labour exploitation")
    SEXUAL = "SEXUAL", _("Sexual exploitation")
    BEGGING = "BEGGING", _("Exploitation of begging")
    FORCED_CRIMINALITY = "FORCED_CRIMINALITY", _("Forced criminality")
    ORGAN_REMOVAL = "ORGAN_REMOVAL", _("Removal of organs or tissue")
    OTHER = "OTHER", _("Other form")


class ReferralStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting the centre's decision")
    ACCEPTED = "ACCEPTED", _("Accepted")
    DECLINED = "DECLINED", _("Declined")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


class Referral(models.Model):
    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_referral_reference, editable=False
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    source = models.CharField(_("source"), max_length=16, choices=ReferralSource.choices)
    # cas_ReferringOrganisation and cas_ReferringPrimaryCaseWorker.
    referring_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    referring_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # cas_ReferredOrganisation and cas_ReferredPrimaryCaseWorker (set by the acceptance).
    referred_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    referred_caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The region the centre was chosen for, and whether the routing rule chose it (or the
    # referrer did): kept so that a centre can see why the referral came to it.
    region = models.ForeignKey(
        "organisations.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    routed = models.BooleanField(_("chosen by the routing rule"), default=True)
    presumed_minor = models.BooleanField(_("presumed a minor"), default=False)
    # cas_IncomingReferralDate / cas_OutgoingReferralDate: one referral, two points of view.
    referred_on = models.DateField(_("referral date"))
    reason = models.CharField(_("reason"), max_length=32, choices=ReferralReason.choices)
    # cas_IncomingReferralDetails / cas_OutgoingReferralDetails: free text that may name people.
    details = EncryptedTextField(_("details"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReferralStatus.choices,
        default=ReferralStatus.PENDING,
        editable=False,
    )
    # Optimistic concurrency: a decision names the version it was taken on.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # The response-time target, stored so that the inbox and the home page find overdue
    # referrals with an index range scan.
    respond_by = models.DateTimeField(_("respond by"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why the centre declined, or the referrer withdrew: may name people.
    decision_reason = EncryptedTextField(_("reason given"), blank=True)
    # The involvement this referral opened for the centre (none when the centre already
    # had a reason to see the person): only that one ends when the referral does not go on.
    received_involvement = models.ForeignKey(
        "access.Involvement", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referred_event_recorded = models.BooleanField(default=False)
    # A declined referral re-sent to another centre in one step (issue 18 §3): the new
    # referral names the one it follows, so both parties see the chain.
    resent_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="resent_as"
    )
    # Claim columns of the escalation worker (nrm/referrals/escalation.py): stamped once,
    # when an unanswered referral was escalated to the centre's director, then to the
    # coordination unit. Empty while it has not been.
    escalated_director_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_coordination_at = models.DateTimeField(null=True, blank=True, editable=False)
    # For the centre's triage (issue 16): the presumed form ("" when not known) and
    # whether the referrer says the person is in danger now (shown as urgent).
    exploitation_form = models.CharField(
        _("form of exploitation"), max_length=24, choices=ExploitationForm.choices, blank=True
    )
    imminent_danger = models.BooleanField(_("in danger now"), default=False)

    class Meta:
        ordering = ["-created_at", "reference"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["status", "respond_by"], name="referral_due_idx"),
            models.Index(
                fields=["referred_organisation", "status", "respond_by"],
                name="referral_inbox_idx",
            ),
            models.Index(fields=["referring_organisation", "created_at"], name="referral_sent_idx"),
            # The referral inbox's orders (nrm/referrals/queries.py, referrals_in_box): each
            # box and state is read from an index in its order after the last row shown, never
            # sorted whole (issue 17).
            models.Index(
                fields=["referred_organisation", "created_at", "id"], name="referral_received_idx"
            ),
            models.Index(
                fields=["referred_organisation", "decided_at", "id"],
                name="referral_recv_decided_idx",
            ),
            models.Index(
                fields=["referring_organisation", "status", "respond_by", "id"],
                name="referral_sent_pending_idx",
            ),
            models.Index(
                fields=["referring_organisation", "decided_at", "id"],
                name="referral_sent_decided_idx",
            ),
        ]
        constraints = [
            # Two pending referrals of one person to one centre would be decided twice.
            models.UniqueConstraint(
                fields=["person", "referred_organisation"],
                condition=models.Q(status="PENDING"),
                name="one_pending_referral_per_centre",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def is_overdue(self, now: datetime | None = None) -> bool:
        moment = now if now is not None else timezone.now()
        return self.status == ReferralStatus.PENDING and self.respond_by <= moment


class ReferralEvent(models.Model):
    """One row per status change, the referral's own history (the audit trail has more)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=16, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["referral", "at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} -> {self.to_status}"


class ReferralAddendum(models.Model):
    """Information the referrer adds to a referral already sent (issue 18 §3), seen by both
    parties. Kept apart from `details` so that what the centre decided on stays as it was."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="addenda")
    # Free text that may name people.
    text = EncryptedTextField(_("information added"))
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["referral", "added_at", "id"]
        verbose_name = _("information added to a referral")
        verbose_name_plural = _("information added to referrals")

    def __str__(self) -> str:
        return f"addendum {self.pk}"


class HotlineChannel(models.TextChoices):
    PHONE = "PHONE", _("Phone")
    EMAIL = "EMAIL", _("E-mail")
    CHAT = "CHAT", _("Chat")
    WALK_IN = "WALK_IN", _("Walk-in")
    OTHER = "OTHER", _("Other")


class CallerType(models.TextChoices):
    POTENTIAL_VICTIM = "POTENTIAL_VICTIM", _("Potential victim")
    THIRD_PARTY = "THIRD_PARTY", _("Third party")
    PROFESSIONAL = "PROFESSIONAL", _("Professional")
    OTHER = "OTHER", _("Other")


class HotlineOutcome(models.TextChoices):
    ADVICE = "ADVICE", _("Advice")
    REFERRAL = "REFERRAL", _("Referral")
    EMERGENCY = "EMERGENCY", _("Emergency")


class HotlineEntry(models.Model):
    """One contact with a centre's 24/7 hotline, kept by that centre for itself."""

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_hotline_reference, editable=False
    )
    centre = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="hotline_entries"
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    contact_at = models.DateTimeField(_("date and time"))
    channel = models.CharField(_("channel"), max_length=16, choices=HotlineChannel.choices)
    # ISO 639-1 where it exists, else ISO 639-3 (the codes of nrm.people.vocab).
    language = models.CharField(_("language"), max_length=3)
    caller_type = models.CharField(_("caller"), max_length=24, choices=CallerType.choices)
    # What was said: callers name victims, exploiters and places.
    summary = EncryptedTextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=HotlineOutcome.choices)
    emergency = models.BooleanField(_("emergency"), default=False)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_entries",
    )
    referral = models.OneToOneField(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_entry",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-contact_at", "reference"]
        verbose_name = _("hotline contact")
        verbose_name_plural = _("hotline contacts")
        indexes = [models.Index(fields=["centre", "contact_at"], name="hotline_log_idx")]

    def __str__(self) -> str:
        return self.reference


class ReviewSubject(models.TextChoices):
    """What a second look is asked for (issue 18 §6). Denmark's negative identification
    decisions have their own reconsideration (`nrm.identification`), reused, not copied."""

    DECLINED_REFERRAL = "DECLINED_REFERRAL", _("Declined referral")
    PROSECUTOR_OPINION = "PROSECUTOR_OPINION", _("Negative opinion of the prosecutor")


class ReviewStatus(models.TextChoices):
    REQUESTED = "REQUESTED", _("Awaiting the review")
    UPHELD = "UPHELD", _("Decision upheld")
    OVERTURNED = "OVERTURNED", _("Decision overturned")


class Review(models.Model):
    """A second look at a negative decision, by a second person or a panel who never took it.

    The first decider is stored so that the rule "the reviewer is never the first decider"
    is checked against the record itself, not against whoever is asked today."""

    subject = models.CharField(_("decision reviewed"), max_length=24, choices=ReviewSubject.choices)
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    opinion = models.ForeignKey(
        "protection.StatusEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    first_decider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The organisation whose decision it is: the reviewers are its members (or the
    # coordination unit's, for a referral).
    deciding_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requesting_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    # Why a second look is asked for: may name people.
    grounds = EncryptedTextField(_("grounds"))
    # The reconsideration request's deadline, indexed for the inbox and the worker.
    respond_by = models.DateField(_("answer by"))
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.REQUESTED
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The reviewers' own reasons: may name people.
    decision_reason = EncryptedTextField(_("reasons"), blank=True)
    # The overdue reminder's claim (nrm/referrals/review_reminders.py): stamped once, when a
    # review still open after its answer-by date is reminded, so it is reminded only once.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["respond_by", "id"]
        verbose_name = _("review of a negative decision")
        verbose_name_plural = _("reviews of negative decisions")
        indexes = [models.Index(fields=["status", "respond_by"], name="review_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(referral__isnull=False) | models.Q(opinion__isnull=False),
                name="review_has_a_subject",
            ),
            # One open review per decision.
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(status="REQUESTED", referral__isnull=False),
                name="one_open_review_per_referral",
            ),
            models.UniqueConstraint(
                fields=["opinion"],
                condition=models.Q(status="REQUESTED", opinion__isnull=False),
                name="one_open_review_per_opinion",
            ),
        ]

    def __str__(self) -> str:
        return f"review {self.pk}"
