"""A referral in the HTCDS 2.0 vocabulary ("Referral Details" of the Case, `cas_` fields).

HTCDS describes a case's referral from both sides: "incoming" for the organisation that
receives it, "outgoing" for the one that sends it. One referral row here is both, so the
two halves carry the same date, reason and details.

The `cas_` names and codes belong to the export (and the API's `htcds` block); pages show
the labels below, in the user's language, and never the codes under them (issue 16 items 4
and 6).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nrm.referrals.models import Referral, ReferralReason

FIELD_NAMES = (
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
    "cas_ReferringPrimaryCaseWorker",
    "cas_ReasonForIncomingReferral",
    "cas_IncomingReferralDetails",
    "cas_ReferredOrganisation",
    "cas_ReferredPrimaryCaseWorker",
    "cas_ReasonForOutgoingReferral",
    "cas_OutgoingReferralDate",
    "cas_OutgoingReferralDetails",
)

# What each field is called on a page (the export keeps the `cas_` name as its key).
FIELD_LABELS: dict[str, Promise] = {
    "cas_ReferringOrganisation": _("Referring organisation"),
    "cas_IncomingReferralDate": _("Referral date"),
    "cas_ReferringPrimaryCaseWorker": _("Referring caseworker"),
    "cas_ReasonForIncomingReferral": _("Reason"),
    "cas_IncomingReferralDetails": _("Details"),
    "cas_ReferredOrganisation": _("Referred to"),
    "cas_ReferredPrimaryCaseWorker": _("Centre caseworker"),
    "cas_ReasonForOutgoingReferral": _("Reason"),
    "cas_OutgoingReferralDate": _("Referral date"),
    "cas_OutgoingReferralDetails": _("Details"),
}

# HTCDS's reasons are written for any service referral ("Additional services required");
# a centre triaging a referral reads what it means for a presumed victim of trafficking.
REASON_LABELS: dict[str, Promise] = {
    ReferralReason.ADDITIONAL_SERVICES_REQUIRED: _(
        "Needs a specialised centre's support (shelter, guidance, victim status)"
    ),
    ReferralReason.MIGRATION_OR_CHANGE_OF_LOCATION: _(
        "Moved away: needs the centre of the place where the person now is"
    ),
    ReferralReason.OTHER: _("Another reason, given in the details"),
}


def reason_label(code: str) -> str:
    """The specific wording of an HTCDS referral reason (the code itself if unknown)."""
    label = REASON_LABELS.get(code)
    return str(label) if label is not None else code


def referral_details(referral: Referral) -> dict[str, str | None]:
    """The HTCDS fields of one referral (organisation names; caseworkers by display name)."""
    referred_caseworker = referral.referred_caseworker
    return {
        "cas_ReferringOrganisation": referral.referring_organisation.name,
        "cas_IncomingReferralDate": referral.referred_on.isoformat(),
        "cas_ReferringPrimaryCaseWorker": referral.referring_caseworker.display_name,
        "cas_ReasonForIncomingReferral": referral.reason,
        "cas_IncomingReferralDetails": referral.details,
        "cas_ReferredOrganisation": referral.referred_organisation.name,
        "cas_ReferredPrimaryCaseWorker": (
            referred_caseworker.display_name if referred_caseworker else None
        ),
        "cas_ReasonForOutgoingReferral": referral.reason,
        "cas_OutgoingReferralDate": referral.referred_on.isoformat(),
        "cas_OutgoingReferralDetails": referral.details,
    }
