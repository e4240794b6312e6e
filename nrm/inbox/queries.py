"""What is mine to do: one read across the apps' own queries (issue 16, item 3).

The inbox owns no data. Each section asks the app that owns the records, through that
app's access-checked and audited query, so the inbox never shows more than the pages it
links to. Sections a role has no part in are left out rather than shown empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from nrm.access.context import Actor
from nrm.aftercare.queries import (
    contacts_due_for_actor,
    flags_open_for_actor,
    list_audited,
    persons_of,
)
from nrm.care.queries import disclosures_to_actor, transfer_requests_waiting
from nrm.coordination.queries import follow_ups_open_for
from nrm.core.errors import PermissionDenied
from nrm.directory.queries import providers_due_for_vetting
from nrm.organisations.models import Role
from nrm.protection.display import deadline_label
from nrm.protection.models import Deadline
from nrm.protection.queries import (
    deadlines_for_organisation,
    requests_for_actor,
    requests_to_decide_count,
    unread_notifications_count,
)
from nrm.protection.rules import has_deadlines
from nrm.referrals.models import ReferralStatus
from nrm.referrals.queries import (
    Box,
    State,
    escalated_to_coordination,
    escalated_to_director,
    escalations_list_audited,
    referral_inbox_counts,
    referrals_in_box,
    referrals_list_audited,
)
from nrm.referrals.review import is_overdue, reviews_list_audited, reviews_open_for

M = TypeVar("M", bound=Model)

# Rows shown per section; the section links to the full list.
SECTION_LIMIT = 20
# Deadlines falling due within this many days are in the inbox; later ones are on the board.
DEADLINE_HORIZON_DAYS = 14


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    due_on: dt.date | None = None
    overdue: bool = False
    detail: str = ""


@dataclass
class Section:
    key: str
    title: str
    url: str
    items: list[Item] = field(default_factory=list)
    # All of them, not only the rows shown.
    count: int = 0


@dataclass(frozen=True)
class Inbox:
    sections: list[Section]
    unread_notifications: int

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections) + self.unread_notifications


def inbox_for_actor(actor: Actor, *, now: dt.datetime, today: dt.date) -> Inbox:
    """Every section the actor's role has a part in, soonest first within each."""
    sections = [
        section
        for section in (
            _referrals(actor, now),
            _requests(actor, today),
            _deadlines(actor, today),
            _follow_ups(actor, today),
            _shared_care(actor),
            _transfers(actor),
            _vetting(actor, today),
            _aftercare(actor, today),
            _escalated(actor),
            _reviews(actor, today),
        )
        if section is not None
    ]
    return Inbox(sections=sections, unread_notifications=unread_notifications_count(actor))


def inbox_count(actor: Actor, *, now: dt.datetime, today: dt.date) -> int:
    """The number in the menu: things waiting for an answer or falling due, and unread
    notifications. Counts only: no record is read, so nothing is audited."""
    total = unread_notifications_count(actor)
    if actor.organisation_id is not None:
        # Bounded (issue 17): a centre with thousands waiting reads at most 51 answer times.
        total += referral_inbox_counts(actor, now=now).pending
    total += _due_deadlines(actor, today).order_by().count()
    total += follow_ups_open_for(actor).filter(due_on__lte=_horizon(today)).order_by().count()
    total += providers_due_for_vetting(actor, today=today).order_by().count()
    total += contacts_due_for_actor(actor, today=today).order_by().count()
    total += flags_open_for_actor(actor).order_by().count()
    total += escalated_to_coordination(actor).order_by().count()
    total += reviews_open_for(actor).order_by().count()
    total += requests_to_decide_count(actor)
    total += transfer_requests_waiting(actor).order_by().count()
    return total


def _first_rows(rows: QuerySet[M]) -> tuple[list[M], int]:
    """The rows a section shows, and how many there are in all (counted only when the
    section is cut, so the usual inbox makes one query a section)."""
    shown = list(rows[:SECTION_LIMIT])
    return shown, rows.count() if len(shown) == SECTION_LIMIT else len(shown)


def _horizon(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=DEADLINE_HORIZON_DAYS)


