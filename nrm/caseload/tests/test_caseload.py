"""No orphaned person (issue 18 §7): key workers default from the accepted referral, a
director moves a leaving caseworker's persons and open tasks in one audited action, and the
persons nobody active accompanies are listed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from nrm.access.actions import involvement_open
from nrm.access.models import AuditEvent, Involvement, InvolvementBasis, Purpose
from nrm.access.tests.test_access_matrix import add_member
from nrm.administration.actions import membership_end, user_set_active
from nrm.caseload.actions import (
    absence_cancel,
    absence_record,
    caseload_reassign,
    key_worker_assign,
)
from nrm.caseload.demo import LEFT_PERSONS, UNASSIGNED, build_demo
from nrm.caseload.models import AssignmentReason, KeyWorkerAssignment
from nrm.caseload.queries import caseload_for_actor, key_worker_of, persons_held
from nrm.consent.actions import ConsentAnswer, consent_record
from nrm.consent.models import ConsentPurpose
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.people.models import Person
from nrm.referrals.actions import referral_accept, referral_decline
from nrm.referrals.models import Referral
from nrm.referrals.review import review_request_referral
from nrm.referrals.tests.builders import refer
from nrm.testing import World

LEFT = AssignmentReason.LEFT


def consented(world: World, person: Person) -> None:
    consent_record(
        actor=world.actor("inspector"),
        person=person,
        answer=ConsentAnswer(
            purpose=ConsentPurpose.REFERRAL, given=True, on=timezone.localdate(), language="ro"
        ),
    )


@pytest.fixture
def centre(world: World) -> World:
    """PAG-ASA with a second caseworker; caseworker_a accepted two persons' referrals."""
    add_member(world, "caseworker_a2", "PAG-ASA", "CASEWORKER")
    return world


def accepted(world: World, persona: str = "caseworker_a", **person: object) -> Person:
    """A person the inspector met and referred with their consent, accepted by `persona`."""
    met = world.person("inspector", **person)
    consented(world, met)
    referral = refer(world, person=met)
    referral_accept(actor=world.actor(persona), referral=referral, expected_version=1)
    return referral.person


def test_the_key_worker_is_the_caseworker_who_accepted_the_referral(centre: World) -> None:
    person = accepted(centre)
    found = key_worker_of(centre.actor("director_a"), person)
    assert found is not None
    assert found.user == centre.users["caseworker_a"]
    assert found.reason == AssignmentReason.ACCEPTED_REFERRAL
    assert found.active
    # Another centre does not hold the person: no key worker to show there.
    assert key_worker_of(centre.actor("caseworker_b"), person) is None


def test_a_director_moves_all_persons_and_referrals_of_a_leaving_caseworker(
    centre: World,
) -> None:
    first, second = accepted(centre), accepted(centre, given_names="Ion")
    moved = caseload_reassign(
        actor=centre.actor("director_a"),
        from_user=centre.users["caseworker_a"],
        to_user=centre.users["caseworker_a2"],
        reason=LEFT,
        note="Left for another job on 1 March; Ion prefers a man.",
    )
    assert (moved.persons, moved.referrals, moved.reviews) == (2, 2, 0)
    for person in (first, second):
        found = key_worker_of(centre.actor("director_a"), person)
        assert found is not None
        assert found.user == centre.users["caseworker_a2"]
        assert found.reason == LEFT
        # The history keeps the referral's caseworker, closed, and the new row, open.
        rows = KeyWorkerAssignment.objects.filter(person=person).order_by("since", "pk")
        assert [(r.user_id, r.until is None, r.reason) for r in rows] == [
            (centre.users["caseworker_a"].pk, False, AssignmentReason.ACCEPTED_REFERRAL),
            (centre.users["caseworker_a2"].pk, True, LEFT),
        ]
        referral = Referral.objects.get(person=person)
        assert referral.referred_caseworker == centre.users["caseworker_a2"]
    summary = AuditEvent.objects.get(action="caseload_reassign")
    assert summary.changes is not None
    assert summary.changes["persons"] == 2
    assert summary.changes["note"] == "set"
    # One row per moved object; the note (it names people) in none of them.
    assert AuditEvent.objects.filter(action="key_worker_assign").count() == 2
    assert AuditEvent.objects.filter(action="referral_caseworker_reassign").count() == 2
    trail = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert "Ion prefers" not in trail


