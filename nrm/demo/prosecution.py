"""The demo's criminal case: the joint action at the Brussels-South construction site taken to
judgment by the labour auditor.

Built on the inspections demo (nrm/demo/inspections.py): its joint action, the three workers
it referred to PAG-ASA, and two companies of the site's subcontracting chain (the employer
and the contractor it works for). The centre accepts the three, the immigration office
gives them their documents, the prosecutor opens the file, qualifies the facts, opens the
investigation and gives positive opinions (temporary permits follow), freezes assets, brings
the case before the court and requests conviction for trafficking (the immigration office
then grants permanent residence); the court convicts, confiscates and allocates the
confiscated value to the victims' compensation. Plus back-pay claims along the chain, the
rapporteur as civil party, an application to the state fund, a protected statement with a
judge's disclosure decision, and a local operational meeting with its follow-ups.

Everything goes through the real actions, by the persona whose organisation takes each step.
The timeline is compressed into the days since the joint action (a real case takes years).
Without the inspections demo, the site, its two companies and three workers are created
here through the inspections and people actions, and the case has no linked inspection.
The function adapts to pathway steps other demos already recorded: an event the pathway no
longer accepts is left out, never forced.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from nrm.access.actions import involvement_open
from nrm.access.context import Actor
from nrm.access.models import InvolvementBasis, Purpose
from nrm.core.errors import DomainError
from nrm.inspections.actions import (
    CompanyData,
    WorksiteData,
    chain_link_add,
    company_create,
    worksite_create,
)
from nrm.inspections.models import ChainLink, Company, Evidence, Inspection, Screening, Worksite
from nrm.law.provisions import NEW_TRAFFICKING
from nrm.organisations.models import Organisation, OrganisationType, Region
from nrm.people.actions import PersonData, person_create
from nrm.people.models import Person
from nrm.prosecution import actions, charges
from nrm.prosecution.actions import VerdictData
from nrm.prosecution.models import CaseFile, CaseSuspect
from nrm.protection.actions import pathway_event_record
from nrm.protection.models import PathwayRecord, StatusEvent
from nrm.referrals.models import Referral, ReferralStatus

JOINT_ACTION_TITLE = "Joint action, construction site Brussels-South"
FACTS: dict[str, Any] = {
    "offence_period": None,  # set from the dates below
    "victim": {
        "age_at_acts": 34,
        "vulnerabilities": ["IRREGULAR_OR_PRECARIOUS_ADMIN_STATUS"],
        "consent_to_exploitation": None,
        "acted_against_will_for_crimes": None,
    },
    "acts": ["RECRUIT", "HARBOUR"],
    "means": ["ABUSE_OF_VULNERABILITY"],
    "purposes": ["WORK_CONTRARY_TO_HUMAN_DIGNITY"],
    "labour_conditions": {
        "hourly_wage_eur": 3.5,
        "legal_minimum_hourly_wage_eur": 12.5,
        "weekly_hours": 66,
        "rest_days_per_week": 0,
        "housing_provided_by_employer": True,
        "housing_degrading": True,
        "unsafe_workplace": None,
        "undeclared_work": True,
        "documents_withheld": True,
        "wage_deductions": None,
        "dependency_on_employer": True,
        "humiliating_treatment": None,
    },
    "aggravating_facts": ["ABUSE_OF_PARTICULAR_VULNERABILITY"],
    "number_of_victims": 3,
    "attempt_only": False,
}


class _Clock:
    """Days after the joint action, never after today."""

    def __init__(self, start: date, today: date) -> None:
        self.start = start
        self.today = today

    def day(self, offset: int) -> date:
        return min(self.today, self.start + timedelta(days=offset))

    def at(self, offset: int, hour: int) -> datetime:
        return datetime.combine(
            self.start + timedelta(days=offset), time(hour), tzinfo=timezone.get_current_timezone()
        )


def _enterprise_number(body: int) -> str:
    first = f"0{body:07d}"[:8]
    return f"{first}{97 - int(first) % 97:02d}"


def _chain_pair(worksite: Worksite) -> tuple[Company, Company] | None:
    """The deepest Belgian employer in the site's chain, and the company it works for."""
    links = list(ChainLink.objects.filter(worksite=worksite).select_related("company", "parent"))
    by_pk = {link.pk: link for link in links}

    def depth(link: ChainLink) -> int:
        steps = 0
        while link.parent_id is not None and steps < len(links):
            link = by_pk[link.parent_id]
            steps += 1
        return steps

    candidates = [
        link
        for link in links
        if link.parent_id is not None
        and link.company.enterprise_number
        and link.company.country == "BE"
    ]
    if not candidates:
        return None
    employer = max(candidates, key=depth)
    assert employer.parent is not None
    return employer.company, employer.parent.company


