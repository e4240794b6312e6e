"""The organisations of a country's referral mechanism and who works in them.

One installation serves every organisation of the mechanism; a user acts for one
organisation at a time through one of their memberships.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    LABOUR_INSPECTION_TEAM = "LABOUR_INSPECTION_TEAM", _("Labour-inspection trafficking team")
    POLICE_UNIT = "POLICE_UNIT", _("Police unit")
    PROSECUTION_OFFICE = "PROSECUTION_OFFICE", _("Prosecution office or labour auditorate")
    COURT = "COURT", _("Court")
    CENTRE_ADULTS = "CENTRE_ADULTS", _("Specialised centre (adults)")
    CENTRE_MINORS = "CENTRE_MINORS", _("Specialised centre (minors)")
    IMMIGRATION_OFFICE = "IMMIGRATION_OFFICE", _("Immigration office")
    COORDINATION_UNIT = "COORDINATION_UNIT", _("Coordination unit")
    RAPPORTEUR = "RAPPORTEUR", _("Independent rapporteur")
    IDENTIFICATION_BODY = "IDENTIFICATION_BODY", _("Identification body")
    NGO = "NGO", _("Other NGO")
    # Denmark: the tax authority (Skattestyrelsen) joins the joint inspections ("fælles
    # myndighedsaktioner"); the municipalities give social support under the Social Services Act.
    TAX_AUTHORITY = "TAX_AUTHORITY", _("Tax authority")
    MUNICIPALITY = "MUNICIPALITY", _("Municipality")
    PLATFORM_OPERATOR = "PLATFORM_OPERATOR", _("Platform operator")


class Role(models.TextChoices):
    INSPECTOR = "INSPECTOR", _("Labour inspector")
    TEAM_LEAD = "TEAM_LEAD", _("Team lead")
    INVESTIGATOR = "INVESTIGATOR", _("Investigator")
    PROSECUTOR = "PROSECUTOR", _("Prosecutor")
    JUDGE = "JUDGE", _("Judge")
    CASEWORKER = "CASEWORKER", _("Caseworker")
    CENTRE_DIRECTOR = "CENTRE_DIRECTOR", _("Centre director")
    IMMIGRATION_OFFICER = "IMMIGRATION_OFFICER", _("Immigration officer")
    COORDINATOR = "COORDINATOR", _("Coordinator")
    ANALYST = "ANALYST", _("Analyst")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")


_T = OrganisationType
_R = Role
# Which roles make sense in which kind of organisation; memberships outside this table are
# refused, so that (say) a centre caseworker can never hold a prosecutor's role by mistake.
ROLES_BY_ORGANISATION_TYPE: dict[str, frozenset[str]] = {
    _T.LABOUR_INSPECTION_TEAM: frozenset({_R.INSPECTOR, _R.TEAM_LEAD}),
    _T.POLICE_UNIT: frozenset({_R.INVESTIGATOR, _R.TEAM_LEAD}),
    _T.PROSECUTION_OFFICE: frozenset({_R.PROSECUTOR}),
    _T.COURT: frozenset({_R.JUDGE}),
    _T.CENTRE_ADULTS: frozenset({_R.CASEWORKER, _R.CENTRE_DIRECTOR}),
    _T.CENTRE_MINORS: frozenset({_R.CASEWORKER, _R.CENTRE_DIRECTOR}),
    _T.IMMIGRATION_OFFICE: frozenset({_R.IMMIGRATION_OFFICER}),
    _T.COORDINATION_UNIT: frozenset({_R.COORDINATOR}),
    _T.RAPPORTEUR: frozenset({_R.ANALYST}),
    _T.IDENTIFICATION_BODY: frozenset({_R.CASEWORKER, _R.CENTRE_DIRECTOR}),
    _T.NGO: frozenset({_R.CASEWORKER, _R.CENTRE_DIRECTOR}),
    _T.TAX_AUTHORITY: frozenset({_R.INSPECTOR, _R.TEAM_LEAD}),
    _T.MUNICIPALITY: frozenset({_R.CASEWORKER}),
    _T.PLATFORM_OPERATOR: frozenset({_R.ADMINISTRATOR}),
}


class Region(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    country = models.CharField(_("country"), max_length=2)  # ISO 3166-1 alpha-2

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class JudicialDistrict(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        ordering = ["name"]
        verbose_name = _("judicial district")
        verbose_name_plural = _("judicial districts")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    # Official names in the installation's other languages ({"fr": …, "nl": …}): Belgian
    # federal bodies have one in each national language, and a page shows the reader's.
    names = models.JSONField(_("official names by language"), default=dict, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=OrganisationType.choices)
    country = models.CharField(_("country"), max_length=2, default="BE")
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    judicial_district = models.ForeignKey(
        JudicialDistrict,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["type", "region"])]

    def __str__(self) -> str:
        return self.short_name or self.name

    def official_name(self) -> str:
        """The name in the reader's language where the organisation has an official one
        (templates call it as `organisation.official_name`), else its registered name."""
        language = (get_language() or "")[:2]
        localised = self.names.get(language) if isinstance(self.names, dict) else None
        return str(localised) if localised else self.name


class Membership(models.Model):
    """A user's role in one organisation. Ended memberships are kept for the audit trail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    since = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_membership_per_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None
