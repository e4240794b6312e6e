"""Data for the prosecution tests, made through the real actions.

The shared world (nrm/testing.py) has one prosecution office (Auditorate Brussels), one court
(Court Brussels), one police unit (FJP Brussels) with the `investigator`, and the centres.
Here: a case file opened by the prosecutor, victims met by the police and named in it,
victims brought to temporary stay through the real pathway, a charged suspect, and extra
members (an unassigned investigator, a second prosecutor) for the access rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.context import Actor, actor_for
from nrm.access.models import AuditEvent, InvolvementBasis, Purpose
from nrm.administration.actions import user_create
from nrm.inspections.actions import (
    CompanyData,
    WorksiteData,
    chain_link_add,
    company_create,
    worksite_create,
)
from nrm.inspections.models import Company, Worksite
from nrm.organisations.models import Region
from nrm.people.models import Person
from nrm.prosecution import actions
from nrm.prosecution.models import CaseFile, CaseSuspect, CaseVictim
from nrm.prosecution.vocab import AssignmentRole
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord
from nrm.testing import PASSWORD, World, approved_membership

TODAY = timezone.localdate()


# A PDF small enough to read, valid enough for the evidence checks.
MINIMAL_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n"
    b"2 0 obj\n<<\n/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj\n"
    b"3 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n"
    b"4 0 obj\n<<\n/Type /Page\n/MediaBox [ 0 0 72 72 ]\n/Parent 2 0 R\n>>\nendobj\n"
    b"xref\n0 5\n0000000000 65535 f \n0000000015 00000 n \n0000000054 00000 n \n"
    b"0000000113 00000 n \n0000000162 00000 n \n"
    b"trailer\n<<\n/Size 5\n/Root 3 0 R\n/Info 1 0 R\n>>\nstartxref\n233\n%%EOF\n"
)


def enterprise_number(body: int) -> str:
    first = f"0{body:07d}"[:8]
    return f"{first}{97 - int(first) % 97:02d}"


def chain(world: World) -> tuple[Worksite, Company, Company, Company]:
    """A site with a principal, a contractor and a subcontractor (the employer)."""
    inspector = world.actor("inspector")
    site = worksite_create(
        actor=inspector,
        data=WorksiteData(
            name="Tower lot B",
            kind="CONSTRUCTION_SITE",
            address="Rue de France 60",
            region=Region.objects.get(code="BRU"),
        ),
    )
    companies = [
        company_create(
            actor=inspector,
            data=CompanyData(name=name, sector="F", enterprise_number=enterprise_number(n)),
        )
        for name, n in [("Immo NV", 4120001), ("Bouw BV", 4120002), ("Renov SRL", 4120003)]
    ]
    principal, contractor, employer = companies
    chain_link_add(actor=inspector, worksite=site, company=principal)
    chain_link_add(actor=inspector, worksite=site, company=contractor, works_for=principal)
    chain_link_add(actor=inspector, worksite=site, company=employer, works_for=contractor)
    return site, principal, contractor, employer


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def member(world: World, username: str, organisation: str, role: str) -> Actor:
    """Another member of one of the world's organisations, signed in like a persona."""
    admin = world.actor("admin")
    user, _password = user_create(
        actor=admin,
        username=username,
        first_name=username.title(),
        last_name="Tester",
        email=f"{username}@example.invalid",
        password=PASSWORD,
    )
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    membership = approved_membership(
        world, user=user, organisation=world.organisations[organisation], role=role
    )
    actor = actor_for(user, membership)
    # Registered as a persona, so that `client_as(username)` signs in as them.
    world.users[username] = user
    world.actors[username] = actor
    world.devices[username] = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return actor


def opened_case(world: World, *, opened_days_ago: int = 120) -> CaseFile:
    return actions.case_file_open(
        actor=world.actor("prosecutor"),
        title="Construction site Brussels-South, lot B",
        exploitation_form="LABOUR",
        opened_on=days_ago(opened_days_ago),
        summary="Workers housed in containers on the site.",
    )


def assign(
    world: World, case: CaseFile, actor: Actor, role: str = AssignmentRole.INVESTIGATOR
) -> None:
    assert actor.membership is not None
    actions.case_assignment_add(
        actor=world.actor("prosecutor"),
        case=case,
        user=actor.user,
        organisation=actor.membership.organisation,
        role=role,
    )


def police_person(world: World, **fields: Any) -> Person:
    """A person the police met first (the investigator's unit is involved)."""
    return world.person("investigator", **fields)


