"""A specialised centre's own care records: shelters, placements, support, care notes.

Every record here belongs to the centre that wrote it (need-to-know, default deny): other
organisations never see it, unless the centre's director records a `CareDisclosure` of one
note or one plan to one named organisation, on the person's consent or a legal basis.

Vocabularies follow HTCDS 2.0 where it has one: support-plan types are `spl_Type` values
(exact value names), the plan's objectives and action plan are `spl_Objectives` and
`spl_ActionPlan`, its dates `spl_PlannedEndDate` and `spl_ActualEndDate`; a care note is a
Case Comment (`cco_CaseComment`). Free texts about the person are encrypted at rest, and so
is the shelter's secret address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nrm.care.fit import Misfit
from nrm.core.crypto import EncryptedTextField


class PlaceType(models.TextChoices):
    WOMEN = "WOMEN", _("Women")
    MEN = "MEN", _("Men")
    FAMILIES = "FAMILIES", _("Families")
    MINORS = "MINORS", _("Minors")


class Shelter(models.Model):
    """A house run by a centre. Its address is secret: only the centre's own staff see it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="shelters"
    )
    # What the staff call the house ("House A"); shown in lists, so never the address.
    name = models.CharField(_("name"), max_length=100)
    address = EncryptedTextField(_("address"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Optimistic concurrency for edits of the name, address and places.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["organisation_id", "name"]
        verbose_name = _("shelter")
        verbose_name_plural = _("shelters")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="shelter_name_per_centre")
        ]

    def __str__(self) -> str:
        # Never the address: __str__ ends up in logs and error pages.
        return self.name


class ShelterPlaces(models.Model):
    """How many places of one type a shelter has."""

    shelter = models.ForeignKey(Shelter, on_delete=models.CASCADE, related_name="places")
    place_type = models.CharField(_("type of place"), max_length=16, choices=PlaceType.choices)
    capacity = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        ordering = ["shelter_id", "place_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["shelter", "place_type"], name="one_capacity_per_place_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.shelter_id} {self.place_type} {self.capacity}"


MISFIT_LABELS = {
    Misfit.GENDER: _("A place for persons of another gender."),
    Misfit.MINOR_IN_ADULT_PLACE: _("A minor in a place for adults."),
    Misfit.ADULT_IN_MINOR_PLACE: _("An adult in a place for minors."),
    Misfit.NO_FAMILY_IN_FAMILY_PLACE: _(
        "A place for families, and the person arrives without family members."
    ),
}


class DepartureReason(models.TextChoices):
    MOVED_ON = "MOVED_ON", _("Moved on to own housing")
    VOLUNTARY_RETURN = "VOLUNTARY_RETURN", _("Voluntary return")
    LEFT_WITHOUT_NOTICE = "LEFT_WITHOUT_NOTICE", _("Left without notice")
    END_OF_SUPPORT = "END_OF_SUPPORT", _("End of support")
    TRANSFERRED = "TRANSFERRED", _("Transferred")
    OTHER = "OTHER", _("Other")


