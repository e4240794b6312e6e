"""A second look at negative decisions (issue 18 §6): one small review record and workflow.

Two kinds of decision are reviewed here: a centre's declined referral and a prosecutor's
negative opinion on victim status (`PROSECUTOR_OPINION` with `positive: false` in the
person's pathway). Denmark's negative identification decisions already have their own
reconsideration (`nrm.identification`: request with grounds, a new decision replacing the
old); it is reused as it is, with the same rule added there: the reconsidering person is
never the first decider.

Why here and not in a new app: both subjects sit in the referrals/protection layer (they may
import each other), a declined referral is this app's own record, and the record is small;
a `nrm/review` app would need its own settings entry and layer for one model. The rule that
matters is enforced twice: when the review is asked for (the named reviewers exclude the first
decider) and when it is decided (the decider is a named reviewer and not the first decider).

Reviewers are members of the deciding organisation (a prosecutor's colleagues for an
opinion; the centre's caseworkers or director for a declined referral) or, for a referral,
the coordination unit's coordinators: one person, or several (a panel), each able to record
the panel's decision with its reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from nrm.access.audit import audit_record
from nrm.access.context import Actor
from nrm.access.models import AuditEventType
from nrm.access.policy import Ability, decide_person, purpose_for
from nrm.accounts.models import User
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.organisations.models import Membership, OrganisationType, Role
from nrm.protection.models import StatusEvent
from nrm.referrals import workflow
from nrm.referrals.models import Referral, ReferralStatus, Review, ReviewStatus, ReviewSubject

# Product default, not a legal rule: no text sets how fast a second look is given. Two
# weeks leaves a panel time to meet.
REVIEW_DAYS = 14
REASON_MAX = 4000
OPINION_EVENT = "PROSECUTOR_OPINION"
OPINION_REVIEWER_ROLES = frozenset({Role.PROSECUTOR})


def _text(value: str, *, field: str, message: str) -> str:
    value = value.strip()
    if not value:
        raise DomainError(message, field=field)
    if len(value) > REASON_MAX:
        raise DomainError(
            _("Keep this under %(limit)d characters.") % {"limit": REASON_MAX}, field=field
        )
    return value


def _eligible(review_organisation_id: int, subject: str) -> QuerySet[Membership]:
    """Who may sit on the review: active members of the deciding organisation in a deciding
    role, and for a referral the coordination unit's coordinators too."""
    roles = workflow.DECIDING_ROLES if subject == ReviewSubject.DECLINED_REFERRAL else None
    members = Q(organisation_id=review_organisation_id)
    if roles is not None:
        members &= Q(role__in=roles)
    else:
        members &= Q(role__in=OPINION_REVIEWER_ROLES)
    if subject == ReviewSubject.DECLINED_REFERRAL:
        members |= Q(organisation__type=OrganisationType.COORDINATION_UNIT, role=Role.COORDINATOR)
    return Membership.objects.filter(members, ended_at__isnull=True, user__is_active=True)


def _check_reviewers(
    reviewers: Sequence[User], *, first_decider_id: int, organisation_id: int, subject: str
) -> list[User]:
    if not reviewers:
        raise DomainError(_("Name the reviewer, or the members of the panel."), field="reviewers")
    if any(user.pk == first_decider_id for user in reviewers):
        raise DomainError(
            _("The person who took the decision cannot review it: name someone else."),
            field="reviewers",
        )
    allowed = set(
        _eligible(organisation_id, subject)
        .filter(user__in=[u.pk for u in reviewers])
        .values_list("user_id", flat=True)
    )
    if any(user.pk not in allowed for user in reviewers):
        raise DomainError(
            _("A reviewer must be an active member of the deciding organisation."),
            field="reviewers",
        )
    return list({user.pk: user for user in reviewers}.values())


