"""The demo's labour inspection: a joint action at a construction site in Brussels where 12
workers are screened and 3 potential victims referred to the centre of the region, and a
year of inspections by the Brussels and Antwerp teams: 240 together against the national
target of 100 for all teams (the seed note's figures for 2024).

Everything goes through the real actions (and so fills the audit trail as real use would);
invented companies, with enterprise numbers that pass the check but belong to no one.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker

from nrm.access.context import Actor, actor_for
from nrm.inspections.actions import (
    CompanyData,
    ObservationData,
    ScreeningData,
    WorksiteData,
    chain_link_add,
    company_create,
    inspection_carry_out,
    inspection_plan,
    inspection_report,
    joint_action_create,
    participant_add,
    screening_create,
    screening_refer,
    worksite_create,
)
from nrm.inspections.models import Inspection, JointAction, Worksite
from nrm.inspections.vocab import Consent, Framework, ParticipantRole, WorksiteKind
from nrm.organisations.models import Membership, Organisation, Region
from nrm.people.actions import PersonData
from nrm.people.vocab import Gender

SEED = 20241204
# The figures of the seed note for 2024: 240 inspections by all the ECOSOC teams together
# against the national target of 100 (not 100 per team); here shared by two teams.
BRUSSELS_DONE = 202
ANTWERP_DONE = 38
FL = Framework.ILO_FORCED_LABOUR
EC = Framework.ILO_EC_OPERATIONAL
BE = Framework.BE_HUMAN_DIGNITY


def enterprise_number(body: int) -> str:
    """A number that passes the KBO check (0 + eight digits + 97 - mod 97)."""
    first = f"0{body:07d}"[:8]
    return f"{first}{97 - int(first) % 97:02d}"


@dataclass
class _Worker:
    nationality: str
    language: str
    locale: str
    age: int
    gender: str
    observations: list[ObservationData] = field(default_factory=list)
    hourly_wage: Decimal | None = None
    weekly_hours: Decimal | None = None
    consent: str = Consent.NOT_ASKED


# The three potential victims first: documents withheld, degrading housing, pay far below
# the minimum, long weeks. The nine others show little or nothing.
_WORKERS = [
    _Worker(
        "RO",
        "ro",
        "ro_RO",
        34,
        Gender.MASCULINE,
        [
            ObservationData(FL, "ILO-FL-07", "Passport kept in the site office by the foreman."),
            ObservationData(FL, "ILO-FL-08", "No pay for two months; told it pays off a debt."),
            ObservationData(FL, "ILO-FL-09"),
            ObservationData(BE, "DEGRADING_HOUSING", "Sleeps in a container on the site."),
        ],
        Decimal("3.50"),
        Decimal("66"),
        Consent.CONSENTED,
    ),
    _Worker(
        "UA",
        "uk",
        "uk_UA",
        41,
        Gender.MASCULINE,
        [
            ObservationData(EC, "ILOEC-AL-1.01", "Recruited for a factory job in Germany."),
            ObservationData(EC, "ILOEC-AL-1.08"),
            ObservationData(EC, "ILOEC-AL-4.01"),
            ObservationData(EC, "ILOEC-AL-4.04"),
            ObservationData(EC, "ILOEC-AL-5.01"),
            ObservationData(EC, "ILOEC-AL-5.14"),
        ],
        Decimal("4.00"),
        Decimal("70"),
        Consent.CONSENTED,
    ),
    _Worker(
        "BR",
        "pt",
        "pt_BR",
        27,
        Gender.FEMININE,
        [
            ObservationData(BE, "DEGRADING_HOUSING", "Shares a windowless room with five others."),
            ObservationData(BE, "UNDECLARED_WORK"),
            ObservationData(
                BE, "DEPENDENCY", "Housing, food and transport depend on the employer."
            ),
        ],
        Decimal("5.00"),
        Decimal("60"),
        Consent.CONSENTED,
    ),
    _Worker("PT", "pt", "pt_PT", 45, Gender.MASCULINE),
    _Worker("RO", "ro", "ro_RO", 29, Gender.MASCULINE, [ObservationData(BE, "UNDECLARED_WORK")]),
    _Worker("BG", "bg", "bg_BG", 38, Gender.MASCULINE),
    _Worker("PL", "pl", "pl_PL", 52, Gender.MASCULINE),
    _Worker("MA", "ar", "fr_FR", 31, Gender.MASCULINE, [ObservationData(FL, "ILO-FL-11")]),
    _Worker("RO", "ro", "ro_RO", 23, Gender.MASCULINE),
    _Worker("PT", "pt", "pt_PT", 36, Gender.FEMININE),
    _Worker("BE", "nl", "nl_BE", 48, Gender.MASCULINE),
    _Worker(
        "UA",
        "uk",
        "uk_UA",
        33,
        Gender.MASCULINE,
        [ObservationData(EC, "ILOEC-AL-4.02")],
        consent=Consent.REFUSED,
    ),
]

# Sites of the year's other inspections, with the sector their inspections are filed under.
_SITES = [
    ("Restaurant Le Petit Port", WorksiteKind.RESTAURANT, "I", "Rue du Marché 12", "1000"),
    ("Car wash Anderlecht", WorksiteKind.CAR_WASH, "S", "Chaussée de Mons 300", "1070"),
    ("Night shop Midi", WorksiteKind.SHOP, "G", "Avenue de Stalingrad 8", "1000"),
    ("Distribution centre Haren", WorksiteKind.WAREHOUSE, "H", "Rue de la Fusée 50", "1130"),
    (
        "Cleaning contract, offices Nord",
        WorksiteKind.CLEANING,
        "N",
        "Boulevard du Roi Albert II 30",
        "1000",
    ),
    ("Bakery workshop Molenbeek", WorksiteKind.FACTORY, "C", "Rue de Ribaucourt 40", "1080"),
    ("Renovation site Ixelles", WorksiteKind.CONSTRUCTION_SITE, "F", "Rue du Page 70", "1050"),
    ("Market gardens Neder-Over-Heembeek", WorksiteKind.FARM, "A", "Chemin des Prés 3", "1120"),
]
_ANTWERP_SITES = [
    ("Port warehouse Kallo", WorksiteKind.WAREHOUSE, "H", "Haandorpweg 10", "9130"),
    ("Nail salon De Keyserlei", WorksiteKind.SHOP, "S", "De Keyserlei 20", "2018"),
    ("Greenhouses Hoogstraten", WorksiteKind.FARM, "A", "Loenhoutseweg 4", "2320"),
]
_OUTCOMES = [
    ("NO_INFRINGEMENT", 40),
    ("REGULARISATION", 25),
    ("PRO_JUSTITIA", 25),
    ("TRAFFICKING_INDICATORS", 8),
    ("WORK_STOPPED", 2),
]


def _membership_actor(actor: Actor, short_name: str) -> Actor | None:
    membership = (
        Membership.objects.filter(
            user=actor.user, organisation__short_name=short_name, ended_at__isnull=True
        )
        .select_related("organisation")
        .first()
    )
    return actor_for(actor.user, membership) if membership else None


def _chain(inspector: Actor, site: Worksite) -> None:
    principal = company_create(
        actor=inspector,
        data=CompanyData(
            name="Immo Zuidpoort NV",
            sector="L",
            enterprise_number=enterprise_number(4120001),
            nace_code="68.10",
            address="Boulevard du Midi 100, 1000 Brussels",
        ),
    )
    contractor = company_create(
        actor=inspector,
        data=CompanyData(
            name="Bouwgroep Demo BV",
            sector="F",
            enterprise_number=enterprise_number(4120002),
            nace_code="41.201",
            address="Industrieweg 5, 1800 Vilvoorde",
        ),
    )
    subcontractor = company_create(
        actor=inspector,
        data=CompanyData(
            name="Renov Express SRL",
            sector="F",
            enterprise_number=enterprise_number(4120003),
            nace_code="43.390",
            address="Rue de la Clinique 9, 1070 Anderlecht",
        ),
    )
    posting = company_create(
        actor=inspector,
        data=CompanyData(
            name="Construções Atlântico Lda",
            sector="F",
            country="PT",
            nace_code="43.99",
            address="Rua do Porto 1, Braga",
        ),
    )
    chain_link_add(actor=inspector, worksite=site, company=principal)
    chain_link_add(actor=inspector, worksite=site, company=contractor, works_for=principal)
    chain_link_add(actor=inspector, worksite=site, company=subcontractor, works_for=contractor)
    chain_link_add(actor=inspector, worksite=site, company=posting, works_for=subcontractor)


def _joint_action(actors: dict[str, Actor], today: date, site: Worksite) -> Inspection:
    inspector = actors["inspector"]
    day = max(date(today.year, 1, 1), today - timedelta(days=10))
    joint_action: JointAction = joint_action_create(
        actor=inspector,
        title="Joint action, construction site Brussels-South",
        planned_on=day,
        briefing=(
            "06:00 meeting point at the police station, Rue de France. Police secure the site "
            "entrances; inspectors check identities, contracts and the site's housing "
            "containers; PAG-ASA social workers hand out the worker guide and stay available "
            "for anyone who wants to talk. The labour auditor is on call."
        ),
        worksites=[site],
    )
    organisations = {o.short_name: o for o in Organisation.objects.all()}
    for short_name, role, headcount in [
        ("FJP Brussels", ParticipantRole.POLICE, 6),
        ("Auditorate Brussels", ParticipantRole.PROSECUTOR, 1),
        ("PAG-ASA", ParticipantRole.CENTRE_SOCIAL_WORKER, 2),
    ]:
        if short_name in organisations:
            joint_action.refresh_from_db()
            participant_add(
                actor=inspector,
                joint_action=joint_action,
                expected_version=joint_action.version,
                organisation=organisations[short_name],
                role=role,
                headcount=headcount,
            )
    inspection = inspection_plan(
        actor=inspector, planned_on=day, sector="F", worksite=site, joint_action=joint_action
    )
    return inspection_carry_out(
        actor=inspector, inspection=inspection, expected_version=1, carried_out_on=day
    )


def _screenings(actors: dict[str, Actor], inspection: Inspection) -> None:
    inspector = actors["inspector"]
    assert inspection.carried_out_on is not None
    fakers: dict[str, Faker] = {}
    for index, worker in enumerate(_WORKERS):
        faker = fakers.get(worker.locale)
        if faker is None:
            faker = fakers[worker.locale] = Faker(worker.locale)
            faker.seed_instance(SEED + index)
        given = (
            faker.first_name_female()
            if worker.gender == Gender.FEMININE
            else faker.first_name_male()
        )
        screening = screening_create(
            actor=inspector,
            inspection=inspection,
            data=ScreeningData(
                screened_on=inspection.carried_out_on,
                new_person=PersonData(
                    given_names=given,
                    family_name=faker.last_name(),
                    gender=worker.gender,
                    age_at_first_contact=worker.age,
                ),
                nationality=worker.nationality,
                language=worker.language,
                hourly_wage_eur=worker.hourly_wage,
                weekly_hours=worker.weekly_hours,
                observations=worker.observations,
                leaflet_language=worker.language,
                consent=worker.consent,
            ),
        )
        if screening.suggests_potential_victim and worker.consent == Consent.CONSENTED:
            screening_refer(
                actor=inspector,
                screening=screening,
                expected_version=screening.version,
                details="Met at the joint action; speaks little French.",
            )


def _done(
    actor: Actor,
    rng: random.Random,
    *,
    count: int,
    today: date,
    sites: list[tuple[Worksite, str]],
) -> None:
    """`count` trafficking-focused inspections carried out and reported since 1 January."""
    start = date(today.year, 1, 1)
    span = (today - start).days
    outcomes = [o for o, _weight in _OUTCOMES]
    weights = [w for _o, w in _OUTCOMES]
    for index in range(count):
        day = start + timedelta(days=(span * index) // max(count, 1))
        site, sector = sites[rng.randrange(len(sites))]
        inspection = inspection_plan(actor=actor, planned_on=day, sector=sector, worksite=site)
        inspection = inspection_carry_out(
            actor=actor, inspection=inspection, expected_version=1, carried_out_on=day
        )
        inspection_report(
            actor=actor,
            inspection=inspection,
            expected_version=2,
            reported_on=min(today, day + timedelta(days=rng.randint(0, 3))),
            outcome=rng.choices(outcomes, weights)[0],
            findings="Routine report of the demo world.",
        )


def _sites(
    actor: Actor,
    region: Region,
    rows: Sequence[tuple[str, str, str, str, str]],
    municipality: str,
) -> list[tuple[Worksite, str]]:
    return [
        (
            worksite_create(
                actor=actor,
                data=WorksiteData(
                    name=name,
                    kind=kind,
                    address=address,
                    postcode=postcode,
                    municipality=municipality,
                    region=region,
                ),
            ),
            sector,
        )
        for name, kind, sector, address, postcode in rows
    ]


def build_inspections(actors: dict[str, Actor], today: date) -> None:
    """The joint action with its screenings and referrals, then the year's inspections."""
    rng = random.Random(SEED)
    inspector = actors["inspector"]
    brussels = Region.objects.get(code="BRU")
    site = worksite_create(
        actor=inspector,
        data=WorksiteData(
            name="Residential tower Brussels-South, lot B",
            kind=WorksiteKind.CONSTRUCTION_SITE,
            address="Rue de France 60",
            postcode="1060",
            municipality="Saint-Gilles",
            region=brussels,
        ),
    )
    _chain(inspector, site)
    joint = _joint_action(actors, today, site)
    _screenings(actors, joint)
    inspection_report(
        actor=actors.get("teamlead", inspector),
        inspection=joint,
        expected_version=joint.version,
        reported_on=min(today, (joint.carried_out_on or today) + timedelta(days=2)),
        outcome="TRAFFICKING_INDICATORS",
        findings=(
            "Twelve workers met on site, employed through a chain of four companies. Three "
            "show indicators of trafficking (documents withheld, pay far below the minimum, "
            "housing in containers on the site) and were referred to PAG-ASA. Report sent to "
            "the labour auditor."
        ),
    )
    sites = _sites(inspector, brussels, _SITES, "Brussels")
    _done(inspector, rng, count=BRUSSELS_DONE - 1, today=today, sites=sites)
    antwerp = _membership_actor(actors.get("teamlead", inspector), "ECOSOC Antwerp")
    if antwerp is not None:
        flanders = _sites(antwerp, Region.objects.get(code="VLG"), _ANTWERP_SITES, "Antwerpen")
        _done(antwerp, rng, count=ANTWERP_DONE, today=today, sites=flanders)
