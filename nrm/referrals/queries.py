"""Every read of referrals and of the hotline log, through one access rule each, audited.

A referral is seen by its two parties only: the organisation that made it and the centre
that received it. A hotline entry is seen by the centre that logged it only. Everyone else
gets the answer "no such record", the same as for a reference that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from django.core import signing
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import ExtractYear, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import (
    open_involvements,
    person_withheld,
    purpose_for,
    withheld_person_ids,
)
from nrm.core.errors import DomainError, NotFound
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import IDENTITY_FIELDS
from nrm.protection.queries import pathway_milestones
from nrm.referrals import workflow
from nrm.referrals.models import (
    HotlineEntry,
    Referral,
    ReferralAddendum,
    ReferralEvent,
    ReferralStatus,
)


class Box(StrEnum):
    RECEIVED = "received"
    SENT = "sent"


class State(StrEnum):
    PENDING = "pending"
    OVERDUE = "overdue"
    DECIDED = "decided"
    ALL = "all"


DECIDED = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN)


def referrals_visible_to(actor: Actor) -> QuerySet[Referral]:
    """The referrals the actor's organisation made or received (for the roles that refer)."""
    if (
        not actor.user.is_active
        or actor.organisation_id is None
        or actor.role not in workflow.REFERRING_ROLES
    ):
        return Referral.objects.none()
    organisation_id = actor.organisation_id
    return Referral.objects.filter(
        Q(referring_organisation_id=organisation_id) | Q(referred_organisation_id=organisation_id)
    ).exclude(person_id__in=withheld_person_ids(actor))


# Each state in the order of the work it asks for, read from an index of the box in that
# order (Referral.Meta.indexes; issue 17): the soonest answer first while referrals wait, the
# latest first once decided or all together. The primary key makes the order total, so that
# a page continues exactly after the last row shown.
_STATE_ORDER: dict[str, tuple[str, bool]] = {
    State.PENDING: ("respond_by", False),
    State.OVERDUE: ("respond_by", False),
    State.DECIDED: ("decided_at", True),
    State.ALL: ("created_at", True),
}


def referrals_in_box(actor: Actor, *, box: str, state: str, now: datetime) -> QuerySet[Referral]:
    """One box (received or sent) in one state, ordered for the work it asks for.

    `now` decides what is overdue: pages pass the clock, tests pass the instant they want.
    """
    referrals = referrals_visible_to(actor)
    if box == Box.RECEIVED:
        referrals = referrals.filter(referred_organisation_id=actor.organisation_id)
    else:
        referrals = referrals.filter(referring_organisation_id=actor.organisation_id)
    if state == State.PENDING:
        referrals = referrals.filter(status=ReferralStatus.PENDING)
    elif state == State.OVERDUE:
        referrals = referrals.filter(status=ReferralStatus.PENDING, respond_by__lte=now)
    elif state == State.DECIDED:
        # Every decision stamps `decided_at` (actions._decided); saying so lets the database
        # walk the box's decided_at index without meeting the waiting referrals.
        referrals = referrals.filter(status__in=DECIDED, decided_at__isnull=False)
    name, descending = _STATE_ORDER.get(state, _STATE_ORDER[State.ALL])
    order = (f"-{name}", "-pk") if descending else (name, "pk")
    overdue = Q(status=ReferralStatus.PENDING, respond_by__lte=now)
    return (
        referrals.order_by(*order)
        .select_related("person", "referring_organisation", "referred_organisation")
        .annotate(overdue=ExpressionWrapper(overdue, output_field=BooleanField()))
    )


# The inbox says "50+" rather than counting everything a centre ever received (issue 17).
COUNT_LIMIT = 50


@dataclass(frozen=True)
class InboxCounts:
    """What waits for a centre, counted up to `COUNT_LIMIT`; beyond, only that there is more."""

    pending: int
    overdue: int
    more_pending: bool = False
    more_overdue: bool = False

    @property
    def pending_shown(self) -> str:
        return f"{COUNT_LIMIT}+" if self.more_pending else str(self.pending)

    @property
    def overdue_shown(self) -> str:
        return f"{COUNT_LIMIT}+" if self.more_overdue else str(self.overdue)