class Placement(models.Model):
    """A person's stay in one place of a shelter, from arrival to departure.

    A place is taken on every day from `arrived_on` up to, not including, `departed_on`:
    a departure and an arrival on the same day can use the same place.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="placements")
    place_type = models.CharField(_("type of place"), max_length=16, choices=PlaceType.choices)
    arrived_on = models.DateField(_("arrival"))
    departed_on = models.DateField(_("departure"), null=True, blank=True)
    departure_reason = models.CharField(
        _("reason for departure"), max_length=24, choices=DepartureReason.choices, blank=True
    )
    departure_note = EncryptedTextField(_("about the departure"), blank=True)
    # Whether the person arrives with family members (partner or children): what makes a
    # family placement, as the caseworker says it (`nrm.care.fit`).
    with_family = models.BooleanField(_("arrives with family members"), default=False)
    # `nrm.care.fit.Misfit` values found when placed, and the reason the caseworker gave.
    misfits = models.JSONField(default=list, blank=True)
    fit_reason = EncryptedTextField(_("reason for this place"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-arrived_on", "-id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            models.Index(fields=["shelter", "place_type", "departed_on"]),
            models.Index(fields=["person", "arrived_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(departed_on__isnull=True)
                | models.Q(departed_on__gte=models.F("arrived_on")),
                name="placement_departure_not_before_arrival",
            ),
            models.CheckConstraint(
                condition=models.Q(departed_on__isnull=True, departure_reason="")
                | (models.Q(departed_on__isnull=False) & ~models.Q(departure_reason="")),
                name="placement_departure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"placement {self.pk}"

    @property
    def misfit_labels(self) -> list[str]:
        return [str(MISFIT_LABELS[Misfit(code)]) for code in self.misfits]


class SupportPlanType(models.TextChoices):
    """HTCDS 2.0 `spl_Type` values, exact value names."""

    EDUCATION = "Education", _("Education")
    FINANCIAL = "Financial", _("Financial")
    HEALTH = "Health", _("Health")
    LABOUR_EXPLOITATION_REHABILITATION = (
        "LabourExploitationRehabilitation",
        _("Labour exploitation rehabilitation"),
    )
    LEGAL = "Legal", _("Legal")
    LIVELIHOOD = "Livelihood", _("Livelihood")
    RIGHTS_BASED_TRAINING = "RightsBasedTraining", _("Rights-based training")
    SEXUAL_EXPLOITATION_REHABILITATION = (
        "SexualExploitationRehabilitation",
        _("Sexual exploitation rehabilitation"),
    )
    SOCIAL_CARE = "SocialCare", _("Social care")


class SupportPlanStatus(models.TextChoices):
    ACTIVE = "ACTIVE", pgettext_lazy("support plan", "Active")
    COMPLETED = "COMPLETED", pgettext_lazy("support plan", "Completed")
    DISCONTINUED = "DISCONTINUED", pgettext_lazy("support plan", "Discontinued")


class SupportPlan(models.Model):
    """A centre's support plan for a person: one active plan per person and centre.

    HTCDS types each plan with one `spl_Type`; here one plan carries every type that
    applies (an export writes one HTCDS plan per type, sharing the objectives). `status`
    is written only by the plan actions, along `PLAN_TRANSITIONS`.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    types = models.JSONField(_("types of support"), default=list)  # SupportPlanType values
    objectives = EncryptedTextField(_("objectives"), blank=True)  # spl_Objectives
    action_plan = EncryptedTextField(_("action plan"), blank=True)  # spl_ActionPlan
    started_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    actual_end_on = models.DateField(_("actual end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SupportPlanStatus.choices,
        default=SupportPlanStatus.ACTIVE,
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        indexes = [models.Index(fields=["organisation", "person"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(status="ACTIVE"),
                name="one_active_support_plan_per_centre",
            )
        ]

    def __str__(self) -> str:
        return f"support plan {self.pk}"

    def type_labels(self) -> list[str]:
        labels = dict(SupportPlanType.choices)
        return [str(labels.get(value, value)) for value in self.types]


PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    SupportPlanStatus.ACTIVE: frozenset(
        {SupportPlanStatus.COMPLETED, SupportPlanStatus.DISCONTINUED}
    ),
    SupportPlanStatus.COMPLETED: frozenset(),
    SupportPlanStatus.DISCONTINUED: frozenset(),
}


class ServiceType(models.TextChoices):
    """Services a centre delivers. HTCDS has no service list; where a `spl_Type` value
    names the same thing, its value name is used (Health, Legal, Education, Livelihood,
    Financial), so that services map onto plan types in an HTCDS export (`SERVICE_PLAN_TYPE`).
    """

    PSYCHO_SOCIAL = "PsychoSocial", _("Psycho-social support")
    HEALTH = "Health", _("Medical care")
    LEGAL = "Legal", _("Legal advice")
    LAWYER = "Lawyer", _("Lawyer")
    INTERPRETING = "Interpreting", _("Interpreting")
    HOUSING = "Housing", _("Housing")
    EDUCATION = "Education", _("Education or training")
    LIVELIHOOD = "Livelihood", _("Employment")
    FINANCIAL = "Financial", _("Financial support")
    OTHER = "Other", _("Other")


# The HTCDS plan type a service counts under; None where HTCDS has no equivalent.
SERVICE_PLAN_TYPE: dict[str, str | None] = {
    ServiceType.PSYCHO_SOCIAL: SupportPlanType.HEALTH,  # IOM counts MHPSS under health
    ServiceType.HEALTH: SupportPlanType.HEALTH,
    ServiceType.LEGAL: SupportPlanType.LEGAL,
    ServiceType.LAWYER: SupportPlanType.LEGAL,
    ServiceType.INTERPRETING: None,
    ServiceType.HOUSING: SupportPlanType.SOCIAL_CARE,
    ServiceType.EDUCATION: SupportPlanType.EDUCATION,
    ServiceType.LIVELIHOOD: SupportPlanType.LIVELIHOOD,
    ServiceType.FINANCIAL: SupportPlanType.FINANCIAL,
    ServiceType.OTHER: None,
}


class ServiceDelivery(models.Model):
    """One service delivered to a person by or through the centre."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # The plan that was active when the service was delivered, if any.
    plan = models.ForeignKey(
        SupportPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    service_type = models.CharField(_("service"), max_length=16, choices=ServiceType.choices)
    delivered_on = models.DateField(_("date"))
    # Encrypted: a named doctor, lawyer or clinic tells what care a victim receives.
    provider = EncryptedTextField(_("provider"), blank=True)
    # A vetted provider of the services directory (nrm/directory), when the service went
    # through one. Named by string: the directory sits above care and care never imports it.
    directory_provider = models.ForeignKey(
        "directory.Provider",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provider from the directory"),
    )
    note = EncryptedTextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-delivered_on", "-id"]
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        indexes = [models.Index(fields=["organisation", "person", "delivered_on"])]

    def __str__(self) -> str:
        return f"service {self.pk}"


# The directory's kinds of service (`nrm.directory.models.ServiceKind` values) whose
# providers may deliver each service; a test keeps them equal to the directory's values.
# None: any kind (a service the centre calls "other"); empty: the directory has none.
SERVICE_PROVIDER_KINDS: dict[str, frozenset[str] | None] = {
    ServiceType.PSYCHO_SOCIAL: frozenset({"PSYCHOLOGICAL"}),
    ServiceType.HEALTH: frozenset({"MEDICAL"}),
    ServiceType.LEGAL: frozenset({"LEGAL_AID", "LAWYER"}),
    ServiceType.LAWYER: frozenset({"LAWYER"}),
    ServiceType.INTERPRETING: frozenset({"INTERPRETING"}),
    ServiceType.HOUSING: frozenset({"HOUSING"}),
    ServiceType.EDUCATION: frozenset({"TRAINING_WORK"}),
    ServiceType.LIVELIHOOD: frozenset({"TRAINING_WORK"}),
    ServiceType.FINANCIAL: frozenset(),  # the directory lists no such providers
    ServiceType.OTHER: None,
}


class CareNote(models.Model):
    """A centre's note on a person (HTCDS `cco_CaseComment`). Never edited: a correction is
    a new note, so that what a disclosure shared stays exactly what was shared."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    text = EncryptedTextField(_("note"))
    written_at = models.DateTimeField(default=timezone.now, editable=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("care note")
        verbose_name_plural = _("care notes")
        indexes = [models.Index(fields=["organisation", "person", "written_at"])]

    def __str__(self) -> str:
        return f"care note {self.pk}"


class DisclosureBasis(models.TextChoices):
    CONSENT = "CONSENT", _("The person's consent")
    LEGAL_BASIS = "LEGAL_BASIS", _("A legal basis")


class CareDisclosure(models.Model):
    """A director's decision to let one organisation read one note or one plan.

    Only what is named is shared: later notes are not, and ending the disclosure ends the
    reading. Recording, ending and every read are audited.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    note = models.ForeignKey(
        CareNote, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    plan = models.ForeignKey(
        SupportPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures"
    )
    recipient = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="care_disclosures"
    )
    basis = models.CharField(_("basis"), max_length=16, choices=DisclosureBasis.choices)
    # The law and article, court order, or where the signed consent is kept.
    basis_reference = models.CharField(_("reference of the basis"), max_length=300, blank=True)
    # What the recipient may use it for.
    scope = models.CharField(_("scope"), max_length=300)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The consent answer a disclosure on the person's consent rests on (nrm/consent), when
    # the recipient's kind has a consent purpose. Withdrawn, or overruled by a later refusal:
    # the recipient no longer reads; the disclosure stays recorded as made.
    consent = models.ForeignKey(
        "consent.ConsentRecord", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("disclosure of care data")
        verbose_name_plural = _("disclosures of care data")
        indexes = [
            models.Index(fields=["recipient", "person", "ended_at"]),
            models.Index(fields=["organisation", "person"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(note__isnull=False, plan__isnull=True)
                | models.Q(note__isnull=True, plan__isnull=False),
                name="disclosure_of_one_note_or_one_plan",
            ),
            models.UniqueConstraint(
                fields=["note", "recipient"],
                condition=models.Q(ended_at__isnull=True, note__isnull=False),
                name="one_open_disclosure_per_note_and_recipient",
            ),
            models.UniqueConstraint(
                fields=["plan", "recipient"],
                condition=models.Q(ended_at__isnull=True, plan__isnull=False),
                name="one_open_disclosure_per_plan_and_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"care disclosure {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class TransferStatus(models.TextChoices):
    REQUESTED = "REQUESTED", pgettext_lazy("transfer", "Waiting for an answer")
    ACCEPTED = "ACCEPTED", pgettext_lazy("transfer", "Accepted")
    DECLINED = "DECLINED", pgettext_lazy("transfer", "Declined")
    WITHDRAWN = "WITHDRAWN", pgettext_lazy("transfer", "Withdrawn")


# The one transition table of a transfer; only the transfer actions write `status`.
TRANSFER_TRANSITIONS: dict[str, frozenset[str]] = {
    TransferStatus.REQUESTED: frozenset(
        {TransferStatus.ACCEPTED, TransferStatus.DECLINED, TransferStatus.WITHDRAWN}
    ),
    TransferStatus.ACCEPTED: frozenset(),
    TransferStatus.DECLINED: frozenset(),
    TransferStatus.WITHDRAWN: frozenset(),
}


class ShelterTransfer(models.Model):
    """A centre's request that another centre take a person into its shelter.

    Until it accepts, the receiving centre has no involvement with the person and sees only
    what the request carries: the type of place, the arrival wanted, the person's gender,
    age and languages as the requesting centre sent them, and its message. Accepting opens
    its care involvement and moves the stay in one action (`shelter_transfer_accept`).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    place_type = models.CharField(_("type of place"), max_length=16, choices=PlaceType.choices)
    with_family = models.BooleanField(_("arrives with family members"), default=False)
    wanted_from = models.DateField(_("arrival wanted from"))
    # What the receiving centre needs to decide, sent by the requesting one (a copy, so that
    # what was shown before acceptance is what was sent).
    gender = models.CharField(_("gender"), max_length=24, blank=True)
    age = models.PositiveSmallIntegerField(_("age"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    message = EncryptedTextField(_("message to the centre"), blank=True)
    # The requesting centre's stay that ends when the other centre takes the person in.
    from_placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    version = models.PositiveIntegerField(default=1)
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = EncryptedTextField(_("reason"), blank=True)
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        indexes = [
            models.Index(fields=["to_organisation", "status"]),
            models.Index(fields=["from_organisation", "person"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="REQUESTED"),
                name="one_waiting_transfer_per_person",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="transfer_to_another_centre",
            ),
        ]

    def __str__(self) -> str:
        return f"transfer {self.pk}"

    @property
    def is_waiting(self) -> bool:
        return self.status == TransferStatus.REQUESTED
