"""The referral workflow as one table, and who may do what with a referral.

Each transition names its source states, its target, the party that takes it (the receiving
centre or the referring organisation), the roles within that party, and whether a reason is
required. `available_transitions` answers for every transition whether this actor may take
it now and, either way, why: the page shows the answer next to each button.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import person_withheld, purpose_for
from nrm.core.workflow import Availability, Step, Transition, Workflow
from nrm.organisations.models import OrganisationType, Role
from nrm.referrals.models import Referral, ReferralEvent, ReferralSource, ReferralStatus
from nrm.referrals.routing import CENTRE_TYPES

R = Role
T = OrganisationType
S = ReferralStatus

# Product default, not a legal rule: no text sets how fast a centre answers a referral. A
# day matches the centres' 24/7 hotline. NRM_REFERRAL_RESPONSE_HOURS changes it.
DEFAULT_RESPONSE_HOURS = 24

# Who may refer a person they can see (product choice, after the Belgian circular of
# 23 December 2016: inspection, police and the centres themselves refer; prosecutors, courts
# and the immigration office ask the police or a centre to do it).
REFERRING_ROLES = frozenset(
    {R.INSPECTOR, R.TEAM_LEAD, R.INVESTIGATOR, R.CASEWORKER, R.CENTRE_DIRECTOR}
)
# Who decides for the receiving centre.
DECIDING_ROLES = frozenset({R.CASEWORKER, R.CENTRE_DIRECTOR})
# The sources an organisation can give; the first is the default.
SOURCES_BY_ORGANISATION_TYPE: dict[str, tuple[str, ...]] = {
    T.LABOUR_INSPECTION_TEAM: (ReferralSource.INSPECTION,),
    T.POLICE_UNIT: (ReferralSource.POLICE,),
    T.CENTRE_ADULTS: (ReferralSource.NGO, ReferralSource.HOTLINE, ReferralSource.SELF),
    T.CENTRE_MINORS: (ReferralSource.NGO, ReferralSource.HOTLINE, ReferralSource.SELF),
    T.NGO: (ReferralSource.NGO, ReferralSource.SELF),
    T.IDENTIFICATION_BODY: (ReferralSource.NGO, ReferralSource.SELF),
}


def response_time() -> timedelta:
    return timedelta(hours=getattr(settings, "NRM_REFERRAL_RESPONSE_HOURS", DEFAULT_RESPONSE_HOURS))


def sources_for(organisation_type: str) -> tuple[str, ...]:
    return SOURCES_BY_ORGANISATION_TYPE.get(organisation_type, ())


def may_refer(actor: Actor) -> bool:
    """The role and organisation may refer at all (the person must still be visible)."""
    organisation = actor.organisation
    return (
        organisation is not None
        and actor.user.is_active
        and actor.role in REFERRING_ROLES
        and bool(sources_for(organisation.type))
    )


def may_keep_hotline(actor: Actor) -> bool:
    organisation = actor.organisation
    return (
        organisation is not None
        and actor.user.is_active
        and organisation.type in CENTRE_TYPES
        and actor.role in DECIDING_ROLES
    )


def may_see(actor: Actor, referral: Referral) -> bool:
    """Only the two parties see a referral: the referring organisation and the centre;
    within them, not a member kept out of the person's assigned case (issue 11 §3)."""
    return (
        actor.user.is_active
        and actor.role in REFERRING_ROLES
        and actor.organisation_id is not None
        and actor.organisation_id
        in {referral.referring_organisation_id, referral.referred_organisation_id}
        and not person_withheld(actor, referral.person_id)
    )


class Party(StrEnum):
    RECEIVING = "receiving"
    REFERRING = "referring"


def _party_organisation(transition: Transition, referral: Referral) -> int | None:
    if Party.RECEIVING in transition.parties:
        return referral.referred_organisation_id
    return referral.referring_organisation_id


