"""Re-screening a worker the team met before: the person is found with the person picker
(issue 16 item 1), and the reference it fills in links the known person."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from nrm.inspections.models import Screening
from nrm.inspections.tests.helpers import TODAY, a_screening, an_inspection, carried_out
from nrm.testing import World

ClientAs = Callable[[str], Client]


def test_the_screening_form_finds_a_known_worker_with_the_picker(
    world: World, client_as: ClientAs
) -> None:
    first = a_screening(world, carried_out(world, an_inspection(world)))
    # Met again at a later inspection.
    inspection = carried_out(world, an_inspection(world))
    client = client_as("inspector")

    form = client.get(f"/inspections/{inspection.reference}/screen/").content.decode()
    assert "/people/picker/" in form  # the search box under the reference field

    # What the picker (or a hurried user) fills in: any case, spaces around.
    response = client.post(
        f"/inspections/{inspection.reference}/screen/",
        {
            "person_mode": "link",
            "person_reference": f"  {first.person.reference.lower()} ",
            "gender": "Feminine",
            "screened_on": TODAY.isoformat(),
            "consent": "CONSENTED",
        },
    )
    assert response.status_code == 302
    second = Screening.objects.exclude(pk=first.pk).get()
    assert second.person_id == first.person_id


def test_a_reference_of_the_wrong_shape_is_refused_and_saves_nothing(
    world: World, client_as: ClientAs
) -> None:
    inspection = carried_out(world, an_inspection(world))
    response = client_as("inspector").post(
        f"/inspections/{inspection.reference}/screen/",
        {
            "person_mode": "link",
            "person_reference": "Popescu",
            "gender": "Feminine",
            "screened_on": TODAY.isoformat(),
            "consent": "NOT_ASKED",
        },
    )
    assert response.status_code == 400
    assert "find the person by name" in response.content.decode()
    assert not Screening.objects.exists()