def referral_inbox_counts(actor: Actor, *, now: datetime) -> InboxCounts:
    """How many referrals wait for the actor's centre, and how many of them are overdue, up
    to `COUNT_LIMIT` each: one bounded read of the answer times in order from the inbox
    index, the overdue ones first, whatever the volume."""
    answer_times = list(
        referrals_visible_to(actor)
        .filter(referred_organisation_id=actor.organisation_id, status=ReferralStatus.PENDING)
        .order_by("respond_by")
        .values_list("respond_by", flat=True)[: COUNT_LIMIT + 1]
    )
    overdue = sum(1 for respond_by in answer_times if respond_by <= now)
    return InboxCounts(
        pending=min(len(answer_times), COUNT_LIMIT),
        overdue=min(overdue, COUNT_LIMIT),
        more_pending=len(answer_times) > COUNT_LIMIT,
        more_overdue=overdue > COUNT_LIMIT,
    )


# The triage columns and their sorting (issue 16 item 4) ------------------------------------


class Sort(StrEnum):
    """The inbox's sortable columns. Each key's order reads "what to act on first"; the key
    with a leading "-" reverses it."""

    URGENCY = "urgency"
    WAITING = "waiting"
    AGE = "age"
    LANGUAGE = "language"
    EXPLOITATION = "exploitation"
    REASON = "reason"
    FROM = "from"
    TO = "to"


SORT_KEYS: tuple[str, ...] = tuple(key for sort in Sort for key in (sort.value, f"-{sort.value}"))

# A column sort reorders the first SORT_WINDOW referrals of the box in its usual order: a
# bounded sort whatever the volume (issue 17). A waiting box is far smaller; the page says
# when a longer box was cut.
SORT_WINDOW = 500


class Urgency(StrEnum):
    """Why a waiting referral is urgent, most pressing first. Only waiting referrals are
    urgent: a decided one asks nothing more of the centre."""

    # The person is in danger now: the emergency hotline call the referral came from, or
    # the referrer's word.
    DANGER = "danger"
    # A child, presumed by the referrer or routed to a centre for minors: protection without
    # delay (Directive 2011/36/EU, art. 13-14).
    MINOR = "minor"
    # Unanswered past the response time (NRM_REFERRAL_RESPONSE_HOURS, stored in respond_by).
    OVERDUE = "overdue"


# The sort's weights: danger outweighs the two others together, a child outweighs lateness;
# equal urgency goes by the answer time.
URGENCY_WEIGHTS = {Urgency.DANGER: 4, Urgency.MINOR: 2, Urgency.OVERDUE: 1}


def _urgency_conditions(now: datetime) -> dict[Urgency, Q]:
    return {
        Urgency.DANGER: Q(imminent_danger=True) | Q(hotline_entry__emergency=True),
        Urgency.MINOR: Q(presumed_minor=True)
        | Q(referred_organisation__type=OrganisationType.CENTRE_MINORS),
        Urgency.OVERDUE: Q(respond_by__lte=now),
    }


def urgency_of(referral: Referral) -> list[Urgency]:
    """Why a row of `referral_inbox_page` is urgent (from its annotations), most pressing
    first; nothing for a referral that no longer waits."""
    if referral.status != ReferralStatus.PENDING:
        return []
    return [u for u in Urgency if getattr(referral, f"urgent_{u.value}", False)]


def minor_of(referral: Referral) -> bool:
    """A row of `referral_inbox_page` is about a child (presumed, or routed as one)."""
    return bool(getattr(referral, "urgent_minor", False))


