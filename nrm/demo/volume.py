"""A national-scale world on top of the demo world: `nrm demo load --persons N` for large N.

The demo world (`world.py`) goes through the real actions, one audited write at a time:
right for 48 persons, hours for a million. This module writes the same kinds of rows in
bulk, in the proportions of a Belgian installation after some years (issue 17: per 200,000
persons, 550k involvements, 150k referrals, 100k inspections, 20k companies, 10k case files,
3M audit rows), so that pages, lists and reports can be measured at national volume.

Rows are built as model instances, so defaults, encryption of identities and JSON go
through the fields' own preparation (`get_db_prep_save`), exactly as a `save()` would; they
are then streamed to PostgreSQL with COPY, or written with `bulk_create` elsewhere. Ids are
allocated here (after the current maximum), so rows can point at each other without a
round trip, and the sequences are moved past them at the end.

The audit rows continue the keyed chains exactly as `audit_record` does: each chain's head
is locked, each row's keyed hash is computed by `nrm.access.audit`'s own function over its
content, its chain and its predecessor's id and hash, and the heads are moved to the last
rows. `nrm audit verify` accepts the result.

Everything happens in one transaction: an interrupted load leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter
from tqdm import tqdm

from nrm.access.audit import GENESIS_HASH, canonical
from nrm.access.audit import _audit_key as audit_key
from nrm.access.audit import _chains as audit_chains
from nrm.access.audit import _event_body as event_body
from nrm.access.models import (
    AuditChainHead,
    AuditEvent,
    AuditEventType,
    Involvement,
    InvolvementBasis,
    Purpose,
)
from nrm.accounts.models import User
from nrm.core.references import ALPHABET
from nrm.inspections.models import ChainLink, Company, Inspection, Worksite
from nrm.inspections.vocab import InspectionOutcome, InspectionStatus, Sector, WorksiteKind
from nrm.organisations.models import Membership, Organisation, OrganisationType, Region
from nrm.people.blind_index import Token
from nrm.people.models import Person, PersonNameIndexState, PersonNameToken
from nrm.people.search import blind_index
from nrm.people.vocab import Gender
from nrm.prosecution.models import CaseAssignment, CaseCompany, CaseFile, CaseVictim
from nrm.prosecution.vocab import AssignmentRole, CaseStatus, CompanyRole, ExploitationForm
from nrm.referrals.models import Referral, ReferralReason, ReferralSource, ReferralStatus

SEED = 20260517
# Per person, from the installation measured in issue 17 (200,000 persons).
PER_PERSON = {
    "companies": 0.10,
    "worksites": 0.20,
    "inspections": 0.50,
    "case_files": 0.05,
    "referrals": 0.75,
    "involvements": 2.75,
    "audit_events": 15.0,
}
CHUNK = 5_000  # persons generated and written at a time (memory stays flat)
NATIONALITIES = [
    ("RO", ["ro"]), ("BG", ["bg"]), ("MA", ["ar", "fr"]), ("PH", ["tl", "en"]),
    ("BD", ["bn"]), ("UA", ["uk", "ru"]), ("BR", ["pt"]), ("IN", ["hi", "en"]),
    ("VN", ["vi"]), ("NG", ["en", "yo"]), ("AL", ["sq"]), ("CN", ["zh"]),
]  # fmt: skip
GIVEN = [
    "Ana", "Ion", "Maria", "Jose", "Nadia", "Omar", "Linh", "Ravi", "Olena", "Chidi",
    "Elena", "Karim", "Mihai", "Rosa",
]  # fmt: skip
FAMILY = [
    "Popescu", "Ivanova", "Idrissi", "Santos", "Rahman", "Shevchenko", "Silva", "Sharma",
    "Nguyen", "Okafor",
]  # fmt: skip
STREETS = [
    "Rue Haute", "Kerkstraat", "Chaussée de Mons", "Stationsstraat", "Rue de Liège",
    "Dorpsstraat", "Boulevard Anspach", "Nieuwstraat", "Rue Neuve", "Molenstraat",
]  # fmt: skip


@dataclass
class VolumeCounts:
    """What a load wrote, table by table."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int) -> None:
        self.rows[name] = self.rows.get(name, 0) + count


