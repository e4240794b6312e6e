"""Labour inspection: employers and worksites, inspections, joint actions, on-site
screenings of workers with the indicators observed, evidence files, yearly targets.

Statuses are written only by the actions of `nrm/inspections/workflow.py`'s transition
table. Free text that may name people (findings, briefings, notes, descriptions) is
encrypted at rest; evidence files are encrypted with a key of their own, itself kept
encrypted on the row (so that `nrm keys rotate` also covers the files).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField
from nrm.core.references import readable_reference
from nrm.inspections.vocab import (
    Consent,
    EvidenceKind,
    Framework,
    InspectionOutcome,
    InspectionStatus,
    ParticipantRole,
    ReferralChannel,
    Sector,
    WorksiteKind,
    format_enterprise_number,
)


def new_inspection_reference() -> str:
    return readable_reference("I")


def new_joint_action_reference() -> str:
    return readable_reference("J")


def new_screening_reference() -> str:
    return readable_reference("S")


def new_evidence_reference() -> str:
    return readable_reference("E")


# Employers and worksites ---------------------------------------------------------------


class Company(models.Model):
    """An employer or other undertaking met at inspections (a legal person, not a worker)."""

    name = models.CharField(_("name"), max_length=200)
    # Belgian enterprise number (KBO/BCE), ten digits; blank for undertakings without one.
    enterprise_number = models.CharField(_("enterprise number"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices)
    nace_code = models.CharField(_("NACE code"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    created_by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="one_company_per_enterprise_number",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)


class Worksite(models.Model):
    """A place where people work (or are housed by their employer)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of site"), max_length=24, choices=WorksiteKind.choices)
    # Encrypted: a private household's address is where a person lives (issue 11, item 8).
    address = EncryptedTextField(_("address"))
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    # Decides which regional specialised centre a worker met here is referred to.
    region = models.ForeignKey(
        "organisations.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    created_by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("worksite")
        verbose_name_plural = _("worksites")

    def __str__(self) -> str:
        return self.name


class ChainLink(models.Model):
    """One company's place in a worksite's chain: principal, contractor, subcontractors.

    A tree per worksite: the principal has no parent; every other company works for its
    parent. The chain later decides joint liability for wages, so it refuses cycles (a
    company cannot, directly or not, subcontract for itself) and each company appears once.
    """

    worksite = models.ForeignKey(Worksite, on_delete=models.PROTECT, related_name="chain")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="chain_links")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["worksite", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["worksite", "company"], name="a_company_once_per_chain"
            ),
            models.UniqueConstraint(
                fields=["worksite"],
                condition=models.Q(parent__isnull=True),
                name="one_principal_per_worksite",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worksite_id}: {self.company_id} <- {self.parent_id}"


# Joint actions and inspections ---------------------------------------------------------


class JointAction(models.Model):
    """One planned operation over several sites, with several organisations taking part."""

    reference = models.CharField(
        _("reference"),
        max_length=16,
        unique=True,
        default=new_joint_action_reference,
        editable=False,
    )
    title = models.CharField(_("title"), max_length=200)
    planned_on = models.DateField(_("date"))
    # Where, when, who does what, safety: may name suspects and informants.
    briefing = EncryptedTextField(_("briefing"), blank=True)
    lead_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    worksites = models.ManyToManyField(Worksite, blank=True, related_name="joint_actions")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-planned_on", "reference"]
        verbose_name = _("joint action")
        verbose_name_plural = _("joint actions")

    def __str__(self) -> str:
        return self.reference


class Participant(models.Model):
    """An organisation taking part in a joint action, in a role."""

    joint_action = models.ForeignKey(
        JointAction, on_delete=models.PROTECT, related_name="participants"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=24, choices=ParticipantRole.choices)
    # How many people the organisation sends; names stay with the organisation.
    headcount = models.PositiveSmallIntegerField(_("people"), null=True, blank=True)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["joint_action", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["joint_action", "organisation"], name="an_organisation_once_per_action"
            )
        ]
        indexes = [models.Index(fields=["organisation", "joint_action"])]

    def __str__(self) -> str:
        return f"{self.joint_action_id}: {self.organisation_id} ({self.role})"