def test_only_the_chosen_persons_move(centre: World) -> None:
    first, second = accepted(centre), accepted(centre, given_names="Ion")
    moved = caseload_reassign(
        actor=centre.actor("director_a"),
        from_user=centre.users["caseworker_a"],
        to_user=centre.users["caseworker_a2"],
        persons=[second.reference.lower()],
        reason=AssignmentReason.WORKLOAD,
    )
    assert moved.persons == 1
    kept = key_worker_of(centre.actor("director_a"), first)
    assert kept is not None
    assert kept.user == centre.users["caseworker_a"]
    assert Referral.objects.get(person=first).referred_caseworker == centre.users["caseworker_a"]


def test_a_person_not_theirs_is_refused_and_nothing_moves(centre: World) -> None:
    mine = accepted(centre)
    elsewhere = centre.person("caseworker_b")
    with pytest.raises(DomainError) as refused:
        caseload_reassign(
            actor=centre.actor("director_a"),
            from_user=centre.users["caseworker_a"],
            to_user=centre.users["caseworker_a2"],
            persons=[mine.reference, elsewhere.reference],
            reason=LEFT,
        )
    assert refused.value.field == "persons"
    assert elsewhere.reference in refused.value.message
    assert not KeyWorkerAssignment.objects.exists()
    assert not AuditEvent.objects.filter(action="caseload_reassign").exists()


def test_only_the_director_of_the_organisation_reassigns(centre: World) -> None:
    accepted(centre)
    for persona in ("caseworker_a", "caseworker_b", "teamlead", "admin"):
        with pytest.raises(PermissionDenied):
            caseload_reassign(
                actor=centre.actor(persona),
                from_user=centre.users["caseworker_a"],
                to_user=centre.users["caseworker_a2"],
                reason=LEFT,
            )


def test_the_successor_must_be_an_active_colleague_who_is_not_away(centre: World) -> None:
    accepted(centre)
    director = centre.actor("director_a")
    for outsider in ("caseworker_b", "inspector", "caseworker_a"):
        with pytest.raises(DomainError) as refused:
            caseload_reassign(
                actor=director,
                from_user=centre.users["caseworker_a"],
                to_user=centre.users[outsider],
                reason=LEFT,
            )
        assert refused.value.field == "to_user"
    today = timezone.localdate()
    absence_record(
        actor=director, user=centre.users["caseworker_a2"], starts_on=today, ends_on=today
    )
    with pytest.raises(DomainError) as away:
        caseload_reassign(
            actor=director,
            from_user=centre.users["caseworker_a"],
            to_user=centre.users["caseworker_a2"],
            reason=LEFT,
        )
    assert away.value.field == "to_user"
    user_set_active(actor=centre.actor("admin"), user=centre.users["director_a"], active=False)
    centre.users["director_a"].refresh_from_db()
    with pytest.raises(PermissionDenied):
        caseload_reassign(
            actor=centre.actor("director_a"),
            from_user=centre.users["caseworker_a"],
            to_user=centre.users["caseworker_a2"],
            reason=LEFT,
        )


def test_bad_reason_and_nothing_to_move(centre: World) -> None:
    director = centre.actor("director_a")
    with pytest.raises(DomainError) as reason:
        caseload_reassign(
            actor=director,
            from_user=centre.users["caseworker_a"],
            to_user=centre.users["caseworker_a2"],
            reason=AssignmentReason.ACCEPTED_REFERRAL,
        )
    assert reason.value.field == "reason"
    with pytest.raises(Conflict):
        caseload_reassign(
            actor=director,
            from_user=centre.users["caseworker_a"],
            to_user=centre.users["caseworker_a2"],
            reason=LEFT,
        )


def _review_on(world: World, reviewers: list[str]) -> Referral:
    met = world.person("inspector")
    consented(world, met)
    declined = referral_decline(
        actor=world.actor("director_a"),
        referral=refer(world, person=met),
        expected_version=1,
        reason="No bed free this week.",
    )
    review_request_referral(
        actor=world.actor("inspector"),
        referral=declined,
        reviewers=[world.users[name] for name in reviewers],
        grounds="The person has nowhere to sleep tonight.",
    )
    return declined


