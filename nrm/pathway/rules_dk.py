"""Denmark: the victim-status pathway as data (RULES.md §6, CONTRACTS.md §2).

Whether the person has legal stay decides who acts: the Danish Immigration Service
(Udlændingestyrelsen, `IMMIGRATION_OFFICE`) for a person without legal stay, the Center
mod Menneskehandel (`IDENTIFICATION_BODY`) for a person with it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from nrm.pathway.dates import add_days
from nrm.pathway.i18n import Message, _
from nrm.pathway.model import DeadlineKind, LegalBasis, OrgKind, PathwayState, Source, Tag
from nrm.pathway.table import (
    DeadlineSpec,
    GuardContext,
    JurisdictionRules,
    Opening,
    TransitionRule,
)


class DkState(StrEnum):
    IDENTIFICATION = "IDENTIFICATION"
    REFLECTION = "REFLECTION"
    RESTITUTION = "RESTITUTION"
    INVESTIGATION_PERMIT = "INVESTIGATION_PERMIT"
    PREPARED_RETURN = "PREPARED_RETURN"
    STATUS_ENDED = "STATUS_ENDED"


class DkEvent(StrEnum):
    IDENTIFIED = "IDENTIFIED"
    REFLECTION_STARTED = "REFLECTION_STARTED"
    REFLECTION_EXTENDED = "REFLECTION_EXTENDED"
    INVESTIGATION_PERMIT_ISSUED = "INVESTIGATION_PERMIT_ISSUED"
    PREPARED_RETURN = "PREPARED_RETURN"
    STATUS_END_DECIDED = "STATUS_END_DECIDED"
    # Beyond CONTRACTS.md §2's six events (issue 15): the police's request, the permit's
    # renewal and the end of the investigation it serves, and the public-order exception.
    INVESTIGATION_PERMIT_REQUESTED = "INVESTIGATION_PERMIT_REQUESTED"
    INVESTIGATION_PERMIT_RENEWED = "INVESTIGATION_PERMIT_RENEWED"
    INVESTIGATION_ENDED = "INVESTIGATION_ENDED"
    IMMEDIATE_DEPARTURE_SET = "IMMEDIATE_DEPARTURE_SET"


STATE_LABELS: dict[str, str] = {
    DkState.IDENTIFICATION: _("identification"),
    DkState.REFLECTION: _("reflection period"),
    DkState.RESTITUTION: _("restitution period"),
    DkState.INVESTIGATION_PERMIT: _("residence permit for the investigation"),
    DkState.PREPARED_RETURN: _("prepared return"),
    DkState.STATUS_ENDED: _("status ended"),
}

EVENT_LABELS: dict[str, str] = {
    DkEvent.IDENTIFIED: _("Identified as a victim"),
    DkEvent.REFLECTION_STARTED: _("Reflection or restitution period started"),
    DkEvent.REFLECTION_EXTENDED: _("Reflection period extended"),
    DkEvent.INVESTIGATION_PERMIT_ISSUED: _("Residence permit for the investigation issued"),
    DkEvent.PREPARED_RETURN: _("Prepared return"),
    DkEvent.STATUS_END_DECIDED: _("End of status decided"),
    DkEvent.INVESTIGATION_PERMIT_REQUESTED: _(
        "Residence permit for the investigation requested by the police"
    ),
    DkEvent.INVESTIGATION_PERMIT_RENEWED: _("Residence permit for the investigation renewed"),
    DkEvent.INVESTIGATION_ENDED: _("Investigation or prosecution ended"),
    DkEvent.IMMEDIATE_DEPARTURE_SET: _("Immediate departure for public-order reasons"),
}

_IN_PERIOD = frozenset({DkState.REFLECTION, DkState.RESTITUTION})
_BEFORE_OUTCOME = frozenset({DkState.IDENTIFICATION, *_IN_PERIOD})


# --- Facts ----------------------------------------------------------------------------------


def reflection_start(state: PathwayState) -> dt.date | None:
    started = state.last(DkEvent.REFLECTION_STARTED)
    return started.date if started else None


def reflection_total_days(state: PathwayState) -> int | None:
    """The current total length of the period, from its start to its end date."""
    start = reflection_start(state)
    end = state.deadline(DeadlineKind.REFLECTION_END)
    if start is None or end is None:
        return None
    return (end.due - start).days


# --- Guards ---------------------------------------------------------------------------------


def extension_days_given(ctx: GuardContext) -> Message | None:
    if ctx.event is not None and ctx.event.days is None:
        return Message(_("The extension must give the new total length of the period in days."))
    return None


def below_maximum(ctx: GuardContext) -> Message | None:
    # Checked without the event's details too, so that the page can grey out the button.
    total = reflection_total_days(ctx.state)
    maximum = ctx.config.dk_reflection_max_days
    if total is not None and total >= maximum:
        return Message(
            _("The reflection period already lasts %(days)s days, the longest allowed."),
            {"days": total},
        )
    return None


def new_total_within_maximum(ctx: GuardContext) -> Message | None:
    # CMM-REFL [V], FT-L129 [V]: at most 120 days in total.
    maximum = ctx.config.dk_reflection_max_days
    if ctx.event is not None and ctx.event.days is not None and ctx.event.days > maximum:
        return Message(
            _(
                "The new total of %(days)s days is above the longest reflection period "
                "allowed, %(maximum)s days."
            ),
            {"days": ctx.event.days, "maximum": maximum},
        )
    return None


def new_total_longer(ctx: GuardContext) -> Message | None:
    total = reflection_total_days(ctx.state)
    days = ctx.event.days if ctx.event is not None else None
    if days is not None and total is not None and days <= total:
        return Message(
            _("The new total of %(days)s days does not extend the current %(current)s days."),
            {"days": days, "current": total},
        )
    return None


def extended_reflection_due(ctx: GuardContext) -> dt.date:
    """`days` is the new total length, so the end moves to start + days."""
    start = reflection_start(ctx.state)
    if ctx.event is None or ctx.event.days is None or start is None:
        raise ValueError("an extension needs a started period and its new total length")
    return add_days(start, ctx.event.days)


def extension_not_lapsed(ctx: GuardContext) -> Message | None:
    # Product choice: an extension that would already have run out creates no useful stay.
    if ctx.event is None or ctx.event.days is None or reflection_start(ctx.state) is None:
        return None
    new_end = extended_reflection_due(ctx)
    if new_end < ctx.on:
        return Message(
            _(
                "Even extended, the reflection period would have ended on %(date)s, before "
                "this decision."
            ),
            {"date": new_end.isoformat()},
        )
    return None


def without_legal_stay(ctx: GuardContext) -> Message | None:
    # A person with legal stay needs no residence permit and has no departure deadline.
    if ctx.state.person.has_legal_stay:
        return Message(
            _("The person has legal stay: no residence permit or departure deadline applies.")
        )
    return None


def _last_permit(state: PathwayState) -> dt.date | None:
    last = state.last(DkEvent.INVESTIGATION_PERMIT_ISSUED, DkEvent.INVESTIGATION_PERMIT_RENEWED)
    return last.date if last else None


def police_request_on_record(ctx: GuardContext) -> Message | None:
    """Aliens Act § 9 c(5): the permit is granted at the police's request; a renewal needs a
    request made since the last permit (checked where the installation asks for it)."""
    if not ctx.config.dk_permit_needs_police_request:
        return None
    request = ctx.state.last(DkEvent.INVESTIGATION_PERMIT_REQUESTED)
    since = _last_permit(ctx.state)
    if request is None or (since is not None and request.date < since):
        return Message(_("The police have not requested this permit since the last one."))
    return None


def investigation_not_ended(ctx: GuardContext) -> Message | None:
    # FT-L129 [V]: the permit cannot be extended beyond the investigation or prosecution.
    ended = ctx.state.last(DkEvent.INVESTIGATION_ENDED)
    since = _last_permit(ctx.state)
    if ended is not None and (since is None or ended.date >= since):
        return Message(
            _(
                "The investigation or prosecution ended on %(date)s: the permit cannot be "
                "renewed beyond it."
            ),
            {"date": ended.date.isoformat()},
        )
    return None


def permit_still_valid(ctx: GuardContext) -> Message | None:
    # Product choice: a renewal continues a valid permit; after the expiry the person has
    # no basis of stay left to renew.
    expiry = ctx.state.deadline(DeadlineKind.INVESTIGATION_PERMIT_EXPIRY)
    if expiry is not None and expiry.due < ctx.on:
        return Message(
            _("The permit expired on %(date)s; it can no longer be renewed."),
            {"date": expiry.due.isoformat()},
        )
    return None


def permit_in_force(ctx: GuardContext) -> Message | None:
    if ctx.state.state != DkState.INVESTIGATION_PERMIT:
        return None
    if ctx.state.last(DkEvent.INVESTIGATION_ENDED) is None:
        return None
    return investigation_not_ended(ctx)


# --- Deadlines ------------------------------------------------------------------------------

REFLECTION_END = DeadlineSpec(
    kind=DeadlineKind.REFLECTION_END,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    responsible_with_legal_stay=OrgKind.IDENTIFICATION_BODY,
    action=_("extend, prepare the return, or end"),
    setting="dk_reflection",
    while_in=_IN_PERIOD,
    reminder_setting="reflection_end_reminder_days",
)

INVESTIGATION_PERMIT_EXPIRY = DeadlineSpec(
    kind=DeadlineKind.INVESTIGATION_PERMIT_EXPIRY,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("renew at the police's request, or end"),
    setting="dk_investigation_permit",
    while_in=frozenset({DkState.INVESTIGATION_PERMIT}),
    reminder_setting="permit_expiry_reminder_days",
    document="INVESTIGATION_PERMIT",
)

_PERMIT_BASIS = LegalBasis(
    _(
        "At the police's request, a residence permit is granted when the person's "
        "presence is needed for the investigation or prosecution, and not beyond it "
        "(Aliens Act § 9 c(5))."
    ),
    (Source("FT-L129", Tag.V),),
)

TRANSITIONS: tuple[TransitionRule, ...] = (
    TransitionRule(
        event=DkEvent.IDENTIFIED,
        sources=frozenset({None}),
        target=DkState.IDENTIFICATION,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        taken_by_with_legal_stay=(OrgKind.IDENTIFICATION_BODY,),
        legal_basis=LegalBasis(
            _(
                "The Danish Immigration Service identifies victims without legal stay and the "
                "Center mod Menneskehandel those with legal stay, Danes and EU citizens "
                "included; since the 2022-2025 action plan they are the only formal "
                "identifiers."
            ),
            (Source("BSR-TRM", Tag.V), Source("TIP-DK-2017..2023", Tag.V)),
        ),
    ),
    TransitionRule(
        event=DkEvent.REFLECTION_STARTED,
        sources=frozenset({DkState.IDENTIFICATION}),
        target=DkState.REFLECTION,
        target_with_legal_stay=DkState.RESTITUTION,
        # RULES.md §6: the restitution period of a person with legal stay is the CMM's.
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        taken_by_with_legal_stay=(OrgKind.IDENTIFICATION_BODY,),
        opens=(Opening(REFLECTION_END),),
        legal_basis=LegalBasis(
            _(
                "A person without legal stay gets a departure deadline of 30 days as a "
                "reflection period (Aliens Act § 33(14)); a person with legal stay gets an "
                "equivalent restitution period with the same support."
            ),
            (Source("CMM-REFL", Tag.V),),
        ),
    ),
    TransitionRule(
        event=DkEvent.REFLECTION_EXTENDED,
        sources=_IN_PERIOD,
        target=None,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        taken_by_with_legal_stay=(OrgKind.IDENTIFICATION_BODY,),
        guards=(
            extension_days_given,
            below_maximum,
            new_total_within_maximum,
            new_total_longer,
            extension_not_lapsed,
        ),
        opens=(Opening(REFLECTION_END, due=extended_reflection_due, period_from_event=True),),
        legal_basis=LegalBasis(
            _(
                "The departure deadline can be extended for special reasons or when the person "
                "cooperates on a prepared return, to at most 120 days in total (raised from "
                "100 by Act L 129, 2012-13 session)."
            ),
            (Source("CMM-REFL", Tag.V), Source("FT-L129", Tag.V), Source("FT-2008", Tag.V)),
        ),
    ),
    TransitionRule(
        event=DkEvent.INVESTIGATION_PERMIT_REQUESTED,
        sources=frozenset({*_BEFORE_OUTCOME, DkState.INVESTIGATION_PERMIT}),
        target=None,
        taken_by=(OrgKind.POLICE,),
        person_guards=(without_legal_stay,),
        guards=(permit_in_force,),
        legal_basis=_PERMIT_BASIS,
    ),
    TransitionRule(
        event=DkEvent.INVESTIGATION_PERMIT_ISSUED,
        sources=_BEFORE_OUTCOME,
        target=DkState.INVESTIGATION_PERMIT,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        person_guards=(without_legal_stay,),
        guards=(police_request_on_record,),
        opens=(Opening(INVESTIGATION_PERMIT_EXPIRY),),
        issues_document="INVESTIGATION_PERMIT",
        legal_basis=_PERMIT_BASIS,
    ),
    TransitionRule(
        event=DkEvent.INVESTIGATION_PERMIT_RENEWED,
        sources=frozenset({DkState.INVESTIGATION_PERMIT}),
        target=None,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        person_guards=(without_legal_stay,),
        guards=(permit_still_valid, investigation_not_ended, police_request_on_record),
        # A renewal replaces the expiry: the new one runs from the renewal's date.
        opens=(Opening(INVESTIGATION_PERMIT_EXPIRY),),
        legal_basis=_PERMIT_BASIS,
    ),
    TransitionRule(
        event=DkEvent.INVESTIGATION_ENDED,
        sources=frozenset({DkState.INVESTIGATION_PERMIT}),
        target=None,
        taken_by=(OrgKind.POLICE, OrgKind.PROSECUTOR),
        legal_basis=LegalBasis(
            _(
                "The permit serves the investigation or prosecution only: once it ends, "
                "the permit is not renewed."
            ),
            (Source("FT-L129", Tag.V),),
        ),
    ),
    TransitionRule(
        event=DkEvent.IMMEDIATE_DEPARTURE_SET,
        sources=frozenset({DkState.IDENTIFICATION}),
        target=DkState.STATUS_ENDED,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        person_guards=(without_legal_stay,),
        legal_basis=LegalBasis(
            _(
                "Where public order speaks against a reflection period (for instance a person "
                "expelled for serious crime), the departure deadline is set to immediately "
                "instead; rare."
            ),
            (Source("FT-2007", Tag.V),),
        ),
    ),
    TransitionRule(
        event=DkEvent.PREPARED_RETURN,
        sources=frozenset({*_BEFORE_OUTCOME, DkState.INVESTIGATION_PERMIT}),
        target=DkState.PREPARED_RETURN,
        taken_by=(OrgKind.IDENTIFICATION_BODY,),
        legal_basis=LegalBasis(
            _(
                "Assisted voluntary return, with economic support for about six months after "
                "the return."
            ),
            (Source("TV2NORD", Tag.S),),
        ),
    ),
    TransitionRule(
        event=DkEvent.STATUS_END_DECIDED,
        sources=frozenset({*_BEFORE_OUTCOME, DkState.INVESTIGATION_PERMIT}),
        target=DkState.STATUS_ENDED,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        # The restitution period of a person with legal stay is the CMM's (RULES.md §6).
        taken_by_with_legal_stay=(OrgKind.IDENTIFICATION_BODY,),
        legal_basis=LegalBasis(
            _(
                "When the period ends without another basis of stay, the status ends and a "
                "person without legal stay must leave by the departure deadline."
            ),
            (Source("CMM-REFL", Tag.V),),
            rule_tag=Tag.K,
        ),
    ),
)


RULES = JurisdictionRules(
    code="DK",
    states=STATE_LABELS,
    event_types=EVENT_LABELS,
    transitions=TRANSITIONS,
    deadlines=(REFLECTION_END, INVESTIGATION_PERMIT_EXPIRY),
)