def _own_site(actors: dict[str, Actor]) -> tuple[Worksite, Company, Company]:
    """Without the inspections demo: the site and two companies, through the real actions."""
    inspector = actors["inspector"]
    site = worksite_create(
        actor=inspector,
        data=WorksiteData(
            name="Residential tower Brussels-South, lot B",
            kind="CONSTRUCTION_SITE",
            address="Rue de France 60",
            postcode="1060",
            municipality="Saint-Gilles",
            region=Region.objects.get(code="BRU"),
        ),
    )
    contractor = company_create(
        actor=inspector,
        data=CompanyData(
            name="Bouwgroep Demo BV",
            sector="F",
            enterprise_number=_enterprise_number(4120002),
            nace_code="41.201",
        ),
    )
    employer = company_create(
        actor=inspector,
        data=CompanyData(
            name="Renov Express SRL",
            sector="F",
            enterprise_number=_enterprise_number(4120003),
            nace_code="43.390",
        ),
    )
    chain_link_add(actor=inspector, worksite=site, company=contractor)
    chain_link_add(actor=inspector, worksite=site, company=employer, works_for=contractor)
    return site, employer, contractor


def _own_workers(actors: dict[str, Actor], day: date) -> list[Person]:
    workers = [
        ("Ion", "Rusu", "RO", 34),
        ("Oleksandr", "Bondar", "UA", 41),
        ("Ana", "Lima", "BR", 27),
    ]
    return [
        person_create(
            actor=actors["investigator"],
            data=PersonData(
                given_names=given,
                family_name=family,
                nationalities=[nationality],
                age_at_first_contact=age,
                first_contact_on=day,
            ),
        )
        for given, family, nationality, age in workers
    ]


def _pathway_last(person: Person) -> tuple[int, date | None, str]:
    record = PathwayRecord.objects.filter(person=person).first()
    if record is None:
        return 0, None, ""
    last = StatusEvent.objects.filter(record=record).order_by("-sequence").first()
    return record.version, (last.on if last else None), record.state


def _step(actor: Actor, person: Person, event_type: str, on: date, **kwargs: object) -> bool:
    """Record a pathway event if the pathway accepts it now (the demo adapts to what the
    other demos already recorded); False when it does not."""
    version, last, _state = _pathway_last(person)
    try:
        pathway_event_record(
            actor=actor,
            person=person,
            event_type=event_type,
            on=max(on, last) if last else on,
            expected_version=version,
            **kwargs,  # type: ignore[arg-type]
        )
    except DomainError:
        return False
    return True


def _accept_referrals(actors: dict[str, Actor], persons: list[Person], clock: _Clock) -> None:
    """PAG-ASA takes on the three workers it was referred at the joint action."""
    from nrm.referrals.actions import referral_accept

    caseworker = actors.get("caseworker")
    if caseworker is None or caseworker.organisation is None:
        return
    for referral in Referral.objects.filter(
        person__in=persons,
        status=ReferralStatus.PENDING,
        referred_organisation=caseworker.organisation,
    ):
        try:
            referral_accept(
                actor=caseworker,
                referral=referral,
                expected_version=referral.version,
                now=min(timezone.now(), clock.at(0, 18)),
            )
        except DomainError:
            continue