def age_at_referral(referral: Referral) -> int | None:
    """The person's age on the referral date from clear columns only (the birth date is
    encrypted and the list never decrypts it): the age at first contact plus the whole
    years since, a lower bound as the routing rule counts it. None when unknown or when the
    actor may not open the person."""
    if not getattr(referral, "person_open", False):
        return None
    person = referral.person
    if person.age_at_first_contact is None:
        return None
    since, on = person.first_contact_on, referral.referred_on
    years = on.year - since.year - ((on.month, on.day) < (since.month, since.day))
    return person.age_at_first_contact + max(years, 0)


_SORT_SPECS: dict[str, tuple[tuple[str, bool], ...]] = {
    Sort.URGENCY: (("urgency", True), ("respond_by", False)),
    Sort.WAITING: (("created_at", False),),
    Sort.AGE: (("urgent_minor", True), ("age_estimate", False)),
    Sort.LANGUAGE: (("first_language", False),),
    Sort.EXPLOITATION: (("exploitation_sort", False),),
    Sort.REASON: (("reason", False),),
    Sort.FROM: (("referring_organisation__name", False),),
    Sort.TO: (("referred_organisation__name", False),),
}


def _sort_order(sort: str) -> list[OrderBy]:
    reverse = sort.startswith("-")
    spec = (*_SORT_SPECS[sort.removeprefix("-")], ("pk", False))
    # Unknown values (no age, no language) stay last in both directions.
    return [
        OrderBy(F(name), descending=descending != reverse, nulls_last=True)
        for name, descending in spec
    ]


def _with_triage_columns(
    referrals: QuerySet[Referral], actor: Actor, now: datetime
) -> QuerySet[Referral]:
    """The inbox's columns beyond the referral itself, computed by the database. The person's
    age and languages come from the person's record: shown, and sorted on, only where the
    actor may open the person, as on the referral page."""
    conditions = _urgency_conditions(now)
    waiting = Q(status=ReferralStatus.PENDING)
    urgency: Any = Value(0)
    for kind, condition in conditions.items():
        weight = URGENCY_WEIGHTS[kind]
        urgency += Case(When(waiting & condition, then=Value(weight)), default=Value(0))
    person_open = Exists(open_involvements(actor).filter(person_id=OuterRef("person_id")))
    age_estimate = F("person__age_at_first_contact") + (
        ExtractYear("referred_on") - ExtractYear("person__first_contact_on")
    )
    flags = {
        f"urgent_{kind.value}": ExpressionWrapper(condition, output_field=BooleanField())
        for kind, condition in conditions.items()
    }
    return (
        referrals.select_related(
            "person", "referring_organisation", "referred_organisation", "hotline_entry"
        )
        # Encrypted columns the list never shows are neither read nor decrypted.
        .defer(
            "details",
            "decision_reason",
            "hotline_entry__summary",
            *(f"person__{name}" for name in IDENTITY_FIELDS),
        )
        .annotate(
            person_open=person_open,
            urgency=ExpressionWrapper(urgency, output_field=IntegerField()),
            # "Not known" sorts last, as unknown ages and languages do.
            exploitation_sort=NullIf(F("exploitation_form"), Value("")),
            **flags,
        )
        .annotate(
            age_estimate=Case(
                When(person_open=True, then=age_estimate),
                default=None,
                output_field=IntegerField(),
            ),
            first_language=Case(
                When(person_open=True, then=KeyTextTransform("0", "person__languages")),
                default=None,
                output_field=CharField(),
            ),
        )
    )


@dataclass(frozen=True)
class InboxPage:
    """One page of the inbox, without counting the box: the query changes that lead to the
    next and the previous page (None where there is none)."""

    rows: list[Referral]
    next: dict[str, str] | None
    previous: dict[str, str] | None
    # A column sort that reordered only the first `window` referrals of a longer box.
    window_cut: bool = False
    window: int = 0


_CURSOR_SALT = "nrm.referrals.inbox"


def _cursor(row: Referral, name: str) -> str:
    value = getattr(row, name)
    return signing.dumps([name, value.isoformat(), row.pk], salt=_CURSOR_SALT, compress=True)


