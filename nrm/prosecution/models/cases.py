"""Case files, the people and companies they name, linked inspections and evidence,
assignments and hearings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField
from nrm.core.references import readable_reference
from nrm.prosecution.vocab import (
    AssignmentRole,
    CaseStatus,
    CompanyRole,
    ExploitationForm,
    HearingKind,
    ProposalKind,
    ProposalStatus,
)


def new_case_reference() -> str:
    return readable_reference("C")


# Case files -------------------------------------------------------------------------------


class CaseFile(models.Model):
    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_case_reference, editable=False
    )
    office = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prosecution office"),
    )
    judicial_district = models.ForeignKey(
        "organisations.JudicialDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("judicial district"),
    )
    # The court seised (set at indictment, or earlier for an investigating judge).
    court = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("court"),
    )
    # A label that should name no one ("Construction site Brussels-South, lot B"); encrypted
    # because in practice titles do name people (issue 11, item 8).
    title = EncryptedTextField(_("title"))
    summary = EncryptedTextField(_("summary of the facts"), blank=True)
    exploitation_form = models.CharField(
        _("form of exploitation"), max_length=24, choices=ExploitationForm.choices
    )
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=CaseStatus.choices,
        default=CaseStatus.REGISTERED,
        editable=False,
    )
    # Optimistic concurrency: a decision names the version it was taken on.
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-opened_on", "reference"]
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        indexes = [
            models.Index(fields=["office", "status"], name="case_office_status_idx"),
            models.Index(fields=["court"], name="case_court_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseAssignment(models.Model):
    """A specialised prosecutor of the office, or an investigator from police or inspection,
    assigned to the case. Only assigned people (and the court) see the case file."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The organisation the user works for on this case (a user may have several).
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=AssignmentRole.choices)
    since = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "role", "since", "pk"]
        indexes = [models.Index(fields=["user", "organisation", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_assignment_per_case_and_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.user_id} ({self.role})"


class CaseVictim(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="victims")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "added_at", "pk"]
        indexes = [models.Index(fields=["person"], name="case_victim_person_idx")]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="a_victim_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: victim {self.person_id}"


class CaseCompany(models.Model):
    """A company linked to the case, with its part in the facts and the site whose
    principal-to-subcontractor chain decides joint liability."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="companies")
    company = models.ForeignKey(
        "inspections.Company", on_delete=models.PROTECT, related_name="case_links"
    )
    role = models.CharField(_("part in the facts"), max_length=16, choices=CompanyRole.choices)
    worksite = models.ForeignKey(
        "inspections.Worksite",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site of the chain"),
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "company"], name="a_company_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: company {self.company_id} ({self.role})"


class CaseSuspectQuerySet(models.QuerySet["CaseSuspect"]):
    def charged(self, *, trafficking: bool = False) -> CaseSuspectQuerySet:
        """Suspects with at least one charge not withdrawn (with `trafficking`, one of
        trafficking). An EXISTS, not a join: `charges__withdrawn_on__isnull=True` through
        the reverse relation is a LEFT JOIN that also matches a suspect never charged."""
        # Charges are defined after suspects (they point at them): imported when first used.
        from nrm.prosecution.models.qualification import Charge

        active = Charge.objects.filter(suspect=models.OuterRef("pk"), withdrawn_on__isnull=True)
        if trafficking:
            active = active.filter(is_trafficking=True)
        return self.filter(models.Exists(active))


class CaseSuspect(models.Model):
    """A suspect, later a defendant: a natural person or a company (legal persons can be
    prosecuted in Belgium). Exactly one of the two."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="suspects")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey(
        "inspections.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseSuspectQuerySet.as_manager()

    class Meta:
        ordering = ["case", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, company__isnull=True)
                    | models.Q(person__isnull=True, company__isnull=False)
                ),
                name="suspect_is_a_person_or_a_company",
            ),
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=models.Q(person__isnull=False),
                name="a_person_suspect_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["case", "company"],
                condition=models.Q(company__isnull=False),
                name="a_company_suspect_once_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: suspect {self.pk}"

    @property
    def label(self) -> str:
        """A person by pseudonymous reference, a company by name (never a person's name)."""
        if self.company is not None:
            return self.company.name
        return self.person.reference if self.person is not None else ""


class CaseInspection(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="inspection_links")
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "inspection"], name="an_inspection_once_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: inspection {self.inspection_id}"


class CaseProposal(models.Model):
    """Something a linked inspection brings to the case file, waiting for the prosecutor: a
    worker screened there as a possible victim, a company of the site's chain as a possible
    suspect, an evidence file. Nothing becomes a victim, a suspect or evidence of the case
    until the prosecutor confirms it (one by one, or several at once)."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="proposals")
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("proposed as"), max_length=16, choices=ProposalKind.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    company = models.ForeignKey(
        "inspections.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evidence = models.ForeignKey(
        "inspections.Evidence", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A company's part read from the site's chain (principal, contractor, employer).
    role = models.CharField(_("part in the facts"), max_length=16, blank=True)
    # The screening's indicators, shown to help the prosecutor choose.
    indicators = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
        editable=False,
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "kind", "proposed_at", "pk"]
        indexes = [models.Index(fields=["case", "status"], name="case_proposal_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "person"],
                condition=models.Q(person__isnull=False),
                name="a_person_proposed_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["case", "company"],
                condition=models.Q(company__isnull=False),
                name="a_company_proposed_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["case", "evidence"],
                condition=models.Q(evidence__isnull=False),
                name="evidence_proposed_once_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: proposed {self.kind}"


class CaseEvidence(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="evidence_links")
    evidence = models.ForeignKey("inspections.Evidence", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "evidence"], name="evidence_once_per_case")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: evidence {self.evidence_id}"


class Hearing(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="hearings")
    court = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=HearingKind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    scheduled_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.kind} {self.starts_at}"