def _save(review: Review, reviewers: list[User], actor: Actor) -> Review:
    try:
        with transaction.atomic():
            review.save(force_insert=True)
    except IntegrityError as exc:
        raise Conflict(_("A review of this decision is already under way.")) from exc
    review.reviewers.set(reviewers)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CREATE,
        action="review_request",
        record=review,
        purpose=purpose_for(actor),
        changes={
            "subject": review.subject,
            "referral": review.referral.reference if review.referral else None,
            "opinion": review.opinion_id,
            "person": review.person.reference,
            "reviewers": sorted(u.pk for u in reviewers),
            # A marker, never the text: the grounds may name people (audit rows hold none).
            "grounds": "set",
            "respond_by": review.respond_by.isoformat(),
        },
    )
    return review


@transaction.atomic
def review_request_referral(
    *,
    actor: Actor,
    referral: Referral,
    reviewers: Sequence[User],
    grounds: str,
    now: dt.datetime | None = None,
) -> Review:
    """The referrer asks for a second look at a declined referral."""
    now = now or timezone.now()
    locked = (
        Referral.objects.select_for_update().select_related("person").filter(pk=referral.pk).first()
    )
    if locked is None or not workflow.may_see(actor, locked):
        raise NotFound(_("No such referral."))
    if actor.organisation_id != locked.referring_organisation_id:
        raise PermissionDenied(_("Only the organisation that made the referral asks for a review."))
    if locked.status != ReferralStatus.DECLINED or locked.decided_by_id is None:
        raise Conflict(_("Only a declined referral can be reviewed."))
    why = _text(grounds, field="grounds", message=_("Say why the decision should be reviewed."))
    chosen = _check_reviewers(
        reviewers,
        first_decider_id=locked.decided_by_id,
        organisation_id=locked.referred_organisation_id,
        subject=ReviewSubject.DECLINED_REFERRAL,
    )
    assert actor.organisation is not None
    review = Review(
        subject=ReviewSubject.DECLINED_REFERRAL,
        referral=locked,
        person=locked.person,
        first_decider_id=locked.decided_by_id,
        deciding_organisation_id=locked.referred_organisation_id,
        requested_by=actor.user,
        requesting_organisation=actor.organisation,
        requested_at=now,
        grounds=why,
        respond_by=timezone.localdate(now) + dt.timedelta(days=REVIEW_DAYS),
    )
    return _save(review, chosen, actor)


@transaction.atomic
def review_request_opinion(
    *,
    actor: Actor,
    opinion: StatusEvent,
    reviewers: Sequence[User],
    grounds: str,
    now: dt.datetime | None = None,
) -> Review:
    """A party to the person (the centre, the person's lawyer through it) asks for a second
    look at the prosecutor's negative opinion on victim status."""
    now = now or timezone.now()
    event = StatusEvent.objects.select_related("record__person").filter(pk=opinion.pk).first()
    if (
        event is None
        or not decide_person(actor, event.record.person_id, Ability.PERSON_VIEW).allowed
    ):
        raise NotFound(_("No such decision."))
    if event.type != OPINION_EVENT or event.details.get("positive") is not False:
        raise Conflict(_("Only a negative opinion on victim status can be reviewed."))
    if actor.organisation is None:
        raise PermissionDenied(_("Your role does not ask for reviews."))
    why = _text(grounds, field="grounds", message=_("Say why the decision should be reviewed."))
    chosen = _check_reviewers(
        reviewers,
        first_decider_id=event.recorded_by_id,
        organisation_id=event.organisation_id,
        subject=ReviewSubject.PROSECUTOR_OPINION,
    )
    review = Review(
        subject=ReviewSubject.PROSECUTOR_OPINION,
        opinion=event,
        person=event.record.person,
        first_decider_id=event.recorded_by_id,
        deciding_organisation_id=event.organisation_id,
        requested_by=actor.user,
        requesting_organisation=actor.organisation,
        requested_at=now,
        grounds=why,
        respond_by=timezone.localdate(now) + dt.timedelta(days=REVIEW_DAYS),
    )
    return _save(review, chosen, actor)