def _cursor_values(token: str, name: str) -> tuple[datetime, int] | None:
    """A cursor's position, or None for a damaged one or one of another order (the page
    then starts from the first row, as the person list does)."""
    if not token:
        return None
    try:
        cursor_name, value, pk = signing.loads(token, salt=_CURSOR_SALT)
        at = datetime.fromisoformat(value)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if cursor_name != name or not isinstance(pk, int):
        return None
    return at, pk


def referral_inbox_page(
    actor: Actor,
    *,
    box: str,
    state: str,
    sort: str = "",
    now: datetime,
    after: str = "",
    before: str = "",
    number: int = 1,
    size: int = 50,
) -> InboxPage:
    """One page of a box with its triage columns.

    In the box's own order (no `sort`) a page continues from a cursor (`after` the last row
    of the page before, or `before` the first row of the page after) along the box's index:
    no count, no sort, the same cost on the first page and the thousandth. A column sort
    (`sort`, one of SORT_KEYS) reorders the first SORT_WINDOW referrals of the box and pages
    by `number`, still without a count.
    """
    box_rows = referrals_in_box(actor, box=box, state=state, now=now)
    if sort:
        return _sorted_page(actor, box_rows, sort=sort, now=now, number=number, size=size)
    name, descending = _STATE_ORDER.get(state, _STATE_ORDER[State.ALL])
    later, earlier = ("lt", "gt") if descending else ("gt", "lt")
    rows_qs = _with_triage_columns(box_rows, actor, now)
    position_after = _cursor_values(after, name)
    position_before = None if position_after else _cursor_values(before, name)
    if position_before is not None:
        at, pk = position_before
        # Read backwards from the cursor, then put the page back in the box's order.
        backwards = rows_qs.filter(
            Q(**{f"{name}__{earlier}e": at}),
            Q(**{f"{name}__{earlier}": at}) | Q(**{f"pk__{earlier}": pk}),
        ).order_by(*((name, "pk") if descending else (f"-{name}", "-pk")))
        rows = list(backwards[: size + 1])
        more_before = len(rows) > size
        rows = list(reversed(rows[:size]))
        return InboxPage(
            rows=rows,
            next={"after": _cursor(rows[-1], name)} if rows else None,
            previous={"before": _cursor(rows[0], name)} if more_before and rows else None,
        )
    if position_after is not None:
        at, pk = position_after
        rows_qs = rows_qs.filter(
            Q(**{f"{name}__{later}e": at}),
            Q(**{f"{name}__{later}": at}) | Q(**{f"pk__{later}": pk}),
        )
    rows = list(rows_qs[: size + 1])
    more_after = len(rows) > size
    rows = rows[:size]
    return InboxPage(
        rows=rows,
        next={"after": _cursor(rows[-1], name)} if more_after else None,
        previous={"before": _cursor(rows[0], name)} if position_after and rows else None,
    )


def _sorted_page(
    actor: Actor,
    box_rows: QuerySet[Referral],
    *,
    sort: str,
    now: datetime,
    number: int,
    size: int,
) -> InboxPage:
    if sort not in SORT_KEYS:
        raise DomainError(_("The list cannot be sorted that way."), field="sort")
    # The window's keys are read first (from the box's index) and handed back as a list: as
    # a subquery, PostgreSQL would rather scan every referral and join (measured).
    window = list(box_rows.values_list("pk", flat=True)[: SORT_WINDOW + 1])
    cut = len(window) > SORT_WINDOW
    in_window = Referral.objects.filter(pk__in=window[:SORT_WINDOW])
    rows_qs = _with_triage_columns(in_window, actor, now)
    number = max(1, number)
    start = (number - 1) * size
    rows = list(rows_qs.order_by(*_sort_order(sort))[start : start + size + 1])
    return InboxPage(
        rows=rows[:size],
        next={"page": str(number + 1)} if len(rows) > size else None,
        previous={"page": str(number - 1)} if number > 1 else None,
        window_cut=cut,
        window=SORT_WINDOW,
    )