def _referrals(actor: Actor, now: dt.datetime) -> Section | None:
    if actor.organisation_id is None:
        return None
    pending = referrals_in_box(actor, box=Box.RECEIVED, state=State.PENDING, now=now)
    rows, total = _first_rows(pending)
    if not rows and not pending.exists():
        # A role that refers but never receives (an inspector) has no such section.
        received_ever = referrals_in_box(actor, box=Box.RECEIVED, state=State.ALL, now=now)
        if not received_ever.exists():
            return None
    referrals_list_audited(actor, rows, action="inbox_referrals")
    items = [
        Item(
            label=_("Referral %(reference)s from %(organisation)s")
            % {
                "reference": referral.reference,
                "organisation": referral.referring_organisation.short_name
                or referral.referring_organisation.name,
            },
            url=reverse("referrals:detail", args=[referral.reference]),
            due_on=referral.respond_by.date() if referral.respond_by else None,
            overdue=bool(getattr(referral, "overdue", False))
            and referral.status == ReferralStatus.PENDING,
        )
        for referral in rows
    ]
    return Section(
        key="referrals",
        title=_("Referrals to answer"),
        url=reverse("referrals:inbox"),
        items=items,
        count=total,
    )


def _requests(actor: Actor, today: dt.date) -> Section | None:
    try:
        listing = requests_for_actor(actor)
    except PermissionDenied:
        return None
    if listing.as_office:
        rows = listing.requests
        title = _("Residence requests to decide")
    else:
        # A centre waits for the office's answer: its open requests are its follow-up.
        rows = [r for r in listing.requests if r.answer_event_id is None]
        title = _("Residence requests waiting for an answer")
    items = [
        Item(
            label=_("Request for %(reference)s") % {"reference": request.reference},
            url=reverse("protection:request", args=[request.pk]),
            due_on=request.due_on,
            overdue=request.due_on is not None and request.due_on < today,
        )
        for request in rows[:SECTION_LIMIT]
    ]
    return Section(
        key="requests",
        title=title,
        url=reverse("protection:requests"),
        items=items,
        count=len(rows),
    )


def _due_deadlines(actor: Actor, today: dt.date) -> QuerySet[Deadline]:
    return deadlines_for_organisation(actor).filter(due_on__lte=_horizon(today))


def _deadlines(actor: Actor, today: dt.date) -> Section | None:
    organisation = actor.organisation
    if organisation is None or not has_deadlines(organisation.type, actor.role):
        return None
    due = _due_deadlines(actor, today)
    rows, total = _first_rows(due)
    items = [
        Item(
            label=f"{deadline_label(deadline.kind)} — {deadline.reference}",
            url=reverse("protection:status", args=[deadline.reference]),
            due_on=deadline.due_on,
            overdue=deadline.due_on < today,
        )
        for deadline in rows
    ]
    return Section(
        key="deadlines",
        title=_("Deadlines in the next %(days)d days") % {"days": DEADLINE_HORIZON_DAYS},
        url=reverse("protection:deadlines"),
        items=items,
        count=total,
    )


def _follow_ups(actor: Actor, today: dt.date) -> Section | None:
    if actor.membership is None:
        return None
    rows, total = _first_rows(follow_ups_open_for(actor))
    if not rows:
        return None
    items = [
        Item(
            label=follow_up.description,
            url=reverse("coordination:forum", args=[follow_up.meeting_id]),
            due_on=follow_up.due_on,
            overdue=follow_up.due_on < today,
        )
        for follow_up in rows
    ]
    return Section(
        key="follow_ups",
        title=_("Meeting follow-ups"),
        url=reverse("coordination:forums"),
        items=items,
        count=total,
    )


def _shared_care(actor: Actor) -> Section | None:
    disclosures = disclosures_to_actor(actor)
    if not disclosures:
        return None
    items = [
        Item(
            label=_("%(what)s about %(reference)s shared by %(organisation)s")
            % {
                "what": _("A care note") if disclosure.note_id else _("A support plan"),
                "reference": disclosure.person.reference,
                "organisation": disclosure.organisation.short_name or disclosure.organisation.name,
            },
            url=reverse("care:shared"),
            detail=disclosure.scope,
        )
        for disclosure in disclosures[:SECTION_LIMIT]
    ]
    return Section(
        key="shared_care",
        title=_("Care information shared with your organisation"),
        url=reverse("care:shared"),
        items=items,
        count=len(disclosures),
    )


