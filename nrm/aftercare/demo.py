"""The demo of a second look at negative decisions and of after support (issue 18 §4 and §6),
for the demo loader (nrm/demo, the lead's), once the world's referrals, pathways and
aftercare exist:

- two persons whose prosecutor gave a negative opinion on victim status: the centre asked
  for a review of both; a second prosecutor of the office upheld one with reasons, the other
  is past its answer date and still waiting (the worker reminds the reviewer);
- the referrer asked a panel (the centre's director, the coordination unit) to review a
  declined referral; it waits in their inbox;
- a person whose support ended a hundred days ago: the three-month follow-up contact is due
  (the worker reminds the centre), and the police have met them again since (the worker
  raises a re-trafficking flag for the centre);
- the deadline worker's passes run: follow-up contacts and persons met again, unanswered
  referrals escalated to the centre's director (and the coordination unit when they have
  waited long enough), reviews past their answer date.

Everything goes through the real actions and the worker's own functions; the second
prosecutor is an account created, granted and approved like any other when the world has
none. Nothing here needs the demo's persona names: actors are found by role and
organisation type, persons among those given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from nrm.access.actions import involvement_open
from nrm.access.context import Actor, actor_for
from nrm.access.models import Involvement, InvolvementBasis, Purpose
from nrm.access.policy import Ability, decide_person
from nrm.administration.actions import membership_approve, membership_grant, user_create
from nrm.aftercare.actions import exit_plan_record
from nrm.aftercare.worker import AftercareRun, aftercare_process
from nrm.consent.actions import ConsentConfirmation
from nrm.organisations.models import OrganisationType, Role
from nrm.people.models import Person
from nrm.people.queries import is_recorded_suspect
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord, StatusEvent
from nrm.referrals import review, workflow
from nrm.referrals.actions import referral_accept, referral_create
from nrm.referrals.escalation import EscalationRun, escalations_process
from nrm.referrals.models import Referral, ReferralReason, ReferralStatus, Review
from nrm.referrals.review_reminders import ReviewReminderRun, review_reminders_process

SECOND_PROSECUTOR = "prosecutor.second"
_CENTRES = frozenset({OrganisationType.CENTRE_ADULTS})
# (days before today, event type, who records it, positive opinion): the Belgian path to a
# prosecutor's opinion, as the protection demo plays it, ending in a negative opinion.
_TO_NEGATIVE_OPINION = (
    (120, "REFERRED", Role.CASEWORKER, None),
    (120, "REFLECTION_DOCUMENT_ISSUED", Role.IMMIGRATION_OFFICER, None),
    (100, "COMPLAINT_FILED", Role.INVESTIGATOR, None),
    (100, "PROVISIONAL_DOCUMENT_ISSUED", Role.IMMIGRATION_OFFICER, None),
)
# (days ago the opinion was given, days ago the review was asked for, days ago decided)
_OPINIONS: tuple[tuple[int, int, int | None], ...] = ((60, 55, 45), (30, 20, None))
OPINION_GROUNDS = (
    "Her account of the working hours and the confiscated passport was confirmed by the "
    "labour inspection's report; the opinion does not mention it."
)
UPHELD_REASONS = (
    "The report confirms the working conditions but not the recruitment by deception; the "
    "opinion stands. A new opinion can follow the hearing of the employer."
)
REFERRAL_GROUNDS = (
    "The person has nowhere safe to sleep and the decline gave no other centre; the "
    "coordination unit is asked to look at it with the director."
)


@dataclass(frozen=True)
class DemoReviews:
    opinion_reviews: list[Review]
    referral_review: Review | None
    aftercare: AftercareRun
    escalated: EscalationRun
    reminded: ReviewReminderRun


def _one(actors: dict[str, Actor], role: str, types: frozenset[str] | None = None) -> Actor:
    found = next(
        (
            actor
            for _name, actor in sorted(actors.items())
            if actor.role == role
            and actor.organisation is not None
            and (types is None or actor.organisation.type in types)
        ),
        None,
    )
    if found is None:
        raise LookupError(f"the demo needs an actor with the role {role}")
    return found


def _second_prosecutor(
    prosecutor: Actor, actors: dict[str, Actor], admin: Actor, approver: Actor, password: str
) -> Actor:
    """Another prosecutor of the same office: one of the actors, or a new account."""
    for _name, actor in sorted(actors.items()):
        if (
            actor.role == Role.PROSECUTOR
            and actor.organisation_id == prosecutor.organisation_id
            and actor.user.pk != prosecutor.user.pk
        ):
            return actor
    assert prosecutor.organisation is not None
    user, _password = user_create(
        actor=admin,
        username=SECOND_PROSECUTOR,
        first_name="Paula",
        last_name="Verbeke",
        email=f"{SECOND_PROSECUTOR}@demo.invalid",
        password=password,
    )
    membership = membership_grant(
        actor=admin, user=user, organisation=prosecutor.organisation, role=Role.PROSECUTOR
    )
    membership_approve(actor=approver, membership=membership)
    return actor_for(user, membership)


def _free_adults(persons: Sequence[Person], today: dt.date, count: int) -> list[Person]:
    """Adults met before the script starts, with no pathway, no open referral and no
    centre's care yet, and not recorded as suspects."""
    taken = set(PathwayRecord.objects.values_list("person_id", flat=True))
    busy = set(
        Referral.objects.filter(
            status__in=[ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED]
        ).values_list("person_id", flat=True)
    ) | set(
        Involvement.objects.filter(purpose=Purpose.CARE, until__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    since = today - dt.timedelta(days=_TO_NEGATIVE_OPINION[0][0] + 1)
    free = [
        p
        for p in persons
        if p.pk not in taken
        and p.pk not in busy
        and p.is_minor_at_first_contact is False
        and p.first_contact_on <= since
        and not is_recorded_suspect(p.pk)
    ]
    return free[:count]


def _involve(actor: Actor, person: Person, purpose: str, basis: str) -> None:
    assert actor.organisation is not None
    involvement_open(
        actor=actor, person=person, organisation=actor.organisation, purpose=purpose, basis=basis
    )


def _referred(actors: dict[str, Actor], centre: Actor, person: Person, when: dt.datetime) -> None:
    """The person comes to the centre as every cared-for person does: referred, with their
    consent, by a frontline organisation that sees them, and accepted by the centre."""
    referrer = next(
        actor
        for _name, actor in sorted(actors.items())
        if workflow.may_refer(actor)
        and actor.organisation_id != centre.organisation_id
        and actor.organisation is not None
        and actor.organisation.type not in _CENTRES
        and decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed
    )
    referral = referral_create(
        actor=referrer,
        person=person,
        reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
        centre=centre.organisation,
        referred_on=when.date(),
        now=when,
        consent=ConsentConfirmation(language=(person.languages or ["en"])[0], interpreter=True),
    )
    referral_accept(actor=centre, referral=referral, expected_version=referral.version, now=when)


def _negative_opinion(
    actors: dict[str, Actor],
    by_role: dict[str, Actor],
    person: Person,
    today: dt.date,
    opinion_days: int,
) -> StatusEvent:
    for role in (Role.INVESTIGATOR, Role.PROSECUTOR):
        _involve(by_role[role], person, Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    _referred(actors, by_role[Role.CASEWORKER], person, _at(today, 121))
    # Accepting the referral recorded the pathway's REFERRED step (referrals/actions.py).
    record = PathwayRecord.objects.filter(person=person).first()
    version = record.version if record is not None else 0
    recorded = set(StatusEvent.objects.filter(record__person=person).values_list("type", flat=True))
    for days, event_type, role, positive in _TO_NEGATIVE_OPINION:
        if event_type in recorded:
            continue
        pathway_event_record(
            actor=by_role[role],
            person=person,
            event_type=event_type,
            on=today - dt.timedelta(days=days),
            expected_version=version,
            positive=positive,
        )
        version += 1
    return pathway_event_record(
        actor=by_role[Role.PROSECUTOR],
        person=person,
        event_type=review.OPINION_EVENT,
        on=today - dt.timedelta(days=opinion_days),
        expected_version=version,
        positive=False,
    )


def _at(today: dt.date, days: int) -> dt.datetime:
    day = today - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())


def _referral_review(actors: dict[str, Actor]) -> Review | None:
    """The referrer asks a panel to review a declined referral of the world."""
    for referral in Referral.objects.filter(
        status=ReferralStatus.DECLINED, decided_by__isnull=False, reviews__isnull=True
    ).order_by("pk"):
        referrer = next(
            (
                a
                for _name, a in sorted(actors.items())
                if a.organisation_id == referral.referring_organisation_id
            ),
            None,
        )
        eligible = list(review.eligible_reviewers(referral))
        panel = [
            u
            for u in eligible
            if u.memberships.filter(
                role__in=[Role.CENTRE_DIRECTOR, Role.COORDINATOR], ended_at__isnull=True
            ).exists()
        ] or eligible[:1]
        if referrer is None or not panel:
            continue
        return review.review_request_referral(
            actor=referrer, referral=referral, reviewers=panel, grounds=REFERRAL_GROUNDS
        )
    return None


def build_demo(
    *,
    actors: dict[str, Actor],
    persons: Sequence[Person],
    admin: Actor,
    approver: Actor,
    today: dt.date,
    password: str,
) -> DemoReviews:
    """Build the reviews and after-support demo described above; run the worker's passes."""
    by_role: dict[str, Actor] = {
        Role.CASEWORKER: _one(actors, Role.CASEWORKER, _CENTRES),
        Role.IMMIGRATION_OFFICER: _one(actors, Role.IMMIGRATION_OFFICER),
        Role.INVESTIGATOR: _one(actors, Role.INVESTIGATOR),
        Role.PROSECUTOR: _one(actors, Role.PROSECUTOR),
    }
    centre = by_role[Role.CASEWORKER]
    second = _second_prosecutor(by_role[Role.PROSECUTOR], actors, admin, approver, password)
    free = _free_adults(persons, today, len(_OPINIONS) + 1)
    opinion_reviews = []
    for person, (given, asked, decided) in zip(free, _OPINIONS, strict=False):
        opinion = _negative_opinion(actors, by_role, person, today, given)
        made = review.review_request_opinion(
            actor=centre,
            opinion=opinion,
            reviewers=[second.user],
            grounds=OPINION_GROUNDS,
            now=_at(today, asked),
        )
        if decided is not None:
            made = review.review_decide(
                actor=second,
                review=made,
                overturn=False,
                reasons=UPHELD_REASONS,
                now=_at(today, decided),
            )
        opinion_reviews.append(made)
    referral_review = _referral_review(actors)

    # After support: a plan whose three-month contact is due; the first pass reminds the
    # centre and sets where the scan for persons met again starts.
    plan = None
    if len(free) > len(_OPINIONS):
        person = free[len(_OPINIONS)]
        _referred(actors, centre, person, _at(today, 200))
        plan = exit_plan_record(
            actor=centre,
            person=person,
            pathway="INDEPENDENT_LIVING",
            support_ended_on=today - dt.timedelta(days=100),
            summary="Own studio through the housing partner; evening language course.",
        )
    first = aftercare_process(now=timezone.now())
    if plan is not None:
        # An organisation that had no reason to see the person meets them again (a new case
        # file): the next pass raises the flag. One that already holds them would only
        # reuse its open involvement.
        holding = set(
            Involvement.objects.filter(person=plan.person, until__isnull=True).values_list(
                "organisation_id", flat=True
            )
        )
        meeting = next(
            (
                by_role[role]
                for role in (Role.INVESTIGATOR, Role.PROSECUTOR)
                if by_role[role].organisation_id not in holding
            ),
            None,
        )
        if meeting is not None:
            _involve(meeting, plan.person, Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    second_pass = aftercare_process(now=timezone.now() + dt.timedelta(seconds=1))
    return DemoReviews(
        opinion_reviews=opinion_reviews,
        referral_review=referral_review,
        aftercare=AftercareRun(
            first.contacts_due + second_pass.contacts_due, first.flags + second_pass.flags
        ),
        escalated=escalations_process(now=timezone.now()),
        reminded=review_reminders_process(now=timezone.now()),
    )