def referral_get_for_actor(actor: Actor, reference: str, *, action: str) -> Referral:
    """One referral, with the read audited; 404 whether it is missing or not the actor's."""
    referral = (
        Referral.objects.select_related(
            "person",
            "referring_organisation",
            "referred_organisation",
            "referring_caseworker",
            "referred_caseworker",
            "decided_by",
            "region",
        )
        .filter(reference=reference)
        .first()
    )
    if referral is None or not workflow.may_see(actor, referral):
        raise NotFound(_("No such referral."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=referral,
        purpose=purpose_for(actor),
        changes={"person": referral.person.reference},
    )
    return referral


def referral_events(referral: Referral) -> list[ReferralEvent]:
    return list(referral.events.select_related("by", "organisation").order_by("at", "pk"))


def referrals_list_audited(actor: Actor, referrals: Sequence[Referral], *, action: str) -> None:
    """A list names persons by reference: one audit row names them all."""
    if not referrals:
        return
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=Referral._meta.label_lower,
        record_id="*",
        purpose=purpose_for(actor),
        changes={
            "referrals": [r.reference for r in referrals],
            "persons": sorted({r.person.reference for r in referrals}),
        },
    )


# Feedback to the referrer (issue 18 §3) --------------------------------------------------

# The pathway steps a referrer is told of: the status decisions and documents, by kind and
# date only. Left out on purpose: what the person said or did (complaint, re-contact with the
# exploiter, cooperation withdrawn, public-order flags), guardianship and document requests,
# which are the care file's and the centre's.
FEEDBACK_EVENT_KINDS = frozenset(
    {
        # Belgium (circular of 23 December 2016)
        "REFERRED",
        "REFLECTION_DOCUMENT_ISSUED",
        "PROVISIONAL_DOCUMENT_ISSUED",
        "PROSECUTOR_OPINION",
        "TEMPORARY_PERMIT_ISSUED",
        "PERMANENT_RESIDENCE_GRANTED",
        "HUMANITARIAN_RESIDENCE_GRANTED",
        "STATUS_END_DECIDED",
        # Denmark
        "IDENTIFIED",
        "REFLECTION_STARTED",
        "REFLECTION_EXTENDED",
        "INVESTIGATION_PERMIT_ISSUED",
    }
)


@dataclass(frozen=True)
class CourseStep:
    label: str
    on: date


def referral_course(referral: Referral, *, support_ended_on: date | None) -> list[CourseStep]:
    """What became of an accepted referral, as its referrer may know it: accepted on, the
    pathway's status steps since the referral (kind and date), support ended on. The caller
    has read the referral through `referral_get_for_actor` (access checked, audited)."""
    if referral.status != ReferralStatus.ACCEPTED or referral.decided_at is None:
        return []
    steps = [CourseStep(_("Accepted by the centre"), timezone.localdate(referral.decided_at))]
    steps += [
        CourseStep(milestone.label, milestone.on)
        for milestone in pathway_milestones(
            referral.person_id, kinds=FEEDBACK_EVENT_KINDS, since=referral.referred_on
        )
        # The acceptance is already the first line.
        if milestone.kind != "REFERRED"
    ]
    if support_ended_on is not None:
        steps.append(CourseStep(_("Support ended"), support_ended_on))
    return sorted(steps, key=lambda step: step.on)


def referral_addenda(referral: Referral) -> list[ReferralAddendum]:
    return list(
        referral.addenda.select_related("added_by", "organisation").order_by("added_at", "pk")
    )


def escalated_to_director(actor: Actor) -> QuerySet[Referral]:
    """The director's centre's referrals escalated to them and still unanswered."""
    if actor.role != Role.CENTRE_DIRECTOR or actor.organisation_id is None:
        return Referral.objects.none()
    return (
        referrals_visible_to(actor)
        .filter(
            referred_organisation_id=actor.organisation_id,
            status=ReferralStatus.PENDING,
            escalated_director_at__isnull=False,
        )
        .select_related("referred_organisation", "referring_organisation")
        .order_by("respond_by", "pk")
    )


