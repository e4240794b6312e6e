"""The referral workflow as one table, and who may do what with a referral.

Each transition names its source states, its target, the party that takes it (the receiving
centre or the referring organisation), the roles within that party, and whether a reason is
required. `available_transitions` answers for every transition whether this actor may take
it now and, either way, why: the page shows the answer next to each button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nrm.access.context import Actor
from nrm.core.errors import Conflict, PermissionDenied
from nrm.core.workflow import Availability
from nrm.organisations.models import OrganisationType, Role
from nrm.referrals.models import Referral, ReferralSource, ReferralStatus
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
    """Only the two parties see a referral: the referring organisation and the centre."""
    return (
        actor.user.is_active
        and actor.role in REFERRING_ROLES
        and actor.organisation_id is not None
        and actor.organisation_id
        in {referral.referring_organisation_id, referral.referred_organisation_id}
    )


class Party(StrEnum):
    RECEIVING = "receiving"
    REFERRING = "referring"


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: frozenset[str]
    target: str
    party: Party
    roles: frozenset[str]
    reason_required: bool


ACCEPT = Transition(
    name="accept",
    label=gettext_lazy("Accept"),
    sources=frozenset({S.PENDING}),
    target=S.ACCEPTED,
    party=Party.RECEIVING,
    roles=DECIDING_ROLES,
    reason_required=False,
)
DECLINE = Transition(
    name="decline",
    label=gettext_lazy("Decline"),
    sources=frozenset({S.PENDING}),
    target=S.DECLINED,
    party=Party.RECEIVING,
    roles=DECIDING_ROLES,
    reason_required=True,
)
WITHDRAW = Transition(
    name="withdraw",
    label=gettext_lazy("Withdraw"),
    sources=frozenset({S.PENDING}),
    target=S.WITHDRAWN,
    party=Party.REFERRING,
    roles=REFERRING_ROLES,
    reason_required=False,
)
TRANSITIONS: dict[str, Transition] = {t.name: t for t in (ACCEPT, DECLINE, WITHDRAW)}


def _state_reason(status: str) -> str:
    # Whole sentences per state, for the translators.
    if status == S.ACCEPTED:
        return _("This referral has already been accepted.")
    if status == S.DECLINED:
        return _("This referral has already been declined.")
    if status == S.WITHDRAWN:
        return _("This referral has been withdrawn.")
    return _("This referral is awaiting the centre's decision.")


def check(transition: Transition, referral: Referral, actor: Actor) -> Availability[Transition]:
    party_id = (
        referral.referred_organisation_id
        if transition.party == Party.RECEIVING
        else referral.referring_organisation_id
    )
    if actor.organisation_id != party_id:
        reason = (
            _("Only the centre the person was referred to decides on a referral.")
            if transition.party == Party.RECEIVING
            else _("Only the organisation that made the referral can withdraw it.")
        )
        return Availability(transition, False, reason, PermissionDenied)
    if actor.role not in transition.roles:
        return Availability(
            transition, False, _("Your role does not decide on referrals."), PermissionDenied
        )
    if referral.status not in transition.sources:
        return Availability(transition, False, _state_reason(referral.status), Conflict)
    reason = (
        _("Your centre received this referral and has not decided yet.")
        if transition.party == Party.RECEIVING
        else _("Your organisation made this referral and the centre has not decided yet.")
    )
    return Availability(transition, True, reason)


def available_transitions(referral: Referral, actor: Actor) -> list[Availability[Transition]]:
    """Every transition, allowed or not, each with its reason, in the table's order."""
    return [check(transition, referral, actor) for transition in TRANSITIONS.values()]
