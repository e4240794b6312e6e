"""Writes of the caseload: assigning a key worker, moving a caseworker's persons and open
tasks to a colleague in one audited action, recording absences. Only the organisation's
director does any of them (`nrm.caseload.queries.caseload_organisation`).

What moves with a caseworker who leaves or is away (issue 18 §7), each audited by its own
row and the whole by one summarising row:
- their key-worker rows (closed now; a successor's row opened with the director's reason);
- the accepted referrals of those persons that name them as primary caseworker (HTCDS
  cas_ReferredPrimaryCaseWorker), so that the export and the referrer's feedback name the
  person who accompanies;
- the open involvements restricted to named members that name them (otherwise only the
  director would still see those persons);
- the reviews of the organisation's negative decisions still waiting on them as a reviewer,
  unless the successor took the decision under review: the reviewer is never the first
  decider (nrm/referrals/review.py), so such a move is refused as a whole.

What does not name a user and so needs no move: pending referrals (the centre's inbox),
follow-up contacts after support (reminded to every caseworker of the centre,
nrm/aftercare/worker.py), deadlines and notifications (the organisation's).

These writes touch the tables of `referrals` and `access`, which have no action for
"another member takes this over"; they stay here, in one place, each with its audit row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType, Involvement, Purpose
from nrm.accounts.models import User
from nrm.caseload.models import Absence, AssignmentReason, KeyWorkerAssignment
from nrm.caseload.queries import (
    KEY_WORKER,
    accepted_referrals_of,
    active_key_worker_ids,
    assigned_involvements_of,
    caseload_organisation,
    key_worker_memberships,
    open_reviews_of,
    persons_held,
    reassign_sources,
)
from nrm.core.errors import Conflict, DomainError, NotFound, bounded_text
from nrm.organisations.models import Organisation
from nrm.people.models import Person
from nrm.referrals.models import Review

NOTE_MAX = 2000
# A director's choice of reason; ACCEPTED_REFERRAL is what the referral gives, not a choice.
CHOSEN_REASONS = frozenset(AssignmentReason) - {AssignmentReason.ACCEPTED_REFERRAL}
# The longest absence one entry records: a longer one is a departure (end the membership).
ABSENCE_MAX_DAYS = 366


@dataclass(frozen=True)
class Moved:
    """What one reassignment moved, in counts (what the page and the API report)."""

    persons: int
    referrals: int
    involvements: int
    reviews: int

    @property
    def total(self) -> int:
        return self.persons + self.referrals + self.involvements + self.reviews


def _reason(reason: str) -> str:
    if reason not in CHOSEN_REASONS:
        raise DomainError(_("Choose a reason from the list."), field="reason")
    return reason


def _successor(organisation: Organisation, user: User | None, today: dt.date) -> User:
    if user is None:
        raise DomainError(_("Choose who takes the persons over."), field="to_user")
    if user.pk not in active_key_worker_ids(organisation.pk, today):
        raise DomainError(
            _(
                "%(name)s cannot take persons over: only an active caseworker or director of "
                "your organisation who is not away can."
            )
            % {"name": user.display_name},
            field="to_user",
        )
    return user


def _open_row(
    actor: Actor,
    *,
    organisation: Organisation,
    person: Person,
    user: User,
    reason: str,
    note: str,
    now: dt.datetime,
) -> KeyWorkerAssignment:
    try:
        with transaction.atomic():
            row = KeyWorkerAssignment.objects.create(
                person=person,
                organisation=organisation,
                user=user,
                since=now,
                reason=reason,
                note=note,
                assigned_by=actor.user,
            )
    except IntegrityError as exc:  # someone assigned the person meanwhile
        raise Conflict(
            _("The key worker of %(person)s changed meanwhile: reload the page.")
            % {"person": person.reference}
        ) from exc
    return row


def _hand_over(
    actor: Actor,
    *,
    organisation: Organisation,
    person: Person,
    previous_id: int | None,
    user: User,
    reason: str,
    note: str,
    now: dt.datetime,
) -> KeyWorkerAssignment:
    """Close the person's open row (or, while the referral's default stands, write it as
    the history it is) and open the successor's; one audit row."""
    current = (
        KeyWorkerAssignment.objects.select_for_update()
        .filter(person=person, organisation=organisation, until__isnull=True)
        .first()
    )
    if current is not None:
        if current.user_id != previous_id:
            raise Conflict(
                _("The key worker of %(person)s changed meanwhile: reload the page.")
                % {"person": person.reference}
            )
        current.until = now
        current.save(update_fields=["until"])
    elif (
        previous_id is not None
        and not KeyWorkerAssignment.objects.filter(
            person=person, organisation=organisation
        ).exists()
    ):
        accepted = (
            accepted_referrals_of(organisation.pk, previous_id, [person.pk])
            .order_by("-decided_at", "-pk")
            .first()
        )
        KeyWorkerAssignment.objects.create(
            person=person,
            organisation=organisation,
            user_id=previous_id,
            since=(accepted.decided_at or accepted.created_at) if accepted else now,
            until=now,
            reason=AssignmentReason.ACCEPTED_REFERRAL,
            assigned_by_id=accepted.decided_by_id if accepted else None,
        )
    row = _open_row(
        actor,
        organisation=organisation,
        person=person,
        user=user,
        reason=reason,
        note=note,
        now=now,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="key_worker_assign",
        record=row,
        purpose=Purpose.CARE,
        changes={
            "person": person.reference,
            "from": previous_id,
            "to": user.pk,
            "reason": reason,
            "note": "set" if note else "",
        },
    )
    return row


