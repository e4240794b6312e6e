"""Who sees which person: every persona against every kind of record, on pages and the API.

The table is the specification. A person is visible only through an open involvement of the
persona's own organisation, for a purpose the persona's role serves (and, where members are
assigned, only to them and the organisation's heads). Everything else is a 404 that looks
exactly like a reference that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from nrm.access.actions import involvement_end, involvement_open
from nrm.access.context import actor_for
from nrm.access.models import AuditEvent, AuditEventType, InvolvementBasis, Purpose
from nrm.administration.actions import user_create
from nrm.organisations.models import Role
from nrm.people.models import Person
from nrm.testing import PASSWORD, PERSONAS, World, approved_membership

MISSING = "P-ZZZZ-ZZZZ"

RECORDS = ("inspection", "centre_a", "centre_b", "case_file", "immigration", "ended", "missing")
# fmt: off
MATRIX: dict[str, tuple[int, ...]] = {
    #                     inspection centre_a centre_b case_file immigration ended missing
    "inspector":         (200,       200,     404,     404,      404,        404,  404),
    "teamlead":          (200,       200,     404,     404,      404,        404,  404),
    "investigator":      (404,       404,     404,     200,      404,        404,  404),
    "prosecutor":        (404,       404,     404,     200,      404,        404,  404),
    "judge":             (404,       404,     404,     404,      404,        404,  404),
    "caseworker_a":      (404,       200,     404,     404,      404,        404,  404),
    "director_a":        (404,       200,     404,     404,      404,        404,  404),
    "caseworker_b":      (404,       404,     200,     404,      200,        404,  404),
    "caseworker_minors": (404,       404,     404,     404,      404,        404,  404),
    "immigration":       (404,       404,     404,     404,      200,        404,  404),
    "coordinator":       (404,       404,     404,     404,      404,        404,  404),
    "analyst":           (404,       404,     404,     404,      404,        404,  404),
    "admin":             (404,       404,     404,     404,      404,        404,  404),
}
# fmt: on

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def make_records(world: World) -> dict[str, str]:
    """One person per kind of record, each made the way the mechanism makes it."""
    # Met by the inspection team at a worksite.
    inspection = world.person("inspector", family_name="Inspectionova")
    # Met by the inspection team and referred to centre A, which accepted.
    centre_a = world.person("inspector", family_name="Centrea")
    world.involve(centre_a, "caseworker_a", Purpose.CARE)
    # A hotline call to centre B.
    centre_b = world.person("caseworker_b", family_name="Centreb")
    # Recorded by the police and named in the prosecutor's case file.
    case_file = world.person("investigator", family_name="Casefile")
    world.involve(case_file, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    # Centre B filed a residence request: the immigration office must decide.
    immigration = world.person("caseworker_b", family_name="Immigrant")
    world.involve(
        immigration, "immigration", Purpose.RESIDENCE_DECISION, InvolvementBasis.DECISION_REQUIRED
    )
    # Centre A closed its file: the involvement has ended.
    ended = world.person("caseworker_a", family_name="Ended")
    involvement_end(actor=world.actor("caseworker_a"), involvement=ended.involvements.get())
    return {
        "inspection": inspection.reference,
        "centre_a": centre_a.reference,
        "centre_b": centre_b.reference,
        "case_file": case_file.reference,
        "immigration": immigration.reference,
        "ended": ended.reference,
        "missing": MISSING,
    }


def add_member(world: World, persona: str, organisation: str, role: str) -> None:
    """A further persona, made like the shared ones, so a client can sign in as them."""
    admin = world.actor("admin")
    user, _password = user_create(
        actor=admin,
        username=persona,
        first_name=persona.title(),
        last_name="Tester",
        email=f"{persona}@example.invalid",
        password=PASSWORD,
    )
    user.must_change_password = False
    user.save(update_fields=["must_change_password"])
    membership = approved_membership(
        world, user=user, organisation=world.organisations[organisation], role=role
    )
    world.users[persona] = user
    world.actors[persona] = actor_for(user, membership)
    world.devices[persona] = TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def page_404_body(content: bytes, reference: str) -> str:
    """The page without what differs per request anyway: the CSRF mask and the own path."""
    body = _CSRF.sub('name="csrfmiddlewaretoken" value=""', content.decode())
    return body.replace(reference, "<reference>")


def test_the_matrix_covers_every_persona() -> None:
    assert set(MATRIX) == set(PERSONAS)
    assert all(len(row) == len(RECORDS) for row in MATRIX.values())


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_persona_sees_exactly_the_persons_of_their_involvements(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    references = make_records(world)
    client = client_as(persona)
    expected = dict(zip(RECORDS, MATRIX[persona], strict=True))

    pages = {kind: client.get(f"/people/{ref}/") for kind, ref in references.items()}
    api = {kind: client.get(f"/api/v1/persons/{ref}") for kind, ref in references.items()}

    assert {kind: r.status_code for kind, r in pages.items()} == expected
    assert {kind: r.status_code for kind, r in api.items()} == expected
    missing_page = page_404_body(pages["missing"].content, MISSING)
    for kind, ref in references.items():
        if expected[kind] == 404:
            # "Not yours" must not be told apart from "does not exist".
            assert page_404_body(pages[kind].content, ref) == missing_page, kind
            assert api[kind].content == api["missing"].content, kind
            assert api[kind].json() == {
                "error": {"code": "not_found", "message": "No such person."}
            }
        else:
            person = Person.objects.get(reference=ref)
            assert person.family_name in pages[kind].content.decode()
            assert api[kind].json()["identity"]["family_name"] == person.family_name
    # Every allowed read is audited, each refusal reads nothing.
    reads = AuditEvent.objects.filter(
        actor=world.users[persona], event_type=AuditEventType.READ, record_type="people.person"
    )
    assert reads.count() == 2 * list(expected.values()).count(200)


@pytest.mark.parametrize("persona", ["admin", "analyst", "coordinator"])
def test_roles_without_case_work_list_no_person(
    world: World, client_as: Callable[[str], Client], persona: str
) -> None:
    references = make_records(world)
    client = client_as(persona)

    page = client.get("/people/")
    api = client.get("/api/v1/persons")

    assert page.status_code == 200
    assert not any(ref in page.content.decode() for ref in references.values())
    assert api.json() == {"results": [], "next_cursor": None}


def test_the_analyst_never_sees_an_identity(
    world: World, client_as: Callable[[str], Client]
) -> None:
    make_records(world)
    client = client_as("analyst")

    home = client.get("/")
    listing = client.get("/api/v1/persons")

    assert home.status_code == 200
    text = home.content.decode()
    assert "persons in the mechanism" in text  # the de-identified overview is there
    for person in Person.objects.all():
        assert person.family_name not in text
        assert person.reference not in text
    assert listing.json() == {"results": [], "next_cursor": None}


def test_an_assigned_involvement_is_seen_by_its_assignees_and_the_heads_only(
    world: World, client_as: Callable[[str], Client]
) -> None:
    add_member(world, "caseworker_a2", "PAG-ASA", Role.CASEWORKER)
    person = world.person("inspector")
    caseworker = world.actor("caseworker_a")
    assert caseworker.organisation is not None
    involvement_open(
        actor=caseworker,
        person=person,
        organisation=caseworker.organisation,
        purpose=Purpose.CARE,
        basis=InvolvementBasis.REFERRAL_ACCEPTED,
        assigned=[world.users["caseworker_a2"]],
    )

    def seen(persona: str) -> tuple[int, int, bool]:
        client = client_as(persona)
        listed = client.get("/api/v1/persons").json()["results"]
        return (
            client.get(f"/people/{person.reference}/").status_code,
            client.get(f"/api/v1/persons/{person.reference}").status_code,
            person.reference in [row["reference"] for row in listed],
        )

    assert seen("caseworker_a2") == (200, 200, True)  # assigned
    assert seen("director_a") == (200, 200, True)  # the centre's head
    assert seen("caseworker_a") == (404, 404, False)  # same centre, not assigned
    # The inspection team's own involvement carries no assignment: unchanged for them.
    assert seen("inspector") == (200, 200, True)


def test_assigning_an_inspector_hides_the_person_from_the_rest_of_the_team_but_the_lead(
    world: World, client_as: Callable[[str], Client]
) -> None:
    add_member(world, "inspector2", "ECOSOC Brussels", Role.INSPECTOR)
    person = world.person("inspector")
    assert client_as("inspector2").get(f"/people/{person.reference}/").status_code == 200

    inspector = world.actor("inspector")
    assert inspector.organisation is not None
    involvement_open(
        actor=inspector,
        person=person,
        organisation=inspector.organisation,
        purpose=Purpose.INVESTIGATION,
        basis=InvolvementBasis.SCREENING,
        assigned=[world.users["inspector"]],
    )

    assert client_as("inspector").get(f"/people/{person.reference}/").status_code == 200
    assert client_as("teamlead").get(f"/people/{person.reference}/").status_code == 200
    assert client_as("inspector2").get(f"/people/{person.reference}/").status_code == 404


def test_a_centres_care_involvement_gives_the_prosecutor_nothing(
    world: World, client_as: Callable[[str], Client]
) -> None:
    person = world.person("caseworker_a")
    # Even an involvement of the prosecutor's own office is useless for the wrong purpose.
    world.involve(person, "prosecutor", Purpose.CARE, InvolvementBasis.CONSENT)
    prosecutor = client_as("prosecutor")

    assert prosecutor.get(f"/people/{person.reference}/").status_code == 404
    assert prosecutor.get(f"/api/v1/persons/{person.reference}").status_code == 404
    assert prosecutor.get("/api/v1/persons").json() == {"results": [], "next_cursor": None}

    # A case file that names the person is the basis that opens it, for investigation.
    world.involve(person, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)

    assert prosecutor.get(f"/people/{person.reference}/").status_code == 200
    read = AuditEvent.objects.filter(actor=world.users["prosecutor"]).latest("id")
    assert read.purpose == Purpose.INVESTIGATION


def test_ending_an_involvement_ends_access_at_once(
    world: World, client_as: Callable[[str], Client]
) -> None:
    person = world.person("caseworker_b")
    client = client_as("caseworker_b")
    assert client.get(f"/people/{person.reference}/").status_code == 200

    involvement_end(actor=world.actor("caseworker_b"), involvement=person.involvements.get())

    assert client.get(f"/people/{person.reference}/").status_code == 404
    assert client.get(f"/api/v1/persons/{person.reference}").status_code == 404
    assert person.reference not in client.get("/people/").content.decode()