@transaction.atomic
def review_decide(
    *,
    actor: Actor,
    review: Review,
    overturn: bool,
    reasons: str,
    now: dt.datetime | None = None,
) -> Review:
    """A named reviewer records the review's decision with its reasons (for a panel, the
    panel's). The first decider never does, even if named by mistake since."""
    now = now or timezone.now()
    locked = (
        Review.objects.select_for_update().select_related("person").filter(pk=review.pk).first()
    )
    if locked is None:
        raise NotFound(_("No such review."))
    if not locked.reviewers.filter(pk=actor.user.pk).exists():
        # Who sees the review (the organisation that asked, the reviewers' colleagues) is
        # told why (403); anyone else is not told it exists (404).
        if Review.objects.filter(_visible(actor), pk=locked.pk).exists():
            raise PermissionDenied(_("Only the reviewers decide a review."))
        raise NotFound(_("No such review."))
    if actor.user.pk == locked.first_decider_id:
        raise PermissionDenied(_("The person who took the decision cannot review it."))
    if locked.status != ReviewStatus.REQUESTED:
        raise Conflict(_("This review has already been decided."))
    why = _text(reasons, field="reasons", message=_("Give the reasons for the review's decision."))
    locked.status = ReviewStatus.OVERTURNED if overturn else ReviewStatus.UPHELD
    locked.decided_at = now
    locked.decided_by = actor.user
    locked.decision_reason = why
    locked.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.UPDATE,
        action="review_decide",
        record=locked,
        purpose=purpose_for(actor),
        changes={"person": locked.person.reference, "status": locked.status, "reasons": "set"},
    )
    return locked


def _subjects_reviewed_by(role: str) -> list[str]:
    """The kinds of decision a role may sit in review of (see `_eligible`)."""
    subjects: list[str] = []
    if role in workflow.DECIDING_ROLES or role == Role.COORDINATOR:
        subjects.append(ReviewSubject.DECLINED_REFERRAL)
    if role in OPINION_REVIEWER_ROLES:
        subjects.append(ReviewSubject.PROSECUTOR_OPINION)
    return subjects


def _sitting(users: QuerySet[Any, Any] | list[int]) -> Q:
    """Reviews on which one of `users` (ids) sits; a subquery, so no row is repeated."""
    return Q(pk__in=Review.objects.filter(reviewers__in=users).values("pk"))


def _visible(actor: Actor) -> Q:
    """Who sees a review: its reviewers, the organisation that asked for it, and the
    reviewers' colleagues who could sit on such a review themselves ("assigned to my
    organisation": a panel's colleagues follow its work; a receptionist does not)."""
    seen = _sitting([actor.user.pk])
    if actor.organisation_id is None:
        return seen
    seen |= Q(requesting_organisation_id=actor.organisation_id)
    subjects = _subjects_reviewed_by(actor.role)
    if subjects:
        colleagues = Membership.objects.filter(
            organisation_id=actor.organisation_id, ended_at__isnull=True
        ).values("user_id")
        seen |= Q(subject__in=subjects) & _sitting(colleagues)
    return seen


class Scope(StrEnum):
    """Which reviews a list shows: those the user sits on, or their organisation's."""

    MINE = "mine"
    ORGANISATION = "organisation"


def reviews_visible_to(actor: Actor, *, scope: Scope, open_only: bool = False) -> QuerySet[Review]:
    """The reviews a list shows, the soonest due first. `mine`: the
    ones the actor sits on (never one of their own decisions); `organisation`: every one
    the actor sees (`_visible`)."""
    if not actor.user.is_active:
        return Review.objects.none()
    if scope == Scope.MINE:
        reviews = Review.objects.filter(_sitting([actor.user.pk])).exclude(first_decider=actor.user)
    else:
        reviews = Review.objects.filter(_visible(actor))
    if open_only:
        reviews = reviews.filter(status=ReviewStatus.REQUESTED)
    return reviews.select_related(
        "person", "referral", "opinion", "requesting_organisation", "deciding_organisation"
    ).order_by("respond_by", "pk")


def reviews_list_audited(actor: Actor, reviews: Sequence[Review], *, action: str) -> None:
    """A list shows persons' references and the subjects of their reviews: one read row."""
    if reviews:
        audit_record(
            actor=actor,
            event_type=AuditEventType.READ,
            action=action,
            record_type=Review._meta.label_lower,
            record_id="*",
            purpose=purpose_for(actor),
            changes={"reviews": [r.pk for r in reviews]},
        )