def _move_referrals(
    actor: Actor, organisation: Organisation, from_user: User, to_user: User, person_ids: list[int]
) -> int:
    referrals = list(
        accepted_referrals_of(organisation.pk, from_user.pk, person_ids).select_for_update()
    )
    for referral in referrals:
        referral.referred_caseworker = to_user
        referral.save(update_fields=["referred_caseworker"])
        audit_record(
            actor=actor,
            event_type=AuditEventType.UPDATE,
            action="referral_caseworker_reassign",
            record=referral,
            purpose=Purpose.CARE,
            changes={"referred_caseworker": {"from": from_user.pk, "to": to_user.pk}},
        )
    return len(referrals)


def _move_involvements(
    actor: Actor, organisation: Organisation, from_user: User, to_user: User, person_ids: list[int]
) -> int:
    involvements = list(
        Involvement.objects.select_for_update().filter(
            pk__in=assigned_involvements_of(organisation.pk, from_user.pk, person_ids).values("pk")
        )
    )
    for involvement in involvements:
        involvement.assigned_users.remove(from_user)
        involvement.assigned_users.add(to_user)
        audit_record(
            actor=actor,
            event_type=AuditEventType.UPDATE,
            action="involvement_reassign",
            record=involvement,
            purpose=involvement.purpose,
            changes={"unassigned": from_user.pk, "assigned": to_user.pk},
        )
    return len(involvements)


def _move_reviews(
    actor: Actor,
    organisation: Organisation,
    from_user: User,
    to_user: User,
    person_ids: list[int] | None,
) -> int:
    reviews = open_reviews_of(organisation.pk, from_user.pk)
    if person_ids is not None:
        reviews = reviews.filter(person_id__in=person_ids)
    locked = list(Review.objects.select_for_update().filter(pk__in=reviews.values("pk")))
    if any(review.first_decider_id == to_user.pk for review in locked):
        raise DomainError(
            _(
                "%(name)s took a decision that %(from)s is reviewing, and the reviewer is never "
                "the first decider: choose someone else, or name another reviewer on that "
                "review first."
            )
            % {"name": to_user.display_name, "from": from_user.display_name},
            field="to_user",
        )
    for review in locked:
        review.reviewers.remove(from_user)
        review.reviewers.add(to_user)  # no duplicate when already on the panel
        audit_record(
            actor=actor,
            event_type=AuditEventType.UPDATE,
            action="review_reviewer_reassign",
            record=review,
            purpose=Purpose.CARE,
            changes={"reviewers": {"removed": from_user.pk, "added": to_user.pk}},
        )
    return len(locked)


