"""Frozen and confiscated assets, their allocation to compensation, civil parties and
claims, back-pay claims and their debtors, applications to the state fund."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nrm.core.crypto import EncryptedTextField
from nrm.prosecution.models.cases import (
    CaseFile,
    CaseSuspect,
    CaseVictim,
)
from nrm.prosecution.vocab import (
    AssetKind,
    AssetStatus,
    BackPayRoute,
    BackPayStatus,
    CivilPartyKind,
    ClaimStatus,
    Liability,
    StateFundStatus,
)

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