def test_open_reviews_move_but_never_to_the_first_decider(centre: World) -> None:
    add_member(centre, "caseworker_a3", "PAG-ASA", "CASEWORKER")
    declined = _review_on(centre, ["caseworker_a"])
    review = declined.reviews.get()
    director = centre.actor("director_a")
    # The director declined the referral: the review cannot be handed to them.
    with pytest.raises(DomainError) as refused:
        caseload_reassign(
            actor=director,
            from_user=centre.users["caseworker_a"],
            to_user=centre.users["director_a"],
            reason=LEFT,
        )
    assert refused.value.field == "to_user"
    assert list(review.reviewers.all()) == [centre.users["caseworker_a"]]
    moved = caseload_reassign(
        actor=director,
        from_user=centre.users["caseworker_a"],
        to_user=centre.users["caseworker_a3"],
        reason=LEFT,
    )
    assert moved.reviews == 1
    assert list(review.reviewers.all()) == [centre.users["caseworker_a3"]]
    assert AuditEvent.objects.filter(
        action="review_reviewer_reassign", record_id=str(review.pk)
    ).exists()


def test_restricted_involvements_follow_the_person(centre: World) -> None:
    person = accepted(centre)
    # An involvement the centre restricted to its caseworker: once she left, only the
    # director would still see the person.
    involvement_open(
        actor=centre.actor("director_a"),
        person=person,
        organisation=centre.organisations["PAG-ASA"],
        purpose=Purpose.CARE,
        basis=InvolvementBasis.REFERRAL_ACCEPTED,
        assigned=[centre.users["caseworker_a"]],
    )
    moved = caseload_reassign(
        actor=centre.actor("director_a"),
        from_user=centre.users["caseworker_a"],
        to_user=centre.users["caseworker_a2"],
        reason=LEFT,
    )
    assert moved.involvements == 1
    involvement = Involvement.objects.get(
        person=person, organisation__short_name="PAG-ASA", until__isnull=True
    )
    assert list(involvement.assigned_users.all()) == [centre.users["caseworker_a2"]]


def test_the_caseload_lists_staff_and_persons_nobody_active_accompanies(centre: World) -> None:
    first, second = accepted(centre), accepted(centre, persona="caseworker_a2")
    # A person the centre holds without an accepted referral: nobody accompanies them.
    walk_in = centre.person("caseworker_a")
    director = centre.actor("director_a")
    overview = caseload_for_actor(director)
    assert {row.person for row in overview.unaccompanied} == {walk_in}
    assert overview.held_total == 3
    counts = {row.user.username: (row.persons, row.tasks, row.state) for row in overview.staff}
    assert counts["caseworker_a"] == (1, 1, "")
    assert counts["caseworker_a2"] == (1, 1, "")
    assert AuditEvent.objects.filter(action="caseload_view").exists()
    # caseworker_a leaves: her person has nobody active; she is flagged.
    membership = centre.actor("caseworker_a").membership
    assert membership is not None
    membership_end(actor=centre.actor("admin"), membership=membership)
    overview = caseload_for_actor(director)
    assert {row.person for row in overview.unaccompanied} == {walk_in, first}
    assert {r.user.username: r.state for r in overview.staff}["caseworker_a"] == "left"
    # caseworker_a2 is away today: her person too.
    today = timezone.localdate()
    absence = absence_record(
        actor=director,
        user=centre.users["caseworker_a2"],
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=5),
    )
    overview = caseload_for_actor(director)
    assert {row.person for row in overview.unaccompanied} == {walk_in, first, second}
    away = {r.user.username: r for r in overview.staff}["caseworker_a2"]
    assert (away.state, away.away_until) == ("away", today + dt.timedelta(days=5))
    absence_cancel(actor=director, absence_id=absence.pk)
    assert second not in {row.person for row in caseload_for_actor(director).unaccompanied}
    with pytest.raises(PermissionDenied):
        caseload_for_actor(centre.actor("caseworker_a"))


