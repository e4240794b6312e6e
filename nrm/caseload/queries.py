"""Reads of the caseload: who accompanies whom, who is away, which persons nobody active
accompanies. For the organisation's director (the person page shows a person's key worker
to the organisation's members through `key_worker_of`).

Persons an organisation holds: those it has an open care involvement with, other than a
referral it has not decided yet (it reads them to decide; it does not accompany them).
A person's key worker there is the open assignment row; a person without any row yet has
the caseworker who accepted the organisation's referral (see nrm/caseload/models.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, When
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.accounts.models import User
from nrm.accounts.queries import effective_filter
from nrm.caseload.models import Absence, KeyWorkerAssignment
from nrm.core.errors import PermissionDenied
from nrm.organisations.models import Membership, Organisation, Role
from nrm.people.models import Person
from nrm.referrals.models import Referral, ReferralStatus, Review, ReviewStatus

# Who may be a key worker: the roles that accompany persons in a centre-like organisation.
KEY_WORKER_ROLES = frozenset({Role.CASEWORKER, Role.CENTRE_DIRECTOR})
# Unaccompanied persons shown on the page; the count says how many there are in all.
UNACCOMPANIED_SHOWN = 200
# The annotation `persons_held` adds (a name, so that the type checker leaves it alone).
KEY_WORKER: str = "key_worker_id"


def caseload_organisation(actor: Actor) -> Organisation:
    """The organisation whose caseload the actor manages: only its director's (403)."""
    organisation = actor.organisation
    if organisation is None or actor.role != Role.CENTRE_DIRECTOR or not actor.user.is_active:
        raise PermissionDenied(_("Only the organisation's director manages its caseload."))
    return organisation


def held_involvements(
    organisation_id: int, *, now: dt.datetime | None = None
) -> QuerySet[Involvement]:
    now = now or timezone.now()
    return (
        Involvement.objects.filter(
            organisation_id=organisation_id, purpose=Purpose.CARE, since__lte=now
        )
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .exclude(basis=InvolvementBasis.REFERRAL_RECEIVED)
    )


def _key_worker_expression(organisation_id: int) -> Case:
    """The person's key worker id at the organisation, as a SQL expression on Person."""
    rows = KeyWorkerAssignment.objects.filter(
        person=OuterRef("pk"), organisation_id=organisation_id
    )
    accepted_by = (
        Referral.objects.filter(
            person=OuterRef("pk"),
            referred_organisation_id=organisation_id,
            status=ReferralStatus.ACCEPTED,
            referred_caseworker__isnull=False,
        )
        .order_by("-decided_at", "-pk")
        .values("referred_caseworker_id")[:1]
    )
    return Case(
        When(Exists(rows), then=Subquery(rows.filter(until__isnull=True).values("user_id")[:1])),
        default=Subquery(accepted_by),
    )


def persons_held(organisation_id: int, *, now: dt.datetime | None = None) -> QuerySet[Person]:
    """The persons the organisation holds, each annotated with `key_worker_id` (None: none)."""
    held = held_involvements(organisation_id, now=now).values("person_id")
    return Person.objects.filter(pk__in=held).annotate(
        **{KEY_WORKER: _key_worker_expression(organisation_id)}
    )


def persons_unaccompanied(organisation_id: int, today: dt.date) -> QuerySet[Person]:
    """The held persons whose key worker is nobody, or nobody active today."""
    active = active_key_worker_ids(organisation_id, today)
    return persons_held(organisation_id).filter(
        Q(**{f"{KEY_WORKER}__isnull": True}) | ~Q(**{f"{KEY_WORKER}__in": active})
    )


def absences_current(organisation_id: int, today: dt.date) -> QuerySet[Absence]:
    return Absence.objects.filter(
        organisation_id=organisation_id,
        cancelled_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    )


def absences_coming(organisation_id: int, today: dt.date) -> QuerySet[Absence]:
    """Current and planned absences, the soonest first (the page lists them)."""
    return (
        Absence.objects.filter(
            organisation_id=organisation_id, cancelled_at__isnull=True, ends_on__gte=today
        )
        .select_related("user")
        .order_by("starts_on", "pk")
    )


