"""Joint actions: one operation over several sites, organisations taking part in roles, a
briefing, and the inspections it produced; who sees what of it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from nrm.inspections.actions import joint_action_create, joint_action_update, participant_add
from nrm.inspections.models import JointAction, Participant
from nrm.inspections.queries import inspections_visible_to, joint_actions_visible_to
from nrm.inspections.tests.helpers import (
    YESTERDAY,
    a_joint_action,
    a_worksite,
    an_inspection,
    antwerp_inspector,
)
from nrm.inspections.vocab import ParticipantRole
from nrm.testing import World

ClientAs = Callable[[str], Client]


def test_the_planning_team_leads_the_joint_action(world: World) -> None:
    site = a_worksite(world)
    joint_action = joint_action_create(
        actor=world.actor("inspector"),
        title="Car washes",
        planned_on=YESTERDAY,
        briefing="Two sites.",
        worksites=[site],
    )
    lead = Participant.objects.get(joint_action=joint_action)
    assert lead.organisation == world.organisations["ECOSOC Brussels"]
    assert lead.role == ParticipantRole.LEAD
    assert list(joint_action.worksites.all()) == [site]
    assert AuditEvent.objects.filter(action="joint_action_create").exists()


def test_organisations_take_part_in_roles_that_fit_them(world: World) -> None:
    joint_action = a_joint_action(world)
    roles = dict(
        Participant.objects.filter(joint_action=joint_action).values_list(
            "organisation__short_name", "role"
        )
    )
    assert roles == {
        "ECOSOC Brussels": "LEAD",
        "FJP Brussels": "POLICE",
        "Auditorate Brussels": "PROSECUTOR",
        "PAG-ASA": "CENTRE_SOCIAL_WORKER",
    }


@pytest.mark.parametrize(
    ("organisation", "role"),
    [
        ("FJP Brussels", ParticipantRole.PROSECUTOR),
        ("PAG-ASA", ParticipantRole.POLICE),
        ("Immigration Office", ParticipantRole.OTHER),
        ("ECOSOC Antwerp", ParticipantRole.LEAD),
    ],
)
def test_a_role_that_does_not_fit_the_organisation_is_refused(
    world: World, organisation: str, role: str
) -> None:
    joint_action = a_joint_action(world, with_police=False, with_centre=False)
    with pytest.raises(DomainError) as refused:
        participant_add(
            actor=world.actor("inspector"),
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations[organisation],
            role=role,
        )
    assert refused.value.field == "role"


def test_an_organisation_takes_part_once(world: World) -> None:
    joint_action = a_joint_action(world, with_centre=False)
    with pytest.raises(Conflict):
        participant_add(
            actor=world.actor("inspector"),
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations["FJP Brussels"],
            role=ParticipantRole.POLICE,
        )


def test_a_stale_version_of_the_joint_action_is_a_conflict(world: World) -> None:
    joint_action = a_joint_action(world, with_police=False, with_centre=False)
    with pytest.raises(Conflict):
        joint_action_update(
            actor=world.actor("inspector"),
            joint_action=joint_action,
            expected_version=joint_action.version + 1,
            title="x",
            planned_on=YESTERDAY,
            briefing="",
            worksites=[],
        )


def test_only_the_leading_team_changes_it(world: World) -> None:
    joint_action = a_joint_action(world)
    with pytest.raises(PermissionDenied):
        participant_add(
            actor=world.actor("investigator"),
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations["ECOSOC Antwerp"],
            role=ParticipantRole.INSPECTION,
        )
    with pytest.raises(NotFound):
        participant_add(
            actor=antwerp_inspector(world),
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations["ECOSOC Antwerp"],
            role=ParticipantRole.INSPECTION,
        )


def test_another_team_taking_part_plans_its_own_inspection_in_it(world: World) -> None:
    joint_action = a_joint_action(world, with_police=False, with_centre=False)
    participant_add(
        actor=world.actor("inspector"),
        joint_action=joint_action,
        expected_version=joint_action.version,
        organisation=world.organisations["ECOSOC Antwerp"],
        role=ParticipantRole.INSPECTION,
    )
    antwerp = antwerp_inspector(world)
    theirs = an_inspection(world, actor=antwerp, joint_action=joint_action)
    ours = an_inspection(world, joint_action=joint_action)

    assert set(inspections_visible_to(antwerp)) == {theirs, ours}
    assert set(inspections_visible_to(world.actor("inspector"))) == {theirs, ours}


def test_a_team_not_taking_part_cannot_attach_an_inspection(world: World) -> None:
    joint_action = a_joint_action(world)
    with pytest.raises(DomainError) as refused:
        an_inspection(world, actor=antwerp_inspector(world), joint_action=joint_action)
    assert refused.value.field == "joint_action"


def test_police_and_prosecutor_see_the_inspections_of_their_joint_actions_only(
    world: World,
) -> None:
    joint_action = a_joint_action(world)
    inside = an_inspection(world, joint_action=joint_action)
    an_inspection(world)  # the team's own, outside any joint action

    for persona in ("investigator", "prosecutor"):
        assert list(inspections_visible_to(world.actor(persona))) == [inside]
        assert list(joint_actions_visible_to(world.actor(persona))) == [joint_action]


def test_a_centre_taking_part_sees_the_briefing_but_never_the_inspections(
    world: World, client_as: ClientAs
) -> None:
    joint_action = a_joint_action(world)
    inspection = an_inspection(world, joint_action=joint_action)
    client = client_as("caseworker_a")

    page = client.get(f"/inspections/joint-actions/{joint_action.reference}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "Meet at 6:00" in html
    assert inspection.reference not in html
    assert client.get(f"/inspections/{inspection.reference}/").status_code == 404
    assert list(inspections_visible_to(world.actor("caseworker_a"))) == []
    assert AuditEvent.objects.filter(
        action="joint_action_view", actor=world.users["caseworker_a"]
    ).exists()


def test_organisations_not_taking_part_get_404(world: World, client_as: ClientAs) -> None:
    joint_action = a_joint_action(world, with_police=False, with_centre=False)
    for persona in ("caseworker_a", "investigator", "caseworker_b", "immigration", "analyst"):
        response = client_as(persona).get(f"/inspections/joint-actions/{joint_action.reference}/")
        assert response.status_code == 404, persona


def test_the_briefing_is_encrypted_at_rest(world: World) -> None:
    from django.db import connection

    joint_action = a_joint_action(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT briefing FROM inspections_jointaction WHERE id = %s", [joint_action.pk]
        )
        stored = cursor.fetchone()[0]
    assert "foreman" not in stored


def test_the_pages_plan_a_joint_action_and_invite_the_police(
    world: World, client_as: ClientAs
) -> None:
    site = a_worksite(world)
    client = client_as("teamlead")
    response = client.post(
        "/inspections/joint-actions/new/",
        {"title": "Night shops", "planned_on": YESTERDAY.isoformat(), "worksites": [site.pk]},
    )
    assert response.status_code == 302
    joint_action = JointAction.objects.get()
    invited = client.post(
        f"/inspections/joint-actions/{joint_action.reference}/participants/",
        {
            "version": joint_action.version,
            "organisation": world.organisations["FJP Brussels"].pk,
            "role": "POLICE",
            "headcount": "3",
        },
    )
    assert invited.status_code == 302
    stale = client.post(
        f"/inspections/joint-actions/{joint_action.reference}/participants/",
        {
            "version": joint_action.version,
            "organisation": world.organisations["PAG-ASA"].pk,
            "role": "CENTRE_SOCIAL_WORKER",
        },
    )
    assert stale.status_code == 409
    wrong = client.post(
        f"/inspections/joint-actions/{joint_action.reference}/participants/",
        {
            "version": joint_action.version + 1,
            "organisation": world.organisations["PAG-ASA"].pk,
            "role": "POLICE",
        },
    )
    assert wrong.status_code == 400
    assert "cannot take part in this role" in wrong.content.decode()


def test_the_joint_action_page_lists_its_inspections_with_counts(
    world: World, client_as: ClientAs
) -> None:
    from nrm.inspections.tests.helpers import a_screening, carried_out

    joint_action = a_joint_action(world)
    inspection = carried_out(world, an_inspection(world, joint_action=joint_action))
    a_screening(world, inspection)
    page = client_as("investigator").get(f"/inspections/joint-actions/{joint_action.reference}/")
    html = page.content.decode()
    assert inspection.reference in html
    assert "Workers screened" in html
