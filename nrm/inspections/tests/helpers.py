"""Data for the labour-inspection tests, made through the real actions."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from nrm.access.context import Actor, actor_for
from nrm.administration.actions import membership_grant, user_create
from nrm.inspections.actions import (
    ObservationData,
    ScreeningData,
    WorksiteData,
    inspection_carry_out,
    inspection_plan,
    joint_action_create,
    participant_add,
    screening_create,
    worksite_create,
)
from nrm.inspections.models import Inspection, JointAction, Screening, Worksite
from nrm.inspections.vocab import Framework, ParticipantRole, WorksiteKind
from nrm.organisations.models import Region, Role
from nrm.people.actions import PersonData
from nrm.testing import World

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)


def antwerp_inspector(world: World) -> Actor:
    """A member of the Antwerp team (the shared world has no persona there)."""
    admin = world.actor("admin")
    user, _password = user_create(
        actor=admin,
        username="antwerp",
        first_name="Anna",
        last_name="Tester",
        email="antwerp@example.invalid",
        password="correct horse battery staple",
    )
    membership = membership_grant(
        actor=admin,
        user=user,
        organisation=world.organisations["ECOSOC Antwerp"],
        role=Role.INSPECTOR,
    )
    return actor_for(user, membership)


def a_worksite(world: World, persona: str = "inspector", region: str = "BRU") -> Worksite:
    return worksite_create(
        actor=world.actor(persona),
        data=WorksiteData(
            name="Tour Midi building site",
            kind=WorksiteKind.CONSTRUCTION_SITE,
            address="Avenue Fonsny 1",
            region=Region.objects.get(code=region),
            postcode="1060",
            municipality="Saint-Gilles",
        ),
    )


def an_inspection(
    world: World,
    *,
    actor: Actor | None = None,
    worksite: Worksite | None = None,
    planned_on: date | None = None,
    joint_action: JointAction | None = None,
    sector: str = "F",
) -> Inspection:
    return inspection_plan(
        actor=actor or world.actor("inspector"),
        planned_on=planned_on or YESTERDAY,
        sector=sector,
        worksite=worksite,
        joint_action=joint_action,
    )


def carried_out(world: World, inspection: Inspection, actor: Actor | None = None) -> Inspection:
    return inspection_carry_out(
        actor=actor or world.actor("inspector"),
        inspection=inspection,
        expected_version=inspection.version,
        carried_out_on=inspection.planned_on,
    )


def a_joint_action(
    world: World, *, with_police: bool = True, with_centre: bool = True
) -> JointAction:
    inspector = world.actor("inspector")
    joint_action = joint_action_create(
        actor=inspector,
        title="Construction sites, Brussels South",
        planned_on=YESTERDAY,
        briefing="Meet at 6:00 at the police station; the foreman is Mr X.",
    )
    if with_police:
        participant_add(
            actor=inspector,
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations["FJP Brussels"],
            role=ParticipantRole.POLICE,
            headcount=4,
        )
        joint_action.refresh_from_db()
        participant_add(
            actor=inspector,
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations["Auditorate Brussels"],
            role=ParticipantRole.PROSECUTOR,
        )
        joint_action.refresh_from_db()
    if with_centre:
        participant_add(
            actor=inspector,
            joint_action=joint_action,
            expected_version=joint_action.version,
            organisation=world.organisations["PAG-ASA"],
            role=ParticipantRole.CENTRE_SOCIAL_WORKER,
            headcount=2,
        )
        joint_action.refresh_from_db()
    return joint_action


# Indicators that make the suggestion positive for an adult (a core dignity indicator and
# several ILO forced-labour indicators).
STRONG_INDICATORS = [
    ObservationData(Framework.ILO_FORCED_LABOUR, "ILO-FL-07", "Passport kept by the foreman"),
    ObservationData(Framework.ILO_FORCED_LABOUR, "ILO-FL-08"),
    ObservationData(Framework.BE_HUMAN_DIGNITY, "DEGRADING_HOUSING", "Sleeps in a container"),
]


def a_screening(
    world: World,
    inspection: Inspection,
    *,
    actor: Actor | None = None,
    observations: list[ObservationData] | None = None,
    consent: str = "CONSENTED",
    age: int | None = 34,
    presumed_minor: bool = False,
    given_names: str = "Ion",
) -> Screening:
    return screening_create(
        actor=actor or world.actor("inspector"),
        inspection=inspection,
        data=ScreeningData(
            new_person=PersonData(
                given_names=given_names, family_name="Rusu", age_at_first_contact=age
            ),
            nationality="RO",
            language="ro",
            presumed_minor=presumed_minor,
            hourly_wage_eur=None,
            weekly_hours=None,
            observations=list(STRONG_INDICATORS if observations is None else observations),
            leaflet_language="ro",
            consent=consent,
        ),
    )
