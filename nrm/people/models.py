"""One record per human being, whoever met them first.

Identifying fields are encrypted at rest; lists and logs use the pseudonymous reference.
Demographics used for statistics (nationality, languages, gender, age at first contact)
stay in clear so that de-identified counts need no decryption.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedDateField, EncryptedJSONField, EncryptedTextField
from nrm.core.references import readable_reference
from nrm.people.vocab import Gender


def new_reference() -> str:
    return readable_reference("P")


class Person(models.Model):
    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_reference, editable=False
    )
    # Identity: encrypted at rest.
    given_names = EncryptedTextField(_("given names"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    other_names = EncryptedTextField(_("other names or aliases"), blank=True)
    birth_date = EncryptedDateField(_("birth date"), null=True, blank=True)
    # [{"type": "PASSPORT", "number": "...", "country": "RO"}]
    documents = EncryptedJSONField(_("identity documents"), null=True, blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    # Demographics (HTCDS prs_Citizenship, prs_PrimaryLanguage..., prs_Gender).
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    gender = models.CharField(
        _("gender"), max_length=24, choices=Gender.choices, default=Gender.NON_SPECIFIED_UNKNOWN
    )
    age_at_first_contact = models.PositiveSmallIntegerField(
        _("age at first contact"), null=True, blank=True
    )
    first_contact_on = models.DateField(_("first contact"), default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    # Optimistic concurrency: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-first_contact_on", "reference"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        # Never the name: __str__ ends up in logs, error pages and audit labels.
        return self.reference

    @property
    def is_minor_at_first_contact(self) -> bool | None:
        if self.age_at_first_contact is None:
            return None
        return self.age_at_first_contact < 18


IDENTITY_FIELDS = (
    "given_names",
    "family_name",
    "other_names",
    "birth_date",
    "documents",
    "phone",
    "email",
    "address",
)
DEMOGRAPHIC_FIELDS = (
    "nationalities",
    "languages",
    "gender",
    "age_at_first_contact",
    "first_contact_on",
)