def key_worker_memberships(organisation_id: int) -> QuerySet[Membership]:
    """Memberships in a key-worker role that work now (not ended; approved where needed)."""
    return Membership.objects.filter(
        effective_filter(), organisation_id=organisation_id, role__in=KEY_WORKER_ROLES
    )


def active_key_worker_ids(organisation_id: int, today: dt.date) -> set[int]:
    """Who accompanies persons today: an active account, an effective membership in a
    key-worker role, and not away."""
    members = set(
        key_worker_memberships(organisation_id)
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )
    away = set(absences_current(organisation_id, today).values_list("user_id", flat=True))
    return members - away


def open_reviews_of(organisation_id: int, user_id: int) -> QuerySet[Review]:
    """Reviews of the organisation's decisions still waiting on this reviewer."""
    return Review.objects.filter(
        deciding_organisation_id=organisation_id,
        status=ReviewStatus.REQUESTED,
        reviewers=user_id,
    )


def accepted_referrals_of(
    organisation_id: int, user_id: int, person_ids: QuerySet[Person] | list[int]
) -> QuerySet[Referral]:
    """The organisation's accepted referrals of held persons naming the user as the primary
    caseworker (HTCDS cas_ReferredPrimaryCaseWorker)."""
    return Referral.objects.filter(
        referred_organisation_id=organisation_id,
        status=ReferralStatus.ACCEPTED,
        referred_caseworker_id=user_id,
        person_id__in=person_ids,
    )


def assigned_involvements_of(
    organisation_id: int, user_id: int, person_ids: QuerySet[Person] | list[int]
) -> QuerySet[Involvement]:
    """Open involvements restricted to named members, the user among them: without a
    successor, only the director would still see those persons."""
    now = timezone.now()
    return (
        Involvement.objects.filter(
            organisation_id=organisation_id, assigned_users=user_id, person_id__in=person_ids
        )
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .distinct()
    )


@dataclass(frozen=True)
class StaffRow:
    user: User
    role: str
    # Why the member accompanies nobody today: "" (active), "left", "inactive" or "away".
    state: str
    away_until: dt.date | None
    persons: int
    tasks: int

    @property
    def active(self) -> bool:
        return self.state == ""


@dataclass(frozen=True)
class UnaccompaniedRow:
    person: Person
    key_worker: User | None  # the inactive or absent key worker, None when there is none
    state: str  # "none", "left", "inactive" or "away"


@dataclass(frozen=True)
class Caseload:
    organisation: Organisation
    staff: list[StaffRow]
    unaccompanied: list[UnaccompaniedRow]
    unaccompanied_total: int
    absences: list[Absence]
    held_total: int


def _state(user: User, *, member: bool, away: dt.date | None) -> str:
    if not user.is_active:
        return "inactive"
    if not member:
        return "left"
    if away is not None:
        return "away"
    return ""


