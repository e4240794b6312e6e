"""What travels with a referral made from a hotline call (issue 16 item 2): the call's
summary, for the receiving centre, only while the person's consent to be referred is in
force. Without it (never asked, refused, withdrawn, or a child referred under the child
exemption without their agreement) the centre sees the referral's own details only; after
a withdrawal the summary is no longer shown, and the audit trail keeps when it was."""

from __future__ import annotations

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import purpose_for
from nrm.consent.models import ConsentPurpose
from nrm.consent.queries import consent_allows
from nrm.referrals.models import HotlineEntry, Referral, ReferralStatus

# A centre that declined, or whose referral was withdrawn, no longer reads the call.
_OPEN = frozenset({ReferralStatus.PENDING, ReferralStatus.ACCEPTED})


def hotline_summary_for_actor(actor: Actor, referral: Referral) -> str | None:
    """The summary of the call the referral came from, for the receiving centre when the
    person consented to be referred; None otherwise. The read is audited (what was shared
    stays recorded as shared)."""
    if actor.organisation_id != referral.referred_organisation_id or referral.status not in _OPEN:
        return None
    entry = HotlineEntry.objects.filter(referral=referral).only("pk", "summary").first()
    if entry is None or not consent_allows(referral.person, ConsentPurpose.REFERRAL):
        return None
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="referral_hotline_summary_view",
        record=entry,
        purpose=purpose_for(actor),
        changes={"referral": referral.reference, "person": referral.person.reference},
    )
    summary: str = entry.summary
    return summary