def build_prosecution(actors: dict[str, Actor], today: date) -> None:
    prosecutor, judge = actors["prosecutor"], actors["judge"]
    investigator, inspector = actors["investigator"], actors["inspector"]
    immigration = actors["immigration"]
    screenings = list(
        Screening.objects.filter(
            inspection__joint_action__title=JOINT_ACTION_TITLE,
            referral__isnull=False,
        )
        .select_related("inspection__worksite", "person")
        .order_by("created_at", "pk")[:3]
    )
    inspection: Inspection | None = screenings[0].inspection if screenings else None
    pair = _chain_pair(inspection.worksite) if inspection and inspection.worksite else None
    start = (inspection.carried_out_on if inspection else None) or today - timedelta(days=10)
    clock = _Clock(start, today)
    if inspection is not None and inspection.worksite is not None and pair is not None:
        site: Worksite = inspection.worksite
        employer, contractor = pair
        persons = [s.person for s in screenings]
    else:
        inspection = None
        site, employer, contractor = _own_site(actors)
        persons = _own_workers(actors, clock.day(0))

    # The centre takes the workers on; the immigration office gives the reflection document.
    _accept_referrals(actors, persons, clock)
    caseworker = actors.get("caseworker")
    for person in persons:
        if caseworker is not None and not PathwayRecord.objects.filter(person=person).exists():
            assert caseworker.organisation is not None
            involvement_open(
                actor=caseworker,
                person=person,
                organisation=caseworker.organisation,
                purpose=Purpose.CARE,
                basis=InvolvementBasis.REFERRAL_ACCEPTED,
            )
            _step(caseworker, person, "REFERRED", clock.day(0))
        _step(immigration, person, "REFLECTION_DOCUMENT_ISSUED", clock.day(0))

    # The labour auditor opens the file on the joint action's report.
    case = actions.case_file_open(
        actor=prosecutor,
        title="Construction site Brussels-South, lot B",
        exploitation_form="LABOUR",
        opened_on=clock.day(1),
        summary=(
            "Joint action of the ECOSOC team with the federal judicial police: workers employed "
            "through a subcontracting chain, paid far below the minimum wage, passports kept "
            "by the foreman, housed in containers on the site."
        ),
    )
    if inspection is not None:
        actions.case_inspection_link(actor=prosecutor, case=case, inspection=inspection)
        for evidence in Evidence.objects.filter(inspection=inspection):
            actions.case_evidence_link(actor=prosecutor, case=case, evidence=evidence)
    for who in (investigator, inspector):
        assert who.membership is not None
        actions.case_assignment_add(
            actor=prosecutor,
            case=case,
            user=who.user,
            organisation=who.membership.organisation,
            role="INVESTIGATOR",
        )
    for company, role in ((employer, "EMPLOYER"), (contractor, "CONTRACTOR")):
        actions.case_company_link(
            actor=prosecutor, case=case, company=company, role=role, worksite=site
        )
    victims = [
        actions.case_victim_add(actor=prosecutor, case=case, person_reference=p.reference)
        for p in persons
    ]
    foreman = actions.case_suspect_add(
        actor=prosecutor,
        case=case,
        new_person=PersonData(
            given_names="Dragoș", family_name="Munteanu", nationalities=["RO"], gender="Masculine"
        ),
    )
    employer_suspect = actions.case_suspect_add(actor=prosecutor, case=case, company=employer)
    contractor_suspect = actions.case_suspect_add(actor=prosecutor, case=case, company=contractor)

    # Complaints and provisional documents; the statement of the first worker.
    for person in persons:
        _step(investigator, person, "COMPLAINT_FILED", clock.day(1))
        _step(immigration, person, "PROVISIONAL_DOCUMENT_ISSUED", clock.day(1))
    statement = actions.statement_record(
        actor=investigator,
        case=case,
        victim=victims[0],
        taken_on=clock.day(1),
        text=(
            "The foreman took my passport on the first day and said I would get it back when "
            "my debt was paid. We worked from six in the morning to eight at night, every day. "
            "We slept in the container behind the crane."
        ),
        language="ro",
    )

    # Qualification and charges.
    facts: dict[str, Any] = dict(FACTS)
    facts["offence_period"] = {
        "start": (clock.day(0) - timedelta(days=240)).isoformat(),
        "end": clock.day(0).isoformat(),
    }
    snapshot = actions.qualification_snapshot_take(
        actor=prosecutor,
        case=case,
        facts=facts,
        jurisdictions=["BE"],
        taken_on=clock.day(2),
        note="On the joint action's report and the screenings of the three workers.",
    )
    # Charged under the code in force for the acts: trafficking went on until the joint
    # action, so acts from the cut-over (8 April 2026 by default) fall under the new
    # Criminal Code (BE-CP2026-trafficking); an older demo date keeps art. 433quinquies.
    last_act = clock.day(0)
    in_force = dict(charges.charge_choices(charges.OffencePeriod(last_act, last_act)))
    trafficking = NEW_TRAFFICKING if NEW_TRAFFICKING in in_force else "BE-CP-433quinquies"
    for suspect, provision in (
        (foreman, trafficking),
        (employer_suspect, trafficking),
        (contractor_suspect, "BE-SPC-175"),
    ):
        actions.charge_add(
            actor=prosecutor,
            case=case,
            suspect=suspect,
            provision=provision,
            snapshot=snapshot if provision == trafficking else None,
            charged_on=clock.day(2),
        )

    # The investigation and the victims' opinions: temporary permits follow.
    case = _decide(prosecutor, case, actions.case_investigation_open, decided_on=clock.day(2))
    for victim in victims:
        case = _decide(
            prosecutor,
            case,
            actions.case_opinion_give,
            decided_on=clock.day(2),
            victim=victim,
            positive=True,
            reason="Victim of trafficking for labour exploitation; cooperates.",
        )
        _step(immigration, victim.person, "TEMPORARY_PERMIT_ISSUED", clock.day(2))

    # Assets frozen so that the victims can be compensated.
    account = actions.asset_freeze(
        actor=prosecutor,
        case=case,
        kind="BANK_ACCOUNT",
        value_eur=Decimal("48250.00"),
        frozen_on=clock.day(3),
        description="Business account of the employer (demo, invented)",
        owner=employer_suspect,
    )
    van = actions.asset_freeze(
        actor=prosecutor,
        case=case,
        kind="VEHICLE",
        value_eur=Decimal("12500.00"),
        frozen_on=clock.day(3),
        description="Van used to drive the workers to the site",
        owner=foreman,
    )
    cash = actions.asset_freeze(
        actor=prosecutor,
        case=case,
        kind="CASH",
        value_eur=Decimal("6200.00"),
        frozen_on=clock.day(3),
        description="Cash found in the site office",
    )
    actions.asset_release(
        actor=prosecutor,
        asset=cash,
        expected_version=cash.version,
        released_on=clock.day(6),
        reason="The workers' own savings, kept in the office safe: returned to them.",
    )

    _meeting(actors, case, clock)

    # Before the court; the request for conviction opens permanent residence.
    court = judge.organisation
    assert court is not None  # the judge persona works for a court
    case = _decide(prosecutor, case, actions.case_indict, decided_on=clock.day(5), court=court)
    actions.hearing_schedule(
        actor=judge, case=case, kind="TRIAL", starts_at=clock.at(7, 9), room="Chamber 54"
    )
    actions.hearing_schedule(
        actor=judge, case=case, kind="PRONOUNCEMENT", starts_at=clock.at(9, 14), room="Chamber 54"
    )
    case = _decide(prosecutor, case, actions.case_conviction_request, decided_on=clock.day(7))
    for victim in victims:
        _step(immigration, victim.person, "PERMANENT_RESIDENCE_GRANTED", clock.day(8))

    # Civil parties and their claims; back pay along the chain.
    parties = [
        actions.civil_party_join(
            actor=judge, case=case, kind="VICTIM", joined_on=clock.day(7), victim=victim
        )
        for victim in victims
    ]
    rapporteur = Organisation.objects.filter(type=OrganisationType.RAPPORTEUR).first()
    if rapporteur is not None:
        myria = actions.civil_party_join(
            actor=judge,
            case=case,
            kind="RAPPORTEUR",
            joined_on=clock.day(7),
            organisation=rapporteur,
        )
        actions.civil_claim_file(
            actor=judge,
            civil_party=myria,
            amount_claimed_eur="1.00",
            filed_on=clock.day(7),
            description="Symbolic euro.",
        )
    claims = [
        actions.civil_claim_file(
            actor=judge,
            civil_party=party,
            amount_claimed_eur=amount,
            filed_on=clock.day(7),
            description="Moral damage.",
        )
        for party, amount in zip(parties, ("9000.00", "7500.00", "6000.00"), strict=False)
    ]
    back_pay = actions.back_pay_claim_file(
        actor=inspector,
        case=case,
        worker=victims[0],
        route="JOINT_LIABILITY",
        amount_claimed_eur=Decimal("6210.00"),
        filed_on=clock.day(4),
        employer=employer,
        worksite=site,
    )
    if len(victims) > 1:
        actions.back_pay_claim_file(
            actor=inspector,
            case=case,
            worker=victims[1],
            route="JOINT_LIABILITY",
            amount_claimed_eur=Decimal("5400.00"),
            filed_on=clock.day(4),
            employer=employer,
            worksite=site,
            worked_from=clock.day(0) - timedelta(days=150),
            worked_until=clock.day(0),
        )
    if len(victims) > 2:
        actions.back_pay_claim_file(
            actor=inspector,
            case=case,
            worker=victims[2],
            route="STATE_PROCEDURE",
            amount_claimed_eur=Decimal("3100.00"),
            filed_on=clock.day(4),
            months_unpaid=2,
            worked_without_permit=True,
        )

    # The judgment: convictions, confiscation, the claims awarded and paid from it.
    case = _decide(
        judge,
        case,
        actions.case_judgment_record,
        judged_on=clock.day(9),
        verdicts=[
            VerdictData(
                foreman,
                "CONVICTED",
                convicted_of_trafficking=True,
                prison_months=48,
                suspension="PARTLY",
                fine_eur=Decimal("8000.00"),
                confiscation_eur=Decimal("11000.00"),
            ),
            VerdictData(
                employer_suspect,
                "CONVICTED",
                convicted_of_trafficking=True,
                fine_eur=Decimal("24000.00"),
                confiscation_eur=Decimal("48250.00"),
            ),
            VerdictData(contractor_suspect, "CONVICTED", fine_eur=Decimal("12000.00")),
        ],
    )
    actions.asset_confiscate(
        actor=judge,
        asset=account,
        expected_version=account.version,
        confiscated_on=clock.day(9),
        confiscated_value_eur=Decimal("48250.00"),
    )
    actions.asset_confiscate(
        actor=judge,
        asset=van,
        expected_version=van.version,
        confiscated_on=clock.day(9),
        confiscated_value_eur=Decimal("11000.00"),
    )
    for claim, awarded in zip(claims, ("9000.00", "7000.00", "6000.00"), strict=False):
        claim = actions.civil_claim_decide(
            actor=judge,
            claim=claim,
            expected_version=claim.version,
            status="AWARDED",
            decided_on=clock.day(9),
            amount_awarded_eur=awarded,
        )
        actions.allocation_make(
            actor=judge,
            case=case,
            amount_eur=awarded,
            allocated_on=clock.day(9),
            civil_claim=claim,
        )
    actions.allocation_make(
        actor=judge,
        case=case,
        amount_eur=Decimal("6210.00"),
        allocated_on=clock.day(9),
        back_pay_claim=back_pay,
    )
    if len(victims) > 2:
        actions.state_fund_application_file(
            actor=prosecutor,
            case=case,
            victim=victims[2],
            filed_on=clock.day(9),
            amount_requested_eur=Decimal("4000.00"),
            note="Filed with the centre's legal adviser.",
        )
    suspect = CaseSuspect.objects.get(pk=foreman.pk)
    actions.disclosure_decide(
        actor=judge,
        statement=statement,
        outcome="GRANTED",
        decided_on=clock.day(6),
        scope="REDACTED",
        redacted_text=(
            "The foreman took the worker's passport on the first day. [The worker's debt, "
            "working hours and place of rest are left out to protect the worker.]"
        ),
        conditions="To be read at the court registry; no copies; no contact with the worker.",
        questioning_allowed=False,
        defence_of=suspect,
        recipient="Counsel for the foreman",
        valid_until=clock.day(9) + timedelta(days=60),
    )


