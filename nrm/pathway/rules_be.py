"""Belgium: the victim-status pathway as data (RULES.md §3, CONTRACTS.md §2).

Aliens Act of 15 December 1980, arts. 61/2 to 61/5, and the multidisciplinary circular of
23 December 2016. One row per event type: the states it is allowed in, the state it
leads to, who takes it, its guards, the deadlines it opens or fulfils, and its legal basis
with source keys (RULES.md §9) and tags (RULES.md §0).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from nrm.pathway.config import PathwayConfig
from nrm.pathway.dates import add_days, add_period
from nrm.pathway.i18n import Message, Term, _
from nrm.pathway.model import (
    DeadlineKind,
    Event,
    LegalBasis,
    OrgKind,
    PathwayState,
    RightToWork,
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
    CASE_REOPENED = "CASE_REOPENED"
    DOCUMENT_REQUESTED = "DOCUMENT_REQUESTED"
    DOCUMENT_REFUSED = "DOCUMENT_REFUSED"
    GUARDIAN_APPOINTED = "GUARDIAN_APPOINTED"


class Document(StrEnum):
    """The documents the centre requests and the immigration office issues (RULES.md
    §3.6); a renewal is its own request."""

    ANNEX_15 = "ANNEX_15"
    PROVISIONAL = "PROVISIONAL"
    PERMIT = "PERMIT"
    RENEWAL = "RENEWAL"
    PERMANENT = "PERMANENT"
    HUMANITARIAN = "HUMANITARIAN"


DOCUMENT_LABELS: dict[str, str] = {
    Document.ANNEX_15: _("reflection-period document (annex 15)"),
    Document.PROVISIONAL: _("provisional document (attestation d'immatriculation)"),
    Document.PERMIT: _("temporary permit (CIRE)"),
    Document.RENEWAL: _("renewal of the temporary permit"),
    Document.PERMANENT: _("permanent residence"),
    Document.HUMANITARIAN: _("humanitarian residence"),
}


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
    BeEvent.CASE_REOPENED: _("Case reopened"),
    BeEvent.DOCUMENT_REQUESTED: _("Document requested by the centre"),
    BeEvent.DOCUMENT_REFUSED: _("Requested document refused"),
    BeEvent.GUARDIAN_APPOINTED: _("Guardian appointed"),
}

# Facts that fail a renewal condition (RULES.md §3.4) until a new positive opinion follows.
FLAG_EVENTS: tuple[str, ...] = (
    BeEvent.RECONTACT_WITH_EXPLOITER,
    BeEvent.COOPERATION_WITHDRAWN,
    BeEvent.PUBLIC_ORDER_FLAG,
)

_WITH_STATUS = frozenset({BeState.REFLECTION, BeState.PROVISIONAL_STAY, BeState.TEMPORARY_STAY})
# A person with legal stay stays REFERRED: the judicial steps happen there (RULES.md §3.6).
_LEGAL_STAY_ONLY = frozenset({BeState.REFERRED})
# Where the centre may file a request, and the immigration office answer it.
_REQUEST_STATES = frozenset({BeState.REFERRED, *_WITH_STATUS, BeState.STATUS_ENDED})
_REQUESTABLE_IN: dict[str, frozenset[str]] = {
    Document.ANNEX_15: frozenset({BeState.REFERRED}),
    Document.PROVISIONAL: frozenset(
        {BeState.REFERRED, BeState.REFLECTION, BeState.PROVISIONAL_STAY}
    ),
    Document.PERMIT: frozenset({BeState.PROVISIONAL_STAY}),
    Document.RENEWAL: frozenset({BeState.TEMPORARY_STAY}),
    Document.PERMANENT: frozenset({BeState.TEMPORARY_STAY}),
    Document.HUMANITARIAN: frozenset(
        {BeState.PROVISIONAL_STAY, BeState.TEMPORARY_STAY, BeState.STATUS_ENDED}
    ),
}


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


def open_dismissal(state: PathwayState) -> Event | None:
    """The dismissal in force: the last one, unless a reopening followed it."""
    last = state.last(BeEvent.DISMISSAL, BeEvent.CASE_REOPENED)
    return last if last is not None and last.type == BeEvent.DISMISSAL else None


def pending_request(state: PathwayState) -> Event | None:
    """The centre's request still awaiting the immigration office's answer."""
    deadline = state.deadline(DeadlineKind.REQUEST_DECISION)
    if deadline is None:
        return None
    return state.last(BeEvent.DOCUMENT_REQUESTED)


def current_permit_start(state: PathwayState) -> dt.date | None:
    permit = state.last(BeEvent.TEMPORARY_PERMIT_ISSUED, BeEvent.TEMPORARY_PERMIT_RENEWED)
    return permit.date if permit else None


def guardian_appointed_on(state: PathwayState) -> dt.date | None:
    guardian = state.last(BeEvent.GUARDIAN_APPOINTED)
    return guardian.date if guardian else None


def reflection_last_day(state: PathwayState, config: PathwayConfig) -> dt.date | None:
    """The last day a complaint opens the status (RULES.md §3.6, "Day 45")."""
    end = state.deadline(DeadlineKind.REFLECTION_END)
    if end is None:
        return None
    return end.due if config.be_reflection_includes_last_day else add_days(end.due, -1)


# --- Guards: None when satisfied, otherwise the reason -------------------------------------


def no_legal_stay(ctx: GuardContext) -> Message | None:
    # RULES.md §3.6: a person with a residence right needs no annex 15, provisional
    # document or permit.
    if ctx.state.person.has_legal_stay:
        return Message(
            _(
                "The person has legal stay in Belgium (Belgian, EU citizen or a valid "
                "permit): no annex 15, provisional document or permit is issued, and no "
                "immigration deadline runs."
            )
        )
    return None


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
    # WORDSCOPE-613 [V]: the complaint must be made within the 45 days. RULES.md §3.6: the
    # period includes its last day, issue date + 45 days (configurable).
    if ctx.state.state != BeState.REFLECTION:
        return None
    last_day = reflection_last_day(ctx.state, ctx.config)
    if last_day is not None and ctx.on > last_day:
        return Message(
            _(
                "The reflection period's last day was %(date)s; a complaint made after it no "
                "longer opens the victim status."
            ),
            {"date": last_day.isoformat()},
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


def case_ongoing(ctx: GuardContext) -> Message | None:
    # Aliens Act art. 61/4, RULES.md §3.6: the permit and its renewal need the procedure
    # to be ongoing; a dismissal stops them until the case is reopened.
    dismissal = open_dismissal(ctx.state)
    if dismissal is not None:
        return Message(
            _(
                "The case was dismissed on %(date)s and has not been reopened: the permit "
                "needs an ongoing judicial procedure."
            ),
            {"date": dismissal.date.isoformat()},
        )
    return None


def fresh_positive_opinion(ctx: GuardContext) -> Message | None:
    # WZP, PAGASA-STATUS [V]: the immigration office checks with the prosecutor at each
    # expiry, so the opinion must be recent (RULES.md §3.6).
    opinion = latest_opinion(ctx.state)
    if opinion is None or not opinion.positive:
        return None  # positive_latest_opinion gives that reason
    window = ctx.config.optional_period("be_renewal_opinion_window")
    if window is None:
        earliest = current_permit_start(ctx.state)
        if earliest is not None and opinion.date < earliest:
            return Message(
                _(
                    "The latest positive opinion, of %(date)s, was given before the current "
                    "permit of %(permit)s; a renewal needs a new opinion given during its "
                    "validity."
                ),
                {"date": opinion.date.isoformat(), "permit": earliest.isoformat()},
            )
        return None
    if add_period(opinion.date, window) < ctx.on:
        return Message(
            _(
                "The latest positive opinion, of %(date)s, is older than allowed for a "
                "renewal (%(window)s)."
            ),
            {"date": opinion.date.isoformat(), "window": str(window)},
        )
    return None


def not_already_dismissed(ctx: GuardContext) -> Message | None:
    dismissal = open_dismissal(ctx.state)
    if dismissal is not None:
        return Message(
            _("The case was already dismissed on %(date)s."),
            {"date": dismissal.date.isoformat()},
        )
    return None


def dismissed_not_reopened(ctx: GuardContext) -> Message | None:
    if open_dismissal(ctx.state) is None:
        return Message(_("Only a dismissed case can be reopened; no dismissal is in force."))
    return None


def only_unaccompanied_minor(ctx: GuardContext) -> Message | None:
    # ADDE-MENA [V]: the Guardianship Service appoints a guardian for an unaccompanied
    # foreign minor.
    if not ctx.state.person.unaccompanied_minor:
        return Message(_("A guardian is appointed only for an unaccompanied minor."))
    return None


def _document_term(document: str | None) -> Term:
    code = str(document or "")
    return Term(DOCUMENT_LABELS.get(code, code), code)


def _state_term(state: str | None) -> Term:
    code = str(state or "")
    return Term(STATE_LABELS.get(code, code), code)


def document_requestable(ctx: GuardContext) -> Message | None:
    if ctx.event is None:
        return None  # the page asks before the document is chosen
    document = ctx.event.document
    if document not in _REQUESTABLE_IN:
        return Message(
            _("Say which document is requested: %(documents)s."),
            {"documents": ", ".join(Document)},
        )
    if ctx.state.state not in _REQUESTABLE_IN[document]:
        return Message(
            _(
                "A request for %(document)s is not possible at this step of the pathway "
                "(%(state)s)."
            ),
            {"document": _document_term(document), "state": _state_term(ctx.state.state)},
        )
    if document == Document.ANNEX_15:
        return not_unaccompanied_minor(ctx)
    return None


def no_pending_request(ctx: GuardContext) -> Message | None:
    pending = pending_request(ctx.state)
    if pending is not None:
        return Message(
            _(
                "The request of %(date)s for %(document)s still awaits the immigration "
                "office's decision."
            ),
            {"date": pending.date.isoformat(), "document": _document_term(pending.document)},
        )
    return None


def request_pending(ctx: GuardContext) -> Message | None:
    if pending_request(ctx.state) is None:
        return Message(_("No request of the centre awaits a decision."))
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
    if open_dismissal(ctx.state) is None:
        return Message(
            _(
                "Humanitarian residence needs a dismissal of the case in force (recorded and "
                "not followed by a reopening)."
            )
        )
    return None


def ended_after_dismissal(ctx: GuardContext) -> Message | None:
    # RULES.md §3.6: a status that ended after a dismissal can still receive the
    # humanitarian residence, within a configurable window (default: no limit).
    if ctx.state.state != BeState.STATUS_ENDED:
        return None
    dismissal = open_dismissal(ctx.state)
    ended = ctx.state.history[-1].start if ctx.state.history else None
    if dismissal is None or ended is None or dismissal.date > ended:
        return Message(
            _(
                "Humanitarian residence after the end of the status needs the status to have "
                "ended after the dismissal."
            )
        )
    window = ctx.config.optional_period("be_humanitarian_after_end_window")
    if window is not None and add_period(ended, window) < ctx.on:
        return Message(
            _(
                "The status ended on %(date)s; humanitarian residence may be granted until "
                "%(last)s."
            ),
            {"date": ended.isoformat(), "last": add_period(ended, window).isoformat()},
        )
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
    document=Document.ANNEX_15,
    prepared_by=OrgKind.SPECIALISED_CENTRE,
)
PROVISIONAL_DOCUMENT_EXPIRY = DeadlineSpec(
    kind=DeadlineKind.PROVISIONAL_DOCUMENT_EXPIRY,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("extend, issue the temporary permit after a positive opinion, or end"),
    setting="be_provisional_document",
    while_in=frozenset({BeState.PROVISIONAL_STAY}),
    reminder_setting="permit_expiry_reminder_days",
    document=Document.PROVISIONAL,
    prepared_by=OrgKind.SPECIALISED_CENTRE,
)
TEMPORARY_PERMIT_EXPIRY = DeadlineSpec(
    kind=DeadlineKind.TEMPORARY_PERMIT_EXPIRY,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("renew or end; consult prosecutor"),
    setting="be_temporary_permit",
    while_in=frozenset({BeState.TEMPORARY_STAY}),
    reminder_setting="permit_expiry_reminder_days",
    document=Document.PERMIT,
    prepared_by=OrgKind.SPECIALISED_CENTRE,
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
REQUEST_DECISION = DeadlineSpec(
    kind=DeadlineKind.REQUEST_DECISION,
    responsible=OrgKind.IMMIGRATION_OFFICE,
    action=_("decide on the centre's request: issue the document or refuse it with reasons"),
    setting="be_request_decision",
    while_in=_REQUEST_STATES,
)

# Any status decision of the immigration office is taken on the whole file, so it also
# answers a pending review.
_DECISION_CLOSES = frozenset({DeadlineKind.STATUS_REVIEW})
_DISMISSAL_REVIEW = _(
    "review the status after the dismissal: no renewal while the case is dismissed; end "
    "the status, or grant humanitarian residence once the waiting time is reached"
)


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
        legal_stay_sources=_LEGAL_STAY_ONLY,
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
        person_guards=(no_legal_stay,),
        guards=(not_unaccompanied_minor,),
        opens=(Opening(REFLECTION_END),),
        issues_document=Document.ANNEX_15,
        fulfils=frozenset({Document.ANNEX_15}),
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
        person_guards=(no_legal_stay,),
        guards=(counting_complaint_or_unaccompanied_minor,),
        opens=(Opening(PROVISIONAL_DOCUMENT_EXPIRY),),
        closes=_DECISION_CLOSES,
        issues_document=Document.PROVISIONAL,
        fulfils=frozenset({Document.PROVISIONAL}),
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
        person_guards=(no_legal_stay,),
        guards=(provisional_extension_left, provisional_extension_not_lapsed),
        issues_document=Document.PROVISIONAL,
        fulfils=frozenset({Document.PROVISIONAL}),
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
        legal_stay_sources=_LEGAL_STAY_ONLY,
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
        person_guards=(no_legal_stay,),
        guards=(case_ongoing, positive_latest_opinion, no_unresolved_flag),
        opens=(Opening(TEMPORARY_PERMIT_EXPIRY),),
        closes=_DECISION_CLOSES,
        issues_document=Document.PERMIT,
        fulfils=frozenset({Document.PERMIT}),
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
        person_guards=(no_legal_stay,),
        guards=(case_ongoing, positive_latest_opinion, fresh_positive_opinion, no_unresolved_flag),
        opens=(Opening(TEMPORARY_PERMIT_EXPIRY),),
        closes=_DECISION_CLOSES,
        issues_document=Document.PERMIT,
        fulfils=frozenset({Document.RENEWAL}),
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
        legal_stay_sources=_LEGAL_STAY_ONLY,
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
        legal_stay_sources=_LEGAL_STAY_ONLY,
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
        person_guards=(no_legal_stay,),
        guards=(charge_requested_or_convicted,),
        issues_document=Document.PERMANENT,
        fulfils=frozenset({Document.PERMANENT}),
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
        legal_stay_sources=_LEGAL_STAY_ONLY,
        target=None,
        taken_by=(OrgKind.PROSECUTOR,),
        guards=(not_already_dismissed,),
        opens=(Opening(STATUS_REVIEW, action=_DISMISSAL_REVIEW),),
        legal_basis=LegalBasis(
            _(
                "A dismissal ends the judicial procedure on which the temporary status "
                "depends: the immigration office reviews the status, no renewal follows while "
                "the case stays dismissed, and the humanitarian route stays open."
            ),
            _RENEWAL_CONDITIONS,
            rule_tag=Tag.S,
        ),
    ),
    TransitionRule(
        event=BeEvent.CASE_REOPENED,
        sources=frozenset({*_WITH_STATUS, BeState.STATUS_ENDED}),
        legal_stay_sources=_LEGAL_STAY_ONLY,
        target=None,
        taken_by=(OrgKind.PROSECUTOR,),
        guards=(dismissed_not_reopened,),
        legal_basis=LegalBasis(
            _(
                "When the prosecutor or labour auditor reopens a dismissed case, the judicial "
                "procedure runs again and the temporary permit can again be renewed."
            ),
            _RENEWAL_CONDITIONS,
            rule_tag=Tag.S,
        ),
    ),
    TransitionRule(
        event=BeEvent.HUMANITARIAN_RESIDENCE_GRANTED,
        sources=frozenset({BeState.PROVISIONAL_STAY, BeState.TEMPORARY_STAY, BeState.STATUS_ENDED}),
        target=BeState.HUMANITARIAN_RESIDENCE,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        person_guards=(no_legal_stay,),
        guards=(
            humanitarian_route_enabled,
            case_dismissed,
            ended_after_dismissal,
            waited_since_complaint,
        ),
        issues_document=Document.HUMANITARIAN,
        fulfils=frozenset({Document.HUMANITARIAN}),
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
        # Decided on the whole file: it also answers a pending request.
        closes=frozenset({DeadlineKind.REQUEST_DECISION}),
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
    TransitionRule(
        event=BeEvent.DOCUMENT_REQUESTED,
        sources=_REQUEST_STATES,
        target=None,
        taken_by=(OrgKind.SPECIALISED_CENTRE,),
        person_guards=(no_legal_stay,),
        guards=(no_pending_request, document_requestable),
        opens=(Opening(REQUEST_DECISION, document_from_event=True),),
        legal_basis=LegalBasis(
            _(
                "The accompanying specialised centre files each residence request with the "
                "immigration office (Bureau MINTEH, trafficking unit), with its papers; the "
                "office decides."
            ),
            (Source("PAGASA-STATUS", Tag.V), Source("MINEURSENEXIL", Tag.V)),
        ),
    ),
    TransitionRule(
        event=BeEvent.DOCUMENT_REFUSED,
        sources=_REQUEST_STATES,
        target=None,
        taken_by=(OrgKind.IMMIGRATION_OFFICE,),
        guards=(request_pending,),
        closes=frozenset({DeadlineKind.REQUEST_DECISION}),
        legal_basis=LegalBasis(
            _(
                "The immigration office refuses a request of the centre, giving its reasons; "
                "the centre sees the answer."
            ),
            (Source("PAGASA-STATUS", Tag.V), Source("MINEURSENEXIL", Tag.V)),
        ),
    ),
    TransitionRule(
        event=BeEvent.GUARDIAN_APPOINTED,
        sources=frozenset({None, *BeState}),
        target=None,
        taken_by=(OrgKind.SPECIALISED_CENTRE,),
        guards=(only_unaccompanied_minor,),
        legal_basis=LegalBasis(
            _(
                "The Guardianship Service (Federal Public Service Justice) appoints a guardian "
                "for an unaccompanied foreign minor; the guardian accompanies every step of "
                "the procedure. The minors' centre records the appointment."
            ),
            (Source("ADDE-MENA", Tag.V),),
        ),
    ),
)


# --- Right to work (RULES.md §3.2 "Work", §3.6) ----------------------------------------------

_WORK_IN_REFLECTION = (Source("SEED-NOTE", Tag.UNVERIFIED), Source("LEGLINE-1994", Tag.V))
_WORK_WITH_STATUS = (Source("PAGASA-STATUS", Tag.V), Source("WZP", Tag.V))


def right_to_work(state: PathwayState, config: PathwayConfig) -> RightToWork:
    current = state.state
    if current is None:
        return RightToWork(
            allowed=None,
            basis=LegalBasis(_("No status event is recorded yet."), (), rule_tag=Tag.UNVERIFIED),
        )
    if state.person.has_legal_stay:
        return RightToWork(
            allowed=True,
            basis=LegalBasis(
                _(
                    "The person's own residence right (Belgian, EU citizen or valid permit) "
                    "decides, not this procedure; check that right for any limit."
                ),
                (),
                rule_tag=Tag.UNVERIFIED,
            ),
        )
    if current == BeState.REFLECTION:
        if config.be_reflection_right_to_work:
            text = _(
                'Allowed, as the seed note reports ("victims can get a work permit during '
                'their reflection period"); the 1994 circular excluded work during '
                "reflection (historical); the current rule is unverified (configurable)."
            )
        else:
            text = _(
                "Not allowed in this installation, following the 1994 circular (historical); "
                "the seed note reports a work permit during reflection; the current rule is "
                "unverified (configurable)."
            )
        return RightToWork(
            allowed=config.be_reflection_right_to_work,
            basis=LegalBasis(text, _WORK_IN_REFLECTION, rule_tag=Tag.UNVERIFIED),
        )
    if current in {BeState.PROVISIONAL_STAY, BeState.TEMPORARY_STAY}:
        return RightToWork(
            allowed=True,
            basis=LegalBasis(
                _(
                    "Allowed during provisional and temporary stay (historically work permit "
                    "C; its form after the 2019 single-permit reform is unverified)."
                ),
                _WORK_WITH_STATUS,
            ),
        )
    if current == BeState.PERMANENT_STAY:
        return RightToWork(
            allowed=True,
            basis=LegalBasis(
                _("Unrestricted with residence of unlimited duration."), _WORK_WITH_STATUS
            ),
        )
    if current == BeState.HUMANITARIAN_RESIDENCE:
        return RightToWork(
            allowed=True,
            basis=LegalBasis(
                _(
                    "Follows the humanitarian residence granted; its conditions are set by "
                    "the decision (statutory basis unverified)."
                ),
                (Source("DORMAELS-2010", Tag.S),),
                rule_tag=Tag.UNVERIFIED,
            ),
        )
    return RightToWork(
        allowed=False,
        basis=LegalBasis(
            _(
                "No residence document of the procedure gives the right to work in this "
                "state (only the reflection, provisional, temporary and permanent phases do)."
            ),
            _WORK_WITH_STATUS,
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
        REQUEST_DECISION,
    ),
    right_to_work=right_to_work,
)
