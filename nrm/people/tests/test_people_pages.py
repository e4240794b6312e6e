"""The person pages: list, record a person, view, edit, history.

Per page: it works, an outsider gets 404, a read-only role gets 403, bad input gets 400 with
a clear message and changes nothing, an edit from a stale version gets 409, and the audit
row is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from nrm.access.models import AuditEvent, AuditEventType, InvolvementBasis, Purpose
from nrm.people.models import Person
from nrm.testing import World

ClientAs = Callable[[str], Client]


def form_data(**fields: Any) -> dict[str, Any]:
    """What the person form posts; nationalities and languages are multiple choices."""
    data: dict[str, Any] = {
        "given_names": "Maria",
        "family_name": "Popescu",
        "nationalities": ["RO"],
        "languages": ["ro"],
        "gender": "NonSpecifiedUnknown",
        "age_at_first_contact": "31",
        "first_contact_on": "2025-03-01",
        "version": "1",
    }
    data.update(fields)
    return data


TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()
# The form's own checks report every fault at once (one page render each: the language
# select is large). The action's rules run only on a valid form, so they come one by one.
FORM_FAULTS = {
    "age_at_first_contact": ("-1", "Ensure this value is greater than or equal to 0."),
    "nationalities": (["XX"], "Select a valid choice. XX is not one of the available choices."),
    "first_contact_on": ("31/02/2025", "Enter a valid date."),
    "document_number": ("AB123456", "Say what kind of document the number is from."),
}
ACTION_FAULTS = [
    pytest.param("birth_date", "The birth date cannot be in the future.", id="birth-date"),
    pytest.param("first_contact_on", "The first contact cannot be in the future.", id="contact"),
]


def audit_rows(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# The list ------------------------------------------------------------------------------


def test_the_list_shows_references_and_no_names(world: World, client_as: ClientAs) -> None:
    mine = world.person("caseworker_a", given_names="Ileana", family_name="Vasilescu")

    response = client_as("caseworker_a").get("/people/")

    assert response.status_code == 200
    text = response.content.decode()
    assert mine.reference in text
    assert "Ileana" not in text
    assert "Vasilescu" not in text
    assert response["Cache-Control"] == "no-store"


def test_the_list_leaves_out_persons_of_other_organisations(
    world: World, client_as: ClientAs
) -> None:
    mine = world.person("caseworker_a")
    theirs = world.person("caseworker_b")

    text = client_as("caseworker_a").get("/people/").content.decode()

    assert mine.reference in text
    assert theirs.reference not in text


def test_the_list_read_is_audited_with_the_references_shown(
    world: World, client_as: ClientAs
) -> None:
    first = world.person("caseworker_a")
    second = world.person("caseworker_a", first_contact_on=first.first_contact_on)

    client_as("caseworker_a").get("/people/")

    (row,) = audit_rows("person_list")
    assert row.event_type == AuditEventType.READ
    assert row.actor == world.users["caseworker_a"]
    assert row.purpose == Purpose.CARE
    assert (row.record_type, row.record_id) == ("people.person", "*")
    assert row.changes is not None
    assert sorted(row.changes["references"]) == sorted([first.reference, second.reference])


def test_a_bad_filter_gets_400_and_lists_nothing(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_a")

    response = client_as("caseworker_a").get("/people/", {"nationality": "XX"})

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert person.reference not in response.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_makes_the_same_few_queries_however_many_persons(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    count: int,
) -> None:
    for _ in range(count):
        world.person("caseworker_a")
    client = client_as("caseworker_a")

    # Sign-in: session, user, second factor, membership. The list: one page, no count
    # (issue 17). Its audit row: purpose, savepoint, chain head, insert, head update,
    # release. The layout's memberships. Saving the session: savepoint, update, release.
    with django_assert_num_queries(15):
        response = client.get("/people/")

    assert response.status_code == 200


# Recording a person --------------------------------------------------------------------


def test_it_records_a_person_and_involves_the_organisation(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("caseworker_a").post(
        "/people/new/", form_data(given_names="Ana", family_name="Dumitru")
    )

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.reference}/"
    assert (person.given_names, person.family_name) == ("Ana", "Dumitru")
    involvement = person.involvements.get()
    assert involvement.organisation == world.organisations["PAG-ASA"]
    assert (involvement.purpose, involvement.basis) == (
        Purpose.CARE,
        InvolvementBasis.FIRST_CONTACT,
    )
    (row,) = audit_rows("person_create")
    assert row.event_type == AuditEventType.CREATE
    assert row.actor == world.users["caseworker_a"]
    assert row.record_id == str(person.pk)


# A prosecutor may record persons: suspects the police have not met (nrm/access/policy.py).
@pytest.mark.parametrize("persona", ["judge", "immigration", "analyst", "admin"])
def test_roles_that_may_not_record_persons_get_403(
    world: World, client_as: ClientAs, persona: str
) -> None:
    client = client_as(persona)

    assert client.get("/people/new/").status_code == 403
    assert client.post("/people/new/", form_data()).status_code == 403
    assert not Person.objects.exists()


def test_recording_with_bad_input_gets_400_naming_each_fault_and_records_nothing(
    world: World, client_as: ClientAs
) -> None:
    faults = {name: value for name, (value, _message) in FORM_FAULTS.items()}

    response = client_as("inspector").post("/people/new/", form_data(**faults))

    assert response.status_code == 400
    text = response.content.decode()
    for _value, message in FORM_FAULTS.values():
        assert message in text
    assert not Person.objects.exists()
    assert not audit_rows("person_create")


@pytest.mark.parametrize(("field", "message"), ACTION_FAULTS)
def test_recording_a_date_in_the_future_gets_400_and_records_nothing(
    world: World, client_as: ClientAs, field: str, message: str
) -> None:
    response = client_as("inspector").post("/people/new/", form_data(**{field: TOMORROW}))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Person.objects.exists()
    assert not audit_rows("person_create")


# Viewing a person ----------------------------------------------------------------------


def test_it_shows_the_record_with_its_identity(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector", given_names="Ileana", family_name="Vasilescu")

    response = client_as("inspector").get(f"/people/{person.reference}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Ileana" in text
    assert "Vasilescu" in text
    assert f"/people/{person.reference}/edit/" in text
    assert response["Cache-Control"] == "no-store"


def test_it_hides_a_person_from_another_centre(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_b")

    response = client_as("caseworker_a").get(f"/people/{person.reference}/")

    assert response.status_code == 404
    assert not audit_rows("person_view")


def test_viewing_a_person_is_audited(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")

    client_as("teamlead").get(f"/people/{person.reference}/")

    (row,) = audit_rows("person_view")
    assert row.actor == world.users["teamlead"]
    assert row.record_id == str(person.pk)


def test_it_sends_strangers_to_sign_in(world: World, client: Client) -> None:
    person = world.person("inspector")

    response = client.get(f"/people/{person.reference}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_read_only_role_sees_no_edit_button(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector")
    world.involve(person, "judge", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)

    response = client_as("judge").get(f"/people/{person.reference}/")

    assert response.status_code == 200
    assert f"/people/{person.reference}/edit/" not in response.content.decode()


# Editing a person ----------------------------------------------------------------------


def test_it_edits_a_person_and_audits_old_and_new_values(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector", family_name="Popescu")
    client = client_as("inspector")

    form = client.get(f"/people/{person.reference}/edit/")
    response = client.post(
        f"/people/{person.reference}/edit/", form_data(family_name="Ionescu", version="1")
    )

    assert form.status_code == 200
    assert 'value="Popescu"' in form.content.decode()
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.family_name, person.version) == ("Ionescu", 2)
    (row,) = audit_rows("person_update")
    assert row.actor == world.users["inspector"]
    # An identity field is named, never its values (the trail outlives anonymisation).
    assert row.changes == {"family_name": "changed"}


def test_an_outsider_cannot_open_or_post_the_edit_form(world: World, client_as: ClientAs) -> None:
    person = world.person("caseworker_b", family_name="Popescu")
    client = client_as("caseworker_a")

    assert client.get(f"/people/{person.reference}/edit/").status_code == 404
    response = client.post(f"/people/{person.reference}/edit/", form_data(family_name="X"))

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.family_name == "Popescu"


def test_a_read_only_role_gets_403_on_the_edit_form(world: World, client_as: ClientAs) -> None:
    person = world.person("inspector", family_name="Popescu")
    world.involve(person, "judge", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    client = client_as("judge")

    get = client.get(f"/people/{person.reference}/edit/")
    post = client.post(f"/people/{person.reference}/edit/", form_data(family_name="X"))

    assert get.status_code == 403
    assert post.status_code == 403
    assert "Your role does not allow this." in post.content.decode()
    person.refresh_from_db()
    assert (person.family_name, person.version) == ("Popescu", 1)
    assert not audit_rows("person_update")


def test_editing_with_bad_input_gets_400_naming_each_fault_and_changes_nothing(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector", family_name="Popescu")
    faults = {name: value for name, (value, _message) in FORM_FAULTS.items()}

    response = client_as("inspector").post(
        f"/people/{person.reference}/edit/", form_data(family_name="Ionescu", **faults)
    )

    assert response.status_code == 400
    text = response.content.decode()
    for _value, message in FORM_FAULTS.values():
        assert message in text
    person.refresh_from_db()
    assert (person.family_name, person.version) == ("Popescu", 1)
    assert not audit_rows("person_update")


def test_editing_in_a_birth_date_in_the_future_gets_400_and_changes_nothing(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("inspector", family_name="Popescu")

    response = client_as("inspector").post(
        f"/people/{person.reference}/edit/",
        form_data(family_name="Ionescu", birth_date=TOMORROW),
    )

    assert response.status_code == 400
    assert "The birth date cannot be in the future." in response.content.decode()
    person.refresh_from_db()
    assert (person.family_name, person.birth_date, person.version) == ("Popescu", None, 1)
    assert not audit_rows("person_update")


def test_the_second_of_two_edits_from_the_same_version_gets_409_and_changes_nothing(
    world: World, client_as: ClientAs
) -> None:
    person = world.person("caseworker_a", family_name="Popescu")
    world.involve(person, "director_a", Purpose.CARE)
    url = f"/people/{person.reference}/edit/"

    first = client_as("caseworker_a").post(url, form_data(family_name="Ionescu", version="1"))
    second = client_as("director_a").post(url, form_data(family_name="Georgescu", version="1"))

    assert first.status_code == 302
    assert second.status_code == 409
    assert "Someone else changed this record while you were editing." in (second.content.decode())
    person.refresh_from_db()
    assert (person.family_name, person.version) == ("Ionescu", 2)
    (row,) = audit_rows("person_update")
    assert row.actor == world.users["caseworker_a"]


# History -------------------------------------------------------------------------------


@pytest.fixture
def edited_person(world: World, client_as: ClientAs) -> Person:
    """Met by the inspectors, referred to centre A, in a case file, then corrected."""
    person = world.person("inspector", family_name="Popescu")
    world.involve(person, "caseworker_a", Purpose.CARE)
    world.involve(person, "prosecutor", Purpose.INVESTIGATION, InvolvementBasis.CASE_FILE)
    response = client_as("inspector").post(
        f"/people/{person.reference}/edit/", form_data(family_name="Ionescu")
    )
    assert response.status_code == 302
    return person


@pytest.mark.parametrize("persona", ["director_a", "teamlead", "prosecutor"])
def test_roles_with_history_see_the_changes(
    world: World, client_as: ClientAs, edited_person: Person, persona: str
) -> None:
    response = client_as(persona).get(f"/people/{edited_person.reference}/history/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "person_update" in text
    assert "<code>family_name</code>: (changed)" in text
    assert "Ionescu" not in text
    assert "person_create" in text


@pytest.mark.parametrize("persona", ["director_a", "teamlead", "prosecutor"])
def test_viewing_the_history_is_itself_audited(
    world: World, client_as: ClientAs, edited_person: Person, persona: str
) -> None:
    client_as(persona).get(f"/people/{edited_person.reference}/history/")

    (row,) = audit_rows("person_history_view")
    assert row.event_type == AuditEventType.READ
    assert row.actor == world.users[persona]
    assert row.record_id == str(edited_person.pk)


def test_a_caseworker_who_may_see_the_person_is_refused_its_history(
    world: World, client_as: ClientAs, edited_person: Person
) -> None:
    client = client_as("caseworker_a")
    assert client.get(f"/people/{edited_person.reference}/").status_code == 200

    response = client.get(f"/people/{edited_person.reference}/history/")

    # The caseworker may see the person, so the refusal is a 403 (an outsider gets 404);
    # either way nothing is shown or recorded as read.
    assert response.status_code == 403
    assert "Popescu" not in response.content.decode()
    assert not audit_rows("person_history_view")


def test_only_roles_with_history_get_the_history_button(
    world: World, client_as: ClientAs, edited_person: Person
) -> None:
    url = f"/people/{edited_person.reference}/"
    history = f"/people/{edited_person.reference}/history/"

    assert history in client_as("director_a").get(url).content.decode()
    assert history not in client_as("caseworker_a").get(url).content.decode()


def test_the_history_hides_other_organisations_reads_for_other_purposes(
    world: World, client_as: ClientAs, edited_person: Person
) -> None:
    world.involve(edited_person, "caseworker_a", Purpose.CARE)
    client_as("caseworker_a").get(f"/people/{edited_person.reference}/")
    world.involve(edited_person, "prosecutor", Purpose.INVESTIGATION)

    text = (
        client_as("prosecutor").get(f"/people/{edited_person.reference}/history/").content.decode()
    )

    assert "person_update" in text
    assert "caseworker_a" not in text


def test_editing_on_the_page_keeps_documents_the_form_does_not_show(
    world: World, client_as: ClientAs
) -> None:
    person = world.person(
        "inspector",
        documents=[
            {"type": "PASSPORT", "number": "RO1234567", "country": "RO"},
            {"type": "ID_CARD", "number": "X99", "country": "RO"},
        ],
    )
    client = client_as("inspector")
    page = client.get(f"/people/{person.reference}/edit/")
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["family_name"] = "Ionescu"
    data["first_contact_on"] = person.first_contact_on.isoformat()
    response = client.post(f"/people/{person.reference}/edit/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.documents == [
        {"type": "PASSPORT", "number": "RO1234567", "country": "RO"},
        {"type": "ID_CARD", "number": "X99", "country": "RO"},
    ]