def test_a_director_names_a_key_worker_for_a_person_nobody_accompanies(centre: World) -> None:
    walk_in = centre.person("caseworker_a")
    director = centre.actor("director_a")
    row = key_worker_assign(
        actor=director,
        person_reference=walk_in.reference,
        to_user=centre.users["caseworker_a2"],
        reason=AssignmentReason.ASSIGNED,
    )
    assert row.user == centre.users["caseworker_a2"]
    assert row.assigned_by == centre.users["director_a"]
    assert not caseload_for_actor(director).unaccompanied
    with pytest.raises(Conflict):
        key_worker_assign(
            actor=director,
            person_reference=walk_in.reference,
            to_user=centre.users["caseworker_a2"],
            reason=AssignmentReason.ASSIGNED,
        )
    # A person the centre does not hold: the same answer as one that does not exist.
    with pytest.raises(DomainError) as refused:
        key_worker_assign(
            actor=director,
            person_reference=centre.person("caseworker_b").reference,
            to_user=centre.users["caseworker_a2"],
            reason=AssignmentReason.ASSIGNED,
        )
    assert refused.value.field == "person"


def test_absences_are_checked(centre: World) -> None:
    director = centre.actor("director_a")
    today = timezone.localdate()
    with pytest.raises(DomainError) as reversed_dates:
        absence_record(
            actor=director,
            user=centre.users["caseworker_a2"],
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
        )
    assert reversed_dates.value.field == "ends_on"
    with pytest.raises(DomainError) as outsider:
        absence_record(
            actor=director, user=centre.users["caseworker_b"], starts_on=today, ends_on=today
        )
    assert outsider.value.field == "user"
    with pytest.raises(NotFound):
        absence_cancel(actor=director, absence_id=999_999)


def test_held_persons_carry_their_key_worker_in_one_query(
    centre: World, django_assert_num_queries: object
) -> None:
    for _ in range(3):
        accepted(centre)
    with django_assert_num_queries(1):  # type: ignore[operator]
        rows = list(persons_held(centre.organisations["PAG-ASA"].pk))
    assert {p.key_worker_id for p in rows} == {centre.users["caseworker_a"].pk}  # type: ignore[attr-defined]


def test_the_demo_leaves_a_departed_caseworker_with_persons_to_hand_over(
    centre: World,
) -> None:
    for index in range(LEFT_PERSONS + UNASSIGNED + 2):
        centre.involve(
            centre.person("caseworker_a", given_names=f"Demo{index}"), "caseworker_a", Purpose.CARE
        )
    username = build_demo(
        director=centre.actor("director_a"),
        caseworker=centre.actor("caseworker_a"),
        admin=centre.actor("admin"),
        approver=centre.approver,
        today=timezone.localdate(),
        password="a demo password that is long enough",
    )
    overview = caseload_for_actor(centre.actor("director_a"))
    left = {row.user.username: row for row in overview.staff}[username]
    assert (left.state, left.persons) == ("left", LEFT_PERSONS)
    assert overview.unaccompanied_total == LEFT_PERSONS + UNASSIGNED
    assert len(overview.absences) == 1


def test_handing_everything_over_takes_referrals_of_persons_someone_else_accompanies(
    centre: World,
) -> None:
    person = accepted(centre)
    director = centre.actor("director_a")
    add_member(centre, "caseworker_a3", "PAG-ASA", "CASEWORKER")
    # The director named another key worker but the referral still names caseworker_a ...
    key_worker_assign(
        actor=director,
        person_reference=person.reference,
        to_user=centre.users["caseworker_a3"],
        reason=AssignmentReason.WORKLOAD,
    )
    referral = Referral.objects.get(person=person)
    assert referral.referred_caseworker == centre.users["caseworker_a3"]
    Referral.objects.filter(pk=referral.pk).update(referred_caseworker=centre.users["caseworker_a"])
    # ... so caseworker_a has an open task and no person: handing over takes the task.
    moved = caseload_reassign(
        actor=director,
        from_user=centre.users["caseworker_a"],
        to_user=centre.users["caseworker_a2"],
        reason=LEFT,
    )
    assert (moved.persons, moved.referrals) == (0, 1)