def _refuse_party(
    transition: Transition, actor: Actor, referral: Referral, context: None
) -> str | None:
    if actor.organisation_id != _party_organisation(transition, referral):
        if Party.RECEIVING in transition.parties:
            return _("Only the centre the person was referred to decides on a referral.")
        return _("Only the organisation that made the referral can withdraw it.")
    if actor.role not in transition.roles:
        return _("Your role does not decide on referrals.")
    return None


def _state_reason(status: str) -> str:
    # Whole sentences per state, for the translators.
    if status == S.ACCEPTED:
        return _("This referral has already been accepted.")
    if status == S.DECLINED:
        return _("This referral has already been declined.")
    if status == S.WITHDRAWN:
        return _("This referral has been withdrawn.")
    return _("This referral is awaiting the centre's decision.")


# Public: the actions outside the table (addenda) refuse a finished referral in the same words.
state_reason = _state_reason


def _allowed_reason(transition: Transition, referral: Referral, context: None) -> str:
    if Party.RECEIVING in transition.parties:
        return _("Your centre received this referral and has not decided yet.")
    return _("Your organisation made this referral and the centre has not decided yet.")


def _history(step: Step[Referral, None]) -> ReferralEvent:
    assert step.actor.organisation is not None  # a party to the referral has one
    return ReferralEvent.objects.create(
        referral=step.record,
        from_status=step.old_status,
        to_status=step.new_status,
        at=step.history_fields["at"],
        by=step.actor.user,
        organisation=step.actor.organisation,
    )


ACCEPT = Transition(
    name="accept",
    label=gettext_lazy("Accept"),
    sources=frozenset({S.PENDING}),
    target=S.ACCEPTED,
    parties=frozenset({Party.RECEIVING}),
    roles=DECIDING_ROLES,
    action="nrm.referrals.actions.referral_accept",
    form="nrm.referrals.forms.VersionForm",
    done=gettext_lazy("Referral accepted. The person is now in your centre's care."),
)
DECLINE = Transition(
    name="decline",
    label=gettext_lazy("Decline"),
    sources=frozenset({S.PENDING}),
    target=S.DECLINED,
    parties=frozenset({Party.RECEIVING}),
    roles=DECIDING_ROLES,
    reason_required=True,
    action="nrm.referrals.actions.referral_decline",
    form="nrm.referrals.forms.DeclineForm",
    done=gettext_lazy("Referral declined. The referring organisation sees your reason."),
)
WITHDRAW = Transition(
    name="withdraw",
    label=gettext_lazy("Withdraw"),
    sources=frozenset({S.PENDING}),
    target=S.WITHDRAWN,
    parties=frozenset({Party.REFERRING}),
    roles=REFERRING_ROLES,
    action="nrm.referrals.actions.referral_withdraw",
    form="nrm.referrals.forms.WithdrawForm",
    done=gettext_lazy("Referral withdrawn."),
)

REFERRALS: Workflow[Referral, None] = Workflow(
    name="referral",
    model=Referral,
    record_kwarg="referral",
    transitions=(ACCEPT, DECLINE, WITHDRAW),
    context=lambda actor, referral: None,
    visible=lambda actor, referral, context: may_see(actor, referral),
    refuse_party=_refuse_party,
    state_reason=_state_reason,
    allowed_reason=_allowed_reason,
    not_found=lambda: _("No such referral."),
    changed_meanwhile=lambda: _(
        "Someone else acted on this referral meanwhile. Reload the page and try again."
    ),
    history=_history,
    audit=audit_record,
    purpose=purpose_for,
    audit_event=AuditEventType.UPDATE,
    select_related=("person", "received_involvement"),
    unknown=lambda: _("No such decision."),
)
TRANSITIONS: dict[str, Transition] = REFERRALS.by_name


def check(transition: Transition, referral: Referral, actor: Actor) -> Availability[Transition]:
    return REFERRALS.check(transition, referral, actor, None)


def available_transitions(referral: Referral, actor: Actor) -> list[Availability[Transition]]:
    """Every transition, allowed or not, each with its reason, in the table's order."""
    return REFERRALS.available(referral, actor)