def reviews_open_for(actor: Actor) -> QuerySet[Review]:
    """The open reviews the actor sits on, the soonest due first (inbox)."""
    return reviews_visible_to(actor, scope=Scope.MINE, open_only=True)


def is_overdue(review: Review, *, today: dt.date) -> bool:
    """Past its answer-by date and still undecided (the reminder's and the badge's rule)."""
    return review.status == ReviewStatus.REQUESTED and review.respond_by < today


def overturned_for_centre(referral: Referral) -> bool:
    """A declined referral whose review overturned the decline may go back to that centre."""
    return referral.reviews.filter(status=ReviewStatus.OVERTURNED).exists()


def review_get_for_actor(actor: Actor, review_id: int) -> Review:
    """One review, for those who see it (`_visible`); 404 otherwise; the read audited (the
    page shows the grounds and reasons, which may name people)."""
    review = (
        Review.objects.select_related(
            "person",
            "referral",
            "opinion__organisation",
            "requesting_organisation",
            "deciding_organisation",
            "decided_by",
        )
        .filter(_visible(actor), pk=review_id)
        .first()
        if actor.user.is_active
        else None
    )
    if review is None:
        raise NotFound(_("No such review."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="review_view",
        record=review,
        purpose=purpose_for(actor),
        changes={"person": review.person.reference},
    )
    return review


def may_decide(actor: Actor, review: Review) -> bool:
    """A named reviewer who did not take the decision, while the review is open."""
    return (
        review.status == ReviewStatus.REQUESTED
        and actor.user.pk != review.first_decider_id
        and review.reviewers.filter(pk=actor.user.pk).exists()
    )


def eligible_reviewers(referral: Referral) -> QuerySet[User]:
    """Whom the referrer may name for a declined referral: never its first decider."""
    ids = _eligible(referral.referred_organisation_id, ReviewSubject.DECLINED_REFERRAL).values(
        "user_id"
    )
    users = User.objects.filter(pk__in=ids)
    if referral.decided_by_id is not None:
        users = users.exclude(pk=referral.decided_by_id)
    return users.order_by("pk")


# A negative opinion on victim status, as the person's status page shows it -------------------


def opinion_get_for_actor(actor: Actor, reference: str, sequence: int) -> StatusEvent:
    """The status event `sequence` of the person's pathway, for an actor who sees the person
    (404 otherwise, the same answer as for no such event); the read audited."""
    event = (
        StatusEvent.objects.select_related("record__person", "organisation")
        .filter(record__person__reference=reference, sequence=sequence)
        .first()
    )
    if (
        event is None
        or not actor.user.is_active
        or not decide_person(actor, event.record.person_id, Ability.PERSON_VIEW).allowed
    ):
        raise NotFound(_("No such decision."))
    audit_record(
        actor=actor,
        event_type=AuditEventType.READ,
        action="opinion_review_view",
        record=event,
        purpose=purpose_for(actor),
        changes={"person": reference},
    )
    return event


def is_negative_opinion(event: StatusEvent) -> bool:
    return event.type == OPINION_EVENT and event.details.get("positive") is False


def eligible_opinion_reviewers(opinion: StatusEvent) -> QuerySet[User]:
    """Whom a party may name for a negative opinion: the deciding office's other
    prosecutors, never the one who recorded it."""
    ids = _eligible(opinion.organisation_id, ReviewSubject.PROSECUTOR_OPINION).values("user_id")
    return User.objects.filter(pk__in=ids).exclude(pk=opinion.recorded_by_id).order_by("pk")


def reviews_of_opinion(actor: Actor, opinion: StatusEvent) -> QuerySet[Review]:
    """The opinion's reviews the actor sees, the latest first."""
    return (
        Review.objects.filter(_visible(actor), opinion=opinion)
        .select_related("decided_by")
        .order_by("-requested_at", "-pk")
    )
