"""One record per human being, whoever met them first.

Identifying fields are encrypted at rest; lists and logs use the pseudonymous reference.
Demographics used for statistics (nationality, languages, gender, age at first contact)
stay in clear so that de-identified counts need no decryption.
"""

from __future__ import annotations

from django.conf import settings
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
        # The linkage worker finds the persons changed since its last pass by a range scan
        # (docs/exchange.md, "Keeping keys current").
        indexes = [
            models.Index(fields=["updated_at"], name="person_updated_at_idx"),
            # The person list's order: a page is read from the index after the last row
            # shown, whatever the number of persons (issue 17; nrm/people/views.py).
            models.Index(fields=["-first_contact_on", "reference"], name="person_list_order_idx"),
        ]

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


class SuspectMarker(models.Model):
    """That the person is recorded as a suspect in a criminal case file, and nothing more.

    Victims are kept apart from suspects (issue 9 §4): a victims' centre is refused a
    referral or a shelter placement for a marked person unless its director overrides it
    with reasons (`SupportOverride`). The marker names no case, charge or office to anyone
    outside the prosecution: the office is kept for the audit trail only.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="suspect_markers")
    # The prosecution office that recorded the suspect (never shown to centres).
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["person", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"], name="a_suspect_marker_once_per_office"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: suspect marker"


class SupportOverride(models.Model):
    """A centre director's reasoned decision that the centre may take on a person recorded
    as a suspect (refer to it, place in its shelter)."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="support_overrides"
    )
    # The centre the override is for: it opens referrals to and placements in it only.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    reason = EncryptedTextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "decided_at", "pk"]
        indexes = [models.Index(fields=["person", "organisation"], name="support_override_idx")]

    def __str__(self) -> str:
        return f"{self.person_id}: override for {self.organisation_id}"


class PersonNameToken(models.Model):
    """One opaque token of a person's names or birth year (nrm/people/blind_index.py).

    Searching by name looks tokens up by equality; the names themselves stay encrypted.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_tokens")
    token = models.CharField(max_length=32)
    # How much a match on this token says (exact word > first letters > sound).
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "person"], name="person_name_token_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: name token"


class PersonNameIndexState(models.Model):
    """Which version of the person, under which secret, the tokens were made from.

    Persons written without the actions (bulk loads, imports) or before a change of secret
    are found by this row missing or differing, and indexed by `nrm people reindex` and the
    deadline worker's pass.
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="name_index"
    )
    person_version = models.PositiveIntegerField()
    key_id = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.person_id}: name index v{self.person_version}"
