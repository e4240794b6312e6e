"""The person's own say: consent by purpose, and how (not) to contact them.

Consent is recorded per purpose, each answer with its date, who asked, in which language and
whether an interpreter helped. The latest answer for a purpose governs; a withdrawal is dated
the day it is recorded (never backdated) and stops what the purpose allowed from then on,
while what was already shared stays recorded as shared. For a child, a referral or sharing
may rest on the child's best interests with the guardian informed instead of consent
(`nrm.consent.rules`).

Safe contact: how, when and where the person may be reached, and the addresses, phones,
e-mails and people never to use (the exploiter's address, a shared phone). Both are seen by
the organisations that hold the person, and every change is audited. Free text is encrypted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedJSONField, EncryptedTextField


class ConsentPurpose(models.TextChoices):
    REFERRAL = "REFERRAL", _("To be referred to a specialised centre")
    SHARE_WITH_LAW_ENFORCEMENT = (
        "SHARE_WITH_LAW_ENFORCEMENT",
        _("To share identity and facts with the police and the prosecution"),
    )
    PERSON_LEVEL_EXPORT = (
        "PERSON_LEVEL_EXPORT",
        _("To be included in person-level exports (HTCDS)"),
    )
    CONTACT = "CONTACT", _("To be contacted")


class ConsentBasis(models.TextChoices):
    PERSON = "PERSON", _("The person's own answer")
    CHILD_BEST_INTERESTS = (
        "CHILD_BEST_INTERESTS",
        _("A child: decided in the child's best interests, the guardian informed"),
    )


class ContactChannel(models.TextChoices):
    PHONE = "PHONE", _("Phone call")
    SMS = "SMS", _("Text message")
    EMAIL = "EMAIL", _("E-mail")
    POST = "POST", _("Letter")
    IN_PERSON = "IN_PERSON", _("In person")
    THROUGH_CENTRE = "THROUGH_CENTRE", _("Only through the centre")


class ConsentRecord(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    given = models.BooleanField(_("given"))
    basis = models.CharField(
        _("basis"), max_length=24, choices=ConsentBasis.choices, default=ConsentBasis.PERSON
    )
    on = models.DateField(_("date"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # ISO 639-1: the language the question was asked in; empty when it was not recorded
    # (a screening's answer where the worker's language was unknown).
    language = models.CharField(_("language"), max_length=3, blank=True)
    interpreter = models.BooleanField(_("with an interpreter"), default=False)
    guardian_informed = models.BooleanField(_("guardian informed"), default=False)
    # For CONTACT: the channels the person accepts.
    channels = models.JSONField(_("channels"), default=list, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "purpose", "-on", "-recorded_at", "-id"]
        indexes = [models.Index(fields=["person", "purpose", "on"], name="consent_person_idx")]

    def __str__(self) -> str:
        return f"consent {self.pk}"

    @property
    def in_force(self) -> bool:
        return self.given and self.withdrawn_on is None


class SafeContact(models.Model):
    """How, when and where the person may be reached (one per person, versioned)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    how = EncryptedTextField(_("how to reach the person"), blank=True)
    when = EncryptedTextField(_("when"), blank=True)
    where = EncryptedTextField(_("where"), blank=True)
    # [{"kind": "ADDRESS|PHONE|EMAIL|PERSON", "value": "...", "reason": "..."}]: never use.
    never_use = EncryptedJSONField(_("never use"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"safe contact {self.person_id}"


class UnsafeKind(models.TextChoices):
    ADDRESS = "ADDRESS", _("Address")
    PHONE = "PHONE", _("Phone")
    EMAIL = "EMAIL", _("E-mail")
    PERSON = "PERSON", _("Person")
