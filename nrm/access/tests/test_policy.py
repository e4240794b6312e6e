"""The access core on its own: roles, purposes, involvements, assignment and ended access."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from nrm.access.actions import involvement_end, involvement_open
from nrm.access.context import actor_for
from nrm.access.models import AuditEvent, AuditEventType, Involvement, InvolvementBasis, Purpose
from nrm.access.policy import (
    HEAD_ROLES,
    ROLE_ABILITIES,
    ROLE_PURPOSES,
    Ability,
    decide,
    decide_person,
    purpose_for,
    visible_person_ids,
)
from nrm.administration.actions import membership_end, membership_grant, user_create
from nrm.organisations.models import Role
from nrm.people.models import Person
from nrm.testing import PERSONAS, World


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    # Labels and reasons are compared in English, whatever language an earlier test left on.
    with translation.override("en"):
        yield


PERSON_ABILITIES = {
    Ability.PERSON_CREATE,
    Ability.PERSON_VIEW,
    Ability.PERSON_EDIT,
    Ability.PERSON_HISTORY,
}


def test_every_role_has_a_row_in_both_tables() -> None:
    assert set(ROLE_ABILITIES) == set(Role.values)
    assert set(ROLE_PURPOSES) == set(Role.values)


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.ANALYST, Role.COORDINATOR])
def test_roles_without_case_work_have_no_person_ability(role: str) -> None:
    assert not ROLE_ABILITIES[role] & PERSON_ABILITIES


def test_the_analyst_works_for_statistics_only() -> None:
    assert ROLE_PURPOSES[Role.ANALYST] == {Purpose.STATISTICS}


def test_only_heads_of_an_organisation_ignore_assignment() -> None:
    assert {Role.TEAM_LEAD, Role.CENTRE_DIRECTOR} == HEAD_ROLES


@pytest.mark.parametrize(
    ("persona", "purpose"),
    [
        ("inspector", Purpose.INVESTIGATION),
        ("caseworker_a", Purpose.CARE),
        ("immigration", Purpose.RESIDENCE_DECISION),
        ("analyst", Purpose.STATISTICS),
        ("admin", Purpose.ADMINISTRATION),
        ("coordinator", Purpose.ADMINISTRATION),
    ],
)
def test_each_persona_works_for_its_roles_purpose(world: World, persona: str, purpose: str) -> None:
    assert purpose_for(world.actor(persona)) == purpose


def test_it_allows_a_role_ability_and_says_why_it_refuses_another(world: World) -> None:
    allowed = decide(world.actor("judge"), Ability.PERSON_VIEW)
    refused = decide(world.actor("judge"), Ability.PERSON_EDIT)

    assert allowed.allowed
    assert allowed.purpose == Purpose.INVESTIGATION
    assert not refused.allowed
    assert refused.reason == "Your role does not allow this."


def test_it_refuses_an_inactive_user(world: World) -> None:
    user = world.users["caseworker_a"]
    person = world.person("caseworker_a")
    user.is_active = False
    user.save(update_fields=["is_active"])
    actor = actor_for(user)

    assert not decide(actor, Ability.PERSON_VIEW).allowed
    assert not decide_person(actor, person.pk, Ability.PERSON_VIEW).allowed
    assert not Person.objects.filter(pk__in=visible_person_ids(actor)).exists()


def test_an_ended_membership_takes_access_with_it(world: World) -> None:
    person = world.person("caseworker_a")
    membership = world.actor("caseworker_a").membership
    assert membership is not None
    membership_end(actor=world.actor("admin"), membership=membership)

    actor = actor_for(world.users["caseworker_a"])

    assert actor.membership is None
    decision = decide_person(actor, person.pk, Ability.PERSON_VIEW)
    assert not decision.allowed
    assert decision.reason == "You have no active membership."


def test_it_needs_an_involvement_of_the_actors_own_organisation(world: World) -> None:
    person = world.person("caseworker_b")

    decision = decide_person(world.actor("caseworker_a"), person.pk, Ability.PERSON_VIEW)

    assert not decision.allowed
    assert decision.reason == "Your organisation has no involvement with this person."


def test_it_names_the_involvement_and_purpose_it_allowed_through(world: World) -> None:
    person = world.person("caseworker_a")
    involvement = person.involvements.get()

    decision = decide_person(world.actor("director_a"), person.pk, Ability.PERSON_HISTORY)

    assert decision.allowed
    assert decision.involvement_id == involvement.pk
    assert decision.purpose == Purpose.CARE


def test_an_involvement_gives_nothing_to_a_role_that_lacks_the_ability(world: World) -> None:
    person = world.person("inspector")
    world.involve(person, "judge", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    judge = world.actor("judge")

    assert decide_person(judge, person.pk, Ability.PERSON_VIEW).allowed
    assert not decide_person(judge, person.pk, Ability.PERSON_EDIT).allowed
    assert not decide_person(judge, person.pk, Ability.PERSON_HISTORY).allowed


def test_an_involvement_for_another_purpose_gives_nothing(world: World) -> None:
    person = world.person("caseworker_a")
    # The centre also holds an investigation-purpose involvement: a caseworker cannot use it.
    world.involve(person, "caseworker_a", Purpose.INVESTIGATION, InvolvementBasis.CONSENT)
    involvement_end(
        actor=world.actor("caseworker_a"),
        involvement=person.involvements.get(purpose=Purpose.CARE),
    )

    assert not decide_person(world.actor("caseworker_a"), person.pk, Ability.PERSON_VIEW).allowed
    assert not decide_person(world.actor("director_a"), person.pk, Ability.PERSON_VIEW).allowed


def test_an_involvement_that_has_not_started_gives_nothing_yet(world: World) -> None:
    person = world.person("caseworker_a")
    Involvement.objects.filter(person=person).update(since=timezone.now() + timedelta(days=1))

    assert not decide_person(world.actor("caseworker_a"), person.pk, Ability.PERSON_VIEW).allowed


def test_an_involvement_ending_later_still_counts_until_then(world: World) -> None:
    person = world.person("caseworker_a")
    Involvement.objects.filter(person=person).update(until=timezone.now() + timedelta(days=1))

    assert decide_person(world.actor("caseworker_a"), person.pk, Ability.PERSON_VIEW).allowed


def test_assignment_limits_members_but_not_heads(world: World) -> None:
    admin = world.actor("admin")
    colleague, _password = user_create(
        actor=admin,
        username="colleague",
        first_name="Colleague",
        last_name="Tester",
        email="colleague@example.invalid",
    )
    colleague_actor = actor_for(
        colleague,
        membership_grant(
            actor=admin,
            user=colleague,
            organisation=world.organisations["PAG-ASA"],
            role=Role.CASEWORKER,
        ),
    )
    person = world.person("caseworker_a")
    caseworker = world.actor("caseworker_a")
    assert caseworker.organisation is not None

    involvement_open(
        actor=caseworker,
        person=person,
        organisation=caseworker.organisation,
        purpose=Purpose.CARE,
        basis=InvolvementBasis.FIRST_CONTACT,
        assigned=[caseworker.user],
    )

    assert decide_person(caseworker, person.pk, Ability.PERSON_VIEW).allowed
    assert decide_person(world.actor("director_a"), person.pk, Ability.PERSON_VIEW).allowed
    assert not decide_person(colleague_actor, person.pk, Ability.PERSON_VIEW).allowed


def test_the_visible_set_agrees_with_the_one_person_decision(world: World) -> None:
    persons = [
        world.person("inspector"),
        world.person("caseworker_a"),
        world.person("caseworker_b"),
        world.person("investigator"),
    ]
    world.involve(persons[0], "caseworker_a", Purpose.CARE)
    world.involve(persons[3], "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    world.involve(persons[2], "immigration", Purpose.RESIDENCE_DECISION)
    involvement_end(
        actor=world.actor("caseworker_b"),
        involvement=persons[2].involvements.get(purpose=Purpose.CARE),
    )

    for persona in PERSONAS:
        actor = world.actor(persona)
        listed = set(
            Person.objects.filter(pk__in=visible_person_ids(actor)).values_list("pk", flat=True)
        )
        decided = {p.pk for p in persons if decide_person(actor, p.pk, Ability.PERSON_VIEW).allowed}
        assert listed == decided, persona


def test_opening_an_involvement_twice_reuses_the_open_one_and_audits_both(world: World) -> None:
    person = world.person("inspector")
    first = person.involvements.get()

    world.involve(person, "inspector", Purpose.INVESTIGATION, InvolvementBasis.SCREENING)

    assert person.involvements.get() == first
    events = AuditEvent.objects.filter(
        record_type="access.involvement", record_id=str(first.pk)
    ).order_by("id")
    assert [e.event_type for e in events] == [AuditEventType.CREATE, AuditEventType.UPDATE]


def test_ending_an_involvement_twice_is_audited_once(world: World) -> None:
    person = world.person("inspector")
    involvement = person.involvements.get()

    involvement_end(actor=world.actor("inspector"), involvement=involvement)
    involvement_end(actor=world.actor("inspector"), involvement=involvement)

    involvement.refresh_from_db()
    assert involvement.until is not None
    assert (
        AuditEvent.objects.filter(action="involvement_end", record_id=str(involvement.pk)).count()
        == 1
    )
