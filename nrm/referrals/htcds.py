"""A referral in the HTCDS 2.0 vocabulary ("Referral Details" of the Case, `cas_` fields).

HTCDS describes a case's referral from both sides: "incoming" for the organisation that
receives it, "outgoing" for the one that sends it. One referral row here is both, so the
two halves carry the same date, reason and details.
"""

from __future__ import annotations

from nrm.referrals.models import Referral

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
