"""The services directory: vetted providers a caseworker can send a person to.

Providers are organisations, not persons: their name, address and contact are public
information and stay in clear. A provider is vetted by the coordination unit and vetted
again every year (the worker reminds the unit a month ahead). Capacity is a count of free
places or appointments, never who holds them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    LEGAL_AID = "LEGAL_AID", _("Legal aid")
    LAWYER = "LAWYER", _("Lawyer specialised in trafficking")
    MEDICAL = "MEDICAL", _("Medical care")
    PSYCHOLOGICAL = "PSYCHOLOGICAL", _("Psychological care")
    INTERPRETING = "INTERPRETING", _("Interpreting")
    HOUSING = "HOUSING", _("Housing")
    TRAINING_WORK = "TRAINING_WORK", _("Training and work")


class Eligibility(models.TextChoices):
    ADULTS = "ADULTS", _("Adults")
    MINORS = "MINORS", _("Minors")
    WOMEN = "WOMEN", _("Women")
    MEN = "MEN", _("Men")
    FAMILIES = "FAMILIES", _("Families with children")
    WITHOUT_RESIDENCE = "WITHOUT_RESIDENCE", _("Persons without a residence permit")


class ProviderStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Vetted")
    SUSPENDED = "SUSPENDED", _("Suspended")


class Provider(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("service"), max_length=16, choices=ServiceKind.choices)
    description = models.TextField(_("what they offer"), blank=True)
    regions = models.ManyToManyField(
        "organisations.Region", related_name="+", verbose_name=_("regions served")
    )
    # ISO 639-1 codes, as a person's languages.
    languages = models.JSONField(_("languages"), default=list)
    eligibility = models.JSONField(_("who they take"), default=list)
    # Free places or appointments now; None when the provider does not say.
    capacity = models.PositiveIntegerField(_("free places"), null=True, blank=True)
    capacity_updated_on = models.DateField(_("free places as of"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ProviderStatus.choices, default=ProviderStatus.ACTIVE
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    vetted_on = models.DateField(_("vetted on"))
    vetted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vetting_due = models.DateField(_("vetting due"))
    # The worker's claim column (nrm/directory/reminders.py): stamped once per vetting.
    remind_at = models.DateTimeField(db_index=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        indexes = [models.Index(fields=["kind", "status"], name="provider_kind_status_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def eligibility_labels(self) -> list[str]:
        labels = dict(Eligibility.choices)
        return [str(labels.get(value, value)) for value in self.eligibility]
