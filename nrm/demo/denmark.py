"""The Danish demo world: Denmark's referral mechanism with invented people.

Built from the Danish installation's own configuration (nrm/installations/dk.json: regions,
police districts, organisations) through the real actions, from a fixed seed, like the
Belgian world (nrm/demo/world.py). It shows the Danish chain as each authority carries it:
workers met at an agricultural site by the Working Environment Authority, identified
positively and negatively by the Danish Immigration Service (without legal stay) or the CMM
(with legal stay), a negative decision under reconsideration, a reflection period extended
towards its 120-day maximum, a restitution period, a residence permit for the investigation
requested by the police, a prepared return and an immediate departure for public-order
reasons. The national coordination (Ligestillingsafdelingen, secretariat of the
interministerial working group) starts the Danish NRM manual from its working text and
follows the action plan; the CMM's statistics hold the rapporteur's role (Denmark has no
independent rapporteur: nrm/installations/dk.json, `sources`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from nrm.access.actions import involvement_open
from nrm.access.context import Actor, actor_for
from nrm.access.models import InvolvementBasis, Purpose
from nrm.accounts.models import User
from nrm.accounts.queries import role_opens_case_data
from nrm.administration.actions import (
    membership_approve,
    membership_grant,
    organisation_create,
    user_create,
)
from nrm.demo.world import DEMO_PASSWORD, SECOND_ADMINISTRATOR, demo_totp_key, world_exists
from nrm.identification.actions import (
    identification_decide,
    identification_inform,
    identification_reconsideration_request,
)
from nrm.identification.models import IdentificationDecision, Outcome
from nrm.installations import installation_for
from nrm.organisations.models import JudicialDistrict, Membership, Organisation, Region, Role
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.people.vocab import Gender
from nrm.protection.actions import pathway_event_record, pathway_facts_update
from nrm.protection.models import PathwayRecord

SEED = 20241203
# The Danish world's persons: one per situation of the Danish chain, and a few more.
DANISH_PERSONS = 16


@dataclass(frozen=True)
class DanishPersona:
    username: str
    first_name: str
    last_name: str
    organisation: str
    role: str
    what: str


DANISH_PERSONAS = [
    DanishPersona(
        "cmm", "Camilla", "Mortensen", "CMM", Role.CASEWORKER,
        "socialrådgiver, Center mod Menneskehandel (identifies with legal stay; support)",
    ),
    DanishPersona(
        "cmm.leder", "Lars", "Holm", "CMM", Role.CENTRE_DIRECTOR,
        "leder, Center mod Menneskehandel",
    ),
    DanishPersona(
        "udlst", "Ulla", "Sørensen", "Udlændingestyrelsen", Role.IMMIGRATION_OFFICER,
        "sagsbehandler, Udlændingestyrelsen (identifies without legal stay; reflection, permits)",
    ),
    DanishPersona(
        "nsk", "Niels", "Kjær", "NSK", Role.INVESTIGATOR,
        "efterforsker, Rigspolitiet — National enhed for Særlig Kriminalitet",
    ),
    DanishPersona(
        "politi", "Pia", "Lund", "MVJ Politi", Role.INVESTIGATOR,
        "efterforsker, Midt- og Vestjyllands Politi (local police district)",
    ),
    DanishPersona(
        "anklager", "Anders", "Bak", "Anklager MVJ", Role.PROSECUTOR,
        "anklager, Anklagemyndigheden, Midt- og Vestjyllands Politi",
    ),
    DanishPersona(
        "at", "Anne", "Thomsen", "Arbejdstilsynet", Role.INSPECTOR,
        "tilsynsførende, Arbejdstilsynet (joint inspections)",
    ),
    DanishPersona(
        "skat", "Søren", "Kristensen", "Skattestyrelsen", Role.INSPECTOR,
        "kontrollant, Skattestyrelsen (joint inspections)",
    ),
    DanishPersona(
        "kommune", "Karen", "Nielsen", "Herning Kommune", Role.CASEWORKER,
        "socialrådgiver, Herning Kommune",
    ),
    DanishPersona(
        "reden", "Rikke", "Dahl", "Reden International", Role.CASEWORKER,
        "medarbejder, Reden International (shelter, CMM partner)",
    ),
    DanishPersona(
        "koordinator", "Kirsten", "Andersen", "Ligestillingsafdelingen", Role.COORDINATOR,
        "koordinator, Ligestillingsafdelingen (tværministeriel arbejdsgruppe: NRM-håndbogen, "
        "handlingsplanen, møderne)",
    ),
    DanishPersona(
        "cmm.statistik", "Mette", "Olsen", "CMM statistik", Role.ANALYST,
        "analytiker, CMM's nationale statistik (Danmark har ingen uafhængig rapporteur)",
    ),
    DanishPersona(
        "admin", "Alex", "Møller", "Operator", Role.ADMINISTRATOR, "platformadministrator",
    ),
]  # fmt: skip

# Nationalities seen in Danish labour-exploitation cases (agriculture, cleaning).
NATIONALITIES = [
    ("UA", "uk_UA", ["uk", "ru"]),
    ("RO", "ro_RO", ["ro"]),
    ("PH", "en_PH", ["tl", "en"]),
    ("VN", "vi_VN", ["vi"]),
    ("NG", "en_US", ["en"]),
    ("BG", "bg_BG", ["bg"]),
]
# EU citizens have legal stay in Denmark: the CMM identifies them (RULES.md §6).
EU = frozenset({"RO", "BG"})


@transaction.atomic
def build_danish_world(*, persons: int = 16) -> dict[str, User]:
    """Create the Danish organisations, personas, persons and their chain."""
    if world_exists():
        raise RuntimeError(
            "The database already holds organisations; the demo loads only into an empty one."
        )
    denmark = installation_for("DK")
    bootstrap = User.objects.create(
        username="admin",
        first_name="Alex",
        last_name="Møller",
        email="admin@demo.invalid",
        must_change_password=False,
        preferred_language="da",
    )
    bootstrap.set_password(DEMO_PASSWORD)
    bootstrap.save()
    regions = {
        code: Region.objects.create(code=code, name=name, country="DK")
        for code, name in denmark.regions
    }
    districts = {
        code: JudicialDistrict.objects.create(code=code, name=name, region=regions[region])
        for code, name, region in denmark.districts
    }
    operator_seed = next(s for s in denmark.organisations if s.type == "PLATFORM_OPERATOR")
    operator = Organisation.objects.create(
        name=operator_seed.name,
        short_name=operator_seed.short_name,
        type=operator_seed.type,
        country="DK",
    )
    # The first administrator's membership is the one row written directly (world.py).
    admin = actor_for(
        bootstrap,
        Membership.objects.create(user=bootstrap, organisation=operator, role=Role.ADMINISTRATOR),
    )
    orgs: dict[str, Organisation] = {operator.short_name: operator}
    for seed in denmark.organisations:
        if seed is operator_seed:
            continue
        orgs[seed.short_name] = organisation_create(
            actor=admin,
            name=seed.name,
            short_name=seed.short_name,
            names=seed.names,
            type=seed.type,
            country="DK",
            region=regions[seed.region] if seed.region else None,
            judicial_district=districts[seed.district] if seed.district else None,
        )
    second, _password = user_create(
        actor=admin,
        username=SECOND_ADMINISTRATOR,
        first_name="Sofie",
        last_name="Jensen",
        email="admin.second@demo.invalid",
        password=DEMO_PASSWORD,
    )
    approver = actor_for(
        second,
        membership_grant(actor=admin, user=second, organisation=operator, role=Role.ADMINISTRATOR),
    )
    users: dict[str, User] = {"admin": bootstrap}
    actors: dict[str, Actor] = {"admin": admin}
    for persona in DANISH_PERSONAS:
        if persona.username == "admin":
            user = bootstrap
        else:
            user, _password = user_create(
                actor=admin,
                username=persona.username,
                first_name=persona.first_name,
                last_name=persona.last_name,
                email=f"{persona.username}@demo.invalid",
                password=DEMO_PASSWORD,
            )
            user.must_change_password = False
            user.preferred_language = "da"  # the e-mails of the Danish installation
            user.save(update_fields=["must_change_password", "preferred_language"])
            membership = membership_grant(
                actor=admin, user=user, organisation=orgs[persona.organisation], role=persona.role
            )
            if role_opens_case_data(persona.role):
                membership_approve(actor=approver, membership=membership)
            actors[persona.username] = actor_for(user, membership)
        TOTPDevice.objects.create(
            user=user, name="demo", key=demo_totp_key(persona.username), confirmed=True
        )
        users[persona.username] = user
    today = timezone.localdate()
    build_joint_inspection(actors, today)
    people = _persons(actors, persons, today)
    build_danish_chain(actors, people, today)
    build_danish_cases(actors, today)
    build_danish_coordination(actors, today)
    return users


def _persons(actors: dict[str, Actor], count: int, today: date) -> list[Person]:
    """Workers met by Arbejdstilsynet at the joint inspection, and by the police."""
    rng = random.Random(SEED)
    fakers = {locale: Faker(locale) for _code, locale, _langs in NATIONALITIES}
    for faker in fakers.values():
        faker.seed_instance(SEED)
    created = []
    for index in range(count):
        nationality, locale, languages = NATIONALITIES[index % len(NATIONALITIES)]
        faker = fakers[locale]
        gender = Gender.FEMININE if index % 3 == 1 else Gender.MASCULINE
        given = faker.first_name_female() if gender == Gender.FEMININE else faker.first_name_male()
        age = rng.randint(20, 55)
        first_contact = today - timedelta(days=120 + rng.randint(0, 30))
        frontline = actors["at"] if index % 4 != 3 else actors["politi"]
        person = person_create(
            actor=frontline,
            data=PersonData(
                given_names=given,
                family_name=faker.last_name(),
                birth_date=None,
                documents=None,
                phone=f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}",
                nationalities=[nationality],
                languages=languages,
                gender=gender,
                age_at_first_contact=age,
                first_contact_on=first_contact,
            ),
        )
        # The CMM supports every person met; the Immigration Service decides on the stay
        # of those without it.
        _involve(actors["cmm"], person, Purpose.CARE, InvolvementBasis.REFERRAL_ACCEPTED)
        if nationality not in EU:
            _involve(
                actors["udlst"],
                person,
                Purpose.RESIDENCE_DECISION,
                InvolvementBasis.DECISION_REQUIRED,
            )
        created.append(person)
    return created


def _involve(actor: Actor, person: Person, purpose: str, basis: str) -> None:
    assert actor.organisation is not None
    involvement_open(
        actor=actor, person=person, organisation=actor.organisation, purpose=purpose, basis=basis
    )


def _facts(actors: dict[str, Actor], person: Person) -> None:
    legal_stay = bool(set(person.nationalities or []) & EU)
    pathway_facts_update(
        actor=actors["cmm"],
        person=person,
        expected_version=0,
        unaccompanied_minor=False,
        has_legal_stay=legal_stay,
        age_at_identification=person.age_at_first_contact,
    )


def _event(actor: Actor, person: Person, event_type: str, on: date, **details: object) -> None:
    record = PathwayRecord.objects.get(person=person)
    pathway_event_record(
        actor=actor,
        person=person,
        event_type=event_type,
        on=on,
        expected_version=record.version,
        **details,  # type: ignore[arg-type]
    )


def _decide(
    actors: dict[str, Actor], person: Person, outcome: str, on: date, reasons: str
) -> IdentificationDecision:
    legal_stay = PathwayRecord.objects.get(person=person).has_legal_stay
    return identification_decide(
        actor=actors["cmm" if legal_stay else "udlst"],
        person=person,
        outcome=outcome,
        reasons=reasons,
        on=on,
    )


POSITIVE_REASONS = (
    "Recruited in the home country with promises of regular pay; passport kept by the "
    "gang master; 12-hour days picking vegetables for a fraction of the agreed wage; debt "
    "for travel and housing (straffeloven § 262 a: forced labour)."
)
NEGATIVE_REASONS = (
    "Poor working conditions and underpayment, but no means of control or exploitation "
    "under § 262 a was shown; the person is referred to the labour-law remedies."
)


def build_danish_chain(actors: dict[str, Actor], people: list[Person], today: date) -> None:
    """One person in each situation of the Danish chain (see the module's docstring)."""
    scripts = [
        _extended_reflection,
        _investigation_permit,
        _restitution,
        _negative_under_reconsideration,
        _reflection_ending_soon,
        _awaiting_identification,
        _prepared_return,
        _immediate_departure,
    ]
    without = [p for p in people if not set(p.nationalities or []) & EU]
    with_stay = [p for p in people if set(p.nationalities or []) & EU]
    for script in scripts:
        needs_stay = script is _restitution
        pool = with_stay if needs_stay else without
        if not pool:
            continue
        person = pool.pop(0)
        _facts(actors, person)
        script(actors, person, today)
    # A person with legal stay whom the CMM did not identify.
    if with_stay:
        person = with_stay.pop(0)
        _facts(actors, person)
        decision = _decide(
            actors, person, Outcome.NEGATIVE, today - timedelta(days=30), NEGATIVE_REASONS
        )
        identification_inform(
            actor=actors["cmm"],
            decision=decision,
            expected_version=decision.version,
            on=today - timedelta(days=29),
            how="IN_PERSON",
        )


def _positive(actors: dict[str, Actor], person: Person, on: date) -> None:
    decision = _decide(actors, person, Outcome.POSITIVE, on, POSITIVE_REASONS)
    legal_stay = decision.legal_stay
    identification_inform(
        actor=actors["cmm" if legal_stay else "udlst"],
        decision=decision,
        expected_version=decision.version,
        on=on,
        how="WITH_INTERPRETER",
    )


def _extended_reflection(actors: dict[str, Actor], person: Person, today: date) -> None:
    start = today - timedelta(days=40)
    _positive(actors, person, start)
    _event(actors["udlst"], person, "REFLECTION_STARTED", start + timedelta(days=1))
    # Cooperating on a prepared return: extended to 90 days in all (at most 120).
    _event(actors["udlst"], person, "REFLECTION_EXTENDED", today - timedelta(days=12), days=90)


def _investigation_permit(actors: dict[str, Actor], person: Person, today: date) -> None:
    start = today - timedelta(days=110)
    _positive(actors, person, start)
    _event(actors["udlst"], person, "REFLECTION_STARTED", start + timedelta(days=1))
    _involve(actors["politi"], person, Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    _involve(actors["anklager"], person, Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    _event(actors["politi"], person, "INVESTIGATION_PERMIT_REQUESTED", start + timedelta(days=20))
    # Issued 85 days ago: the renewal is due in about three months, reminded a month before.
    _event(actors["udlst"], person, "INVESTIGATION_PERMIT_ISSUED", start + timedelta(days=25))


def _restitution(actors: dict[str, Actor], person: Person, today: date) -> None:
    start = today - timedelta(days=20)
    _positive(actors, person, start)
    _event(actors["cmm"], person, "REFLECTION_STARTED", start + timedelta(days=1))


def _negative_under_reconsideration(actors: dict[str, Actor], person: Person, today: date) -> None:
    decision = _decide(
        actors, person, Outcome.NEGATIVE, today - timedelta(days=15), NEGATIVE_REASONS
    )
    decision = identification_inform(
        actor=actors["udlst"],
        decision=decision,
        expected_version=decision.version,
        on=today - timedelta(days=14),
        how="IN_WRITING",
    )
    _involve(actors["reden"], person, Purpose.CARE, InvolvementBasis.REFERRAL_ACCEPTED)
    identification_reconsideration_request(
        actor=actors["reden"],
        decision=decision,
        expected_version=decision.version,
        on=today - timedelta(days=5),
        grounds=(
            "New statement given at the shelter: wages were withheld to repay a recruitment "
            "debt and the employer threatened to report the person to the police."
        ),
    )


def _reflection_ending_soon(actors: dict[str, Actor], person: Person, today: date) -> None:
    start = today - timedelta(days=26)
    _positive(actors, person, start)
    _event(actors["udlst"], person, "REFLECTION_STARTED", start + timedelta(days=1))


def _awaiting_identification(actors: dict[str, Actor], person: Person, today: date) -> None:
    """Met at the inspection two days ago: the Immigration Service has to decide."""


def _prepared_return(actors: dict[str, Actor], person: Person, today: date) -> None:
    start = today - timedelta(days=70)
    _positive(actors, person, start)
    _event(actors["udlst"], person, "REFLECTION_STARTED", start + timedelta(days=1))
    _event(actors["cmm"], person, "PREPARED_RETURN", start + timedelta(days=28))


def _immediate_departure(actors: dict[str, Actor], person: Person, today: date) -> None:
    start = today - timedelta(days=50)
    _positive(actors, person, start)
    _event(
        actors["udlst"],
        person,
        "IMMEDIATE_DEPARTURE_SET",
        start + timedelta(days=1),
        note="Expelled by final judgment for serious drug offences (Aliens Act § 33(14)).",
    )


def build_joint_inspection(actors: dict[str, Actor], today: date) -> None:
    """A "fælles myndighedsaktion" at a vegetable farm near Herning, led by Arbejdstilsynet,
    with the tax authority, the local police and the CMM, whose staff meet the workers."""
    from nrm.inspections.actions import (
        WorksiteData,
        inspection_carry_out,
        inspection_plan,
        joint_action_create,
        participant_add,
        worksite_create,
    )
    from nrm.inspections.vocab import ParticipantRole, WorksiteKind

    inspector = actors["at"]
    site = worksite_create(
        actor=inspector,
        data=WorksiteData(
            name="Grøntsagsgartneri ved Herning",
            kind=WorksiteKind.FARM,
            address="Landevejen 12",
            postcode="7400",
            municipality="Herning",
            region=Region.objects.get(code="MID"),
        ),
    )
    day = today - timedelta(days=150)
    joint = joint_action_create(
        actor=inspector,
        title="Fælles myndighedsaktion, gartneri ved Herning",
        planned_on=day,
        briefing=(
            "06:00 at the farm gate. Arbejdstilsynet checks working and housing conditions, "
            "Skattestyrelsen the payroll and registrations, the police identities and "
            "permits; the CMM's staff talk with the workers and hand out the guide."
        ),
        worksites=[site],
    )
    organisations = {o.short_name: o for o in Organisation.objects.filter(country="DK")}
    for short_name, role, headcount in [
        ("Skattestyrelsen", ParticipantRole.INSPECTION, 2),
        ("MVJ Politi", ParticipantRole.POLICE, 4),
        ("CMM", ParticipantRole.CENTRE_SOCIAL_WORKER, 2),
    ]:
        joint.refresh_from_db()
        participant_add(
            actor=inspector,
            joint_action=joint,
            expected_version=joint.version,
            organisation=organisations[short_name],
            role=role,
            headcount=headcount,
        )
    inspection = inspection_plan(
        actor=inspector, planned_on=day, sector="A", worksite=site, joint_action=joint
    )
    inspection_carry_out(
        actor=inspector, inspection=inspection, expected_version=1, carried_out_on=day
    )


# The facts of the two Danish cases, for the qualification engine (nrm/law, RULES.md §2.4).
_262A_FACTS: dict[str, Any] = {
    "victim": {"age_at_acts": 31, "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"]},
    "acts": ["RECRUIT", "TRANSPORT", "HARBOUR"],
    "means": ["DECEPTION", "ABUSE_OF_VULNERABILITY"],
    "purposes": ["FORCED_LABOUR_OR_SERVICES"],
    "number_of_victims": 1,
    "attempt_only": False,
}
_262B_FACTS: dict[str, Any] = {
    "victim": {"age_at_acts": 38, "vulnerabilities": ["PRECARIOUS_SOCIAL_SITUATION"]},
    "acts": ["RECRUIT", "HARBOUR"],
    "means": [],
    "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
    "number_of_victims": 1,
    "attempt_only": False,
}


def build_danish_cases(actors: dict[str, Actor], today: date) -> None:
    """Two case files of the local prosecution: forced labour at the farm (§ 262 a) and
    work under manifestly unreasonable conditions in cleaning (§ 262 b, since 2022)."""
    from nrm.prosecution import actions as prosecution

    prosecutor = actors["anklager"]
    permit_holder = (
        PathwayRecord.objects.filter(state="INVESTIGATION_PERMIT").select_related("person").first()
    )
    ended = PathwayRecord.objects.filter(state="PREPARED_RETURN").select_related("person").first()
    for record, title, form, facts, provision, suspect_name in (
        (
            permit_holder,
            "Tvangsarbejde, gartneri ved Herning",
            "LABOUR",
            _262A_FACTS,
            "DK-STRFL-262a",
            ("Marius", "Popa"),
        ),
        (
            ended,
            "Menneskeudnyttelse, rengøringsfirma i Herning",
            "LABOUR",
            _262B_FACTS,
            "DK-STRFL-262b",
            ("Jens", "Vestergaard"),
        ),
    ):
        if record is None:
            continue
        person = record.person
        _involve(prosecutor, person, Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
        opened = today - timedelta(days=60)
        case = prosecution.case_file_open(
            actor=prosecutor, title=title, exploitation_form=form, opened_on=opened
        )
        prosecution.case_victim_add(actor=prosecutor, case=case, person_reference=person.reference)
        suspect = prosecution.case_suspect_add(
            actor=prosecutor,
            case=case,
            new_person=PersonData(
                given_names=suspect_name[0], family_name=suspect_name[1], gender="Masculine"
            ),
        )
        period = {
            "start": (opened - timedelta(days=300)).isoformat(),
            "end": (opened - timedelta(days=90)).isoformat(),
        }
        snapshot = prosecution.qualification_snapshot_take(
            actor=prosecutor,
            case=case,
            facts={**facts, "offence_period": period},
            jurisdictions=["DK"],
            taken_on=opened,
        )
        prosecution.charge_add(
            actor=prosecutor,
            case=case,
            suspect=suspect,
            provision=provision,
            snapshot=snapshot,
            charged_on=opened,
        )


def build_danish_coordination(actors: dict[str, Actor], today: date) -> None:
    """The national coordination: the Danish manual's working text (nrm/coordination/
    manual_dk.py), a meeting of the interministerial working group that adopts an action
    from the seed note (the CMM in joint inspections, action plan 2022-2025), and a meeting
    of the operational level. Invented dates and wording; no person named."""
    from nrm.coordination import actions as coordination
    from nrm.coordination.models import ActionStatus, ForumKind

    coordinator = actors["koordinator"]
    coordination.manual_load_working_text(actor=coordinator)
    everyone = list(
        Organisation.objects.filter(country="DK")
        .exclude(type__in=["PLATFORM_OPERATOR", "COURT"])
        .order_by("name")
    )
    by_name = {organisation.short_name: organisation for organisation in everyone}
    working_group = coordination.forum_meeting_create(
        actor=coordinator,
        kind=ForumKind.PLATFORM,
        held_on=today - timedelta(days=45),
        title="Den tværministerielle arbejdsgruppe mod menneskehandel",
        location="København",
        invitees=everyone,
        agenda=[
            "Status på handlingsplanen 2022-2025",
            "CMM's deltagelse i fælles myndighedsaktioner",
            "Nabotjek i Belgien: erfaringer med myndighedssamarbejde",
        ],
    )
    coordination.forum_attendance_record(
        actor=coordinator, meeting=working_group, present=everyone[:-2]
    )
    decision = coordination.forum_decision_record(
        actor=coordinator,
        meeting=working_group,
        text="Arbejdsgruppen vedtager handling 2025-01: CMM deltager i fælles "
        "myndighedsaktioner ved mistanke om menneskehandel.",
    )
    joint = coordination.plan_action_propose(
        actor=coordinator,
        number="2025-01",
        text="CMM deltager i fælles myndighedsaktioner med Arbejdstilsynet, Skattestyrelsen "
        "og politiet ved mistanke om menneskehandel til tvangsarbejde.",
        indicator="Antal fælles myndighedsaktioner med CMM til stede",
        lead=by_name["CMM"],
        partners=[by_name["Arbejdstilsynet"], by_name["Skattestyrelsen"], by_name["MVJ Politi"]],
        deadline=today + timedelta(days=120),
        meeting=working_group,
    )
    coordination.plan_action_adopt(actor=coordinator, action=joint, decision=decision)
    coordination.plan_action_report_progress(
        actor=coordinator,
        action=joint,
        text="CMM deltog i en fælles myndighedsaktion ved et gartneri i Midt- og Vestjylland.",
        percent_done=25,
        status=ActionStatus.IN_PROGRESS,
    )
    coordination.forum_minutes_write(
        actor=coordinator,
        meeting=working_group,
        text="Arbejdsgruppen gennemgik handlingsplanen og vedtog handling 2025-01.",
    )
    operational = [
        by_name[name]
        for name in ("CMM", "Udlændingestyrelsen", "NSK", "MVJ Politi", "Arbejdstilsynet")
    ]
    monthly = coordination.forum_meeting_create(
        actor=coordinator,
        kind=ForumKind.OPERATIONAL,
        held_on=today - timedelta(days=12),
        title="Operationelt møde om identifikation og refleksionsperioder",
        location="Center mod Menneskehandel, København",
        invitees=operational,
        agenda=[
            "Henvisninger fra fælles myndighedsaktioner til identifikation",
            "Forlængede udrejsefrister og politiets anmodninger om opholdstilladelse",
        ],
    )
    coordination.forum_attendance_record(actor=coordinator, meeting=monthly, present=operational)
    coordination.forum_follow_up_add(
        actor=coordinator,
        meeting=monthly,
        description="Udlændingestyrelsen gennemgår ventetiden på identifikation.",
        owner=by_name["Udlændingestyrelsen"],
        due_on=today + timedelta(days=14),
    )
