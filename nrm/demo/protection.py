"""The demo world's residence-status pathways: one person in every Belgian state.

Every event is recorded through `pathway_event_record` by the persona whose organisation
takes it (the centre accepts the person, the immigration office issues documents, the
police take the complaint, the prosecutor gives opinions and requests a conviction), with
dates in the past relative to `today`, so deadlines, reminders and overdue items look as
they would in real use. Among them: a reflection period that ends in three days, a
temporary permit whose renewal is overdue, an unaccompanied minor on the MENA path with
the guardian the Guardianship Service appointed, a request the centre filed (with a paper)
waiting in the immigration office's inbox, a person with legal stay (judicial steps, no
immigration document or deadline), a permit renewed after it had expired (a lapse), and a
dismissal under status review (RULES.md §3.6).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from nrm.access.actions import involvement_open
from nrm.access.context import Actor
from nrm.access.models import Involvement, InvolvementBasis, Purpose
from nrm.people.models import Person
from nrm.protection.actions import Upload, pathway_event_record, pathway_facts_update
from nrm.protection.models import PathwayRecord

# The demo's centre caseworkers, by their centre's short name.
CENTRE_PERSONAS = {
    "PAG-ASA": "caseworker",
    "Payoke": "caseworker.payoke",
    "Minor-Ndako": "caseworker.minors",
}
CENTRE = "centre"  # stands for the person's own centre in the scripts below

# Who records each event type in the scripts (RULES.md §3; CONTRACTS.md §2).
RECORDER = {
    "DETECTED": "inspector",
    "REFERRED": CENTRE,
    "REFLECTION_DOCUMENT_ISSUED": "immigration",
    "COMPLAINT_FILED": "investigator",
    "PROVISIONAL_DOCUMENT_ISSUED": "immigration",
    "PROSECUTOR_OPINION": "prosecutor",
    "TEMPORARY_PERMIT_ISSUED": "immigration",
    "TEMPORARY_PERMIT_RENEWED": "immigration",
    "TRAFFICKING_CHARGE_REQUESTED": "prosecutor",
    "PERMANENT_RESIDENCE_GRANTED": "immigration",
    "DISMISSAL": "prosecutor",
    "HUMANITARIAN_RESIDENCE_GRANTED": "immigration",
    "RECONTACT_WITH_EXPLOITER": CENTRE,
    "STATUS_END_DECIDED": "immigration",
    "VOLUNTARY_RETURN": CENTRE,
    "DOCUMENT_REQUESTED": CENTRE,
    "GUARDIAN_APPOINTED": CENTRE,
}

# A one-page PDF standing for the papers a centre attaches to a request.
DEMO_PAPER = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\n/Producer (pypdf)\n>>\nendobj\n"
    b"2 0 obj\n<<\n/Type /Pages\n/Count 1\n/Kids [ 4 0 R ]\n>>\nendobj\n"
    b"3 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n"
    b"4 0 obj\n<<\n/Type /Page\n/MediaBox [ 0 0 72 72 ]\n/Parent 2 0 R\n>>\nendobj\n"
    b"xref\n0 5\n0000000000 65535 f \n0000000015 00000 n \n0000000054 00000 n \n"
    b"0000000113 00000 n \n0000000162 00000 n \n"
    b"trailer\n<<\n/Size 5\n/Root 3 0 R\n/Info 1 0 R\n>>\nstartxref\n233\n%%EOF\n"
)

# (days before today, event type, positive opinion)
Step = tuple[int, str, bool | None]


def _start(days: int) -> list[Step]:
    """Accepted by a centre and given the reflection document on the same day."""
    return [(days, "REFERRED", None), (days, "REFLECTION_DOCUMENT_ISSUED", None)]


def _to_temporary(start: int, complaint: int, permit: int) -> list[Step]:
    return [
        *_start(start),
        (complaint, "COMPLAINT_FILED", None),
        (complaint, "PROVISIONAL_DOCUMENT_ISSUED", None),
        (permit, "PROSECUTOR_OPINION", True),
        (permit, "TEMPORARY_PERMIT_ISSUED", None),
    ]


@dataclass(frozen=True)
class Script:
    name: str
    steps: list[Step]
    minor: bool = False
    legal_stay: bool = False
    # Step index -> the document a DOCUMENT_REQUESTED step asks for.
    documents: dict[int, str] = field(default_factory=dict)
    guardian: str = ""

    @property
    def first_day(self) -> int:
        return max(days for days, _type, _positive in self.steps)


SCRIPTS = [
    Script("detected", [(2, "DETECTED", None)]),
    Script("referred", [(1, "REFERRED", None)]),
    # 45 days from 42 days ago: the reflection period ends in three days.
    Script("reflection ending in 3 days", _start(42)),
    Script("reflection", _start(10)),
    Script(
        "provisional stay",
        [*_start(60), (40, "COMPLAINT_FILED", None), (40, "PROVISIONAL_DOCUMENT_ISSUED", None)],
    ),
    # Six months from 200 days ago: the permit expired about two weeks ago, not renewed.
    Script("temporary permit, renewal overdue", _to_temporary(300, 280, 200)),
    Script(
        "temporary permit renewed",
        [
            *_to_temporary(330, 320, 250),
            (70, "PROSECUTOR_OPINION", True),
            (70, "TEMPORARY_PERMIT_RENEWED", None),
        ],
    ),
    # Permit of 300 days ago ran out about 117 days ago; renewed 95 days ago: a lapse.
    Script(
        "temporary permit renewed after it expired",
        [
            *_to_temporary(330, 320, 300),
            (100, "PROSECUTOR_OPINION", True),
            (95, "TEMPORARY_PERMIT_RENEWED", None),
        ],
    ),
    # The prosecutor dismissed the case 10 days ago: the immigration office reviews.
    Script(
        "dismissal under status review",
        [*_to_temporary(180, 170, 150), (10, "DISMISSAL", None)],
    ),
    # The centre asked for the temporary permit 5 days ago, with a paper.
    Script(
        "request in the immigration inbox",
        [
            *_start(70),
            (50, "COMPLAINT_FILED", None),
            (50, "PROVISIONAL_DOCUMENT_ISSUED", None),
            (6, "PROSECUTOR_OPINION", True),
            (5, "DOCUMENT_REQUESTED", None),
        ],
        documents={5: "PERMIT"},
    ),
    # A person with legal stay: no annex 15, no permit, no immigration deadline.
    Script(
        "legal stay",
        [
            (40, "REFERRED", None),
            (38, "COMPLAINT_FILED", None),
            (20, "PROSECUTOR_OPINION", True),
        ],
        legal_stay=True,
    ),
    Script(
        "temporary permit, re-contact under review",
        [*_to_temporary(200, 190, 120), (5, "RECONTACT_WITH_EXPLOITER", None)],
    ),
    Script(
        "permanent residence",
        [
            *_to_temporary(500, 470, 400),
            (220, "PROSECUTOR_OPINION", True),
            (220, "TEMPORARY_PERMIT_RENEWED", None),
            (60, "TRAFFICKING_CHARGE_REQUESTED", None),
            (30, "PERMANENT_RESIDENCE_GRANTED", None),
        ],
    ),
    Script("status ended", [*_start(120), (70, "STATUS_END_DECIDED", None)]),
    Script("voluntary return", [*_start(90), (60, "VOLUNTARY_RETURN", None)]),
    Script(
        "humanitarian residence",
        [
            *_to_temporary(900, 880, 800),
            (620, "PROSECUTOR_OPINION", True),
            (620, "TEMPORARY_PERMIT_RENEWED", None),
            (400, "DISMISSAL", None),
            (100, "HUMANITARIAN_RESIDENCE_GRANTED", None),
        ],
    ),
    # An unaccompanied minor: no reflection period, the provisional document at once.
    Script(
        "unaccompanied minor",
        [
            (20, "REFERRED", None),
            (20, "GUARDIAN_APPOINTED", None),
            (19, "PROVISIONAL_DOCUMENT_ISSUED", None),
        ],
        minor=True,
        guardian="Guardian appointed by the Guardianship Service (demo)",
    ),
]

# The organisation each persona acts for opens its own involvement, as the referral, the
# case-file and screening actions will.
_INVOLVEMENT = {
    "inspector": (Purpose.INVESTIGATION, InvolvementBasis.SCREENING),
    "investigator": (Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE),
    "prosecutor": (Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE),
    "judge": (Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE),
}


def build_pathways(actors: dict[str, Actor], persons: list[Person], today: date) -> None:
    """Give some of `persons` a pathway, one script each; scripts that find no suitable
    person (a small world without minors) are left out."""
    taken = set(PathwayRecord.objects.values_list("person_id", flat=True))
    for script in SCRIPTS:
        person = _pick(persons, taken, minor=script.minor, since=today - _days(script))
        if person is None:
            continue
        taken.add(person.pk)
        _play(actors, person, script, today)


def _days(script: Script) -> timedelta:
    return timedelta(days=script.first_day)


def _pick(persons: Sequence[Person], taken: set[int], *, minor: bool, since: date) -> Person | None:
    """A free person of the right age group, preferring one first met before the script
    starts (the oldest contact otherwise), so that the story fits their record."""
    free = [p for p in persons if p.pk not in taken and bool(p.is_minor_at_first_contact) == minor]
    if not free:
        return None
    fitting = [p for p in free if p.first_contact_on <= since]
    if fitting:
        return max(fitting, key=lambda p: (p.first_contact_on, p.pk))
    return min(free, key=lambda p: (p.first_contact_on, p.pk))


def _play(actors: dict[str, Actor], person: Person, script: Script, today: date) -> None:
    centre = _centre_persona(person, minor=script.minor)
    involved: set[str] = set()
    offset = 0
    if script.legal_stay:
        _involve(actors[centre], centre, person, centre_persona=centre)
        involved.add(centre)
        pathway_facts_update(
            actor=actors[centre],
            person=person,
            expected_version=0,
            unaccompanied_minor=False,
            has_legal_stay=True,
            age_at_identification=person.age_at_first_contact,
        )
        offset = 1
    # Each accepted event moves the pathway's version on by one.
    for index, (days, event_type, positive) in enumerate(script.steps):
        version = index + offset
        persona = RECORDER[event_type]
        if persona == CENTRE:
            persona = centre
        actor = actors[persona]
        if persona not in involved:
            _involve(actor, persona, person, centre_persona=centre)
            involved.add(persona)
        document = script.documents.get(index)
        papers = (
            [Upload(stream=io.BytesIO(DEMO_PAPER), size=len(DEMO_PAPER), name="request.pdf")]
            if document
            else []
        )
        pathway_event_record(
            actor=actor,
            person=person,
            event_type=event_type,
            on=today - timedelta(days=days),
            expected_version=version,
            positive=positive,
            document=document,
            papers=papers,
            guardian_name=script.guardian if event_type == "GUARDIAN_APPOINTED" else "",
        )


def _centre_persona(person: Person, *, minor: bool) -> str:
    """The caseworker of the centre that already cares for the person, else the default."""
    names = Involvement.objects.filter(
        person=person, purpose=Purpose.CARE, until__isnull=True
    ).values_list("organisation__short_name", flat=True)
    for name in names:
        if name in CENTRE_PERSONAS:
            return CENTRE_PERSONAS[name]
    return "caseworker.minors" if minor else "caseworker"


def _involve(actor: Actor, persona: str, person: Person, *, centre_persona: str) -> None:
    """Open the recording organisation's involvement if it has none yet. The immigration
    office needs none: the pathway involves it when it has a decision to take."""
    if actor.organisation is None or persona == "immigration":
        return
    if persona == centre_persona:
        purpose, basis = Purpose.CARE, InvolvementBasis.REFERRAL_ACCEPTED
    else:
        purpose, basis = _INVOLVEMENT[persona]
    involvement_open(
        actor=actor, person=person, organisation=actor.organisation, purpose=purpose, basis=basis
    )
