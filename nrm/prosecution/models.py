"""Criminal case files of a prosecution office (or labour auditorate) and what hangs off them.

A case file names persons (victims, suspects), companies with their place in a worksite's
subcontracting chain, inspections and evidence; it carries dated qualification snapshots,
charges per suspect, the decisions taken on it (one row per transition of
`workflow.TRANSITIONS`; `CaseFile.status` is written by nothing else), hearings, frozen and
confiscated assets with their allocation to victims' compensation, civil and back-pay
claims, applications to the state fund, and local operational meetings.

Victims' statements are kept apart (`ProtectedStatement`): they are never loaded with the
case file, and the defence sees one only through a judge's recorded decision.

Money is exact: DecimalField(14, 2) in euros, never float. Free text that may name people
is encrypted at rest; titles and labels are written not to name anyone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedJSONField, EncryptedTextField
from nrm.core.references import readable_reference
from nrm.prosecution.vocab import (
    Appellant,
    AssetKind,
    AssetStatus,
    AssignmentRole,
    BackPayRoute,
    BackPayStatus,
    CaseStatus,
    CivilPartyKind,
    ClaimStatus,
    CompanyRole,
    DisclosureOutcome,
    DisclosureScope,
    ExploitationForm,
    HearingKind,
    Instance,
    Liability,
    PathwayEffectStatus,
    StateFundStatus,
    Suspension,
    VerdictOutcome,
)


def new_case_reference() -> str:
    return readable_reference("C")


def new_statement_reference() -> str:
    return readable_reference("T")


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


# Qualification and charges -----------------------------------------------------------------


class QualificationSnapshot(models.Model):
    """The qualification engine's result for the case facts, frozen on the day it was taken:
    the facts document, the result document (CONTRACTS.md §1), the rulesets applied."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="qualifications")
    taken_on = models.DateField(_("date"))
    # Encrypted: the facts describe what happened to a victim, the result repeats them.
    facts = EncryptedJSONField(_("facts"))
    result = EncryptedJSONField(_("result"))
    rulesets = models.JSONField(_("rulesets"), default=list)
    jurisdictions = models.JSONField(_("jurisdictions"), default=list)
    # The result under the installation's own law, for lists.
    summary = models.CharField(_("result"), max_length=40, blank=True)
    # The language the explanation sentences were written in.
    language = models.CharField(max_length=8)
    note = EncryptedTextField(_("note"), blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "-taken_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: qualification {self.taken_on}"


class Charge(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="charges")
    suspect = models.ForeignKey(CaseSuspect, on_delete=models.PROTECT, related_name="charges")
    # A provision id as the qualification engine names them (BE-CP-433quinquies, ...).
    provision = models.CharField(_("provision"), max_length=40)
    is_trafficking = models.BooleanField(_("trafficking charge"), default=False)
    description = models.CharField(_("description"), max_length=300, blank=True)
    snapshot = models.ForeignKey(
        QualificationSnapshot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on the qualification of"),
    )
    added_on = models.DateField(_("charged on"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "suspect", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["suspect", "provision"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="a_provision_once_per_suspect",
            )
        ]

    def __str__(self) -> str:
        return f"{self.suspect_id}: {self.provision}"


# Decisions -----------------------------------------------------------------------------------


class CaseDecision(models.Model):
    """One decision taken on the case: the history row of one transition of the table."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="decisions")
    transition = models.CharField(_("decision"), max_length=32)
    from_status = models.CharField(max_length=24, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=24, choices=CaseStatus.choices)
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # A victim-status opinion concerns one victim.
    victim = models.ForeignKey(
        CaseVictim, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    positive = models.BooleanField(null=True, blank=True)
    reason_code = models.CharField(_("reason"), max_length=24, blank=True)
    reason = EncryptedTextField(_("reasons"), blank=True)
    # Other parameters: the appellant, the defendants a conviction was requested against.
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "decided_on", "recorded_at", "pk"]
        indexes = [
            models.Index(fields=["transition", "decided_on"], name="case_decision_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.transition} {self.decided_on}"


class PathwayEffect(models.Model):
    """What a decision did to a victim's residence-status pathway (nrm.protection), or why
    it did nothing: the note the case page shows next to the decision."""

    decision = models.ForeignKey(
        CaseDecision, on_delete=models.PROTECT, related_name="pathway_effects"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    event_type = models.CharField(max_length=40)
    status = models.CharField(max_length=8, choices=PathwayEffectStatus.choices)
    reason = models.CharField(max_length=500, blank=True)
    status_event = models.ForeignKey(
        "protection.StatusEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["decision", "pk"]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.event_type} {self.status}"


class Judgment(models.Model):
    decision = models.OneToOneField(CaseDecision, on_delete=models.PROTECT, related_name="judgment")
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="judgments")
    court = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    instance = models.CharField(_("instance"), max_length=8, choices=Instance.choices)
    judged_on = models.DateField(_("judged on"))

    class Meta:
        ordering = ["case", "judged_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: judgment {self.judged_on}"


class Verdict(models.Model):
    """The judgment for one defendant."""

    judgment = models.ForeignKey(Judgment, on_delete=models.PROTECT, related_name="verdicts")
    suspect = models.ForeignKey(CaseSuspect, on_delete=models.PROTECT, related_name="verdicts")
    outcome = models.CharField(_("outcome"), max_length=12, choices=VerdictOutcome.choices)
    convicted_of_trafficking = models.BooleanField(_("convicted of trafficking"), default=False)
    prison_months = models.PositiveIntegerField(
        _("prison sentence (months)"), null=True, blank=True
    )
    suspension = models.CharField(
        _("suspension"), max_length=8, choices=Suspension.choices, blank=True
    )
    fine_eur = models.DecimalField(
        _("fine (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    confiscation_eur = models.DecimalField(
        _("confiscation ordered (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["judgment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["judgment", "suspect"], name="one_verdict_per_defendant_and_judgment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.judgment_id}: {self.suspect_id} {self.outcome}"


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


# Assets and compensation ---------------------------------------------------------------------


class Asset(models.Model):
    """A freezing order's object: frozen, then released or confiscated."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField(_("kind"), max_length=16, choices=AssetKind.choices)
    # Account numbers, plates, addresses: encrypted.
    description = EncryptedTextField(_("description"), blank=True)
    owner = models.ForeignKey(
        CaseSuspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
        verbose_name=_("held by"),
    )
    value_eur = models.DecimalField(_("estimated value (EUR)"), max_digits=14, decimal_places=2)
    frozen_on = models.DateField(_("frozen on"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssetStatus.choices,
        default=AssetStatus.FROZEN,
        editable=False,
    )
    released_on = models.DateField(_("released on"), null=True, blank=True)
    release_reason = EncryptedTextField(_("reason for the release"), blank=True)
    confiscated_on = models.DateField(_("confiscated on"), null=True, blank=True)
    confiscated_value_eur = models.DecimalField(
        _("confiscated value (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "frozen_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_eur__gte=0), name="asset_value_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(confiscated_value_eur__isnull=True)
                | models.Q(confiscated_value_eur__gte=0),
                name="confiscated_value_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: asset {self.pk}"


class CivilParty(models.Model):
    """Who joined the criminal case as a civil party: a victim, or an organisation such as
    the independent rapporteur (which may do so in trafficking trials)."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="civil_parties")
    kind = models.CharField(_("civil party"), max_length=20, choices=CivilPartyKind.choices)
    victim = models.ForeignKey(
        CaseVictim, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_on = models.DateField(_("joined on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "joined_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="VICTIM", victim__isnull=False, organisation__isnull=True)
                    | (
                        ~models.Q(kind="VICTIM")
                        & models.Q(victim__isnull=True, organisation__isnull=False)
                    )
                ),
                name="civil_party_is_a_victim_or_an_organisation",
            ),
            models.UniqueConstraint(
                fields=["case", "victim"],
                condition=models.Q(victim__isnull=False),
                name="a_victim_joins_once",
            ),
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="an_organisation_joins_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: civil party {self.pk}"


class CivilClaim(models.Model):
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="civil_claims")
    civil_party = models.ForeignKey(CivilParty, on_delete=models.PROTECT, related_name="claims")
    description = EncryptedTextField(_("what is claimed"), blank=True)
    amount_claimed_eur = models.DecimalField(
        _("amount claimed (EUR)"), max_digits=14, decimal_places=2
    )
    amount_awarded_eur = models.DecimalField(
        _("amount awarded (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.FILED
    )
    filed_on = models.DateField(_("filed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: civil claim {self.pk}"


class BackPayClaim(models.Model):
    """Wages owed to a worker: against the employer and, jointly, the chain above it
    (Law of 11 Feb 2013), or through the state procedure for workers without a work permit
    that the seed note reports (RULES.md §1 item 4)."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="back_pay_claims")
    worker = models.ForeignKey(CaseVictim, on_delete=models.PROTECT, related_name="+")
    route = models.CharField(_("route"), max_length=16, choices=BackPayRoute.choices)
    employer = models.ForeignKey(
        "inspections.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employer"),
    )
    worksite = models.ForeignKey(
        "inspections.Worksite",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("site of the chain"),
    )
    # Known period of work; without it the 3-month presumption is applied ([K]).
    worked_from = models.DateField(_("worked from"), null=True, blank=True)
    worked_until = models.DateField(_("worked until"), null=True, blank=True)
    months_presumed = models.PositiveSmallIntegerField(null=True, blank=True)
    months_unpaid = models.PositiveSmallIntegerField(_("months not paid"), null=True, blank=True)
    worked_without_permit = models.BooleanField(
        _("worked without a work permit"), null=True, blank=True
    )
    amount_claimed_eur = models.DecimalField(
        _("amount claimed (EUR)"), max_digits=14, decimal_places=2
    )
    amount_paid_eur = models.DecimalField(
        _("amount paid (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=BackPayStatus.choices, default=BackPayStatus.FILED
    )
    filed_on = models.DateField(_("filed on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: back pay {self.pk}"


class BackPayDebtor(models.Model):
    """One company liable for a back-pay claim, and on which ground (RULES.md §4.1)."""

    claim = models.ForeignKey(BackPayClaim, on_delete=models.PROTECT, related_name="debtors")
    company = models.ForeignKey("inspections.Company", on_delete=models.PROTECT, related_name="+")
    liability = models.CharField(_("liable as"), max_length=20, choices=Liability.choices)
    # A direct contractor holding the subcontractor's written declaration is not liable.
    exempted = models.BooleanField(_("exempted by a written declaration"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["claim", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "company"], name="a_debtor_once_per_claim")
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.company_id} ({self.liability})"


class Allocation(models.Model):
    """Confiscated value allocated to a victim's compensation: a civil claim or a back-pay
    claim. The case's allocations never exceed its confiscated value."""

    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="allocations")
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)
    civil_claim = models.ForeignKey(
        CivilClaim, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    back_pay_claim = models.ForeignKey(
        BackPayClaim, on_delete=models.PROTECT, null=True, blank=True, related_name="allocations"
    )
    allocated_on = models.DateField(_("allocated on"))
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "allocated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_eur__gt=0), name="allocation_is_positive"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(civil_claim__isnull=False, back_pay_claim__isnull=True)
                    | models.Q(civil_claim__isnull=True, back_pay_claim__isnull=False)
                ),
                name="allocation_to_one_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: allocation {self.pk}"


class StateFundApplication(models.Model):
    """An application to the Commission for financial aid to victims of intentional acts of
    violence (Law of 1 August 1985). Ceilings and time limits: UNVERIFIED (RULES.md §4.3)."""

    case = models.ForeignKey(
        CaseFile, on_delete=models.PROTECT, related_name="state_fund_applications"
    )
    victim = models.ForeignKey(CaseVictim, on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(_("filed on"))
    amount_requested_eur = models.DecimalField(
        _("amount requested (EUR)"), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        _("status"), max_length=12, choices=StateFundStatus.choices, default=StateFundStatus.FILED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    amount_granted_eur = models.DecimalField(
        _("amount granted (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: state fund {self.pk}"


# Protected statements ------------------------------------------------------------------------


class ProtectedStatement(models.Model):
    """A victim's statement, kept apart from the case file. Read by the case's prosecutors
    and its court; reaches the defence only through a judge's `DisclosureDecision`."""

    reference = models.CharField(
        _("reference"),
        max_length=16,
        unique=True,
        default=new_statement_reference,
        editable=False,
    )
    case = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="+")
    victim = models.ForeignKey(CaseVictim, on_delete=models.PROTECT, related_name="+")
    taken_on = models.DateField(_("taken on"))
    language = models.CharField(_("language"), max_length=3, blank=True)
    text = EncryptedTextField(_("statement"))
    taken_by_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case", "taken_on", "pk"]

    def __str__(self) -> str:
        return self.reference


class DisclosureDecision(models.Model):
    """A judge's decision whether, when and how a statement reaches the defence.

    A granted decision allows exactly one export for the defence (`exported_at`, claimed
    with a conditional UPDATE), within its scope and conditions, until `valid_until`.
    """

    statement = models.ForeignKey(
        ProtectedStatement, on_delete=models.PROTECT, related_name="disclosures"
    )
    court = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"))
    outcome = models.CharField(_("decision"), max_length=8, choices=DisclosureOutcome.choices)
    scope = models.CharField(_("scope"), max_length=8, choices=DisclosureScope.choices, blank=True)
    # The version the defence may see when the scope is REDACTED, written by the judge.
    redacted_text = EncryptedTextField(_("redacted version"), blank=True)
    conditions = EncryptedTextField(_("conditions"), blank=True)
    questioning_allowed = models.BooleanField(
        _("the defence may question the victim"), default=False
    )
    # The defence of one defendant, or (null) of every defendant.
    defence_of = models.ForeignKey(
        CaseSuspect,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("defence of"),
    )
    # The lawyer who receives it (not a platform user): encrypted.
    recipient = EncryptedTextField(_("handed to"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["statement", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.outcome} {self.decided_on}"


# Local operational meetings ------------------------------------------------------------------


class OperationalMeeting(models.Model):
    """A local meeting of the prosecutor with labour inspectors and local police about
    concrete case files."""

    office = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    location = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        "organisations.Organisation", related_name="+", verbose_name=_("participants")
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["office", "held_on"], name="meeting_office_idx")]

    def __str__(self) -> str:
        return f"meeting {self.pk} {self.held_on}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        OperationalMeeting, on_delete=models.PROTECT, related_name="agenda_items"
    )
    case = models.ForeignKey(
        CaseFile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("case file"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    discussion = EncryptedTextField(_("discussion"), blank=True)
    decision = EncryptedTextField(_("decision"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.topic}"


class FollowUp(models.Model):
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="follow_ups")
    description = EncryptedTextField(_("what is to be done"))
    responsible = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible organisation"),
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The deadline worker's claim (nrm/coordination/reminders.py): stamped once, when it
    # tells the meeting's prosecution office that this open follow-up is overdue.
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["responsible", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="follow_up_open_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: follow-up due {self.due_on}"


# Targets ---------------------------------------------------------------------------------------


class ProsecutionTarget(models.Model):
    """An office's yearly target of trafficking cases (default: a setting)."""

    office = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    target = models.PositiveIntegerField(_("target"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year", "office"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year"], name="one_case_target_per_office_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.year}: {self.target}"


__all__ = [
    "Allocation",
    "Appellant",
    "Asset",
    "BackPayClaim",
    "BackPayDebtor",
    "CaseAssignment",
    "CaseCompany",
    "CaseDecision",
    "CaseEvidence",
    "CaseFile",
    "CaseInspection",
    "CaseSuspect",
    "CaseVictim",
    "Charge",
    "CivilClaim",
    "CivilParty",
    "DisclosureDecision",
    "FollowUp",
    "Hearing",
    "Judgment",
    "Liability",
    "OperationalMeeting",
    "PathwayEffect",
    "ProsecutionTarget",
    "ProtectedStatement",
    "QualificationSnapshot",
    "StateFundApplication",
    "Verdict",
]
