"""The words of criminal case files, as stored codes with translated labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CaseStatus(models.TextChoices):
    """Written only by the decision actions of `nrm/prosecution/workflow.py`."""

    REGISTERED = "REGISTERED", _("Registered, no decision yet")
    INVESTIGATION = "INVESTIGATION", _("Under investigation")
    DISMISSED = "DISMISSED", _("Dismissed")
    INDICTED = "INDICTED", _("Before the court")
    CONVICTION_REQUESTED = "CONVICTION_REQUESTED", _("Conviction for trafficking requested")
    JUDGED = "JUDGED", _("Judged")
    APPEALED = "APPEALED", _("On appeal")
    FINAL = "FINAL", _("Judgment final")


class ExploitationForm(models.TextChoices):
    LABOUR = "LABOUR", _("Labour exploitation")
    SEXUAL = "SEXUAL", _("Sexual exploitation")
    BEGGING = "BEGGING", _("Exploitation of begging")
    FORCED_CRIMINALITY = "FORCED_CRIMINALITY", _("Forced criminality")
    ORGAN_REMOVAL = "ORGAN_REMOVAL", _("Removal of organs or tissue")
    OTHER = "OTHER", _("Other form")


class AssignmentRole(models.TextChoices):
    PROSECUTOR = "PROSECUTOR", _("Specialised prosecutor")
    INVESTIGATOR = "INVESTIGATOR", _("Investigator")


class CompanyRole(models.TextChoices):
    """The company's part in the facts of the case (its place in the chain is the site's)."""

    EMPLOYER = "EMPLOYER", _("Employer of the victims")
    CONTRACTOR = "CONTRACTOR", _("Contractor in the chain")
    PRINCIPAL = "PRINCIPAL", _("Principal (client at the top of the chain)")
    OTHER = "OTHER", _("Other involvement")


class DismissalReason(models.TextChoices):
    INSUFFICIENT_EVIDENCE = "INSUFFICIENT_EVIDENCE", _("Insufficient evidence")
    NO_OFFENCE = "NO_OFFENCE", _("No offence")
    AUTHOR_UNKNOWN = "AUTHOR_UNKNOWN", _("Author unknown")
    PRIORITIES = "PRIORITIES", _("Prosecution priorities")
    OTHER = "OTHER", _("Other reason")


class VerdictOutcome(models.TextChoices):
    CONVICTED = "CONVICTED", _("Convicted")
    ACQUITTED = "ACQUITTED", _("Acquitted")


class Suspension(models.TextChoices):
    NONE = "NONE", _("Not suspended")
    PARTLY = "PARTLY", _("Partly suspended")
    FULLY = "FULLY", _("Fully suspended")


class Instance(models.TextChoices):
    FIRST = "FIRST", _("First instance")
    APPEAL = "APPEAL", _("Appeal")


class Appellant(models.TextChoices):
    PROSECUTION = "PROSECUTION", _("The prosecution")
    DEFENDANT = "DEFENDANT", _("A defendant")
    CIVIL_PARTY = "CIVIL_PARTY", _("A civil party")


class HearingKind(models.TextChoices):
    INTRODUCTORY = "INTRODUCTORY", _("Introductory hearing")
    TRIAL = "TRIAL", _("Trial hearing")
    PRONOUNCEMENT = "PRONOUNCEMENT", _("Pronouncement of the judgment")
    APPEAL = "APPEAL", _("Appeal hearing")


class AssetKind(models.TextChoices):
    BANK_ACCOUNT = "BANK_ACCOUNT", _("Bank account")
    CASH = "CASH", _("Cash")
    VEHICLE = "VEHICLE", _("Vehicle")
    REAL_ESTATE = "REAL_ESTATE", _("Real estate")
    BUSINESS_ASSETS = "BUSINESS_ASSETS", _("Business assets")
    OTHER = "OTHER", _("Other property")


class AssetStatus(models.TextChoices):
    FROZEN = "FROZEN", _("Frozen")
    RELEASED = "RELEASED", _("Released")
    CONFISCATED = "CONFISCATED", _("Confiscated")


class CivilPartyKind(models.TextChoices):
    VICTIM = "VICTIM", _("Victim")
    RAPPORTEUR = "RAPPORTEUR", _("Independent rapporteur")
    OTHER_ORGANISATION = "OTHER_ORGANISATION", _("Other organisation")


class ClaimStatus(models.TextChoices):
    FILED = "FILED", _("Filed")
    AWARDED = "AWARDED", _("Awarded")
    REJECTED = "REJECTED", _("Rejected")


class BackPayRoute(models.TextChoices):
    JOINT_LIABILITY = "JOINT_LIABILITY", _("Employer and joint liability along the chain")
    STATE_PROCEDURE = "STATE_PROCEDURE", _("State payment for workers without a work permit")


class Liability(models.TextChoices):
    """RULES.md §4.1 engine field `debtor`."""

    EMPLOYER = "EMPLOYER", _("Employer")
    DIRECT_CONTRACTOR = "DIRECT_CONTRACTOR", _("Direct contractor")
    CHAIN_CONTRACTOR = "CHAIN_CONTRACTOR", _("Contractor higher up the chain")
    PRINCIPAL = "PRINCIPAL", _("Principal")


class BackPayStatus(models.TextChoices):
    FILED = "FILED", _("Filed")
    GRANTED = "GRANTED", _("Granted")
    REFUSED = "REFUSED", _("Refused")
    PAID = "PAID", pgettext_lazy("back pay", "Paid")


class StateFundStatus(models.TextChoices):
    FILED = "FILED", _("Filed")
    GRANTED = "GRANTED", _("Granted")
    REFUSED = "REFUSED", _("Refused")
    WITHDRAWN = "WITHDRAWN", _("Withdrawn")


class DisclosureOutcome(models.TextChoices):
    GRANTED = "GRANTED", _("Disclosure granted")
    REFUSED = "REFUSED", _("Disclosure refused")


class DisclosureScope(models.TextChoices):
    FULL = "FULL", _("The full statement")
    REDACTED = "REDACTED", _("A redacted version written by the judge")


class PathwayEffectStatus(models.TextChoices):
    RECORDED = "RECORDED", _("Recorded in the residence pathway")
    SKIPPED = "SKIPPED", _("Not recorded in the residence pathway")


class ProposalKind(models.TextChoices):
    """What a linked inspection proposes to the case file (issue 16 item 2)."""

    VICTIM = "VICTIM", _("Worker met at the inspection, as a victim")
    SUSPECT = "SUSPECT", _("Company of the site's chain, as a suspect")
    EVIDENCE = "EVIDENCE", _("Evidence of the inspection")


class ProposalStatus(models.TextChoices):
    PROPOSED = "PROPOSED", _("Proposed")
    CONFIRMED = "CONFIRMED", _("Confirmed")
    SET_ASIDE = "SET_ASIDE", _("Set aside")