def with_investigator(world: World, case: CaseFile) -> None:
    """The police investigator assigned: the persons the police met are known to the case."""
    if not case.assignments.filter(
        user=world.users["investigator"], ended_at__isnull=True
    ).exists():
        assign(world, case, world.actor("investigator"))


def named_victim(world: World, case: CaseFile, person: Person | None = None) -> CaseVictim:
    """A victim the police met, named in the case."""
    with_investigator(world, case)
    person = person or police_person(world)
    return actions.case_victim_add(
        actor=world.actor("prosecutor"), case=case, person_reference=person.reference
    )


def charged_suspect(
    world: World, case: CaseFile, provision: str = "BE-CP-433quinquies"
) -> CaseSuspect:
    with_investigator(world, case)
    suspect = actions.case_suspect_add(
        actor=world.actor("prosecutor"),
        case=case,
        person_reference=police_person(
            world, given_names="Victor", family_name="Ionescu"
        ).reference,
    )
    actions.charge_add(
        actor=world.actor("prosecutor"),
        case=case,
        suspect=suspect,
        provision=provision,
        charged_on=days_ago(100),
    )
    return suspect


def fresh(case: CaseFile) -> CaseFile:
    return CaseFile.objects.select_related("office", "court").get(pk=case.pk)


def decide(
    world: World, persona: str | Actor, case: CaseFile, name: str, **kwargs: Any
) -> CaseFile:
    """Take decision `name` as `persona` on the case's current version."""
    actor = world.actor(persona) if isinstance(persona, str) else persona
    current = fresh(case)
    kwargs.setdefault(
        {"record_judgment": "judged_on", "appeal": "lodged_on"}.get(name, "decided_on"),
        days_ago(10),
    )
    decided = actions.ACTIONS[name](
        actor=actor, case=current, expected_version=current.version, **kwargs
    )
    return decided.case


def pathway_version(person: Person) -> int:
    version = PathwayRecord.objects.filter(person=person).values_list("version", flat=True).first()
    return version or 0


def pathway_state(person: Person) -> str:
    return PathwayRecord.objects.filter(person=person).values_list("state", flat=True).first() or ""


def record_event(
    world: World, persona: str, person: Person, event_type: str, on: date, **kwargs: Any
) -> None:
    pathway_event_record(
        actor=world.actor(persona),
        person=person,
        event_type=event_type,
        on=on,
        expected_version=pathway_version(person),
        **kwargs,
    )


def to_provisional_stay(world: World, person: Person, start: int = 90) -> None:
    """Referred to centre A, reflection document, complaint, provisional document."""
    world.involve(person, "caseworker_a", Purpose.CARE)
    world.involve(
        person, "immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    record_event(world, "caseworker_a", person, "REFERRED", days_ago(start))
    record_event(world, "immigration", person, "REFLECTION_DOCUMENT_ISSUED", days_ago(start))
    record_event(world, "investigator", person, "COMPLAINT_FILED", days_ago(start - 5))
    record_event(world, "immigration", person, "PROVISIONAL_DOCUMENT_ISSUED", days_ago(start - 5))


def to_temporary_stay(world: World, case: CaseFile, victim: CaseVictim, on: int = 60) -> CaseFile:
    """Through the case: investigation opened and a positive opinion; then the permit."""
    to_provisional_stay(world, victim.person)
    if fresh(case).status == "REGISTERED":
        case = decide(world, "prosecutor", case, "open_investigation", decided_on=days_ago(on))
    case = decide(
        world,
        "prosecutor",
        case,
        "give_opinion",
        decided_on=days_ago(on),
        victim=victim,
        positive=True,
    )
    record_event(world, "immigration", victim.person, "TEMPORARY_PERMIT_ISSUED", days_ago(on))
    return case


def before_the_court(world: World, case: CaseFile) -> CaseFile:
    """Under investigation, a suspect charged with trafficking, indicted before Court Brussels."""
    if fresh(case).status == "REGISTERED":
        case = decide(world, "prosecutor", case, "open_investigation", decided_on=days_ago(50))
    if not CaseSuspect.objects.filter(case=case).exists():
        charged_suspect(world, case)
    return decide(
        world,
        "prosecutor",
        case,
        "indict",
        decided_on=days_ago(30),
        court=world.organisations["Court Brussels"],
    )


def audit_actions(since: int = 0) -> list[str]:
    return list(AuditEvent.objects.filter(pk__gt=since).values_list("action", flat=True))


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def references(rows: Sequence[Any]) -> list[str]:
    return [r.reference for r in rows]
