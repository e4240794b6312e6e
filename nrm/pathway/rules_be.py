"""Belgium: the victim-status pathway as data (RULES.md §3, CONTRACTS.md §2).

Aliens Act of 15 December 1980, arts. 61/2 to 61/5, and the multidisciplinary circular of
23 December 2016. One row per event type: the states it is allowed in, the state it
leads to, who takes it, its guards, the deadlines it opens or fulfils, and its legal basis
with source keys (RULES.md §9) and tags (RULES.md §0).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from nrm.pathway.dates import add_period
from nrm.pathway.i18n import Message, _
from nrm.pathway.model import (
    DeadlineKind,
    Event,
    LegalBasis,
    OrgKind,
    PathwayState,
    Source,
    Tag,
)
from nrm.pathway.table import (
    DeadlineSpec,
    GuardContext,
    JurisdictionRules,
    Opening,
    TransitionRule,
)


class BeState(StrEnum):
    DETECTED = "DETECTED"
    REFERRED = "REFERRED"
    REFLECTION = "REFLECTION"
    PROVISIONAL_STAY = "PROVISIONAL_STAY"
    TEMPORARY_STAY = "TEMPORARY_STAY"
    PERMANENT_STAY = "PERMANENT_STAY"
    STATUS_ENDED = "STATUS_ENDED"
    VOLUNTARY_RETURN = "VOLUNTARY_RETURN"
    HUMANITARIAN_RESIDENCE = "HUMANITARIAN_RESIDENCE"


class BeEvent(StrEnum):
    DETECTED = "DETECTED"
    REFERRED = "REFERRED"
    REFLECTION_DOCUMENT_ISSUED = "REFLECTION_DOCUMENT_ISSUED"
    COMPLAINT_FILED = "COMPLAINT_FILED"
    PROVISIONAL_DOCUMENT_ISSUED = "PROVISIONAL_DOCUMENT_ISSUED"
    PROVISIONAL_DOCUMENT_EXTENDED = "PROVISIONAL_DOCUMENT_EXTENDED"
    PROSECUTOR_OPINION = "PROSECUTOR_OPINION"
    TEMPORARY_PERMIT_ISSUED = "TEMPORARY_PERMIT_ISSUED"
    TEMPORARY_PERMIT_RENEWED = "TEMPORARY_PERMIT_RENEWED"
    TRAFFICKING_CHARGE_REQUESTED = "TRAFFICKING_CHARGE_REQUESTED"
    CONVICTION = "CONVICTION"
    PERMANENT_RESIDENCE_GRANTED = "PERMANENT_RESIDENCE_GRANTED"
    DISMISSAL = "DISMISSAL"
    HUMANITARIAN_RESIDENCE_GRANTED = "HUMANITARIAN_RESIDENCE_GRANTED"
    RECONTACT_WITH_EXPLOITER = "RECONTACT_WITH_EXPLOITER"
    COOPERATION_WITHDRAWN = "COOPERATION_WITHDRAWN"
    PUBLIC_ORDER_FLAG = "PUBLIC_ORDER_FLAG"
    STATUS_END_DECIDED = "STATUS_END_DECIDED"
    VOLUNTARY_RETURN = "VOLUNTARY_RETURN"


STATE_LABELS: dict[str, str] = {
    BeState.DETECTED: _("detected"),
    BeState.REFERRED: _("referred to a specialised centre"),
    BeState.REFLECTION: _("reflection period"),
    BeState.PROVISIONAL_STAY: _("provisional stay"),
    BeState.TEMPORARY_STAY: _("temporary stay"),
    BeState.PERMANENT_STAY: _("permanent residence"),
    BeState.STATUS_ENDED: _("status ended"),
    BeState.VOLUNTARY_RETURN: _("voluntary return"),
    BeState.HUMANITARIAN_RESIDENCE: _("humanitarian residence"),
}

EVENT_LABELS: dict[str, str] = {
    BeEvent.DETECTED: _("Potential victim detected"),
    BeEvent.REFERRED: _("Referral accepted by a specialised centre"),
    BeEvent.REFLECTION_DOCUMENT_ISSUED: _("Reflection-period document issued"),
    BeEvent.COMPLAINT_FILED: _("Complaint or statements made"),
    BeEvent.PROVISIONAL_DOCUMENT_ISSUED: _("Provisional document issued"),
    BeEvent.PROVISIONAL_DOCUMENT_EXTENDED: _("Provisional document extended"),
    BeEvent.PROSECUTOR_OPINION: _("Opinion of the prosecutor or labour auditor"),
    BeEvent.TEMPORARY_PERMIT_ISSUED: _("Temporary permit issued"),
    BeEvent.TEMPORARY_PERMIT_RENEWED: _("Temporary permit renewed"),
    BeEvent.TRAFFICKING_CHARGE_REQUESTED: _("Conviction for trafficking requested"),
    BeEvent.CONVICTION: _("Conviction for trafficking"),
    BeEvent.PERMANENT_RESIDENCE_GRANTED: _("Permanent residence granted"),
    BeEvent.DISMISSAL: _("Case dismissed"),
    BeEvent.HUMANITARIAN_RESIDENCE_GRANTED: _("Humanitarian residence granted"),
    BeEvent.RECONTACT_WITH_EXPLOITER: _("Re-contact with the exploiter reported"),
    BeEvent.COOPERATION_WITHDRAWN: _("Cooperation withdrawn"),
    BeEvent.PUBLIC_ORDER_FLAG: _("Public-order concern reported"),
    BeEvent.STATUS_END_DECIDED: _("End of status decided"),
    BeEvent.VOLUNTARY_RETURN: _("Voluntary return"),
}

# Facts that fail a renewal condition (RULES.md §3.4) until a new positive opinion follows.
FLAG_EVENTS: tuple[str, ...] = (
    BeEvent.RECONTACT_WITH_EXPLOITER,
    BeEvent.COOPERATION_WITHDRAWN,
    BeEvent.PUBLIC_ORDER_FLAG,
)

_WITH_STATUS = frozenset({BeState.REFLECTION, BeState.PROVISIONAL_STAY, BeState.TEMPORARY_STAY})


# --- Facts, read from the log of applied events -------------------------------------------


def counting_complaint_date(state: PathwayState) -> dt.date | None:
    """The date of the complaint that opens the status. A late complaint is refused, so
    every applied complaint counts and the first one sets the date (and starts the
    humanitarian waiting time)."""
    complaint = state.first(BeEvent.COMPLAINT_FILED)
    return complaint.date if complaint else None


def latest_opinion(state: PathwayState) -> Event | None:
    return state.last(BeEvent.PROSECUTOR_OPINION)


def unresolved_flags(state: PathwayState) -> tuple[Event, ...]:
    """Flags not followed (later in the log) by a positive opinion."""
    last_positive = max(
        (
            position
            for position, event in enumerate(state.applied)
            if event.type == BeEvent.PROSECUTOR_OPINION and event.positive
        ),
        default=-1,
    )
    return tuple(
        event
        for position, event in enumerate(state.applied)
        if event.type in FLAG_EVENTS and position > last_positive
    )


# --- Guards: None when satisfied, otherwise the reason -------------------------------------


def not_unaccompanied_minor(ctx: GuardContext) -> Message | None:
    # MYRIA-STATUT [V], WORDSCOPE-AI [V]: minors go straight to the 3-month document.
    if ctx.state.person.unaccompanied_minor:
        return Message(
            _(
                "An unaccompanied minor gets no reflection period: the immigration office "
                "issues the provisional document directly."
            )
        )
    return None


def complaint_before_reflection_end(ctx: GuardContext) -> Message | None:
    # WORDSCOPE-613 [V]: the complaint must be made within the 45 days. The due date is
    # the first day after the period, so a complaint on that day is late.
    if ctx.state.state != BeState.REFLECTION:
        return None
    end = ctx.state.deadline(DeadlineKind.REFLECTION_END)
    if end is not None and ctx.on >= end.due:
        return Message(
            _(
                "The reflection period ended on %(date)s; a complaint made from that day on "
                "no longer opens the victim status."
            ),
            {"date": end.due.isoformat()},
        )
    return None


def counting_complaint_or_unaccompanied_minor(ctx: GuardContext) -> Message | None:
    if ctx.state.person.unaccompanied_minor or counting_complaint_date(ctx.state) is not None:
        return None
    return Message(
        _(
            "The provisional document needs a complaint or statements made in time, unless "
            "the person is an unaccompanied minor."
        )
    )


def provisional_extension_left(ctx: GuardContext) -> Message | None:
    limit = ctx.config.be_provisional_max_extensions
    if len(ctx.state.events_of(BeEvent.PROVISIONAL_DOCUMENT_EXTENDED)) >= limit:
        return Message(
            _(
                "The provisional document has already been extended as often as allowed "
                "(%(limit)s)."
            ),
            {"limit": limit},
        )
    return None


def extended_provisional_due(ctx: GuardContext) -> dt.date:
    """The extension adds its period to the current expiry, not to the decision date."""
    current = ctx.state.deadline(DeadlineKind.PROVISIONAL_DOCUMENT_EXPIRY)
    base = current.due if current is not None else ctx.on
    return add_period(base, ctx.config.be_provisional_extension)


def provisional_extension_not_lapsed(ctx: GuardContext) -> Message | None:
    # Product choice: extending a document whose extended validity has already run out
    # would only create a deadline in the past.
    new_due = extended_provisional_due(ctx)
    if new_due < ctx.on:
        return Message(
            _(
                "Even extended, the provisional document would have expired on %(date)s, "
                "before this decision."
            ),
            {"date": new_due.isoformat()},
        )
    return None


def opinion_states_outcome(ctx: GuardContext) -> Message | None:
    if ctx.event is not None and ctx.event.positive is None:
        return Message(_("The opinion must say whether it is positive or negative."))
    return None


def positive_latest_opinion(ctx: GuardContext) -> Message | None:
    # RTBF-2022 [V], WZP [V]: the prosecutor or labour auditor must consider the person a
    # victim; the latest opinion is the one that counts.
    opinion = latest_opinion(ctx.state)
    if opinion is None:
        return Message(
            _(
                "No opinion of the prosecutor or labour auditor has been recorded; the "
                "temporary permit needs a positive one."
            )
        )
    if not opinion.positive:
        return Message(
            _(
                "The latest opinion of the prosecutor or labour auditor, given on %(date)s, "
                "is negative."
            ),
            {"date": opinion.date.isoformat()},
        )
    return None


_FLAG_REASONS = {
    BeEvent.RECONTACT_WITH_EXPLOITER: _(
        "Re-contact with the exploiter was recorded on %(date)s and no new positive opinion "
        "of the prosecutor or labour auditor has followed."
    ),
    BeEvent.COOPERATION_WITHDRAWN: _(
        "Withdrawn cooperation was recorded on %(date)s and no new positive opinion of the "
        "prosecutor or labour auditor has followed."
    ),
    BeEvent.PUBLIC_ORDER_FLAG: _(
        "A public-order concern was recorded on %(date)s and no new positive opinion of the "
        "prosecutor or labour auditor has followed."
    ),
}


def no_unresolved_flag(ctx: GuardContext) -> Message | None:
    # WZP, PAGASA-STATUS, RTBF-2022 [V]: severed ties, cooperation and public order are
    # renewal conditions; a new positive opinion is the recorded input that restores them.
    flags = unresolved_flags(ctx.state)
    if flags:
        return Message(_FLAG_REASONS[BeEvent(flags[0].type)], {"date": flags[0].date.isoformat()})
    return None


def charge_requested_or_convicted(ctx: GuardContext) -> Message | None:
    if ctx.state.first(BeEvent.TRAFFICKING_CHARGE_REQUESTED, BeEvent.CONVICTION) is None:
        return Message(
            _(
                "Permanent residence needs a conviction for trafficking or the prosecutor's "
                "request for one; neither has been recorded."
            )
        )
    return None


def humanitarian_route_enabled(ctx: GuardContext) -> Message | None:
    if not ctx.config.be_humanitarian_route_enabled:
        return Message(
            _(
                "The humanitarian route after a dismissal is switched off in this "
                "installation, because its statutory basis is unverified."
            )
        )
    return None


def case_dismissed(ctx: GuardContext) -> Message | None:
    if ctx.state.first(BeEvent.DISMISSAL) is None:
        return Message(_("Humanitarian residence needs a recorded dismissal of the case."))
    return None


def waited_since_complaint(ctx: GuardContext) -> Message | None:
    complaint = counting_complaint_date(ctx.state)
    if complaint is None:
        return Message(
            _(
                "No complaint has been recorded; the waiting time for humanitarian residence "
                "runs from the complaint."
            )
        )
    earliest = add_period(complaint, ctx.config.be_humanitarian_wait)
    if ctx.on < earliest:
        return Message(
            _("The waiting time since the complaint of %(complaint)s runs until %(date)s."),
            {"complaint": complaint.isoformat(), "date": earliest.isoformat()},
        )
    return None


# --- Deadlines ------------------------------------------------------------------------------

REFLECTION_END = DeadlineSpec(
    kind=DeadlineKind.REFLECTION_END,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_(
        "issue the provisional document if a complaint was made; otherwise end the "
        "status or arrange the return"
    ),
    setting="be_reflection",
    while_in=frozenset({BeState.REFLECTION}),
    reminder_setting="reflection_end_reminder_days",
)
PROVISIONAL_DOCUMENT_EXPIRY = DeadlineSpec(
    kind=DeadlineKind.PROVISIONAL_DOCUMENT_EXPIRY,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("extend, issue the temporary permit after a positive opinion, or end"),
    setting="be_provisional_document",
    while_in=frozenset({BeState.PROVISIONAL_STAY}),
    reminder_setting="permit_expiry_reminder_days",
)
TEMPORARY_PERMIT_EXPIRY = DeadlineSpec(
    kind=DeadlineKind.TEMPORARY_PERMIT_EXPIRY,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("renew or end; consult prosecutor"),
    setting="be_temporary_permit",
    while_in=frozenset({BeState.TEMPORARY_STAY}),
    reminder_setting="permit_expiry_reminder_days",
)
STATUS_REVIEW = DeadlineSpec(
    kind=DeadlineKind.STATUS_REVIEW,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("review the status after the reported fact; consult prosecutor"),
    setting="be_status_review",
    while_in=_WITH_STATUS,
    keep_earliest=True,
)
PERMANENT_RESIDENCE_DECISION = DeadlineSpec(
    kind=DeadlineKind.PERMANENT_RESIDENCE_DECISION,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("decide on permanent residence"),
    setting="be_permanent_residence_decision",
    while_in=frozenset({BeState.TEMPORARY_STAY}),
    keep_earliest=True,
)

# Any status decision of the immigration office is taken on the whole file, so it also
# answers a pending review.
_DECISION_CLOSES = frozenset({DeadlineKind.STATUS_REVIEW})


# --- Legal bases ----------------------------------------------------------------------------

_RENEWAL_CONDITIONS = (
    Source("WZP", Tag.V),
    Source("PAGASA-STATUS", Tag.V),
    Source("RTBF-2022", Tag.V),
)


def _flag_rule(event: BeEvent, text: str) -> TransitionRule:
    return TransitionRule(
        event=event,
        sources=_WITH_STATUS,
        target=None,
        taken_by=(OrgKind.SPECIALISED_CENTRE, OrgKind.PROSECUTOR, OrgKind.POLICE),
        legal_basis=LegalBasis(text, _RENEWAL_CONDITIONS),
        opens=(Opening(STATUS_REVIEW),),
    )


TRANSITIONS: tuple[TransitionRule, ...] = (
    TransitionRule(
        event=BeEvent.DETECTED,
        sources=frozenset({None}),
        target=BeState.DETECTED,
        taken_by=(OrgKind.FRONTLINE, OrgKind.POLICE, OrgKind.SPECIALISED_CENTRE),
        legal_basis=LegalBasis(
            _(
                "Police and inspection services that find indications of trafficking inform "
                "the immigration office, tell the person about the residence procedure and "
                "put them in contact with a recognised specialised centre."
            ),
            (Source("ADDE", Tag.V),),
        ),
    ),
    TransitionRule(
        event=BeEvent.REFERRED,
        sources=frozenset({None, BeState.DETECTED}),
        target=BeState.REFERRED,
        taken_by=(OrgKind.SPECIALISED_CENTRE,),
        legal_basis=LegalBasis(
            _(
                "Accompaniment by a recognised specialised centre is a condition in every "
                "phase of the victim status (Aliens Act of 15 December 1980, arts. 61/2 to 61/5; "
                "circular of 23 December 2016)."
            ),
            (
                Source("PAGASA-STATUS", Tag.V),
                Source("MYRIA-STATUT", Tag.V),
                Source("ETAAMB-CIRC2016", Tag.V),
            ),
        ),
    ),
    TransitionRule(
        event=BeEvent.REFLECTION_DOCUMENT_ISSUED,
        sources=frozenset({BeState.REFERRED}),
        target=BeState.REFLECTION,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(not_unaccompanied_minor,),
        opens=(Opening(REFLECTION_END),),
        legal_basis=LegalBasis(
            _(
                "At the centre's request the immigration office issues a document valid 45 "
                "days (annex 15) so that the person can recover and decide whether to make a "
                "complaint."
            ),
            (Source("MYRIA-STATUT", Tag.V), Source("WZP", Tag.V), Source("DROITSQ", Tag.V)),
        ),
    ),
    TransitionRule(
        event=BeEvent.COMPLAINT_FILED,
        sources=frozenset({None, BeState.DETECTED, BeState.REFERRED, *_WITH_STATUS}),
        target=None,
        taken_by=(OrgKind.POLICE, OrgKind.PROSECUTOR),
        guards=(complaint_before_reflection_end,),
        legal_basis=LegalBasis(
            _(
                "A complaint or statements against the exploiters is a condition of the "
                "status; it must be made within the reflection period, or may be made at once "
                "on leaving the exploitation, which skips the reflection period."
            ),
            (
                Source("MYRIA-STATUT", Tag.V),
                Source("PAGASA-STATUS", Tag.V),
                Source("WORDSCOPE-613", Tag.V),
            ),
        ),
    ),
    TransitionRule(
        event=BeEvent.PROVISIONAL_DOCUMENT_ISSUED,
        sources=frozenset({BeState.REFERRED, BeState.REFLECTION}),
        target=BeState.PROVISIONAL_STAY,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(counting_complaint_or_unaccompanied_minor,),
        opens=(Opening(PROVISIONAL_DOCUMENT_EXPIRY),),
        closes=_DECISION_CLOSES,
        legal_basis=LegalBasis(
            _(
                "After a complaint or statements, the immigration office has the municipality "
                "issue an attestation d'immatriculation (model A) valid at most three months "
                "(Aliens Act art. 61/3 §1); an unaccompanied minor receives it at once, "
                "without a reflection period."
            ),
            (
                Source("WORDSCOPE-613", Tag.V),
                Source("WORDSCOPE-AI", Tag.V),
                Source("MYRIA-STATUT", Tag.V),
            ),
        ),
    ),
    TransitionRule(
        event=BeEvent.PROVISIONAL_DOCUMENT_EXTENDED,
        sources=frozenset({BeState.PROVISIONAL_STAY}),
        target=None,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(provisional_extension_left, provisional_extension_not_lapsed),
        opens=(
            Opening(
                PROVISIONAL_DOCUMENT_EXPIRY,
                due=extended_provisional_due,
                setting="be_provisional_extension",
            ),
        ),
        closes=_DECISION_CLOSES,
        legal_basis=LegalBasis(
            _("The provisional document can be extended once by three months."),
            (Source("DROITSQ", Tag.S),),
        ),
    ),
    TransitionRule(
        event=BeEvent.PROSECUTOR_OPINION,
        sources=_WITH_STATUS,
        target=None,
        taken_by=(OrgKind.PROSECUTOR,),
        guards=(opinion_states_outcome,),
        legal_basis=LegalBasis(
            _(
                "The prosecutor or labour auditor confirms whether the person is considered a "
                "victim, how the case progresses and whether the person cooperates."
            ),
            (Source("RTBF-2022", Tag.V), Source("DROITSQ", Tag.V)),
        ),
    ),
    TransitionRule(
        event=BeEvent.TEMPORARY_PERMIT_ISSUED,
        sources=frozenset({BeState.PROVISIONAL_STAY}),
        target=BeState.TEMPORARY_STAY,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(positive_latest_opinion, no_unresolved_flag),
        opens=(Opening(TEMPORARY_PERMIT_EXPIRY),),
        closes=_DECISION_CLOSES,
        legal_basis=LegalBasis(
            _(
                "When the prosecutor or labour auditor considers the person a victim, the case "
                "is ongoing, the person cooperates and has broken with the exploiters, and "
                "public order is not at risk, the immigration office issues a certificate of "
                "registration (CIRE) valid six months."
            ),
            (
                Source("WZP", Tag.V),
                Source("PAGASA-STATUS", Tag.V),
                Source("RTBF-2022", Tag.V),
                Source("DROITSQ", Tag.V),
            ),
        ),
    ),
    TransitionRule(
        event=BeEvent.TEMPORARY_PERMIT_RENEWED,
        sources=frozenset({BeState.TEMPORARY_STAY}),
        target=None,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(positive_latest_opinion, no_unresolved_flag),
        opens=(Opening(TEMPORARY_PERMIT_EXPIRY),),
        closes=_DECISION_CLOSES,
        legal_basis=LegalBasis(
            _(
                "The temporary permit is renewed six months at a time until the end of the "
                "judicial procedure, after consulting the prosecutor or labour auditor at each "
                "expiry."
            ),
            _RENEWAL_CONDITIONS,
        ),
    ),
    TransitionRule(
        event=BeEvent.TRAFFICKING_CHARGE_REQUESTED,
        sources=frozenset({BeState.TEMPORARY_STAY}),
        target=None,
        taken_by=(OrgKind.PROSECUTOR,),
        opens=(Opening(PERMANENT_RESIDENCE_DECISION),),
        legal_basis=LegalBasis(
            _(
                "When the prosecutor or labour auditor retains the trafficking charge in the "
                "requisitions, the person can obtain permanent residence."
            ),
            (Source("RTBF-2022", Tag.S),),
        ),
    ),
    TransitionRule(
        event=BeEvent.CONVICTION,
        sources=frozenset({BeState.TEMPORARY_STAY}),
        target=None,
        taken_by=(OrgKind.COURT,),
        opens=(Opening(PERMANENT_RESIDENCE_DECISION),),
        legal_basis=LegalBasis(
            _(
                "When the complaint or statements led to a conviction, the person can obtain "
                "permanent residence."
            ),
            (Source("PAGASA-STATUS", Tag.V),),
        ),
    ),
    TransitionRule(
        event=BeEvent.PERMANENT_RESIDENCE_GRANTED,
        sources=frozenset({BeState.TEMPORARY_STAY}),
        target=BeState.PERMANENT_STAY,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(charge_requested_or_convicted,),
        legal_basis=LegalBasis(
            _(
                "Residence of unlimited duration after a conviction for trafficking or the "
                "prosecutor's request for one (Aliens Act art. 61/5; its wording is "
                "unverified)."
            ),
            (Source("PAGASA-STATUS", Tag.V), Source("RTBF-2022", Tag.S)),
        ),
    ),
    TransitionRule(
        event=BeEvent.DISMISSAL,
        sources=_WITH_STATUS,
        target=None,
        taken_by=(OrgKind.PROSECUTOR,),
        legal_basis=LegalBasis(
            _(
                "A dismissal ends the judicial procedure on which the temporary status "
                "depends; the status then ends unless permanent or humanitarian residence "
                "applies."
            ),
            _RENEWAL_CONDITIONS,
            rule_tag=Tag.S,
        ),
    ),
    TransitionRule(
        event=BeEvent.HUMANITARIAN_RESIDENCE_GRANTED,
        sources=frozenset({BeState.TEMPORARY_STAY}),
        target=BeState.HUMANITARIAN_RESIDENCE,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(humanitarian_route_enabled, case_dismissed, waited_since_complaint),
        legal_basis=LegalBasis(
            _(
                "When the person cooperated but the case did not reach court for reasons "
                "outside their control, the immigration office may grant residence on "
                "humanitarian grounds after two years since the complaint (dated source; "
                "statutory basis unverified)."
            ),
            (Source("DORMAELS-2010", Tag.S),),
            rule_tag=Tag.UNVERIFIED,
        ),
    ),
    _flag_rule(
        BeEvent.RECONTACT_WITH_EXPLOITER,
        _(
            "Renewed contact with the exploiters fails the condition of having broken with "
            "them; the immigration office reviews the status (explicit withdrawal grounds "
            "unverified)."
        ),
    ),
    _flag_rule(
        BeEvent.COOPERATION_WITHDRAWN,
        _(
            "Withdrawn cooperation fails the condition of cooperating with justice; the "
            "immigration office reviews the status (explicit withdrawal grounds unverified)."
        ),
    ),
    _flag_rule(
        BeEvent.PUBLIC_ORDER_FLAG,
        _(
            "A danger to public order or national security fails a condition of the status; "
            "the immigration office reviews the status (explicit withdrawal grounds "
            "unverified)."
        ),
    ),
    TransitionRule(
        event=BeEvent.STATUS_END_DECIDED,
        sources=_WITH_STATUS,
        target=BeState.STATUS_ENDED,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        legal_basis=LegalBasis(
            _(
                "The immigration office ends the status when a condition fails: no complaint "
                "by the end of the reflection period, renewed contact with the exploiters, "
                "withdrawn cooperation, the end of the procedure or a danger to public order "
                "(explicit withdrawal grounds unverified)."
            ),
            _RENEWAL_CONDITIONS,
            rule_tag=Tag.S,
        ),
    ),
    TransitionRule(
        event=BeEvent.VOLUNTARY_RETURN,
        sources=frozenset({BeState.REFERRED, *_WITH_STATUS, BeState.STATUS_ENDED}),
        target=BeState.VOLUNTARY_RETURN,
        taken_by=(OrgKind.PERSON, OrgKind.SPECIALISED_CENTRE),
        legal_basis=LegalBasis(
            _(
                "The person may choose to return at any time, notably at the end of the "
                "reflection period, with the centre's help."
            ),
            (Source("RTBF-2022", Tag.V),),
        ),
    ),
)


RULES = JurisdictionRules(
    code="BE",
    states=STATE_LABELS,
    event_types=EVENT_LABELS,
    transitions=TRANSITIONS,
    deadlines=(
        REFLECTION_END,
        PROVISIONAL_DOCUMENT_EXPIRY,
        TEMPORARY_PERMIT_EXPIRY,
        STATUS_REVIEW,
        PERMANENT_RESIDENCE_DECISION,
    ),
)
