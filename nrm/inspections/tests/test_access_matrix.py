"""Who sees what of labour inspection, persona by persona (404 for what is not theirs).

Inspectors see their team's inspections and the joint actions they take part in; police
and prosecutors what their organisation takes part in through joint actions; centres only
the joint actions they take part in and the referrals made to them, never inspections.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from nrm.inspections.actions import evidence_add
from nrm.inspections.tests.helpers import (
    a_joint_action,
    a_screening,
    a_worksite,
    an_inspection,
    carried_out,
)
from nrm.inspections.tests.test_evidence import MINIMAL_PDF
from nrm.testing import PERSONAS, World

ClientAs = Callable[[str], Client]


@dataclass
class Records:
    joint_inspection: str
    own_inspection: str
    joint_action: str
    screening: str
    evidence: str
    worksite: int


@pytest.fixture
def records(world: World) -> Records:
    site = a_worksite(world)
    joint_action = a_joint_action(world)
    joint_inspection = carried_out(
        world, an_inspection(world, worksite=site, joint_action=joint_action)
    )
    own = an_inspection(world, worksite=site)
    screening = a_screening(world, joint_inspection)
    evidence = evidence_add(
        actor=world.actor("inspector"),
        inspection=joint_inspection,
        kind="PAY_SLIP",
        upload=io.BytesIO(MINIMAL_PDF),
    )
    return Records(
        joint_inspection.reference,
        own.reference,
        joint_action.reference,
        screening.reference,
        evidence.reference,
        site.pk,
    )


# persona: (joint inspection, own inspection, joint action, screening, evidence, targets,
#           employer register)
EXPECTED: dict[str, tuple[int, int, int, int, int, int, int]] = {
    "inspector": (200, 200, 200, 200, 200, 200, 200),
    "teamlead": (200, 200, 200, 200, 200, 200, 200),
    "investigator": (200, 404, 200, 200, 200, 403, 200),
    "prosecutor": (200, 404, 200, 200, 200, 403, 200),
    "judge": (404, 404, 404, 404, 404, 403, 403),
    "caseworker_a": (404, 404, 200, 404, 404, 403, 403),
    "director_a": (404, 404, 200, 404, 404, 403, 403),
    "caseworker_b": (404, 404, 404, 404, 404, 403, 403),
    "caseworker_minors": (404, 404, 404, 404, 404, 403, 403),
    "immigration": (404, 404, 404, 404, 404, 403, 403),
    "coordinator": (404, 404, 404, 404, 404, 200, 403),
    "analyst": (404, 404, 404, 404, 404, 403, 403),
    "admin": (404, 404, 404, 404, 404, 403, 403),
}


def test_the_matrix_covers_every_persona() -> None:
    assert set(EXPECTED) == set(PERSONAS)


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_sees_exactly_its_share(
    world: World, client_as: ClientAs, records: Records, persona: str
) -> None:
    client = client_as(persona)
    got = (
        client.get(f"/inspections/{records.joint_inspection}/").status_code,
        client.get(f"/inspections/{records.own_inspection}/").status_code,
        client.get(f"/inspections/joint-actions/{records.joint_action}/").status_code,
        client.get(f"/inspections/screenings/{records.screening}/").status_code,
        client.get(f"/inspections/evidence/{records.evidence}/").status_code,
        client.get("/inspections/targets/").status_code,
        client.get("/inspections/companies/").status_code,
    )
    assert got == EXPECTED[persona]


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_api_answers_alike(
    world: World, client_as: ClientAs, records: Records, persona: str
) -> None:
    client = client_as(persona)
    expected = EXPECTED[persona]
    got = (
        client.get(f"/api/v1/inspections/{records.joint_inspection}").status_code,
        client.get(f"/api/v1/inspections/{records.own_inspection}").status_code,
        client.get(f"/api/v1/joint-actions/{records.joint_action}").status_code,
        client.get(f"/api/v1/screenings/{records.screening}").status_code,
        client.get(f"/api/v1/evidence/{records.evidence}").status_code,
    )
    assert got == expected[:5]


def test_the_home_navigation_follows_the_role(world: World, client_as: ClientAs) -> None:
    assert 'href="/inspections/"' in client_as("inspector").get("/").content.decode()
    centre = client_as("caseworker_a").get("/").content.decode()
    assert 'href="/inspections/"' not in centre
    assert 'href="/inspections/joint-actions/"' in centre
    assert 'href="/inspections/targets/"' in client_as("coordinator").get("/").content.decode()
    immigration = client_as("immigration").get("/").content.decode()
    assert "/inspections/" not in immigration


def test_a_centre_opening_the_inspections_list_is_sent_to_its_joint_actions(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("caseworker_a").get("/inspections/")
    assert response.status_code == 302
    assert response["Location"] == "/inspections/joint-actions/"
    assert client_as("immigration").get("/inspections/").status_code == 403
