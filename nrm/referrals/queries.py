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

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import person_withheld, purpose_for, withheld_person_ids
from nrm.core.errors import NotFound
from nrm.organisations.models import OrganisationType, Role
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
        referrals = referrals.filter(status=ReferralStatus.PENDING).order_by("respond_by", "pk")
    elif state == State.OVERDUE:
        referrals = referrals.filter(status=ReferralStatus.PENDING, respond_by__lte=now).order_by(
            "respond_by", "pk"
        )
    elif state == State.DECIDED:
        referrals = referrals.filter(status__in=DECIDED).order_by("-decided_at", "-pk")
    else:
        referrals = referrals.order_by("-created_at", "-pk")
    overdue = Q(status=ReferralStatus.PENDING, respond_by__lte=now)
    return referrals.select_related(
        "person", "referring_organisation", "referred_organisation"
    ).annotate(overdue=ExpressionWrapper(overdue, output_field=BooleanField()))


@dataclass(frozen=True)
class InboxCounts:
    pending: int
    overdue: int


def referral_inbox_counts(actor: Actor, *, now: datetime) -> InboxCounts:
    """How many referrals wait for the actor's centre, and how many of them are overdue."""
    counts = (
        referrals_visible_to(actor)
        .filter(referred_organisation_id=actor.organisation_id, status=ReferralStatus.PENDING)
        .aggregate(pending=Count("pk"), overdue=Count("pk", filter=Q(respond_by__lte=now)))
    )
    return InboxCounts(pending=counts["pending"] or 0, overdue=counts["overdue"] or 0)


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