def escalated_to_coordination(actor: Actor) -> QuerySet[Referral]:
    """Unanswered referrals escalated to the coordination unit. The unit is no party to a
    referral: it is shown the references, the two organisations and the times only (the
    page and the inbox never read the person or the details)."""
    organisation = actor.organisation
    if (
        organisation is None
        or organisation.type != OrganisationType.COORDINATION_UNIT
        or actor.role != Role.COORDINATOR
        or not actor.user.is_active
    ):
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            status=ReferralStatus.PENDING, escalated_coordination_at__isnull=False
        )
        .select_related("referred_organisation", "referring_organisation")
        .only(
            "reference",
            "respond_by",
            "escalated_director_at",
            "escalated_coordination_at",
            "status",
            "referred_organisation__name",
            "referred_organisation__short_name",
            "referring_organisation__name",
            "referring_organisation__short_name",
        )
        .order_by("respond_by", "pk")
    )


def escalations_list_audited(actor: Actor, referrals: Sequence[Referral], *, action: str) -> None:
    if not referrals:
        return
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=Referral._meta.label_lower,
        record_id="*",
        purpose=purpose_for(actor),
        changes={"referrals": [r.reference for r in referrals]},
    )


# Hotline -------------------------------------------------------------------------------


def hotline_entries_visible_to(actor: Actor) -> QuerySet[HotlineEntry]:
    """The actor's own centre's log, for the staff who keep it, without the calls about a
    person the actor's colleagues were assigned to and the actor was not."""
    if not workflow.may_keep_hotline(actor):
        return HotlineEntry.objects.none()
    return HotlineEntry.objects.filter(centre_id=actor.organisation_id).exclude(
        person_id__in=withheld_person_ids(actor)
    )


def hotline_entries_filtered(
    entries: QuerySet[HotlineEntry],
    *,
    channel: str = "",
    outcome: str = "",
    caller_type: str = "",
    language: str = "",
    emergency: bool = False,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[HotlineEntry]:
    """Filters on clear columns only: the summary is encrypted and cannot be searched."""
    if channel:
        entries = entries.filter(channel=channel)
    if outcome:
        entries = entries.filter(outcome=outcome)
    if caller_type:
        entries = entries.filter(caller_type=caller_type)
    if language:
        entries = entries.filter(language=language)
    if emergency:
        entries = entries.filter(emergency=True)
    # Days in the installation's time zone, as the staff who took the calls count them.
    zone = timezone.get_current_timezone()
    if since is not None:
        entries = entries.filter(contact_at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until is not None:
        entries = entries.filter(contact_at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return entries.select_related("person", "referral", "taken_by").order_by("-contact_at", "-pk")


def hotline_entry_get_for_actor(actor: Actor, reference: str, *, action: str) -> HotlineEntry:
    entry = (
        HotlineEntry.objects.select_related(
            "person", "referral__referred_organisation", "taken_by", "centre"
        )
        .filter(reference=reference)
        .first()
    )
    if (
        entry is None
        or entry.centre_id != actor.organisation_id
        or not workflow.may_keep_hotline(actor)
        or person_withheld(actor, entry.person_id)
    ):
        raise NotFound(_("No such hotline contact."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record=entry,
        purpose=purpose_for(actor),
        changes={"person": entry.person.reference if entry.person else None},
    )
    return entry


def hotline_list_audited(actor: Actor, entries: Sequence[HotlineEntry], *, action: str) -> None:
    """The log shows summaries, which may name people: one audit row names every entry."""
    if not entries:
        return
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action=action,
        record_type=HotlineEntry._meta.label_lower,
        record_id="*",
        purpose=purpose_for(actor),
        changes={"entries": [e.reference for e in entries]},
    )