def _vetting(actor: Actor, today: dt.date) -> Section | None:
    due = providers_due_for_vetting(actor, today=today)
    rows, total = _first_rows(due)
    if not rows:
        return None
    items = [
        Item(
            label=provider.name,
            url=reverse("directory:provider", args=[provider.pk]),
            due_on=provider.vetting_due,
            overdue=provider.vetting_due < today,
        )
        for provider in rows
    ]
    return Section(
        key="vetting",
        title=_("Providers to vet again"),
        url=reverse("directory:list"),
        items=items,
        count=total,
    )


def _aftercare(actor: Actor, today: dt.date) -> Section | None:
    contacts = list(contacts_due_for_actor(actor, today=today)[:SECTION_LIMIT])
    flags = list(flags_open_for_actor(actor)[:SECTION_LIMIT])
    if not contacts and not flags:
        return None
    list_audited(actor, persons_of(contacts) + persons_of(flags), action="inbox_aftercare")
    items = [
        Item(
            label=_("%(reference)s was met again by %(organisation)s")
            % {
                "reference": flag.plan.person.reference,
                "organisation": flag.met_by.short_name or flag.met_by.name,
            },
            url=reverse("aftercare:person", args=[flag.plan.person.reference]),
            overdue=True,
        )
        for flag in flags
    ] + [
        Item(
            label=_("Follow-up contact with %(reference)s, %(months)d months after support")
            % {"reference": contact.plan.person.reference, "months": contact.months},
            url=reverse("aftercare:person", args=[contact.plan.person.reference]),
            due_on=contact.due_on,
            overdue=contact.due_on < today,
        )
        for contact in contacts
    ]
    return Section(
        key="aftercare",
        title=_("After support"),
        url=reverse("aftercare:overview"),
        items=items,
        count=len(items),
    )


def _escalated(actor: Actor) -> Section | None:
    """Unanswered referrals escalated to the actor (issue 18 §3): a centre's director sees
    their centre's, the coordination unit those still unanswered after the director's turn
    (references and organisations only: the unit is no party to a referral)."""
    if actor.role == Role.COORDINATOR:
        escalated = escalated_to_coordination(actor)
        list_url = reverse("referrals:escalations")
    else:
        escalated = escalated_to_director(actor)
        list_url = reverse("referrals:inbox")
    rows, total = _first_rows(escalated)
    if not rows:
        return None
    escalations_list_audited(actor, rows, action="inbox_referral_escalations")
    items = [
        Item(
            label=_("Referral %(reference)s to %(centre)s, unanswered")
            % {
                "reference": referral.reference,
                "centre": referral.referred_organisation.short_name
                or referral.referred_organisation.name,
            },
            url=list_url
            if actor.role == Role.COORDINATOR
            else reverse("referrals:detail", args=[referral.reference]),
            due_on=referral.respond_by.date(),
            overdue=True,
        )
        for referral in rows
    ]
    return Section(
        key="referral_escalations",
        title=_("Unanswered referrals escalated to you"),
        url=list_url,
        items=items,
        count=total,
    )


def _reviews(actor: Actor, today: dt.date) -> Section | None:
    """Reviews of negative decisions the actor sits on (issue 18 §6)."""
    rows, total = _first_rows(reviews_open_for(actor))
    if not rows:
        return None
    # The rows name persons: read like the reviews' own list.
    reviews_list_audited(actor, rows, action="inbox_reviews")
    items = [
        Item(
            label=_("Review: %(subject)s, %(reference)s")
            % {"subject": review.get_subject_display(), "reference": review.person.reference},
            url=reverse("referrals:review", args=[review.pk]),
            due_on=review.respond_by,
            overdue=is_overdue(review, today=today),
        )
        for review in rows
    ]
    return Section(
        key="reviews",
        title=_("Negative decisions to review"),
        url=reverse("referrals:reviews"),
        items=items,
        count=total,
    )


def _transfers(actor: Actor) -> Section | None:
    """Transfer requests another centre sent to the actor's centre (issue 16 §5). They name
    no person until the centre accepts, so reading them is not audited (nrm.care)."""
    rows, total = _first_rows(transfer_requests_waiting(actor))
    if not rows:
        return None
    items = [
        Item(
            label=_("Transfer request from %(centre)s: a place for %(type)s")
            % {"centre": transfer.from_organisation, "type": transfer.get_place_type_display()},
            url=reverse("care:transfer", args=[transfer.pk]),
            due_on=transfer.wanted_from,
        )
        for transfer in rows
    ]
    return Section(
        key="transfers",
        title=_("Transfer requests to answer"),
        url=reverse("care:transfers"),
        items=items,
        count=total,
    )