class Inspection(models.Model):
    reference = models.CharField(
        _("reference"),
        max_length=16,
        unique=True,
        default=new_inspection_reference,
        editable=False,
    )
    team = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("team"),
    )
    joint_action = models.ForeignKey(
        JointAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("joint action"),
    )
    worksite = models.ForeignKey(
        Worksite,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("site"),
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices)
    # Counts towards the team's yearly target of trafficking-focused inspections.
    trafficking_focused = models.BooleanField(_("trafficking-focused"), default=True)
    planned_on = models.DateField(_("planned for"))
    carried_out_on = models.DateField(_("carried out on"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    findings = EncryptedTextField(_("findings"), blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=24, choices=InspectionOutcome.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
        editable=False,
    )
    # Optimistic concurrency: a transition names the version it was taken on.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-planned_on", "reference"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        indexes = [
            models.Index(fields=["team", "status", "carried_out_on"], name="inspection_team_idx"),
            models.Index(fields=["joint_action"], name="inspection_action_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class InspectionEvent(models.Model):
    """One row per status change: the inspection's own history."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=16, choices=InspectionStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=InspectionStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["inspection", "at", "id"]

    def __str__(self) -> str:
        return f"{self.inspection_id}: {self.from_status} -> {self.to_status}"


# Screenings ----------------------------------------------------------------------------


class Screening(models.Model):
    """One worker met on site, screened on indicators by the inspecting team.

    The computed suggestion is stored only as a summary for lists and counts; the page
    recomputes it with its reasons from the observations. It is never a decision: the
    identification stays with the competent authority.
    """

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_screening_reference, editable=False
    )
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="screenings")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    screened_on = models.DateField(_("screened on"))
    # As declared at the screening (ISO codes; the person record keeps its own).
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    language = models.CharField(_("language spoken"), max_length=3, blank=True)
    presumed_minor = models.BooleanField(_("may be a minor"), default=False)
    # The facts behind the Belgian pay and hours indicators (thresholds: product choices).
    hourly_wage_eur = models.DecimalField(
        _("hourly pay (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    weekly_hours = models.DecimalField(
        _("hours worked a week"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    rest_days_per_week = models.PositiveSmallIntegerField(
        _("rest days a week"), null=True, blank=True
    )
    leaflet_language = models.CharField(_("leaflet handed out in"), max_length=3, blank=True)
    consent = models.CharField(
        _("referral"), max_length=16, choices=Consent.choices, default=Consent.NOT_ASKED
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    # Summary of the computed suggestion, for lists and counts (see the docstring).
    suggests_potential_victim = models.BooleanField(default=False)
    indicator_count = models.PositiveSmallIntegerField(default=0)
    # The referral made from this screening, through nrm.referrals.
    referral = models.OneToOneField(
        "referrals.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="screening",
    )
    referral_channel = models.CharField(
        _("how the person was referred"), max_length=16, choices=ReferralChannel.choices, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["inspection", "created_at", "pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "person"], name="one_screening_per_worker_and_inspection"
            )
        ]

    def __str__(self) -> str:
        return self.reference


class Observation(models.Model):
    """One indicator observed: the evidence row of INDICATORS.md (indicator id, dimension,
    date, observing organisation, note)."""

    screening = models.ForeignKey(Screening, on_delete=models.PROTECT, related_name="observations")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    framework = models.CharField(_("framework"), max_length=16, choices=Framework.choices)
    indicator = models.CharField(_("indicator"), max_length=32)
    dimension = models.CharField(_("dimension"), max_length=48, blank=True)
    observed_on = models.DateField(_("observed on"))
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["screening", "framework", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["screening", "framework", "indicator"],
                name="an_indicator_once_per_screening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.screening_id}: {self.indicator}"


# Evidence ------------------------------------------------------------------------------


def evidence_path(instance: Evidence, filename: str) -> str:
    """A random name: neither the uploader's file name nor the reference reaches the disk."""
    today = timezone.localdate()
    return f"evidence/{today:%Y/%m}/{secrets.token_hex(16)}.bin"


class Evidence(models.Model):
    """A document or photo documenting working or housing conditions.

    Linked to the inspection, and to the worker where it concerns one. The criminal case
    file (issue 6) will link here with a nullable key of its own.
    """

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_evidence_reference, editable=False
    )
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="evidence")
    screening = models.ForeignKey(
        Screening, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceKind.choices)
    description = EncryptedTextField(_("description"), blank=True)
    # The uploader's file name may name people: encrypted, shown only to those who see the
    # evidence; the download is named after the reference.
    original_name = EncryptedTextField(_("file name"), blank=True)
    file = models.FileField(upload_to=evidence_path, max_length=200)
    # The file's own key (Fernet), encrypted with the field keys.
    file_key = EncryptedTextField()
    content_type = models.CharField(_("type"), max_length=64)
    size = models.PositiveIntegerField(_("size"))
    # Of the stored plaintext: shows later that the file was not changed.
    sha256 = models.CharField(max_length=64)
    metadata_stripped = models.BooleanField(default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["inspection", "uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.reference


# Targets -------------------------------------------------------------------------------


class InspectionTarget(models.Model):
    """A team's yearly target of trafficking-focused inspections (default: a setting)."""

    team = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.PositiveIntegerField(_("target"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "team"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="one_target_per_team_and_year")
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.year}: {self.target}"