def caseload_for_actor(actor: Actor, *, today: dt.date | None = None) -> Caseload:
    """The director's view: the staff with their persons and open tasks, flagged when they
    accompany nobody today, and the persons nobody active accompanies. Audited as a list
    read (references only)."""
    organisation = caseload_organisation(actor)
    today = today or timezone.localdate()
    held = list(persons_held(organisation.pk).values_list("pk", KEY_WORKER))
    per_user = Counter(user_id for _pk, user_id in held if user_id is not None)
    held_ids = [pk for pk, _user in held]
    members = {
        m.user_id: m
        for m in key_worker_memberships(organisation.pk).select_related("user").order_by("pk")
    }
    away = {
        a.user_id: a.ends_on for a in absences_current(organisation.pk, today).order_by("ends_on")
    }
    # Former members still named somewhere count too: they are the ones to reassign from.
    reviews = Counter(
        Review.objects.filter(
            deciding_organisation_id=organisation.pk, status=ReviewStatus.REQUESTED
        ).values_list("reviewers", flat=True)
    )
    referrals = Counter(
        Referral.objects.filter(
            referred_organisation_id=organisation.pk,
            status=ReferralStatus.ACCEPTED,
            person_id__in=held_ids,
        ).values_list("referred_caseworker_id", flat=True)
    )
    ever = set(reassign_sources(organisation.pk).values_list("pk", flat=True))
    named = {u for u in (*reviews, *referrals) if u in ever}
    user_ids = set(members) | set(per_user) | named
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}

    def state_of(user_id: int | None) -> str:
        if user_id is None or user_id not in users:
            return "none"
        return _state(users[user_id], member=user_id in members, away=away.get(user_id))

    staff = [
        StaffRow(
            user=users[user_id],
            role=members[user_id].role if user_id in members else "",
            state=state_of(user_id),
            away_until=away.get(user_id),
            persons=per_user.get(user_id, 0),
            tasks=reviews.get(user_id, 0) + referrals.get(user_id, 0),
        )
        for user_id in user_ids
    ]
    staff.sort(key=lambda row: (row.active, row.user.last_name, row.user.first_name, row.user.pk))
    active = active_key_worker_ids(organisation.pk, today)
    orphan_ids = [(pk, user_id) for pk, user_id in held if user_id not in active]
    shown = dict(orphan_ids[:UNACCOMPANIED_SHOWN])
    persons = Person.objects.filter(pk__in=list(shown)).only(
        "reference", "first_contact_on", "nationalities", "age_at_first_contact"
    )
    unaccompanied = [
        UnaccompaniedRow(
            person=person,
            key_worker=users.get(shown[person.pk]) if shown[person.pk] else None,
            state=state_of(shown[person.pk]) or "none",
        )
        for person in persons.order_by("reference")
    ]
    if unaccompanied:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action="caseload_view",
            record_type=Person._meta.label_lower,
            record_id="*",
            purpose=Purpose.CARE,
            changes={"references": [row.person.reference for row in unaccompanied]},
        )
    return Caseload(
        organisation=organisation,
        staff=staff,
        unaccompanied=unaccompanied,
        unaccompanied_total=len(orphan_ids),
        absences=list(absences_coming(organisation.pk, today)),
        held_total=len(held),
    )


@dataclass(frozen=True)
class KeyWorker:
    user: User
    since: dt.datetime | None
    reason: str  # an AssignmentReason value
    active: bool


def key_worker_of(
    actor: Actor, person: Person, *, today: dt.date | None = None
) -> KeyWorker | None:
    """The person's key worker at the actor's organisation, for the person page (which has
    already checked and audited that the actor sees the person). None when the organisation
    does not hold the person or nobody is assigned."""
    if actor.organisation_id is None:
        return None
    found = persons_held(actor.organisation_id).filter(pk=person.pk).first()
    if found is None or found.key_worker_id is None:  # type: ignore[attr-defined]
        return None
    user_id: int = found.key_worker_id  # type: ignore[attr-defined]
    row = KeyWorkerAssignment.objects.filter(
        person=person, organisation_id=actor.organisation_id, until__isnull=True
    ).first()
    user = User.objects.get(pk=user_id)
    active = user_id in active_key_worker_ids(actor.organisation_id, today or timezone.localdate())
    if row is not None:
        return KeyWorker(user, row.since, row.reason, active)
    return KeyWorker(user, None, "ACCEPTED_REFERRAL", active)


def key_worker_history(actor: Actor, person: Person) -> list[KeyWorkerAssignment]:
    """Who accompanied the person at the actor's organisation, the newest first."""
    if actor.organisation_id is None:
        return []
    return list(
        KeyWorkerAssignment.objects.filter(person=person, organisation_id=actor.organisation_id)
        .select_related("user", "assigned_by")
        .order_by("-since", "-pk")
    )


def reassign_candidates(organisation_id: int, today: dt.date) -> QuerySet[User]:
    """Whom persons may be moved to: active key workers of the organisation, not away."""
    return User.objects.filter(pk__in=active_key_worker_ids(organisation_id, today)).order_by(
        "last_name", "first_name", "pk"
    )


def reassign_sources(organisation_id: int) -> QuerySet[User]:
    """Whom persons may be moved from: anyone who is or was a key worker there."""
    ever = Membership.objects.filter(
        organisation_id=organisation_id, role__in=KEY_WORKER_ROLES
    ).values("user_id")
    return User.objects.filter(pk__in=ever).order_by("last_name", "first_name", "pk")
