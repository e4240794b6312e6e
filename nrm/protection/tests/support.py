"""Shared helpers of the pathway tests: who records what, and a person every persona's
organisation is involved with, so that a test checks the decision rule and not visibility.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from nrm.access.models import InvolvementBasis, Purpose
from nrm.administration.actions import organisation_create, user_create
from nrm.organisations.models import OrganisationType, Role
from nrm.pathway import Event
from nrm.people.models import Person
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord, StatusEvent
from nrm.testing import World, approved_membership

# The persona that records each Belgian event in the tests (CONTRACTS.md §2, "Taken by").
RECORDER: dict[str, str] = {
    "DETECTED": "inspector",
    "REFERRED": "caseworker_a",
    "REFLECTION_DOCUMENT_ISSUED": "immigration",
    "COMPLAINT_FILED": "investigator",
    "PROVISIONAL_DOCUMENT_ISSUED": "immigration",
    "PROVISIONAL_DOCUMENT_EXTENDED": "immigration",
    "PROSECUTOR_OPINION": "prosecutor",
    "TEMPORARY_PERMIT_ISSUED": "immigration",
    "TEMPORARY_PERMIT_RENEWED": "immigration",
    "TRAFFICKING_CHARGE_REQUESTED": "prosecutor",
    "CONVICTION": "judge",
    "PERMANENT_RESIDENCE_GRANTED": "immigration",
    "DISMISSAL": "prosecutor",
    "HUMANITARIAN_RESIDENCE_GRANTED": "immigration",
    "RECONTACT_WITH_EXPLOITER": "caseworker_a",
    "COOPERATION_WITHDRAWN": "prosecutor",
    "PUBLIC_ORDER_FLAG": "investigator",
    "STATUS_END_DECIDED": "immigration",
    "VOLUNTARY_RETURN": "caseworker_a",
    "CASE_REOPENED": "prosecutor",
    "DOCUMENT_REQUESTED": "caseworker_a",
    "DOCUMENT_REFUSED": "immigration",
    "GUARDIAN_APPOINTED": "caseworker_a",
}

NAMES = ("Maria", "Popescu")


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def involved_person(world: World, **fields: object) -> Person:
    """A person met by the labour inspection, cared for by centre A, in the police's and
    the prosecutor's case file, before the court and the immigration office."""
    person = world.person("inspector", **fields)
    world.involve(person, "caseworker_a", Purpose.CARE)
    for persona in ("investigator", "prosecutor", "judge"):
        world.involve(person, persona, Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    world.involve(
        person, "immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    return person


def version_of(person: Person) -> int:
    version = PathwayRecord.objects.filter(person=person).values_list("version", flat=True).first()
    return version or 0


def record(
    world: World,
    persona: str,
    person: Person,
    event_type: str,
    on: dt.date | str,
    *,
    positive: bool | None = None,
    days: int | None = None,
    note: str = "",
    document: str | None = None,
    guardian_name: str = "",
) -> StatusEvent:
    """Record one event as `persona`, on the pathway's current version."""
    return pathway_event_record(
        actor=world.actor(persona),
        person=person,
        event_type=event_type,
        on=d(on) if isinstance(on, str) else on,
        expected_version=version_of(person),
        positive=positive,
        days=days,
        note=note,
        document=document,
        guardian_name=guardian_name,
    )


def walk(world: World, person: Person, events: Iterable[Event]) -> None:
    """Record engine events, each by the persona whose organisation takes it."""
    for event in events:
        record(
            world,
            RECORDER[event.type],
            person,
            event.type,
            event.date,
            positive=event.positive,
            days=event.days,
            document=event.document,
        )


def state_of(person: Person) -> str:
    return PathwayRecord.objects.get(person=person).state


def add_denmark(world: World) -> None:
    """The Danish Immigration Service and the Center mod Menneskehandel, with one member
    each (personas `dk_immigration` and `dk_cmm`), through the real actions."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from nrm.access.context import actor_for

    admin = world.actor("admin")
    for short, name, kind, persona, role in (
        (
            "Udlændingestyrelsen",
            "Danish Immigration Service",
            OrganisationType.IMMIGRATION_OFFICE,
            "dk_immigration",
            Role.IMMIGRATION_OFFICER,
        ),
        (
            "CMM",
            "Center mod Menneskehandel",
            OrganisationType.IDENTIFICATION_BODY,
            "dk_cmm",
            Role.CASEWORKER,
        ),
    ):
        organisation = organisation_create(
            actor=admin,
            name=name,
            short_name=short,
            type=kind,
            country="DK",
            region=None,
            judicial_district=None,
        )
        world.organisations[short] = organisation
        user, _password = user_create(
            actor=admin,
            username=persona,
            first_name=persona,
            last_name="Tester",
            email=f"{persona}@example.invalid",
            password="correct horse battery staple",
        )
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
        membership = approved_membership(
            world, user=user, organisation=organisation, role=role
        )
        world.users[persona] = user
        world.actors[persona] = actor_for(user, membership)
        world.devices[persona] = TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def ev(
    date: str,
    type: str,
    *,
    positive: bool | None = None,
    days: int | None = None,
    document: str | None = None,
) -> Event:
    return Event(date=d(date), type=type, positive=positive, days=days, document=document)


# Canonical Belgian paths in the past (the action refuses dates in the future).
REFERRED = (ev("2024-01-10", "REFERRED"),)
REFLECTION = (*REFERRED, ev("2024-01-10", "REFLECTION_DOCUMENT_ISSUED"))
COMPLAINED = (*REFLECTION, ev("2024-02-01", "COMPLAINT_FILED"))
PROVISIONAL = (*COMPLAINED, ev("2024-02-01", "PROVISIONAL_DOCUMENT_ISSUED"))
OPINION = (*PROVISIONAL, ev("2024-04-15", "PROSECUTOR_OPINION", positive=True))
TEMPORARY = (*OPINION, ev("2024-04-15", "TEMPORARY_PERMIT_ISSUED"))
CHARGED = (*TEMPORARY, ev("2024-09-01", "TRAFFICKING_CHARGE_REQUESTED"))
DISMISSED = (
    *TEMPORARY,
    ev("2024-10-10", "TEMPORARY_PERMIT_RENEWED"),
    ev("2025-03-20", "PROSECUTOR_OPINION", positive=True),
    ev("2025-04-01", "TEMPORARY_PERMIT_RENEWED"),
    ev("2025-09-01", "DISMISSAL"),
)

BE_PATHS: dict[str, tuple[Event, ...]] = {
    "DETECTED": (ev("2024-01-09", "DETECTED"),),
    "REFERRED": REFERRED,
    "REFLECTION": REFLECTION,
    "PROVISIONAL_STAY": PROVISIONAL,
    "TEMPORARY_STAY": TEMPORARY,
    "PERMANENT_STAY": (*CHARGED, ev("2024-09-20", "PERMANENT_RESIDENCE_GRANTED")),
    "STATUS_ENDED": (*REFLECTION, ev("2024-02-25", "STATUS_END_DECIDED")),
    "VOLUNTARY_RETURN": (*REFERRED, ev("2024-01-12", "VOLUNTARY_RETURN")),
    "HUMANITARIAN_RESIDENCE": (*DISMISSED, ev("2026-03-01", "HUMANITARIAN_RESIDENCE_GRANTED")),
}