def _decide(
    actor: Actor, case: CaseFile, action: Callable[..., actions.Decided], **kwargs: object
) -> CaseFile:
    """Take a decision on the case's current version (the demo is the only one deciding)."""
    current = CaseFile.objects.get(pk=case.pk)
    return action(actor=actor, case=current, expected_version=current.version, **kwargs).case


def _meeting(actors: dict[str, Actor], case: CaseFile, clock: _Clock) -> None:
    """The month's local operational meeting discusses the case."""
    prosecutor, inspector, investigator = (
        actors["prosecutor"],
        actors["inspector"],
        actors["investigator"],
    )
    participants = [a.organisation for a in (inspector, investigator) if a.organisation]
    meeting = actions.meeting_create(
        actor=prosecutor,
        held_on=clock.day(4),
        title="Local operational meeting, Brussels",
        location="Labour auditorate, meeting room 2",
        participants=participants,
        notes="ECOSOC Brussels, federal judicial police and the labour auditor.",
    )
    item = actions.agenda_item_add(
        actor=prosecutor,
        meeting=meeting,
        topic="Brussels-South site: evidence before the hearing",
        case=case,
        discussion="The workers' hours are documented; the wages actually paid are not yet.",
        decision="The inspection computes the back wages owed; the police trace the accounts.",
    )
    actions.follow_up_add(
        actor=prosecutor,
        agenda_item=item,
        description="Compute the back wages owed to the three workers.",
        responsible=participants[0],
        due_on=clock.day(4) + timedelta(days=14),
    )
    accounts = actions.follow_up_add(
        actor=prosecutor,
        agenda_item=item,
        description="Trace the employer's bank accounts.",
        responsible=participants[-1],
        due_on=clock.day(4) + timedelta(days=7),
    )
    actions.follow_up_complete(actor=investigator, follow_up=accounts)
