"""The one person picker (issue 16 §1): a reference field that degrades to a plain input,
and its search — at most ten persons the user may see, by name or reference, audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django import forms
from django.test import Client

from nrm.access.models import AuditEvent
from nrm.people.models import Person
from nrm.people.picker import PersonPickerField, picked_person
from nrm.people.views_picker import PICKER_LIMIT
from nrm.testing import World

ClientAs = Callable[[str], Client]


class ChooseForm(forms.Form):
    person = PersonPickerField()


@pytest.fixture
def maria(world: World) -> Person:
    return world.person(
        "inspector", given_names="Maria", family_name="Popescu", birth_date=date(1994, 5, 2)
    )


def test_the_field_takes_a_typed_reference_in_any_case_and_refuses_others() -> None:
    form = ChooseForm({"person": " p-7k3m-q9xd "})
    assert form.is_valid()
    assert form.cleaned_data["person"] == "P-7K3M-Q9XD"
    for wrong in ("Popescu", "P-7K3M", "R-7K3M-Q9XD"):
        form = ChooseForm({"person": wrong})
        assert not form.is_valid()
        assert "reference" in str(form.errors["person"])
    assert not ChooseForm({"person": ""}).is_valid()  # required by default


def test_the_widget_is_a_plain_reference_input_with_a_hidden_search(
    world: World, client_as: ClientAs
) -> None:
    html = str(ChooseForm()["person"])
    # Without JavaScript: the reference input is what the form submits.
    assert 'name="person"' in html
    assert 'id="id_person"' in html
    # The search box is hidden until people/picker.js reveals it, and never submitted.
    assert "data-picker-search hidden" in html
    assert 'name="q" form=""' in html
    assert "/people/picker/" in html
    assert "people/picker.js" in html


def test_picked_person_resolves_visible_persons_only(world: World, maria: Person) -> None:
    form = ChooseForm({"person": maria.reference})
    assert form.is_valid()
    assert picked_person(world.actor("inspector"), form, "person") == maria
    form = ChooseForm({"person": maria.reference})
    assert form.is_valid()
    # Another organisation: the same answer as a reference that does not exist.
    assert picked_person(world.actor("caseworker_b"), form, "person") is None
    assert "No person you may see" in str(form.errors["person"])


def test_the_search_finds_by_misspelt_name_and_shows_what_tells_persons_apart(
    world: World, client_as: ClientAs, maria: Person
) -> None:
    elsewhere = world.person("caseworker_b", given_names="Maria", family_name="Popescu")
    answer = client_as("inspector").get("/people/picker/", {"q": "popesku", "for": "id_person"})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert maria.reference in page
    assert "POPESCU" in page
    assert "1994" in page
    assert "Romania" in page
    assert 'data-picker-target="id_person"' in page
    assert elsewhere.reference not in page
    audit = AuditEvent.objects.filter(action="person_picker").latest("id")
    assert audit.changes == {"references": [maria.reference]}
    # The search words are personal data: never in the trail.
    assert "popesku" not in str(audit.changes)


def test_the_search_finds_by_the_start_of_a_reference(
    world: World, client_as: ClientAs, maria: Person
) -> None:
    start = maria.reference[:6]
    page = client_as("inspector").get("/people/picker/", {"q": start.lower()}).content.decode()
    assert maria.reference in page


def test_the_search_answers_at_most_ten(world: World, client_as: ClientAs) -> None:
    for _ in range(PICKER_LIMIT + 2):
        world.person("inspector", given_names="Ion", family_name="Popa")
    page = client_as("inspector").get("/people/picker/", {"q": "Popa"}).content.decode()
    assert page.count("data-picker-choose=") == PICKER_LIMIT


def test_short_or_unsafe_input_finds_nothing_and_echoes_nothing(
    world: World, client_as: ClientAs, maria: Person
) -> None:
    answer = client_as("inspector").get("/people/picker/", {"q": "P", "for": '"><script>'})
    assert answer.status_code == 200
    assert maria.reference not in answer.content.decode()
    assert "<script>" not in answer.content.decode()
    assert not AuditEvent.objects.filter(action="person_picker").exists()


def test_roles_that_see_no_persons_are_refused(world: World, client_as: ClientAs) -> None:
    assert client_as("analyst").get("/people/picker/", {"q": "Popescu"}).status_code == 403
    assert client_as("coordinator").get("/people/picker/", {"q": "Popescu"}).status_code == 403