@transaction.atomic
def caseload_reassign(
    *,
    actor: Actor,
    from_user: User,
    to_user: User | None,
    persons: Sequence[str] | None = None,
    reason: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> Moved:
    """Move `from_user`'s persons (all, or those whose references are in `persons`) and
    their open tasks to `to_user`, in one transaction. Nothing is saved on any refusal.

    Reviews waiting on `from_user` move when all persons move, or with the person they are
    about. 409 when there is nothing to move (someone did it meanwhile)."""
    organisation = caseload_organisation(actor)
    now = now or timezone.now()
    today = timezone.localdate(now)
    why = _reason(reason)
    text = bounded_text(note, field="note", limit=NOTE_MAX)
    if not reassign_sources(organisation.pk).filter(pk=from_user.pk).exists():
        raise DomainError(
            _("Choose a caseworker or director of your organisation."), field="from_user"
        )
    successor = _successor(organisation, to_user, today)
    if successor.pk == from_user.pk:
        raise DomainError(_("Choose someone else than the person who hands over."), field="to_user")
    theirs = persons_held(organisation.pk, now=now).filter(**{KEY_WORKER: from_user.pk})
    if persons is not None:
        wanted = {reference.strip().upper() for reference in persons if reference.strip()}
        if not wanted:
            raise DomainError(_("Choose at least one person."), field="persons")
        theirs = theirs.filter(reference__in=wanted)
        found = set(theirs.values_list("reference", flat=True))
        missing = sorted(wanted - found)
        if missing:
            # The same answer for a person not held and one held by someone else: the
            # director learns nothing about persons the organisation does not hold.
            raise DomainError(
                _("%(references)s: not among the persons %(name)s accompanies.")
                % {"references": ", ".join(missing), "name": from_user.display_name},
                field="persons",
            )
    moving = list(theirs.order_by("reference"))
    # Handing everything over also takes the tasks naming them for persons someone else
    # accompanies already (a referral accepted by one caseworker, followed by another).
    person_ids = (
        [p.pk for p in moving]
        if persons is not None
        else list(persons_held(organisation.pk, now=now).values_list("pk", flat=True))
    )
    for person in moving:
        _hand_over(
            actor,
            organisation=organisation,
            person=person,
            previous_id=from_user.pk,
            user=successor,
            reason=why,
            note=text,
            now=now,
        )
    moved = Moved(
        persons=len(moving),
        referrals=_move_referrals(actor, organisation, from_user, successor, person_ids),
        involvements=_move_involvements(actor, organisation, from_user, successor, person_ids),
        reviews=_move_reviews(
            actor, organisation, from_user, successor, None if persons is None else person_ids
        ),
    )
    if moved.total == 0:
        raise Conflict(
            _("%(name)s has no persons or open tasks to hand over.")
            % {"name": from_user.display_name}
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="caseload_reassign",
        record_type="caseload.caseload",
        record_id=str(organisation.pk),
        purpose=Purpose.CARE,
        changes={
            "from": from_user.pk,
            "to": successor.pk,
            "reason": why,
            "note": "set" if text else "",
            "scope": "all" if persons is None else "chosen",
            "persons": moved.persons,
            "referrals": moved.referrals,
            "involvements": moved.involvements,
            "reviews": moved.reviews,
        },
    )
    return moved


@transaction.atomic
def key_worker_assign(
    *,
    actor: Actor,
    person_reference: str,
    to_user: User | None,
    reason: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> KeyWorkerAssignment:
    """The director names a person's key worker (a person nobody accompanies, or one moved
    alone). The previous key worker's accepted referral and restricted involvement of that
    person move with them."""
    organisation = caseload_organisation(actor)
    now = now or timezone.now()
    why = _reason(reason)
    text = bounded_text(note, field="note", limit=NOTE_MAX)
    person = (
        persons_held(organisation.pk, now=now)
        .filter(reference=person_reference.strip().upper())
        .first()
    )
    if person is None:
        raise DomainError(
            _("Your organisation accompanies no person with this reference."), field="person"
        )
    successor = _successor(organisation, to_user, timezone.localdate(now))
    previous_id: int | None = person.key_worker_id  # type: ignore[attr-defined]
    if previous_id == successor.pk:
        raise Conflict(
            _("%(name)s already accompanies %(person)s.")
            % {"name": successor.display_name, "person": person.reference}
        )
    row = _hand_over(
        actor,
        organisation=organisation,
        person=person,
        previous_id=previous_id,
        user=successor,
        reason=why,
        note=text,
        now=now,
    )
    if previous_id is not None:
        previous = User.objects.get(pk=previous_id)
        _move_referrals(actor, organisation, previous, successor, [person.pk])
        _move_involvements(actor, organisation, previous, successor, [person.pk])
    return row


@transaction.atomic
def absence_record(
    *, actor: Actor, user: User | None, starts_on: dt.date, ends_on: dt.date
) -> Absence:
    """The director records that a member is away (both days included). From its first day
    they take no persons over and their persons count as accompanied by nobody active."""
    organisation = caseload_organisation(actor)
    if user is None or not key_worker_memberships(organisation.pk).filter(user=user).exists():
        raise DomainError(_("Choose a caseworker or director of your organisation."), field="user")
    if ends_on < starts_on:
        raise DomainError(_("The absence ends before it starts."), field="ends_on")
    if ends_on < timezone.localdate():
        raise DomainError(_("This absence is over already."), field="ends_on")
    if (ends_on - starts_on).days >= ABSENCE_MAX_DAYS:
        raise DomainError(
            _(
                "An absence of more than a year is a departure: ask an administrator to end "
                "the membership."
            ),
            field="ends_on",
        )
    absence = Absence.objects.create(
        organisation=organisation,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_by=actor.user,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="absence_record",
        record=absence,
        purpose=Purpose.ADMINISTRATION,
        changes={"user": user.pk, "starts_on": starts_on, "ends_on": ends_on},
    )
    return absence


@transaction.atomic
def absence_cancel(*, actor: Actor, absence_id: int) -> Absence:
    organisation = caseload_organisation(actor)
    absence = (
        Absence.objects.select_for_update().filter(pk=absence_id, organisation=organisation).first()
    )
    if absence is None:
        raise NotFound(_("No such absence."))
    if absence.cancelled_at is not None:
        raise Conflict(_("This absence was cancelled meanwhile."))
    absence.cancelled_at = timezone.now()
    absence.save(update_fields=["cancelled_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.END,
        action="absence_cancel",
        record=absence,
        purpose=Purpose.ADMINISTRATION,
    )
    return absence