def scrambled_reference(prefix: str, number: int) -> str:
    """A reference in the format of `readable_reference`, unique per number.

    Multiplying by an odd constant is a bijection modulo 32**8, so distinct numbers give
    distinct references that do not read as a sequence. The numbers are offset by a value
    real references are most unlikely to meet (one in 10**12 per reference).
    """
    value = (number * 0x9E3779B97F + 0x5DEECE66D) % (32**8)
    body = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


class _Ids:
    """Explicit ids after each table's current maximum."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int = 1) -> int:
        if model not in self._next:
            current = model._default_manager.aggregate(top=Max("pk"))["top"] or 0
            self._next[model] = current + 1
        first = self._next[model]
        self._next[model] = first + count
        return first

    def models(self) -> list[type[models.Model]]:
        return list(self._next)


class _Writer:
    """Writes model instances in bulk: COPY on PostgreSQL, `bulk_create` elsewhere."""

    def __init__(self, counts: VolumeCounts) -> None:
        self.counts = counts
        self.copy = connection.vendor == "postgresql"

    def write(self, model: type[models.Model], objects: Sequence[models.Model]) -> None:
        if not objects:
            return
        self.counts.add(model._meta.db_table, len(objects))
        if not self.copy:
            model._default_manager.bulk_create(objects, batch_size=500)
            return
        fields = list(model._meta.concrete_fields)
        self._copy(
            model,
            [f.column for f in fields],
            (
                [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                for obj in objects
            ),
        )

    def write_rows(
        self, model: type[models.Model], columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Rows already in column form (the audit trail: millions, no instances); `columns`
        are the table's column names."""
        if not rows:
            return
        self.counts.add(model._meta.db_table, len(rows))
        if not self.copy:
            objects = [model(**dict(zip(columns, row, strict=True))) for row in rows]
            model._default_manager.bulk_create(objects, batch_size=500)
            return
        self._copy(model, columns, rows)

    def _copy(
        self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        quote = connection.ops.quote_name
        sql = f"COPY {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            # Sent from a thread: the server digests one batch while the next is built.
            with raw.copy(sql, writer=QueuedLibpqWriter(raw)) as copy:
                for row in rows:
                    copy.write_row(row)


@dataclass(frozen=True)
class _Staff:
    """Who acts for each organisation in the generated rows (the demo personas)."""

    users: dict[int, User]  # organisation id -> a member
    fallback: User

    def of(self, organisation: Organisation) -> User:
        return self.users.get(organisation.pk, self.fallback)


@dataclass(slots=True)
class _AuditRow:
    """The attributes of an `AuditEvent` the keyed hash reads, without a model instance.

    Millions of rows: a model instance each would cost more than the hash itself.
    """

    pk: int
    at: datetime
    actor_id: int
    actor_label: str
    organisation_id: int
    role: str
    purpose: str
    event_type: str
    action: str
    record_type: str
    record_id: str
    changes: Any
    prev_hash: str
    hash: str
    chain: int


class _Audit:
    """The keyed chains continued in bulk, exactly as `audit_record` continues them.

    Each row's hash is `nrm.access.audit`'s: HMAC-SHA-256 with the audit-row key over the
    canonical JSON of `_event_body` plus the chain and the predecessor's id. The test of
    this module verifies the result with `audit_verify`, so the two cannot drift apart.
    """

    COLUMNS = (
        "id", "at", "actor_id", "actor_label", "organisation_id", "role", "purpose",
        "event_type", "action", "record_type", "record_id", "changes", "prev_hash", "hash",
        "chain",
    )  # fmt: skip

    def __init__(self, ids: _Ids, writer: _Writer) -> None:
        self.ids = ids
        self.writer = writer
        # The heads are locked for the whole load: no other writer forks a chain meanwhile.
        heads = list(AuditChainHead.objects.select_for_update().order_by("pk"))
        known = {head.pk for head in heads}
        for pk in range(1, audit_chains() + 1):
            if pk not in known:
                heads.append(AuditChainHead.objects.create(pk=pk, last_hash=GENESIS_HASH))
        self.heads = sorted(heads, key=lambda head: head.pk)
        self.pending: list[tuple[Any, ...]] = []
        self.turn = 0
        self.changes_field = AuditEvent._meta.get_field("changes")
        self.key = audit_key("audit-row")

    def add(
        self,
        *,
        at: datetime,
        user: User,
        organisation: Organisation,
        role: str,
        purpose: str,
        event_type: str,
        action: str,
        record_type: str,
        record_id: str,
        changes: dict[str, Any] | None = None,
    ) -> None:
        head = self.heads[self.turn % len(self.heads)]
        self.turn += 1
        row = _AuditRow(
            self.ids.take(AuditEvent),
            at,
            user.pk,
            user.username,
            organisation.pk,
            role,
            purpose,
            event_type,
            action,
            record_type,
            record_id,
            # As `audit_record`: the hash covers exactly what JSON gives back.
            None if changes is None else json.loads(canonical(changes)),
            head.last_hash,
            "",
            head.pk - 1,
        )
        body = event_body(row) | {"chain": row.chain, "prev_id": head.last_event_id}  # type: ignore[arg-type]
        row.hash = hmac.new(self.key, canonical(body).encode("utf-8"), hashlib.sha256).hexdigest()
        head.last_event_id, head.last_hash = row.pk, row.hash
        # COPY takes the column's stored form (encrypted); `bulk_create` encrypts itself.
        stored = (
            self.changes_field.get_db_prep_save(row.changes, connection)
            if row.changes is not None and self.writer.copy
            else row.changes
        )
        self.pending.append(
            (
                row.pk,
                row.at,
                row.actor_id,
                row.actor_label,
                row.organisation_id,
                row.role,
                row.purpose,
                row.event_type,
                row.action,
                row.record_type,
                row.record_id,
                stored,
                row.prev_hash,
                row.hash,
                row.chain,
            )
        )

    def flush(self) -> None:
        self.writer.write_rows(AuditEvent, self.COLUMNS, self.pending)
        self.pending = []

    def close(self) -> None:
        self.flush()
        for head in self.heads:
            head.save(update_fields=["last_event_id", "last_hash"])


@dataclass
class _World:
    """The organisations of the demo world the volume is spread over."""

    teams: list[Organisation]
    police: list[Organisation]
    centres_adults: list[Organisation]
    centres_minors: list[Organisation]
    offices: list[Organisation]
    courts: list[Organisation]
    immigration: Organisation
    regions: list[Region]
    staff: _Staff
    roles: dict[int, str]  # organisation id -> the role its acting member holds

    @classmethod
    def load(cls) -> _World:
        orgs = list(Organisation.objects.order_by("pk"))

        def of(*kinds: str) -> list[Organisation]:
            return [o for o in orgs if o.type in kinds]

        T = OrganisationType
        users: dict[int, User] = {}
        roles: dict[int, str] = {}
        memberships = Membership.objects.select_related("user").filter(ended_at__isnull=True)
        for membership in memberships.order_by("pk"):
            users.setdefault(membership.organisation_id, membership.user)
            roles.setdefault(membership.organisation_id, membership.role)
        fallback = User.objects.order_by("pk").first()
        immigration = of(T.IMMIGRATION_OFFICE)
        world = cls(
            teams=of(T.LABOUR_INSPECTION_TEAM),
            police=of(T.POLICE_UNIT),
            centres_adults=of(T.CENTRE_ADULTS),
            centres_minors=of(T.CENTRE_MINORS),
            offices=of(T.PROSECUTION_OFFICE),
            courts=of(T.COURT),
            immigration=immigration[0] if immigration else orgs[0],
            regions=list(Region.objects.order_by("pk")),
            staff=_Staff(users, fallback) if fallback else _Staff({}, User()),
            roles=roles,
        )
        missing = [
            name
            for name, found in (
                ("labour inspection teams", world.teams),
                ("police units", world.police),
                ("centres", world.centres_adults and world.centres_minors),
                ("prosecution offices", world.offices),
                ("regions", world.regions),
            )
            if not found
        ]
        if missing or fallback is None:
            raise RuntimeError(
                "The national volume is spread over the demo world's organisations; missing: "
                + ", ".join(missing or ["users"])
            )
        return world


def _progress(total: int, label: str, show: bool) -> tqdm[Any]:
    return tqdm(total=total, desc=label, unit=" persons", file=sys.stderr, disable=not show)


def volume_load(*, persons: int, seed: int = SEED, progress: bool = True) -> VolumeCounts:
    """Add `persons` persons and everything around them, in the issue's proportions."""
    counts = VolumeCounts()
    if persons <= 0:
        return counts
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # One transaction of millions of rows: nothing is lost if the machine stops
                # mid-way (the transaction is simply not there), so no need to wait on fsync.
                cursor.execute("SET LOCAL synchronous_commit = off")
        generator = _Generator(persons, seed, counts, progress)
        generator.run()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(
                    no_style(), generator.ids.models()
                ):
                    cursor.execute(statement)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # plans for the new sizes, before the first page
    return counts


class _Generator:
    def __init__(self, persons: int, seed: int, counts: VolumeCounts, progress: bool) -> None:
        self.persons = persons
        self.rng = random.Random(seed)
        self.counts = counts
        self.progress = progress
        self.ids = _Ids()
        self.writer = _Writer(counts)
        self.world = _World.load()
        self.audit = _Audit(self.ids, self.writer)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.reference_base = self.ids.take(Person, 0) + seed
        self.index = blind_index()
        self.tokens: dict[tuple[str, str, int | None], list[Token]] = {}

    def amount(self, name: str) -> int:
        return max(1, round(self.persons * PER_PERSON[name]))

    def run(self) -> None:
        companies = self.companies()
        worksites = self.worksites(companies)
        self.inspections(worksites)
        cases = self.case_files(companies, worksites)
        self.people(cases)
        self.audit.close()

    # Employers, sites and inspections ----------------------------------------------------

    def companies(self) -> list[int]:
        count = self.amount("companies")
        first = self.ids.take(Company, count)
        sectors = [Sector.F, Sector.I, Sector.A, Sector.N, Sector.C, Sector.G, Sector.H]
        objects = [
            Company(
                id=first + n,
                name=f"{FAMILY[n % len(FAMILY)]} {['BV', 'SRL', 'NV', 'SA'][n % 4]} {n + 1}",
                enterprise_number=f"{(0x3B9ACA07 * (first + n)) % 10**9:09d}".rjust(10, "1"),
                sector=sectors[n % len(sectors)],
                address=f"{STREETS[n % len(STREETS)]} {n % 200 + 1}",
                created_by_organisation=self.world.teams[n % len(self.world.teams)],
                created_at=self.now - timedelta(days=n % 3650),
            )
            for n in range(count)
        ]
        self.writer.write(Company, objects)
        return [c.pk for c in objects]

    def worksites(self, companies: list[int]) -> list[int]:
        count = self.amount("worksites")
        first = self.ids.take(Worksite, count)
        kinds = list(WorksiteKind)
        sites = [
            Worksite(
                id=first + n,
                name=f"{kinds[n % len(kinds)].label} {n + 1}",
                kind=kinds[n % len(kinds)],
                address=f"{STREETS[(n * 7) % len(STREETS)]} {n % 300 + 1}",
                postcode=str(1000 + n % 8000),
                region=self.world.regions[n % len(self.world.regions)],
                created_by_organisation=self.world.teams[n % len(self.world.teams)],
                created_at=self.now - timedelta(days=n % 3650),
            )
            for n in range(count)
        ]
        self.writer.write(Worksite, sites)
        # A principal at the top of each chain; every other site has a contractor under it.
        links: list[ChainLink] = []
        first_link = self.ids.take(ChainLink, count + count // 2)
        next_id = first_link
        for n, site in enumerate(sites):
            principal = ChainLink(
                id=next_id, worksite=site, company_id=companies[n % len(companies)]
            )
            links.append(principal)
            next_id += 1
            if n % 2 == 0:
                contractor = companies[(n * 31 + 7) % len(companies)]
                if contractor != principal.company_id:
                    links.append(
                        ChainLink(
                            id=next_id, worksite=site, company_id=contractor, parent=principal
                        )
                    )
                next_id += 1
        self.writer.write(ChainLink, links)
        return [s.pk for s in sites]

    def inspections(self, worksites: list[int]) -> None:
        count = self.amount("inspections")
        first = self.ids.take(Inspection, count)
        teams = self.world.teams
        sectors = list(Sector)
        batch: list[Inspection] = []
        for n in range(count):
            team = teams[n % len(teams)]
            planned = self.today - timedelta(days=self.rng.randint(-60, 3650))
            done = planned <= self.today - timedelta(days=14)
            batch.append(
                Inspection(
                    id=first + n,
                    reference=scrambled_reference("I", self.reference_base + first + n),
                    team=team,
                    worksite_id=worksites[n % len(worksites)],
                    sector=sectors[n % len(sectors)],
                    trafficking_focused=n % 3 != 0,
                    planned_on=planned,
                    carried_out_on=planned if done else None,
                    reported_on=planned + timedelta(days=10) if done else None,
                    outcome=(
                        [
                            InspectionOutcome.NO_INFRINGEMENT,
                            InspectionOutcome.REGULARISATION,
                            InspectionOutcome.PRO_JUSTITIA,
                            InspectionOutcome.TRAFFICKING_INDICATORS,
                        ][n % 4]
                        if done
                        else ""
                    ),
                    status=InspectionStatus.REPORTED if done else InspectionStatus.PLANNED,
                    created_by=self.world.staff.of(team),
                    created_at=_at(min(planned, self.today) - timedelta(days=7), 8),
                )
            )
            if len(batch) == CHUNK:
                self._inspections_write(batch)
                batch = []
        self._inspections_write(batch)

    def _inspections_write(self, batch: list[Inspection]) -> None:
        self.writer.write(Inspection, batch)
        for inspection in batch:
            self._audit_create(
                inspection.created_at, inspection.team, inspection, "inspection_create"
            )
        self.audit.flush()

    # Case files ----------------------------------------------------------------------------

    def case_files(self, companies: list[int], worksites: list[int]) -> list[CaseFile]:
        count = self.amount("case_files")
        first = self.ids.take(CaseFile, count)
        offices, courts = self.world.offices, self.world.courts
        forms = [ExploitationForm.LABOUR] * 3 + [ExploitationForm.SEXUAL, ExploitationForm.BEGGING]
        cases = []
        for n in range(count):
            office = offices[n % len(offices)]
            opened = self.today - timedelta(days=self.rng.randint(1, 3650))
            court = courts[n % len(courts)] if courts and n % 5 == 0 else None
            cases.append(
                CaseFile(
                    id=first + n,
                    reference=scrambled_reference("C", self.reference_base + first + n),
                    office=office,
                    judicial_district_id=office.judicial_district_id,
                    court=court,
                    title=f"{WorksiteKind.CONSTRUCTION_SITE.label} {n + 1}",
                    summary="Workers housed on site, passports held by the employer.",
                    exploitation_form=forms[n % len(forms)],
                    opened_on=opened,
                    status=CaseStatus.INVESTIGATION if n % 3 else CaseStatus.REGISTERED,
                    created_by=self.world.staff.of(office),
                    created_at=_at(opened, 9),
                )
            )
        for start in range(0, count, CHUNK):
            self.writer.write(CaseFile, cases[start : start + CHUNK])
        assignments: list[CaseAssignment] = []
        links: list[CaseCompany] = []
        for case in cases:
            prosecutor = self.world.staff.of(case.office)
            # The office's own prosecutor where the demo world has one; the others' cases
            # wait for an assignment, as a newly registered case does.
            if case.office_id in self.world.staff.users:
                assignments.append(
                    CaseAssignment(
                        case=case,
                        user=prosecutor,
                        organisation=case.office,
                        role=AssignmentRole.PROSECUTOR,
                        since=case.created_at,
                        assigned_by=prosecutor,
                    )
                )
            employer = companies[(case.pk * 13) % len(companies)]
            contractor = companies[(case.pk * 17 + 5) % len(companies)]
            links.append(
                CaseCompany(
                    case=case,
                    company_id=employer,
                    role=CompanyRole.EMPLOYER,
                    worksite_id=worksites[case.pk % len(worksites)],
                    added_at=case.created_at,
                    added_by=prosecutor,
                )
            )
            if contractor != employer:
                links.append(
                    CaseCompany(
                        case=case,
                        company_id=contractor,
                        role=CompanyRole.CONTRACTOR,
                        added_at=case.created_at,
                        added_by=prosecutor,
                    )
                )
        _number(self.ids, CaseAssignment, assignments)
        _number(self.ids, CaseCompany, links)
        self.writer.write(CaseAssignment, assignments)
        self.writer.write(CaseCompany, links)
        for case in cases:
            self._audit_create(case.created_at, case.office, case, "case_create")
        self.audit.flush()
        return cases

    # Persons and what hangs off them -------------------------------------------------------

    def people(self, cases: list[CaseFile]) -> None:
        with _progress(self.persons, "persons", self.progress) as bar:
            for start in range(0, self.persons, CHUNK):
                size = min(CHUNK, self.persons - start)
                self._people_chunk(start, size, cases)
                bar.update(size)

    def _people_chunk(self, start: int, size: int, cases: list[CaseFile]) -> None:
        rng, world = self.rng, self.world
        first = self.ids.take(Person, size)
        persons: list[Person] = []
        involvements: list[Involvement] = []
        referrals: list[Referral] = []
        victims: list[CaseVictim] = []
        reads: list[tuple[Person, Involvement]] = []
        for offset in range(size):
            n = start + offset
            nationality, languages = NATIONALITIES[n % len(NATIONALITIES)]
            minor = n % 12 == 5
            age = rng.randint(14, 17) if minor else rng.randint(18, 60)
            contact = self.today - timedelta(days=rng.randint(0, 3650))
            person = Person(
                id=first + offset,
                reference=scrambled_reference("P", self.reference_base + first + offset),
                given_names=GIVEN[rng.randrange(len(GIVEN))],
                family_name=FAMILY[rng.randrange(len(FAMILY))],
                birth_date=contact - timedelta(days=age * 365 + rng.randint(0, 364)),  # type: ignore[misc]
                phone=f"+32 4{rng.randint(60, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                nationalities=[nationality],
                languages=languages,
                gender=rng.choices(
                    [Gender.MASCULINE, Gender.FEMININE, Gender.NON_SPECIFIED_UNKNOWN],
                    weights=[62, 34, 4],
                )[0],
                age_at_first_contact=age,
                first_contact_on=contact,
                created_at=_at(contact, 10),
                updated_at=_at(contact, 10),
            )
            persons.append(person)
            # First contact: an inspection team (60 %), a police unit (25 %) or a centre.
            roll = rng.random()
            centres = world.centres_minors if minor else world.centres_adults
            if roll < 0.6:
                frontline = world.teams[n % len(world.teams)]
                basis, purpose = InvolvementBasis.SCREENING, Purpose.INVESTIGATION
            elif roll < 0.85:
                frontline = world.police[n % len(world.police)]
                basis, purpose = InvolvementBasis.FIRST_CONTACT, Purpose.INVESTIGATION
            else:
                frontline = centres[n % len(centres)]
                basis, purpose = InvolvementBasis.FIRST_CONTACT, Purpose.CARE
            opened = [self._involve(person, frontline, purpose, basis, person.created_at)]
            involvements.append(opened[0])
            # A referral to a centre for three in four (accepted for most).
            if purpose != Purpose.CARE and rng.random() < 0.75 / 0.85:
                centre = centres[(n // 7) % len(centres)]
                referral, involvement = self._referral(person, frontline, centre)
                referrals.append(referral)
                if involvement is not None:
                    involvements.append(involvement)
                    opened.append(involvement)
            # The immigration office decides on residence for half of them.
            if rng.random() < 0.55:
                involvements.append(
                    self._involve(
                        person,
                        world.immigration,
                        Purpose.RESIDENCE_DECISION,
                        InvolvementBasis.DECISION_REQUIRED,
                        person.created_at + timedelta(days=20),
                    )
                )
            # A victim in one of the case files for a quarter of them; the court seised too.
            if rng.random() < 0.25:
                case = cases[(n // 5) % len(cases)]
                since = max(case.created_at, person.created_at)
                victims.append(
                    CaseVictim(case=case, person=person, added_at=since, added_by=case.created_by)
                )
                involvements.append(
                    self._involve(
                        person,
                        case.office,
                        Purpose.INVESTIGATION,
                        InvolvementBasis.CASE_FILE,
                        since,
                    )
                )
                if case.court is not None:
                    involvements.append(
                        self._involve(
                            person,
                            case.court,
                            Purpose.INVESTIGATION,
                            InvolvementBasis.CASE_FILE,
                            since,
                        )
                    )
            reads.extend((person, involvement) for involvement in opened)
        first_involvement = self.ids.take(Involvement, len(involvements))
        for index, involvement in enumerate(involvements):
            involvement.pk = first_involvement + index
        for referral in referrals:
            received = getattr(referral, "received", None)
            if received is not None:  # pending: the centre's involvement until it decides
                referral.received_involvement_id = received.pk
        for referral in referrals:
            referral.reference = scrambled_reference("R", self.reference_base + referral.pk)
        _number(self.ids, CaseVictim, victims)
        self.writer.write(Person, persons)
        self._name_index(persons)
        self.writer.write(Involvement, involvements)
        self.writer.write(Referral, referrals)
        self.writer.write(CaseVictim, victims)
        self._audit_people(persons, involvements, referrals, reads, size)
        self.audit.flush()

    def _name_index(self, persons: list[Person]) -> None:
        """The blind-index tokens `person_create` writes, so generated persons are found by
        name (`nrm.people.search`); the names come from short lists, so tokens are cached."""
        tokens: list[tuple[Any, ...]] = []
        states: list[tuple[Any, ...]] = []
        for person in persons:
            year = person.birth_date.year if person.birth_date else None
            key = (person.given_names, person.family_name, year)
            made = self.tokens.get(key)
            if made is None:
                made = self.index.person_tokens((key[0], key[1], ""), year)
                self.tokens[key] = made
            tokens.extend((person.pk, t.value, t.weight) for t in made)
            states.append((person.pk, person.version, self.index.key_id))
        self.writer.write_rows(PersonNameToken, ("person_id", "token", "weight"), tokens)
        self.writer.write_rows(
            PersonNameIndexState, ("person_id", "person_version", "key_id"), states
        )

    def _involve(
        self,
        person: Person,
        organisation: Organisation,
        purpose: str,
        basis: str,
        since: datetime,
    ) -> Involvement:
        return Involvement(
            person=person,
            organisation=organisation,
            purpose=purpose,
            basis=basis,
            since=since,
            created_by=self.world.staff.of(organisation),
        )

    def _referral(
        self, person: Person, frontline: Organisation, centre: Organisation
    ) -> tuple[Referral, Involvement | None]:
        rng = self.rng
        referred_on = person.first_contact_on + timedelta(days=rng.randint(0, 3))
        created = _at(referred_on, 11)
        roll = rng.random()
        recent = referred_on >= self.today - timedelta(days=5)
        if recent and roll < 0.5:
            status = ReferralStatus.PENDING
        elif roll < 0.9:
            status = ReferralStatus.ACCEPTED
        elif roll < 0.97:
            status = ReferralStatus.DECLINED
        else:
            status = ReferralStatus.WITHDRAWN
        decided = None if status == ReferralStatus.PENDING else created + timedelta(hours=20)
        referral = Referral(
            id=self.ids.take(Referral),
            person=person,
            source=(
                ReferralSource.INSPECTION
                if frontline.type == OrganisationType.LABOUR_INSPECTION_TEAM
                else ReferralSource.POLICE
            ),
            referring_organisation=frontline,
            referring_caseworker=self.world.staff.of(frontline),
            referred_organisation=centre,
            region_id=centre.region_id,
            presumed_minor=bool(person.is_minor_at_first_contact),
            referred_on=referred_on,
            reason=ReferralReason.ADDITIONAL_SERVICES_REQUIRED,
            status=status,
            created_at=created,
            respond_by=created + timedelta(days=2),
            decided_at=decided,
            decided_by=None if decided is None else self.world.staff.of(centre),
            referred_event_recorded=status == ReferralStatus.ACCEPTED,
        )
        involvement = None
        if status in (ReferralStatus.PENDING, ReferralStatus.ACCEPTED):
            involvement = self._involve(
                person,
                centre,
                Purpose.CARE,
                (
                    InvolvementBasis.REFERRAL_RECEIVED
                    if status == ReferralStatus.PENDING
                    else InvolvementBasis.REFERRAL_ACCEPTED
                ),
                decided or created,
            )
            if status == ReferralStatus.PENDING:
                referral.received = involvement  # type: ignore[attr-defined]
        return referral, involvement

    # Audit -------------------------------------------------------------------------------

    def _audit_create(
        self, at: datetime, organisation: Organisation, record: models.Model, action: str
    ) -> None:
        self.audit.add(
            at=at,
            user=self.world.staff.of(organisation),
            organisation=organisation,
            role=self.world.roles.get(organisation.pk, ""),
            purpose=_purpose_of(organisation),
            event_type=AuditEventType.CREATE,
            action=action,
            record_type=record._meta.label_lower,
            record_id=str(record.pk),
        )

    def _audit_people(
        self,
        persons: list[Person],
        involvements: list[Involvement],
        referrals: list[Referral],
        reads: list[tuple[Person, Involvement]],
        size: int,
    ) -> None:
        """Creations of what the chunk wrote, then reads of its persons up to the proportion.

        Reads take up what the creations leave of 15 audit rows per person (issue 17's
        installation): persons opened by the organisations following them.
        """
        written = 0
        frontline_of = {i.person_id: i for i in reversed(involvements)}
        for person in persons:
            first = frontline_of[person.pk]
            self.audit.add(
                at=person.created_at,
                user=self.world.staff.of(first.organisation),
                organisation=first.organisation,
                role=self.world.roles.get(first.organisation_id, ""),
                purpose=first.purpose,
                event_type=AuditEventType.CREATE,
                action="person_create",
                record_type="people.person",
                record_id=str(person.pk),
                changes={"reference": {"old": None, "new": person.reference}},
            )
            written += 1
        for involvement in involvements:
            self._audit_create(
                involvement.since, involvement.organisation, involvement, "involvement_open"
            )
            written += 1
        for referral in referrals:
            self._audit_create(
                referral.created_at, referral.referring_organisation, referral, "referral_create"
            )
            written += 1
        wanted = round(size * PER_PERSON["audit_events"]) - written
        if not reads:
            return
        for index in range(max(0, wanted)):
            person, involvement = reads[index % len(reads)]
            organisation = involvement.organisation
            self.audit.add(
                at=involvement.since + timedelta(days=1 + index % 300, minutes=index % 600),
                user=self.world.staff.of(organisation),
                organisation=organisation,
                role=self.world.roles.get(organisation.pk, ""),
                purpose=involvement.purpose,
                event_type=AuditEventType.READ,
                action="person_view",
                record_type="people.person",
                record_id=str(person.pk),
            )


def _number(ids: _Ids, model: type[models.Model], objects: list[Any]) -> None:
    first = ids.take(model, len(objects))
    for index, obj in enumerate(objects):
        obj.pk = first + index


def _purpose_of(organisation: Organisation) -> str:
    T = OrganisationType
    if organisation.type in (T.CENTRE_ADULTS, T.CENTRE_MINORS):
        return Purpose.CARE
    if organisation.type == T.IMMIGRATION_OFFICE:
        return Purpose.RESIDENCE_DECISION
    return Purpose.INVESTIGATION


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
